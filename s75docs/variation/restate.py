"""A deed of variation and restatement (`s75docs vary --style restate`): the agreement is
amended and restated, renumbered, in the form set out in the deed's annexes: Annex 1 holds
its parties, background and clauses, and each of its schedules follows as an annex."""

from __future__ import annotations

from s75docs.doctree.nodes import Block, Document, Item, Para, Schedule, Text, inline_text
from s75docs.variation.diff import body, parties, recitals, schedules
from s75docs.variation.quote import annex, freeze

RESTATED_TITLE = "The Agreement as amended and restated"


def _clauses(agreement: Document) -> list[Block]:
    out: list[Block] = []
    for clause in body(agreement).children:
        fresh = freeze(clause)
        for node in [fresh, *fresh.walk()]:
            if isinstance(node, Item):
                node.inserted = ""  # restated: numbered afresh
        out.append(fresh)
    return out


def restated_annexes(agreement: Document) -> list[Schedule]:
    """Annex 1 (parties, background, clauses) and one annex for each schedule, numbered as
    the agreement as restated numbers them."""
    opening: list[Block] = [Para(inlines=[Text("Parties")], style="heading")]
    opening += [freeze(p) for p in parties(agreement)]
    opening.append(Para(inlines=[Text("Background")], style="heading"))
    opening += [
        Para(inlines=[Text(f"{r.number} {inline_text(r.inlines)}")]) for r in recitals(agreement)
    ]
    opening.append(Para(inlines=[Text("Agreed terms")], style="heading"))
    first = Schedule(
        title=RESTATED_TITLE,
        name="Annex",
        label="annex-1",
        number="1",
        children=[*opening, *_clauses(agreement)],
    )
    return [first] + [annex(s, n) for n, s in enumerate(schedules(agreement), start=2)]
