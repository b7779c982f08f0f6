"""Whether a position falls inside any of many spans, in logarithmic time: a paragraph of
thousands of references or quotations must not compare each with all the others."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Spans:
    """Half-open spans [start, end), overlapping or not, in any order."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # furthest end so far

    def covers(self, position: int, *, open_start: bool = False) -> bool:
        """Whether some span holds `position` (start <= position < end; with `open_start`,
        start < position < end)."""
        index = bisect_right(self._starts, position - 1 if open_start else position) - 1
        return index >= 0 and self._reach[index] > position
