"""A4 (issue 11, point 7): every Board report is A4, from the default templates (A4, with
their own margins) or from a house template made on US Letter; and LibreOffice's PDF of a
report, and of the comparison, is A4."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.model.meeting import ReportKind
from s75docs.ooxml import A4_TWIPS
from s75docs.reports.render import default_template
from tests.conftest import LibreOffice
from tests.render.paper import is_a4, pdf_pages, word_pages
from tests.reports.conftest import CASES

A4 = (str(A4_TWIPS[0]), str(A4_TWIPS[1]))


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_default_report_template_is_a4(kind: ReportKind) -> None:
    pages = word_pages(default_template(kind))
    assert pages and all((size["w"], size["h"]) == A4 for size, _ in pages)
    # margins of at least 2 cm (1134 twips) on every side
    assert all(int(m[side]) >= 1134 for _, m in pages for side in ("top", "bottom", "left"))


@pytest.mark.parametrize("name", CASES)
def test_every_report_is_a4(name: str, built_reports: dict[str, Path]) -> None:
    """Including the house-style case, whose template python-docx made on US Letter."""
    pages = word_pages(built_reports[name].read_bytes())
    assert pages and all((size["w"], size["h"]) == A4 for size, _ in pages), pages


@pytest.mark.libreoffice
def test_libreoffice_prints_a_report_and_the_comparison_on_a4(
    built_reports: dict[str, Path], libreoffice: LibreOffice, tmp_path: Path
) -> None:
    from s75docs.render.pdf import docx_to_pdfs
    from tests.render.test_blackline import compare, mini_tree

    comparison = compare(mini_tree(tmp_path, []), mini_tree(tmp_path, ["figure"]))
    words = [built_reports["cabinet"].read_bytes(), built_reports["house"].read_bytes()]
    for i, pdf in enumerate(docx_to_pdfs([*words, comparison])):
        path = tmp_path / f"{i}.pdf"
        path.write_bytes(pdf)
        sizes = pdf_pages(path)
        assert sizes and all(is_a4(size) for size in sizes), (i, sizes)
