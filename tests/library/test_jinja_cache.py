"""Jinja's bytecode cache: same output with or without it, kept only in the cache folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from s75docs.library import jinja
from s75docs.library.source import parse_source
from tests.helpers import ROOT

BODY = "- {{ 1 + 2 }} {% if x %}yes{% endif %}\n"


def _render(tmp_path: Path, body: str = BODY) -> str:
    path = tmp_path / "c.md"
    path.write_text(f"---\nid: c\ntitle: C\n---\n{body}", encoding="utf-8")
    return jinja.render(parse_source(path), {"x": True})


def _new_process() -> None:
    """Forget the environments and their in-memory templates, as a new run would."""
    jinja._environment.cache_clear()
    jinja._expression.cache_clear()


def test_cache_on_off_stale_and_corrupt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stale or corrupt entries are recompiled and rewritten, never trusted."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("S75DOCS_CACHE", str(cache))
    first = _render(tmp_path)
    entries = list((cache / "jinja").iterdir())
    assert first == "- 3 yes" and len(entries) == 1
    entries[0].write_bytes(b"not bytecode")
    _new_process()
    assert _render(tmp_path) == first  # the corrupt entry is recompiled and rewritten
    assert entries[0].read_bytes() != b"not bytecode"
    _new_process()
    assert _render(tmp_path, BODY.replace("yes", "oui")) == "- 3 oui"  # the file changed
    assert [p.name for p in (cache / "jinja").iterdir()] == [entries[0].name]
    monkeypatch.setenv("S75DOCS_CACHE", "0")
    assert _render(tmp_path) == first


def test_a_cache_folder_that_cannot_be_made_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("S75DOCS_CACHE", str(blocker / "cache"))
    assert _render(tmp_path) == "- 3 yes"


def test_the_cache_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from s75docs.library.cache import cache_dir

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("S75DOCS_CACHE", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("S75DOCS_CACHE")
    assert cache_dir() == tmp_path / "xdg" / "s75docs"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # the XDG spec ignores relative paths
    assert cache_dir() == tmp_path / "home" / ".cache" / "s75docs"
    monkeypatch.setenv("S75DOCS_CACHE", "0")
    assert cache_dir() is None


def test_a_build_writes_nothing_outside_the_cache_folder(tmp_path: Path) -> None:
    home, xdg, cache, work = (tmp_path / n for n in ("home", "xdg", "cache", "work"))
    for folder in (home, xdg, work):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("S75DOCS_")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(xdg), S75DOCS_CACHE=str(cache))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    scheme = ROOT / "examples" / "fairhaven" / "scheme.yaml"
    command = [sys.executable, "-m", "s75docs", "build", str(scheme), "-o", "a.docx"]
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert list(home.iterdir()) == [] and list(xdg.iterdir()) == []
    assert [p.name for p in work.iterdir()] == ["a.docx"]
    assert len(list((cache / "jinja").glob("*.cache"))) > 50
