"""The Draft page: a scheme's YAML edited in the browser, checked as you type (each problem
at its line and field, in the CLI's words), the agreement previewed beside it, and the scheme
file and the agreement (Word, PDF, Markdown) downloaded. Each session's draft lives in
state().drafts; its last check and last preview that built are held here, in memory."""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from s75docs.errors import ErrorList, S75Error, UsageError
from s75docs.web.common import form_token, save_upload, state, without_folder, workspace
from s75docs.web.drafting import (
    MAX_DRAFT_BYTES,
    Draft,
    Problem,
    check_draft,
    problems_of,
    readable_field,
    starter_text,
)
from s75docs.web.jobs import Progress
from s75docs.web.results import Download, Stored

page = Blueprint("draft", __name__)

SUFFIXES = (".yaml", ".yml")
# The preview is the agreement as HTML: no scripts, nothing fetched, only its own styles,
# even when opened on its own rather than in the page's sandboxed frame.
PREVIEW_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
    " frame-ancestors 'self'; sandbox allow-same-origin"
)
# the agreement's links show where the keyboard is, as the page's own do
FOCUS_STYLE = "<style>a:focus{outline:3px solid #ffdd00;box-shadow:0 0 0 6px #0b0c0c}</style>"
NO_PREVIEW = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>No preview yet</title>'
    '</head><body style="font-family:Arial,sans-serif;color:#505a5f">'
    '<h1 style="font-size:1.2em;color:#0b0c0c">No preview yet</h1>'
    "<p>The agreement is shown here once the scheme has no problems.</p>"
    "</body></html>"
)


@dataclass
class Seen:
    """A session's last check: the text checked, its problems, and the last preview that
    built (kept while the draft has problems, marked out of date)."""

    lock: threading.Lock = field(default_factory=threading.Lock)  # one check at a time
    text: str | None = None
    problems: list[Problem] = field(default_factory=list)
    html: str = ""
    version: int = 0  # goes up each time the preview changes

    @property
    def stale(self) -> bool:
        return bool(self.problems)


class Checks:
    """Each session's last check, the least recently used dropped past `keep`."""

    def __init__(self, keep: int = 64) -> None:
        self._keep = keep
        self._held: OrderedDict[str, Seen] = OrderedDict()
        self._guard = threading.Lock()

    def of(self, owner: str) -> Seen:
        with self._guard:
            seen = self._held.get(owner)
            if seen is None:
                seen = self._held[owner] = Seen()
            self._held.move_to_end(owner)
            while len(self._held) > self._keep:
                self._held.popitem(last=False)
            return seen

    def forget(self, owner: str) -> None:
        """A new draft begins: the last check and preview were another scheme's."""
        with self._guard:
            self._held.pop(owner, None)


def _checks() -> Checks:
    held = current_app.extensions.setdefault("s75docs.draft", Checks())
    assert isinstance(held, Checks)
    return held


def label(problem: Problem) -> str:
    """A problem as the page lists it: "Line 12, scheme 1, contribution 2, amount: " and
    the CLI's message (the field in words a reader counts in, from 1)."""
    field = readable_field(problem.field)
    line = f"Line {problem.line}" if problem.line else ""
    where = ", ".join(part for part in (line, field) if part)
    return f"{where}: {problem.message}" if where else problem.message


def one_line(problems: list[Problem]) -> str:
    """Why a draft with problems cannot be made into an agreement, in one line."""
    first = problems[0].text.replace("\n", " ")
    more = len(problems) - 1
    rest = f" (and {more} more {'problem' if more == 1 else 'problems'})" if more else ""
    return f"{first}{rest}: fix the scheme before making the agreement"


def _check(draft: Draft) -> Seen:
    """The draft checked as `validate` and `build` would (once per text), its preview kept."""
    seen = _checks().of(form_token())
    with seen.lock:
        if seen.text != draft.text:
            preview = check_draft(draft.text, draft.name, state().libraries)
            seen.text, seen.problems = draft.text, preview.problems
            if preview.html is not None and preview.html != seen.html:
                seen.html, seen.version = preview.html, seen.version + 1
    return seen


def _sent_draft() -> Draft:
    """The text the form sent, saved as the session's draft (its name and original kept)."""
    text = request.form.get("text")
    if text is None:
        raise UsageError("the form sent no scheme text: reload the page and try again")
    size = len(text.encode("utf-8"))
    if size > MAX_DRAFT_BYTES:
        raise UsageError(
            f"the scheme is too large ({size:,} bytes; at most {MAX_DRAFT_BYTES:,}):"
            " a scheme file is tens of kilobytes"
        )
    text = text.replace("\r\n", "\n")
    held = state().drafts.get(form_token())
    draft = Draft(held.name if held else "scheme.yaml", text, held.original if held else None)
    state().drafts.put(form_token(), draft)
    return draft


def _editor(draft: Draft, seen: Seen | None, error: str | None = None) -> dict[str, Any]:
    problems = seen.problems if seen else []
    return {
        "draft": draft,
        "problems": [{"line": p.line, "label": label(p)} for p in problems],
        "version": seen.version if seen else 0,
        "stale": bool(seen and seen.stale),
        "error": error,
        "max_bytes": MAX_DRAFT_BYTES,
    }


def _page(draft: Draft, seen: Seen | None, error: str | None = None) -> tuple[str, int]:
    html = render_template("draft.html", **_editor(draft, seen, error))
    return html, 400 if error else 200


@page.get("/draft")
def index() -> tuple[str, int]:
    draft = state().drafts.get(form_token())
    if draft is None or request.args.get("start"):
        replacing = draft.name if draft else None
        return render_template("draft.html", error=None, replacing=replacing), 200
    try:
        return _page(draft, _check(draft))
    except S75Error as exc:
        return _page(draft, None, str(exc).splitlines()[0])


@page.post("/draft/new")
def start_new() -> BaseResponse:
    _checks().forget(form_token())
    state().drafts.put(form_token(), Draft("scheme.yaml", starter_text(), None))
    return redirect(url_for("draft.index"), 303)


@page.post("/draft/upload")
def upload() -> BaseResponse:
    """An uploaded scheme file becomes the draft, and the original Vary compares it with. It
    must be a .yaml or .yml file of UTF-8 text within the draft's size limit; its YAML may
    have problems (they are listed on the page, to be fixed there)."""
    from s75docs.model.loader import read_yaml

    with workspace() as folder:
        path = save_upload(request.files.get("scheme"), folder, "scheme file", SUFFIXES)
        size = path.stat().st_size
        if size > MAX_DRAFT_BYTES:
            raise UsageError(
                f"{path.name}: too large for a scheme file ({size:,} bytes; at most"
                f" {MAX_DRAFT_BYTES:,})"
            )
        try:
            read_yaml(path)  # the CLI's reader: text that is not UTF-8 is refused here
        except S75Error as exc:
            if exc.code == "file-unreadable":
                raise
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    _checks().forget(form_token())
    state().drafts.put(form_token(), Draft(path.name, text, text))
    return redirect(url_for("draft.index"), 303)


@page.post("/draft/check")
def check() -> tuple[str, int] | tuple[Response, int] | BaseResponse:
    """The sent text checked and saved. The page's script asks for JSON (problems, and the
    preview's version to load); without scripts the browser is sent back to the page, which
    shows this check's result (a reload does not post the text again)."""
    wants_json = request.form.get("format") == "json"
    try:
        draft = _sent_draft()
        seen = _check(draft)
    except S75Error as exc:
        message = str(exc).splitlines()[0]
        if wants_json:
            return jsonify(error=message), 400
        held = state().drafts.get(form_token())
        if held is None:
            raise
        return _page(held, None, message)
    if not wants_json:
        return redirect(url_for("draft.index"), 303)
    return jsonify(
        count=len(seen.problems),
        problems=[
            {
                "line": p.line,
                "field": p.field,
                "message": p.message,
                "text": p.text,
                "label": label(p),
            }
            for p in seen.problems
        ],
        version=seen.version,
        stale=seen.stale,
    )


@page.get("/draft/preview")
def preview() -> Response:
    """The last preview that built, for the page's sandboxed frame."""
    seen = _checks().of(form_token())
    page = (seen.html or NO_PREVIEW).replace("</head>", FOCUS_STYLE + "</head>", 1)
    response = Response(page, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PREVIEW_POLICY
    response.headers["Cache-Control"] = "no-store"
    return response


@page.post("/draft/scheme")
def download_scheme() -> Response:
    """The scheme file as it is in the editor, at once."""
    draft = _sent_draft()
    item = Download(draft.name, draft.text.encode("utf-8"))
    return send_file(
        io.BytesIO(item.data), item.mimetype, as_attachment=True, download_name=item.filename
    )


@page.post("/draft/agreement")
def make_agreement() -> BaseResponse | tuple[str, int]:
    """The agreement as Word, PDF and Markdown, made as a job; the browser goes to its page.
    A draft whose problems are known is refused at once, in one line."""
    draft = _sent_draft()
    seen = _checks().of(form_token())
    if seen.text == draft.text and seen.problems:
        return _page(draft, seen, one_line(seen.problems))
    owner, libraries = form_token(), list(state().libraries)

    def work(progress: Progress) -> Stored:
        return _agreement(draft, owner, libraries, progress)

    job = state().jobs.submit(
        owner, f"Make the agreement from {draft.name}", work, back=url_for("draft.index")
    )
    return redirect(url_for("jobs.show", job_id=job.id), 303)


def _agreement(draft: Draft, owner: str, libraries: list[Path], progress: Progress) -> Stored:
    """The job: the draft checked, built, written as Word and Markdown and converted to PDF
    by LibreOffice, with the scheme file beside them."""
    from s75docs.pipeline import agreement_as_it_stands, render_bytes
    from s75docs.validate import validate

    stem = PurePosixPath(draft.name).stem
    with workspace() as folder:
        path = folder / draft.name
        path.write_text(draft.text, encoding="utf-8")
        progress("Checking the scheme")
        errors = validate(path, [], None, libraries)
        if errors:
            cleaned = without_folder(ErrorList(errors), folder)
            raise UsageError(one_line(problems_of(cleaned, draft.name)))
        progress("Building the agreement")
        doc = agreement_as_it_stands(path, libraries)
        progress("Writing Word")
        word = render_bytes(doc, "docx")
        markdown = render_bytes(doc, "md")
        progress("Converting to PDF (LibreOffice)")
        pdf = render_bytes(doc, "pdf")
    return Stored(
        owner,
        draft.name,
        {
            "docx": Download(f"{stem}.docx", word),
            "pdf": Download(f"{stem}.pdf", pdf),
            "md": Download(f"{stem}.md", markdown),
            "yaml": Download(draft.name, draft.text.encode("utf-8")),
        },
    )
