"""The conformed copy: the agreement as varied (built from the new data), marked as such on
its cover, with the history of every variation made to it."""

from __future__ import annotations

import copy

from s75docs.doctree.nodes import Block, Cell, Document, Para, Row, Table, Text, Toc
from s75docs.model.scheme import VariationRecord
from s75docs.words import cap, join_and, long_date


def _cell(text: str, bold: bool = False) -> Cell:
    return Cell(inlines=[Text(text)], bold=bold)


def history_table(records: list[VariationRecord]) -> Table:
    rows = [
        Row(
            [
                _cell(str(n)),
                _cell(long_date(r.date) if r.date else "not yet dated"),
                _cell(long_date(r.effective)),
                _cell(cap(r.reason).rstrip(".") + "."),
            ]
        )
        for n, r in enumerate(records, start=1)
    ]
    return Table(
        caption="Variations incorporated in this conformed copy",
        header=[_cell(h, bold=True) for h in ("No.", "Deed dated", "Takes effect", "Purpose")],
        rows=rows,
        widths=[1, 3, 3, 9],
    )


def conformed_copy(agreement: Document, records: list[VariationRecord]) -> Document:
    """A copy of the resolved agreement with a conformed-copy notice and variation history
    after the contents (the agreement's own text is untouched)."""
    doc = copy.deepcopy(agreement)
    deeds = [
        f"the deed dated {long_date(r.date)}" if r.date else "a deed not yet dated" for r in records
    ]
    listed = join_and(deeds)
    notice = Para(
        inlines=[
            Text(
                f"Conformed copy: the agreement as varied by {listed}. This copy is for"
                " reference; the signed agreement and deeds are the legal record. Its contents"
                " list and variation history are editorial: no deed makes them."
            )
        ],
        style="subtitle",
    )
    toc = next((i for i, n in enumerate(doc.children) if isinstance(n, Toc)), 0)
    titles = [
        i for i, n in enumerate(doc.children[:toc]) if isinstance(n, Para) and n.style == "subtitle"
    ]
    at = titles[-1] + 1 if titles else toc
    doc.children.insert(at, notice)
    toc += 1
    history: list[Block] = [
        Para(inlines=[Text("Variation history")], style="heading"),
        history_table(records),
    ]
    after_toc = toc + 1
    doc.children[after_toc:after_toc] = history
    return doc
