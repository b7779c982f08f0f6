"""What every page shares: the app's state, the session token every form posts back, a
temporary folder for one piece of work (its paths never shown to the browser), and the
download of finished work by its owner."""

from __future__ import annotations

import copy
import dataclasses
import io
import os
import re
import secrets
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Generic, TypeVar, cast

from flask import Blueprint, Response, abort, current_app, send_file, session
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from s75docs.errors import ErrorList, S75Error, UsageError
from s75docs.web.results import WebState

files = Blueprint("files", __name__)

T = TypeVar("T")


class PerSession(Generic[T]):
    """What a page holds for each browser session (its uploads, its form), made by
    `factory` on first use; the least recently used dropped past `keep`."""

    def __init__(self, factory: Callable[[], T], keep: int = 32) -> None:
        self._factory = factory
        self._keep = keep
        self._held: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, owner: str) -> T:
        with self._lock:
            if owner not in self._held:
                self._held[owner] = self._factory()
            self._held.move_to_end(owner)
            while len(self._held) > self._keep:
                self._held.popitem(last=False)
            return self._held[owner]


def held_for(page: str, factory: Callable[[], T]) -> T:
    """This session's `factory()` thing for `page`, kept in the app between requests."""
    sessions = current_app.extensions.setdefault(f"s75docs.{page}", PerSession(factory))
    assert isinstance(sessions, PerSession)
    held = sessions.get(form_token())
    return cast(T, held)


_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


def state() -> WebState:
    held = current_app.extensions["s75docs"]
    assert isinstance(held, WebState)
    return held


def form_token() -> str:
    """This browser session's token: every form posts it back (no cross-site requests)."""
    token = session.get("token")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["token"] = token
    return token


def upload_name(filename: str, default: str = "agreement") -> str:
    """A safe name for an uploaded file in the temporary folder (and in messages): its own
    name stripped of any folder and unusual character, keeping the suffix the readers go by."""
    pure = PurePosixPath(filename.replace("\\", "/"))
    stem, suffix = pure.stem, pure.suffix.lower()
    if not suffix and _SUFFIX.match(pure.name.lower()):  # ".docx" alone
        stem, suffix = "", pure.name.lower()
    suffix = suffix if _SUFFIX.match(suffix) else ""
    stem = secure_filename(stem)[:80] or default
    return stem + suffix


@contextmanager
def workspace() -> Iterator[Path]:
    """A temporary folder for one piece of work, removed afterwards. An S75Error raised in
    it is re-raised with the folder's path taken out of its message, so the one-line error
    names the uploaded file ("scheme.yaml:12: ...") and never a path on the server."""
    with tempfile.TemporaryDirectory(prefix="s75docs-serve-") as temp:
        folder = Path(temp)
        try:
            yield folder
        except S75Error as exc:
            raise without_folder(exc, folder) from None


def without_folder(exc: S75Error, folder: Path) -> S75Error:
    """`exc` (each of an ErrorList's errors) with the folder's path taken out of its
    location and message: "scheme.yaml:12: field: message", as the CLI says it."""
    places = sorted({str(folder), os.path.realpath(folder)}, key=len, reverse=True)

    def strip(text: str) -> str:
        for place in places:
            text = re.sub(re.escape(place) + r"(?:/[^/\s:]+)*/", "", text)
            text = text.replace(place, "")
        return text

    def clean(error: S75Error) -> S75Error:
        copied = copy.copy(error)
        copied.message = strip(error.message)
        copied.location = dataclasses.replace(error.location, file=strip(error.location.file))
        copied.args = (copied.message,)
        return copied

    if isinstance(exc, ErrorList):
        return ErrorList([clean(e) for e in exc.errors])
    return clean(exc)


def save_upload(
    upload: FileStorage | None, folder: Path, what: str, suffixes: tuple[str, ...]
) -> Path:
    """The uploaded file saved in `folder` under its safe name; a one-line error when none was
    chosen or its type is not one of `suffixes`."""
    if upload is None or not upload.filename:
        raise UsageError(f"choose a {' or '.join(suffixes)} file for the {what}")
    name = upload_name(upload.filename, what.replace(" ", "-"))
    if PurePosixPath(name).suffix not in suffixes:
        raise UsageError(f"{name}: the {what} must be a {' or '.join(suffixes)} file")
    path = folder / name
    upload.save(path)
    return path


@files.get("/download/<key>/<kind>")
def download(key: str, kind: str) -> Response:
    stored = state().results.get(key)
    if stored is None or stored.owner != form_token() or kind not in stored.files:
        abort(404)
    item = stored.files[kind]
    return send_file(
        io.BytesIO(item.data),
        mimetype=item.mimetype,
        as_attachment=True,
        download_name=item.filename,
    )
