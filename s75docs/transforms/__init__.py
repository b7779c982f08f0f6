"""Ordered passes over the tree: defined terms, numbering, labels, references, money."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from s75docs.doctree.nodes import Document
from s75docs.errors import ErrorList, S75Error
from s75docs.transforms.definitions import expand_definitions
from s75docs.transforms.labels import Labels, collect_labels
from s75docs.transforms.money import format_money
from s75docs.transforms.numbering import number_document
from s75docs.transforms.xrefs import resolve_references


@dataclass(frozen=True)
class Settings:
    """What the passes need besides the tree."""

    money_format: str = "pounds"  # pounds | millions
    pence: bool | None = None  # None: shown if any amount in the document has pence
    # other documents' labels a reference may cite ("" = by default), as a report cites
    # the agreement it approves
    external: Mapping[str, Labels] = field(default_factory=dict)
    rounding_note: bool = True  # note under a £m table whose rounded parts do not add up


def transform(doc: Document, settings: Settings, *, definitions: bool = True) -> list[S75Error]:
    """The passes in their order; every problem found is returned. A tree that is being
    re-resolved after a change keeps the definitions it has (`definitions=False`)."""
    errors: list[S75Error] = []
    if definitions:
        errors += expand_definitions(doc)
    number_document(doc)
    labels, label_errors = collect_labels(doc)
    errors += label_errors
    errors += resolve_references(doc, labels, settings.external)
    format_money(doc, settings.money_format, pence=settings.pence, note=settings.rounding_note)
    return errors


def run_all(
    doc: Document, money_format: str = "pounds", settings: Settings | None = None
) -> Document:
    """Run every pass in order; raise ErrorList with everything that is wrong."""
    errors = transform(doc, settings or Settings(money_format))
    if errors:
        raise ErrorList(errors)
    return doc
