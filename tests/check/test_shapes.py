"""The development corpus of shapes (tests/check/shapes.py): the outline read from every
form of every source against the outline s75docs built, and the findings on each."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.shapes import FORMS, SOURCES, Measure, Shape, derive, measure, true_outline
from tests.conftest import BuiltCase, LoRead

# forms read in full and clean; the others are measured (python -m tests.check.shapes)
CLEAN = (
    "docx",
    "docx-typed",
    "docx-bold",
    "docx-plain",
    "pdftotext-layout",
    "lo-text",
    "python-docx",
)
# pdftotext without -layout: the outline read, at least (where a justified line is
# scattered a word a line and a number taken out of its column, a provision or two in a
# thousand is lost)
AT_LEAST = {"pdftotext": 0.995}
# pandoc's plain text and Markdown write Word's lists as list positions, from 1 again
# wherever a list is interrupted: the document's numbers are not in them to be read
UNREADABLE = ("pandoc-plain", "pandoc-md")


@pytest.fixture(scope="session")
def shapes(
    built_cases: dict[str, BuiltCase],
    lo_batch: dict[str, LoRead],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], Measure]:
    out = tmp_path_factory.mktemp("shapes")
    measured: dict[tuple[str, str], Measure] = {}
    for source in SOURCES:
        case, lo = built_cases[source], lo_batch[source]
        forms = derive(source, case.path, lo.pdf, lo.text, out)
        truth = true_outline(case.doc)
        for form in FORMS:
            measured[source, form] = measure(Shape(source, form, forms[form], truth))
    return measured


@pytest.mark.parametrize("form", CLEAN)
@pytest.mark.parametrize("source", SOURCES)
def test_every_clean_form_reads_in_full_with_no_findings(
    shapes: dict[tuple[str, str], Measure], source: str, form: str
) -> None:
    m = shapes[source, form]
    assert sorted(m.missed) == [] and sorted(m.extra) == []
    assert m.findings == []


@pytest.mark.parametrize("form", sorted(AT_LEAST))
@pytest.mark.parametrize("source", SOURCES)
def test_pdf_text_reads_most_of_the_outline(
    shapes: dict[tuple[str, str], Measure], source: str, form: str
) -> None:
    m = shapes[source, form]
    assert m.accuracy >= AT_LEAST[form], sorted(m.missed)[:20]
    assert sorted(m.extra) == []
    assert len(m.findings) <= 4, m.findings  # each a provision whose number was lost


@pytest.mark.parametrize("form", UNREADABLE)
@pytest.mark.parametrize("source", SOURCES)
def test_list_positions_are_said_to_be_unread_and_nothing_else(
    shapes: dict[tuple[str, str], Measure], source: str, form: str
) -> None:
    m = shapes[source, form]
    assert m.found == frozenset()
    assert (
        len(m.findings) == 1
        and "outline-unplaced: the numbers are places in lists" in (m.findings[0])
    )


def test_the_forms_are_what_they_claim(shapes: dict[tuple[str, str], Measure]) -> None:
    typed = shapes["fairhaven", "docx-typed"].shape.path
    from s75docs.check.read_docx import read_docx

    raws = read_docx(typed)
    assert not any(r.numbered_by_word and r.number[:1].isdigit() for r in raws)
    assert any(r.text.startswith("12.3\t") for r in raws)
    bold = read_docx(shapes["fairhaven", "docx-bold"].shape.path)
    assert not any(r.style == "S75 Clause Heading" for r in bold)
    assert Path(shapes["fairhaven", "pdftotext"].shape.path).read_text("utf-8").count("\f") > 10
