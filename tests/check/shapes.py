"""A development corpus of shapes: agreements s75docs built, in the forms a checker meets them.

Each source (an example agreement, a deed of variation) is built, written as .docx, and
derived into the forms real documents take: the .docx as built (Word list numbering); a
.docx with the numbers typed instead of list numbering; a .docx with its headings in direct
bold instead of heading styles; LibreOffice's PDF of it read by `pdftotext` and
`pdftotext -layout`; LibreOffice's text export; pandoc's plain text and Markdown (and its
Markdown of the typed .docx, where the numbers are text, not lists); and
python-docx's paragraph text of the typed .docx. Because we built them, the true outline is
known: every numbered provision of the body and of each schedule, with its number. The
"docx-plain" form has both rewrites: typed numbers and bold headings, no list numbering and
no heading styles, as many agreements drafted by hand are.

    .venv/bin/python -m tests.check.shapes [OUT_DIR]   # prints the accuracy table
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from s75docs.check.tree import ReadDocument
from s75docs.doctree.nodes import Body, Document, Item, Schedule

SOURCES = ("fairhaven", "kestrel", "fairhaven-deed")
FORMS = (
    "docx",
    "docx-typed",
    "docx-bold",
    "docx-plain",
    "pdftotext",
    "pdftotext-layout",
    "lo-text",
    "pandoc-plain",
    "pandoc-md",
    "pandoc-typed-md",
    "python-docx",
)
_TIMEOUT = 300


@dataclass(frozen=True)
class Shape:
    source: str
    form: str
    path: Path
    truth: frozenset[str]  # "body 12.3", "Schedule 2", "Schedule 2 1.1"...


def outline_keys(children: Iterable[object]) -> frozenset[str]:
    """Every numbered provision and schedule of a tree, keyed by where it stands."""
    keys: set[str] = set()
    for top in children:
        if isinstance(top, Body):
            where = "body"
        elif isinstance(top, Schedule):
            where = f"{top.name} {top.number}"
            keys.add(where)
        else:
            continue
        for node in top.walk():
            if isinstance(node, Item) and node.full_number[:1].isdigit() and not node.bullet:
                keys.add(f"{where} {node.full_number}")
    return frozenset(keys)


def true_outline(doc: Document) -> frozenset[str]:
    return outline_keys(doc.children)


def read_outline(read: ReadDocument) -> frozenset[str]:
    return outline_keys(read.doc.children)


# ------------------------------------------------------------------ Word rewrites


def _docx_rewrite(src: Path, dest: Path, change: Callable[[object, dict[int, str]], None]) -> None:
    """Open src with python-docx, apply `change(document, numbers)` (numbers: the list number
    Word shows on each body paragraph, by 1-based index), save to dest."""
    import docx

    from s75docs.check.read_docx import read_docx

    numbers = {
        r.paragraph: r.number
        for r in read_docx(src)
        if r.paragraph is not None and r.number and r.numbered_by_word
    }
    document = docx.Document(str(src))
    change(document, numbers)
    document.save(str(dest))


def _no_numbering(paragraph: object) -> None:
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    num_pr = ppr.makeelement(qn("w:numPr"), {})
    num_id = num_pr.makeelement(qn("w:numId"), {qn("w:val"): "0"})
    num_pr.append(num_id)
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, num_pr)


def _type_number(paragraph: object, number: str) -> None:
    """Put the number Word showed in front of the text, as typed: "12.3<tab>The..."."""
    _no_numbering(paragraph)
    runs = paragraph.runs  # type: ignore[attr-defined]
    # "SCHEDULE 2", then the title after its line break; "12.3<tab>The..."
    typed = number.upper() if number.startswith(("Schedule", "Annex")) else number + "\t"
    if runs:
        first = runs[0]._r
        new = copy.deepcopy(first)
        for child in list(new):
            if child.tag != first.tag and not child.tag.endswith("}rPr"):
                new.remove(child)
        first.addprevious(new)
        from docx.text.run import Run

        Run(new, paragraph).text = typed  # type: ignore[arg-type]
    else:
        paragraph.add_run(typed)  # type: ignore[attr-defined]


def typed_numbers(src: Path, dest: Path) -> None:
    def change(document: object, numbers: dict[int, str]) -> None:
        for index, paragraph in enumerate(document.paragraphs, start=1):  # type: ignore[attr-defined]
            if index in numbers:
                _type_number(paragraph, numbers[index])

    _docx_rewrite(src, dest, change)


_HEADING_STYLES = ("S75 Clause Heading", "S75 Schedule Heading", "S75 Heading", "S75 Title")


def bold_headings(src: Path, dest: Path) -> None:
    """Headings in Normal style, bold by direct formatting; list numbers kept (put on the
    paragraph itself where the heading style carried them)."""

    def change(document: object, numbers: dict[int, str]) -> None:
        body = document.styles["S75 Body"]  # type: ignore[attr-defined]
        for paragraph in document.paragraphs:  # type: ignore[attr-defined]
            if paragraph.style.name not in _HEADING_STYLES:
                continue
            ppr = paragraph._p.pPr
            style_numbering = paragraph.style.element.pPr
            if (
                (ppr is None or ppr.numPr is None)
                and style_numbering is not None
                and style_numbering.numPr is not None
            ):
                paragraph._p.get_or_add_pPr().append(copy.deepcopy(style_numbering.numPr))
            paragraph.style = body
            for run in paragraph.runs:
                run.bold = True

    _docx_rewrite(src, dest, change)


def python_docx_text(src: Path, dest: Path) -> None:
    import docx

    document = docx.Document(str(src))
    dest.write_text("\n\n".join(p.text for p in document.paragraphs) + "\n", encoding="utf-8")


# ------------------------------------------------------------------ external converters


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, check=False, timeout=_TIMEOUT)
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {err}")


def derive(source: str, docx: Path, pdf: Path, lo_text: Path, out: Path) -> dict[str, Path]:
    """Every form of one source, written into out (pdf and lo_text made by LibreOffice)."""
    forms: dict[str, Path] = {"docx": docx}
    forms["docx-typed"] = out / f"{source}-typed.docx"
    typed_numbers(docx, forms["docx-typed"])
    forms["docx-bold"] = out / f"{source}-bold.docx"
    bold_headings(docx, forms["docx-bold"])
    forms["docx-plain"] = out / f"{source}-plain.docx"
    bold_headings(forms["docx-typed"], forms["docx-plain"])
    forms["pdftotext"] = out / f"{source}-pdftotext.txt"
    _run(["pdftotext", str(pdf), str(forms["pdftotext"])])
    forms["pdftotext-layout"] = out / f"{source}-pdftotext-layout.txt"
    _run(["pdftotext", "-layout", str(pdf), str(forms["pdftotext-layout"])])
    forms["lo-text"] = out / f"{source}-lo.txt"
    shutil.copyfile(lo_text, forms["lo-text"])
    forms["pandoc-plain"] = out / f"{source}-pandoc.txt"
    _run(["pandoc", "-f", "docx", "-t", "plain", str(docx), "-o", str(forms["pandoc-plain"])])
    forms["pandoc-md"] = out / f"{source}-pandoc.md"
    _run(["pandoc", "-f", "docx", "-t", "markdown", str(docx), "-o", str(forms["pandoc-md"])])
    forms["pandoc-typed-md"] = out / f"{source}-typed-pandoc.md"
    _run(
        [
            "pandoc",
            "-f",
            "docx",
            "-t",
            "markdown",
            str(forms["docx-typed"]),
            "-o",
            str(forms["pandoc-typed-md"]),
        ]
    )
    forms["python-docx"] = out / f"{source}-python-docx.txt"
    python_docx_text(forms["docx-typed"], forms["python-docx"])
    return forms


def libreoffice_jobs(
    python: Path, uno_script: Path, jobs: list[dict[str, str]], work: Path
) -> None:
    listing = work / "shape-jobs.json"
    listing.write_text(json.dumps(jobs), encoding="utf-8")
    _run([str(python), str(uno_script), "--jobs", str(listing)])


# ------------------------------------------------------------------ measuring


@dataclass(frozen=True)
class Measure:
    shape: Shape
    found: frozenset[str]
    findings: list[str]

    @property
    def missed(self) -> frozenset[str]:
        return self.shape.truth - self.found

    @property
    def extra(self) -> frozenset[str]:
        return self.found - self.shape.truth

    @property
    def accuracy(self) -> float:
        return 1 - len(self.missed) / len(self.shape.truth)


def made(source: str) -> dt.date:
    """The day the source was made: its findings are judged on that day."""
    from s75docs.model.loader import load_scheme
    from tests.helpers import ROOT

    folder = ROOT / "examples" / source.split("-")[0]
    scheme = folder / ("scheme-v2.yaml" if source.endswith("deed") else "scheme.yaml")
    data = load_scheme(scheme).agreement
    return data.date or data.commencement


def measure(shape: Shape) -> Measure:
    from s75docs.check.run import check_with_tree

    result, read = check_with_tree(shape.path, made(shape.source))
    return Measure(
        shape,
        read_outline(read),
        [f"{f.line or f.paragraph}: {f.code}: {f.message}" for f in result.findings],
    )


def build_corpus(out: Path) -> list[Shape]:
    """Build every source, run LibreOffice once for all, derive every form (a script's path;
    the tests use the session fixtures of tests/conftest.py instead)."""
    from s75docs.pipeline import render_bytes
    from tests.conftest import _BUILDERS, REPO, UNO_SCRIPT, _find_uno_python

    python = _find_uno_python()
    if python is None:
        raise RuntimeError("no python3 can 'import uno'")
    docs = {name: _BUILDERS[name]() for name in SOURCES}
    jobs = []
    for name, doc in docs.items():
        path = out / f"{name}.docx"
        path.write_bytes(render_bytes(doc, "docx"))
        jobs.append(
            {
                "src": str(path),
                "text": str(out / f"{name}.lo.txt"),
                "report": str(out / f"{name}.json"),
                "pdf": str(out / f"{name}.pdf"),
            }
        )
    libreoffice_jobs(python, UNO_SCRIPT, jobs, out)
    del REPO
    shapes: list[Shape] = []
    for name, doc in docs.items():
        forms = derive(name, out / f"{name}.docx", out / f"{name}.pdf", out / f"{name}.lo.txt", out)
        truth = true_outline(doc)
        shapes += [Shape(name, form, forms[form], truth) for form in FORMS]
    return shapes


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="s75docs-shapes-"))
    out.mkdir(parents=True, exist_ok=True)
    shapes = build_corpus(out)
    print(f"{'source':16} {'form':18} {'truth':>6} {'missed':>6} {'extra':>6} {'acc%':>6} findings")
    for shape in shapes:
        m = measure(shape)
        print(
            f"{shape.source:16} {shape.form:18} {len(shape.truth):6} {len(m.missed):6}"
            f" {len(m.extra):6} {100 * m.accuracy:6.1f} {len(m.findings)}"
        )
        for line in m.findings[:3]:
            print(f"    {line}")
    print(f"(files in {out})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
