"""Text Word shows outside plain body paragraphs: text boxes (each once), the one branch of
mc:AlternateContent to read, equations, and where a body without text keeps its text."""

from __future__ import annotations

import re

from lxml import etree

from s75docs.check.safe_zip import Package
from s75docs.check.wordml import w_tag
from s75docs.errors import Location, UsageError
from s75docs.ooxml import MC_NS

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
ALTERNATE = f"{{{MC_NS}}}AlternateContent"
MATH = {f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"}
_CHOICE = f"{{{MC_NS}}}Choice"
_FALLBACK = f"{{{MC_NS}}}Fallback"
_BOX = w_tag("txbxContent")
_DELETED = {w_tag("del"), w_tag("moveFrom")}


def text_boxes(paragraph: etree._Element) -> list[etree._Element]:
    """The text boxes (w:txbxContent) anchored in a paragraph, each once: not those nested in
    another text box (read with it) or in deleted text, nor the VML copy a mc:Fallback holds
    of a text box its mc:Choice already has."""
    found: list[etree._Element] = []
    for box in paragraph.iter(_BOX):
        for ancestor in box.iterancestors():
            if ancestor is paragraph:
                found.append(box)
                break
            if ancestor.tag == _BOX or ancestor.tag in _DELETED:
                break
            if ancestor.tag == _FALLBACK and _choice_has_box(ancestor):
                break
    return found


def _choice_has_box(fallback: etree._Element) -> bool:
    alternate = fallback.getparent()
    return alternate is not None and any(
        True for choice in alternate.iterchildren(_CHOICE) for _ in choice.iter(_BOX)
    )


def alternative(alternate: etree._Element) -> list[etree._Element]:
    """The one branch of a mc:AlternateContent the reader reads: its mc:Fallback (what a
    reader that knows none of the choices' extensions shows), else its first mc:Choice."""
    fallback = alternate.find(_FALLBACK)
    first = fallback if fallback is not None else alternate.find(_CHOICE)
    return [] if first is None else [first]


def math_text(equation: etree._Element) -> str:
    """An equation's characters (its m:t), as plain text."""
    return "".join(t.text or "" for t in equation.iter(f"{{{M_NS}}}t"))


_STORIES = (
    (re.compile(r"word/header\d*\.xml", re.I), "headers"),
    (re.compile(r"word/footer\d*\.xml", re.I), "footers"),
    (re.compile(r"word/(?:comments|commentsExtended)\.xml", re.I), "comments"),
    (re.compile(r"word/(?:footnotes|endnotes)\.xml", re.I), "footnotes or endnotes"),
)
_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>\s*[^<\s]")


def refuse_if_text_elsewhere(package: Package) -> None:
    """A body without text whose package has text elsewhere: say where, rather than call the
    document empty (an exit 2 either way; the checker reads the body)."""
    places = [
        kind
        for pattern, kind in _STORIES
        if any(pattern.fullmatch(n) and _TEXT.search(d) for n, d in package.parts.items())
    ]
    if _TEXT.search(package.parts[package.main]):
        places.insert(0, "elements of the body the checker does not read")
    if places:
        raise UsageError(
            f"the document body has no text to check: its text is only in {', '.join(places)}",
            Location(str(package.path)),
            code="file-unreadable",
        )
