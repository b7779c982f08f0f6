"""Reading the paper of an output: the page size and margins of every section of a Word
package, and the page size of every page of a PDF (A4 is 595.28 x 841.89 points)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from s75docs.ooxml import W_NS

A4_POINTS = (595.28, 841.89)
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")


def word_pages(data: bytes) -> list[tuple[dict[str, str], dict[str, str]]]:
    """(w:pgSz attributes, w:pgMar attributes) of every section of word/document.xml, with
    the namespace taken off the attribute names."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    out = []
    for sect in root.iter(f"{{{W_NS}}}sectPr"):
        size, margin = sect.find(f"{{{W_NS}}}pgSz"), sect.find(f"{{{W_NS}}}pgMar")
        out.append((_attrs(size), _attrs(margin)))
    return out


def _attrs(el: etree._Element | None) -> dict[str, str]:
    if el is None:
        return {}
    return {str(k).split("}")[-1]: str(v) for k, v in el.attrib.items()}


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    """The width and height in points of each page's MediaBox (LibreOffice writes them
    uncompressed); checked against pdfinfo (poppler-utils) where it is installed."""
    data = path.read_bytes()
    boxes = [
        (float(m[3]) - float(m[1]), float(m[4]) - float(m[2])) for m in _MEDIA_BOX.finditer(data)
    ]
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        done = subprocess.run([pdfinfo, str(path)], capture_output=True, check=True, timeout=60)
        found = re.search(rb"Page size:\s+([\d.]+) x ([\d.]+) pts", done.stdout)
        assert found, done.stdout
        boxes.append((float(found[1]), float(found[2])))
    return boxes


def is_a4(size: tuple[float, float]) -> bool:
    """Within a point of A4, portrait (rounding differs between PDF writers)."""
    return all(abs(got - want) < 1.0 for got, want in zip(size, A4_POINTS, strict=True))
