"""The numbering rule compares number tuples: gaps, duplicates, order, level jumps, schedules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from s75docs.check.findings import Finding
from s75docs.check.run import check_document
from s75docs.doctree.numbers import roman

HEAD = "THIS AGREEMENT is made on 1 April 2024\n\n1 OBLIGATIONS\n\n"
NUMERALS = [roman(n) for n in range(1, 13)]


def check(tmp_path: Path, *numbers: str, head: str = HEAD) -> list[tuple[str, str]]:
    text = head + "".join(f"{n} The Partners shall act;\n\n" for n in numbers)
    path = tmp_path / "agreement.md"
    path.write_text(text, encoding="utf-8")
    findings: list[Finding] = check_document(path, dt.date(2024, 4, 1)).findings
    return [(f.code, f.message) for f in findings]


def test_a_clean_outline(tmp_path: Path) -> None:
    assert check(tmp_path, "1.1", "(a)", *(f"({n})" for n in NUMERALS), "(b)", "1.2") == []


def test_decimal_faults(tmp_path: Path) -> None:
    assert check(tmp_path, "1.1", "1.3", "1.3", "2.1") == [
        ("num-gap", "1.3 follows 1.1; 1.2 is missing"),
        ("num-duplicate", "1.3 is used twice"),
        ("num-order", "2.1 comes after 2.3"),
        ("num-order", "2.1 stands under 1"),
    ]


def test_a_level_jump(tmp_path: Path) -> None:
    assert check(tmp_path, "1.1.1") == [
        ("num-level-jump", "1.1.1 follows 1 with no level between them")
    ]


def test_a_missing_numeral_after_twelve_is_found(tmp_path: Path) -> None:
    """(xiv) after (xii) was read as a letter and passed unremarked."""
    numerals = [f"({n})" for n in NUMERALS]
    assert check(tmp_path, "1.1", "(a)", *numerals, "(xiii)", "(xiv)", "(b)") == []
    assert check(tmp_path, "1.1", "(a)", *numerals, "(xiv)", "(b)") == [
        ("num-gap", "(xiv) follows (xii); (xiii) is missing")
    ]


def test_double_letters_run_on_through_ii(tmp_path: Path) -> None:
    """(ii) after (hh) is the next letter; it was read as a numeral, making two false gaps."""
    letters = [f"({c})" for c in "abcdefghijklmnopqrstuvwxyz"] + ["(aa)", "(bb)"]
    doubles = [f"({c * 2})" for c in "cdefghij"]
    assert check(tmp_path, "1.1", *letters, *doubles) == []
    assert check(tmp_path, "1.1", *letters, *doubles[:-2], "(jj)") == [
        ("num-gap", "(jj) follows (hh); (ii) is missing")
    ]


def test_a_schedule_that_continues_the_previous_one(tmp_path: Path) -> None:
    head = HEAD + "1.1 The Partners agree.\n\nSCHEDULE 1 SERVICES\n\n1 FIRST\n\n2 SECOND\n\n"
    found = check(tmp_path, "SCHEDULE 2 FUNDS\n\n3 THIRD\n\n4 FOURTH", head=head)
    assert found == [
        ("num-continues", "the paragraphs of Schedule 2 start at 3, continuing from Schedule 1")
    ]


def test_two_numbers_swapped_are_one_finding(tmp_path: Path) -> None:
    assert check(tmp_path, "1.1", "1.3", "1.2", "1.4") == [
        ("num-order", "1.3 comes before 1.2: the two are in the wrong order")
    ]


def test_numbering_run_on_through_parts_of_one_schedule_is_info(tmp_path: Path) -> None:
    head = HEAD + "1.1 Schedules 1 and 2 apply.\n\n"
    body = (
        "SCHEDULE 1\n\nPART 1 COMMON\n\n1 FUNDING\n\n1.1 The Partners pay.\n\n"
        "2 AIMS\n\n2.1 The Partners aim.\n\nPART 2 SCHEMES\n\n3 SCHEMES\n\n"
        "3.1 The schemes run.\n\nSCHEDULE 2\n\nPERFORMANCE\n\n4 MEASURES\n\n"
        "4.1 The measures apply.\n"
    )
    path = tmp_path / "agreement.md"
    path.write_text(head + body, encoding="utf-8")
    found = check_document(path, dt.date(2024, 4, 1)).findings
    assert [(f.code, f.text, f.level.value) for f in found] == [
        ("num-continues", "3", "info"),  # a house style within one schedule
        ("num-continues", "4", "error"),  # a new schedule must restart
    ]


def test_a_stray_list_number_before_a_typed_number_is_not_the_number(tmp_path: Path) -> None:
    # "2. 8.2 Within ...": Word's list number printed before the typed one
    assert check(tmp_path, "1.1", "2. 1.2", "1.3") == []


def test_run_on_numbering_that_breaks_a_parts_own_references_is_an_error(
    tmp_path: Path,
) -> None:
    body = (
        HEAD + "1.1 Schedule 1 applies.\n\n"
        "SCHEDULE 1\n\nPART 1 COMMON\n\n1 FUNDING\n\n1.1 The Partners pay.\n\n"
        "2 AIMS\n\n2.1 The Partners aim.\n\nPART 2 SCHEME\n\n3 SERVICES\n\n"
        "3.1 The services are those in paragraph 1 below.\n\n4 STAFF\n\n4.1 Staff transfer.\n"
    )
    path = tmp_path / "agreement.md"
    path.write_text(body, encoding="utf-8")
    found = [
        f for f in check_document(path, dt.date(2024, 4, 1)).findings if f.code != "xref-dangling"
    ]
    assert [(f.code, f.text, f.level.value) for f in found] == [("num-continues", "3", "error")]
    assert "its own words cite 'paragraph 1 below'" in found[0].message
