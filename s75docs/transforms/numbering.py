"""Numbering: clauses 1, 1.1, 1.1.1, (a), (i); schedules restart; recitals (A), (B)."""

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
)

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(n: int) -> str:
    """Lower-case Roman numerals, as Word's lowerRoman prints them."""
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def alpha(n: int) -> str:
    """a..z, then aa, bb... as Word's lowerLetter does."""
    letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
    return letter * ((n - 1) // 26 + 1)


def _number_items(children: list[Block], parent: Item | None) -> None:
    count = 0
    for node in children:
        if not isinstance(node, Item):
            continue
        count += 1
        level = node.level
        if level == 1:
            node.number = str(count)
            node.full_number = node.number
        elif level in (2, 3):
            assert parent is not None
            node.number = f"{parent.full_number}.{count}"
            node.full_number = node.number
        else:
            assert parent is not None
            node.number = f"({alpha(count)})" if level == 4 else f"({roman(count)})"
            node.full_number = parent.full_number + node.number
        _number_items(node.children, node)
    for node in children:
        if not isinstance(node, Item) and node.children:
            _number_items(node.children, parent)


def number_document(doc: Document) -> None:
    """Set `number` and `full_number` on every numbered node."""
    schedule_count = 0
    recital_count = 0
    for node in doc.children:
        if isinstance(node, Body):
            _number_items(node.children, None)
        elif isinstance(node, Schedule):
            schedule_count += 1
            node.number = str(schedule_count)
            _number_items(node.children, None)
        elif isinstance(node, Recital):
            recital_count += 1
            node.number = f"({chr(ord('A') + recital_count - 1)})"
    for node in doc.walk():
        if isinstance(node, Definition):
            for i, limb in enumerate(c for c in node.children if isinstance(c, DefinitionItem)):
                limb.number = f"({alpha(i + 1)})"
