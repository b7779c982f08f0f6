"""The Draft page's form view (/draft/form): the session's draft as a form generated from the
scheme's JSON Schema, written back into its YAML on "Apply and preview" (or, with
JavaScript, as you type), with the CLI's problems beside the inputs they name and the
agreement's live preview below."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import yaml
from flask import Blueprint, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from s75docs.errors import UsageError
from s75docs.web.common import form_token, state
from s75docs.web.drafting import Draft, Preview, Problem, check_draft, starter_text
from s75docs.web.scheme_form import Form, Table, compose, describe, money_total, year_of
from s75docs.web.scheme_form_apply import add_column, add_row, apply, carry

page = Blueprint("draft_form", __name__)

STALE = (
    "The draft was changed elsewhere (in the YAML editor or another tab) since this form"
    " was opened: the form now shows the draft as it is, and your last change was not applied."
)
_ENTRY = re.compile(r"^schemes\[(\d+)\]\.contributions(?:\[(\d+)\](?:\.(\w+))?)?")


def current() -> Draft:
    return state().drafts.get(form_token()) or Draft("scheme.yaml", starter_text(), None)


def base_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _parsed(text: str) -> Form | None:
    try:
        return describe(text)
    except yaml.YAMLError:
        return None


def _table_problem(form: Form, problem: Problem) -> str | None:
    """Put a contribution's problem beside its cell, row or year; the input's id."""
    match = _ENTRY.match(problem.field)
    if match is None:
        return None
    i = int(match.group(1))
    t = form.schemes[i][1] if i < len(form.schemes) else None
    if t is None:
        return None
    if match.group(2) is None:
        t.errors.append(problem.text)
        return t.id
    k, sub = int(match.group(2)), match.group(3)
    for p, row in enumerate(t.rows):
        for q, cell in enumerate(row.cells):
            if cell.entry != k:
                continue
            if sub in ("partner", "line"):
                row.errors.setdefault(sub, []).append(problem.text)
                return f"t{i}-r{p}-{sub}"
            if sub == "year":
                t.columns[q].errors.append(problem.text)
                return f"t{i}-y{q}"
            cell.errors.append(problem.text)
            return cell.id
    return None


def place_problems(form: Form | None, problems: list[Problem]) -> list[dict[str, Any]]:
    """Each problem beside the input its field names; the summary's entries (with a link to
    the input, or the line when the form has no input for it)."""
    fields = {}
    if form is not None:
        groups = [g for g in (form.agreement,) if g is not None]
        groups += form.partners + [g for g, _ in form.schemes]
        fields = {f.path: f for g in groups for f in g.fields()}
    summary = []
    for problem in problems:
        target = None
        if problem.field in fields:
            fields[problem.field].errors.append(problem.text)
            target = fields[problem.field].id
        elif form is not None:
            target = _table_problem(form, problem)
        summary.append({"text": problem.text, "id": target, "line": problem.line})
    return summary


def totals(t: Table) -> dict[str, Any]:
    """The table's totals as the page first shows them (scheme_form.js keeps them as you type)."""
    columns = range(len(t.columns))
    partners = list(dict.fromkeys([*t.partners, *(r.partner for r in t.rows if r.partner)]))

    def of(rows: list[int]) -> list[str | None]:
        sums = [money_total([t.rows[p].cells[q].value for p in rows]) for q in columns]
        every = [t.rows[p].cells[q].value for p in rows for q in columns]
        return [*sums, money_total(every)]

    return {
        "rows": [money_total([c.value for c in r.cells]) for r in t.rows],
        "partners": [
            (key, of([p for p, r in enumerate(t.rows) if r.partner == key])) for key in partners
        ],
        "all": of(list(range(len(t.rows)))),
    }


def _context(draft: Draft, form: Form | None, preview: Preview, notes: list[str]) -> dict[str, Any]:
    summary = place_problems(form, preview.problems)
    tables = [t for _, t in form.schemes if t is not None] if form else []
    return {
        "error": None,
        "draft": draft,
        "form": form,
        "base": base_of(draft.text),
        "summary": summary,
        "notes": notes,
        "preview": preview.html,
        "totals": {t.scheme: totals(t) for t in tables},
    }


@page.get("/draft/form")
def index() -> str:
    draft = current()
    preview = check_draft(draft.text, draft.name, state().libraries)
    return render_template("draft_form.html", **_context(draft, _parsed(draft.text), preview, []))


def _client_ids(form: Form) -> dict[str, Any]:
    """For the page as the browser holds it: each posted row's and year's place in the
    new table, and the ids the new table's inputs have in the browser."""
    get = request.form.get
    ids: dict[str, Any] = {}
    renames: dict[str, str] = {}
    for _, t in form.schemes:
        if t is None:
            continue
        i = t.scheme
        count_rows = int(get(f"t{i}-rows", "0") or 0)
        count_cols = int(get(f"t{i}-cols", "0") or 0)
        by_row = {(r.partner, r.line): p for p, r in reversed(list(enumerate(t.rows)))}
        by_col = {c.year: q for q, c in reversed(list(enumerate(t.columns)))}
        rows: list[int | str] = []
        for p in range(min(count_rows, 500)):
            key = (get(f"t{i}-r{p}-partner", "").strip(), get(f"t{i}-r{p}-line", "").strip())
            new = by_row.get(key)
            known = t.rows[new].key if new is not None else None
            rows.append(known if known is not None else "")
            if new is not None:
                renames[f"t{i}-r{new}-"] = f"t{i}-r{p}-"
        cols: list[int | str] = []
        col_renames: dict[int, int] = {}
        for q in range(min(count_cols, 50)):
            new = by_col.get(year_of(get(f"t{i}-y{q}", "").strip()))
            known = t.columns[new].key if new is not None else None
            cols.append(known if known is not None else "")
            if new is not None:
                col_renames[new] = q
        ids[str(i)] = {"rows": rows, "cols": cols, "colmap": col_renames}
    return {"ids": ids, "renames": renames}


def _client_id(target: str | None, renames: dict[str, str], ids: dict[str, Any]) -> str | None:
    if target is None:
        return None
    match = re.match(r"^t(\d+)-(?:r(\d+)-(c(\d+)|partner|line)|y(\d+))$", target)
    if match is None:
        return target
    i = match.group(1)
    colmap = ids.get(i, {}).get("colmap", {})
    if match.group(5) is not None:
        return f"t{i}-y{colmap.get(int(match.group(5)), match.group(5))}"
    row = renames.get(f"t{i}-r{match.group(2)}-", f"t{i}-r{match.group(2)}-")
    if match.group(4) is not None:
        return f"{row}c{colmap.get(int(match.group(4)), match.group(4))}"
    return f"{row}{match.group(3)}"


@page.post("/draft/form")
def apply_form() -> ResponseReturnValue:
    draft = current()
    wants_json = request.form.get("format") == "json"
    action = request.form.get("action", "")
    notes: list[str] = []
    form = _parsed(draft.text)
    if request.form.get("base") != base_of(draft.text) or form is None:
        if wants_json:
            return jsonify({"stale": True})
        notes.append(STALE)
    else:
        applied = apply(draft.text, form, request.form.get, request.form.getlist, action)
        try:
            compose(applied.text)
        except yaml.YAMLError:
            raise UsageError(
                "the form could not write these values into the YAML: change them in the YAML"
                " editor"
            ) from None
        notes = applied.notes
        if applied.text != draft.text:
            draft = Draft(draft.name, applied.text, draft.original)
            state().drafts.put(form_token(), draft)
        form = _parsed(draft.text)
        if form is not None:
            carry(form, request.form.get)
            _extend(form, action)
    preview = check_draft(draft.text, draft.name, state().libraries)
    context = _context(draft, form, preview, notes)
    if wants_json:
        assert form is not None
        client = _client_ids(form)
        return jsonify(
            {
                "base": context["base"],
                "notes": notes,
                "problems": [
                    {**s, "id": _client_id(s["id"], client["renames"], client["ids"])}
                    for s in context["summary"]
                ],
                "ids": {
                    i: {"rows": v["rows"], "cols": v["cols"]} for i, v in client["ids"].items()
                },
                "preview": preview.html,
            }
        )
    return render_template("draft_form.html", **context)


def _extend(form: Form, action: str) -> None:
    """A row or a year added to a table (the page's buttons without JavaScript)."""
    kind, _, index = action.partition(":")
    if kind not in ("add-row", "add-year") or not index.isdigit():
        return
    for _, t in form.schemes:
        if t is not None and t.scheme == int(index):
            if kind == "add-row":
                add_row(t)
            else:
                add_column(t)
