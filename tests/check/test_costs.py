"""Hostile inputs cost in proportion to their size (hostile-docx.md, defects 11 to 16), and
past the checker's budget a document is refused at once with one line and exit status 2.

Growth is measured as a ratio in the same process: the CPU time (or peak memory) of the input
of size 4n over that of size n, about 4 when linear and 16 when quadratic. The bound, 8, is
generous against noise; no assertion rests on a wall-clock time alone.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from s75docs.check import budget
from s75docs.check.annotate import Note, annotate_docx
from s75docs.check.read_docx import RESULT_LIMIT, read_docx
from s75docs.check.run import check_document
from s75docs.errors import UsageError
from tests.check import costs
from tests.helpers import ROOT

LINEAR = 8.0  # 4n against n: linear is about 4, quadratic 16


def _check(path: Path) -> object:
    return check_document(path, costs.AS_OF)


@pytest.mark.parametrize(
    ("make", "n", "suffix"),
    [
        (costs.nested_fields, 400, ".docx"),  # 11
        (costs.many_citations, 2_000, ".txt"),  # 12
        (costs.dot_leaders, 50_000, ".docx"),  # 13
        (costs.quoted_terms, 300, ".txt"),  # 15
        (costs.many_paragraphs, 1_500, ".txt"),  # 14, at a small scale
    ],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_cost_grows_linearly(
    tmp_path: Path, make: Callable[[Path, int], Path], n: int, suffix: str
) -> None:
    def suffixed(path: Path, size: int) -> Path:
        return make(path.with_suffix(suffix), size)

    suffixed.__name__ = make.__name__
    ratio = costs.growth(suffixed, _check, tmp_path, n)
    assert ratio < LINEAR, f"{make.__name__}: 4x the input cost {ratio:.1f}x the time"


def _peak(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_nested_fields_share_one_copy_of_their_text(tmp_path: Path) -> None:
    small = costs.nested_fields(tmp_path / "small.docx", 300)
    large = costs.nested_fields(tmp_path / "large.docx", 1_200)
    ratio = _peak(lambda: read_docx(large)) / _peak(lambda: read_docx(small))
    assert ratio < LINEAR, f"4x the nesting took {ratio:.1f}x the memory"
    outer = read_docx(large)[1].fields[0]
    assert outer.kind == "QUOTE" and len(outer.cached) == RESULT_LIMIT
    assert outer.cached.startswith("word0 word1 ")


def test_a_nested_field_still_shows_its_own_result(tmp_path: Path) -> None:
    path = costs.nested_fields(tmp_path / "two.docx", 2)
    fields = read_docx(path)[1].fields
    assert [f.cached.count("word0") for f in fields] == [2, 1]  # the outer holds the inner


def test_too_many_paragraphs_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "MAX_PARAGRAPHS", 50)
    text = costs.many_paragraphs(tmp_path / "a.txt", 60)  # 62 paragraphs, one line each
    with pytest.raises(UsageError) as caught:
        _check(text)
    assert caught.value.message == "too large to check (62 paragraphs; the limit is 50)"
    assert caught.value.exit_status == 2
    body = "".join(costs.paragraph(f"{k}. Text.") for k in range(60))
    document = costs.write_docx(tmp_path / "a.docx", body)
    with pytest.raises(UsageError, match=r"too large to check \(60 paragraphs; the limit is 50\)"):
        _check(document)


def test_a_large_document_part_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = costs.write_docx(tmp_path / "a.docx", costs.paragraph("x" * 4_000))
    monkeypatch.setattr(budget, "MAX_DOCUMENT_XML", 2_000)
    with pytest.raises(UsageError, match=r"too large to check \(document.xml is 0 MB"):
        _check(document)
    monkeypatch.setattr(budget, "MAX_DOCUMENT_XML", 100 * budget.MB)
    monkeypatch.setattr(budget, "COUNT_FROM", 100)  # counted in a streaming pass, then refused
    monkeypatch.setattr(budget, "MAX_PARAGRAPHS", 0)
    with pytest.raises(UsageError, match=r"\(1 paragraphs; the limit is 0\)"):
        _check(document)


def test_a_text_of_too_many_lines_exits_2_with_one_line(tmp_path: Path) -> None:
    text = tmp_path / "long.txt"
    text.write_text("Text.\n" * (budget.MAX_PARAGRAPHS + 1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "s75docs", "check", str(text), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"{text}: too large to check (200,001 lines of text; the limit is 200,000)"
    ]


def test_annotating_streams_the_parts_it_does_not_change(tmp_path: Path) -> None:
    """A 16 MB image in the package: the annotated copy holds it byte for byte, and making
    the copy never holds it in memory (defect 16: four copies of every part)."""
    source = costs.write_docx(
        tmp_path / "a.docx",
        costs.paragraph("1. Definitions") + costs.paragraph("1.1 Text."),
        {"word/media/image1.bin": random.Random(16).randbytes(16 * 1024 * 1024)},
    )
    target = tmp_path / "out.docx"
    peak = _peak(lambda: annotate_docx(source, target, [Note(2, "a note")]))
    assert peak < 8 * 1024 * 1024, f"annotating held {peak // 1024} KB"  # half the image
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(target) as after:
        assert after.read("word/media/image1.bin") == before.read("word/media/image1.bin")
        assert after.namelist()[:4] == before.namelist()
        assert "word/comments.xml" in after.namelist()


def test_a_simple_field_inside_a_field_across_paragraphs_is_read(tmp_path: Path) -> None:
    """Open fields are compared by identity: comparing them by value recursed through their
    paragraphs without end (RecursionError, an internal error, before) when a simple field
    stood inside a field still reading its instruction in an earlier paragraph."""
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    simple = '<w:fldSimple w:instr="REF _Ref1 \\h"><w:r><w:t>2.1</w:t></w:r></w:fldSimple>'
    shown = "<w:p><w:r><w:t>Some text to check.</w:t></w:r></w:p>"  # else "no text"
    body = f"<w:p>{begin}</w:p><w:p>{simple}</w:p><w:p>{end}</w:p>{shown}"
    paragraphs = read_docx(costs.write_docx(tmp_path / "a.docx", body))
    assert paragraphs[1].text == ""  # inside the outer field's instruction: not shown
    assert [(f.kind, f.cached) for f in paragraphs[1].fields] == [("REF", "2.1")]
    assert paragraphs[0].fields[0].instruction == "2.1"
