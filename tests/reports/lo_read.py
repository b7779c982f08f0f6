"""Read Word reports through LibreOffice (run by the system python3 that has `uno`).

    python3 lo_read.py OUT.json IN.docx [IN.docx ...]

For each document, in body order: paragraphs (text and paragraph style) and tables (rows of
cell text); the text of every page header; and the graphic objects with the text they are
anchored in. One LibreOffice process serves every file. Standalone: imports nothing from
s75docs (the system python does not have the project's dependencies).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any


def _prop(name: str, value: Any) -> Any:
    import uno  # type: ignore[import-not-found]

    p = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    p.Name = name
    p.Value = value
    return p


def _connect(pipe: str, proc: subprocess.Popen[bytes]) -> Any:
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.time() + 60
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                raise
            time.sleep(0.25)


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
    import uno

    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="s75read-") as profile:
        pipe = f"s75read{os.getpid()}"
        proc = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                f"-env:UserInstallation=file://{profile}",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            ctx = _connect(pipe, proc)
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            )
            for path in paths:
                url = uno.systemPathToFileUrl(path)
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
                result[path] = _read(doc)
                doc.close(True)
            with contextlib.suppress(Exception):
                desktop.terminate()
        finally:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
