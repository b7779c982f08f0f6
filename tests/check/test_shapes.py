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
    "pdftotext",  # numbers printed before the texts of the provisions above them, read back
    "pdftotext-layout",
    "lo-text",
    "pandoc-plain",  # Word's list numbers read back from pandoc's list places
    "pandoc-md",
    "pandoc-typed-md",  # typed numbers are text to pandoc: read as typed
    "python-docx",
)


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


def test_the_forms_are_what_they_claim(shapes: dict[tuple[str, str], Measure]) -> None:
    typed = shapes["fairhaven", "docx-typed"].shape.path
    from s75docs.check.read_docx import read_docx

    raws = read_docx(typed)
    assert not any(r.numbered_by_word and r.number[:1].isdigit() for r in raws)
    assert any(r.text.startswith("12.3\t") for r in raws)
    bold = read_docx(shapes["fairhaven", "docx-bold"].shape.path)
    assert not any(r.style == "S75 Clause Heading" for r in bold)
    assert Path(shapes["fairhaven", "pdftotext"].shape.path).read_text("utf-8").count("\f") > 10
