"""Dispatch by node class, as docutils does: a visit_<ClassName> method, or an error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from s75docs.doctree.nodes import Block, Document, Inline, Node
from s75docs.errors import BuildError


class UnknownNodeError(BuildError):
    """A visitor has no method for a node class: a writer out of step with nodes.py."""


class NodeVisitor:
    """Calls `visit_<ClassName>(node, ...)` by the node's exact class, so a node the visitor
    does not know stops the build instead of silently vanishing from the document.

    Block visits write as a side effect; inline visits return their text.
    """

    def dispatch(self, node: Document | Block, *args: Any, **kwargs: Any) -> None:
        self._visit_method(node)(node, *args, **kwargs)

    def dispatch_children(self, node: Node, *args: Any, **kwargs: Any) -> None:
        for child in node.children:
            self.dispatch(child, *args, **kwargs)

    def dispatch_inline(self, node: Inline, *args: Any, **kwargs: Any) -> str:
        visit: Callable[..., str] = self._visit_method(node)
        return visit(node, *args, **kwargs)

    def dispatch_inlines(self, inlines: list[Inline], *args: Any, **kwargs: Any) -> str:
        return "".join(self.dispatch_inline(node, *args, **kwargs) for node in inlines)

    def _visit_method(self, node: object) -> Callable[..., Any]:
        kind = type(node).__name__
        visit: Callable[..., Any] | None = getattr(self, f"visit_{kind}", None)
        if visit is None:
            raise UnknownNodeError(
                f"{type(self).__name__} cannot write {kind} nodes: it has no visit_{kind} method"
            )
        return visit
