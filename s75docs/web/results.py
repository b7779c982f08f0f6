"""Finished checks kept in memory for their downloads: a random id each, the oldest dropped
when more than `keep` are held. Nothing is kept on disk."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class Stored:
    owner: str  # the session token of the browser that uploaded it
    name: str  # the uploaded file's safe name, e.g. "agreement.docx"
    json: bytes
    annotated: bytes | None  # the .docx with one comment per finding; None for text input


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
    """What the app holds between requests: the results, and the lock that runs one check
    at a time (a second upload waits for the first: queued, not lost)."""

    results: Results
    lock: threading.Lock
