"""OOXML names the Word writers and the checker share: namespaces, relationship types, and
the page (A4, legal margins) of every Word file s75docs writes."""

from __future__ import annotations

from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# relationship types are named inside the relationships namespace
OFFICE_DOCUMENT_REL = f"{R_NS}/officeDocument"
COMMENTS_REL = f"{R_NS}/comments"

# Paper: every Word file s75docs writes is A4 (210 x 297 mm), in twentieths of a point
A4_TWIPS = (11906, 16838)
# the margins of a legal document: 2.54 cm all round, header and footer 1.25 cm from the edge
LEGAL_MARGINS = {
    "top": 1440,
    "right": 1440,
    "bottom": 1440,
    "left": 1440,
    "header": 709,
    "footer": 709,
    "gutter": 0,
}
# the children of w:sectPr that come after w:pgSz and w:pgMar, in schema order
_AFTER_PAGE = (
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
)


def _child(sect_pr: Any, name: str, before: tuple[str, ...]) -> Any:
    """The section's w:NAME, made in schema order (before the first of `before`) if absent."""
    found = sect_pr.find(f"{{{W_NS}}}{name}")
    if found is not None:
        return found
    made = sect_pr.makeelement(f"{{{W_NS}}}{name}", {})
    for later in before:
        anchor = sect_pr.find(f"{{{W_NS}}}{later}")
        if anchor is not None:
            anchor.addprevious(made)
            return made
    sect_pr.append(made)
    return made


def set_a4(sect_pr: Any, *, margins: bool) -> None:
    """Put a section (w:sectPr) on A4, keeping its orientation; with `margins`, also give it
    the margins of a legal document (a house template keeps its own)."""
    size = _child(sect_pr, "pgSz", ("pgMar", *_AFTER_PAGE))
    width, height = A4_TWIPS
    if size.get(f"{{{W_NS}}}orient") == "landscape":
        width, height = height, width
    size.set(f"{{{W_NS}}}w", str(width))
    size.set(f"{{{W_NS}}}h", str(height))
    if margins:
        margin = _child(sect_pr, "pgMar", _AFTER_PAGE)
        for side, twips in LEGAL_MARGINS.items():
            margin.set(f"{{{W_NS}}}{side}", str(twips))


CORE_LIMIT = 255  # the longest core property (title, subject) python-docx will write


def core_text(text: str) -> str:
    """A title or subject as a core property holds it: cut at a word to 255 characters with
    an ellipsis (the document itself keeps the whole title)."""
    if len(text) <= CORE_LIMIT:
        return text
    cut = text[: CORE_LIMIT - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[CORE_LIMIT // 2 :] else cut).rstrip() + "\u2026"
