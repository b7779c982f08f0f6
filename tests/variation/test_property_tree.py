"""Property: for any set of edits to an agreement, the deed's changes, carried out on the old
agreement by the numbers they cite, give the new agreement word for word; and every number
cited points at a provision that was in fact edited (or deleted, or is the anchor of an
insertion)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from s75docs.doctree.nodes import (
    Block,
    Definition,
    Document,
    Item,
    MoneyAmount,
    Node,
    Ref,
    Schedule,
    Table,
    Text,
    inlines_of,
)
from s75docs.errors import Location
from s75docs.variation.apply import agreement_text, apply_changes, reresolve
from s75docs.variation.atoms import NO_VOCABULARY
from s75docs.variation.changes import (
    Delete,
    Insert,
    InsertDefinition,
    Replace,
    ReplaceTitle,
    ReplaceWords,
)
from s75docs.variation.cite import CitationIndex
from s75docs.variation.diff import Differ
from tests.conftest import _build_mini

WORDS = ["the", "Partner", "fund", "and", "twenty", "notice", "of", "Schedule", "pays", "."]
_MINI: list[Document] = []


def mini() -> Document:
    if not _MINI:
        doc = _build_mini()
        for n, node in enumerate(doc.walk()):
            node.location = Location(f"n{n}")  # a tag that survives copying
        _MINI.append(doc)
    return _MINI[0]


@dataclass
class Edits:
    touched: set[str] = field(default_factory=set)  # tags of provisions whose text changed
    deleted: set[str] = field(default_factory=set)


def _tag(node: Block) -> str:
    return node.location.file


def _referenced(doc: Document) -> set[str]:
    out: set[str] = set()
    for node in doc.walk():
        for i in inlines_of(node):
            if isinstance(i, Ref):
                out |= {i.target, i.resolved, i.end or ""}
    return out


def _parents(doc: Document) -> dict[int, Node]:
    return {id(c): p for p in [doc, *doc.walk()] for c in p.children}


def _safe_to_delete(node: Block, referenced: set[str]) -> bool:
    labels = {n.label for n in [node, *node.walk()] if n.label}
    short = {label.split(".")[-1] for label in labels}
    return not (labels | short) & referenced


def mutate(doc: Document, data: st.DataObject) -> Edits:
    draw = data.draw
    edits = Edits()
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["words", "money", "title", "insert", "delete", "table"]))
        blocks = list(doc.walk())
        parents = _parents(doc)
        if kind == "words":
            texts = [
                n
                for n in blocks
                if any(isinstance(i, Text) and i.text.strip() for i in inlines_of(n))
                and not isinstance(n, Table)
            ]
            node = draw(st.sampled_from(texts))
            runs = [i for i in inlines_of(node) if isinstance(i, Text) and i.text.strip()]
            run = draw(st.sampled_from(runs))
            words = run.text.split(" ")
            at = draw(st.integers(0, len(words) - 1))
            how = draw(st.sampled_from(["replace", "insert", "delete"]))
            if how == "replace":
                words[at] = draw(st.sampled_from(WORDS))
            elif how == "insert":
                words.insert(at, draw(st.sampled_from(WORDS)))
            elif len(words) > 1:
                del words[at]
            run.text = " ".join(words)
            edits.touched.add(_tag(node))
        elif kind == "money":
            amounts = [(n, i) for n in blocks for i in inlines_of(n) if isinstance(i, MoneyAmount)]
            holder, amount = draw(st.sampled_from(amounts))
            amount.amount += Decimal(draw(st.integers(1, 50_000)))
            edits.touched.add(_tag(holder))
        elif kind == "title":
            titled = [n for n in blocks if isinstance(n, Item) and n.title]
            heading = draw(st.sampled_from(titled))
            heading.title = f"{heading.title} and {draw(st.sampled_from(WORDS))}"
            edits.touched.add(_tag(heading))
        elif kind == "insert":
            items = [n for n in blocks if isinstance(n, Item) and n.level <= 3]
            sibling = draw(st.sampled_from(items))
            container = parents[id(sibling)]
            fresh = Item(
                level=sibling.level,
                inlines=[Text(" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1))))],
                location=Location("new"),
            )
            position = draw(st.integers(0, len(container.children)))
            container.children.insert(position, fresh)
        elif kind == "delete":
            referenced = _referenced(doc)
            candidates: list[Block] = [
                n
                for n in blocks
                if isinstance(n, Item | Table | Definition | Schedule)
                and _safe_to_delete(n, referenced)
            ]
            if not candidates:
                continue
            gone = draw(st.sampled_from(candidates))
            parent = parents[id(gone)]
            parent.children = [c for c in parent.children if c is not gone]
            edits.deleted |= _subtree_tags(gone)
        else:
            tables = [n for n in blocks if isinstance(n, Table) and n.rows]
            table = draw(st.sampled_from(tables))
            row = draw(st.sampled_from(table.rows))
            row[0].inlines = [Text(draw(st.sampled_from(WORDS)))]
            edits.touched.add(_tag(table))
    return edits


def _subtree_tags(node: Block) -> set[str]:
    return {_tag(n) for n in [node, *node.walk()]}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_deed_turns_old_into_new_and_cites_what_changed(data: st.DataObject) -> None:
    old = copy.deepcopy(mini())
    new = copy.deepcopy(old)
    edits = mutate(new, data)
    assert reresolve(new) == []
    changes = Differ(old, new, NO_VOCABULARY, NO_VOCABULARY).run([])
    if agreement_text(old) == agreement_text(new):
        assert not changes, "identical text needs no deed"
        return
    assert changes
    varied = apply_changes(old, changes, NO_VOCABULARY)  # raises if a citation is missing
    assert agreement_text(varied) == agreement_text(new)

    index = CitationIndex(old)
    for change in changes.changes:
        if isinstance(change, ReplaceWords | ReplaceTitle):
            cited = index.find(change.target)
            assert cited is not None and _tag(cited) in edits.touched, change.target.text
        elif isinstance(change, Replace):
            cited = index.find(change.target)
            assert cited is not None
            assert _subtree_tags(cited) & (edits.touched | edits.deleted) or any(
                _tag(n) == "new" for n in change.new.walk()
            ), change.target.text
        elif isinstance(change, Delete):
            cited = index.find(change.target)
            assert cited is not None and _tag(cited) in edits.deleted, change.target.text
        elif isinstance(change, Insert):
            for anchor in (change.after, change.parent):
                assert anchor is None or index.find(anchor) is not None
        elif isinstance(change, InsertDefinition):
            assert index.find(change.within) is not None
