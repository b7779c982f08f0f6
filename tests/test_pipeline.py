"""End to end: deterministic bytes, atomic outputs, every format."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from s75docs.errors import S75Error, UsageError
from s75docs.pipeline import build, render_bytes
from tests.helpers import MINI, mini_tree

SCHEME = MINI / "scheme.yaml"


@pytest.fixture(autouse=True)
def _mini_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("S75DOCS_LIBRARY", str(MINI / "library"))


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_two_builds_are_byte_identical(tmp_path: Path, fmt: str) -> None:
    first = build(SCHEME, tmp_path / f"a.{fmt}")
    second = build(SCHEME, tmp_path / f"b.{fmt}")
    assert first.read_bytes() == second.read_bytes()


def test_docx_zip_has_fixed_timestamps(tmp_path: Path) -> None:
    out = build(SCHEME, tmp_path / "a.docx")
    with zipfile.ZipFile(out) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00" in core


def test_source_date_epoch_sets_document_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    out = build(SCHEME, tmp_path / "a.docx")
    with zipfile.ZipFile(out) as z:
        assert "2026-01-01T00:00:00" in z.read("docProps/core.xml").decode()


def test_format_from_suffix_and_default_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = build(SCHEME)
    assert out == Path("out/scheme.docx") and out.is_file()
    html = build(SCHEME, tmp_path / "x.html")
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    folder = tmp_path / "dir"
    folder.mkdir()
    assert build(SCHEME, folder, "md") == folder / "scheme.md"


def test_a_failing_build_leaves_no_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SCHEME.read_text().replace("2027-03-31", "2025-03-31"), encoding="utf-8")
    target = tmp_path / "out.docx"
    with pytest.raises(S75Error):
        build(bad, target)
    assert list(tmp_path.iterdir()) == [bad]


def test_a_failing_writer_leaves_no_output_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import s75docs.files as files

    class Boom(Exception):
        pass

    class FakeOs:
        """The real os, except that the final rename fails."""

        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

        def replace(self, *_: object) -> None:
            raise Boom

    target = tmp_path / "out.md"
    target.write_text("previous version", encoding="utf-8")
    monkeypatch.setattr(files, "os", FakeOs())
    with pytest.raises(Boom):
        build(SCHEME, target)
    assert target.read_text(encoding="utf-8") == "previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown format 'odt'"):
        build(SCHEME, tmp_path / "a.odt")


def test_markdown_links_every_reference_to_an_anchor() -> None:
    text = render_bytes(mini_tree(), "md").decode()
    import re

    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert links and set(links) <= anchors


def test_html_links_every_reference_to_an_id() -> None:
    text = render_bytes(mini_tree(), "html").decode()
    import re

    ids = set(re.findall(r' id="([^"]+)"', text))
    links = re.findall(r'class="xref" href="#([^"]+)"', text)
    assert links and set(links) <= ids
