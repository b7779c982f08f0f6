"""The Check page: upload an agreement, see the summary, outline and findings, download
the annotated Word file and the JSON. The upload is read by the CLI's own readers in a
temporary folder removed afterwards; the browser never names a path on the server."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request, send_file
from werkzeug.utils import secure_filename

from s75docs.check.findings import Finding
from s75docs.errors import S75Error, UsageError
from s75docs.web.app import form_token
from s75docs.web.outline_view import outline_sections
from s75docs.web.results import Stored, WebState

page = Blueprint("check", __name__)

_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")
SEVERITIES = ("error", "warning", "info")


def upload_name(filename: str) -> str:
    """A safe name for the uploaded file in the temporary folder (and in messages): its
    own name stripped of any folder and unusual character, keeping the suffix the readers
    go by."""
    pure = PurePosixPath(filename.replace("\\", "/"))
    stem, suffix = pure.stem, pure.suffix.lower()
    if not suffix and _SUFFIX.match(pure.name.lower()):  # ".docx" alone
        stem, suffix = "", pure.name.lower()
    suffix = suffix if _SUFFIX.match(suffix) else ""
    stem = secure_filename(stem)[:80] or "agreement"
    return stem + suffix


def _where(f: Finding, kind: str) -> str:
    number = f.line if f.line is not None else f.paragraph
    spot = f"{'line' if kind == 'text' else 'paragraph'} {number}" if number else f.place
    return ", ".join(part for part in (f.clause, spot) if part)


def _state() -> WebState:
    state = current_app.extensions["s75docs"]
    assert isinstance(state, WebState)
    return state


def _check(path: Path, name: str, folder: Path) -> dict[str, Any]:
    """Check `path` as `s75docs check` does; the downloads are made here, kept in memory."""
    from s75docs.check.annotate import annotate_docx, notes_for
    from s75docs.check.report import as_json, as_text
    from s75docs.check.run import check_with_tree

    result, read = check_with_tree(path)
    result = dataclasses.replace(result, file=name)
    annotated = None
    if path.suffix.lower() == ".docx":
        target = folder / "annotated.docx"
        annotate_docx(path, target, notes_for(result.findings))
        annotated = target.read_bytes()
    stored = Stored(form_token(), name, as_json(result).encode("utf-8"), annotated)
    findings = [
        {
            "severity": f.level.value,
            "code": f.code,
            "where": _where(f, result.kind),
            "message": f.message,
            "text": f.text,
            "suggestion": f.suggestion,
        }
        for f in result.findings
    ]
    return {
        "name": name,
        "summary": as_text(result).splitlines()[-1],
        "findings": findings,
        "codes": sorted({f["code"] for f in findings}),
        "severities": [s for s in SEVERITIES if any(f["severity"] == s for f in findings)],
        "where_word": "Line" if result.kind == "text" else "Paragraph",
        "sections": outline_sections(read.outline),
        "key": _state().results.add(stored),
        "annotated": annotated is not None,
    }


@page.get("/")
def index() -> str:
    return render_template("check.html", result=None, error=None)


@page.post("/check")
def run_check() -> tuple[str, int]:
    upload = request.files.get("document")
    if upload is None or not upload.filename:
        raise UsageError("choose a .docx, .txt or .md file to check")
    name = upload_name(upload.filename)
    with _state().lock, tempfile.TemporaryDirectory(prefix="s75docs-serve-") as temp:
        folder = Path(temp)
        (folder / "in").mkdir()
        path = folder / "in" / name
        upload.save(path)
        try:
            result = _check(path, name, folder)
        except S75Error as exc:  # the CLI's line, naming the upload, not the temp folder
            message = str(exc).replace(str(folder / "in") + os.sep, "")
            return render_template("check.html", result=None, error=message), 400
    return render_template("check.html", result=result, error=None), 200


@page.get("/download/<key>/<kind>")
def download(key: str, kind: str) -> Response:
    stored = _state().results.get(key)
    if stored is None or stored.owner != form_token():
        abort(404)
    stem = PurePosixPath(stored.name).stem
    if kind == "json":
        data, mimetype, name = stored.json, "application/json", f"{stem}-check.json"
    elif kind == "docx" and stored.annotated is not None:
        data, name = stored.annotated, f"{stem}-checked.docx"
        mimetype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        abort(404)
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)
