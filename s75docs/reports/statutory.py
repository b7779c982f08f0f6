"""The provisions a report's assurance on the statutory content covers: exactly those that
impose the requirements of the statutory profile the agreement was checked against."""

from __future__ import annotations

import re
from collections.abc import Iterable

from s75docs.words import join_and

_REGS = re.compile(r"\bregulations? ((?:\d+(?:, | and | to )?)+)")
_NUMBER = re.compile(r"\d+")
_SECTION = re.compile(r"\bsection (\w+)(?:\([^)]*\))* of the 2006 Act")


_SUBDIVISION = re.compile(r"\((?![^()]*regulation)[^()]*\)")  # "(3)", "(a)", "(2006 Act)"


def _numbers(text: str) -> list[int]:
    bare = _SUBDIVISION.sub("", _SUBDIVISION.sub("", text))
    return [int(n) for group in _REGS.findall(bare) for n in _NUMBER.findall(group)]


def provisions(laws: Iterable[str]) -> str:
    """'section 75 of the 2006 Act, regulations 4, 5, 7 and 9 of the Regulations and section
    223GA of the 2006 Act': the sections and regulations the given provisions belong to."""
    laws = list(laws)
    sections: list[str] = []
    regs: set[int] = set()
    for law in laws:
        for part in law.split(";"):
            sections += [s for s in _SECTION.findall(part) if s not in sections]
            regs.update(_numbers(part))
    first = [f"section {s} of the 2006 Act" for s in sections[:1]]
    rest = [f"section {s} of the 2006 Act" for s in sections[1:]]
    ordered = sorted(regs)
    regulations = []
    if ordered:
        word = "regulation" if len(ordered) == 1 else "regulations"
        regulations = [f"{word} {join_and([str(n) for n in ordered])} of the Regulations"]
    return join_and(first + regulations + rest)
