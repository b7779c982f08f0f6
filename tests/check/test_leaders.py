"""Contents lines read without backtracking give what the regular expressions gave, and a
line of many leaders costs a pass, not a pass per character."""

from __future__ import annotations

import itertools
import random
import re

from s75docs.check.leaders import contents_entry, ends_in_page
from s75docs.check.outline import TOC_LINE
from tests.check.costs import cpu

LEADERS = re.compile(r"(?:[.…·_]{4,}|\t)\s*\d{1,3}\s*$")
PAGE_END = re.compile(r"(?:[.…·_]{3,}|\s)\s*\d{1,3}$")
ENTRY = re.compile(r"^(?P<num>Schedule\s+\d+|\d{1,2})\.?\s+(?P<title>.+?)[\s.…·]*\d*\s*$", re.I)
OLD_TOC_LINE = re.compile(
    r"^(?P<num>(?:SCHEDULE|Schedule|PART|Part|APPENDIX|Appendix|ANNEX|Annex)\s+\d{1,2}[A-Z]{0,3}"
    r"|\d{1,2}(?:\.\d{1,2})?)\.?[\s:–-]+(?P<title>\S.*?)\s*$"
)
ALPHABET = ["1", "2", "a", "A", ".", "…", "·", "_", " ", "\t", "\n", "\xa0", "²", "٣"]


def lines() -> list[str]:
    rng = random.Random(75)
    every = ["".join(p) for n in range(5) for p in itertools.product(ALPHABET[:9], repeat=n)][:8000]
    heads = ["1 ", "12. ", "Schedule 3 ", "schedule  4.", "1.\t", "123 ", ""]
    made = [
        rng.choice(heads) + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
        for _ in range(20000)
    ]
    return every + made


def test_the_same_as_the_regular_expressions() -> None:
    for line in lines():
        assert ends_in_page(line, dots=4, tab_only=True) == bool(LEADERS.search(line)), repr(line)
        assert ends_in_page(line, dots=3, tab_only=False) == bool(PAGE_END.search(line)), repr(line)
        m = ENTRY.match(line)
        old, new = OLD_TOC_LINE.match(line), TOC_LINE.match(line)
        assert (old and old.groupdict()) == (new and new.groupdict()), repr(line)
        assert contents_entry(line) == (m and (m.group("num"), m.group("title"))), repr(line)


def test_many_leaders_cost_a_pass() -> None:
    def read(n: int) -> None:
        for filler in (".", " ", "\t", "…"):
            line = "1. Definitions " + filler * n + "x" + " " * n + "y"
            ends_in_page(line, dots=4, tab_only=True)
            ends_in_page(line, dots=3, tab_only=False)
            contents_entry(line)
            TOC_LINE.match(line)

    small = cpu(lambda: read(20_000))
    large = cpu(lambda: read(80_000))
    assert large / max(small, 1e-3) < 8  # linear: about 4; the regular expressions: 16
