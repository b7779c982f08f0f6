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
from tests.helpers import example_library

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
        return build_tree(load_scheme(scheme), example_library(scheme))

    return build


def _variation_documents() -> tuple[Document, Document]:
    """The Fairhaven deed of variation and conformed copy, as `s75docs vary` builds them."""
    from s75docs.pipeline import load_variation, variation_documents

    fairhaven = REPO / "examples" / "fairhaven"
    variation = load_variation(
        fairhaven / "scheme.yaml", fairhaven / "scheme-v2.yaml", load_library([])
    )
    return variation_documents(variation)


def _v3_conformed() -> Document:
    """A third version (v2 -> v3) whose conformed copy has lettered provisions added by two
    deeds (33.1A, 33.6A, 33.6B, Schedule 6A), one of them cited, and a "[Not used]" one."""
    from s75docs.pipeline import variation_documents
    from tests.variation.letters_chain import chain_variations

    _, v23 = chain_variations(Path(tempfile.mkdtemp(prefix="s75docs-letters-")))
    return variation_documents(v23)[1]


_BUILDERS: dict[str, Callable[[], Document]] = {
    "mini": _build_mini,
    **{p.parent.name: _example(p.parent.name) for p in sorted(REPO.glob("examples/*/scheme.yaml"))},
    "fairhaven-deed": lambda: _variation_documents()[0],
    "fairhaven-conformed": lambda: _variation_documents()[1],
    "fairhaven-v3-conformed": _v3_conformed,
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


@pytest.fixture(scope="session")
def built_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltCase]:
    """Every test input built once per session and written as DOCX into a temp directory."""
    out: dict[str, BuiltCase] = {}
    folder = tmp_path_factory.mktemp("docx")
    for name, builder in _BUILDERS.items():
        doc = builder()
        data = render_bytes(doc, "docx")
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        out[name] = BuiltCase(name, doc, data, path)
    return out


@pytest.fixture(scope="session", params=CASES)
def docx_case(request: pytest.FixtureRequest, built_cases: dict[str, BuiltCase]) -> BuiltCase:
    name: str = request.param
    return built_cases[name]


def _run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, check=False, timeout=_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} did not finish in {_TIMEOUT} s: {command}", pytrace=False)
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip()
        pytest.fail(f"{what} failed ({done.returncode}): {command}\n{err}", pytrace=False)


@dataclass(frozen=True)
class LoRead:
    """What LibreOffice made of one case: its text as cached (as `soffice --convert-to
    txt:Text` saves it), the UNO report (cached and refreshed text, TOC, bookmarks), a PDF."""

    text: Path
    report: Path
    pdf: Path


@pytest.fixture(scope="session")
def lo_batch(
    built_cases: dict[str, BuiltCase],
    libreoffice: LibreOffice,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, LoRead]:
    """Every case through lo_uno.py's --jobs in one LibreOffice, which starts once."""
    work = tmp_path_factory.mktemp("lo")
    reads = {
        name: LoRead(work / f"{name}.txt", work / f"{name}.json", work / f"{name}.pdf")
        for name in built_cases
    }
    jobs = [
        {"src": str(case.path), "text": str(r.text), "report": str(r.report), "pdf": str(r.pdf)}
        for case, r in ((built_cases[n], r) for n, r in reads.items())
    ]
    listing = work / "jobs.json"
    listing.write_text(json.dumps(jobs), encoding="utf-8")
    _run(
        [str(libreoffice.python), str(UNO_SCRIPT), "--jobs", str(listing)],
        "LibreOffice (UNO) on every case",
    )
    return reads


@pytest.fixture(scope="session")
def lo_report(docx_case: BuiltCase, lo_batch: dict[str, LoRead]) -> dict[str, Any]:
    """lo_uno.py's JSON report for the case: cached and refreshed text and TOC, bookmarks."""
    report: dict[str, Any] = json.loads(lo_batch[docx_case.name].report.read_text("utf-8"))
    return report


@pytest.fixture(scope="session")
def lo_text(docx_case: BuiltCase, lo_batch: dict[str, LoRead]) -> str:
    """The case as text with its fields' cached results: what a reader sees before any update."""
    return lo_batch[docx_case.name].text.read_text(encoding="utf-8-sig")


@pytest.fixture(scope="session")
def lo_pdf(docx_case: BuiltCase, lo_batch: dict[str, LoRead]) -> bytes:
    """The case as PDF, exported after its fields and contents were brought up to date."""
    return lo_batch[docx_case.name].pdf.read_bytes()
