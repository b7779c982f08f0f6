"""A document that is not an agreement (a letter, a guide, a CV) gets one line saying so,
not findings about a structure it does not have; Word comments and stale law are still said."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx

from s75docs.check.run import check_document
from tests.check.test_read_docx import abstract_xml, make_docx, num_xml, para

LETTER = """Fairhaven Borough Council
Town Hall, Market Square

1 March 2026

Dear [Name],

Thank you for your letter about the changes to Clause 14 and paragraph 3 of Schedule 9.
As set out in Section 4, we will write again by [date]. The Primary Care Trust has been
told.

Yours sincerely,

A Officer
"""


def _codes(path: Path) -> list[str]:
    return [f.code for f in check_document(path, dt.date(2026, 4, 1)).findings]


def test_a_letter_is_one_info_line_and_its_stale_law(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = check_document(path, dt.date(2026, 4, 1))
    codes = [f.code for f in result.findings]
    assert codes.count("not-agreement") == 1
    assert sorted(codes) == ["law-stale", "not-agreement"]  # no placeholder, no xref-dangling
    line = next(f for f in result.findings if f.code == "not-agreement")
    assert "does not look like an agreement" in line.message and "were not run" in line.message


def test_a_guide_with_numbered_headings_and_references(tmp_path: Path) -> None:
    """Word-numbered headings (1, 1.1...) and "Clause 9" in a developer guide: not clauses."""
    numbering = abstract_xml(0, [("decimal", "%1."), ("decimal", "%1.%2")]) + num_xml(1, 0)
    body = para("Headers and footers")
    for _ in range(5):
        body += para("INTRODUCTION", 1, 0)
        body += para("See Clause 9.4 and paragraph 7 of Schedule 3 for [TODO].", 1, 1)
    path = make_docx(tmp_path / "guide.docx", body, numbering)
    assert _codes(path) == ["not-agreement"]


def test_a_cv_keeps_its_comments(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Curriculum vitae", 0)
    paragraph = document.add_paragraph("Experience: 2019 to [year], Clause 4 drafting.")
    document.add_comment(paragraph.runs, text="check the dates")
    document.add_paragraph("Education: a degree.")
    path = tmp_path / "cv.docx"
    document.save(str(path))
    assert sorted(_codes(path)) == ["comment-left", "not-agreement"]


def test_an_agreement_is_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "agreement.txt"
    path.write_text(
        "THIS AGREEMENT is made on 1 April 2026\n\n1. DEFINITIONS\n\n"
        "1.1 The Partners refer to Clause 9.\n",
        encoding="utf-8",
    )
    assert _codes(path) == ["xref-dangling"]
