"""Placeholders: the forms drafters leave, what to do about each, and templates annexed blank."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from s75docs.check.run import check_document
from s75docs.diagnostics import Severity

HEAD = "THIS AGREEMENT is made on 1 April 2024\n\n1 OBLIGATIONS\n\n"


def findings(tmp_path: Path, body: str) -> list[tuple[str, str, str]]:
    path = tmp_path / "agreement.md"
    path.write_text(HEAD + body, encoding="utf-8")
    found = check_document(path, dt.date(2024, 4, 1)).findings
    return [(f.code, f.text, f.suggestion) for f in found]


def test_placeholders_and_what_to_do_with_each(tmp_path: Path) -> None:
    body = (
        "1.1 Notice of [sixty (60) days] or [30] days is given to [JCB] under [Clause 1.2]"
        " and [The Protocol at Schedule 8], and [INSERT] applies.\n\n"
        "1.2 Each Partner pays within 30 days (as Clause 1.1 says) and [2] is a note.\n"
    )
    assert findings(tmp_path, body) == [
        ("placeholder", "[sixty (60) days]", "confirm the period and remove the brackets"),
        ("placeholder", "[30]", "confirm the period and remove the brackets"),
        ("placeholder", "[JCB]", "confirm the name and remove the brackets"),
        ("placeholder", "[Clause 1.2]", "confirm the reference and remove the brackets"),
        (
            "placeholder",
            "[The Protocol at Schedule 8]",
            "confirm the reference and remove the brackets",
        ),
        ("placeholder", "[INSERT]", "complete or delete it before signing"),
    ]


def test_a_template_annexed_blank_is_one_info_line(tmp_path: Path) -> None:
    body = (
        "1.1 The Partners may add schemes using the template in Part 2 of Schedule 1.\n\n"
        "SCHEDULE 1\n\nPART 1 SCHEMES\n\n1 The schemes are listed here.\n\n"
        "PART 2 TEMPLATE SCHEME SPECIFICATION\n\n"
        "1 The Host Partner is [   ] and the manager is [   ].\n\n"
        "2 The amount is [INSERT].\n"
    )
    path = tmp_path / "agreement.md"
    path.write_text(HEAD + body, encoding="utf-8")
    found = [f for f in check_document(path, dt.date(2024, 4, 1)).findings]
    assert [(f.code, f.severity) for f in found] == [("placeholder", Severity.INFO)]
    assert "Part 2 of Schedule 1 is a template" in found[0].message
    assert "its 3 blank(s)" in found[0].message


def test_a_stale_body_only_in_a_definition_nothing_uses(tmp_path: Path) -> None:
    path = tmp_path / "agreement.md"
    path.write_text(
        "THIS AGREEMENT is made on 1 April 2024\n\n1 DEFINITIONS\n\n"
        "“PHE” means Public Health England.\n\n"
        "“Pooled Fund” means the fund.\n\n2 FUND\n\n2.1 The Pooled Fund is kept.\n",
        encoding="utf-8",
    )
    found = check_document(path, dt.date(2024, 4, 1)).findings
    # one finding: deleting the definition is the whole fix, and it says what is stale
    assert [f.code for f in found] == ["term-unused"]
    assert found[0].text == "PHE"
    assert "and 'Public Health England' is abolished with effect from 1 October 2021" in (
        found[0].message
    )
