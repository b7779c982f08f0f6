"""A4 (issue 11, point 7): every Word file s75docs writes, the agreement, the deed, the
conformed copy and the comparison, is A4 with the margins of a legal document; a house
reference document keeps its own margins but is put on A4 too. LibreOffice's PDFs of them are
A4 (tests/render/test_pdf.py and the LibreOffice batch below)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Twips

from s75docs.ooxml import A4_TWIPS, LEGAL_MARGINS
from s75docs.render.docx.writer import render_docx
from tests.conftest import CASES, BuiltCase, LoRead
from tests.render.paper import is_a4, pdf_pages, word_pages
from tests.render.test_blackline import compare, mini_tree

A4 = {"w": str(A4_TWIPS[0]), "h": str(A4_TWIPS[1])}
MARGINS = {side: str(twips) for side, twips in LEGAL_MARGINS.items()}


def test_the_paper_is_a4_and_the_margins_those_of_a_legal_document() -> None:
    assert A4_TWIPS == (11906, 16838)  # 210 x 297 mm in twentieths of a point
    assert {LEGAL_MARGINS[s] for s in ("top", "right", "bottom", "left")} == {1440}  # 2.54 cm


@pytest.mark.parametrize("name", CASES)
def test_every_built_document_is_a4(name: str, built_cases: dict[str, BuiltCase]) -> None:
    """The mini case, every example agreement, the Fairhaven deed and its conformed copy."""
    pages = word_pages(built_cases[name].docx)
    assert pages, "no section properties"
    assert pages == [(A4, MARGINS)] * len(pages)


def test_the_comparison_is_a4(tmp_path: Path) -> None:
    old, new = mini_tree(tmp_path, []), mini_tree(tmp_path, ["figure"])
    pages = word_pages(compare(old, new))
    assert pages == [(A4, MARGINS)] * len(pages) and pages


def _letter_reference(path: Path, *, landscape: bool = False) -> Path:
    """A house reference document as python-docx makes it: US Letter, its own margins."""
    word: Any = docx.Document()
    section = word.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (12240, 15840)
    section.left_margin = section.right_margin = Twips(1000)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    word.save(str(path))
    return path


@pytest.mark.parametrize("landscape", [False, True])
def test_a_house_reference_document_is_put_on_a4_and_keeps_its_margins(
    tmp_path: Path, built_cases: dict[str, BuiltCase], landscape: bool
) -> None:
    reference = _letter_reference(tmp_path / "house.docx", landscape=landscape)
    ((size, margin),) = word_pages(render_docx(built_cases["mini"].doc, reference))
    assert (size["w"], size["h"]) == ((A4["h"], A4["w"]) if landscape else (A4["w"], A4["h"]))
    assert (margin["left"], margin["right"]) == ("1000", "1000")


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", CASES)
def test_every_pdf_libreoffice_makes_is_a4(name: str, lo_batch: dict[str, LoRead]) -> None:
    sizes = pdf_pages(lo_batch[name].pdf)
    assert sizes, "no page sizes in the PDF"
    assert all(is_a4(s) for s in sizes), sizes
