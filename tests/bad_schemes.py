"""A corpus of bad scheme files, each a small mutation of the Fairhaven example or the
starter, and a run of it through `build`, `vary`, `report` and `validate`.

    python -m tests.bad_schemes [--jobs N] [--timeout S] [--keep DIR]

prints, for every command, how many runs ended in clean errors (exit 1 or 2, one
`FILE[:LINE]: ...` line per error, no traceback, nothing written), internal errors, hangs
(over the timeout), wrongly accepted inputs (exit 0) and the peak memory of one run. The
tests (tests/test_bad_schemes.py) run the same corpus in-process.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAIRHAVEN = ROOT / "examples" / "fairhaven" / "scheme.yaml"
MEETING = ROOT / "examples" / "fairhaven" / "meeting.yaml"
STARTER = ROOT / "s75docs" / "data" / "starter.yaml"
COMMANDS = ("validate", "build", "vary", "report")

Mutation = Callable[[str], str | bytes]


def sub(old: str, new: str, count: int = 1) -> Mutation:
    """Replace the first `count` occurrences of OLD (which must be there)."""

    def mutate(text: str) -> str:
        if old not in text:
            raise AssertionError(f"mutation base changed: {old!r} not found")
        return text.replace(old, new, count)

    return mutate


def regex(pattern: str, new: str, count: int = 1) -> Mutation:
    def mutate(text: str) -> str:
        out, n = re.subn(pattern, lambda _: new, text, count=count, flags=re.MULTILINE)
        if not n:
            raise AssertionError(f"mutation base changed: {pattern!r} not found")
        return out

    return mutate


def append(extra: str) -> Mutation:
    return lambda text: text.rstrip("\n") + "\n" + extra


def encoded(encoding: str) -> Mutation:
    return lambda text: text.encode(encoding)


def raw_bytes(old: str, new: bytes) -> Mutation:
    return lambda text: text.encode("utf-8").replace(old.encode("utf-8"), new, 1)


def _laughs() -> str:
    rows = ['lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rows += [f"lol{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return "\n".join(rows) + "\n"


def _drop_block(key: str) -> Mutation:
    """Delete the first `key:` line at any indent and the lines indented under it."""

    def mutate(text: str) -> str:
        lines = text.splitlines(keepends=True)
        for i, line in enumerate(lines):
            stripped = line.lstrip(" ")
            if stripped.startswith(f"{key}:"):
                indent = len(line) - len(stripped)
                end = i + 1
                while end < len(lines) and (
                    not lines[end].strip()
                    or len(lines[end]) - len(lines[end].lstrip(" ")) > indent
                    or (
                        lines[end].lstrip(" ").startswith("- ")
                        and len(lines[end]) - len(lines[end].lstrip(" ")) == indent
                    )
                ):
                    end += 1
                return "".join(lines[:i] + lines[end:])
        raise AssertionError(f"mutation base changed: {key!r} not found")

    return mutate


# name -> (base, mutation); every one is a mistake a user could make or a hostile file
VARIANTS: dict[str, tuple[Path, Mutation]] = {
    # YAML itself
    "tab-indent": (FAIRHAVEN, sub("  area:", "\tarea:")),
    "unclosed-quote": (FAIRHAVEN, sub('2026/27: "80,099,061.37"', '2026/27: "80,099,061.37')),
    "unclosed-bracket": (FAIRHAVEN, sub("[pooled_fund, lead_commissioning]", "[pooled_fund,")),
    "bad-indent": (FAIRHAVEN, sub("  commencement:", "   commencement:")),
    "duplicate-key": (
        FAIRHAVEN,
        sub("  commencement: 2026-04-01", "  commencement: 2026-04-01\n  commencement: 2026-05-01"),
    ),
    "undefined-alias": (FAIRHAVEN, sub("  area: ", "  area: *nowhere #")),
    "recursive-alias": (FAIRHAVEN, append("loop: &loop [*loop]\n")),
    "billion-laughs": (FAIRHAVEN, append(_laughs())),
    "many-aliases": (FAIRHAVEN, append("x: &x 1\ny: [" + ", ".join(["*x"] * 2000) + "]\n")),
    "deep-nesting": (FAIRHAVEN, append("deep: " + "[" * 5000 + "]" * 5000 + "\n")),
    "deep-mapping": (FAIRHAVEN, append("deep: " + "{a: " * 300 + "1" + "}" * 300 + "\n")),
    "empty-file": (FAIRHAVEN, lambda text: ""),
    "only-comments": (FAIRHAVEN, lambda text: "# nothing here\n"),
    "a-list": (FAIRHAVEN, lambda text: "- agreement\n- partners\n"),
    "a-scalar": (FAIRHAVEN, lambda text: "just text\n"),
    "two-documents": (FAIRHAVEN, append("---\nagreement: {}\n")),
    "utf16": (FAIRHAVEN, encoded("utf-16")),
    "latin1": (
        FAIRHAVEN,
        raw_bytes("Fairhaven Borough Council", "Fairhaven B\xf6rough".encode("latin-1")),
    ),
    "nul-byte": (FAIRHAVEN, raw_bytes("  area: ", b"  area: x\x00")),
    "raw-bell": (FAIRHAVEN, raw_bytes("  area: ", b"  area: x\x07")),
    "escaped-bell": (FAIRHAVEN, regex(r"^  area: .*$", '  area: "Fair\\ahaven"')),
    "escaped-nul-in-name": (
        FAIRHAVEN,
        sub("legal_name: Fairhaven Borough Council", 'legal_name: "Fairhaven\\0 Council"'),
    ),
    "escaped-vertical-tab": (FAIRHAVEN, sub("short_name: Council", 'short_name: "Coun\\vcil"')),
    "lone-surrogate": (FAIRHAVEN, regex(r"^  area: .*$", '  area: "Fair\\ud800haven"')),
    "escaped-fffe": (FAIRHAVEN, regex(r"^  area: .*$", '  area: "Fair\\ufffehaven"')),
    # fields
    "unknown-top-key": (FAIRHAVEN, append("agremeent: {}\n")),
    "typo-commencement": (FAIRHAVEN, sub("  commencement:", "  comencement:")),
    "missing-partners": (FAIRHAVEN, regex(r"^partners:", "partnerz:")),
    "empty-partners": (FAIRHAVEN, regex(r"^partners:\n", "partners: []\nold_partners:\n")),
    "empty-schemes": (FAIRHAVEN, regex(r"^schemes:\n", "schemes: []\nold_schemes:\n")),
    "agreement-null": (FAIRHAVEN, regex(r"^agreement:\n", "agreement: ~\nold_agreement:\n")),
    "agreement-list": (FAIRHAVEN, regex(r"^agreement:\n", "agreement: [1, 2]\nold_agreement:\n")),
    "impossible-date": (FAIRHAVEN, sub("  commencement: 2026-04-01", "  commencement: 2026-02-30")),
    "date-as-words": (FAIRHAVEN, sub("  commencement: 2026-04-01", "  commencement: next April")),
    "date-us-style": (FAIRHAVEN, sub("  commencement: 2026-04-01", "  commencement: 04/01/2026")),
    "term-ends-before-start": (
        FAIRHAVEN,
        sub("  initial_term_end: 2028-03-31", "  initial_term_end: 2025-03-31"),
    ),
    "area-boolean": (FAIRHAVEN, regex(r"^  area: .*$", "  area: no")),
    "title-empty": (FAIRHAVEN, regex(r"^  title: .*$", '  title: ""')),
    "amount-negative": (FAIRHAVEN, sub('amount: "24,318,612.00"', 'amount: "-24,318,612.00"')),
    "amount-three-decimals": (FAIRHAVEN, sub('amount: "24,318,612.00"', "amount: 24318612.005")),
    "amount-octal": (FAIRHAVEN, sub('amount: "24,318,612.00"', "amount: 0777")),
    "amount-words": (FAIRHAVEN, sub('amount: "24,318,612.00"', "amount: lots")),
    "amount-5000-digits": (FAIRHAVEN, sub('amount: "24,318,612.00"', "amount: " + "9" * 5000)),
    "amount-nan": (FAIRHAVEN, sub('amount: "24,318,612.00"', "amount: .nan")),
    "amount-inf": (FAIRHAVEN, sub('amount: "24,318,612.00"', "amount: .inf")),
    "amount-exponent": (FAIRHAVEN, sub('amount: "24,318,612.00"', "amount: 1e400")),
    "amount-base60": (FAIRHAVEN, sub('amount: "24,318,612.00"', "amount: 1:30")),
    "year-bad": (FAIRHAVEN, sub("year: 2026/27", "year: 2026/28")),
    "year-words": (FAIRHAVEN, sub("year: 2026/27", "year: next year")),
    "stated-total-wrong": (FAIRHAVEN, sub('2026/27: "80,099,061.37"', '2026/27: "80,099,061.38"')),
    # references between fields
    "partner-key-upper": (FAIRHAVEN, sub("  - key: council", "  - key: Council")),
    "partner-key-twice": (FAIRHAVEN, sub("  - key: icb", "  - key: council")),
    "partner-kind-unknown": (FAIRHAVEN, sub("    kind: icb", "    kind: health_authority")),
    "partner-kind-ended": (FAIRHAVEN, sub("    kind: icb", "    kind: ccg")),
    "only-councils": (FAIRHAVEN, sub("    kind: icb", "    kind: unitary_council")),
    "host-not-partner": (FAIRHAVEN, sub("    host: council", "    host: counsil")),
    "lead-not-partner": (
        FAIRHAVEN,
        sub("    lead_commissioner: council", "    lead_commissioner: icbb"),
    ),
    "contributor-not-partner": (FAIRHAVEN, sub("      - partner: icb", "      - partner: nhs")),
    "scheme-id-twice": (FAIRHAVEN, sub("  - id: community-equipment", "  - id: bcf")),
    "flexibility-unknown": (
        FAIRHAVEN,
        sub("[pooled_fund, lead_commissioning]", "[pooled_fund, magic]"),
    ),
    "joint-post-funding-90": (
        FAIRHAVEN,
        sub("        council: 40\n        icb: 60", "        council: 40\n        icb: 50"),
    ),
    "joint-post-employer": (FAIRHAVEN, sub("      employer: icb", "      employer: trust")),
    "risk-rule-unknown": (FAIRHAVEN, sub("      rule: proportionate", "      rule: coin_toss")),
    "risk-split-without-fixed": (
        FAIRHAVEN,
        sub(
            "      rule: proportionate",
            "      rule: proportionate\n      split: {council: 50, icb: 50}",
        ),
    ),
    "no-aims": (FAIRHAVEN, _drop_block("aims")),
    "template-in-name": (
        FAIRHAVEN,
        regex(r"^    name: Fairhaven Better Care Fund$", "    name: Fairhaven {{ 7*7 }} Fund"),
    ),
    # the starter
    "starter-octal": (STARTER, regex(r"^  commencement: .*$", "  commencement: 0777")),
    "starter-no-title": (STARTER, regex(r"^  title: .*$", "")),
    "starter-laughs": (STARTER, append(_laughs())),
    "starter-bell": (STARTER, regex(r"^  area: .*$", '  area: "Example\\x07shire"')),
    "starter-tab": (STARTER, regex(r"^  area: ", "\tarea: ")),
}


def write_variants(folder: Path) -> dict[str, Path]:
    """Every variant as a file in FOLDER (beside the example's other files, so that
    relative paths in it still resolve)."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for name, (base, mutate) in VARIANTS.items():
        content = mutate(base.read_text(encoding="utf-8"))
        path = folder / f"{name}.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        out[name] = path
    return out


def arguments(command: str, scheme: Path, outdir: Path) -> list[str]:
    """The command line that runs SCHEME through COMMAND, writing (if at all) into OUTDIR."""
    if command == "validate":
        return ["validate", str(scheme)]
    if command == "build":
        return ["build", str(scheme), "-o", f"{outdir}/"]
    if command == "vary":
        return ["vary", str(FAIRHAVEN), str(scheme), "-o", f"{outdir}/"]
    return [
        "report",
        str(scheme),
        "--meeting",
        str(MEETING),
        "--kind",
        "cabinet",
        "-o",
        f"{outdir}/",
    ]


_LINE = re.compile(r"^\S[^\n]*?(:\d+)?: \S")  # FILE[:LINE]: ... (a location, then a message)
_COUNT = re.compile(r"^\d+ errors$")


def verdict(code: int, stderr: str, written: list[str]) -> str:
    """clean, internal or accepted: what a user would call the run."""
    if code == 0:
        return "accepted"
    if code not in (1, 2) or "Traceback" in stderr or "internal error" in stderr or written:
        return "internal"
    lines = [line for line in stderr.splitlines() if line and not _COUNT.match(line)]
    if not lines or not all(_LINE.match(line) for line in lines):
        return "internal"
    return "clean"


@dataclass
class Run:
    variant: str
    command: str
    verdict: str
    code: int | None
    seconds: float
    first_line: str


def run_one(variant: str, command: str, scheme: Path, timeout: float) -> Run:
    """One command in a fresh process, in a fresh folder, its time and peak memory measured."""
    with tempfile.TemporaryDirectory(prefix="s75bad-") as tmp:
        outdir = Path(tmp) / "out"
        argv = [sys.executable, "-m", "s75docs.cli", *arguments(command, scheme, outdir)]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("S75DOCS_DEBUG", None)
        start = time.monotonic()
        proc = subprocess.Popen(
            argv, cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return Run(variant, command, "hang", None, timeout, "")
        seconds = time.monotonic() - start
        written = [str(p) for p in Path(tmp).rglob("*") if p.is_file()]
        stderr = err.decode("utf-8", "replace")
        first = stderr.splitlines()[0] if stderr.strip() else ""
        return Run(
            variant,
            command,
            verdict(proc.returncode, stderr, written),
            proc.returncode,
            seconds,
            first,
        )


def peak_mb() -> float:
    """The peak resident memory of the largest child process run so far."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument(
        "--keep", type=Path, help="write the variants here (default: a temp folder)"
    )
    parser.add_argument("--commands", default=",".join(COMMANDS))
    args = parser.parse_args(argv)
    commands = [c for c in args.commands.split(",") if c]
    with tempfile.TemporaryDirectory(prefix="s75corpus-") as tmp:
        folder = args.keep or Path(tmp)
        files = write_variants(folder)
        jobs = [(v, c, p) for v, p in files.items() for c in commands]
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            runs = list(pool.map(lambda j: run_one(j[0], j[1], j[2], args.timeout), jobs))
    print(f"{len(files)} bad scheme files x {len(commands)} commands = {len(runs)} runs")
    for command in commands:
        mine = [r for r in runs if r.command == command]
        counts = Counter(r.verdict for r in mine)
        slowest = max(mine, key=lambda r: r.seconds)
        print(
            f"{command:9} clean {counts['clean']:3}  internal {counts['internal']:2}  hang"
            f" {counts['hang']:2}  accepted {counts['accepted']:2}  slowest {slowest.seconds:.1f} s"
            f" ({slowest.variant})"
        )
    total = Counter(r.verdict for r in runs)
    print(
        f"total     clean {total['clean']:3}  internal {total['internal']:2}  hang"
        f" {total['hang']:2}  accepted {total['accepted']:2}  peak memory of any run"
        f" {peak_mb():.0f} MB"
    )
    for r in runs:
        if r.verdict != "clean":
            print(f"  {r.verdict}: {r.command} {r.variant}: exit {r.code}: {r.first_line[:160]}")
    return 0 if total["clean"] == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())
