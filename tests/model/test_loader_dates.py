"""A date that cannot exist is a file:line error, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.errors import InputError
from s75docs.model.loader import load_scheme

FAIRHAVEN = Path(__file__).resolve().parents[2] / "examples" / "fairhaven" / "scheme.yaml"


def test_an_impossible_date_names_its_line(tmp_path: Path) -> None:
    text = FAIRHAVEN.read_text(encoding="utf-8")
    line = text[: text.index("  date: 2026-03-27")].count("\n") + 1
    bad = tmp_path / "scheme.yaml"
    bad.write_text(text.replace("  date: 2026-03-27", "  date: 2026-02-30"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scheme(bad)
    assert str(caught.value) == (
        f"{bad}:{line}: agreement.date: not a date: 2026-02-30 (day is out of range for month)"
    )
