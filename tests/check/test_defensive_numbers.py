"""Numbers read from a document are parsed defensively (hostile-docx.md defects 1 to 4 and
8): "3(a)", "2)", "0A", "²", thousands of digits, a Part heading with no number, and
nesting as deep as the file likes all end in a report, never an internal error."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

from s75docs.check.numbers import int_or, leading_int
from s75docs.check.run import check_document, check_with_tree
from s75docs.check.tree import MAX_DEPTH
from tests.check.test_read_docx import abstract_xml, make_docx, num_xml, para


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("12.3", 12),
        ("3(a)", 3),
        ("1(c)", 1),
        ("2)", 2),
        ("0A", 0),
        ("5th-", 5),
        (" 7", 7),
        ("²", None),
        ("1²", 1),
        ("(a)", None),
        ("", None),
        ("٣", None),  # an Arabic-Indic digit: a digit to str.isdigit(), not a clause number
        ("9" * 5000, None),
        ("123456789", 123456789),
        ("1234567890", None),
    ],
)
def test_leading_int_reads_only_a_leading_run_of_ascii_digits(text: str, value: int | None) -> None:
    assert leading_int(text) == value
    assert int_or(text, -1) == (-1 if value is None else value)


def _agreement(clauses: str) -> str:
    return (
        "THIS AGREEMENT is made on 1 April 2026\n\n"
        "1. DEFINITIONS\n\n1.1 In this Agreement words have their meanings.\n\n"
        "2. TERM\n\n2.1 This Agreement lasts a year.\n\n" + clauses
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Any dispute shall be resolved under Clause 3(a).",
        "Any dispute shall be resolved under Clause 1(c) and Clause 9(b).",
        "Any dispute goes to Clause 99999999999999999999999999.",
    ],
)
def test_a_reference_with_letters_or_many_digits_is_read(tmp_path: Path, sentence: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(_agreement(f"3. DISPUTES\n\n3.1 {sentence}\n"), encoding="utf-8")
    check_document(path)  # no exception


def _word(tmp_path: Path, name: str, levels: list[tuple[str, str]], texts: list[str]) -> Path:
    numbering = abstract_xml(0, levels) + num_xml(1, 0)
    body = para("THIS AGREEMENT is made on 1 April 2026") + "".join(
        para(text, 1, ilvl) for ilvl, text in enumerate(texts)
    )
    return make_docx(tmp_path / name, body, numbering)


@pytest.mark.parametrize(
    "lvl_text", ["%1)", "%1A", "%1th-", "%1.²", "²", "%1(a)", "Part %1)", "Clause %1"]
)
def test_odd_list_numbers_with_a_dangling_reference(tmp_path: Path, lvl_text: str) -> None:
    """Word prints the heading numbers ("2)", "0A", "5th-", "1.²"); a reference to a clause
    that does not exist is still reported as such."""
    numbering = abstract_xml(0, [("decimal", "%1."), ("decimal", "%1.%2")])
    numbering += abstract_xml(1, [("decimal", lvl_text), ("decimal", "%1.%2")], start=2)
    numbering += num_xml(1, 0) + num_xml(2, 1)
    body = para("THIS AGREEMENT is made on 1 April 2026") + para("DEFINITIONS", 1, 0)
    body += para("The Partners refer to Clause 3(a), Schedule ² and Clause 40.", 1, 1)
    for _ in range(3):
        body += para("DEFINITIONS AND TERM", 2, 0)
        body += para("The Partners refer to Clause 3(a) and to Clause 40.", 2, 1)
    path = make_docx(tmp_path / "odd.docx", body, numbering)
    result = check_document(path)
    assert all(f.code != "internal-error" for f in result.findings)


def test_a_part_heading_without_a_number(tmp_path: Path) -> None:
    """A Word-numbered schedule whose Part level prints "Part " with no number."""
    numbering = abstract_xml(0, [("decimal", "%1."), ("decimal", "%1.%2")])
    numbering += abstract_xml(1, [("decimal", "Schedule %1"), ("none", "Part ")])
    numbering += num_xml(1, 0) + num_xml(2, 1)
    body = (
        para("THIS AGREEMENT is made on 1 April 2026")
        + para("DEFINITIONS", 1, 0)
        + para("The Partners agree.", 1, 1)
        + para("Finance", 2, 0)
        + para("Payments", 2, 1)
        + para("Part without a number", 2, 1)
    )
    result = check_document(make_docx(tmp_path / "part.docx", body, numbering))
    assert [f.message for f in result.findings if f.code == "outline-unplaced"] == [
        "a Part heading without a number"
    ] * 2  # both paragraphs at the Part level


def test_nesting_as_deep_as_the_file_likes_is_not_recursion(tmp_path: Path) -> None:
    """1,500 paragraphs numbered 1, 1.1, 1.1.1, ...: no RecursionError, whatever the limit."""
    depth = 1500
    numbering = "".join(
        abstract_xml(i, [("decimal", ".".join(["%1"] * (i + 1)))]) + num_xml(i + 1, i)
        for i in range(depth)
    )
    body = para("THIS AGREEMENT is made on 1 April 2026") + "".join(
        para("DEFINITIONS" if i == 0 else "The Partners agree.", i + 1, 0) for i in range(depth)
    )
    path = make_docx(tmp_path / "deep.docx", body, numbering)
    limit = sys.getrecursionlimit()
    try:
        # the tree's depth must not depend on the input: a little room above this frame
        sys.setrecursionlimit(len(inspect.stack()) + 150)
        _, read = check_with_tree(path)
    finally:
        sys.setrecursionlimit(limit)
    assert len(read.items) == depth
    assert max(item.level for item, _ in read.items) == MAX_DEPTH


def test_deep_typed_numbers_in_text(tmp_path: Path) -> None:
    lines = "\n\n".join(".".join(["1"] * (i + 1)) + " The Partners agree." for i in range(300))
    path = tmp_path / "deep.txt"
    path.write_text(_agreement("3. MORE\n\n" + lines + "\n"), encoding="utf-8")
    check_document(path)


@pytest.mark.parametrize("start", ["9" * 4300, "9" * 5000, "²", "2)", " 3", "-1"])
def test_a_numbering_start_value_of_any_shape(tmp_path: Path, start: str) -> None:
    """w:start as a hostile file writes it: read as a number only where it is one."""
    numbering = (
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    ) + num_xml(1, 0)
    body = para("THIS AGREEMENT is made on 1 April 2026") + para("DEFINITIONS", 1, 0)
    check_document(make_docx(tmp_path / "start.docx", body, numbering))
