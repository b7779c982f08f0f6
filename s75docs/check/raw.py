"""What a reader gives the checker: paragraphs with the number a reader sees, and fields."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """A field in a paragraph: REF, PAGEREF, TOC... with its cached result as displayed."""

    instruction: str  # e.g. "REF _Ref123456 \\w \\h"
    cached: str  # the result text a reader sees before fields are updated
    start: int = 0  # offset of the cached result within RawParagraph.text

    @property
    def kind(self) -> str:
        return self.instruction.split()[0].upper() if self.instruction.split() else ""

    @property
    def bookmark(self) -> str | None:
        parts = self.instruction.split()
        return parts[1] if len(parts) > 1 and self.kind in ("REF", "PAGEREF") else None


@dataclass(frozen=True)
class RawParagraph:
    """One paragraph of an agreement as a reader sees it.

    `number` is what is printed before the text: computed from Word's list numbering
    for a .docx, or typed at the start of the line (e.g. "12.3", "(a)", "SCHEDULE 2").
    `line` is the 1-based line of a text input; `paragraph` the 1-based index in
    docx.Document(path).paragraphs for a .docx input (None for table cells).
    """

    text: str  # the paragraph text without its number
    number: str = ""  # e.g. "12.3", "(a)", "" when unnumbered
    numbered_by_word: bool = False  # True when the number comes from list numbering
    level: int | None = None  # list level (ilvl) when numbered by Word
    style: str = ""
    line: int | None = None
    paragraph: int | None = None
    in_table: bool = False
    bookmarks: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    comments: int = 0  # Word comments anchored in this paragraph
    is_heading: bool = False  # styled or typed as a heading (e.g. all capitals)
    toc_entry: bool = False  # inside a table-of-contents field or TOC style
    list_id: str = ""  # which list instance (numId) numbered it, for continuation checks
    cell: tuple[int, int, int] | None = None  # (table, row, grid column), 1-based: word_blocks
    block: int | None = None  # 1-based among every paragraph of a .docx read (word_blocks)
    control: bool = False  # in a content control (or custom XML) at body level, not a table
