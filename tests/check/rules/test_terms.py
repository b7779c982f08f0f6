"""Defined terms: a term used only in a variant form, and the two ways lawyers sort lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from s75docs.check.run import check_document

HEAD = "THIS AGREEMENT is made on 1 April 2024\n\n1 DEFINITIONS\n\n"


def check(tmp_path: Path, definitions: list[str], body: str) -> list[tuple[str, str]]:
    text = HEAD + "".join(f"{d}\n\n" for d in definitions) + "2 OBLIGATIONS\n\n" + body
    path = tmp_path / "agreement.md"
    path.write_text(text, encoding="utf-8")
    return [(f.code, f.text) for f in check_document(path, dt.date(2024, 4, 1)).findings]


def test_a_term_used_only_in_a_variant_form_is_a_variant_not_unused(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        [
            "“BCF 2017-19 Agreement” means the earlier agreement.",
            "“Better Care Fund Requirements” means the national conditions.",
            "“Non-Recurrent Payments” means one-off sums.",
        ],
        "2.1 This Agreement replaces the BCF 2017 Agreement. The Partners shall meet the "
        "Better Care Fund requirements and may make Non Recurrent Payments.\n",
    )
    assert sorted(found) == [
        ("term-variant", "BCF 2017 Agreement"),
        ("term-variant", "Better Care Fund requirements"),
        ("term-variant", "Non Recurrent Payments"),
    ]


def test_a_term_never_used_in_any_form_is_unused(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        ["“Pooled Fund” means the fund.", "“Review Date” means 1 May."],
        "2.1 The Partners shall keep the Pooled Fund.\n",
    )
    assert found == [("term-unused", "Review Date")]


def test_definitions_sorted_word_by_word_or_letter_by_letter_are_in_order(
    tmp_path: Path,
) -> None:
    words = ["“Service Users” means people.", "“Services Contract” means a contract."]
    body = "2.1 Service Users benefit from each Services Contract.\n"
    assert check(tmp_path, words, body) == []  # word by word
    assert check(tmp_path, words[::-1], body) == []  # letter by letter
    wrong = ["“Services Contract” means a contract.", "“Pooled Fund” means the fund."]
    found = check(tmp_path, wrong, "2.1 The Pooled Fund pays each Services Contract.\n")
    assert found == [("term-order", "Pooled Fund")]


def test_a_term_out_of_order_is_moved_to_where_it_belongs(tmp_path: Path) -> None:
    path = tmp_path / "agreement.md"
    terms = ["Health Related Functions", "Host Partner", "Health and Wellbeing Board"]
    path.write_text(
        HEAD
        + "".join(f"“{t}” means a thing.\n\n" for t in terms)
        + "2 OBLIGATIONS\n\n2.1 "
        + ", ".join(terms)
        + ".\n",
        encoding="utf-8",
    )
    found = check_document(path, dt.date(2024, 4, 1)).findings
    assert [(f.code, f.suggestion) for f in found] == [
        ("term-order", "move 'Health and Wellbeing Board' before 'Health Related Functions'")
    ]


def test_a_used_term_also_joined_differently_is_a_variant(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        ["“Non Pooled Fund” means a budget.", "“Pooled Fund” means the fund."],
        "2.1 The Pooled Fund and the Non Pooled Fund are kept apart. The Non-Pooled Fund is"
        " hosted by the Council, and the Non-Pooled Fund's balance is reported.\n",
    )
    assert found == [("term-variant", "Non-Pooled Fund")]
