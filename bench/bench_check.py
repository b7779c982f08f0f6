"""Benchmark: `s75docs check` of the Fairhaven agreement (about 1,500 body paragraphs) against
python-docx loading the same .docx and iterating its paragraphs, in the same run.

Two measures, each best of N with the sides taking turns:
- whole process (the target of issue 13: at most 2x): CPU time (user + system, from
  RUSAGE_CHILDREN) of `s75docs check FILE --format json` in a new process, against a new
  process `python -c` that imports docx, loads the .docx and reads every paragraph's text.
  Checked twice: the .docx, and the same agreement as text (python-docx's paragraph text of
  the Word file with typed numbers, as a user pastes or extracts it). The text check is
  compared with the same python-docx baseline on the .docx: reading a text file in Python
  costs almost nothing, so a ratio to it would measure only interpreter start-up; the
  baseline is what loading the agreement with the usual library costs.
- in process: check_document() against docx.Document() + paragraphs, after a warm-up.

Every process runs from compiled bytecode kept in a temporary PYTHONPYCACHEPREFIX, as an
installed package does. Prints ratios; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from s75docs.check.run import check_document  # noqa: E402
from tests.check.shapes import python_docx_text, typed_numbers  # noqa: E402

EXAMPLE = ROOT / "examples" / "fairhaven" / "scheme.yaml"
BASELINE = """\
import sys
import docx
print(sum(len(p.text) for p in docx.Document(sys.argv[1]).paragraphs))
"""


def cpu_seconds(command: list[str], env: dict[str, str]) -> float:
    """CPU time of one run of COMMAND in a new process (exit 0 or 1: findings are fine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command} exited {done.returncode}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_of(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (best of)")
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("s75docs")
    s75docs = [str(exe)] if exe.is_file() else [sys.executable, "-m", "s75docs"]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPYCACHEPREFIX=str(tmp / "pycache"), S75DOCS_CACHE=str(tmp / "cache"))
        agreement = tmp / "agreement.docx"
        subprocess.run(
            [*s75docs, "build", str(EXAMPLE), "-o", str(agreement)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        typed = tmp / "typed.docx"
        typed_numbers(agreement, typed)
        text = tmp / "agreement.txt"
        python_docx_text(typed, text)
        paragraphs = len(docx.Document(str(agreement)).paragraphs)
        commands = {
            "python-docx load + paragraphs (.docx)": [
                sys.executable,
                "-c",
                BASELINE,
                str(agreement),
            ],
            "s75docs check --format json (.docx)": [
                *s75docs,
                "check",
                str(agreement),
                "--format",
                "json",
            ],
            "s75docs check --format json (.txt)": [
                *s75docs,
                "check",
                str(text),
                "--format",
                "json",
            ],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        for command in commands.values():
            cpu_seconds(command, env)  # warm-up: bytecode for every side
        best = dict.fromkeys(commands, float("inf"))
        for _ in range(args.runs):
            for name, command in commands.items():
                best[name] = min(best[name], cpu_seconds(command, env))

        def baseline() -> int:
            return sum(len(p.text) for p in docx.Document(str(agreement)).paragraphs)

        as_of = dt.date(2026, 4, 1)
        in_process: dict[str, Callable[[], object]] = {
            "python-docx load + paragraphs": baseline,
            "check_document (.docx)": lambda: check_document(agreement, as_of),
            "check_document (.txt)": lambda: check_document(text, as_of),
        }
        for fn in in_process.values():
            fn()  # warm-up
        inside = {name: best_of(fn, args.runs) for name, fn in in_process.items()}
        sizes = (agreement.stat().st_size // 1024, text.stat().st_size // 1024)

    print(f"agreement: {paragraphs} body paragraphs ({sizes[0]} KiB .docx, {sizes[1]} KiB .txt)")
    base = best["python-docx load + paragraphs (.docx)"]
    print(f"whole process, CPU time, best of {args.runs}:")
    for name, seconds in best.items():
        print(f"  {name:42s} {seconds * 1000:6.0f} ms  {seconds / base:5.2f} x baseline")
    base = inside["python-docx load + paragraphs"]
    print(f"in process, CPU time, best of {args.runs}:")
    for name, seconds in inside.items():
        print(f"  {name:42s} {seconds * 1000:6.0f} ms  {seconds / base:5.2f} x baseline")
    print("target: whole-process check <= 2.0 x baseline, .docx and .txt")


if __name__ == "__main__":
    main()
