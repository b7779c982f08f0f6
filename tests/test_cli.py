"""The command line as a user meets it: one-line errors, exit statuses, outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from s75docs.cli import main
from tests.helpers import MINI

SCHEME = MINI / "scheme.yaml"


@pytest.fixture(autouse=True)
def _mini_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("S75DOCS_LIBRARY", str(MINI / "library"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_build_writes_and_reports(tmp_path: Path) -> None:
    code, out, _ = run("build", str(SCHEME), "-o", str(tmp_path / "a.docx"))
    assert code == 0 and "wrote" in out
    assert (tmp_path / "a.docx").is_file()


def test_invalid_scheme_gives_file_line_field_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SCHEME.read_text().replace("  commencement:", "  comencement:"), encoding="utf-8"
    )
    code, _, err = run("build", str(bad), "-o", str(tmp_path / "a.docx"))
    assert code == 1
    assert f"{bad}:5: agreement.comencement: unknown key 'comencement'" in err
    assert "did you mean 'commencement'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "a.docx").exists()


def test_missing_file_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert err.strip() == f"{tmp_path / 'nope.yaml'}: no such file"


def test_unknown_label_in_a_council_library_names_its_file(tmp_path: Path) -> None:
    lib = tmp_path / "lib" / "clauses"
    lib.mkdir(parents=True)
    (lib / "x.md").write_text(
        "---\nid: extra\ntitle: Extra\norder: 999\n---\n- See [[terminaton]].\n",
        encoding="utf-8",
    )
    code, _, err = run(
        "build", str(SCHEME), "--library", str(tmp_path / "lib"), "-o", str(tmp_path / "a.md")
    )
    assert code == 1
    assert f"{lib / 'x.md'}:6: unknown label 'terminaton' (did you mean 'termination'?)" in err


def test_council_library_overrides_a_clause_by_id(tmp_path: Path) -> None:
    lib = tmp_path / "lib" / "clauses"
    lib.mkdir(parents=True)
    (lib / "term.md").write_text(
        "---\nid: term\ntitle: Duration of this agreement\norder: 200\n---\n"
        "- {#term-start} Local wording for the term.\n",
        encoding="utf-8",
    )
    out = tmp_path / "a.md"
    code, _, err = run("build", str(SCHEME), "--library", str(tmp_path / "lib"), "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "2 Duration of this agreement" in text and "Local wording for the term." in text


def test_schema_is_json_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert set(schema["required"]) == {"agreement", "partners", "schemes"}
    assert "Contribution" in schema["$defs"]


def test_new_writes_a_starter_that_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("S75DOCS_LIBRARY")
    code, _, _ = run("new", str(tmp_path / "area"))
    assert code == 0
    starter = tmp_path / "area" / "scheme.yaml"
    assert starter.read_text(encoding="utf-8").lstrip().startswith("#")
    code, _, err = run("new", str(tmp_path / "area"))
    assert code == 2 and "already exists" in err


def test_library_lint_clean_and_dirty(tmp_path: Path) -> None:
    code, _, _ = run("library-lint")
    assert code == 0
    bad = tmp_path / "lib" / "clauses"
    bad.mkdir(parents=True)
    (bad / "x.md").write_text(
        "---\nid: x\ntitle: X\n---\n- As Clause 12 says, see [[nowhere]].\n", encoding="utf-8"
    )
    code, out, _ = run("library-lint", str(tmp_path / "lib"))
    assert code == 1
    assert "x.md:5: error lib-typed-number" in out
    assert "x.md:5: error lib-unknown-label" in out


def test_python_dash_m_runs_without_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "s75docs", "build", str(tmp_path / "none.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
