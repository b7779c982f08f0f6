"""A plain (non-editable) install carries the default library and builds from anywhere."""

from __future__ import annotations

import ast
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from s75docs.pipeline import load_and_build, render_bytes, report

REPO = Path(__file__).resolve().parent.parent
SCHEME = REPO / "examples" / "fairhaven" / "scheme.yaml"
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "out", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


def library_folders() -> list[str]:
    """setup.py's LIBRARY_FOLDERS: the top-level folders that ship inside the package."""
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "LIBRARY_FOLDERS":
            folders = ast.literal_eval(node.value)
            assert isinstance(folders, list)
            return [str(f) for f in folders]
    raise AssertionError("setup.py has no LIBRARY_FOLDERS")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip install --target` of a copy of the working tree (so the build writes nothing
    here), without build isolation or dependencies: nothing comes from the network."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=_NOT_SOURCE)
    site = root / "site"
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    command += ["--no-cache-dir"]
    command += ["--no-index", "--no-deps", "--no-build-isolation", "--target", str(site)]
    done = subprocess.run(
        [*command, str(source)], capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return site


def _run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S75DOCS_", "PYTHON"))}
    env["PYTHONPATH"] = str(site)  # the installed copy first; dependencies from this venv
    env["S75DOCS_CACHE"] = str(cwd / "cache")
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_the_wheel_carries_every_library_folder(installed: Path) -> None:
    for folder in library_folders():
        shipped = installed / "s75docs" / "defaults" / folder
        expected = sorted(p.relative_to(REPO / folder) for p in (REPO / folder).rglob("*.*"))
        assert sorted(p.relative_to(shipped) for p in shipped.rglob("*.*")) == expected


@pytest.mark.slow
def test_the_wheel_carries_the_check_pages_templates_and_static_files(installed: Path) -> None:
    """`s75docs serve` needs no network: its stylesheet and script ship in the package."""
    for folder in ("templates", "static"):
        source = REPO / "s75docs" / "web" / folder
        shipped = installed / "s75docs" / "web" / folder
        expected = sorted(p.name for p in source.iterdir() if p.is_file())
        assert expected and sorted(p.name for p in shipped.iterdir()) == expected
    probe = (
        "import s75docs.web.app as a; c = a.create_app().test_client();"
        " print(a.__file__, c.get('/').status_code, c.get('/static/s75.css').status_code)"
    )
    done = _run(installed, installed.parent, "-c", probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(installed / "s75docs" / "web" / "app.py"), "200", "200"]


@pytest.mark.slow
def test_an_installed_copy_builds_from_another_folder(installed: Path, tmp_path: Path) -> None:
    probe = "import s75docs, s75docs.library.loader as lib; print(s75docs.__file__)"
    probe += "; print(*lib.default_dirs())"
    where = _run(installed, tmp_path, "-c", probe)
    assert where.returncode == 0, where.stderr
    module, *dirs = where.stdout.split()
    assert Path(module) == installed / "s75docs" / "__init__.py"
    defaults = installed / "s75docs" / "defaults"
    folders = ("clause_library", "schedule_templates", "report_library")
    assert [Path(d) for d in dirs] == [defaults / name for name in folders]

    done = _run(installed, tmp_path, "-m", "s75docs", "build", str(SCHEME), "-o", "OUT.docx")
    assert done.returncode == 0, done.stderr
    data = (tmp_path / "OUT.docx").read_bytes()
    built = load_and_build(SCHEME)  # this tree's own build, from the checkout
    assert data == render_bytes(built.doc, "docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    for title in ("Definitions and interpretation", "Pooled Fund", "Governing law"):
        assert title in text


@pytest.mark.slow
def test_an_installed_copy_writes_a_board_report(installed: Path, tmp_path: Path) -> None:
    """The report wording ships too: the installed copy's report is the checkout's."""
    meeting = SCHEME.parent / "meeting.yaml"
    args = ("report", str(SCHEME), "--meeting", str(meeting), "--kind", "cabinet")
    done = _run(installed, tmp_path, "-m", "s75docs", *args, "-o", "REPORT.docx")
    assert done.returncode == 0, done.stderr
    here = report(SCHEME, meeting, "cabinet", tmp_path / "here.docx")
    assert (tmp_path / "REPORT.docx").read_bytes() == here.read_bytes()
    text = "\n".join(p.text for p in docx.Document(str(here)).paragraphs)
    assert "Legal implications" in text
