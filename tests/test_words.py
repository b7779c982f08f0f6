"""Drafting words."""

from __future__ import annotations

import datetime as dt

from s75docs.words import cap, join_and, join_or, long_date, months_between, period, plural, the


def test_lists_dates_and_plurals() -> None:
    assert join_and([]) == "" and join_and(["a"]) == "a"
    assert join_and(["a", "b", "c"]) == "a, b and c"
    assert join_or(["a", "b"]) == "a or b"
    assert long_date(dt.date(2026, 4, 1)) == "1 April 2026" and long_date(None) == "[date]"
    assert plural(1, "scheme") == "one scheme" and plural(6, "scheme") == "six schemes"
    assert plural(2, "Business Day") == "two Business Days"
    assert plural(21, "month") == "21 months"
    assert cap("the ICB") == "The ICB" and the("Council") == "the Council"
    assert the("the Board") == "the Board"


def test_periods() -> None:
    assert months_between(dt.date(2028, 3, 31), dt.date(2029, 3, 31)) == 12
    assert period(12) == "one year" and period(-24) == "two years" and period(6) == "six months"
