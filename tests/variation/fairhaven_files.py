"""The Fairhaven scheme files as raw YAML data, read and written back for variation tests."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from s75docs.model.loader import read_yaml

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fairhaven"


class _Dumper(yaml.SafeDumper):
    """Money read as Decimal is written back as text, which the loader accepts."""


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_str(str(value)))


def raw(name: str) -> dict[str, Any]:
    """A Fairhaven scheme file (e.g. 'scheme-v2.yaml') as plain data."""
    data, _ = read_yaml(EXAMPLE / name)
    assert isinstance(data, dict)
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    """Write scheme data as YAML the loader reads back; return the path."""
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False), encoding="utf-8")
    return path
