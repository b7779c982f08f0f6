"""PDF through LibreOffice headless: UNO when available (TOC page numbers filled in)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from s75docs.errors import ToolError
from s75docs.files import build_timestamp
from s75docs.render.pdf_stamp import reproducible_pdf

INSTALL_HINT = (
    "PDF output needs LibreOffice: install it with"
    " 'sudo apt-get install libreoffice-writer-nogui python3-uno' (Debian/Ubuntu)"
    " or from libreoffice.org, then run the build again"
)
_UNO_SCRIPT = Path(__file__).with_name("lo_uno.py")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def uno_python() -> str | None:
    """A python3 that can import uno (Debian's python3-uno installs it for /usr/bin)."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if not candidate:
            continue
        probe = subprocess.run(
            [candidate, "-c", "import uno"], capture_output=True, check=False, timeout=30
        )
        if probe.returncode == 0:
            return candidate
    return None


def docx_to_pdf(data: bytes) -> bytes:
    return docx_to_pdfs([data])[0]


def docx_to_pdfs(documents: list[bytes]) -> list[bytes]:
    """Each Word document as PDF, in one LibreOffice (it starts once, not once a document)."""
    office = soffice()
    if office is None:
        raise ToolError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="s75pdf-") as tmp:
        folder = Path(tmp)
        sources = [folder / f"document{n}.docx" for n in range(len(documents))]
        for src, data in zip(sources, documents, strict=True):
            src.write_bytes(data)
        pdfs = [src.with_suffix(".pdf") for src in sources]
        python = uno_python()
        if python:
            jobs = folder / "jobs.json"
            entries = [{"src": str(s), "pdf": str(p)} for s, p in zip(sources, pdfs, strict=True)]
            jobs.write_text(json.dumps(entries), encoding="utf-8")
            command = [python, str(_UNO_SCRIPT), "--jobs", str(jobs)]
        else:
            command = [office, "--headless", "--convert-to", "pdf", "--outdir", tmp]
            command += [str(s) for s in sources]
        try:
            done = subprocess.run(command, capture_output=True, check=False, timeout=300)
        except subprocess.TimeoutExpired:
            raise ToolError("LibreOffice did not finish converting to PDF in 5 minutes") from None
        if done.returncode != 0 or not all(p.exists() for p in pdfs):
            tail = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:]
            raise ToolError(f"LibreOffice could not convert to PDF: {' '.join(tail) or 'failed'}")
        stamp = build_timestamp()
        return [reproducible_pdf(p.read_bytes(), stamp) for p in pdfs]
