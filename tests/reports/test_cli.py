"""`s75docs report` as a user meets it: one-line errors, exit statuses, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import docx
from click.testing import CliRunner

from s75docs.cli import main
from tests.reports.conftest import FAIRHAVEN, SCHEME, SCHEME_V2

MEETING = FAIRHAVEN / "meeting.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_writes_a_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, _ = run(
        "report", str(SCHEME), "--meeting", str(MEETING), "--kind", "cabinet", "-o", str(out)
    )
    assert code == 0
    target = out / "scheme-cabinet-report.docx"
    assert stdout.strip() == f"wrote {target}"
    assert docx.Document(str(target)).core_properties.title.startswith("Section 75 partnership")


def test_variation_report(tmp_path: Path) -> None:
    target = tmp_path / "v.docx"
    code, _, err = run(
        "report",
        str(SCHEME_V2),
        "--variation-from",
        str(SCHEME),
        "--meeting",
        str(FAIRHAVEN / "meeting-v2.yaml"),
        "--kind",
        "cabinet",
        "-o",
        str(target),
    )
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "deed of variation" in text


def test_bad_meeting_data_is_one_line_per_error_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "meeting.yaml"
    text = MEETING.read_text(encoding="utf-8")
    bad.write_text(
        text.replace("lead_member:", "lead_membr:").replace("date: 2026-03-11", "date: soon"),
        encoding="utf-8",
    )
    target = tmp_path / "r.docx"
    code, stdout, err = run(
        "report", str(SCHEME), "--meeting", str(bad), "--kind", "cabinet", "-o", str(target)
    )
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[-1] == "2 errors"
    numbers = {
        n
        for n, line in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
        if line.startswith(("lead_membr:", "date: soon"))
    }
    assert {int(line.split(":")[1]) for line in lines[:-1]} == numbers
    assert all(line.startswith(f"{bad}:") for line in lines[:-1])
    assert "Traceback" not in err and stdout == ""
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [bad]  # no temporary file left behind either


def test_meeting_that_does_not_fit_the_kind(tmp_path: Path) -> None:
    code, _, err = run(
        "report",
        str(SCHEME),
        "--meeting",
        str(MEETING),
        "--kind",
        "icb-board",
        "-o",
        str(tmp_path / "r.docx"),
    )
    assert code == 1
    assert err.startswith(f"{MEETING}:")
    assert "partner: a icb-board report is for an NHS body" in err
    assert not (tmp_path / "r.docx").exists()


def test_missing_files_are_exit_2(tmp_path: Path) -> None:
    code, _, err = run(
        "report", str(SCHEME), "--meeting", str(tmp_path / "nope.yaml"), "--kind", "cabinet"
    )
    assert code == 2
    assert err.strip() == f"{tmp_path / 'nope.yaml'}: no such file"
    code, _, err = run(
        "report",
        str(SCHEME),
        "--meeting",
        str(MEETING),
        "--kind",
        "cabinet",
        "--template",
        str(tmp_path / "house.docx"),
    )
    assert code == 2 and err.strip() == f"{tmp_path / 'house.docx'}: no such file"


def test_unknown_kind_is_a_usage_error() -> None:
    code, _, err = run("report", str(SCHEME), "--meeting", str(MEETING), "--kind", "council")
    assert code == 2
    assert "'council' is not one of" in err


def test_a_broken_house_template_names_the_template(tmp_path: Path) -> None:
    template = tmp_path / "house.docx"
    doc = docx.Document()
    doc.add_paragraph("{{ meeting.dat }}")
    doc.save(str(template))
    target = tmp_path / "r.docx"
    code, _, err = run(
        "report",
        str(SCHEME),
        "--meeting",
        str(MEETING),
        "--kind",
        "cabinet",
        "--template",
        str(template),
        "-o",
        str(target),
    )
    assert code == 1
    assert err.strip() == f"{template}: template error: 'dict object' has no attribute 'dat'"
    assert not target.exists()
    not_word = tmp_path / "notes.docx"
    not_word.write_text("not a Word file", encoding="utf-8")
    code, _, err = run(
        "report",
        str(SCHEME),
        "--meeting",
        str(MEETING),
        "--kind",
        "cabinet",
        "--template",
        str(not_word),
        "-o",
        str(target),
    )
    assert code == 2
    assert err.startswith(f"{not_word}: cannot open the report template")
