"""No renumbering: the agreement as varied keeps every number the agreement had.

A provision that stays keeps its number; a deleted provision stays as "[Not used]" under its
number and heading; a new provision put before an existing one takes a lettered number
("Clause 33A", "13.1.3A", "paragraph (ba)", "Schedule 6A"), and one added after the last
existing provision of its level takes the next number. The rule is set out in
docs/variations.md ("Numbering: English deed practice").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from s75docs.doctree.nodes import Block, Document, Item, Para, Recital, Schedule, Text
from s75docs.doctree.numbers import AGREEMENT, RECITALS, Format
from s75docs.errors import BuildError

NOT_USED = "[Not used]"

Align = Callable[[Sequence[Block], Sequence[Block]], list[tuple[Block | None, Block | None]]]


class NumberingError(BuildError):
    """A new provision cannot be given a number without moving an existing one."""


@dataclass
class Pinning:
    """What the agreement as varied keeps of the agreement: each of its nodes that stands for
    an old one (`matches`: id of the new node -> the old node), and the stubs left for
    deleted provisions."""

    matches: dict[int, Block] = field(default_factory=dict)
    stubs: set[int] = field(default_factory=set)


def numbered(node: Block) -> bool:
    return isinstance(node, Schedule | Recital) or (isinstance(node, Item) and not node.bullet)


def is_stub(node: Block) -> bool:
    """A provision left as "[Not used]" by an earlier variation."""
    inlines = node.inlines if isinstance(node, Item | Recital) else []
    if isinstance(node, Schedule) and len(node.children) == 1:
        only = node.children[0]
        inlines = only.inlines if isinstance(only, Para) else []
    return len(inlines) == 1 and isinstance(inlines[0], Text) and inlines[0].text == NOT_USED


def stub(node: Block) -> Block:
    """What stays of a deleted provision: its number and heading, its text "[Not used]"."""
    if isinstance(node, Schedule):
        return Schedule(
            title=node.title,
            name=node.name,
            inserted=node.inserted,
            children=[Para(inlines=[Text(NOT_USED)])],
        )
    if isinstance(node, Recital):
        return Recital(inlines=[Text(NOT_USED)], inserted=node.inserted)
    assert isinstance(node, Item)
    return Item(
        level=node.level,
        title=node.title,
        inlines=[Text(NOT_USED)],
        inserted=node.inserted,
        toc=node.toc,
    )


def own_ordinal(node: Block) -> str:
    """A numbered node's ordinal at its own level, as printed: "7", "7A", "b", "BA"."""
    if isinstance(node, Schedule):
        return node.number
    if isinstance(node, Recital):
        return node.number.strip("()")
    assert isinstance(node, Item)
    return node.inserted or AGREEMENT.format_at(len(node.path)).ordinal(node.path[-1])


def _format(node: Block) -> Format:
    if isinstance(node, Schedule):
        return Format.DECIMAL
    if isinstance(node, Recital):
        return RECITALS.formats[0]
    assert isinstance(node, Item)
    return AGREEMENT.format_at(node.level if node.level else 1)


def _bump(ordinal: str) -> str:
    """The next letter in the same place: 7A -> 7B, A1 -> B1, ba -> bb (z -> za)."""
    prefix = re.fullmatch(r"([A-Za-z]+)(\d+)", ordinal)
    letters, tail = (prefix[1], prefix[2]) if prefix else (ordinal, "")
    last = letters[-1]
    if last in "zZ":
        bumped = letters + ("A" if last.isupper() else "a")
    else:
        bumped = letters[:-1] + chr(ord(last) + 1)
    return bumped + tail


def lettered(
    previous: str | None, previous_lettered: bool, following: str, taken: set[str], fmt: Format
) -> str:
    """The number of a new provision put before the existing provision numbered `following`
    and after the one numbered `previous` (None: it opens its level). See
    docs/variations.md for the rule: the first free number, in this order, that falls
    between the two: the next letter after a lettered provision (7A -> 7B); the provision
    before with a letter added (7 -> 7A, 7A -> 7AA); the same with Z, which comes first
    (between 7 and 7A: 7ZA); and before the first provision, A1 (then B1...)."""
    lower = fmt in (Format.LETTER, Format.ROMAN)
    letters = _LOWER if lower else _UPPER
    if previous is None:
        if lower:
            candidates = ["z" + c for c in letters]
        else:
            base = re.sub(r"^[A-Z]+", "", following) if fmt is Format.DECIMAL else ""
            first = [c + base for c in letters if c != "Z"]
            candidates = first + ["Z" + c for c in first]
    else:
        bumped = [_bump(previous)] if previous_lettered else []
        zed = "z" if lower else "Z"
        candidates = bumped + [previous + c for c in letters if c.upper() != "Z"]
        candidates += [previous + zed + c for c in letters if c.upper() != "Z"]
    for candidate in candidates:
        if candidate not in taken and _between(previous, candidate, following, fmt):
            return candidate
    raise NumberingError(
        f"a new provision between {previous or 'the start'} and {following} cannot be numbered"
        " without moving a number (use --style restate)"
    )


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = _UPPER.lower()


def _letters_key(letters: str) -> tuple[int, ...]:
    """Letters added to a number, in order: Z first (7ZA before 7A), then A, AA, AB, B."""
    return tuple(0 if c in "zZ" else _UPPER.index(c.upper()) + 1 for c in letters)


def _order(ordinal: str, fmt: Format) -> tuple[object, ...] | None:
    """Where a number stands among its siblings (None: a level this check does not read)."""
    if fmt is Format.DECIMAL:
        found = re.fullmatch(r"([A-Z]*)(\d+)([A-Z]*)", ordinal)
        if found is None:
            return None
        prefix, base, suffix = found.groups()
        return (int(base), 0 if prefix else 1, _letters_key(prefix), _letters_key(suffix))
    if fmt is Format.UPPER_LETTER and ordinal:
        return (ordinal[0], _letters_key(ordinal[1:]))
    return None


def _between(previous: str | None, candidate: str, following: str, fmt: Format) -> bool:
    mid, high = _order(candidate, fmt), _order(following, fmt)
    if mid is None or high is None:
        return candidate != following
    low = _order(previous, fmt) if previous is not None else None
    return (low is None or low < mid) and mid < high


def _is_lettered(node: Block) -> bool:
    return bool(getattr(node, "inserted", ""))


class Pinner:
    """Carry the old numbering onto the new tree, with stubs for deleted provisions."""

    def __init__(self, align: Align) -> None:
        self.align = align
        self.pinning = Pinning()

    def run(self, old: Document, new: Document) -> Pinning:
        self.level(_parties(old), _parties(new), new.children)
        self.level(_of(old, Recital), _of(new, Recital), new.children)
        self.level(_body(old).children, _body(new).children, _body(new).children)
        self.level(_of(old, Schedule), _of(new, Schedule), new.children)
        return self.pinning

    def level(self, olds: list[Block], news: list[Block], siblings: list[Block]) -> None:
        """One level: olds and news aligned, stubs put into `siblings` (the list the new
        nodes stand in), then the new provisions numbered."""
        seq: list[Block] = []
        existing: set[int] = set()
        for o, n in self.align(olds, news):
            if o is not None and n is not None:
                self.pinning.matches[id(n)] = o
                existing.add(id(n))
                if numbered(n):
                    n.inserted = getattr(o, "inserted", "")  # type: ignore[union-attr]
                if isinstance(o, Item | Schedule) and isinstance(n, Item | Schedule):
                    self.level(o.children, n.children, n.children)
                seq.append(n)
            elif o is not None and numbered(o):
                kept = stub(o)
                self._place(kept, seq, siblings)
                self.pinning.matches[id(kept)] = o
                self.pinning.stubs.add(id(kept))
                existing.add(id(kept))
                seq.append(kept)
            elif n is not None:
                seq.append(n)
        self._letter(seq, existing)

    def _place(self, kept: Block, seq: list[Block], siblings: list[Block]) -> None:
        ids = [id(c) for c in siblings]
        placed = [b for b in seq if id(b) in ids]
        if placed:
            siblings.insert(ids.index(id(placed[-1])) + 1, kept)
            return
        same = [i for i, c in enumerate(siblings) if type(c) is type(kept)]
        siblings.insert(same[0] if same else len(siblings), kept)

    def _ordinal(self, node: Block) -> str:
        return own_ordinal(self.pinning.matches.get(id(node), node))

    def _letter(self, seq: list[Block], existing: set[int]) -> None:
        nums = [b for b in seq if numbered(b)]
        taken = {self._ordinal(b) for b in nums if id(b) in existing}
        previous: Block | None = None
        for i, node in enumerate(nums):
            if id(node) not in existing:
                following = next((b for b in nums[i + 1 :] if id(b) in existing), None)
                if following is None:  # after the last existing provision: the next number
                    _set(node, "")
                else:
                    letter = lettered(
                        None if previous is None else self._ordinal(previous),
                        previous is not None and _is_lettered(previous),
                        self._ordinal(following),
                        taken,
                        _format(node),
                    )
                    _set(node, letter)
                    taken.add(letter)
            previous = node


def _set(node: Block, inserted: str) -> None:
    if isinstance(node, Item | Schedule | Recital):
        node.inserted = inserted


def _parties(doc: Document) -> list[Block]:
    return [n for n in doc.children if isinstance(n, Para) and n.style == "party-entry"]


def _of(doc: Document, kind: type) -> list[Block]:
    return [n for n in doc.children if isinstance(n, kind)]


def _body(doc: Document) -> Block:
    from s75docs.doctree.nodes import Body

    return next(n for n in doc.children if isinstance(n, Body))


def pin(old: Document, new: Document, align: Align) -> Pinning:
    """Give `new` (the agreement as varied, built afresh) the numbers of `old`; renumber it
    afterwards (the numbering pass honours `inserted`)."""
    return Pinner(align).run(old, new)
