"""Compare two assembled agreements, matched by stable labels, into the changes a deed makes.

Labelled provisions are matched by label; the rest by their text (references compare by
the provision they point at, so renumbering alone is never a change). Every change cites
the agreement being varied by its own numbers.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence

from s75docs.doctree.cite import CiteKind
from s75docs.doctree.nodes import (
    Block,
    Body,
    Definition,
    DefinitionsList,
    Document,
    Item,
    Para,
    Recital,
    Schedule,
    Table,
    inlines_of,
)
from s75docs.variation.atoms import Atom, Vocabulary, atoms, is_figure, keys
from s75docs.variation.changes import (
    Change,
    ChangeSet,
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
from s75docs.variation.letters import Pinning, is_stub

# more changes than this inside one schedule (and this share of its provisions) and the
# deed replaces the whole schedule by an annex; likewise a whole clause
SCHEDULE_LIMIT = (4, 0.25)
CLAUSE_LIMIT = (4, 0.5)
# more word changes than this in one provision (or this share of it) replace it in full
HUNK_LIMIT = 3
WORDS_SHARE = 0.6
PAIRING_RATIO = 0.5


def parties(doc: Document) -> list[Para]:
    return [n for n in doc.children if isinstance(n, Para) and n.style == "party-entry"]


def recitals(doc: Document) -> list[Recital]:
    return [n for n in doc.children if isinstance(n, Recital)]


def body(doc: Document) -> Body:
    return next(n for n in doc.children if isinstance(n, Body))


def schedules(doc: Document) -> list[Schedule]:
    return [n for n in doc.children if isinstance(n, Schedule)]


class Differ:
    def __init__(
        self,
        old: Document,
        new: Document,
        old_vocab: Vocabulary,
        new_vocab: Vocabulary,
        pinning: Pinning | None = None,
    ) -> None:
        self.old, self.new = old, new
        self.old_index, self.new_index = CitationIndex(old), CitationIndex(new)
        self.old_vocab, self.new_vocab = old_vocab, new_vocab
        self.pinning = pinning  # the new tree keeps the old numbers (letters.pin)

    # ------------------------------------------------------------ entry
    def run(self, substitutions: list[SubstitutePartner]) -> ChangeSet:
        out: list[Change] = list(substitutions)
        out += self.sequence(parties(self.old), parties(self.new), None)
        out += self.sequence(recitals(self.old), recitals(self.new), None)
        out += self.sequence(body(self.old).children, body(self.new).children, None)
        out += self.sequence(schedules(self.old), schedules(self.new), None)
        return ChangeSet(out)

    # ------------------------------------------------------------ matching
    def _atoms(self, node: Block, old: bool) -> list[Atom]:
        return atoms(inlines_of(node), self.old_vocab if old else self.new_vocab)

    def _key(self, node: Block, old: bool) -> Hashable:
        if node.label:
            return ("label", node.label)
        if isinstance(node, DefinitionsList):
            return ("definitions",)
        level = node.level if isinstance(node, Item) else 0
        title = node.title if isinstance(node, Item) else None
        return (type(node).__name__, level, title, tuple(keys(self._atoms(node, old))))

    def _similar(self, a: Block, b: Block) -> float:
        if type(a) is not type(b) or bool(a.label) or bool(b.label):
            return 0.0
        if isinstance(a, Item) and isinstance(b, Item) and a.level != b.level:
            return 0.0
        ka, kb = keys(self._atoms(a, True)), keys(self._atoms(b, False))
        return difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio()

    def align(
        self, olds: Sequence[Block], news: Sequence[Block]
    ) -> list[tuple[Block | None, Block | None]]:
        if self.pinning is not None:
            return self._pinned(olds, news, self.pinning)
        ok = [self._key(n, True) for n in olds]
        nk = [self._key(n, False) for n in news]
        out: list[tuple[Block | None, Block | None]] = []
        matcher = difflib.SequenceMatcher(None, ok, nk, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out += list(zip(olds[i1:i2], news[j1:j2], strict=True))
                continue
            out += self._pair_block(list(olds[i1:i2]), list(news[j1:j2]))
        return out

    def _pinned(
        self, olds: Sequence[Block], news: Sequence[Block], pinning: Pinning
    ) -> list[tuple[Block | None, Block | None]]:
        """The alignment the pinning made (each old node before the new one that follows)."""
        out: list[tuple[Block | None, Block | None]] = []
        order = {id(o): i for i, o in enumerate(olds)}
        done = 0
        for n in news:
            o = pinning.matches.get(id(n))
            if o is not None and id(o) in order:
                out += [(x, None) for x in olds[done : order[id(o)]]]
                done = order[id(o)] + 1
            out.append((o, n))
        out += [(x, None) for x in olds[done:]]
        return out

    def _pair_block(
        self, olds: list[Block], news: list[Block]
    ) -> list[tuple[Block | None, Block | None]]:
        out: list[tuple[Block | None, Block | None]] = []
        j = 0
        for o in olds:
            best, best_ratio = -1, PAIRING_RATIO
            for k in range(j, len(news)):
                ratio = self._similar(o, news[k])
                if ratio > best_ratio:
                    best, best_ratio = k, ratio
            if best < 0:
                out.append((o, None))
                continue
            out += [(None, n) for n in news[j:best]]
            out.append((o, news[best]))
            j = best + 1
        out += [(None, n) for n in news[j:]]
        return out

    # ------------------------------------------------------------ sequences
    def sequence(
        self, olds: Sequence[Block], news: Sequence[Block], parent: Citation | None
    ) -> list[Change]:
        out: list[Change] = []
        after: Citation | None = None
        for o, n in self.align(olds, news):
            if o is not None and n is not None and self.pinning and id(n) in self.pinning.stubs:
                if not is_stub(o):  # deleted: its number and heading stay
                    out.append(Delete(self.old_index.cite(o), n))
                after = self.old_index.by_node.get(id(o), after)
            elif o is not None and n is not None:
                out += self.pair(o, n)
                after = self.old_index.by_node.get(id(o), after)
            elif o is not None:
                out.append(Delete(self.old_index.cite(o)))
            elif n is not None:
                if isinstance(n, DefinitionsList):
                    continue  # never happens in the library: the definitions clause is fixed
                out.append(Insert(n, self.new_index.by_node.get(id(n)), after, parent))
        return out

    # ------------------------------------------------------------ pairs
    def pair(self, o: Block, n: Block) -> list[Change]:
        if isinstance(o, DefinitionsList) and isinstance(n, DefinitionsList):
            return self.definitions(o, n)
        cite = self.old_index.cite(o)
        if isinstance(o, Table) and isinstance(n, Table):
            same = _table_keys(o, self.old_vocab) == _table_keys(n, self.new_vocab)
            return [] if same else [Replace(cite, n, self.new_index.cite(n))]
        out: list[Change] = []
        if isinstance(o, Schedule) and isinstance(n, Schedule):
            if o.title != n.title:
                out.append(ReplaceTitle(cite, o.title, n.title))
            out += self.sequence(o.children, n.children, cite)
            if _too_many(out, o, SCHEDULE_LIMIT):
                return [Replace(cite, n, self.new_index.cite(n))]
            return out
        if isinstance(o, Item) and isinstance(n, Item) and o.title != n.title:
            out.append(ReplaceTitle(cite, o.title or "", n.title or ""))
        words = self.words(o, n, cite)
        if words is None:
            return [Replace(cite, n, self.new_index.cite(n))]
        out += words
        if isinstance(o, Item) and isinstance(n, Item):
            out += self.sequence(o.children, n.children, cite)
            if o.level == 1 and cite.kind is CiteKind.CLAUSE and _too_many(out, o, CLAUSE_LIMIT):
                return [Replace(cite, n, self.new_index.cite(n))]
        elif _limb_keys(o, self.old_vocab) != _limb_keys(n, self.new_vocab):
            return [Replace(cite, n, self.new_index.cite(n))]
        return out

    def words(self, o: Block, n: Block, cite: Citation) -> list[Change] | None:
        """Word-level changes to a provision's own text; None: replace it in full."""
        old, new = self._atoms(o, True), self._atoms(n, False)
        hunks = word_hunks(old, new)
        if not hunks:
            return []
        changed = sum(len(h.old) for h in hunks)
        has_children = isinstance(o, Item) and any(isinstance(c, Item) for c in o.children)
        if not has_children and (len(hunks) > HUNK_LIMIT or changed > WORDS_SHARE * len(old)):
            return None
        return [ReplaceWords(cite, hunks)]

    def definitions(self, o: DefinitionsList, n: DefinitionsList) -> list[Change]:
        olds = {self.old_vocab.term_key(d.term): d for d in o.children if isinstance(d, Definition)}
        news = {self.new_vocab.term_key(d.term): d for d in n.children if isinstance(d, Definition)}
        out: list[Change] = []
        within: Citation | None = None
        for key, entry in olds.items():
            within = self.old_index.cite(entry).within
            if key not in news:
                out.append(Delete(self.old_index.cite(entry)))
            else:
                out += self.pair(entry, news[key])
        for key, entry in news.items():
            if key not in olds:
                assert within is not None
                out.append(InsertDefinition(entry, within))
        return out


def word_hunks(old: list[Atom], new: list[Atom]) -> list[Hunk]:
    """The smallest unique old phrases (whole words, no edge spaces) whose replacement turns
    `old` into `new`."""
    ok, nk = keys(old), keys(new)
    if ok == nk:
        return []
    matcher = difflib.SequenceMatcher(None, ok, nk, autojunk=False)
    spans = [[i1, i2, j1, j2] for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    while True:
        spans = _merge(spans)
        bad = next((s for s in spans if not _good(s, old, ok)), None)
        if bad is None:
            break
        i1, i2, j1, j2 = bad
        if i1 == i2 or not _worded(old[i1:i2]):  # quote the word before (or after) it
            left = i1 > 0
        elif old[i1].is_space and i1 > 0:
            left = True
        elif old[i2 - 1].is_space and i2 < len(old):
            left = False
        else:  # not unique yet: add context, reading on first
            left = i2 == len(old)
        if left and i1 > 0:
            bad[0], bad[2] = i1 - 1, j1 - 1
        elif i2 < len(old):
            bad[1], bad[3] = i2 + 1, j2 + 1
        elif i1 > 0:
            bad[0], bad[2] = i1 - 1, j1 - 1
        else:
            break  # the whole text: unique by definition
    return [Hunk(old[i1:i2], new[j1:j2]) for i1, i2, j1, j2 in spans]


# two changes this close (a space, a word and a space apart) are quoted as one phrase, so
# that no instruction leaves a half-changed text between two others ("on one to two ...")
NEAR = 3


def _merge(spans: list[list[int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for span in sorted(spans):
        if out and span[0] <= out[-1][1] + NEAR:
            last = out[-1]
            last[1], last[3] = max(last[1], span[1]), max(last[3], span[3])
        else:
            out.append(list(span))
    return out


def _good(span: list[int], old: list[Atom], ok: list[Hashable]) -> bool:
    i1, i2 = span[0], span[1]
    if i1 == 0 and i2 == len(old):
        return True
    if i1 == i2 or old[i1].is_space or old[i2 - 1].is_space or not _worded(old[i1:i2]):
        return False
    # unique as a reader finds it: "commissioning" is not unique beside "Commissioning"
    folded = [_fold(k) for k in ok]
    needle = folded[i1:i2]
    count = sum(
        1 for i in range(len(folded) - len(needle) + 1) if folded[i : i + len(needle)] == needle
    )
    return count == 1


def _fold(key: Hashable) -> Hashable:
    """A word's key without its case (other keys as they are)."""
    if isinstance(key, tuple) and len(key) == 2 and key[0] == "t" and isinstance(key[1], str):
        return ("t", key[1].casefold())
    return key


def _worded(seq: list[Atom]) -> bool:
    """A quotable phrase: a money figure, or at least one word with letters in it."""
    return is_figure(seq) or any(any(ch.isalpha() for ch in a.text) for a in seq)


def _too_many(changes: list[Change], node: Block, limit: tuple[int, float]) -> bool:
    count, share = limit
    provisions = sum(1 for n in node.walk() if isinstance(n, Item | Table | Para)) or 1
    return len(changes) > count and len(changes) > share * provisions


def _table_keys(table: Table, vocab: Vocabulary) -> list[list[Hashable]]:
    rows = [table.header, *table.rows]
    return [[tuple(keys(atoms(c.inlines, vocab))) for c in row] for row in rows]


def _limb_keys(node: Block, vocab: Vocabulary) -> list[Hashable]:
    return [tuple(keys(atoms(inlines_of(c), vocab))) for c in node.children]
