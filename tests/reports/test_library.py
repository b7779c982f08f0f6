"""Report wording is library text: a council replaces a part by id, orders its sections, and
library-lint checks report files like clauses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from s75docs.errors import BuildError, ErrorList, InputError
from s75docs.library.lint import lint_library
from s75docs.library.loader import default_dirs
from s75docs.pipeline import report_context
from tests.reports.conftest import FAIRHAVEN, SCHEME

MEETING = FAIRHAVEN / "meeting.yaml"
OTHER = """---
id: report-other
part: other
title: Other implications
---
- Northshire's climate duty: the {{ document }} has no effect on the Council's carbon
  budget ([[vat]] is unaffected).
"""


def _council(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "council"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_council_replaces_one_report_part(tmp_path: Path) -> None:
    council = _council(tmp_path, {"reports/other.md": OTHER})
    context = report_context(SCHEME, MEETING, "cabinet", libraries=[council])
    (block,) = context["s"]["other"]["blocks"]
    assert block["number"] == "13.1"
    assert block["text"] == (
        "Northshire's climate duty: the agreement has no effect on the Council's carbon budget"
        " (Clause 17 is unaffected)."
    )
    default = report_context(SCHEME, MEETING, "cabinet")
    assert len(default["s"]["other"]["blocks"]) == 5
    # everything else is the default wording
    assert context["s"]["legal"] == default["s"]["legal"]


def test_a_council_orders_its_own_sections(tmp_path: Path) -> None:
    """Its own entry for one kind of report; the other kinds keep the default order."""
    kinds = (
        "cabinet:\n  name: Report to Cabinet\n"
        "  sections: [purpose, recommendations, finance, legal, contacts]\n"
    )
    council = _council(tmp_path, {"data/report_kinds.yaml": kinds})
    context = report_context(SCHEME, MEETING, "cabinet", libraries=[council])
    assert [s["id"] for s in context["sections"]] == [
        "purpose",
        "recommendations",
        "finance",
        "legal",
        "contacts",
    ]
    assert context["kind_name"] == "Report to Cabinet"
    # the tables are numbered in the order the report prints them
    finance = [b for b in context["s"]["finance"]["blocks"] if b["table"]]
    assert [b["table"]["number"] for b in finance] == ["1", "2", "3"]
    assert context["s"]["finance"]["blocks"][0]["text"].endswith(
        "The figures are those in paragraph 1 of Schedule 8 of the agreement."
    )
    assert "(Table 1)" in context["s"]["finance"]["blocks"][0]["text"]
    hwb = report_context(SCHEME, MEETING, "hwb", libraries=[council])
    assert [s["id"] for s in hwb["sections"]][:4] == [
        "purpose",
        "recommendations",
        "reasons",
        "timetable",
    ]


def test_a_part_needs_exactly_one_file(tmp_path: Path) -> None:
    twice = OTHER.replace("id: report-other", "id: council-other")
    council = _council(tmp_path, {"reports/other.md": twice})
    with pytest.raises(InputError, match="two report files write the part 'other' here"):
        report_context(SCHEME, MEETING, "cabinet", libraries=[council])
    kinds = "cabinet:\n  sections: [purpose, legal, local, legal]\n"
    council = _council(tmp_path / "b", {"data/report_kinds.yaml": kinds})
    with pytest.raises(ErrorList) as info:
        report_context(SCHEME, MEETING, "cabinet", libraries=[council])
    where = council / "data" / "report_kinds.yaml"
    assert str(info.value).splitlines() == [
        f"{where}:1: cabinet: give the report a 'name'",
        f"{where}:1: cabinet: no report file writes the section 'local' (did you mean 'legal'?)",
        f"{where}:1: cabinet: the section 'legal' is listed twice",
    ]


def test_lint_reads_report_files(tmp_path: Path) -> None:
    broken = OTHER.replace("[[vat]]", '{{ ref("risk-shar") }} and [[table-nowhere]]')
    council = _council(tmp_path, {"reports/other.md": broken + ":: contributions-table\n"})
    found = [(d.code, d.message) for d in lint_library([council])]
    assert ("lib-unknown-label", "unknown label 'risk-shar'") in found
    assert ("lib-unknown-label", "unknown label 'table-nowhere'") in found
    assert (
        "lib-outline",
        "':: contributions-table' belongs in agreement text, not in report text",
    ) in found


def test_a_misspelt_label_in_a_helper_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ref() and cites() leave out a provision this agreement lacks; a label no library file
    declares is a typo, and the report is refused instead of losing the citation unseen."""
    text = OTHER.replace("[[vat]]", "{{ ref('termination-notise') }}")
    council = _council(tmp_path, {"reports/other.md": text})
    # the build lints a council's library first
    with pytest.raises(ErrorList, match=r"other\.md:7: unknown label 'termination-notise'"):
        report_context(SCHEME, MEETING, "cabinet", libraries=[council])
    # and the report builder refuses the name itself, wherever the wording comes from (here
    # the council folder stands in the default library, which is not linted at build time)
    monkeypatch.setenv("S75DOCS_LIBRARY", os.pathsep.join(map(str, [*default_dirs(), council])))
    with pytest.raises(BuildError) as info:
        report_context(SCHEME, MEETING, "cabinet")
    assert str(info.value) == (
        f"{council / 'reports' / 'other.md'}:7: template error: unknown label"
        " 'termination-notise' (did you mean 'termination-notice'?)"
    )


def test_a_report_file_is_one_wherever_it_stands(tmp_path: Path) -> None:
    """A file with 'part:' is report wording even in a folder called 'sections'."""
    council = _council(tmp_path, {"sections/other.md": OTHER})
    context = report_context(SCHEME, MEETING, "cabinet", libraries=[council])
    assert context["s"]["other"]["blocks"][0]["text"].startswith("Northshire's climate duty")


def test_a_defined_term_in_report_wording_says_what_to_do(tmp_path: Path) -> None:
    text = OTHER.replace("[[vat]] is unaffected", "the *Pooled Fund* is unaffected")
    council = _council(tmp_path, {"reports/other.md": text})
    with pytest.raises(ErrorList) as info:
        report_context(SCHEME, MEETING, "cabinet", libraries=[council])
    assert str(info.value) == (
        f"{council / 'reports' / 'other.md'}:6: a report defines no terms: write 'Pooled Fund'"
        " without the asterisks"
    )
