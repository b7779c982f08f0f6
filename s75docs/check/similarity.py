"""How well words describe a provision: crude stems and a BM25 score over the provisions."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z]{3,}")
# words that say nothing about which provision is meant (their weight would be low anyway)
STOP = frozenset(
    """the and for any all this that these those with under which will shall may must such each
    other its their they them not are has have had been being from into onto only where when
    what than then also who whom whose how per out set our can does did was were would could
    should upon within without before after between about above below over more most less
    least same there here thereof herein hereby hereto accordance including include includes
    provided provide provides clause clauses paragraph paragraphs schedule schedules agreement
    partner partners party parties part parts section sections deed subject apply applies
    applied given give gives make made makes relevant respect relation particular""".split()  # noqa: SIM905
)


_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ity",
    "ied",
    "ies",
    "es",
    "ed",
    "al",
    "ly",
    "s",
    "e",
    "y",
)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem, enough to meet "terminate" with "termination", "disputes" with
    "dispute", "varied" with "variation": lower case, one suffix off, cut to six letters."""
    w = word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4 and not w.endswith("ss"):
            w = w[: -len(suffix)]
            break
    return w[:6]


def stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text) if w.lower() not in STOP]


class Scorer:
    """BM25 over a set of provisions (each a bag of stems): how well a few words describe
    each of them, weighing words that few provisions use above words that many use."""

    def __init__(self, docs: dict[str, Counter[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.docs = docs
        self.k1, self.b = k1, b
        lengths = [sum(c.values()) for c in docs.values()]
        self.avg = (sum(lengths) / len(lengths)) if lengths else 1.0
        seen: Counter[str] = Counter()
        for bag in docs.values():
            seen.update(set(bag))
        n = len(docs)
        self.idf = {s: math.log(1 + (n - k + 0.5) / (k + 0.5)) for s, k in seen.items()}

    def score(self, query: Iterable[str], key: str, bag: Counter[str] | None = None) -> float:
        """`bag`: the provision's words to use instead of all of them."""
        bag = self.docs.get(key) if bag is None else bag
        if not bag:
            return 0.0
        length = sum(bag.values())
        total = 0.0
        for s in set(query):
            tf = bag.get(s, 0)
            if tf:
                norm = tf + self.k1 * (1 - self.b + self.b * length / max(self.avg, 1.0))
                total += self.idf.get(s, 0.0) * tf * (self.k1 + 1) / norm
        return total

    def shared(self, query: Iterable[str], key: str) -> list[str]:
        """The query's stems the provision has, the most telling first."""
        bag = self.docs.get(key, Counter())
        common = {s for s in query if s in bag}
        return sorted(common, key=lambda s: -self.idf.get(s, 0.0))
