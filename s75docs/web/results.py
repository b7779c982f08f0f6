"""Finished work kept in memory for its downloads: a random id each, the oldest dropped
when more than `keep` are held. Nothing is kept on disk."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from s75docs.web.drafting import Drafts
    from s75docs.web.jobs import Jobs

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIMETYPES = {
    "docx": DOCX,
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "yaml": "application/yaml",
    "txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class Download:
    filename: str  # what the browser saves it as, e.g. "fairhaven-checked.docx"
    data: bytes

    @property
    def mimetype(self) -> str:
        return MIMETYPES.get(Path(self.filename).suffix.lstrip("."), "application/octet-stream")


@dataclass(frozen=True)
class Stored:
    """One piece of finished work: who may download it, and its files by kind (the last
    part of the download address: "docx", "json", "deed.pdf"...)."""

    owner: str  # the session token of the browser that asked for it
    name: str  # the uploaded or drafted file's safe name, e.g. "agreement.docx"
    files: dict[str, Download] = field(default_factory=dict)


class Results:
    def __init__(self, keep: int) -> None:
        self._keep = keep
        self._held: OrderedDict[str, Stored] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, stored: Stored) -> str:
        key = secrets.token_urlsafe(24)
        with self._lock:
            self._held[key] = stored
            while len(self._held) > self._keep:
                self._held.popitem(last=False)
        return key

    def get(self, key: str) -> Stored | None:
        with self._lock:
            return self._held.get(key)


@dataclass
class WebState:
    """What the app holds between requests: the results, the lock that runs one piece of
    heavy work at a time (a second request waits for the first: queued, not lost), and the
    council libraries given to `serve --library`."""

    results: Results
    lock: threading.Lock
    libraries: list[Path]
    jobs: Jobs  # long work, queued behind one worker, with progress (jobs.py)
    drafts: Drafts  # each session's scheme being drafted (drafting.py)
