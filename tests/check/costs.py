"""Small generators of inputs whose cost grows out of proportion in a careless checker
(hostile-docx.md, defects 11 to 16), and a measure of how the cost grows with their size.

Each generator takes a size n and writes a file; `growth` times the check of size n and 4n
(best of a few runs, CPU time) and returns the ratio: about 4 when the cost is linear, 16
when quadratic. Tests assert the ratio, never a wall-clock time alone.
"""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from s75docs.ooxml import W_NS

AS_OF = dt.date(2026, 4, 1)
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def word_name(k: int) -> str:
    """A distinct capitalised word for each k: Bab, Bac, ... (letters only, no digits)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    k += 26 * 26
    while k:
        k, r = divmod(k, 26)
        out = letters[r] + out
    return out.capitalize()


def write_docx(path: Path, body: str, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal Word package: content types, the package relationships and document.xml
    holding `body` (WordprocessingML inside w:body), plus any `extra` parts."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return path


def paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


# ------------------------------------------------------------------ the hostile inputs


def nested_fields(path: Path, n: int) -> Path:
    """n complex fields nested inside one another around 10n runs of text (defect 11)."""
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    instruction = '<w:r><w:instrText xml:space="preserve"> QUOTE </w:instrText></w:r>'
    separate = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    runs = "".join(f"<w:r><w:t>word{i} </w:t></w:r>" for i in range(10))
    body = "<w:p>" + (begin + instruction + separate + runs) * n + end * n + "</w:p>"
    return write_docx(path, paragraph("1. Definitions") + body)


def many_citations(path: Path, n: int) -> Path:
    """One paragraph citing "Clause 2.1 and paragraph 1 of Schedule 1" n times (defect 12)."""
    text = "Subject to " + "Clause 2.1 and paragraph 1 of Schedule 1, " * n + "the end."
    return _text(path, [text])


def dot_leaders(path: Path, n: int) -> Path:
    """Contents entries (TOC style) of n typed dots, one without a page number after them
    and one with a stray letter (defect 13), in a Word file."""
    entries = ["1. Definitions " + "." * n, "2. Term " + "." * n + "x", "3. Law " + "." * n + " 3"]
    toc = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>{e}</w:t></w:r></w:p>'
        for e in entries
    )
    body = ["THIS AGREEMENT is made", "1. Definitions", "1.1 Text."]
    return write_docx(path, toc + "".join(paragraph(text) for text in body))


def quoted_terms(path: Path, n: int) -> Path:
    """n defined terms, each defined in quotes and used once (defect 15)."""
    terms = [f"{word_name(k)} Item" for k in range(n)]
    lines = ["THIS AGREEMENT is made on 1 April 2024", "1. Definitions"]
    lines += [f"“{term}” means the thing called {term.lower()};" for term in terms]
    lines += ["2. Use"]
    lines += [f"2.{k + 1} The {term} is kept." for k, term in enumerate(terms)]
    return _text(path, lines)


def many_paragraphs(path: Path, n: int) -> Path:
    """An agreement-like text of n numbered paragraphs (defect 14 at a small scale)."""
    lines = ["THIS AGREEMENT is made on 1 April 2024", "1. Definitions"]
    lines += [f"1.{k + 1} The Partners shall act under Clause 1.{k or 1}." for k in range(n)]
    return _text(path, lines)


def _text(path: Path, lines: list[str]) -> Path:
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ measuring growth


def cpu(fn: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def growth(
    make: Callable[[Path, int], Path], run: Callable[[Path], object], folder: Path, n: int
) -> float:
    """CPU time of run() on the input of size 4n over its time on size n."""
    small = make(folder / f"small-{make.__name__}", n)
    large = make(folder / f"large-{make.__name__}", 4 * n)
    run(small)  # warm-up: imports, compiled patterns
    return cpu(lambda: run(large)) / max(cpu(lambda: run(small)), 1e-3)
