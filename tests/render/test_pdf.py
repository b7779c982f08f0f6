"""PDF output: through LibreOffice as users run it, on A4, and a clear message, exit 2 and no
file when LibreOffice is missing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from s75docs.cli import main
from s75docs.errors import ToolError
from s75docs.render import pdf
from tests.conftest import LibreOffice
from tests.helpers import MINI
from tests.render.paper import is_a4, pdf_pages

FAIRHAVEN = Path(__file__).resolve().parents[2] / "examples" / "fairhaven"


def test_missing_libreoffice_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    with pytest.raises(ToolError, match="apt-get install libreoffice-writer-nogui"):
        pdf.docx_to_pdf(b"not used")
    monkeypatch.setenv("S75DOCS_LIBRARY", str(MINI / "library"))
    target = tmp_path / "a.pdf"
    result = CliRunner().invoke(main, ["build", str(MINI / "scheme.yaml"), "-o", str(target)])
    assert result.exit_code == 2
    assert "PDF output needs LibreOffice" in result.stderr
    assert not target.exists()


@pytest.mark.libreoffice
def test_build_and_vary_write_pdf_through_libreoffice(
    tmp_path: Path, libreoffice: LibreOffice
) -> None:
    """The product's own path: `build -o x.pdf`, and `vary --format pdf`, which converts the
    deed and the conformed copy in one LibreOffice."""
    target = tmp_path / "agreement.pdf"
    built = CliRunner().invoke(main, ["build", str(FAIRHAVEN / "scheme.yaml"), "-o", str(target)])
    assert built.exit_code == 0, built.stderr
    assert target.read_bytes().startswith(b"%PDF")
    assert all(is_a4(size) for size in pdf_pages(target)), pdf_pages(target)
    varied = CliRunner().invoke(
        main,
        [
            "vary",
            str(FAIRHAVEN / "scheme.yaml"),
            str(FAIRHAVEN / "scheme-v2.yaml"),
            "-o",
            str(tmp_path / "v"),
            "--format",
            "pdf",
        ],
    )
    assert varied.exit_code == 0, varied.stderr
    texts = {}
    for name in ("deed.pdf", "conformed.pdf"):
        data = (tmp_path / "v" / name).read_bytes()
        assert data.startswith(b"%PDF")
        sizes = pdf_pages(tmp_path / "v" / name)
        assert sizes and all(is_a4(size) for size in sizes), (name, sizes)
        done = subprocess.run(
            ["pdftotext", str(tmp_path / "v" / name), "-"], capture_output=True, check=True
        )
        texts[name] = done.stdout.decode("utf-8")
    assert "Deed of Variation" in texts["deed.pdf"]
    assert "Conformed copy" in texts["conformed.pdf"]
    assert texts["deed.pdf"] != texts["conformed.pdf"]


@pytest.mark.libreoffice
def test_build_writes_the_same_pdf_bytes_twice(
    tmp_path: Path, libreoffice: LibreOffice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice stamps the time of export; the PDF is made byte-identical (dates from
    SOURCE_DATE_EPOCH or a fixed date, the document ID from the content)."""
    monkeypatch.setenv("S75DOCS_LIBRARY", str(MINI / "library"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pdfs = []
    for name in ("one.pdf", "two.pdf"):
        target = tmp_path / name
        built = CliRunner().invoke(main, ["build", str(MINI / "scheme.yaml"), "-o", str(target)])
        assert built.exit_code == 0, built.stderr
        pdfs.append(target.read_bytes())
    assert pdfs[0] == pdfs[1]
    assert b"/CreationDate(D:20000101000000" in pdfs[0]
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "one.pdf")], capture_output=True, check=True, text=True
    )
    assert "CreationDate:    Sat Jan  1 00:00:00 2000" in info.stdout
