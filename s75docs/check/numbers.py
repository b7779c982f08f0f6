"""Numbers as a document writes them, read defensively.

A number read from a document is whatever its author (or a hostile file) typed: "2)", "3(a)",
"0A", "²" (a digit to str.isdigit(), not to int()), or thousands of digits (which int() refuses
past 4,300). Every number the checker takes from document text goes through here.
"""

from __future__ import annotations

import re

MAX_DIGITS = 9  # a clause, schedule or list number longer than this is not one
_LEADING = re.compile(r"\s*([0-9]+)")


def leading_int(text: str, max_digits: int = MAX_DIGITS) -> int | None:
    """The whole number that text starts with, in ASCII digits ("3(a)" 3, "2)" 2, "12.3" 12),
    or None: no digit first ("²", "(a)", ""), or more digits than max_digits."""
    m = _LEADING.match(text)
    if m is None or len(m.group(1)) > max_digits:
        return None
    return int(m.group(1))


def int_or(text: str, default: int, max_digits: int = MAX_DIGITS) -> int:
    """leading_int, or default where it gives None."""
    found = leading_int(text, max_digits)
    return default if found is None else found
