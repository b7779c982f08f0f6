"""Every bad scheme file of the corpus (tests/bad_schemes.py), through validate, build, vary
and report: exit 1 or 2, one line per error, no traceback, nothing written, in seconds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from s75docs.cli import main
from tests.bad_schemes import COMMANDS, VARIANTS, arguments, verdict, write_variants


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_variants(tmp_path_factory.mktemp("bad-schemes"))


def test_the_corpus_is_large_enough() -> None:
    assert len(VARIANTS) >= 60


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_bad_scheme_ends_cleanly(
    corpus: dict[str, Path],
    variant: str,
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("S75DOCS_LIBRARY", raising=False)
    monkeypatch.delenv("S75DOCS_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)
    start = time.monotonic()
    result = CliRunner().invoke(main, arguments(command, corpus[variant], tmp_path / "out"))
    seconds = time.monotonic() - start
    written = [str(p) for p in tmp_path.rglob("*") if p.is_file()]
    assert verdict(result.exit_code, result.stderr, written) == "clean", (
        result.exit_code,
        result.stderr[:2000],
        written,
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert seconds < 60
