"""Review 15b: an HWB report is not the council's executive decision, and the statutory
content check is put to the legal officer to confirm, not stated as officers' assurance."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from s75docs.errors import ErrorList, InputError
from s75docs.pipeline import report_context
from tests.conftest import LibreOffice
from tests.reports.conftest import FAIRHAVEN, SCHEME, SCHEME_V2, context_lines

MEETING = FAIRHAVEN / "meeting.yaml"


def _hwb_from_cabinet(tmp_path: Path, source: Path = MEETING) -> Path:
    """A Cabinet meeting file loaded into an HWB report: lead member, key decision, Forward
    Plan reference and officers to complete it all still there."""
    text = source.read_text(encoding="utf-8").replace(
        "\nbody: Cabinet\n", "\nbody: Fairhaven Health and Wellbeing Board\n", 1
    )
    path = tmp_path / "hwb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _text(context: dict[str, Any]) -> str:
    summary = [f"{r['label']}: {r['value']}" for r in context["summary"]]
    return "\n".join(summary + context_lines(context))


@pytest.mark.parametrize("old", [None, SCHEME])
def test_an_hwb_report_is_not_an_executive_decision(tmp_path: Path, old: Path | None) -> None:
    meeting = _hwb_from_cabinet(tmp_path, MEETING if old is None else FAIRHAVEN / "meeting-v2.yaml")
    context = report_context(SCHEME_V2 if old else SCHEME, meeting, "hwb", old)
    text = _text(context)
    (lead,) = context["s"]["recommendations"]["blocks"]
    assert [p["text"].split()[0] for p in lead["points"]] == ["endorse", "note"]
    for executive in ("key decision", "Forward Plan", "Lead member", "delegate", "common seal by"):
        assert executive not in text, executive
    assert "Councillor" not in text
    assert "The Board does not take the decision to enter into the" in text
    assert context["meeting"]["lead_member"] == ""
    assert context["meeting"]["key_decision"] == ""
    assert context["meeting"]["forward_plan_reference"] == ""


def test_an_hwb_report_refuses_approve(tmp_path: Path) -> None:
    path = _hwb_from_cabinet(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "decision: approve\n", encoding="utf-8")
    with pytest.raises((InputError, ErrorList)) as info:
        report_context(SCHEME, path, "hwb")
    assert "a Health and Wellbeing Board endorses" in str(info.value)


def test_cabinet_still_approves_by_default() -> None:
    context = report_context(SCHEME, MEETING, "cabinet")
    (lead,) = context["s"]["recommendations"]["blocks"]
    assert [p["text"].split()[0] for p in lead["points"]] == ["approve", "delegate", "note"]
    assert "This is a key decision and is on the Forward Plan" in _text(context)


@pytest.mark.parametrize("old", [None, SCHEME])
def test_the_statutory_check_is_for_the_legal_officer_to_confirm(old: Path | None) -> None:
    meeting = MEETING if old is None else FAIRHAVEN / "meeting-v2.yaml"
    text = _text(report_context(SCHEME_V2 if old else SCHEME, meeting, "cabinet", old))
    (line,) = [t for t in text.splitlines() if "[Legal officer to confirm:]" in t]
    assert line.startswith("[Legal officer to confirm:] The ")
    assert "has been checked against the requirements that section 75 of the 2006 Act" in line
    assert "none is unmet" in line
    for gone in ("Officers have checked", "statutory profile", "in all)", "assurance"):
        assert gone not in text, gone


# ------------------------------------------------------------------ money on one line
_AMOUNT = re.compile(r"[+\-−]?£[\d,]+(?:\.\d+)?m?")


def test_money_columns_are_wide_enough_and_do_not_wrap(built_reports: dict[str, Path]) -> None:
    """Each money cell keeps its amount on one line (w:noWrap), and its column is at least
    as wide as its longest amount needs in the report's 9.5pt Arial."""
    import docx
    from docx.oxml.ns import qn

    from s75docs.reports.render import _one_line

    checked = 0
    for name in ("cabinet", "variation"):
        word = docx.Document(str(built_reports[name]))
        for table in word.tables:
            grid = [int(c.get(qn("w:w")) or 0) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
            for row in table._tbl.findall(qn("w:tr")):
                for i, tc in enumerate(row.findall(qn("w:tc"))):
                    text = "".join(t.text or "" for t in tc.iter(qn("w:t"))).strip()
                    if not _AMOUNT.fullmatch(text):
                        continue
                    checked += 1
                    tcpr = tc.find(qn("w:tcPr"))
                    assert tcpr is not None, text
                    assert tcpr.find(qn("w:noWrap")) is not None, text
                    assert grid[i] >= _one_line(text), (name, text, grid[i])
    assert checked > 50


def test_libreoffice_prints_each_amount_whole(
    built_reports: dict[str, Path], libreoffice: LibreOffice, tmp_path: Path
) -> None:
    """The reviewers' check: converted to PDF by LibreOffice, `pdftotext -layout` shows every
    amount of every table whole (once "£11,905,340.0" with "0" on the next line)."""
    import docx

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    names = ("cabinet", "variation")
    subprocess.run(
        [
            str(libreoffice.soffice),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(built_reports[n]) for n in names),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    for name in names:
        path = built_reports[name]
        pdf = tmp_path / path.with_suffix(".pdf").name
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
        printed = set(_AMOUNT.findall(text))
        amounts = {
            cell.text.strip()
            for table in docx.Document(str(path)).tables
            for row in table.rows
            for cell in row.cells
            if _AMOUNT.fullmatch(cell.text.strip())
        }
        assert amounts
        assert amounts - printed == set(), name


def test_a_variation_report_says_contributions_may_be_set_operationally() -> None:
    """The Agreement lets next year's contributions be recorded as an Operational Variation:
    the report must not say they are set only by a deed."""
    context = report_context(SCHEME_V2, FAIRHAVEN / "meeting-v2.yaml", "cabinet", SCHEME)
    text = _text(context)
    assert "record them, with any other changes they agree, by a deed of variation" not in text
    assert "take effect only once they are recorded by a variation" not in text
    background = " ".join(context_lines({"sections": [context["s"]["background"]]}))
    assert "record those contributions as an operational change, by a recorded decision of" in (
        background
    )
    assert "a deed is needed only for structural changes" in background
    reasons = " ".join(context_lines({"sections": [context["s"]["reasons"]]}))
    assert "recorded, as an operational variation or in a deed (Clause" in reasons
    assert "This year they are recorded in the deed, with the other changes it makes." in reasons
    assert "include structural changes, so they need a deed" in reasons
    assert "allows it to be varied only in writing" not in reasons
