"""Walking the tree with the enclosing clause or schedule known."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from s75docs.doctree.nodes import Block, Body, DefinitionsList, Document, Item, Schedule


@dataclass(frozen=True)
class Where:
    """The division (body or a schedule) and the top-level item a block stands in."""

    division: Body | Schedule | None
    top: Item | None  # the clause, or the schedule's level-1 paragraph
    in_definitions: bool = False


def walk_with_context(doc: Document) -> Iterator[tuple[Block, Where]]:
    def visit(node: Block, where: Where) -> Iterator[tuple[Block, Where]]:
        yield node, where
        inner = where
        if isinstance(node, Body | Schedule):
            inner = Where(node, None, where.in_definitions)
        elif isinstance(node, Item) and node.level == 1:
            inner = Where(where.division, node, where.in_definitions)
        elif isinstance(node, DefinitionsList):
            inner = Where(where.division, where.top, True)
        for child in node.children:
            yield from visit(child, inner)

    for child in doc.children:
        yield from visit(child, Where(None, None))
