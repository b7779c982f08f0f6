"""Output files: atomic writes with the usual mode, reproducible Word packages."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import sys
import zipfile
from pathlib import Path

import pytest

from s75docs import files


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_written_file_has_the_mode_of_any_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_umask(*_: object) -> int:
        raise AssertionError("the process umask must not be touched")

    old = os.umask(0o027)
    try:
        monkeypatch.setattr(os, "umask", no_umask)
        target = tmp_path / "deep" / "out.docx"
        files.write_atomic(target, b"data")
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert target.read_bytes() == b"data"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_rewrite_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    files.write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_a_taken_temporary_name_is_not_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = iter(["taken", "taken", "free"])
    monkeypatch.setattr("s75docs.files.secrets.token_hex", lambda _n: next(names))
    (tmp_path / ".out.md.taken.tmp").write_bytes(b"someone else's")
    files.write_atomic(tmp_path / "out.md", b"mine")
    assert (tmp_path / "out.md").read_bytes() == b"mine"
    assert (tmp_path / ".out.md.taken.tmp").read_bytes() == b"someone else's"


def _package(when: tuple[int, int, int, int, int, int]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(zipfile.ZipInfo("word/document.xml", date_time=when), b"<w:document/>")
    return buffer.getvalue()


def test_equal_packages_written_at_different_times_give_equal_bytes() -> None:
    first = files.normalise_zip(_package((2024, 5, 1, 12, 0, 0)))
    second = files.normalise_zip(_package((2026, 1, 2, 3, 4, 6)))
    assert first == second
    (info,) = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_the_build_timestamp_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert files.build_timestamp() == dt.datetime(2000, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert files.build_timestamp() == dt.datetime(2023, 11, 14, 22, 13, 20)
