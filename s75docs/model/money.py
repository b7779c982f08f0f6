"""Money as Decimal pounds and financial years as "2025/26"."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

_AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d{1,2})?$|^-?\d+(\.\d{1,2})?$")
_FY = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")


_TOO_LARGE = Decimal(10) ** 15


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:30]}... ({len(text)} characters)"


def parse_money(value: Any) -> Decimal:
    """Accept 1234567, 1234567.5, "1,234,567.50" or "£1,234,567"; reject malformed text."""
    if isinstance(value, bool):
        raise ValueError(f"expected an amount in pounds, got {value!r}")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace("£", "").replace("GBP", "").strip()
        if not _AMOUNT.match(text):
            raise ValueError(
                f"malformed amount {_short(value)}: write pounds as 1234567.89 or 1,234,567.89"
            )
        amount = Decimal(text.replace(",", ""))
    else:
        raise ValueError(f"expected an amount in pounds, got {value!r}")
    if not amount.is_finite():
        raise ValueError(f"expected an amount in pounds, got {_short(value)}")
    if abs(amount) >= _TOO_LARGE:  # no partnership pools a quadrillion pounds
        raise ValueError(f"amount {_short(value)} is too large to be an amount in pounds")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"amount {value!r} has more than two decimal places (pence)")
    return amount


Money = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    PlainSerializer(lambda d: str(d), return_type=str, when_used="json"),
]


def parse_financial_year(value: Any) -> str:
    """Normalise "2025/26", "2025-26" or "2025/2026" to "2025/26"; reject 2025/27."""
    if not isinstance(value, str):
        raise ValueError(f"financial year must be written like '2025/26', got {value!r}")
    match = _FY.match(value.strip())
    if not match:
        raise ValueError(f"malformed financial year {value!r}: write it like '2025/26'")
    start = int(match.group(1))
    end_text = match.group(2)
    end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
    if len(end_text) == 2 and end < start:
        end += 100
    if end != start + 1:
        expected = f"{start}/{(start + 1) % 100:02d}"
        raise ValueError(
            f"malformed financial year {value!r}: the second year must follow the first"
            f" (did you mean '{expected}'?)"
        )
    return f"{start}/{(start + 1) % 100:02d}"


FinancialYear = Annotated[str, BeforeValidator(parse_financial_year)]


def unique_years(value: Any) -> Any:
    """Refuse the same year written twice ("2026/27" and "2026-27") in one mapping."""
    if isinstance(value, dict):
        seen: dict[str, str] = {}
        for key in value:
            try:
                year = parse_financial_year(key)
            except ValueError:
                continue  # the key's own validation reports it
            if year in seen:
                raise ValueError(
                    f"financial year {year} is given twice ({seen[year]!r} and {key!r})"
                )
            seen[year] = str(key)
    return value


def fy_start(year: str) -> date:
    """1 April of the financial year."""
    return date(int(year[:4]), 4, 1)


def fy_end(year: str) -> date:
    """31 March ending the financial year."""
    return date(int(year[:4]) + 1, 3, 31)


def financial_year_of(day: date) -> str:
    """The financial year a date falls in."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def check_money(value: Decimal) -> Decimal:
    """Raise if the amount cannot be a contribution."""
    try:
        if value < 0:
            raise ValueError(f"must be >= 0, got {value}")
    except InvalidOperation as exc:  # pragma: no cover - Decimal comparisons of finite values
        raise ValueError(str(exc)) from exc
    return value
