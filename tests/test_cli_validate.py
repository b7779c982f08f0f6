"""`s75docs validate`: every check `build` (and `report`) makes, every error listed, no file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from s75docs.cli import main

FAIRHAVEN = Path(__file__).resolve().parent.parent / "examples" / "fairhaven"
SCHEME = FAIRHAVEN / "scheme.yaml"
MEETING = FAIRHAVEN / "meeting.yaml"


@pytest.fixture(autouse=True)
def _default_library(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("S75DOCS_LIBRARY", raising=False)
    monkeypatch.chdir(tmp_path)  # anything written would land here


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def mutate(tmp_path: Path, name: str, *pairs: tuple[str, str], source: Path = SCHEME) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_scheme_and_meeting(tmp_path: Path) -> None:
    code, out, err = run("validate", str(SCHEME), str(MEETING), "--kind", "cabinet")
    assert code == 0, err
    assert out.splitlines() == [f"{SCHEME}: valid", f"{MEETING}: valid"]
    assert list(tmp_path.iterdir()) == []


def test_every_model_error_is_listed(tmp_path: Path) -> None:
    bad = mutate(
        tmp_path,
        "bad.yaml",
        ("  commencement:", "  comencement:"),
        ("    pooled_fund_manager: Director", "    pooled_fund_manger: Director"),
    )
    code, _, err = run("validate", str(bad))
    assert code == 1
    lines = err.splitlines()
    assert any("agreement.comencement: unknown key" in line for line in lines)
    assert any("pooled_fund_manger: unknown key" in line for line in lines)
    assert lines[-1].endswith("errors")
    assert all(line.startswith(f"{bad}:") for line in lines[:-1])
    assert "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir()] == ["bad.yaml"]


def test_every_cross_field_error_is_listed(tmp_path: Path) -> None:
    bad = mutate(
        tmp_path,
        "bad.yaml",
        ("    lead_commissioner: council", "    lead_commissioner: counsil"),
        ("    host: icb", "    host: icbb"),
    )
    code, _, err = run("validate", str(bad))
    assert code == 1
    assert "lead commissioner 'counsil' is not a partner" in err
    assert "host partner 'icbb' is not a partner" in err


def test_every_unmet_requirement_of_the_statutory_profile_is_listed(tmp_path: Path) -> None:
    data = yaml.safe_load(SCHEME.read_text(encoding="utf-8"))
    for scheme in data["schemes"][:2]:
        del scheme["aims"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, _, err = run("validate", str(bad))
    assert code == 1
    unmet = [line for line in err.splitlines() if "the agreed aims" in line]
    assert len(unmet) == 2, err
    assert all(line.startswith(f"{bad}:") for line in unmet)


def test_a_meeting_file_is_checked_as_report_does(tmp_path: Path) -> None:
    bad = mutate(tmp_path, "meeting.yaml", ("partner: council", "partner: icb"), source=MEETING)
    code, _, err = run("validate", str(SCHEME), str(bad), "--kind", "cabinet")
    assert code == 1
    assert f"{bad}:" in err and "a cabinet report is for a council" in err


def test_a_meeting_file_on_its_own_is_checked_as_a_meeting_file(tmp_path: Path) -> None:
    bad = mutate(tmp_path, "meeting.yaml", ("date: 2026-03-11", "dat: 2026-03-11"), source=MEETING)
    code, _, err = run("validate", str(SCHEME), str(bad))
    assert code == 1
    assert f"{bad}:" in err and "unknown key 'dat'" in err


def test_a_missing_file_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("validate", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert err.strip() == f"{tmp_path / 'nope.yaml'}: no such file"


def test_the_starter_and_the_example_say_validate() -> None:
    starter = Path(__file__).resolve().parent.parent / "s75docs" / "data" / "starter.yaml"
    for path in (starter, SCHEME):
        text = path.read_text(encoding="utf-8")
        assert "s75docs validate" in text and "s75docs check" not in text.split("\n\n")[0]
