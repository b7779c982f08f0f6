"""Benchmark: cold start, whole process, as CPU time against a python-docx baseline run.

Each run is a fresh process; its CPU time (user + system) comes from the change in
RUSAGE_CHILDREN around it, best of N, with the commands taking turns so that load from
elsewhere falls on every side alike. Measured: `s75docs --help`; a cold `s75docs build` of
the Fairhaven agreement (with the compiled-template cache warm, as on a user's second run,
and with it off); and the baseline, `python -c` importing python-docx, adding as many
paragraphs as the agreement has (with their text) and saving. Every process runs from
compiled bytecode kept in a temporary PYTHONPYCACHEPREFIX, as an installed package does, and
nothing is written into the source tree. Prints ratios; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "fairhaven" / "scheme.yaml"
BASELINE = """\
import sys
import docx
texts = open(sys.argv[1], encoding="utf-8").read().split("\\n")
document = docx.Document()
for text in texts:
    document.add_paragraph(text)
document.save(sys.argv[2])
"""


def cpu_seconds(command: list[str], env: dict[str, str]) -> float:
    """CPU time of one run of COMMAND in a new process (it must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paragraph_texts(path: Path) -> list[str]:
    """Every paragraph of the document body, table cells included, in order."""
    body = docx.Document(str(path)).element.body
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scheme", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (best of)")
    args = parser.parse_args()
    scheme: Path = args.scheme.resolve()
    exe = Path(sys.executable).with_name("s75docs")
    s75docs = [str(exe)] if exe.is_file() else [sys.executable, "-m", "s75docs"]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPYCACHEPREFIX=str(tmp / "pycache"), S75DOCS_CACHE=str(tmp / "cache"))
        agreement = tmp / "agreement.docx"
        build = [*s75docs, "build", str(scheme), "-o", str(agreement)]
        cpu_seconds(build, env)  # compiles bytecode and templates once, like an install
        texts = paragraph_texts(agreement)
        (tmp / "texts.txt").write_text("\n".join(texts), encoding="utf-8")
        baseline = [sys.executable, "-c", BASELINE, str(tmp / "texts.txt"), str(tmp / "b.docx")]
        commands = {
            "python-docx baseline": (baseline, env),
            "s75docs --help": ([*s75docs, "--help"], env),
            "s75docs build (cold)": (build, env),
            "s75docs build (cold, S75DOCS_CACHE=0)": (build, {**env, "S75DOCS_CACHE": "0"}),
            "python -c pass": ([sys.executable, "-c", "pass"], env),
        }
        for command, command_env in commands.values():
            cpu_seconds(command, command_env)  # warm-up: bytecode for every side
        best = dict.fromkeys(commands, float("inf"))
        for _ in range(args.runs):
            for name, (command, command_env) in commands.items():
                best[name] = min(best[name], cpu_seconds(command, command_env))
    base = best["python-docx baseline"]
    print(f"example: {scheme.relative_to(ROOT) if scheme.is_relative_to(ROOT) else scheme}")
    print(f"paragraphs (table cells included): {len(texts)}")
    print(f"CPU time of a whole process, best of {args.runs}:")
    for name, seconds in best.items():
        print(f"  {name:40s} {seconds * 1000:6.0f} ms  {seconds / base:5.2f} x baseline")
    print("targets: build <= 2.0 x baseline (stretch 1.5 x)")


if __name__ == "__main__":
    main()
