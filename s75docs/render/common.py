"""Helpers shared by the text writers: headings of divisions and the TOC entries."""

from __future__ import annotations

from dataclasses import dataclass

from s75docs.doctree.nodes import Body, Document, Item, Schedule


@dataclass(frozen=True)
class TocEntry:
    number: str
    title: str
    label: str | None
    bookmark: str | None
    level: int


def toc_entries(doc: Document) -> list[TocEntry]:
    """Every clause heading, then every schedule heading."""
    out: list[TocEntry] = []
    for node in doc.children:
        if isinstance(node, Body):
            for clause in node.children:
                if isinstance(clause, Item) and clause.title and clause.toc:
                    out.append(
                        TocEntry(clause.number, clause.title, clause.label, clause.bookmark, 1)
                    )
        elif isinstance(node, Schedule):
            out.append(
                TocEntry(f"{node.name} {node.number}", node.title, node.label, node.bookmark, 1)
            )
    return out
