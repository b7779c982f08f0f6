"""NodeVisitor: dispatch by exact node class; a node without a visit method is an error."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from s75docs.doctree.nodes import Body, Document, Para, Text
from s75docs.doctree.visitor import NodeVisitor, UnknownNodeError
from s75docs.errors import BuildError


class Collector(NodeVisitor):
    def __init__(self) -> None:
        self.seen: list[str] = []

    def visit_Document(self, node: Document) -> None:
        self.dispatch_children(node)

    def visit_Body(self, node: Body, *, note: str = "") -> None:
        self.seen.append(f"body{note}")
        self.dispatch_children(node)

    def visit_Para(self, node: Para) -> None:
        self.seen.append(self.dispatch_inlines(node.inlines, upper=True))

    def visit_Text(self, node: Text, *, upper: bool = False) -> str:
        return node.text.upper() if upper else node.text


@dataclass
class Aside(Para):
    """A new kind of paragraph that Collector has never heard of."""


def test_each_node_goes_to_the_method_named_after_its_class() -> None:
    doc = Document(children=[Body(children=[Para(inlines=[Text("a"), Text("b")])])])
    visitor = Collector()
    visitor.dispatch(doc)
    assert visitor.seen == ["body", "AB"]


def test_arguments_reach_the_visit_method() -> None:
    visitor = Collector()
    visitor.dispatch(Body(), note="!")
    assert visitor.seen == ["body!"]
    assert visitor.dispatch_inline(Text("x"), upper=True) == "X"


def test_a_node_without_a_visit_method_is_an_error_naming_its_class() -> None:
    doc = Document(children=[Para(inlines=[Text("kept")]), Aside()])
    with pytest.raises(UnknownNodeError) as caught:
        Collector().dispatch(doc)
    assert str(caught.value) == "Collector cannot write Aside nodes: it has no visit_Aside method"
    assert isinstance(caught.value, BuildError)  # a one-line error, never a silent gap


def test_a_subclass_is_not_taken_for_its_base() -> None:
    """visit_Para does not quietly write an Aside as if it were any paragraph."""
    with pytest.raises(UnknownNodeError, match="Aside"):
        Collector().dispatch(Aside(inlines=[Text("x")]))
