"""Pipe tables in library text, as Markdown writes them: the dashes under each heading give
the column's relative width, and a colon at its right end aligns the column right."""

from __future__ import annotations

import re

from s75docs.assemble.markup import parse_inlines
from s75docs.doctree.nodes import Cell, Row, Table
from s75docs.errors import InputError, Location

_SEPARATOR = re.compile(r"^:?-+:?$")
_CAPTION = re.compile(r"^Table:\s*(?P<caption>.*?)\s*(?:\{#(?P<label>[a-z0-9][a-z0-9.-]*)\})?$")


def caption(line: str) -> tuple[str, str | None] | None:
    """'Table: Risks {#table-risks}' -> ('Risks', 'table-risks')."""
    m = _CAPTION.match(line)
    return (m.group("caption"), m.group("label")) if m else None


def _cells(line: str) -> list[str]:
    """The cells of one row; a backslash-escaped bar stays in its cell."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells: list[str] = []
    current = ""
    escaped = False
    for char in body:
        if char == "|" and not escaped:
            cells.append(current.strip())
            current = ""
            continue
        escaped = char == "\\" and not escaped
        current += char
    cells.append(current.strip())
    return cells


def _cells_text(n: int) -> str:
    return "one cell" if n == 1 else f"{n} cells"


def parse_table(
    lines: list[tuple[str, Location]],
    title: str = "",
    label: str | None = None,
    scope: str | None = None,
) -> Table:
    """A heading row, a separator row of dashes, then the body rows."""
    if len(lines) < 2 or not all(_SEPARATOR.match(c) for c in _cells(lines[1][0])):
        where = lines[1][1] if len(lines) > 1 else lines[0][1]
        raise InputError("a table needs a row of dashes under its headings (|---|---|)", where)
    spec = _cells(lines[1][0])
    aligns = ["right" if s.endswith(":") else "left" for s in spec]
    widths = [max(1, s.count("-")) for s in spec]

    def row(line: str, loc: Location) -> list[Cell]:
        texts = _cells(line)
        if len(texts) != len(spec):
            raise InputError(
                f"this row has {_cells_text(len(texts))}; the table has {len(spec)} columns",
                loc,
            )
        return [
            Cell(inlines=parse_inlines(t, loc, scope), align=a)
            for t, a in zip(texts, aligns, strict=True)
        ]

    header = row(*lines[0])
    return Table(
        caption=title,
        label=label,
        header=header,
        rows=[Row(row(line, loc)) for line, loc in lines[2:]],
        widths=widths,
        location=lines[0][1],
    )
