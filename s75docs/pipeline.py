"""The phases: LOAD -> ASSEMBLE -> TRANSFORM (number, label, resolve, money) -> WRITE."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from s75docs.assemble.builder import assemble
from s75docs.doctree.nodes import Document, inline_text, inlines_of
from s75docs.errors import BuildError, ErrorList, Location, S75Error, UsageError
from s75docs.library.loader import Library, load_library
from s75docs.model.currency import stale_citations
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile
from s75docs.render.atomic import write_atomic
from s75docs.transforms import run_all

FORMATS = ("docx", "md", "html", "pdf")


@dataclass
class Built:
    data: SchemeFile
    doc: Document


def build_tree(data: SchemeFile, library: Library) -> Document:
    doc = assemble(data, library)
    run_all(doc, data.agreement.money_format)
    check_currency(doc, data)
    return doc


def load_and_build(scheme: Path, libraries: list[Path] | None = None) -> Built:
    data = load_scheme(scheme)
    library = load_library(libraries or [])
    return Built(data, build_tree(data, library))


def render_bytes(doc: Document, fmt: str, reference_docx: Path | None = None) -> bytes:
    """Serialise a resolved tree; nothing is written to disk here (except for PDF's temp)."""
    if fmt == "md":
        from s75docs.render.markdown import render_markdown

        return render_markdown(doc).encode("utf-8")
    if fmt == "html":
        from s75docs.render.html import render_html

        return render_html(doc).encode("utf-8")
    if fmt == "docx":
        from s75docs.render.docx import render_docx

        return render_docx(doc, reference_docx)
    if fmt == "pdf":
        from s75docs.render.docx import render_docx
        from s75docs.render.pdf import docx_to_pdf

        return docx_to_pdf(render_docx(doc, reference_docx))
    raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")


def default_output(scheme: Path, fmt: str) -> Path:
    return Path("out") / f"{scheme.stem}.{fmt}"


def build(
    scheme: Path,
    output: Path | None = None,
    fmt: str | None = None,
    libraries: list[Path] | None = None,
    reference_docx: Path | None = None,
) -> Path:
    """Build one output file; the format comes from --format or the output's suffix."""
    if fmt is None:
        fmt = output.suffix.lstrip(".").lower() if output and output.suffix else "docx"
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if reference_docx is not None and not reference_docx.is_file():
        raise UsageError("reference document not found", _loc(reference_docx))
    built = load_and_build(scheme, libraries)
    data = render_bytes(built.doc, fmt, reference_docx)
    target = output or default_output(scheme, fmt)
    if target.is_dir():
        target = target / f"{scheme.stem}.{fmt}"
    write_atomic(target, data)
    return target


def _loc(path: Path) -> Location:
    return Location(str(path))


def check_currency(doc: Document, data: SchemeFile) -> None:
    """Refuse to emit an abolished body or repealed statute in an agreement made after its end."""
    made = data.agreement.date or data.agreement.commencement
    errors: list[S75Error] = []
    for node in doc.walk():
        text = inline_text(inlines_of(node))
        for cite in stale_citations(text, made):
            errors.append(
                BuildError(
                    f"'{cite.text}' is {cite.entry.describe()}, before this agreement"
                    f" ({made}): use {cite.entry.replacement}",
                    node.location,
                )
            )
    if errors:
        raise ErrorList(errors)
