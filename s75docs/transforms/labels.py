"""Labels: the one registry of what a document's labels name, each with a stable bookmark."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from s75docs.doctree.cite import Citation, CiteKind
from s75docs.doctree.nodes import Body, Document, Item, Recital, Schedule, Table
from s75docs.errors import BuildError, S75Error
from s75docs.transforms.walk import walk_with_context


@dataclass(frozen=True)
class Target:
    node: Item | Recital | Schedule | Table
    division: Body | Schedule | None

    def citation(self, end: Target | None = None) -> Citation:
        """How the document cites it, as numbered now ("Clause 11.4", "Schedule 7")."""
        node = self.node
        last = end.node if end is not None else None
        if isinstance(node, Schedule):
            stop = last.number if isinstance(last, Schedule) else ""
            return Citation(CiteKind.SCHEDULE, node.number, stop, name=node.name)
        if isinstance(node, Table):
            return Citation(CiteKind.TABLE, node.number)
        if isinstance(node, Recital):
            return Citation(CiteKind.RECITAL, node.number)
        stop = last.full_number if isinstance(last, Item) else ""
        if isinstance(self.division, Schedule):
            division = self.division
            return Citation(
                CiteKind.PARAGRAPH, node.full_number, stop, division.number, division.name
            )
        return Citation(CiteKind.CLAUSE, node.full_number, stop)


class Labels(dict[str, Target]):
    """Every label of one document and what it names (a report cites an agreement's)."""

    @classmethod
    def of(cls, doc: Document) -> Labels:
        """The labels of a numbered document (the first of a duplicated label wins)."""
        return _collect(doc, [])

    def cite(self, label: str) -> Citation | None:
        found = self.get(label)
        return found.citation() if found is not None else None


def bookmark_name(label: str, taken: set[str]) -> str:
    """Word-style hidden bookmark: _Ref + 9 digits, stable for a label."""
    value = zlib.crc32(label.encode("utf-8")) % 1_000_000_000
    while f"_Ref{value:09d}" in taken:
        value = (value + 1) % 1_000_000_000
    name = f"_Ref{value:09d}"
    taken.add(name)
    return name


def collect_labels(doc: Document) -> tuple[Labels, list[S75Error]]:
    """The label pass: the registry, a bookmark on every labelled node, duplicates refused."""
    errors: list[S75Error] = []
    labels = _collect(doc, errors)
    taken: set[str] = set()
    for label in sorted(labels):
        labels[label].node.bookmark = bookmark_name(label, taken)
    return labels, errors


def _collect(doc: Document, errors: list[S75Error]) -> Labels:
    labels = Labels()
    for node, where in walk_with_context(doc):
        if not isinstance(node, Item | Recital | Schedule | Table) or not node.label:
            continue
        if node.label in labels:
            first = labels[node.label].node.location
            errors.append(
                BuildError(
                    f"label '{node.label}' is also used at {first}",
                    node.location,
                    code="lib-duplicate-label",
                )
            )
            continue
        division = node if isinstance(node, Schedule) else where.division
        labels[node.label] = Target(node, division)
    return labels
