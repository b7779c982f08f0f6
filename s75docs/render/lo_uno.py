"""Drive LibreOffice through UNO (run by the system python3 that has `uno`, not the venv).

    python3 lo_uno.py IN.docx [--pdf OUT.pdf] [--report OUT.json] [--text OUT.txt]
    python3 lo_uno.py --jobs JOBS.json

Opens the document hidden; optionally saves it as plain text first (the cached field
results, what a reader sees before any update, as `soffice --convert-to txt:Text` does);
records its text as cached, then refreshes every field and rebuilds every index (the TOC,
with LibreOffice's own page numbers) and records the text again; optionally exports PDF
after the refresh. `--jobs` does the same for a list of documents (each a mapping of src,
pdf, report and text) in one LibreOffice, which starts once instead of once a document.
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


def convert(ctx: Any, job: dict[str, str]) -> None:
    """One document: its text as cached, its fields refreshed, its PDF (as the job asks)."""
    import uno

    doc = load_hidden(ctx, os.path.abspath(job["src"]))
    try:
        if job.get("text"):
            url = uno.systemPathToFileUrl(os.path.abspath(job["text"]))
            text = (_prop("FilterName", "Text (encoded)"), _prop("FilterOptions", "UTF8"))
            doc.storeToURL(url, text)
        result: dict[str, Any] = {"cached": _texts(doc)}
        doc.getTextFields().refresh()
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()
        result["refreshed"] = _texts(doc)
        result["bookmarks"] = list(doc.getBookmarks().getElementNames())
        if job.get("pdf"):
            url = uno.systemPathToFileUrl(os.path.abspath(job["pdf"]))
            doc.storeToURL(url, (_prop("FilterName", "writer_pdf_Export"),))
    finally:
        doc.close(True)
    if job.get("report"):
        with open(job["report"], "w", encoding="utf-8") as handle:
            json.dump(result, handle)


def _option(argv: list[str], name: str) -> str:
    return os.path.abspath(argv[argv.index(name) + 1]) if name in argv else ""


def main(argv: list[str]) -> int:
    if argv[0] == "--jobs":
        with open(argv[1], encoding="utf-8") as handle:
            jobs: list[dict[str, str]] = json.load(handle)
    else:
        jobs = [
            {
                "src": argv[0],
                "pdf": _option(argv, "--pdf"),
                "report": _option(argv, "--report"),
                "text": _option(argv, "--text"),
            }
        ]
    with office() as ctx:
        for job in jobs:
            convert(ctx, job)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
