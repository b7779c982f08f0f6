"""Fill a Word report template (docxtpl) with a report's context; the default templates ship in
s75docs/data/report_templates/ (written by tools/make_report_templates.py)."""

from __future__ import annotations

import datetime as dt
import io
from importlib.resources import files
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from docxtpl import DocxTemplate  # type: ignore[import-untyped]
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from s75docs.errors import InputError, Location, UsageError
from s75docs.model.meeting import ReportKind
from s75docs.ooxml import core_text, set_a4


def default_template(kind: ReportKind) -> bytes:
    """The template that ships with the package for this kind of report."""
    return files("s75docs").joinpath(f"data/report_templates/{kind.value}.docx").read_bytes()


def render_report(
    template: bytes,
    context: dict[str, Any],
    *,
    name: str = "template",
    stamp: dt.datetime | None = None,
) -> bytes:
    """Fill the template; a house template's mistake is reported against its file name."""
    try:
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several types for a bad package
        raise UsageError(f"cannot open the report template: {exc}", Location(name)) from None
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    props: Any = tpl.docx.core_properties

    def render_properties(context: dict[str, Any], jinja_env: Any = None) -> None:
        """docxtpl's, with each property cut to what a core property holds (255)."""
        for prop in ("author", "comments", "identifier", "language", "subject", "title"):
            text = env.from_string(getattr(props, prop) or "").render(context)
            setattr(props, prop, core_text(text))

    tpl.render_properties = render_properties
    try:
        tpl.render(context, jinja_env=env)
    except TemplateError as exc:
        raise InputError(f"template error: {exc.message or exc}", Location(name)) from None
    word: Any = tpl.docx
    for section in word.element.body.iter(qn("w:sectPr")):
        set_a4(section, margins=False)  # A4 always; a house template keeps its margins
    _fit_tables(word, context)
    props = word.core_properties
    props.title = core_text(str(context.get("title", "")))
    props.subject = core_text(str(context.get("kind_name", "")))
    props.last_modified_by = "s75docs"
    props.revision = 1
    when = stamp or dt.datetime(2000, 1, 1)
    props.created = when
    props.modified = when
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _cell_text(tc: Any) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t"))).strip()


def _fit_tables(word: Any, context: dict[str, Any]) -> None:
    """Give each report table the column widths of its context table: docxtpl spreads columns
    made by a loop evenly, which squeezes the text columns of money tables."""
    wanted: dict[tuple[str, ...], list[int]] = {}
    money: dict[tuple[str, ...], set[int]] = {}
    least: dict[tuple[tuple[str, ...], int], int] = {}
    for table in context.get("tables", {}).values():
        header = tuple(str(c["text"]) for c in table["header"])
        if table.get("widths") and len(table["widths"]) == len(header):
            wanted[header] = [int(w) for w in table["widths"]]
        money[header] = {
            i for row in table["rows"] for i, c in enumerate(row["cells"]) if c.get("money")
        }
        for i in money[header]:
            texts = [str(c["text"]) for c in table["header"][i : i + 1]]
            texts += [str(r["cells"][i]["text"]) for r in table["rows"] if len(r["cells"]) > i]
            least[header, i] = max(map(_one_line, texts), default=0)
    for tbl in word.element.body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        if not rows:
            continue
        header = tuple(_cell_text(tc) for tc in rows[0].findall(qn("w:tc")))
        _no_wrap(rows, money.get(header, set()))
        widths = wanted.get(header)
        grid = tbl.find(qn("w:tblGrid"))
        if widths is None or grid is None:
            continue
        cols = grid.findall(qn("w:gridCol"))
        total = sum(int(c.get(qn("w:w")) or 0) for c in cols) or 9000
        share = _widen(
            [total * w // sum(widths) for w in widths],
            {i: least[header, i] for i in money.get(header, set())},
        )
        for col in cols:
            grid.remove(col)
        for w in share:
            col = grid.makeelement(qn("w:gridCol"), {qn("w:w"): str(w)})
            grid.append(col)
        for tr in rows:
            cells = tr.findall(qn("w:tc"))
            if len(cells) != len(share):
                continue
            for tc, w in zip(cells, share, strict=True):
                tcpr = tc.find(qn("w:tcPr"))
                if tcpr is None:
                    tcpr = tc.makeelement(qn("w:tcPr"), {})
                    tc.insert(0, tcpr)
                tcw = tcpr.find(qn("w:tcW"))
                if tcw is None:
                    tcw = tcpr.makeelement(qn("w:tcW"), {})
                    tcpr.insert(0, tcw)
                tcw.set(qn("w:w"), str(w))
                tcw.set(qn("w:type"), "dxa")


# Arial's advance widths in ems: figures and "£" are 0.556, "," and "." 0.278 (bold the same)
_NARROW = set(",.:;' ")


def _one_line(text: str, half_points: int = 19) -> int:
    """The width in twips a money cell needs to hold `text` on one line in the report's
    9.5pt Arial, with a tenth to spare and the cell's 108-twip margins either side."""
    ems = sum(0.278 if ch in _NARROW else 0.556 for ch in text)
    return int(ems * half_points * 10 * 1.1) + 2 * 108 + 1


def _widen(share: list[int], least: dict[int, int]) -> list[int]:
    """Widen each money column to `least` (its longest amount on one line), taking the width
    from the other columns in proportion to theirs; unchanged if there are none to take from."""
    wanted = [max(w, least.get(i, 0)) for i, w in enumerate(share)]
    short = sum(wanted) - sum(share)
    others = [i for i in range(len(share)) if i not in least]
    spare = sum(share[i] for i in others)
    if short <= 0 or spare <= short:
        return share
    for i in others:
        wanted[i] = share[i] - short * share[i] // spare
    return wanted


# the elements that follow w:noWrap in a cell's properties (CT_TcPr's sequence)
_AFTER_NO_WRAP = ("w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def _no_wrap(rows: list[Any], columns: set[int]) -> None:
    """Keep each amount on one line: Word and LibreOffice otherwise break a figure such as
    £11,905,340.00 inside a narrow money column ("£11,905,340.0" and "0" below it)."""
    if not columns:
        return
    for tr in rows:
        for i, tc in enumerate(tr.findall(qn("w:tc"))):
            if i not in columns:
                continue
            tcpr = tc.find(qn("w:tcPr"))
            if tcpr is None:
                tcpr = tc.makeelement(qn("w:tcPr"), {})
                tc.insert(0, tcpr)
            if tcpr.find(qn("w:noWrap")) is not None:
                continue
            element = tcpr.makeelement(qn("w:noWrap"), {})
            later = [c for c in tcpr if c.tag in {qn(t) for t in _AFTER_NO_WRAP}]
            if later:
                later[0].addprevious(element)
            else:
                tcpr.append(element)


def template_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError("no such template", Location(str(path))) from None
    except OSError as exc:
        raise UsageError(f"cannot read template: {exc}", Location(str(path))) from None
