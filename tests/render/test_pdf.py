"""PDF output when LibreOffice is missing: a clear message, exit 2, no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from s75docs.cli import main
from s75docs.errors import ToolError
from s75docs.render import pdf
from tests.helpers import MINI


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
