"""Defined terms close to a phrase, found without comparing every phrase with every term when
both are many (3,000 quoted terms must not cost minutes: hostile-docx.md, 15)."""

from __future__ import annotations

import difflib
from collections import defaultdict

FULL_PAIRS = 250_000  # phrase-term comparisons made in full; past this, only likely terms


def _stems(text: str) -> set[str]:
    """The first four letters of each word, in lower case: "Services" and "Service" share
    one, as a term and its misspelt or plural variant nearly always do."""
    return {word[:4].lower() for word in text.split()}


def initials(text: str, *, capitals_only: bool = False) -> str:
    return "".join(w[0] for w in text.split() if not capitals_only or w[0].isupper())


class NearNames:
    """The defined terms, indexed for the phrases they may be a variant of."""

    def __init__(self, names: list[str], phrases: int) -> None:
        self.names = names
        self.full = len(names) * phrases <= FULL_PAIRS
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        self._by_initials: dict[str, list[int]] = defaultdict(list)
        for index, name in enumerate(names):
            for stem in _stems(name):
                self._by_stem[stem].append(index)
            theirs = initials(name, capitals_only=True)
            size = len(theirs)
            for piece in {theirs[i:j] for i in range(size) for j in range(i + 2, size + 1)}:
                self._by_initials[piece].append(index)

    def close(self, phrase: str, cutoff: float) -> list[str]:
        """difflib.get_close_matches(phrase, names, n=1, cutoff): over every term when the
        document is of ordinary size, else over the terms sharing a word's first letters."""
        if self.full:
            pool = self.names
        else:
            found = {i for stem in _stems(phrase) for i in self._by_stem.get(stem, ())}
            pool = [self.names[i] for i in sorted(found)]
        return difflib.get_close_matches(phrase, pool, n=1, cutoff=cutoff)

    def same_initials(self, phrase: str) -> list[str]:
        """The first term whose capitals' initials hold the phrase's initials (two or more)
        but are not the same: "Scheme Specification" and "Summary Service Description"."""
        mine = initials(phrase)
        if len(mine) < 2:
            return []
        for index in self._by_initials.get(mine, ()):
            if initials(self.names[index], capitals_only=True) != mine:
                return [self.names[index]]
        return []
