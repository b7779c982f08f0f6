"""A stable, readable dump of a tree for golden tests (like docutils' pformat)."""

from __future__ import annotations

from s75docs.doctree.nodes import (
    Block,
    Definition,
    DefinitionItem,
    DefinitionsList,
    Document,
    ExecutionBlock,
    Item,
    MoneyAmount,
    Para,
    Recital,
    Ref,
    Schedule,
    Table,
    Term,
    TermDef,
    Text,
    inline_text,
)
from s75docs.doctree.nodes import Inline as InlineT


def _inlines(inlines: list[InlineT]) -> str:
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Term):
            out.append(f"<term {node.name}>{node.display}</term>")
        elif isinstance(node, TermDef):
            out.append(f"<def>{node.name}</def>")
        elif isinstance(node, Ref):
            out.append(f"<ref {node.target}{'..' + node.end if node.end else ''}>{node.text}</ref>")
        elif isinstance(node, MoneyAmount):
            out.append(f"<money {node.amount}>{node.text}</money>")
        else:
            out.append(f"<cite {node.kind}>{node.text}</cite>")
    return "".join(out)


def pformat(node: Document | Block, indent: int = 0) -> str:
    """One line per block: kind, number, label and text; children indented."""
    pad = "  " * indent
    name = type(node).__name__
    attrs: list[str] = []
    if node.label:
        attrs.append(f"#{node.label}")
    text = ""
    if isinstance(node, Item):
        attrs.insert(0, node.full_number or f"L{node.level}")
        if node.title:
            attrs.append(repr(node.title))
        text = _inlines(node.inlines)
    elif isinstance(node, Schedule):
        attrs.insert(0, node.number or "?")
        attrs.append(repr(node.title))
    elif isinstance(node, Definition):
        attrs.append(repr(node.term))
        text = _inlines(node.inlines)
    elif isinstance(node, Recital | DefinitionItem):
        attrs.insert(0, node.number or "?")
        text = _inlines(node.inlines)
    elif isinstance(node, Para):
        attrs.append(node.style)
        text = _inlines(node.inlines)
    elif isinstance(node, Table):
        attrs.append(f"{len(node.rows)} rows")
        rows = [[inline_text(c.inlines) for c in node.header]]
        rows += [[inline_text(c.inlines) for c in r] for r in node.rows]
        text = " / ".join(" | ".join(r) for r in rows)
    elif isinstance(node, ExecutionBlock):
        attrs.append(f"{node.party} by {node.method.value}")
    elif isinstance(node, DefinitionsList):
        attrs.append(f"{len(node.library)} available")
    line = f"{pad}{name}" + (f" {' '.join(attrs)}" if attrs else "") + (f": {text}" if text else "")
    lines = [line]
    lines += [pformat(child, indent + 1) for child in node.children]
    return "\n".join(lines)
