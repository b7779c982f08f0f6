"""A scheme being drafted in the browser: each browser session's text (and the version it
started from, for Vary), its problems as the CLI's validate finds them (line, field,
message), and the agreement it makes as HTML for the live preview. The text is written to a
temporary folder for the CLI's own loaders; nothing is kept on disk."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from s75docs.errors import ErrorList, S75Error
from s75docs.web.common import without_folder, workspace

MAX_DRAFT_BYTES = 2 * 1024 * 1024  # a scheme file is tens of KB; the loader's own limit is higher


def starter_text() -> str:
    """The commented starter scheme `s75docs new` writes."""
    return files("s75docs").joinpath("data/starter.yaml").read_text(encoding="utf-8")


@dataclass
class Draft:
    name: str  # the scheme file's safe name, e.g. "scheme.yaml"
    text: str  # the YAML as last edited
    original: str | None = None  # the text it started from (an upload), for Vary


class Drafts:
    """Each browser session's draft, in memory; the least recently used dropped past `keep`."""

    def __init__(self, keep: int = 64) -> None:
        self._keep = keep
        self._held: OrderedDict[str, Draft] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, owner: str) -> Draft | None:
        with self._lock:
            draft = self._held.get(owner)
            if draft is not None:
                self._held.move_to_end(owner)
            return draft

    def put(self, owner: str, draft: Draft) -> None:
        with self._lock:
            self._held[owner] = draft
            self._held.move_to_end(owner)
            while len(self._held) > self._keep:
                self._held.popitem(last=False)


_INDEXED = re.compile(r"^(\w+)\[(\d+)\]$")


def readable_field(field: str) -> str:
    """A field path in words a reader counts in: "schemes[0].contributions[7].amount" is
    "scheme 1, contribution 8, amount"; "agreement.stated_totals.2026/27" is "agreement,
    stated totals, 2026/27"."""
    words = []
    for part in (p for p in re.split(r"\.(?![^\[]*\])", field) if p):
        found = _INDEXED.match(part)
        if found:
            name, index = found.groups()
            one = name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")
            words.append(f"{one.replace('_', ' ')} {int(index) + 1}")
        else:
            words.append(part.replace("_", " "))
    return ", ".join(words)


@dataclass(frozen=True)
class Problem:
    """One error in the draft, as `s75docs validate` lists it."""

    line: int | None  # 1-based line in the draft's text, when known
    field: str  # dotted field path, e.g. "schemes[0].contributions[1].amounts.2026/27"
    message: str
    text: str  # the whole line as the CLI prints it: "scheme.yaml:12: field: message"


def problems_of(exc: S75Error, name: str) -> list[Problem]:
    errors = exc.errors if isinstance(exc, ErrorList) else [exc]
    found = []
    for error in errors:
        here = Path(error.location.file).name == name or not error.location.file
        found.append(
            Problem(
                error.location.line if here else None,
                error.location.field,
                error.message,
                str(error),
            )
        )
    return found


@dataclass(frozen=True)
class Preview:
    problems: list[Problem]
    html: str | None  # the agreement as one HTML page, when the draft builds


def check_draft(text: str, name: str, libraries: list[Path] | None = None) -> Preview:
    """The draft's problems (every one `validate` finds) and, when it has none, the agreement
    it makes as HTML (cross-references are links within the page)."""
    from s75docs.pipeline import agreement_as_it_stands, render_bytes
    from s75docs.validate import validate

    with workspace() as folder:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        try:
            doc = agreement_as_it_stands(path, libraries)
        except S75Error:
            errors = validate(path, [], None, libraries)
            if not errors:  # validate and build disagree: show the build's own error
                raise
            return Preview(problems_of(without_folder(ErrorList(errors), folder), name), None)
        return Preview([], render_bytes(doc, "html").decode("utf-8"))
