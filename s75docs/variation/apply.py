"""Carry out a deed's variations on the agreement being varied, finding every provision by
the number the deed cites (never by label), then number the result: a deed in the default
style moves no number (a new provision carries the lettered number the deed gives it, a
deleted one stays as "[Not used]"); a deed of restatement restates the agreement renumbered.
The result must read exactly as the new agreement."""

from __future__ import annotations

import copy
import itertools

from s75docs.doctree.nodes import (
    Block,
    Body,
    Definition,
    DefinitionsList,
    Document,
    Item,
    Node,
    Para,
    Recital,
    Schedule,
    Table,
    Term,
    TermDef,
    Text,
    inline_text,
    inlines_of,
)
from s75docs.errors import BuildError, S75Error
from s75docs.transforms import Settings, transform
from s75docs.transforms.definitions import sort_key
from s75docs.transforms.money import keep_pence
from s75docs.variation.atoms import Vocabulary, atoms, find_all, keys, to_inlines
from s75docs.variation.changes import (
    ChangeSet,
    Delete,
    Insert,
    InsertDefinition,
    Replace,
    ReplaceTitle,
    ReplaceWords,
    SubstitutePartner,
)
from s75docs.variation.cite import Citation, CitationIndex
from s75docs.variation.diff import body, parties, recitals, schedules


class VariationError(BuildError):
    """The deed cannot be carried out on the agreement it varies (a defect in s75docs)."""


class _Applier:
    def __init__(self, old: Document, vocab: Vocabulary) -> None:
        self.doc = copy.deepcopy(old)
        self.vocab = Vocabulary(dict(vocab.names), dict(vocab.shorts))
        self.index = CitationIndex(self.doc)
        self.parents: dict[int, Node] = {}
        for parent in [self.doc, *self.doc.walk()]:
            for child in parent.children:
                self.parents[id(child)] = parent
        # the last block inserted after an anchor, or at the start of a container
        self.chain: dict[tuple[str, int, str], Block] = {}
        self.replaced: dict[int, Block] = {}

    def find(self, cite: Citation) -> Block:
        node = self.index.find(cite)
        if node is None:
            raise VariationError(f"the deed cites {cite.text}, which the agreement does not have")
        return node

    def _remove(self, node: Block) -> None:
        siblings = self.parents[id(node)].children
        siblings[:] = [c for c in siblings if c is not node]

    def _replace(self, node: Block, new: Block) -> Block:
        siblings = self.parents[id(node)].children
        fresh = copy.deepcopy(new)
        siblings[[id(c) for c in siblings].index(id(node))] = fresh
        self.parents[id(fresh)] = self.parents[id(node)]
        self.replaced[id(node)] = fresh  # an insertion after it goes after its replacement
        return fresh

    def _insert(self, change: Insert) -> None:
        fresh = copy.deepcopy(change.new)
        if change.after is not None:
            anchor = self.find(change.after)
            anchor = self.replaced.get(id(anchor), anchor)
            container: Node = self.parents[id(anchor)]
            key = ("after", id(anchor), "")
        elif change.parent is not None:
            container = self.find(change.parent)
            key, anchor = ("start", id(container), ""), None
        else:  # the start of the clauses, schedules, background or parties
            container = body(self.doc) if isinstance(fresh, Item) else self.doc
            key, anchor = ("start", id(container), type(fresh).__name__), None
        previous = self.chain.get(key, anchor)
        ids = [id(c) for c in container.children]
        if previous is None:
            position = self._first_position(container, fresh)
        else:
            position = ids.index(id(previous)) + 1
        container.children.insert(position, fresh)
        self.parents[id(fresh)] = container
        self.chain[key] = fresh

    def _first_position(self, container: Node, fresh: Block) -> int:
        if container is not self.doc:
            return 0
        kinds: dict[type, list[Block]] = {
            Schedule: list(schedules(self.doc)),
            Recital: list(recitals(self.doc)),
            Para: list(parties(self.doc)),
        }
        same = kinds.get(type(fresh), [])
        if same:
            return [id(c) for c in container.children].index(id(same[0]))
        return len(container.children)

    def _words(self, change: ReplaceWords) -> None:
        node = self.find(change.target)
        current = atoms(inlines_of(node), self.vocab)
        current_keys = keys(current)
        spans: list[tuple[int, int, int]] = []
        for n, hunk in enumerate(change.hunks):
            found = find_all(current_keys, keys(hunk.old))
            if len(found) != 1:
                raise VariationError(
                    f"the words the deed quotes from {change.target.text} occur"
                    f" {len(found)} times there, not once"
                )
            spans.append((found[0], found[0] + len(hunk.old), n))
        spans.sort()
        for (_, end, _), (start, _, _) in itertools.pairwise(spans):
            if start < end:
                raise VariationError(f"two variations of {change.target.text} overlap")
        for start, end, n in reversed(spans):
            current[start:end] = change.hunks[n].new
        inlines = inlines_of(node)
        inlines[:] = to_inlines(current)

    def run(self, changes: ChangeSet) -> Document:
        # find every target first: the deed cites the numbering before any variation
        targets = {
            id(c): self.find(c.target)
            for c in changes.changes
            if isinstance(c, Replace | Delete | ReplaceTitle | ReplaceWords)
        }
        for c in changes.changes:
            if isinstance(c, Insert):
                for cite in (c.after, c.parent):
                    if cite is not None:
                        self.find(cite)
            elif isinstance(c, InsertDefinition):
                self.find(c.within)
        # a party's substitution first, so that what the deed then inserts (already the new
        # text, which may name the party succeeded, as the Parties then do) is left as it
        # is; the words it quotes are found by a vocabulary that knows both names
        for change in changes.changes:
            if isinstance(change, SubstitutePartner):
                self._substitute(change)
                identity = self.vocab.names.get(change.old_name)
                if identity is not None:
                    self.vocab.names[change.new_name] = identity
                short = self.vocab.shorts.get(change.old_short)
                if short is not None:
                    self.vocab.shorts[change.new_short] = short
        for change in changes.changes:
            if isinstance(change, ReplaceWords):
                self._words(change)
            elif isinstance(change, ReplaceTitle):
                node = targets[id(change)]
                assert isinstance(node, Item | Schedule)
                node.title = change.new
            elif isinstance(change, Replace):
                self._replace(targets[id(change)], change.new)
            elif isinstance(change, Delete) and change.stub is not None:
                self._replace(targets[id(change)], change.stub)
            elif isinstance(change, Delete):
                self._remove(targets[id(change)])
            elif isinstance(change, Insert):
                self._insert(change)
            elif isinstance(change, InsertDefinition):
                self._definitions().children.append(copy.deepcopy(change.new))
        for dl in (n for n in self.doc.walk() if isinstance(n, DefinitionsList)):
            dl.children.sort(key=lambda d: sort_key(d.term if isinstance(d, Definition) else ""))
        return self.doc

    def _definitions(self) -> DefinitionsList:
        return next(n for n in self.doc.walk() if isinstance(n, DefinitionsList))

    def _substitute(self, change: SubstitutePartner) -> None:
        for node in domain(self.doc):
            if isinstance(node, Definition) and node.term == change.old_short:
                node.term = change.new_short
            for inline in inlines_of(node):
                if isinstance(inline, Text):
                    inline.text = inline.text.replace(change.old_name, change.new_name)
                elif isinstance(inline, Term) and inline.name == change.old_short:
                    inline.name = change.new_short
                    inline.display = inline.display.replace(change.old_short, change.new_short)
                elif isinstance(inline, TermDef) and inline.name == change.old_short:
                    inline.name = change.new_short


def domain(doc: Document) -> list[Block]:
    """The agreement's own text: the parties, background, clauses and schedules (not the
    cover, contents or execution blocks, which a conformed copy shows differently)."""
    out: list[Block] = [*parties(doc), *recitals(doc)]
    tops: list[Body | Schedule] = [body(doc), *schedules(doc)]
    for top in tops:
        out += [top, *top.walk()]
    return out


def apply_changes(
    old: Document, changes: ChangeSet, vocab: Vocabulary, money_format: str = "pounds"
) -> Document:
    """The agreement as the deed leaves it, renumbered with cross-references updated."""
    doc = _Applier(old, vocab).run(changes)
    errors = reresolve(doc, money_format)
    if errors:
        raise VariationError(f"the varied agreement does not resolve: {errors[0]}")
    keep_pence(doc, old, money_format)  # as the new version does (vary.compute)
    return doc


def reresolve(doc: Document, money_format: str = "pounds") -> list[S75Error]:
    """Renumber a changed tree and bring every cross-reference and amount up to date."""
    return transform(doc, Settings(money_format), definitions=False)


def agreement_text(doc: Document) -> list[str]:
    """Every line a reader sees in the agreement's own text, numbers included."""
    lines: list[str] = []
    for node in domain(doc):
        if isinstance(node, Schedule):
            lines.append(f"Schedule {node.number} {node.title}")
        elif isinstance(node, Item):
            title = f" {node.title}" if node.title else ""
            lines.append(f"{node.full_number}{title} {inline_text(node.inlines)}".rstrip())
        elif isinstance(node, Recital):
            lines.append(f"{node.number} {inline_text(node.inlines)}")
        elif isinstance(node, Definition):
            lines.append(f"{node.term} {inline_text(node.inlines)}")
        elif isinstance(node, Table):
            for row in [node.header, *node.rows]:
                lines.append(" | ".join(inline_text(c.inlines) for c in row))
        elif isinstance(node, Body | DefinitionsList):
            continue
        else:
            text = inline_text(inlines_of(node))
            number = getattr(node, "number", "")
            lines.append(f"{number} {text}".strip())
    return lines
