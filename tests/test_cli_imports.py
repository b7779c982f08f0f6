"""Each command imports only what it needs: --help and build stay light to start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

# run the command in a fresh interpreter and report every module it imported
PROBE = """\
import json, sys
from s75docs.__main__ import run
sys.argv = ["s75docs", *sys.argv[1:]]
try:
    run()
finally:
    print(json.dumps(sorted(sys.modules)), file=sys.__stderr__)
"""
HEAVY = (
    "flask",
    "werkzeug",
    "pydantic",
    "docx",
    "docxtpl",
    "lxml",
    "rich",
    "jinja2",
    "yaml",
    "s75docs.model",
)
NOT_FOR_BUILD = ("docxtpl", "rich", "s75docs.check", "s75docs.variation", "s75docs.reports")


def imported(tmp_path: Path, *args: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "S75DOCS_LIBRARY"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    modules: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return modules


def _under(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    return [m for m in modules if m in packages or m.startswith(tuple(f"{p}." for p in packages))]


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["--version"]])
def test_help_imports_no_model_writer_or_template_engine(tmp_path: Path, args: list[str]) -> None:
    assert _under(imported(tmp_path, *args), HEAVY) == []


def test_build_imports_no_checker_variation_or_reports(tmp_path: Path) -> None:
    scheme = ROOT / "examples" / "fairhaven" / "scheme.yaml"
    modules = imported(tmp_path, "build", str(scheme), "-o", "a.docx")
    assert "s75docs.pipeline" in modules and "docx" in modules
    assert _under(modules, NOT_FOR_BUILD) == []


NOT_FOR_CHECK = (
    "flask",
    "werkzeug",
    "s75docs.web",
    "pydantic",
    "docx",
    "docxtpl",
    "rich",
    "jinja2",
    "s75docs.library",
    "s75docs.assemble",
    "s75docs.render",
    "s75docs.pipeline",
    "s75docs.variation",
    "s75docs.reports",
)


@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_check_imports_no_models_template_engines_or_writers(tmp_path: Path, suffix: str) -> None:
    """The checker reads with lxml and its own readers; the scheme models (pydantic), the
    library, Jinja and the Word writers are for building and would only slow it down."""
    document = tmp_path / f"agreement{suffix}"
    if suffix == ".docx":
        from tests.check.costs import paragraph, write_docx

        write_docx(document, paragraph("1. Definitions") + paragraph("1.1 Text."))
    else:
        document.write_text("1. Definitions\n\n1.1 Text.\n", encoding="utf-8")
    modules = imported(tmp_path, "check", str(document), "--format", "json")
    assert "s75docs.check.run" in modules
    assert _under(modules, NOT_FOR_CHECK) == []
    assert [m for m in _under(modules, ("s75docs.model",)) if m != "s75docs.model"] == [
        "s75docs.model.currency"  # the dated table of stale law, without the scheme models
    ]
