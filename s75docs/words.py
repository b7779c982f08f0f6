"""Drafting words: lists joined with "and", small numbers in words, dates, plurals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)
UNDATED = "........................ 20.."  # the blank a draft leaves for its date


def words(n: int) -> str:
    """Small numbers in words, as agreements print periods ("six months")."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def _joined(items: Iterable[object], last: str) -> str:
    texts = [str(i) for i in items]
    if len(texts) <= 1:
        return "".join(texts)
    return ", ".join(texts[:-1]) + f" {last} " + texts[-1]


def join_and(items: Iterable[object]) -> str:
    """ "a, b and c" (no Oxford comma, as English drafting has it)."""
    return _joined(items, "and")


def join_or(items: Iterable[object]) -> str:
    return _joined(items, "or")


def long_date(day: dt.date | None) -> str:
    """ "1 April 2026"; "[date]" when there is none."""
    if day is None:
        return "[date]"
    return f"{day.day} {day.strftime('%B')} {day.year}"


def plural(n: int, one: str, many: str | None = None) -> str:
    """ "one scheme", "six schemes", "two Business Days"."""
    return f"{words(n)} {one if n == 1 else (many or one + 's')}"


def cap(text: str) -> str:
    """The first letter in capitals, the rest as it is."""
    return text[:1].upper() + text[1:]


def the(name: str) -> str:
    """ "the Council" from "Council" (a short name may already start with "the")."""
    return name if name.lower().startswith("the ") else f"the {name}"


def months_between(before: dt.date, after: dt.date) -> int:
    """Whole calendar months from one date to another (negative when it is earlier)."""
    return (after.year - before.year) * 12 + (after.month - before.month)


def period(months: int) -> str:
    """ "one year", "two years", "six months": a period as an agreement states it."""
    months = abs(months)
    if months and months % 12 == 0:
        return "one year" if months == 12 else f"{words(months // 12)} years"
    return plural(months, "month")


def lower(text: str) -> str:
    """'End of the term' -> 'end of the term'; 'ICB Board' stays as it is."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def ending(loop: Any, mode: str = "") -> str:
    """The punctuation after an item of a list in a loop: ';' and '.' at the end, with
    '; and' before the last when `mode` is 'and'."""
    if loop.last:
        return "."
    return "; and" if mode == "and" and loop.revindex == 2 else ";"


def between(loop: Any) -> str:
    """What goes after an item of a run-on list: ', ', ' and ' before the last, or ''."""
    if loop.last:
        return ""
    return " and " if loop.revindex == 2 else ", "


def paren(text: object) -> str:
    """' (text)', or '' when there is nothing to put in brackets."""
    text = str(text)
    return f" ({text})" if text else ""
