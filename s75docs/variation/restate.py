"""A deed of variation and restatement (`s75docs vary --style restate`): the agreement is
amended and restated, renumbered, in the form set out in the deed's annex."""

from __future__ import annotations

from s75docs.doctree.nodes import (
    Block,
    Body,
    Definition,
    DefinitionsList,
    Document,
    Item,
    Para,
    Recital,
    Schedule,
    Table,
    Text,
    inline_text,
    inlines_of,
)
from s75docs.variation.apply import domain
from s75docs.variation.quote import freeze

RESTATED_TITLE = "The Agreement as amended and restated"


def restated_blocks(agreement: Document) -> list[Block]:
    """The agreement's own text (parties, background, clauses, schedules) as plain numbered
    paragraphs, each carrying the number it has in the agreement as restated."""
    out: list[Block] = [Para(inlines=[Text("Parties")], style="heading")]
    background = False
    clauses = False
    for node in domain(agreement):
        if isinstance(node, Recital) and not background:
            out.append(Para(inlines=[Text("Background")], style="heading"))
            background = True
        if isinstance(node, Body) and not clauses:
            out.append(Para(inlines=[Text("Agreed terms")], style="heading"))
            clauses = True
        line = _line(node)
        if line is not None:
            style = "heading" if isinstance(node, Schedule) else "body"
            out.append(Para(inlines=[Text(line)], style=style))
        elif isinstance(node, Table):
            out.append(freeze(node))
    return out


def _line(node: Block) -> str | None:
    if isinstance(node, Schedule):
        return f"{node.name} {node.number}: {node.title}"
    if isinstance(node, Item):
        text = inline_text(node.inlines)
        title = f"{node.title}. " if node.title and text else (node.title or "")
        return f"{node.full_number} {title}{text}".rstrip()
    if isinstance(node, Recital):
        return f"{node.number} {inline_text(node.inlines)}"
    if isinstance(node, Definition):
        return f"{node.term} {inline_text(node.inlines)}"
    if isinstance(node, Para):
        return inline_text(inlines_of(node))
    if isinstance(node, Body | DefinitionsList):
        return None
    return None


def restated_annex(agreement: Document) -> Schedule:
    """Annex 1 of a deed of variation and restatement: the whole agreement as restated."""
    return Schedule(
        title=RESTATED_TITLE,
        name="Annex",
        label="annex-1",
        number="1",
        children=restated_blocks(agreement),
    )
