"""The compiled-template cache: same output with or without it; bad entries are ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.library import jinja
from s75docs.library.source import parse_source


def _render(tmp_path: Path) -> str:
    path = tmp_path / "c.md"
    path.write_text("---\nid: c\ntitle: C\n---\n- {{ 1 + 2 }} {% if x %}yes{% endif %}\n")
    return jinja.render(parse_source(path), {"x": True})


def test_cache_on_off_and_corrupt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("S75DOCS_CACHE", str(cache))
    jinja._compiled.cache_clear()
    first = _render(tmp_path)
    entries = list(cache.glob("*.bin"))
    assert first.strip() == "- 3 yes" and len(entries) == 1
    entries[0].write_bytes(b"not marshal data")
    jinja._compiled.cache_clear()
    assert _render(tmp_path) == first  # a corrupt entry is recompiled, not trusted
    monkeypatch.setenv("S75DOCS_CACHE", "0")
    jinja._compiled.cache_clear()
    assert _render(tmp_path) == first
    jinja._compiled.cache_clear()
