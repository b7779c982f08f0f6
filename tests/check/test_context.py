"""A finding names its provision as every document of the project does (doctree.cite)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from s75docs.check.report import as_text
from s75docs.check.run import check_document

AGREEMENT = """THIS AGREEMENT is made on 1 April 2024

1 DEFINITIONS

1.1 In this Agreement:

"Fund" means the fund, including:

(a) the money [INSERT]; and

(b) the rest.

2 OBLIGATIONS

2.1 The Partners shall use the Fund [INSERT].

SCHEDULE 1 SERVICES

Some introductory text [INSERT].

1 FIRST

1.1 A paragraph [INSERT].

ANNEX 2 EXTRA

1 SOMETHING

1.1 Text [INSERT].
"""


def test_findings_cite_their_provision(tmp_path: Path) -> None:
    path = tmp_path / "agreement.md"
    path.write_text(AGREEMENT, encoding="utf-8")
    result = check_document(path, dt.date(2024, 4, 1))
    assert [f.clause for f in result.findings] == [
        "Clause 1.1",  # a definition's limb (a) is not a provision: its clause is cited
        "Clause 2.1",
        "Schedule 1",
        "paragraph 1.1 of Schedule 1",
        "paragraph 1.1 of Annex 2",
    ]
    headings = [line for line in as_text(result).splitlines() if line.startswith("== ")]
    assert headings[:2] == ["== Clause 1.1", "== Clause 2.1"]


def test_term_end_read_from_the_initial_term_definition() -> None:
    from s75docs.check.raw import RawParagraph
    from s75docs.check.run import term_end

    def read(*lines: str) -> dt.date | None:
        return term_end([RawParagraph(text=line) for line in lines])

    assert read("“Initial Term” means the period to 31 March 2028;") == dt.date(2028, 3, 31)
    # an ordinal split from its number by PDF extraction, on the next lines
    assert read("Initial Term means the period ending on the 31", "st", " March 2020.") == (
        dt.date(2020, 3, 31)
    )
    # a term stated as a length: no date; a date in the NEXT definition is not the term's
    assert read("Initial Term means three years.", "Long Stop Date means 1 May 2030") is None
    assert read("The Initial Term is long.", "Nothing here.") is None
