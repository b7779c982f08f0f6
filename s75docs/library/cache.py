"""The cache folder: S75DOCS_CACHE, else $XDG_CACHE_HOME/s75docs, else ~/.cache/s75docs."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """Read from the environment at each call; None when S75DOCS_CACHE=0 turns caching off.
    Nothing is created here."""
    setting = os.environ.get("S75DOCS_CACHE")
    if setting == "0":
        return None
    if setting:
        return Path(setting)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"  # XDG: absolute only
    return base / "s75docs"
