"""The Check page: upload an agreement, see the summary, outline and findings, download
the annotated Word file and the JSON. The upload is read by the CLI's own readers in a
temporary folder removed afterwards; the browser never names a path on the server."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path, PurePosixPath
from typing import Any

from flask import Blueprint, render_template, request

from s75docs.check.findings import Finding
from s75docs.errors import UsageError
from s75docs.web.common import form_token, state, upload_name, workspace
from s75docs.web.outline_view import outline_sections
from s75docs.web.results import Download, Stored

page = Blueprint("check", __name__)

SEVERITIES = ("error", "warning", "info")


def _where(f: Finding, kind: str) -> str:
    number = f.line if f.line is not None else f.paragraph
    spot = f"{'line' if kind == 'text' else 'paragraph'} {number}" if number else f.place
    return ", ".join(part for part in (f.clause, spot) if part)


def _as_of(raw: str) -> dt.date | None:
    """The optional date to judge law and bodies on ("" is today), as --as-of takes it."""
    if not raw.strip():
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise UsageError(f"as-of: '{raw.strip()[:40]}' is not a date (YYYY-MM-DD)") from None


def _check(path: Path, name: str, folder: Path, as_of: dt.date | None) -> dict[str, Any]:
    """Check `path` as `s75docs check` does; the downloads are made here, kept in memory."""
    from s75docs.check.annotate import annotate_docx, notes_for
    from s75docs.check.report import as_json, as_text
    from s75docs.check.run import check_with_tree

    result, read = check_with_tree(path, as_of)
    result = dataclasses.replace(result, file=name)
    annotated = None
    if path.suffix.lower() == ".docx":
        target = folder / "annotated.docx"
        annotate_docx(path, target, notes_for(result.findings))
        annotated = target.read_bytes()
    stem = PurePosixPath(name).stem
    files = {"json": Download(f"{stem}-check.json", as_json(result).encode("utf-8"))}
    if annotated is not None:
        files["docx"] = Download(f"{stem}-checked.docx", annotated)
    stored = Stored(form_token(), name, files)
    findings = [
        {
            "severity": f.level.value,
            "code": f.code,
            "where": _where(f, result.kind),
            "message": f.message,
            "text": f.text,
            "suggestion": f.suggestion,
        }
        # the most serious first, each severity in the document's order: what to fix first
        for f in sorted(result.findings, key=lambda f: SEVERITIES.index(f.level.value))
    ]
    return {
        "name": name,
        "summary": as_text(result).splitlines()[-1],
        "findings": findings,
        "codes": sorted({f["code"] for f in findings}),
        "severities": [s for s in SEVERITIES if any(f["severity"] == s for f in findings)],
        "where_word": "Line" if result.kind == "text" else "Paragraph",
        "sections": outline_sections(read.outline),
        "key": state().results.add(stored),
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
    as_of = _as_of(request.form.get("as_of", ""))
    with state().lock, workspace() as folder:
        (folder / "in").mkdir()
        path = folder / "in" / name
        upload.save(path)
        result = _check(path, name, folder, as_of)
    shown = as_of.isoformat() if as_of else ""
    return render_template("check.html", result=result, error=None, as_of=shown), 200
