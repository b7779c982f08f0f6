"""Benchmark: building the example agreement against python-docx writing the same paragraphs.

Prints the in-process build time (after warm-up) as a ratio to a python-docx baseline
measured in the same run, the cold `s75docs build` wall time and the peak memory.
Not a test: it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import docx

from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree, render_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "fairhaven" / "scheme.yaml"


def best_of(fn: Callable[[], object], runs: int) -> float:
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def our_build(scheme: Path) -> bytes:
    data = load_scheme(scheme)
    return render_bytes(build_tree(data, load_library([])), "docx")


def paragraph_texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return texts


def baseline(texts: list[str]) -> bytes:
    """python-docx writing the same paragraphs (plain text, one style) and saving."""
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text, style="Normal")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cold_build(scheme: Path, runs: int) -> tuple[float, int]:
    """Median wall time of the installed command, and its peak resident memory (KiB)."""
    times: list[float] = []
    peak = 0
    exe = Path(sys.executable).with_name("s75docs")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            out = Path(tmp) / f"a{i}.docx"
            command = ["/usr/bin/time", "-f", "%M", str(exe), "build", str(scheme), "-o", str(out)]
            if not Path("/usr/bin/time").exists():
                command = command[3:]
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            times.append(time.perf_counter() - start)
            last = done.stderr.strip().splitlines()[-1:] if done.stderr else []
            if last and last[0].isdigit():
                peak = max(peak, int(last[0]))
    return statistics.median(times), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scheme", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scheme: Path = args.scheme

    data = our_build(scheme)  # warm-up: imports, template compilation, caches
    texts = paragraph_texts(data)
    baseline(texts)  # warm-up

    ours = best_of(lambda: our_build(scheme), args.runs)
    base = best_of(lambda: baseline(texts), args.runs)

    tracemalloc.start()
    our_build(scheme)
    _, peak_py = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    cold, peak_rss = cold_build(scheme, 3)
    print(f"example: {scheme.relative_to(ROOT) if scheme.is_relative_to(ROOT) else scheme}")
    print(f"paragraphs (incl. table cells): {len(texts)}")
    print(f"s75docs build, in process (best of {args.runs}): {ours * 1000:.1f} ms")
    print(f"python-docx baseline, same paragraphs:          {base * 1000:.1f} ms")
    print(f"ratio (s75docs / python-docx): {ours / base:.2f}  (target <= 1.0)")
    print(f"cold 's75docs build' wall time (median of 3): {cold * 1000:.0f} ms  (target < 1 s)")
    print(f"peak Python heap during one build: {peak_py / 1024 / 1024:.1f} MiB")
    if peak_rss:
        print(f"peak resident memory of the cold command: {peak_rss / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
