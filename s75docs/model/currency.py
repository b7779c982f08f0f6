"""The currency of law and bodies: dated data on what was abolished, repealed or renamed."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib.resources import files

import yaml

_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
_STATUS_WORDS = {
    "abolished": "abolished",
    "repealed": "repealed",
    "renamed": "renamed",
    "replaced": "replaced",
    "wrong": "wrongly cited",
    "non-existent": "does not exist",
}


@dataclass(frozen=True)
class Stale:
    """One entry of the currency table."""

    id: str
    kind: str
    patterns: tuple[re.Pattern[str], ...]
    status: str
    ended: dt.date | None
    replacement: str
    authority: str

    def applies_on(self, day: dt.date) -> bool:
        """True when citing it is wrong on that day."""
        return self.ended is None or day >= self.ended

    def describe(self) -> str:
        if self.status == "non-existent":
            return "no such Act exists"
        if self.ended is None:
            return _STATUS_WORDS[self.status]
        end = f"{self.ended.day} {self.ended.strftime('%B')} {self.ended.year}"
        return f"{_STATUS_WORDS[self.status]} with effect from {end}"


@dataclass(frozen=True)
class Citation:
    entry: Stale
    text: str
    start: int


@functools.lru_cache(maxsize=1)
def currency_table() -> tuple[Stale, ...]:
    raw = yaml.load(files("s75docs").joinpath("data/currency.yaml").read_text("utf-8"), _YAML)
    return tuple(
        Stale(
            id=e["id"],
            kind=e["kind"],
            patterns=tuple(re.compile(p) for p in e["cited"]),
            status=e["status"],
            ended=e["ended"],
            replacement=e["replacement"],
            authority=e["authority"],
        )
        for e in raw
    )


@functools.lru_cache(maxsize=1)
def _any_citation() -> re.Pattern[str]:
    """Matches wherever some entry's pattern matches (one scan instead of one per pattern)."""
    patterns = [p.pattern for entry in currency_table() for p in entry.patterns]
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:  # a pattern that cannot be combined (inline flags): scan them all
        return re.compile("")


def stale_citations(text: str, on: dt.date) -> list[Citation]:
    """Every citation in `text` that is not current on the given day."""
    if _any_citation().search(text) is None:
        return []  # most text cites nothing in the table
    found: list[Citation] = []
    for entry in currency_table():
        if not entry.applies_on(on):
            continue
        for pattern in entry.patterns:
            for match in pattern.finditer(text):
                found.append(Citation(entry, match.group(0), match.start()))
    return sorted(found, key=lambda c: c.start)


def kind_ended(kind: str) -> Stale | None:
    """The table entry for a partner kind that is a former body (ccg, pct)."""
    return next((e for e in currency_table() if e.id == kind), None)
