"""Values at the edge of what Word holds: a title over 255 characters, ten partners."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from s75docs.cli import main

FAIRHAVEN = Path(__file__).resolve().parent.parent / "examples" / "fairhaven"


@pytest.fixture(autouse=True)
def _default_library(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("S75DOCS_LIBRARY", raising=False)
    monkeypatch.chdir(tmp_path)


def scheme_with(tmp_path: Path, change: str) -> Path:
    data = yaml.safe_load((FAIRHAVEN / "scheme.yaml").read_text(encoding="utf-8"))
    if change == "long-title":
        data["agreement"]["title"] = "Section 75 Partnership Agreement " * 12
    else:  # ten partners
        icb = next(p for p in data["partners"] if p["key"] == "icb")
        for n in range(8):
            trust = copy.deepcopy(icb)
            trust.pop("nhs_resolution_schemes", None)
            trust.update(
                key=f"trust-{n}",
                legal_name=f"Wyvern Community Services Number {n} NHS Foundation Trust",
                short_name=f"Trust {n}",
                kind="nhs_foundation_trust",
            )
            data["partners"].append(trust)
    path = tmp_path / f"{change}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_title_over_255_characters_builds_with_the_core_property_cut(tmp_path: Path) -> None:
    scheme = scheme_with(tmp_path, "long-title")
    result = CliRunner().invoke(main, ["build", str(scheme), "-o", "out/"])
    assert result.exit_code == 0, result.stderr
    title = docx.Document(str(tmp_path / "out" / "long-title.docx")).core_properties.title
    assert 200 < len(title) <= 255 and title.endswith("\u2026")


def test_a_report_for_ten_partners_is_written(tmp_path: Path) -> None:
    scheme = scheme_with(tmp_path, "ten-partners")
    meeting = FAIRHAVEN / "meeting.yaml"
    args = ["report", str(scheme), "--meeting", str(meeting), "--kind", "cabinet", "-o", "r/"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    word = docx.Document(str(tmp_path / "r" / "ten-partners-cabinet-report.docx"))
    assert len(word.core_properties.title) <= 255
    assert "Number 7 NHS Foundation Trust" in "\n".join(p.text for p in word.paragraphs)
