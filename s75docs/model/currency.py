"""The currency of law and bodies: dated data on what was abolished, repealed or renamed, and
on what did not yet exist or was not yet in force, so a document cites neither the dead nor
the unborn."""

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
    "spent": "no longer in effect",
}
# what an entry that is not yet current says about its start (status "not-yet")
_BEGAN_WORDS = {
    "statute": "not in force until",
    "body": "not established until",
    "name": "not the body's name until",
    "term": "not a term of the law until",
}


def _long(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


@dataclass(frozen=True)
class Stale:
    """One entry of the currency table: a citation that is wrong after `ended` (stale) or,
    for status "not-yet", before `began` (an anachronism)."""

    id: str
    kind: str
    patterns: tuple[re.Pattern[str], ...]
    status: str
    ended: dt.date | None
    replacement: str
    authority: str
    began: dt.date | None = None
    source: str = ""

    @property
    def not_yet(self) -> bool:
        return self.status == "not-yet"

    def applies_on(self, day: dt.date) -> bool:
        """True when citing it is wrong on that day."""
        if self.not_yet:
            return self.began is not None and day < self.began
        return self.ended is None or day >= self.ended

    def describe(self) -> str:
        if self.not_yet:
            assert self.began is not None
            return f"{_BEGAN_WORDS.get(self.kind, 'not in force until')} {_long(self.began)}"
        if self.status == "non-existent":
            return "no such Act exists"
        if self.ended is None:
            return _STATUS_WORDS[self.status]
        if self.status == "spent":
            return f"{_STATUS_WORDS[self.status]} since {_long(self.ended)}"
        return f"{_STATUS_WORDS[self.status]} with effect from {_long(self.ended)}"

    def problem(self, made: dt.date, what: str = "agreement") -> str:
        """Why citing it in a document made on that day is wrong: "is repealed with effect
        from 25 May 2018, before this agreement (2019-04-01)", or "is not in force until 1
        April 2015, after this agreement (2013-04-01)"."""
        side = "after" if self.not_yet else "before"
        return f"{self.describe()}, {side} this {what} ({made})"


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
            ended=e.get("ended"),
            replacement=e["replacement"],
            authority=e["authority"],
            began=e.get("began"),
            source=e.get("source", ""),
        )
        for e in raw
    )


# what may stand before an entry's word boundary: lookbehinds such as "(?<!UK )"
_LEADING = re.compile(r"(?:\(\?<[!=][^()]*\))*\\b")


@functools.lru_cache(maxsize=1)
def _any_citation() -> re.Pattern[str]:
    """Matches wherever some entry's pattern matches (one scan instead of one per pattern).

    Every pattern opens at a word boundary, so the scan is one word boundary followed by the
    alternatives, which the regex engine tries only where a word begins (one alternation of
    whole patterns tries every alternative at every character: twenty times slower). The
    lookbehinds before a boundary are left out: the scan may match more, never less."""
    patterns = [p.pattern for entry in currency_table() for p in entry.patterns]
    rests = []
    for pattern in patterns:
        lead = _LEADING.match(pattern)
        if lead is None:
            break
        rests.append(pattern[lead.end() :])
    else:
        return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in rests) + ")")
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:  # a pattern that cannot be combined (inline flags): scan them all
        return re.compile("")


def citations_in(text: str) -> list[Citation]:
    """Every citation in `text` of an entry of the table, whatever the day."""
    if _any_citation().search(text) is None:
        return []  # most text cites nothing in the table
    found = [
        Citation(entry, match.group(0), match.start())
        for entry in currency_table()
        for pattern in entry.patterns
        for match in pattern.finditer(text)
    ]
    return sorted(found, key=lambda c: c.start)


def stale_citations(text: str, on: dt.date) -> list[Citation]:
    """Every citation in `text` that is wrong on the given day: gone by then, or not yet."""
    return [c for c in citations_in(text) if c.entry.applies_on(on)]


def kind_ended(kind: str) -> Stale | None:
    """The table entry for a partner kind: a former body (ccg, pct) or one that did not
    always exist (icb)."""
    return next((e for e in currency_table() if e.id == kind), None)
