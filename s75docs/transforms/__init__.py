"""Ordered passes over the tree: defined terms, numbering, labels, references, money."""

from __future__ import annotations

from s75docs.doctree.nodes import Document
from s75docs.errors import ErrorList, S75Error
from s75docs.transforms.definitions import expand_definitions
from s75docs.transforms.labels import collect_labels
from s75docs.transforms.money import format_money
from s75docs.transforms.numbering import number_document
from s75docs.transforms.xrefs import resolve_references


def run_all(doc: Document, money_format: str = "pounds") -> Document:
    """Run every pass in order; raise ErrorList with everything that is wrong."""
    errors: list[S75Error] = []
    errors += expand_definitions(doc)
    number_document(doc)
    labels, label_errors = collect_labels(doc)
    errors += label_errors
    errors += resolve_references(doc, labels)
    format_money(doc, money_format)
    if errors:
        raise ErrorList(errors)
    return doc
