"""Contents lines read without regular expressions that backtrack: a line of 100,000 dot
leaders, spaces or tabs costs one pass, not one pass per character (hostile-docx.md, 13).

Each function is exactly the regular expression its docstring names, as Python's `re` reads
it (\\s is str.isspace, \\d is str.isdecimal); tests/check/test_leaders.py compares them.
"""

from __future__ import annotations

import re

DOTS = ".…·_"  # the leader characters of a contents line
_ENTRY_HEAD = re.compile(r"^(?P<num>Schedule\s+\d+|\d{1,2})\.?\s+", re.I)


def _strip_end(
    text: str, end: int, keep: str = "", *, space: bool = False, digit: bool = False
) -> int:
    """Where a run of the given characters ending at `end` begins."""
    while end > 0:
        c = text[end - 1]
        if not (c in keep or (space and c.isspace()) or (digit and c.isdecimal())):
            break
        end -= 1
    return end


def ends_in_page(line: str, *, dots: int, tab_only: bool) -> bool:
    """A page number (1 to 3 digits) ending the line after `dots` or more leaders or (with
    `tab_only`) a tab, spaces between: the search of
    `(?:[.…·_]{4,}|\\t)\\s*\\d{1,3}\\s*$` (dots=4, tab_only=True) or of
    `(?:[.…·_]{3,}|\\s)\\s*\\d{1,3}$` (dots=3, tab_only=False)."""
    if tab_only:
        end = _strip_end(line, len(line), space=True)
    else:
        end = len(line) - 1 if line.endswith("\n") else len(line)  # $ before a final newline
    start = _strip_end(line, end, digit=True)
    if not 1 <= end - start <= 3:
        return False
    gap = _strip_end(line, start, space=True)
    if ("\t" in line[gap:start]) if tab_only else gap < start:
        return True
    return gap - _strip_end(line, gap, DOTS) >= dots


def contents_entry(text: str) -> tuple[str, str] | None:
    """(number, title) of a contents entry "3. Title ....... 12": the match of
    `^(?P<num>Schedule\\s+\\d+|\\d{1,2})\\.?\\s+(?P<title>.+?)[\\s.…·]*\\d*\\s*$` (re.I)."""
    head = _ENTRY_HEAD.match(text)
    if head is None:
        return None
    rest = text[head.end() :]
    if not rest:  # the spaces give back their last but a line break as the title
        spaces = text[head.end("num") :].lstrip(".")
        kept = spaces[1:].rstrip("\n")
        return (head.group("num"), kept[-1]) if kept else None
    end = _strip_end(rest, len(rest), space=True)
    end = _strip_end(rest, end, digit=True)
    end = _strip_end(rest, end, ".…·", space=True)
    title = rest[: max(end, 1)]
    if not title or "\n" in title:
        return None
    return head.group("num"), title
