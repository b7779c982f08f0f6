"""Labels: every labelled clause, paragraph and schedule gets a stable _Ref bookmark."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from s75docs.doctree.nodes import Body, Document, Item, Schedule
from s75docs.errors import BuildError, S75Error
from s75docs.transforms.walk import walk_with_context


@dataclass(frozen=True)
class Target:
    node: Item | Schedule
    division: Body | Schedule | None


def bookmark_name(label: str, taken: set[str]) -> str:
    """Word-style hidden bookmark: _Ref + 9 digits, stable for a label."""
    value = zlib.crc32(label.encode("utf-8")) % 1_000_000_000
    while f"_Ref{value:09d}" in taken:
        value = (value + 1) % 1_000_000_000
    name = f"_Ref{value:09d}"
    taken.add(name)
    return name


def collect_labels(doc: Document) -> tuple[dict[str, Target], list[S75Error]]:
    labels: dict[str, Target] = {}
    errors: list[S75Error] = []
    for node, where in walk_with_context(doc):
        if not isinstance(node, Item | Schedule) or not node.label:
            continue
        if node.label in labels:
            first = labels[node.label].node.location
            errors.append(
                BuildError(f"label '{node.label}' is also used at {first}", node.location)
            )
            continue
        division = node if isinstance(node, Schedule) else where.division
        labels[node.label] = Target(node, division)
    taken: set[str] = set()
    for label in sorted(labels):
        labels[label].node.bookmark = bookmark_name(label, taken)
    return labels, errors
