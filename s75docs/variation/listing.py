"""The changes a variation makes, as a list (the Vary page shows it): each one's provision,
what happens to it (inserted, deleted, amended, figures changed...) and, where the deed sets
it out as its own numbered variation, the deed's words and number."""

from __future__ import annotations

from dataclasses import dataclass

from s75docs.doctree.nodes import Document, Item, Table, inline_text, inlines_of
from s75docs.variation.atoms import is_figure
from s75docs.variation.changes import (
    Change,
    Delete,
    Insert,
    InsertDefinition,
    Replace,
    ReplaceTitle,
    ReplaceWords,
    SubstitutePartner,
)
from s75docs.variation.vary import Variation

VARIATIONS_CLAUSE = "deed-variations"  # the deed's clause that lists its variations
QUOTED_WORDS = 40  # how much of a provision the deed sets out the list quotes


@dataclass(frozen=True)
class ChangeRow:
    provision: str  # "Clause 7.6", "Schedule 6A", "the definition of “X” in Clause 1.1"
    action: str  # inserted | deleted | amended | figures changed | replaced | ...
    words: str  # the deed's own words for it ("" when the deed restates the agreement)
    number: str  # its number in the deed ("2.3"), "" when it has none


def _provision(change: Change) -> str:
    if isinstance(change, SubstitutePartner):
        return change.old_name
    if isinstance(change, Insert):
        if change.new_cite is not None:
            return change.new_cite.text
        where = change.after or change.parent
        return f"new text after {where.text}" if where is not None else "new text"
    if isinstance(change, InsertDefinition):
        return f"the definition of “{change.new.term}” in {change.within.text}"
    return change.target.text


def _action(change: Change) -> str:
    if isinstance(change, ReplaceWords):
        figures = all(is_figure(h.old) and is_figure(h.new) for h in change.hunks)
        return "figures changed" if figures else "amended"
    if isinstance(change, ReplaceTitle):
        return "heading amended"
    if isinstance(change, Replace):
        return "replaced"
    if isinstance(change, Insert | InsertDefinition):
        return "inserted"
    if isinstance(change, Delete):
        return "deleted and marked [Not used]" if change.stub is not None else "deleted"
    return "party replaced"


def _deed_items(deed: Document) -> list[Item]:
    """The deed's numbered variations, one per change, in order (none in a restatement)."""
    for node in deed.walk():
        if isinstance(node, Item) and node.label == VARIATIONS_CLAUSE:
            return [c for c in node.children if isinstance(c, Item)][1:]  # after "...as follows."
    return []


def _words(item: Item, change: Change) -> str:
    text = inline_text(item.inlines)
    if isinstance(change, ReplaceWords):  # several hunks: each a limb of the item
        limbs = [inline_text(c.inlines) for c in item.children if isinstance(c, Item)]
        text = " ".join([text, *limbs])
    elif item.children:  # the new words quoted after "...inserted after Clause 4.2.6:"
        first = item.children[0]
        if isinstance(first, Table):
            text += " (a table: see the deed)"
        else:
            quoted = inline_text(inlines_of(first)).split()
            text += " " + " ".join(quoted[:QUOTED_WORDS])
            if len(quoted) > QUOTED_WORDS:
                text += " …”"
    return " ".join(text.split())


def change_rows(variation: Variation, deed: Document) -> list[ChangeRow]:
    changes = variation.changes.changes
    items = _deed_items(deed)
    if len(items) != len(changes):  # a restatement: the deed lists no variation one by one
        items = []
    rows = []
    for i, change in enumerate(changes):
        item = items[i] if items else None
        rows.append(
            ChangeRow(
                _provision(change),
                _action(change),
                _words(item, change) if item is not None else "",
                item.full_number if item is not None else "",
            )
        )
    return rows
