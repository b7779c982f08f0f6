"""A date that cannot exist is a file:line error, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.errors import ErrorList
from s75docs.model.loader import load_scheme

ROOT = Path(__file__).resolve().parents[2]
FAIRHAVEN = ROOT / "examples" / "fairhaven" / "scheme.yaml"


def test_an_impossible_date_names_its_line(tmp_path: Path) -> None:
    text = FAIRHAVEN.read_text(encoding="utf-8")
    line = text[: text.index("  date: 2026-03-27")].count("\n") + 1
    bad = tmp_path / "scheme.yaml"
    bad.write_text(text.replace("  date: 2026-03-27", "  date: 2026-02-30"), encoding="utf-8")
    with pytest.raises(ErrorList) as caught:  # listed with any other problems of the file
        load_scheme(bad)
    assert str(caught.value) == (
        f"{bad}:{line}: agreement.date: not a date: 2026-02-30 (day is out of range for month)"
    )


def test_an_impossible_date_is_listed_with_the_files_other_problems(tmp_path: Path) -> None:
    """(It used to stop the reading, so a user fixed one problem at a time.)"""
    text = (ROOT / "examples" / "fairhaven" / "scheme.yaml").read_text(encoding="utf-8")
    text = text.replace("commencement: 2026-04-01", "commencement: 2026-02-30", 1)
    text = text.replace('"24,318,612.00"', '"24,318,612.0O"', 1)
    path = tmp_path / "scheme.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ErrorList) as info:
        load_scheme(path)
    said = [f"{e.location.field}: {e.message}" for e in info.value.errors]
    assert said == [
        "agreement.commencement: not a date: 2026-02-30 (day is out of range for month)",
        "schemes[0].contributions[0].amount: malformed amount '24,318,612.0O': write pounds as"
        " 1234567.89 or 1,234,567.89",
    ]
