"""Benchmark: s75docs check on a ~1,200-paragraph agreement against python-docx loading the
same file and iterating its paragraphs, in the same run. Prints the ratio (target <= 3)."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx

from s75docs.check.run import check_document
from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree, render_bytes

ROOT = Path(__file__).resolve().parent.parent


def best_of(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    scheme = ROOT / "examples" / "fairhaven" / "scheme.yaml"
    data = render_bytes(build_tree(load_scheme(scheme), load_library([])), "docx")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agreement.docx"
        path.write_bytes(data)
        paragraphs = len(docx.Document(str(path)).paragraphs)

        def baseline() -> int:
            return sum(len(p.text) for p in docx.Document(str(path)).paragraphs)

        def ours() -> int:
            return len(check_document(path, dt.date(2026, 4, 1)).findings)

        baseline()
        ours()  # warm-up
        base = best_of(baseline)
        mine = best_of(ours)
    print(f"agreement: {paragraphs} paragraphs ({len(data) // 1024} KiB .docx)")
    print(f"s75docs check (best of 5):                  {mine * 1000:.1f} ms")
    print(f"python-docx load + iterate paragraphs:      {base * 1000:.1f} ms")
    print(f"ratio (check / python-docx): {mine / base:.2f}  (target <= 3)")


if __name__ == "__main__":
    main()
