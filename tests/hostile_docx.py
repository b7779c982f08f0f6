"""A corpus of crafted hostile Word files, one or more for every defect of the review
hostile-docx.md (1-22, in the shared reviews), and a run of `s75docs check` over it.

    python -m tests.hostile_docx [--jobs N] [--timeout S] [--keep DIR] [--large] [CASE ...]

builds the files (small: a few KB each; --large uses the sizes of the review, which take
minutes and gigabytes before the performance fixes), runs `s75docs check FILE --format json`
and `s75docs check FILE --format docx -o OUT` on each in a fresh process with a timeout and a
memory limit, and prints a table: exit status, time and peak memory of each run, and a verdict:

- clean: exit 0, 1 or 2, stderr one line per error, no traceback and no "internal error";
- internal: a traceback, "internal error", another exit status or a memory error;
- hang: over the timeout;
- bad: clean, but the annotated output is unsafe or broken (a part name outside the package,
  a file python-docx cannot open, the canary file's text in any output, a file written
  beside it) or the case's own expectation failed (e.g. a Strict file read as "empty").

The cases are in tests/hostile_cases.py (built with tests/hostile_parts.py); the tests
(tests/test_hostile_docx.py) run the same corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.hostile_cases import CASES, Case, Env
from tests.hostile_parts import write_zip

__all__ = ["CASES", "Outcome", "build_corpus", "run_corpus"]

CANARY_TEXT = "CANARY-5f1d0c-SECRET"
MEMORY_LIMIT_MB = 3000


# ------------------------------------------------------------------ running
@dataclass
class Run:
    code: int | None  # None: killed at the timeout
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    output_exists: bool = False
    problems: list[str] = field(default_factory=list)  # unsafe or broken output

    @property
    def first_line(self) -> str:
        return self.stderr.strip().splitlines()[0] if self.stderr.strip() else ""


@dataclass
class Outcome:
    case: Case
    path: Path
    json: Run
    docx: Run
    expectations: list[str] = field(default_factory=list)

    def findings(self) -> list[dict[str, Any]]:
        try:
            data = json.loads(self.json.stdout)
        except ValueError:
            return []
        found: list[dict[str, Any]] = data.get("findings", []) if isinstance(data, dict) else []
        return found

    def read_count(self, text: str) -> int:
        """How many paragraphs the reader gives with `text` (read in this process)."""
        from s75docs.check.read_docx import read_docx

        return sum(raw.text.count(text) for raw in read_docx(self.path))

    @property
    def verdict(self) -> str:
        runs = (self.json, self.docx)
        if any(r.code is None for r in runs):
            return "hang"
        if any(_internal(r) for r in runs):
            return "internal"
        if self.docx.problems or self.json.problems or self.expectations:
            return "bad"
        return "clean"


_MESSAGE = re.compile(r"^\S[^\n]*?: \S")


def _internal(run: Run) -> bool:
    if run.code not in (0, 1, 2):
        return True
    if "Traceback" in run.stderr or "internal error" in run.stderr or "MemoryError" in run.stderr:
        return True
    if run.code == 2:  # one line per error, FILE: message
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        return not lines or not all(_MESSAGE.match(line) for line in lines)
    return False


_LAUNCH = (
    "import resource, runpy, sys\n"
    "limit = int(sys.argv.pop(1)) * 1024 * 1024\n"
    "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "sys.argv[0] = 's75docs'\n"
    "runpy.run_module('s75docs.cli', run_name='__main__', alter_sys=True)\n"
)


def run_check(args: list[str], cwd: Path, timeout: float) -> Run:
    """`s75docs ARGS` in a fresh process in `cwd`: exit status, time, peak memory, output.

    The peak is measured by /usr/bin/time when it is installed (a child forked from this
    process would otherwise count this process's own memory as its starting peak)."""
    argv = [sys.executable, "-c", _LAUNCH, str(MEMORY_LIMIT_MB), *args]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("S75DOCS_DEBUG", None)
    with tempfile.TemporaryDirectory(prefix="s75time-") as spare:
        peak_file = Path(spare) / "peak"
        if Path(_TIME).exists():
            argv = [_TIME, "-q", "-f", "%M", "-o", str(peak_file), *argv]
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.monotonic()
            proc = subprocess.Popen(
                argv, cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True
            )
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the group: time and the checker
                proc.wait()
                return Run(None, timeout, 0.0, "", "")
            seconds = time.monotonic() - start
            out.seek(0)
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
            peak = _peak(peak_file, stderr)
            return Run(
                proc.returncode, seconds, peak, out.read().decode("utf-8", "replace"), stderr
            )


_TIME = "/usr/bin/time"


def _peak(peak_file: Path, stderr: str) -> float:
    """The child's peak resident memory in MB, from /usr/bin/time, else this process's
    children's (an upper bound)."""
    try:
        return int(peak_file.read_text().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


_SAFE_NAME = re.compile(r"^(?![/\\])(?![A-Za-z]:)(?!.*(?:^|/)\.\.(?:/|$))[^\\\x00]+$")


def output_problems(source: Path, output: Path, run_dir: Path) -> list[str]:
    """What is wrong with an annotated output: unsafe names, the canary's text, a file
    python-docx cannot open (when it opens the source), a paragraph count that changed,
    anything written beside it."""
    import docx

    problems: list[str] = []
    stray = [str(f) for f in run_dir.rglob("*") if f.is_file() and f != output]
    if stray:
        problems.append(f"files written beside the output: {stray}")
    if not output.exists():
        return problems
    try:
        with zipfile.ZipFile(output) as z:
            names = z.namelist()
            unsafe = [n for n in names if not _SAFE_NAME.match(n)]
            if unsafe:
                problems.append(f"unsafe part names in the output: {unsafe}")
            if len(set(names)) != len(names):
                problems.append("duplicate part names in the output")
            for info in z.infolist():
                if CANARY_TEXT.encode() in z.read(info):
                    problems.append(f"the canary's text in {info.filename}")
    except zipfile.BadZipFile as exc:
        return [*problems, f"the output is not a zip: {exc}"]
    try:
        before: int | None = len(docx.Document(str(source)).paragraphs)
    except Exception:
        before = None
    try:
        after = len(docx.Document(str(output)).paragraphs)
    except Exception as exc:
        if before is not None:
            problems.append(f"python-docx cannot open the output: {type(exc).__name__}: {exc}")
        return problems
    if before is not None and after != before:
        problems.append(f"python-docx reads {after} paragraphs, the source has {before}")
    return problems


def build_corpus(
    folder: Path, names: list[str] | None = None, *, large: bool = False
) -> dict[str, Path]:
    """Write the cases (all, or `names`) into `folder`, with the canary file beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    canary = folder / "canary.txt"
    canary.write_text(CANARY_TEXT, encoding="utf-8")
    env = Env(canary, large)
    out: dict[str, Path] = {}
    for name in names or list(CASES):
        built = CASES[name].build(env)
        path = folder / f"{name}.docx"
        if isinstance(built, bytes):
            path.write_bytes(built)
        else:
            write_zip(path, built)
        out[name] = path
    return out


def run_case(name: str, path: Path, timeout: float, keep: Path | None = None) -> Outcome:
    """Both runs of one case; with `keep`, the annotated output is kept there as
    NAME.annotated.docx."""
    with tempfile.TemporaryDirectory(prefix="s75hostile-") as tmp:
        json_dir, docx_dir = Path(tmp) / "json", Path(tmp) / "docx"
        json_dir.mkdir()
        docx_dir.mkdir()
        as_json = run_check(["check", str(path), "--format", "json"], json_dir, timeout)
        output = docx_dir / "annotated.docx"
        as_docx = run_check(
            ["check", str(path), "--format", "docx", "-o", str(output)], docx_dir, timeout
        )
        as_docx.output_exists = output.exists()
        as_docx.problems = output_problems(path, output, docx_dir)
        if keep is not None and output.exists():
            shutil.copyfile(output, keep / f"{name}.annotated.docx")
        for run in (as_json, as_docx):
            if CANARY_TEXT in run.stdout or CANARY_TEXT in run.stderr:
                run.problems.append("the canary's text in the report")
        if any(0xD800 <= ord(c) <= 0xDFFF for c in as_json.stdout):
            as_json.problems.append("a lone surrogate in the report")
        outcome = Outcome(CASES[name], path, as_json, as_docx)
        if outcome.verdict in ("clean", "bad"):
            for expectation in outcome.case.expect:
                problem = expectation(outcome)
                if problem:
                    outcome.expectations.append(problem)
        return outcome


def run_corpus(
    files: dict[str, Path], jobs: int, timeout: float, keep: Path | None = None
) -> list[Outcome]:
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda item: run_case(item[0], item[1], timeout, keep), files.items()))


def table(outcomes: list[Outcome]) -> str:
    rows = [
        f"{'case':32} {'defect':>6}  {'json':>4} {'s':>5} {'MB':>5}  {'docx':>4} {'s':>5}"
        f" {'MB':>5}  verdict"
    ]
    for o in outcomes:
        cells = []
        for r in (o.json, o.docx):
            code = "hang" if r.code is None else str(r.code)
            cells.append(f"{code:>4} {r.seconds:5.1f} {r.peak_mb:5.0f}")
        defect = str(o.case.defect or "")
        rows.append(f"{o.case.name:32} {defect:>6}  {cells[0]}  {cells[1]}  {o.verdict}")
    counts = Counter(o.verdict for o in outcomes)
    peak = max((r.peak_mb for o in outcomes for r in (o.json, o.docx)), default=0.0)
    slowest = max(outcomes, key=lambda o: max(o.json.seconds, o.docx.seconds))
    rows.append(
        f"{len(outcomes)} files, {2 * len(outcomes)} runs: clean {counts['clean']}, internal"
        f" errors {counts['internal']}, hangs {counts['hang']}, bad output or expectation"
        f" {counts['bad']}; peak memory of one run {peak:.0f} MB; slowest"
        f" {max(slowest.json.seconds, slowest.docx.seconds):.1f} s ({slowest.case.name})"
    )
    for o in outcomes:
        if o.verdict != "clean":
            details = [*o.json.problems, *o.docx.problems, *o.expectations]
            first = o.json.first_line if _internal(o.json) else o.docx.first_line
            rows.append(f"  {o.verdict}: {o.case.name}: {first[:150]} {details}"[:400])
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="run only these cases (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--keep", type=Path, help="write the files here (default: a temp folder)")
    parser.add_argument("--large", action="store_true", help="the review's sizes (slow, GBs)")
    args = parser.parse_args(argv)
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        parser.error(f"unknown cases {unknown}; known: {', '.join(CASES)}")
    with tempfile.TemporaryDirectory(prefix="s75hostile-corpus-") as tmp:
        files = build_corpus(args.keep or Path(tmp), args.cases or None, large=args.large)
        outcomes = run_corpus(files, args.jobs, args.timeout)
    print(table(outcomes))
    return 0 if all(o.verdict == "clean" for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
