"""Money (Decimal pounds) and financial years ("2025/26")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s75docs.model.money import (
    check_money,
    financial_year_of,
    fy_end,
    fy_start,
    parse_financial_year,
    parse_money,
)

# --- parse_money ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (1234567, "1234567"),
        (Decimal("1234567.89"), "1234567.89"),
        (1234567.89, "1234567.89"),
        (0.1, "0.1"),
        ("1234567", "1234567"),
        ("1234567.5", "1234567.5"),
        ("1,234,567.50", "1234567.50"),
        ("£1,234,567", "1234567"),
        ("  £ 1,234,567.89  ", "1234567.89"),
        ("GBP 4,745.00", "4745.00"),
        ("999", "999"),
        ("1,000", "1000"),
        ("-5", "-5"),
        ("-1,234.56", "-1234.56"),
    ],
)
def test_parse_money_accepts(value: Any, expected: str) -> None:
    amount = parse_money(value)
    assert type(amount) is Decimal
    assert amount == Decimal(expected)


def test_parse_money_keeps_pence_exactly() -> None:
    assert str(parse_money("1,234,567.89")) == "1234567.89"
    assert parse_money(0.1) + parse_money(0.2) == Decimal("0.3")


@pytest.mark.parametrize(
    "value",
    [
        "4,745,00",
        "1,2345",
        "12,34.00",
        ",123",
        "1,234,",
        "1.2.3",
        "12.345",
        "1e6",
        "ten pounds",
        "",
        "nan",
        "£",
    ],
)
def test_parse_money_rejects_malformed_text(value: str) -> None:
    with pytest.raises(ValueError, match="malformed amount"):
        parse_money(value)


@pytest.mark.parametrize("value", [Decimal("1.001"), 0.005, Decimal("0.125"), Decimal("1E-3")])
def test_parse_money_rejects_fractions_of_a_penny(value: Any) -> None:
    with pytest.raises(ValueError, match="more than two decimal places"):
        parse_money(value)


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        None,
        [1],
        {"a": 1},
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        Decimal("-Infinity"),
    ],
)
def test_parse_money_rejects_non_amounts(value: Any) -> None:
    with pytest.raises(ValueError, match="expected an amount in pounds"):
        parse_money(value)


def test_check_money() -> None:
    assert check_money(Decimal("0")) == Decimal("0")
    assert check_money(Decimal("12.34")) == Decimal("12.34")
    with pytest.raises(ValueError, match=r"^must be >= 0, got -0\.01$"):
        check_money(Decimal("-0.01"))


@given(
    st.decimals(
        min_value=Decimal("-1000000000000"),
        max_value=Decimal("1000000000000"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_parse_money_round_trips_formatted_amounts(d: Decimal) -> None:
    assert parse_money(f"{d:,}") == d
    assert parse_money(f"£{d:,}") == d
    assert parse_money(str(d)) == d
    assert parse_money(d) == d


# --- financial years --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025/26", "2025/26"),
        ("2025-26", "2025/26"),
        ("2025/2026", "2025/26"),
        ("2025-2026", "2025/26"),
        (" 2025 / 26 ", "2025/26"),
        ("1999/00", "1999/00"),
        ("1999/2000", "1999/00"),
        ("2099-00", "2099/00"),
    ],
)
def test_parse_financial_year_normalises(value: str, expected: str) -> None:
    assert parse_financial_year(value) == expected


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [
        ("2025/27", "2025/26"),
        ("2025/25", "2025/26"),
        ("2025/2027", "2025/26"),
        ("1999/01", "1999/00"),
    ],
)
def test_parse_financial_year_rejects_non_consecutive_years(value: str, suggestion: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_financial_year(value)
    assert str(info.value) == (
        f"malformed financial year {value!r}: the second year must follow the first"
        f" (did you mean '{suggestion}'?)"
    )


@pytest.mark.parametrize("value", ["25/26", "2025", "2025/6", "FY2025/26", "2025/26/27", ""])
def test_parse_financial_year_rejects_malformed_text(value: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_financial_year(value)
    assert str(info.value) == f"malformed financial year {value!r}: write it like '2025/26'"


@pytest.mark.parametrize("value", [2025, 2025.26, None, dt.date(2025, 4, 1)])
def test_parse_financial_year_rejects_non_text(value: Any) -> None:
    with pytest.raises(ValueError, match="financial year must be written like '2025/26'"):
        parse_financial_year(value)


def test_financial_year_dates() -> None:
    assert fy_start("2025/26") == dt.date(2025, 4, 1)
    assert fy_end("2025/26") == dt.date(2026, 3, 31)
    assert financial_year_of(dt.date(2026, 3, 31)) == "2025/26"
    assert financial_year_of(dt.date(2026, 4, 1)) == "2026/27"
    assert financial_year_of(dt.date(2000, 1, 1)) == "1999/00"


@given(st.integers(min_value=1000, max_value=9998))
def test_financial_year_round_trips(start: int) -> None:
    year = f"{start}/{(start + 1) % 100:02d}"
    assert parse_financial_year(year) == year
    assert parse_financial_year(year.replace("/", "-")) == year
    assert parse_financial_year(f"{start}/{start + 1}") == year
    assert financial_year_of(fy_start(year)) == year
    assert financial_year_of(fy_end(year)) == year
    assert (fy_end(year) - fy_start(year)).days in (364, 365)


@given(st.dates(min_value=dt.date(1001, 1, 1), max_value=dt.date(9998, 12, 31)))
def test_every_date_falls_in_its_financial_year(day: dt.date) -> None:
    year = financial_year_of(day)
    assert parse_financial_year(year) == year
    assert fy_start(year) <= day <= fy_end(year)
