"""The Better Care Fund frameworks as dated, sourced data, and what an agreement (and its
report) may say about each year as at the day it is made."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from s75docs.doctree.nodes import inline_text, inlines_of
from s75docs.errors import ErrorList
from s75docs.library.loader import load_library
from s75docs.model.bcf import plan_decision_problems, policy_for
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree, report_context
from tests.helpers import FAIRHAVEN, ROOT

POLICY: dict[str, Any] = load_library([]).data["bcf"]


def test_each_year_records_its_framework_with_its_source() -> None:
    for year, entry in POLICY.items():
        assert entry["framework"] and entry["departments"], year
        assert isinstance(entry["published"], dt.date), year
        assert entry["source"].startswith("https://"), year
        assert entry["verified"]["publication"], year
        assert isinstance(entry["conditions_complete"], bool), year
    assert {"2023/24", "2024/25", "2025/26", "2026/27"} <= set(POLICY)


def test_2026_27_is_the_published_framework() -> None:
    entry = POLICY["2026/27"]
    assert entry["framework"] == "Better Care Fund framework 2026 to 2027"
    assert entry["published"] == dt.date(2026, 2, 17)
    assert entry["source"] == (
        "https://www.gov.uk/government/publications/better-care-fund-framework-2026-to-2027"
    )
    assert entry["publishers"] == [
        "Department of Health and Social Care",
        "Ministry of Housing, Communities and Local Government",
    ]
    assert "Expenditure on Service Integration" in entry["directions"]
    # what could not be retrieved is said to be so, not invented
    assert entry["conditions_complete"] is False and entry["metrics"] == []
    assert "NOT retrieved" in entry["verified"]["metrics"]


def test_a_framework_governs_its_year_from_the_day_it_is_published() -> None:
    before = policy_for(POLICY, "2026/27", dt.date(2026, 2, 16))
    assert before["status"] == "provisional"
    assert before["framework"] == POLICY["2025/26"]["framework"]  # carried forward
    after = policy_for(POLICY, "2026/27", dt.date(2026, 2, 17))
    assert (after["status"], after["framework"]) == ("published", POLICY["2026/27"]["framework"])
    later = policy_for(POLICY, "2027/28", dt.date(2026, 3, 27))
    assert (later["status"], later["carried_from"]) == ("provisional", "2026/27")


def test_a_year_before_any_framework_is_an_error() -> None:
    with pytest.raises(ValueError, match="no Better Care Fund framework for 2015/16"):
        policy_for(POLICY, "2015/16", dt.date(2015, 4, 1))


def _schedule_text(scheme: Path) -> str:
    doc = build_tree(load_scheme(scheme), load_library([]))
    (schedule,) = [s for s in doc.schedules() if s.label == "better-care-fund-schedule"]
    return "\n".join(inline_text(inlines_of(n)) for n in schedule.walk())


def test_fairhaven_restates_the_published_2026_27_framework() -> None:
    text = _schedule_text(FAIRHAVEN)
    assert (
        "For 2026/27, the national conditions are set by the Better Care Fund framework 2026 to"
        " 2027 (published by the Department of Health and Social Care and the Ministry of"
        " Housing, Communities and Local Government on 17 February 2026), read with the NHS"
        " (Expenditure on Service Integration) Directions." in text
    )
    assert "framework for 2026/27" not in text  # never said to be unpublished
    assert "No Better Care Fund framework for 2027/28 had been published" in text


def test_an_agreement_made_before_publication_says_so_and_provides_for_variation(
    tmp_path: Path,
) -> None:
    text = FAIRHAVEN.read_text(encoding="utf-8").replace("date: 2026-03-27", "date: 2026-02-10")
    scheme = tmp_path / "scheme.yaml"
    scheme.write_text(text, encoding="utf-8")
    schedule = _schedule_text(scheme)
    assert "No Better Care Fund framework for 2026/27 or 2027/28 had been published" in schedule
    assert "national conditions are those of the Better Care Fund policy framework 2025" in (
        schedule
    )
    assert "will vary" in schedule


def test_a_plan_agreed_before_its_framework_is_refused(tmp_path: Path) -> None:
    found = plan_decision_problems(
        [(dt.date(2026, 1, 22), "agreed the Better Care Fund plan for 2026/27")], POLICY
    )
    assert found == [
        (
            0,
            "a Better Care Fund plan for 2026/27 is said to be agreed on 2026-01-22, before the"
            " framework for 2026/27 was published (2026-02-17)",
        )
    ]
    agreed = "agreed the Better Care Fund plan for 2026/27"
    assert plan_decision_problems([(dt.date(2026, 3, 5), agreed)], POLICY) == []
    meeting = yaml.safe_load((FAIRHAVEN.parent / "meeting.yaml").read_text(encoding="utf-8"))
    meeting["previous_decisions"][1]["date"] = "2026-01-22"
    path = tmp_path / "meeting.yaml"
    path.write_text(yaml.safe_dump(meeting, sort_keys=False), encoding="utf-8")
    with pytest.raises(ErrorList) as info:
        report_context(FAIRHAVEN, path, "cabinet")
    (error,) = info.value.errors
    assert "previous_decisions[1].date" in str(error) and "before the framework" in str(error)


def test_the_report_names_each_framework_with_its_publication() -> None:
    context = report_context(FAIRHAVEN, FAIRHAVEN.parent / "meeting.yaml", "cabinet")
    policy = next(s for s in context["sections"] if s["id"] == "policy")
    text = "\n".join(
        line for b in policy["blocks"] for line in [b["text"], *(p["text"] for p in b["points"])]
    )
    assert (
        "for 2026/27, the Better Care Fund framework 2026 to 2027 (published by the Department"
        " of Health and Social Care and the Ministry of Housing, Communities and Local"
        " Government on 17 February 2026)" in text
    )
    assert "for 2027/28, for which no Better Care Fund framework had been published" in text
    assert "On 26 February 2026, the Fairhaven Health and Wellbeing Board agreed" in text


def test_leicestershire_restates_the_2019_20_framework() -> None:
    scheme = ROOT / "examples" / "leicestershire-bcf-2019" / "scheme.yaml"
    doc = build_tree(load_scheme(scheme), load_library([scheme.parent / "library"]))
    (schedule,) = [s for s in doc.schedules() if s.label == "better-care-fund-schedule"]
    text = "\n".join(inline_text(inlines_of(n)) for n in schedule.walk())
    assert "For 2019/20, the national conditions are set by the Better Care Fund Policy" in text
    assert "had been published" not in text


def test_a_variation_restates_a_framework_published_since_the_agreement(tmp_path: Path) -> None:
    """The deed of variation of 24 March 2027 updates Schedule 7 for a 2027/28 framework
    published after the agreement was made (as the provisional paragraph promises)."""
    from s75docs.pipeline import load_variation, variation_documents

    data = tmp_path / "library" / "data"
    data.mkdir(parents=True)
    entry = dict(POLICY["2026/27"])
    entry.update(
        framework="Better Care Fund framework 2027 to 2028",
        published=dt.date(2027, 2, 15),
        conditions_complete=True,
        national_conditions=[{"title": "A jointly agreed plan", "description": "Agreed."}],
    )
    (data / "bcf.yaml").write_text(yaml.safe_dump({"2027/28": entry}), encoding="utf-8")
    library = load_library([tmp_path / "library"])
    fairhaven = FAIRHAVEN.parent
    variation = load_variation(fairhaven / "scheme.yaml", fairhaven / "scheme-v2.yaml", library)
    deed, _ = variation_documents(variation)
    text = "\n".join(inline_text(inlines_of(n)) for n in deed.walk())
    assert "Better Care Fund framework 2027 to 2028" in text


@pytest.mark.parametrize(
    "scheme",
    [
        FAIRHAVEN,
        FAIRHAVEN.parent / "scheme-v2.yaml",
        ROOT / "examples/leicestershire-bcf-2019/scheme.yaml",
    ],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_no_schedule_calls_a_published_framework_unpublished(scheme: Path) -> None:
    from s75docs.model.bcf import bcf_date

    data = load_scheme(scheme)
    own = scheme.parent / "library"
    doc = build_tree(data, load_library([own] if own.is_dir() else []))
    provisional = [
        inline_text(inlines_of(n))
        for n in doc.walk()
        if getattr(n, "label", None) == "bcf-conditions-provisional"
    ]
    said = provisional[0].split(" had been published")[0] if provisional else ""
    as_at = bcf_date(data)
    for year in sorted({y for s in data.schemes if s.bcf for y in s.years}):
        entry = POLICY.get(year)
        published = entry is not None and entry["published"] <= as_at
        assert (year in said) is not published, (year, said)
