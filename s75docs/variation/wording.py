"""The deed's numbered variations, in the words lawyers use: "In Clause 7.6, the words ...
are replaced with ...", "A new Clause 7.7 is inserted after Clause 7.6: ..."."""

from __future__ import annotations

import re

from s75docs.doctree.cite import CiteKind
from s75docs.doctree.nodes import Block, Item, Para, Recital, Schedule, Table, Text
from s75docs.variation.atoms import Atom, is_figure, text_of
from s75docs.variation.changes import (
    Change,
    Delete,
    Hunk,
    Insert,
    InsertDefinition,
    Replace,
    ReplaceTitle,
    ReplaceWords,
    SubstitutePartner,
)
from s75docs.variation.cite import Citation, CitationIndex
from s75docs.variation.letters import NOT_USED
from s75docs.variation.quote import CLOSE, OPEN, freeze, quoted
from s75docs.words import cap


def q(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


def _words(seq: list[Atom]) -> str:
    return "word" if len(re.findall(r"[\w£][\w,.’'£-]*", text_of(seq))) == 1 else "words"


def hunk_phrase(h: Hunk) -> str:
    old, new = text_of(h.old), text_of(h.new)
    if is_figure(h.old) and is_figure(h.new):
        return f"the figure {q(old)} is replaced with {q(new)}"
    noun = _words(h.old)
    verb = "is" if noun == "word" else "are"
    if not new.strip():
        return f"the {noun} {q(old)} {verb} deleted"
    return f"the {noun} {q(old)} {verb} replaced with {q(new.strip())}"


def _short(cite: Citation | None) -> str:
    """How a new provision is named where it goes: 'Clause 4.2.7', 'paragraph 2.1.7'."""
    if cite is None:
        return "provision"
    if cite.kind is CiteKind.PARAGRAPH:
        return f"paragraph {cite.number}"
    return cite.text


class Wording:
    """Turns changes into level-2 items of the deed's variations clause."""

    def __init__(self, old_index: CitationIndex, annexes: dict[int, int]) -> None:
        self.old_index = old_index
        self.annexes = annexes  # id(new schedule) -> annex number

    def _title(self, cite: Citation) -> str:
        node = self.old_index.find(cite)
        return node.title if isinstance(node, Schedule) else ""

    def item(self, text: str, children: list[Block] | None = None) -> Item:
        return Item(level=2, inlines=[Text(text)], children=children or [])

    def change(self, c: Change) -> Item:
        if isinstance(c, SubstitutePartner):
            shorts = (
                f", and every reference to the {c.old_short} as a reference to the {c.new_short}"
                if c.old_short != c.new_short
                else ""
            )
            took = (
                f"As the successor of {c.old_name}, {c.new_name} has taken its place"
                if c.successor
                else f"{c.new_name} replaces {c.old_name}"
            )
            return self.item(
                f"{took} as a party to the Agreement. Every reference in the Agreement to"
                f" {c.old_name}, other than one that this Deed inserts to record the"
                f" {'succession' if c.successor else 'change'} and other than in the execution"
                " of the Agreement, is to be read as a reference to"
                f" {c.new_name}{shorts}."
            )
        if isinstance(c, ReplaceWords):
            if len(c.hunks) == 1:
                return self.item(f"In {c.target.text}, {hunk_phrase(c.hunks[0])}.")
            last = len(c.hunks) - 1
            limbs: list[Block] = [
                Item(
                    level=3,
                    inlines=[
                        Text(
                            hunk_phrase(h)
                            + ("." if i == last else "; and" if i == last - 1 else ";")
                        )
                    ],
                )
                for i, h in enumerate(c.hunks)
            ]
            return self.item(f"{cap(c.target.text)} is varied as follows:", limbs)
        if isinstance(c, ReplaceTitle):
            return self.item(f"The heading of {c.target.text} is replaced with {q(c.new)}.")
        if isinstance(c, Replace):
            if isinstance(c.new, Schedule):
                return self.item(
                    f"{cap(c.target.text)} ({self._title(c.target)}) is deleted and replaced"
                    f" with the schedule set out in Annex {self.annexes[id(c.new)]}."
                )
            if isinstance(c.new, Table):
                return self.item(
                    f"{cap(c.target.text)} is deleted and replaced with the following table:",
                    [freeze(c.new)],
                )
            return self.item(f"{cap(c.target.text)} is deleted and replaced with:", quoted(c.new))
        if isinstance(c, Insert):
            return self.insert(c)
        if isinstance(c, InsertDefinition):
            return self.item(
                f"In {c.within.text}, the following definition is inserted in its alphabetical"
                " place:",
                quoted(c.new),
            )
        assert isinstance(c, Delete)
        if c.stub is not None:  # the number and heading stay (the deed's clause 1 says so)
            named = f" ({self._title(c.target)})" if c.target.kind is CiteKind.SCHEDULE else ""
            return self.item(
                f"{cap(c.target.text)}{named} is deleted and replaced with the words {q(NOT_USED)}."
            )
        if c.target.kind is CiteKind.SCHEDULE:
            return self.item(f"{cap(c.target.text)} ({self._title(c.target)}) is deleted.")
        return self.item(f"{cap(c.target.text)} is deleted.")

    def insert(self, c: Insert) -> Item:
        if c.after is not None:
            where = f"after {c.after.text}"
        elif c.parent is not None:
            where = f"at the beginning of {c.parent.text}"
        elif isinstance(c.new, Schedule):
            where = "before the first Schedule"
        elif isinstance(c.new, Recital):
            where = "at the beginning of the Background"
        elif isinstance(c.new, Para):
            where = "at the beginning of the Parties"
        else:
            where = "at the beginning of the Clauses"
        if isinstance(c.new, Schedule):
            return self.item(
                f"A new {_short(c.new_cite)} ({c.new.title}) is inserted {where}, in the form"
                f" set out in Annex {self.annexes[id(c.new)]}."
            )
        if isinstance(c.new, Table):
            return self.item(f"The following table is inserted {where}:", [freeze(c.new)])
        if isinstance(c.new, Item | Recital) or (c.new_cite and c.new_cite.kind is CiteKind.PARTY):
            return self.item(f"A new {_short(c.new_cite)} is inserted {where}:", quoted(c.new))
        return self.item(f"The following paragraph is inserted {where}:", quoted(c.new))
