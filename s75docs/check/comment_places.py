"""Which paragraph of a Word body carries each comment the annotator adds.

A note names a body paragraph as python-docx counts them, or any paragraph the reader read
by its `block` (word_blocks: tables, nested tables, content controls). A paragraph inside a
content control (w:sdt around it, its cell, its row, its table or any block of the body)
does not carry the comment itself: LibreOffice (7.4) can drop the control's text before a
comment it finds there, and the comment's own text, which would make the annotated file
worse than the input. Its comment goes, as a point, to the end of the nearest paragraph
before the control that is in none (or the start of the nearest after it), and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from s75docs.check import word_blocks
from s75docs.check.wordml import local_name

BEFORE = "end"  # the comment is a point at the end of a paragraph before the control
AFTER = "start"  # ... at the start of a paragraph after it


@dataclass(frozen=True)
class Spot:
    order: int  # the carrying paragraph's place in document order (0-based)
    paragraph: etree._Element
    point: str | None = None  # BEFORE or AFTER when moved out of a content control

    def preface(self, where: str) -> str:
        """What the comment says first when it was moved out of a content control."""
        at = f", {where}" if where else ""
        if self.point == BEFORE:
            return f"In the content control after this paragraph{at}: "
        if self.point == AFTER:
            return f"In the content control before this paragraph{at}: "
        return ""


def _in_control(p: etree._Element) -> bool:
    """A content control encloses the paragraph, at any distance."""
    return any(local_name(a) == "sdt" for a in p.iterancestors())


def spots(body: etree._Element, wanted: list[tuple[int, int | None]]) -> list[Spot | None]:
    """For each (paragraph, block) wanted, where its comment goes; None when no paragraph
    outside content controls exists to carry it. ValueError for a paragraph out of range."""
    blocks = word_blocks.paragraphs(body)
    by_index = {b.body_index: n for n, b in enumerate(blocks) if b.body_index is not None}
    safe = [not _in_control(b.element) for b in blocks]
    before: list[int | None] = []
    last: int | None = None
    for n, ok in enumerate(safe):
        last = n if ok else last
        before.append(last)
    after: list[int | None] = [None] * len(blocks)
    following: int | None = None
    for n in range(len(blocks) - 1, -1, -1):
        following = n if safe[n] else following
        after[n] = following
    out: list[Spot | None] = []
    for paragraph, block in wanted:
        if block is not None:
            if not 1 <= block <= len(blocks):
                raise ValueError(
                    f"note block {block} is out of range: the document has {len(blocks)} paragraphs"
                )
            at = block - 1
        elif paragraph in by_index:
            at = by_index[paragraph]
        else:
            raise ValueError(
                f"note paragraph {paragraph} is out of range:"
                f" the document has {len(by_index)} body paragraphs"
            )
        if safe[at]:
            out.append(Spot(at, blocks[at].element))
        elif (moved := before[at]) is not None:
            out.append(Spot(moved, blocks[moved].element, BEFORE))
        elif (moved := after[at]) is not None:
            out.append(Spot(moved, blocks[moved].element, AFTER))
        else:
            out.append(None)
    return out
