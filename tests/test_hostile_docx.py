"""The hostile Word corpus (tests/hostile_docx.py) through `s75docs check` in both formats:
no internal error, no hang, bounded memory, every annotated output safe and reopened by
python-docx (and by LibreOffice for a handful) whenever the input opens, and each case's own
expectation (Strict read, text boxes once, one finding per broken REF, ...) met.

Every defect of hostile-docx.md (1-22) has its case, and every case must end cleanly.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from tests.conftest import LibreOffice
from tests.hostile_docx import CASES, Outcome, build_corpus, run_corpus

TIMEOUT = 60.0
MEMORY_MB = 500
# reopened by LibreOffice, input and output: hostile names, an outside comments
# relationship, Strict, huge comment ids, a surrogate, a text box, a second main part
LIBREOFFICE = (
    "traversal-names",
    "comments-rel-outside",
    "strict",
    "huge-comment-id",
    "lone-surrogate",
    "text-box",
    "rels-name-other-main",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Outcome]]:
    folder = tmp_path_factory.mktemp("hostile")
    files = build_corpus(folder)
    outcomes = run_corpus(files, jobs=2, timeout=TIMEOUT, keep=folder)
    return folder, {o.case.name: o for o in outcomes}


def test_the_corpus_covers_every_defect_of_the_review() -> None:
    assert {c.defect for c in CASES.values()} >= set(range(1, 23))
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_file_ends_cleanly(corpus: tuple[Path, dict[str, Outcome]], name: str) -> None:
    outcome = corpus[1][name]
    runs = (outcome.json, outcome.docx)
    assert outcome.verdict == "clean", (
        outcome.verdict,
        [r.code for r in runs],
        [r.stderr[-1500:] for r in runs],
        outcome.json.problems,
        outcome.docx.problems,
        outcome.expectations,
    )
    assert all(r.peak_mb < MEMORY_MB for r in runs), [r.peak_mb for r in runs]


def test_every_annotated_output_reopens_with_python_docx(
    corpus: tuple[Path, dict[str, Outcome]],
) -> None:
    """Whenever python-docx opens the input (it opens no ISO Strict file, nor a package
    whose relationships name a missing part)."""
    folder, outcomes = corpus
    written = 0
    for name, outcome in outcomes.items():
        output = folder / f"{name}.annotated.docx"
        if not output.exists():
            assert outcome.docx.code == 2, name
            continue
        written += 1
        try:
            docx.Document(str(outcome.path))
        except Exception:
            continue
        assert len(docx.Document(str(output)).paragraphs) == len(
            docx.Document(str(outcome.path)).paragraphs
        ), name
    assert written >= 30


@pytest.mark.libreoffice
def test_libreoffice_converts_the_output_whenever_it_converts_the_input(
    corpus: tuple[Path, dict[str, Outcome]], libreoffice: LibreOffice, tmp_path: Path
) -> None:
    folder, _ = corpus
    files = []
    for name in LIBREOFFICE:
        files.append(shutil.copyfile(folder / f"{name}.docx", tmp_path / f"in-{name}.docx"))
        output = folder / f"{name}.annotated.docx"
        files.append(shutil.copyfile(output, tmp_path / f"out-{name}.docx"))
    text = tmp_path / "text"
    subprocess.run(
        [
            str(libreoffice.soffice),
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(text),
            *map(str, files),
        ],
        capture_output=True,
        check=False,
        timeout=300,
    )
    converted = {p.stem for p in text.glob("*.txt")}
    inputs = {n for n in LIBREOFFICE if f"in-{n}" in converted}
    assert len(inputs) >= 5, converted
    for name in LIBREOFFICE:
        if name in inputs:
            assert f"out-{name}" in converted, name
            source = (text / f"in-{name}.txt").read_text("utf-8-sig")
            assert (text / f"out-{name}.txt").read_text("utf-8-sig") == source, name
    # traversal-names: LibreOffice refuses the input, and opens the annotated output
    assert "out-traversal-names" in converted
