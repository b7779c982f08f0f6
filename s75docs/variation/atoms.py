"""Paragraph text as atoms: words, spaces, defined terms, references and money, compared by
what they mean (a reference by the provision it points at, not by its number)."""

from __future__ import annotations

import copy
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from s75docs.doctree.nodes import Inline, MoneyAmount, Ref, Term, TermDef, Text

_WORDS = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Atom:
    """One unit of text: `key` compares meaning, `inline` is what goes back in the tree."""

    key: Hashable
    inline: Inline

    @property
    def text(self) -> str:
        """As printed in the document the atom comes from (its own numbering)."""
        node = self.inline
        if isinstance(node, Text):
            return node.text
        if isinstance(node, Term):
            return node.display
        if isinstance(node, TermDef):
            return node.name
        if isinstance(node, Ref):
            return node.text
        if isinstance(node, MoneyAmount):
            return node.text or str(node.amount)
        return node.text

    @property
    def is_space(self) -> bool:
        return isinstance(self.inline, Text) and not self.inline.text.strip()


@dataclass(frozen=True)
class Vocabulary:
    """The partners' names in one version, keyed by an identity shared across versions, so
    that a party replaced by another (a CCG by an ICB) compares equal everywhere."""

    names: dict[str, str] = field(default_factory=dict)  # legal name -> partner identity
    shorts: dict[str, str] = field(default_factory=dict)  # short name -> partner identity

    @property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.names:
            return None
        names = sorted(self.names, key=len, reverse=True)
        return re.compile("(" + "|".join(re.escape(n) for n in names) + ")")

    def term_key(self, name: str) -> Hashable:
        party = self.shorts.get(name)
        return ("party-short", party) if party else ("term", name)


NO_VOCABULARY = Vocabulary()


def _text_atoms(text: str, vocab: Vocabulary, pattern: re.Pattern[str] | None) -> list[Atom]:
    out: list[Atom] = []
    pieces = pattern.split(text) if pattern else [text]
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(Atom(("party", vocab.names[piece]), Text(piece)))
        else:
            out += [Atom(("t", w), Text(w)) for w in _WORDS.findall(piece)]
    return out


def atoms(inlines: Sequence[Inline], vocab: Vocabulary = NO_VOCABULARY) -> list[Atom]:
    out: list[Atom] = []
    pattern = vocab.pattern
    for node in inlines:
        if isinstance(node, Text):
            out += _text_atoms(node.text, vocab, pattern)
        elif isinstance(node, Term):
            party = node.name in vocab.shorts  # a party's name, whatever it is now
            display = "" if party else node.display
            out.append(Atom((vocab.term_key(node.name), display), node))
        elif isinstance(node, TermDef):
            out.append(Atom(("def", vocab.term_key(node.name)), node))
        elif isinstance(node, Ref):
            target = node.resolved or node.target
            out.append(Atom(("ref", target, node.end, node.form.value, node.scope), node))
        elif isinstance(node, MoneyAmount):
            out.append(Atom(("money", node.amount), node))
        else:
            out.append(Atom(("cited", node.text), node))
    return out


def keys(seq: Sequence[Atom]) -> list[Hashable]:
    return [a.key for a in seq]


def text_of(seq: Sequence[Atom]) -> str:
    return "".join(a.text for a in seq)


def to_inlines(seq: Sequence[Atom]) -> list[Inline]:
    """Back to tree inlines (copies, so two trees never share a node); text runs merged."""
    out: list[Inline] = []
    for atom in seq:
        node = atom.inline
        if isinstance(node, Text):
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
            else:
                out.append(Text(node.text))
        else:
            out.append(copy.deepcopy(node))
    return out


def find_all(haystack: Sequence[Hashable], needle: Sequence[Hashable]) -> list[int]:
    """Every start index of `needle` in `haystack` (overlaps included)."""
    n = len(needle)
    if n == 0:
        return []
    return [i for i in range(len(haystack) - n + 1) if list(haystack[i : i + n]) == list(needle)]


def is_figure(seq: Sequence[Atom]) -> bool:
    return len(seq) == 1 and isinstance(seq[0].inline, MoneyAmount)
