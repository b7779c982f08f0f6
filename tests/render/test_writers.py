"""Every writer visits every kind of node in nodes.py, and refuses one it does not know."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import get_args

import pytest
from docx.oxml.ns import qn
from lxml import etree

from s75docs.doctree import nodes
from s75docs.doctree.nodes import (
    Cited,
    Document,
    ExecutionBlock,
    Node,
    Para,
    Signatory,
    Text,
)
from s75docs.doctree.visitor import NodeVisitor, UnknownNodeError
from s75docs.render.docx.blackline import render_comparison
from s75docs.render.docx.writer import DocxWriter, render_docx
from s75docs.render.html import HtmlWriter, render_html
from s75docs.render.markdown import MarkdownWriter, render_markdown

WRITERS: list[type[NodeVisitor]] = [MarkdownWriter, HtmlWriter, DocxWriter]
# classes held inside a node and written by that node's own visit method
PARTS = {nodes.RefPart, nodes.Cell, nodes.Row, nodes.Signatory}
W_P, W_T = qn("w:p"), qn("w:t")


def _defined_in_nodes() -> list[type]:
    found = vars(nodes).values()
    return [c for c in found if inspect.isclass(c) and c.__module__ == nodes.__name__]


def _node_kinds() -> list[type]:
    blocks = {c for c in _defined_in_nodes() if issubclass(c, Node) and c is not Node}
    return sorted(blocks | set(get_args(nodes.Inline)), key=lambda c: c.__name__)


def _docx_text(data: bytes) -> str:
    """The text of each paragraph, one a line."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(W_T)) for p in root.iter(W_P))


def _comparison(doc: Document) -> bytes:
    return render_comparison(doc, doc, author="test", date=dt.datetime(2026, 1, 1))


RENDERERS: dict[str, Callable[[Document], object]] = {
    "markdown": render_markdown,
    "html": render_html,
    "docx": render_docx,
    "comparison": _comparison,
}


def _text(kind: str, doc: Document) -> str:
    out = RENDERERS[kind](doc)
    return _docx_text(out) if isinstance(out, bytes) else str(out)


# ------------------------------------------------------------------ coverage


def test_every_class_in_nodes_is_a_node_kind_a_part_or_an_enum() -> None:
    """A new class must be a Node subclass, a member of Inline, or a declared part."""
    kinds = set(_node_kinds())
    unplaced = [
        c.__name__
        for c in _defined_in_nodes()
        if c not in kinds and c not in PARTS and c is not Node and not issubclass(c, Enum)
    ]
    assert unplaced == []


@pytest.mark.parametrize("kind", _node_kinds(), ids=lambda c: c.__name__)
@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.__name__)
def test_every_writer_visits_every_node_kind(writer: type[NodeVisitor], kind: type) -> None:
    assert callable(getattr(writer, f"visit_{kind.__name__}", None))


# ------------------------------------------------------------------ unknown nodes


@dataclass
class Marginal(Node):
    """A block kind no writer knows."""


@dataclass
class Footnote:
    """An inline kind no writer knows."""

    text: str


@pytest.mark.parametrize("kind", RENDERERS)
def test_an_unknown_block_stops_the_writer(kind: str) -> None:
    stray = Marginal()
    doc = Document(title="T", children=[Para(inlines=[Text("before")]), stray])  # type: ignore[list-item]
    with pytest.raises(UnknownNodeError, match="cannot write Marginal nodes"):
        RENDERERS[kind](doc)


@pytest.mark.parametrize("kind", RENDERERS)
def test_an_unknown_inline_stops_the_writer(kind: str) -> None:
    para = Para(inlines=[Text("before "), Footnote("1")])  # type: ignore[list-item]
    with pytest.raises(UnknownNodeError, match="cannot write Footnote nodes"):
        RENDERERS[kind](Document(title="T", children=[para]))


# ------------------------------------------------------------------ what nodes hold


@pytest.mark.parametrize("kind", RENDERERS)
def test_a_cited_reference_prints_its_text(kind: str) -> None:
    cited = Cited(text="Clause 16.2", kind="clause", number="16.2")
    doc = Document(title="T", children=[Para(inlines=[Text("See "), cited, Text(".")])])
    assert "See Clause 16.2." in _text(kind, doc)


@pytest.mark.parametrize("kind", RENDERERS)
def test_a_signature_block_prints_the_words_it_holds(kind: str) -> None:
    block = ExecutionBlock(
        party="Testshire Council",
        wording="Sealed by the council before:",
        instruction="Seal here",
        signatories=[Signatory("Proper Officer")],
    )
    text = _text(kind, Document(title="T", children=[block]))
    assert "Sealed by the council before:" in text
    assert "Proper Officer" in text
    # the direction is for the copy that is executed, which is the Word one
    assert ("Seal here" in text) == (kind in ("docx", "comparison"))
