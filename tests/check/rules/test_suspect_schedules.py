"""A reference to a schedule whose words name another schedule's title."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from s75docs.check.run import check_document

HEAD = "THIS AGREEMENT is made on 1 April 2024\n\n1 DEFINITIONS\n\n"
SCHEDULES = (
    "SCHEDULE 1 FINANCE PROTOCOL\n\n1 The Partners keep accounts of the fund.\n\n"
    "SCHEDULE 2 BETTER CARE FUND PLAN\n\n1 The plan is published separately.\n\n"
    "SCHEDULE 3 POLICY FOR THE MANAGEMENT OF CONFLICTS OF INTEREST\n\n"
    "1 Each member declares interests.\n"
)


def suspects(tmp_path: Path, sentence: str) -> list[tuple[str, str]]:
    path = tmp_path / "agreement.md"
    path.write_text(HEAD + f"1.1 {sentence}\n\n" + SCHEDULES, encoding="utf-8")
    found = check_document(path, dt.date(2024, 4, 1)).findings
    return [(f.text, f.suggestion) for f in found if f.code == "xref-suspect"]


def test_a_title_by_the_reference_names_another_schedule(tmp_path: Path) -> None:
    wrong = "probably Schedule 2 (Better Care Fund Plan)"
    said = "“Better Care Fund Plan” means the plan attached at Schedule 3."
    assert suspects(tmp_path, said) == [("Schedule 3", wrong)]
    said = "The Partners follow the Better Care Fund Plan in Schedule 1 and Schedule 3."
    assert suspects(tmp_path, said) == [("Schedule 1", wrong)]
    said = "The Partners follow Schedule 1 (Better Care Fund Plan) and Schedule 3."
    assert suspects(tmp_path, said) == [("Schedule 1", wrong)]


def test_a_reference_whose_words_fit_or_say_nothing_is_left_alone(tmp_path: Path) -> None:
    for said in (
        "“Better Care Fund Plan” means the plan attached at Schedule 2.",
        "The Partners deliver the Better Care Fund Plan in accordance with Schedule 1.",
        "The Better Care Fund Plan and the Finance Protocol are in Schedule 1 and Schedule 2.",
        "Each Partner follows Schedule 3 and Schedule 1.",
        "The Finance Protocol at Schedule 1 (Finance Protocol) and Schedule 2 apply.",
    ):
        assert suspects(tmp_path, said) == [], said


def test_a_title_inside_the_named_schedules_own_title_fits(tmp_path: Path) -> None:
    path = tmp_path / "agreement.md"
    path.write_text(
        HEAD + "1.1 The scheme “Fairhaven Better Care Fund”, described in Schedule 1, runs.\n\n"
        "SCHEDULE 1 SCHEME SPECIFICATION: FAIRHAVEN BETTER CARE FUND\n\n1 The scheme.\n\n"
        "SCHEDULE 2 BETTER CARE FUND\n\n1 The fund.\n",
        encoding="utf-8",
    )
    found = check_document(path, dt.date(2024, 4, 1)).findings
    assert [f for f in found if f.code == "xref-suspect"] == []
