"""Numbers as tuples: Word's letters and Roman numerals, decimal paths, schemes of levels."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from s75docs.doctree.numbers import (
    AGREEMENT,
    RECITALS,
    REPORT,
    Format,
    alpha,
    parse_alpha,
    parse_decimal,
    parse_roman,
    roman,
)


def test_word_letters_and_roman_numerals() -> None:
    assert [alpha(n) for n in (1, 26, 27, 28, 53)] == ["a", "z", "aa", "bb", "aaa"]
    assert [roman(n) for n in (1, 4, 9, 12, 13, 14, 40, 1994)] == [
        "i",
        "iv",
        "ix",
        "xii",
        "xiii",
        "xiv",
        "xl",
        "mcmxciv",
    ]


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n: int) -> None:
    assert parse_roman(roman(n)) == n


@given(st.integers(min_value=1, max_value=104))
def test_letter_round_trip(n: int) -> None:
    assert parse_alpha(alpha(n)) == n


def test_what_is_not_a_number() -> None:
    assert parse_roman("iiii") is None and parse_roman("") is None and parse_roman("ab") is None
    assert parse_alpha("ab") is None and parse_alpha("3") is None
    assert parse_decimal("11.4.2") == (11, 4, 2)
    assert parse_decimal("2)") is None and parse_decimal("²") is None
    assert parse_decimal("1" * 5000) is None  # never int() of a huge string


def test_the_same_text_is_a_different_number_by_format() -> None:
    assert Format.ROMAN.parse("iv") == 4
    assert Format.LETTER.parse("i") == 9
    assert Format.DECIMAL.parse("12") == 12


def test_agreement_levels() -> None:
    assert AGREEMENT.own((11,)) == "11"
    assert AGREEMENT.own((11, 4)) == "11.4"
    assert AGREEMENT.own((11, 4, 2)) == "11.4.2"
    assert AGREEMENT.own((11, 4, 2, 1)) == "(a)"
    assert AGREEMENT.full((11, 4, 2, 1)) == "11.4.2(a)"
    assert AGREEMENT.full((11, 4, 2, 1, 13)) == "11.4.2(a)(xiii)"


def test_report_levels_letter_the_third() -> None:
    assert REPORT.own((2, 1)) == "2.1"
    assert REPORT.own((2, 1, 3)) == "(c)"
    assert REPORT.full((2, 1, 3, 13)) == "2.1(c)(xiii)"  # not "(13)" after "(xii)"
    assert RECITALS.own((3,)) == "(C)"
