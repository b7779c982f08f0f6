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


def _number_items(children: list[Block], parent: tuple[int, ...], scheme: Scheme) -> None:
    count = 0
    for node in children:
        if not isinstance(node, Item):
            continue
        if node.bullet:
            node.path = (*parent, 0)
            node.number = node.full_number = BULLET
            _number_items(node.children, parent, scheme)
            continue
        count += 1
        path = (*parent, count)
        node.path = path
        node.number = scheme.own(path)
        node.full_number = scheme.full(path)
        _number_items(node.children, path, scheme)
    for node in children:
        if not isinstance(node, Item) and node.children:
            _number_items(node.children, parent, scheme)


def number_document(doc: Document) -> None:
    """Set `path`, `number` and `full_number` on every numbered node (and tables' numbers
    in a document that numbers them)."""
    schedule_count = 0
    recital_count = 0
    for node in doc.children:
        if isinstance(node, Body):
            _number_items(node.children, (), doc.numbering)
        elif isinstance(node, Schedule):
            schedule_count += 1
            node.number = str(schedule_count)
            _number_items(node.children, (), doc.numbering)
        elif isinstance(node, Recital):
            recital_count += 1
            node.number = RECITALS.own((recital_count,))
    tables = 0
    for node in doc.walk():
        if isinstance(node, Definition):
            for i, limb in enumerate(c for c in node.children if isinstance(c, DefinitionItem)):
                limb.number = LIMBS.own((i + 1,))
        elif isinstance(node, Table) and doc.number_tables:
            tables += 1
            node.number = str(tables)
