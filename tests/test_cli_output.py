"""`-o` as users mean it: folders, suffixes against --format, several formats; --help."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from s75docs.cli import main
from tests.helpers import MINI

SCHEME = MINI / "scheme.yaml"
COMMANDS = [
    "build",
    "validate",
    "vary",
    "schema",
    "new",
    "check",
    "profile",
    "library-lint",
    "report",
]


@pytest.fixture(autouse=True)
def _mini_library(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("S75DOCS_LIBRARY", str(MINI / "library"))
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_a_name_ending_in_a_slash_is_a_folder_created_when_needed(tmp_path: Path) -> None:
    code, out, err = run("build", str(SCHEME), "-o", "made/")
    assert code == 0, err
    assert files(tmp_path) == ["made/scheme.docx"]
    assert out.strip() == f"wrote {Path('made/scheme.docx')}"


def test_an_existing_folder_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "here").mkdir()
    code, _, err = run("build", str(SCHEME), "-o", "here", "--format", "md")
    assert code == 0, err
    assert files(tmp_path) == ["here/scheme.md"]


def test_a_name_without_a_suffix_is_a_folder_not_a_file(tmp_path: Path) -> None:
    code, _, err = run("build", str(SCHEME), "-o", "nvmd", "--format", "md")
    assert code == 0, err
    assert files(tmp_path) == ["nvmd/scheme.md"]


def test_several_formats_into_a_folder(tmp_path: Path) -> None:
    code, out, err = run(
        "build", str(SCHEME), "-o", "out/", "--format", "docx", "--format", "md", "--format", "html"
    )
    assert code == 0, err
    assert files(tmp_path) == ["out/scheme.docx", "out/scheme.html", "out/scheme.md"]
    assert len(out.splitlines()) == 3


def test_a_suffix_and_a_format_that_disagree_are_an_error(tmp_path: Path) -> None:
    code, _, err = run("build", str(SCHEME), "-o", "foo.pdf", "--format", "md")
    assert code == 2
    assert (
        err.strip() == "foo.pdf: --format md does not match the suffix '.pdf': change one of them"
    )
    assert files(tmp_path) == []


def test_several_formats_into_one_file_are_an_error(tmp_path: Path) -> None:
    code, _, err = run("build", str(SCHEME), "-o", "a.md", "--format", "md", "--format", "html")
    assert code == 2 and len(err.splitlines()) == 1 and "need a folder" in err
    assert files(tmp_path) == []


def test_an_unknown_suffix_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("build", str(SCHEME), "-o", "a.txt")
    assert code == 2 and len(err.splitlines()) == 1 and "cannot write '.txt' files" in err


def test_the_suffix_gives_the_format(tmp_path: Path) -> None:
    code, _, err = run("build", str(SCHEME), "-o", "sub/a.html")
    assert code == 0, err
    assert (tmp_path / "sub" / "a.html").read_text(encoding="utf-8").lstrip().startswith("<")


def test_a_file_in_the_way_of_a_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    for args in (["build", str(SCHEME), "-o", "taken/"], ["new", "taken"]):
        code, _, err = run(*args)
        assert code == 2 and err.strip() == "taken: is a file, not a folder", args
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "x"


def test_new_over_an_existing_file_is_refused_unless_forced(tmp_path: Path) -> None:
    code, out, _ = run("new", "mine")
    assert code == 0 and "s75docs validate" in out
    (tmp_path / "mine" / "scheme.yaml").write_text("mine", encoding="utf-8")
    code, _, err = run("new", "mine")
    assert code == 2 and "already exists (use --force to overwrite)" in err
    assert (tmp_path / "mine" / "scheme.yaml").read_text(encoding="utf-8") == "mine"
    code, _, _ = run("new", "mine", "--force")
    assert code == 0 and (tmp_path / "mine" / "scheme.yaml").read_text().startswith("#")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_exit_statuses(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example" in out and f"s75docs {command}" in out.split("Example")[1]
    assert "Exit status: 0" in out


def test_check_help_says_what_it_reads() -> None:
    _, out, _ = run("check", "--help")
    assert ".docx" in out and ".txt" in out and "s75docs validate" in out


def test_a_batch_builds_every_good_file_and_lists_the_bad(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SCHEME.read_text(encoding="utf-8").replace("  commencement:", "  comencement:"))
    other = tmp_path / "other.yaml"
    other.write_text(SCHEME.read_text(encoding="utf-8"))
    code, out, err = run(
        "build", str(SCHEME), str(bad), str(other), "-o", "batch/", "--format", "md"
    )
    assert code == 1
    assert files(tmp_path / "batch") == ["other.md", "scheme.md"]
    assert f"{bad}:5: agreement.comencement: unknown key 'comencement'" in err
    assert "Traceback" not in err
    assert "2 built, 1 failed" in out
    assert " errors " in out and out.count("built") >= 3


def test_a_batch_that_builds_everything_exits_0(tmp_path: Path) -> None:
    other = tmp_path / "sub" / "scheme.yaml"
    other.parent.mkdir()
    other.write_text(SCHEME.read_text(encoding="utf-8"))
    code, out, err = run("build", str(SCHEME), str(other))
    assert code == 0, err
    assert files(tmp_path / "out") == ["mini-scheme.docx", "sub-scheme.docx"]
    assert "2 built, 0 failed" in out


def test_a_batch_needs_a_folder(tmp_path: Path) -> None:
    code, _, err = run("build", str(SCHEME), str(SCHEME.parent / "x.yaml"), "-o", "a.docx")
    assert code == 2 and err.strip() == "a.docx: several scheme files need a folder: give -o DIR/"
    assert files(tmp_path) == []


def test_a_missing_file_in_a_batch_does_not_stop_the_rest(tmp_path: Path) -> None:
    code, out, err = run("build", str(tmp_path / "nope.yaml"), str(SCHEME), "-o", "b/")
    assert code == 1
    assert files(tmp_path / "b") == ["scheme.docx"]
    assert f"{tmp_path / 'nope.yaml'}: no such file" in err and "1 built, 1 failed" in out
