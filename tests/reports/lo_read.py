"""Read Word reports through LibreOffice (run by the system python3 that has `uno`).

    python3 lo_read.py OUT.json IN.docx [IN.docx ...]

For each document, in body order: paragraphs (text and paragraph style) and tables (rows of
cell text); the text of every page header; and the graphic objects with the text they are
anchored in. One LibreOffice process serves every file. It imports only s75docs.render.lo_uno,
which needs nothing from the project's dependencies, as the system python has none of them.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

# the repository root: s75docs/__init__.py and render/__init__.py import nothing
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from s75docs.render import lo_uno


def _table(table: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    for r in range(table.getRows().getCount()):
        row: list[str] = []
        c = 0
        while True:
            name = _cell_name(c, r)
            cell = table.getCellByName(name)
            if cell is None:
                break
            row.append(cell.getString())
            c += 1
        rows.append(row)
    return rows


def _cell_name(col: int, row: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{row + 1}"


def _read(doc: Any) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    enum = doc.getText().createEnumeration()
    while enum.hasMoreElements():
        part = enum.nextElement()
        if part.supportsService("com.sun.star.text.TextTable"):
            blocks.append({"table": _table(part), "name": part.getName()})
        elif part.supportsService("com.sun.star.text.Paragraph"):
            blocks.append({"text": part.getString(), "style": part.ParaStyleName})
    headers: list[str] = []
    styles = doc.getStyleFamilies().getByName("PageStyles")
    for i in range(styles.getCount()):
        style = styles.getByIndex(i)
        if style.HeaderIsOn:
            headers.append(style.HeaderText.getString())
    graphics: list[dict[str, str]] = []
    objects = doc.getGraphicObjects()
    for i in range(objects.getCount()):
        obj = objects.getByIndex(i)
        anchor = obj.getAnchor()
        graphics.append({"name": obj.getName(), "anchor": anchor.getText().getString()})
    return {"blocks": blocks, "headers": headers, "graphics": graphics}


def main(argv: list[str]) -> int:
    out = os.path.abspath(argv[0])
    paths = [os.path.abspath(p) for p in argv[1:]]
    result: dict[str, Any] = {}
    with lo_uno.office("s75read") as ctx:
        for path in paths:
            doc = lo_uno.load_hidden(ctx, path)
            result[path] = _read(doc)
            doc.close(True)
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
