"""Text of the agreement as a deed quotes it: frozen (references, terms and money become
the words printed in the agreement as varied), so the deed resolves nothing of its own."""

from __future__ import annotations

import copy

from s75docs.doctree.nodes import (
    Block,
    Definition,
    DefinitionItem,
    Inline,
    Item,
    Para,
    Recital,
    Schedule,
    Table,
    Text,
    inline_text,
    inlines_of,
)

OPEN, CLOSE = "“", "”"


def frozen(inlines: list[Inline]) -> list[Inline]:
    text = inline_text(inlines)
    return [Text(text)] if text else []


def freeze(block: Block) -> Block:
    """A copy with no labels, references, terms or money: plain text as printed."""
    fresh = copy.deepcopy(block)
    for node in [fresh, *fresh.walk()]:
        node.label = None
        node.bookmark = None
        if isinstance(node, Table):
            for cell in [*node.header, *(c for row in node.rows for c in row)]:
                cell.inlines = frozen(cell.inlines)
        elif isinstance(node, Para | Recital | Item | Definition | DefinitionItem):
            node.inlines = frozen(node.inlines)
    return fresh


def quoted(block: Block) -> list[Block]:
    """The block as quoted text: numbered provisions with their numbers typed, tables as
    tables. As English style quotes several paragraphs, each opens with a quotation mark
    and only the last closes."""
    out: list[Block] = []
    for node in [block, *block.walk()]:
        line = _line(node)
        if line is not None:
            out.append(Para(inlines=[Text(line)], style="quote"))
        elif isinstance(node, Table):
            out.append(freeze(node))
    paras = [p for p in out if isinstance(p, Para)]
    for para in paras:
        para.inlines = [Text(OPEN + inline_text(para.inlines))]
    if paras:
        paras[-1].inlines = [Text(inline_text(paras[-1].inlines) + CLOSE)]
    return out


def _line(node: Block) -> str | None:
    if isinstance(node, Item):
        text = inline_text(node.inlines)
        if node.title and text:
            return f"{node.full_number} {node.title}. {text}"
        return f"{node.full_number} {node.title or text}"
    if isinstance(node, Definition):
        return f"{node.term} {inline_text(node.inlines)}"
    if isinstance(node, DefinitionItem | Recital):
        return f"{node.number} {inline_text(node.inlines)}"
    if isinstance(node, Para):
        return inline_text(inlines_of(node))
    return None  # a schedule, a definitions list or a table: no line of its own


def annex(schedule: Schedule, number: int) -> Schedule:
    """A schedule set out in full in an annex to the deed, numbered as it will be."""
    body = freeze(schedule)
    assert isinstance(body, Schedule)
    return Schedule(
        title=f"Schedule {schedule.number} ({schedule.title})",
        name="Annex",
        label=f"annex-{number}",
        number=str(number),
        children=body.children,
    )
