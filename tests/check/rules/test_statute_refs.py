"""A section of an Act cited as a clause."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from s75docs.check.run import check_document

HEAD = "THIS AGREEMENT is made on 1 April 2024\n\n1 OBLIGATIONS\n\n"


def test_a_section_of_an_act_cited_as_a_clause(tmp_path: Path) -> None:
    path = tmp_path / "agreement.md"
    path.write_text(
        HEAD + "1.1 The ICB complies with Clause 14O of the National Health Service Act 2006,"
        " section 75 of that Act and Clause 1.2 of this Agreement.\n\n"
        "1.2 The Partners comply with clause 3(2) of the Local Government Act 1972.\n",
        encoding="utf-8",
    )
    found = check_document(path, dt.date(2024, 4, 1)).findings
    assert [(f.code, f.suggestion) for f in found] == [
        ("xref-suspect", "section 14O of the National Health Service Act 2006"),
        ("xref-suspect", "section 3(2) of the Local Government Act 1972"),
    ]
