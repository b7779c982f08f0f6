"""Drive LibreOffice through UNO (run by the system python3 that has `uno`, not the venv).

    python3 lo_uno.py IN.docx [--pdf OUT.pdf] [--report OUT.json]

Opens the document hidden; records its text as cached (what a reader sees), then
refreshes every field and rebuilds every index (the TOC, with LibreOffice's own page
numbers) and records the text again; optionally exports PDF after the refresh.
Standalone on purpose: it imports nothing from s75docs.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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


def _texts(doc: Any) -> dict[str, Any]:
    text = doc.getText().getString()
    indexes = doc.getDocumentIndexes()
    toc = [indexes.getByIndex(i).getAnchor().getString() for i in range(indexes.getCount())]
    return {"text": text, "toc": toc}


@contextlib.contextmanager
def office(prefix: str = "s75lo", soffice: str = "soffice") -> Iterator[Any]:
    """A private LibreOffice (own profile, own process group) and its component context.

    Other UNO scripts (the tests' readers) import this module by path and use this too.
    """
    with tempfile.TemporaryDirectory(prefix=f"{prefix}-") as profile:
        pipe = f"{prefix}{os.getpid()}"
        proc = subprocess.Popen(
            [
                soffice,
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                f"-env:UserInstallation=file://{profile}",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # soffice starts soffice.bin: kill them as a group
        )
        try:
            ctx = _connect(pipe, proc)
            yield ctx
            with contextlib.suppress(Exception):
                desktop(ctx).terminate()
        finally:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def desktop(ctx: Any) -> Any:
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def load_hidden(ctx: Any, path: str) -> Any:
    """Open a document without a window (LibreOffice 7.4 can crash creating one)."""
    import uno

    url = uno.systemPathToFileUrl(os.path.abspath(path))
    return desktop(ctx).loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))


def main(argv: list[str]) -> int:
    src = os.path.abspath(argv[0])
    pdf = report = None
    if "--pdf" in argv:
        pdf = os.path.abspath(argv[argv.index("--pdf") + 1])
    if "--report" in argv:
        report = os.path.abspath(argv[argv.index("--report") + 1])
    import uno

    with office() as ctx:
        doc = load_hidden(ctx, src)
        result: dict[str, Any] = {"cached": _texts(doc)}
        doc.getTextFields().refresh()
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()
        result["refreshed"] = _texts(doc)
        bookmarks = doc.getBookmarks()
        result["bookmarks"] = list(bookmarks.getElementNames())
        if pdf:
            doc.storeToURL(
                uno.systemPathToFileUrl(pdf), (_prop("FilterName", "writer_pdf_Export"),)
            )
        doc.close(True)
    if report:
        with open(report, "w", encoding="utf-8") as handle:
            json.dump(result, handle)
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
