"""The Vary page: two versions of a scheme (uploaded, with the files they name, or the
session's draft against the file it started from) turned into the deed of variation, the
conformed copy and the tracked-change comparison, as `s75docs vary` writes them. The work
runs as a job (progress shown); its page previews the deed and lists the changes.

The files a session has uploaded are held in memory (as the Report page holds them), so
after a mistake (a file the versions name left out) only the missing file is chosen."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers.response import Response

from s75docs.errors import S75Error, UsageError
from s75docs.web.common import form_token, held_for, save_upload, state, workspace
from s75docs.web.jobs import Job, Progress, Work
from s75docs.web.results import Download, Stored

page = Blueprint("vary", __name__)

SCHEME = (".yaml", ".yml")
STYLES = ("letters", "restate")


def _read(upload: FileStorage | None, what: str) -> tuple[str, bytes]:
    """An uploaded scheme file's safe name and bytes (or the upload helper's one line)."""
    with workspace() as folder:
        path = save_upload(upload, folder, what, SCHEME)
        return path.name, path.read_bytes()


@dataclass
class Held:
    """The files one session has uploaded so far: the two versions and the others."""

    old: tuple[str, bytes] | None = None
    new: tuple[str, bytes] | None = None
    others: dict[str, bytes] = field(default_factory=dict)


def _held() -> Held:
    return held_for("vary", Held)


def _version(held: Held, role: str, what: str) -> tuple[str, bytes]:
    """The version chosen now (it replaces the one held), else the one held."""
    upload = request.files.get(role)
    if (upload is None or not upload.filename) and getattr(held, role) is not None:
        kept: tuple[str, bytes] = getattr(held, role)
        return kept
    chosen = _read(upload, what)
    setattr(held, role, chosen)
    return chosen


def _versions() -> tuple[dict[str, bytes], str, str]:
    """The files to write side by side, and the names of the old and new versions."""
    held = _held()
    kept = set(request.form.getlist("keep"))  # the other files held, still ticked
    held.others = {name: data for name, data in held.others.items() if name in kept}
    for upload in request.files.getlist("others"):  # first: held even if a version is wrong
        if not upload.filename:
            continue  # the input left empty
        name, data = _read(upload, "other file")
        held.others[name] = data
    draft = state().drafts.get(form_token())
    if request.form.get("source") == "draft" and draft is not None and draft.original is not None:
        stem, suffix = PurePosixPath(draft.name).stem, PurePosixPath(draft.name).suffix
        old, new = draft.name, f"{stem}-edited{suffix or '.yaml'}"
        files = {old: draft.original.encode("utf-8"), new: draft.text.encode("utf-8")}
    else:
        old, old_data = _version(held, "old", "agreement as it stands")
        new, new_data = _version(held, "new", "agreement as it will be once varied")
        if old == new:
            raise UsageError(
                f"{new}: the two versions have the same name: rename one (the varied"
                " version's record names the one it varies)"
            )
        files = {old: old_data, new: new_data}
    for name, data in held.others.items():
        if name in files and files[name] != data:
            raise UsageError(f"{name}: two different files have this name: give each once")
        files[name] = data
    return files, old, new


_MISSING = re.compile(r"^([^:\n]+?):(?:\d+:)?.*no such (edits|scheme) file: (\S+)$", re.MULTILINE)


def _records(data: bytes) -> int | None:
    """How many variation records a scheme file holds (None when it cannot be read)."""
    import yaml

    try:
        loaded = yaml.load(data, Loader=yaml.BaseLoader)  # as text: no date read, none wrong
    except yaml.YAMLError:
        return None
    if not isinstance(loaded, dict):
        return None
    records = loaded.get("variations") or []
    return len(records) if isinstance(records, list) else None


def advice(text: str, files: dict[str, bytes], old: str, new: str) -> list[str]:
    """Plain sentences saying what to do about the CLI's message `text`."""
    said = []
    before, after = _records(files[old]), _records(files[new])
    if before is not None and after is not None and after < before:
        said.append(
            f"{new} has fewer variation records ({after}) than {old} ({before}): are the two"
            " files the wrong way round? The agreement as it stands goes first, and the"
            " agreement as it will be once varied second."
        )
    for found in _MISSING.finditer(text):
        version, kind, missing = found.groups()
        what = "the edits it makes" if kind == "edits" else "the earlier version it varies"
        said.append(
            f"{version} names {missing} ({what}): choose it under 'Other files the versions"
            " name' and write the deed again. The files already chosen are kept."
        )
    return said


def _work(
    owner: str, files: dict[str, bytes], old: str, new: str, style: str | None, pdf: bool
) -> Work:
    """The job: what `s75docs vary` does, step by step, kept in memory for the page."""
    libraries = list(state().libraries)

    def work(progress: Progress) -> Stored:
        try:
            return steps(progress)
        except S75Error as exc:
            said = advice(str(exc), files, old, new)
            if not said:
                raise
            raise UsageError("\n".join([str(exc), *said])) from None

    def steps(progress: Progress) -> Stored:
        from s75docs.pipeline import (
            comparison_docx,
            pdfs,
            render_bytes,
            variation_between,
            variation_documents,
        )
        from s75docs.variation.listing import change_rows

        stem = PurePosixPath(new).stem
        with workspace() as folder:
            for name, data in files.items():
                (folder / name).write_bytes(data)
            progress("Reading the two versions")
            variation = variation_between(folder / old, folder / new, libraries, style)
            if not variation.changes:
                summary = {"old": old, "new": new, "changes": [], "nothing": True}
                return Stored(owner, new, {"changes.json": _json(summary)})
            progress("Proving the deed on the agreement")
            deed, conformed = variation_documents(variation)
            progress("Writing the deed")
            out = {
                "deed.docx": Download(f"{stem}-deed.docx", render_bytes(deed, "docx")),
                "deed.html": Download(f"{stem}-deed.html", render_bytes(deed, "html")),
            }
            progress("Writing the conformed copy")
            out["conformed.docx"] = Download(
                f"{stem}-conformed.docx", render_bytes(conformed, "docx")
            )
            progress("Writing the comparison")
            out["comparison.docx"] = Download(f"{stem}-comparison.docx", comparison_docx(variation))
            if pdf:
                progress("Converting to PDF")
                deed_pdf, conformed_pdf = pdfs([out["deed.docx"].data, out["conformed.docx"].data])
                out["deed.pdf"] = Download(f"{stem}-deed.pdf", deed_pdf)
                out["conformed.pdf"] = Download(f"{stem}-conformed.pdf", conformed_pdf)
            summary = {
                "old": old,
                "new": new,
                "title": deed.title,
                "style": variation.style,
                "changes": [asdict(row) for row in change_rows(variation, deed)],
                "nothing": False,
            }
            out["changes.json"] = _json(summary)
            return Stored(owner, new, out)

    return work


def _json(summary: dict[str, Any]) -> Download:
    return Download("changes.json", json.dumps(summary, ensure_ascii=False).encode("utf-8"))


def _draft_choice() -> str | None:
    """The draft's name when the session has a draft started from an uploaded file."""
    draft = state().drafts.get(form_token())
    return draft.name if draft is not None and draft.original is not None else None


def _form(**context: Any) -> str:
    context.setdefault("error", None)
    return render_template("vary.html", draft=_draft_choice(), held=_held(), **context)


@page.get("/vary")
def index() -> str:
    return _form()


@page.post("/vary")
def run_vary() -> Response | tuple[str, int]:
    try:
        style = request.form.get("style") or None
        if style is not None and style not in STYLES:
            raise UsageError(f"unknown style '{style}' (choose from {', '.join(STYLES)})")
        files, old, new = _versions()
    except S75Error as exc:
        return _form(error=str(exc)), 400  # the files chosen so far are held, and shown
    owner = form_token()
    work = _work(owner, files, old, new, style, request.form.get("pdf") == "1")
    job = state().jobs.submit(owner, f"Vary {old} to {new}", work, back=url_for("vary.index"))
    return redirect(url_for("vary.result", job_id=job.id), 303)


def _result(job: Job) -> dict[str, Any] | None:
    stored = state().results.get(job.key)
    if stored is None:
        return None
    summary: dict[str, Any] = json.loads(stored.files["changes.json"].data)
    preview = stored.files.get("deed.html")
    summary["preview"] = preview.data.decode("utf-8") if preview is not None else ""
    summary["key"] = job.key
    summary["downloads"] = [
        (kind, stored.files[kind].filename, label)
        for kind, label in _LABELS.items()
        if kind in stored.files
    ]
    return summary


_LABELS = {
    "deed.docx": "The deed of variation (Word)",
    "conformed.docx": "The conformed copy: the agreement as varied (Word)",
    "comparison.docx": "The comparison: the agreement with the changes tracked (Word)",
    "deed.pdf": "The deed of variation (PDF)",
    "conformed.pdf": "The conformed copy (PDF)",
}


@page.get("/vary/result/<job_id>")
def result(job_id: str) -> str:
    job = state().jobs.get(job_id, form_token())
    if job is None:
        abort(404)
    if job.state == "failed":
        return _form(error=job.error)
    if job.state != "done":
        return _form(job=job, ahead=state().jobs.ahead(job))
    done = _result(job)
    if done is None:
        return _form(error="the files are no longer held: vary the agreement again")
    return _form(job=job, result=done)
