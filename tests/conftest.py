"""Session fixtures: LibreOffice, each test input built once as DOCX, LibreOffice's view of it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

from s75docs.doctree.nodes import Document
from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree, render_bytes

REPO = Path(__file__).resolve().parent.parent
UNO_SCRIPT = REPO / "s75docs" / "render" / "lo_uno.py"
REQUIRE_LIBREOFFICE = os.environ.get("S75DOCS_REQUIRE_LIBREOFFICE") == "1"
INSTALL_HINT = (
    "install it with 'sudo apt-get install libreoffice-writer-nogui python3-uno'"
    " (set S75DOCS_REQUIRE_LIBREOFFICE=1 to make this a failure instead of a skip)"
)
_TIMEOUT = 300
_CACHE = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """Tests never write under the real home: the whole session (and every command a test
    starts) keeps its compiled templates in a temporary folder, removed at the end."""
    config.stash[_CACHE] = tempfile.mkdtemp(prefix="s75docs-test-cache-")
    os.environ["S75DOCS_CACHE"] = config.stash[_CACHE]


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(config.stash[_CACHE], ignore_errors=True)


@dataclass(frozen=True)
class LibreOffice:
    soffice: Path
    python: Path  # a python3 that can `import uno` (the system one, not the venv)


@dataclass(frozen=True)
class BuiltCase:
    """One test input: its resolved tree and the DOCX written from it."""

    name: str
    doc: Document
    docx: bytes
    path: Path


def _build_mini() -> Document:
    root = REPO / "tests" / "roots" / "mini"
    library = load_library([root / "library"], defaults=False)
    return build_tree(load_scheme(root / "scheme.yaml"), library)


def _example(name: str) -> Callable[[], Document]:
    def build() -> Document:
        scheme = REPO / "examples" / name / "scheme.yaml"
        return build_tree(load_scheme(scheme), load_library([]))

    return build


def _variation_documents() -> tuple[Document, Document]:
    """The Fairhaven deed of variation and conformed copy, as `s75docs vary` builds them."""
    from s75docs.pipeline import load_and_build
    from s75docs.transforms import run_all
    from s75docs.variation.conformed import conformed_copy
    from s75docs.variation.deed import build_deed
    from s75docs.variation.vary import compute

    old = load_and_build(REPO / "examples" / "fairhaven" / "scheme.yaml")
    new = load_and_build(REPO / "examples" / "fairhaven" / "scheme-v2.yaml")
    deed = build_deed(compute(old.data, old.doc, new.data, new.doc))
    run_all(deed)
    return deed, conformed_copy(new.doc, new.data.variations)


_BUILDERS: dict[str, Callable[[], Document]] = {
    "mini": _build_mini,
    **{p.parent.name: _example(p.parent.name) for p in sorted(REPO.glob("examples/*/scheme.yaml"))},
    "fairhaven-deed": lambda: _variation_documents()[0],
    "fairhaven-conformed": lambda: _variation_documents()[1],
}
CASES = tuple(_BUILDERS)


def _lo_failure(message: str) -> NoReturn:
    if REQUIRE_LIBREOFFICE:
        pytest.fail(f"{message}; {INSTALL_HINT}", pytrace=False)
    pytest.skip(f"{message}; {INSTALL_HINT}")


def _find_uno_python() -> Path | None:
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if not candidate or not Path(candidate).exists():
            continue
        probe = subprocess.run(
            [candidate, "-c", "import uno"], capture_output=True, check=False, timeout=60
        )
        if probe.returncode == 0:
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def libreoffice() -> LibreOffice:
    """soffice and a uno-capable python; skips (or fails under S75DOCS_REQUIRE_LIBREOFFICE=1)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        _lo_failure("LibreOffice (soffice) is not installed")
    python = _find_uno_python()
    if python is None:
        _lo_failure("no python3 on this machine can 'import uno' (python3-uno is missing)")
    return LibreOffice(Path(office), python)


@pytest.fixture(scope="session", params=CASES)
def docx_case(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> BuiltCase:
    """Each test input built once per session and written as DOCX into a temp directory."""
    name: str = request.param
    doc = _BUILDERS[name]()
    data = render_bytes(doc, "docx")
    path = tmp_path_factory.mktemp(f"docx-{name}") / f"{name}.docx"
    path.write_bytes(data)
    return BuiltCase(name, doc, data, path)


def _run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, check=False, timeout=_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} did not finish in {_TIMEOUT} s: {command}", pytrace=False)
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip()
        pytest.fail(f"{what} failed ({done.returncode}): {command}\n{err}", pytrace=False)


@pytest.fixture(scope="session")
def lo_report(
    docx_case: BuiltCase, libreoffice: LibreOffice, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """lo_uno.py's JSON report for the case: cached and refreshed text and TOC, bookmarks."""
    out = tmp_path_factory.mktemp(f"uno-{docx_case.name}") / "report.json"
    _run(
        [str(libreoffice.python), str(UNO_SCRIPT), str(docx_case.path), "--report", str(out)],
        f"LibreOffice (UNO) on {docx_case.name}.docx",
    )
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


@pytest.fixture(scope="session")
def lo_text(
    docx_case: BuiltCase, libreoffice: LibreOffice, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """`soffice --convert-to txt:Text` of the case: what a reader sees before any update."""
    work = tmp_path_factory.mktemp(f"txt-{docx_case.name}")
    profile = work / "profile"
    _run(
        [
            str(libreoffice.soffice),
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(work),
            str(docx_case.path),
        ],
        f"soffice --convert-to txt:Text on {docx_case.name}.docx",
    )
    return (work / f"{docx_case.path.stem}.txt").read_text(encoding="utf-8-sig")
