"""The paragraphs of a Word body in document order, each with its place: one walk for the
reader and the annotator, so that both count the same paragraphs.

Paragraphs stand directly in the body, in tables (nested to any depth), in content controls
(w:sdt around paragraphs, tables, rows or cells) and in custom XML wrappers. The walk keeps
its own stack: how deep the input nests costs memory in proportion, never Python recursion.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from s75docs.check.word_stories import ALTERNATE, alternative
from s75docs.check.wordml import attr_val, int_of, local_name, w_tag

# wrappers whose content is read as if it stood in their place
_WRAPPERS = frozenset({"sdt", "sdtContent", "customXml"})
_MAX_SPAN = 64  # a gridSpan or gridBefore larger than this is damage, not layout


@dataclass(frozen=True)
class Cell:
    """Where a table paragraph stands: 1-based table (in document order, nested tables
    counted where they begin), row within that table, and grid column (merged cells count
    every column they span, so the column is the one a reader counts along the grid)."""

    table: int
    row: int
    column: int

    def label(self) -> str:
        return f"table {self.table}, row {self.row}, column {self.column}"


@dataclass(frozen=True)
class Block:
    """A paragraph (`paragraph` True) or another element met between paragraphs (a
    bookmark or comment start, which belongs to the next paragraph)."""

    element: etree._Element
    paragraph: bool
    body_index: int | None = None  # 1-based in python-docx's Document.paragraphs
    cell: Cell | None = None
    control: bool = False  # inside a content control or custom XML at body level


@dataclass
class _Table:
    number: int
    rows: int = 0


@dataclass
class _Row:
    grid: int = 0  # grid columns taken by the row's cells so far


@dataclass
class _Frame:
    """One element being walked: its children, and where they stand."""

    children: Iterator[etree._Element]
    kind: str  # "body", "table", "row" or "cell"
    table: _Table | None = None
    cell: Cell | None = None
    row: _Row | None = None  # shared by a row and the content controls inside it
    control: bool = False


def _span(element: etree._Element, props: str, name: str) -> int:
    """A cell's gridSpan or a row's gridBefore, defensively (1 or 0 when absent)."""
    holder = element.find(w_tag(props))
    value = int_of(attr_val(None if holder is None else holder.find(w_tag(name))))
    default = 1 if name == "gridSpan" else 0
    if value is None or not default <= value <= _MAX_SPAN:
        return default
    return value


def walk(body: etree._Element) -> Iterator[Block]:
    """Every paragraph of the body, and the marks between them, in document order."""
    tables = 0
    body_index = 0
    stack = [_Frame(iter(body), "body")]
    while stack:
        frame = stack[-1]
        child = next(frame.children, None)
        if child is None:
            stack.pop()
            continue
        tag = local_name(child)
        if tag == "p":
            direct = child.getparent() is body
            if direct:
                body_index += 1
            yield Block(
                child,
                True,
                body_index if direct else None,
                frame.cell,
                frame.control and frame.cell is None,
            )
        elif tag == "tbl":
            tables += 1
            stack.append(
                _Frame(iter(child), "table", _Table(tables), frame.cell, control=frame.control)
            )
        elif tag == "tr" and frame.kind == "table" and frame.table is not None:
            frame.table.rows += 1
            row = _Row(_span(child, "trPr", "gridBefore"))
            stack.append(_Frame(iter(child), "row", frame.table, frame.cell, row, frame.control))
        elif tag == "tc" and frame.row is not None and frame.table is not None:
            cell = Cell(frame.table.number, frame.table.rows, frame.row.grid + 1)
            frame.row.grid += _span(child, "tcPr", "gridSpan")
            stack.append(_Frame(iter(child), "cell", frame.table, cell, None, frame.control))
        elif child.tag == ALTERNATE:  # one branch of mc:AlternateContent, as Word shows it
            for chosen in alternative(child):
                stack.append(
                    _Frame(
                        iter(chosen), frame.kind, frame.table, frame.cell, frame.row, frame.control
                    )
                )
        elif tag in _WRAPPERS or tag in ("tr", "tc"):
            # a content control around rows or cells keeps the table's count going; a row
            # or cell out of place is read as if it were not there
            wrapped = frame.control or tag in _WRAPPERS  # not a stray row or cell
            stack.append(
                _Frame(iter(child), frame.kind, frame.table, frame.cell, frame.row, wrapped)
            )
        elif tag:
            yield Block(child, False)


def paragraphs(body: etree._Element) -> list[Block]:
    """The paragraphs alone, in the reader's order (the annotator's numbering of them)."""
    return [block for block in walk(body) if block.paragraph]
