"""Aligning two agreements' paragraphs and tables: unchanged, changed, deleted, inserted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TypeVar

from docx.oxml.ns import qn
from lxml import etree

from s75docs.render.docx.revisions import text_of, tokens_of_text

# two blocks whose words are at least this similar are one paragraph changed, not two
SIMILAR = 0.5
# past this many candidate pairs in one changed stretch, pair greedily instead of optimally
PAIRING_LIMIT = 40_000

_X = TypeVar("_X")
_P = qn("w:p")


@dataclass
class Written:
    """One paragraph or table as the normal writer writes it."""

    el: etree._Element
    num: int | None  # the w:numId of a numbered paragraph
    shape: str  # what two blocks must share to be one block changed (style, level, list)
    sig: str  # shape and content: equal signatures are unchanged blocks
    words: list[str] = field(default_factory=list)


@dataclass
class Op:
    kind: str  # same | changed | deleted | inserted
    old: Written | None = None
    new: Written | None = None


def align(old: list[Written], new: list[Written]) -> list[Op]:
    """Blocks of both agreements in reading order: unchanged, changed, deleted, inserted."""
    matcher = SequenceMatcher(None, [b.sig for b in old], [b.sig for b in new], autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops += [Op("same", a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            ops += pair(old[i1:i2], new[j1:j2])
    return ops


def similarity(a: Written, b: Written) -> float:
    if a.shape != b.shape:
        return 0.0
    matcher = SequenceMatcher(None, a.words, b.words, autojunk=False)
    if matcher.real_quick_ratio() <= SIMILAR or matcher.quick_ratio() <= SIMILAR:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio > SIMILAR else 0.0


def pair(old: Sequence[Written], new: Sequence[Written]) -> list[Op]:
    """A changed stretch: similar blocks paired in order (most similarity overall), the rest
    deleted and inserted (deletions first)."""
    pairs = best_pairs(old, new, similarity)
    ops: list[Op] = []
    i = j = 0
    for pi, pj in [*pairs, (len(old), len(new))]:
        ops += [Op("deleted", old=a) for a in old[i:pi]]
        ops += [Op("inserted", new=b) for b in new[j:pj]]
        if pi < len(old):
            ops.append(Op("changed", old[pi], new[pj]))
        i, j = pi + 1, pj + 1
    return ops


def best_pairs(
    old: Sequence[_X], new: Sequence[_X], score: Callable[[_X, _X], float]
) -> list[tuple[int, int]]:
    """Index pairs (in order in both) with the greatest total score; score 0 never pairs."""
    n, m = len(old), len(new)
    if n == 0 or m == 0:
        return []
    if n * m > PAIRING_LIMIT:
        out: list[tuple[int, int]] = []
        j = 0
        for i, a in enumerate(old):
            for k in range(j, min(m, j + 50)):
                if score(a, new[k]) > 0:
                    out.append((i, k))
                    j = k + 1
                    break
        return out
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    scores = [[score(a, b) for b in new] for a in old]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            value = max(best[i + 1][j], best[i][j + 1])
            if scores[i][j] > 0:
                value = max(value, best[i + 1][j + 1] + scores[i][j])
            best[i][j] = value
    out = []
    i = j = 0
    while i < n and j < m:
        if scores[i][j] > 0 and best[i][j] == best[i + 1][j + 1] + scores[i][j]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def row_similarity(a: etree._Element, b: etree._Element) -> float:
    """Rows with the same cells whose words are similar are one row changed."""
    shape_a = [len(c.findall(_P)) for c in a.findall(qn("w:tc"))]
    shape_b = [len(c.findall(_P)) for c in b.findall(qn("w:tc"))]
    if shape_a != shape_b:
        return 0.0
    words_a = [t for c in a.findall(qn("w:tc")) for t in ["|", *tokens_of_text(text_of(c))]]
    words_b = [t for c in b.findall(qn("w:tc")) for t in ["|", *tokens_of_text(text_of(c))]]
    ratio = SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
    return ratio if ratio > SIMILAR else 0.0
