"""Numbering: clauses 1, 1.1, 1.1.1, (a), (i); schedules restart; recitals (A), (B); tables."""

from __future__ import annotations

from s75docs.doctree.nodes import (
    Block,
    Body,
    Definition,
    DefinitionItem,
    Document,
    Item,
    Recital,
    Schedule,
    Table,
)
from s75docs.doctree.numbers import BULLET, LIMBS, RECITALS, Scheme


def _number_items(
    children: list[Block],
    parent: tuple[int, ...],
    scheme: Scheme,
    ordinals: tuple[str, ...] = (),
    typed: bool = False,
) -> None:
    """Count the provisions of one level; a lettered one (`inserted`, put in by a variation
    before an existing provision) takes its printed ordinal and is not counted, so the
    provisions after it keep their numbers."""
    count = 0
    for node in children:
        if not isinstance(node, Item):
            continue
        if node.bullet:
            node.path = (*parent, 0)
            node.number = node.full_number = BULLET
            _number_items(node.children, parent, scheme, ordinals, typed)
            continue
        if not node.inserted:
            count += 1
        path = (*parent, count)
        own = node.inserted or scheme.format_at(len(path)).ordinal(count)
        node.path = path
        node.typed = typed or bool(node.inserted)
        node.number = scheme.own_of((*ordinals, own))
        node.full_number = scheme.full_of((*ordinals, own))
        _number_items(node.children, path, scheme, (*ordinals, own), node.typed)
    for node in children:
        if not isinstance(node, Item) and node.children:
            _number_items(node.children, parent, scheme, ordinals, typed)


def number_document(doc: Document) -> None:
    """Set `path`, `number` and `full_number` on every numbered node (and tables' numbers
    in a document that numbers them)."""
    schedule_count = 0
    recital_count = 0
    for node in doc.children:
        if isinstance(node, Body):
            _number_items(node.children, (), doc.numbering)
        elif isinstance(node, Schedule):
            if not node.inserted:
                schedule_count += 1
            node.number = node.inserted or str(schedule_count)
            _number_items(node.children, (), doc.numbering)
        elif isinstance(node, Recital):
            if not node.inserted:
                recital_count += 1
            letter = node.inserted or RECITALS.ordinals((recital_count,))[0]
            node.number = RECITALS.own_of((letter,))
    tables = 0
    for node in doc.walk():
        if isinstance(node, Definition):
            for i, limb in enumerate(c for c in node.children if isinstance(c, DefinitionItem)):
                limb.number = LIMBS.own((i + 1,))
        elif isinstance(node, Table) and doc.number_tables:
            tables += 1
            node.number = str(tables)
