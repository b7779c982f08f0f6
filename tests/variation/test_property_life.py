"""Property: the life of a partnership. Random sets of the events a year brings (future
contributions changed, a past year's figures corrected, a scheme added from the Variation
Date after consultation, a scheme ended mid-term, the ICB succeeded by a merged ICB, the term
extended, a clause option changed), each written as the scheme files a user keeps, are
accepted by the variation checks, and then:

- the deed proves out (the old agreement with the deed applied reads as the new one);
- no number of the old agreement moves;
- no figure of a year that ended before the Variation Date changes, in the data or in the
  agreement as varied, unless the variation record lists it as a correction, which the deed
  then says;
- the Cabinet report on the variation describes the deed's changes and no others: the same
  number of numbered variations, each event the deed makes (and only those), and each new
  scheme total the deed sets."""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import event as note_event
from hypothesis import strategies as st

from s75docs.doctree.nodes import inline_text, inlines_of
from s75docs.model.money import fy_end
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import load_variation, report_context
from s75docs.transforms import run_all
from s75docs.variation.checks import variation_problems
from s75docs.variation.deed import build_deed
from s75docs.variation.vary import verify
from s75docs.words import words
from tests.test_property_build import library, schemes
from tests.variation.fairhaven_files import raw, write
from tests.variation.test_property_data import assert_no_number_moved

EFFECTIVE = dt.date(2027, 4, 1)
PAST, FUTURE = "2026/27", "2027/28"
RECORD: dict[str, Any] = {
    "date": dt.date(2027, 3, 20),
    "effective": EFFECTIVE,
    "reason": "to record the year's changes",
    "approvals": [{"body": "Cabinet", "date": dt.date(2027, 2, 1)}],
    "varies": "old.yaml",
}
EVENTS = ["money", "correction", "add", "end", "succeed", "term", "dispute"]


def _money(text: str) -> Decimal:
    return Decimal(text)


@st.composite
def lives(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    old = draw(schemes())
    old["agreement"]["date"] = dt.date(2026, 3, 1)
    new = copy.deepcopy(old)
    record = copy.deepcopy(RECORD)
    a = new["agreement"]
    events = draw(st.lists(st.sampled_from(EVENTS), min_size=1, max_size=4, unique=True))
    if a["initial_term_end"] < EFFECTIVE and "term" not in events:
        events.append("term")  # a one-year agreement must be extended to be varied from 2027
    done: list[str] = []
    for event in events:
        if event == "money":
            future = [c for s in new["schemes"] for c in s["contributions"] if c["year"] == FUTURE]
            if future:
                c = draw(st.sampled_from(future))
                c["amount"] = str(_money(c["amount"]) + draw(st.integers(1, 500_000)))
                done.append(event)
        elif event == "correction":
            s = draw(st.sampled_from([s for s in new["schemes"] if s["id"] != "scheme-added"]))
            past = [c for c in s["contributions"] if c["year"] == PAST]
            c = draw(st.sampled_from(past))
            c["amount"] = str(_money(c["amount"]) + 1000)
            record["corrections"] = [
                {"scheme": s["id"], "year": PAST, "reason": "an arithmetic error in one line"}
            ]
            done.append(event)
        elif event == "add":
            extra = copy.deepcopy(new["schemes"][-1])
            extra.update(id="scheme-added", name="Added Scheme", bcf=False, start=EFFECTIVE)
            extra.pop("end", None)
            lines = [c for c in extra["contributions"] if c["year"] == PAST]
            extra["contributions"] = [{**c, "year": FUTURE} for c in lines]
            new["schemes"].append(extra)
            record["consultation"] = {
                "consulted": ["people who use the services", "local providers"],
                "start": dt.date(2026, 11, 1),
                "end": dt.date(2026, 12, 1),
            }
            done.append(event)
        elif event == "end":
            # ends at the end of the year before the Variation Date: its past year stays
            candidates = [s for s in new["schemes"] if s["id"] != "scheme-added"]
            s = draw(st.sampled_from(candidates))
            s["end"] = EFFECTIVE - dt.timedelta(days=1)
            s["contributions"] = [c for c in s["contributions"] if c["year"] == PAST]
            done.append(event)
        elif event == "succeed":
            icb = next(p for p in new["partners"] if p["key"] == "nhs0")
            was = icb["legal_name"]
            icb["legal_name"] = "Merged Integrated Care Board of Testshire"
            icb["succeeds"] = {
                "body": was,
                "instrument": "the Integrated Care Boards (Testshire) Order 2027",
                "transfer_scheme": "the transfer scheme made by NHS England on 1 March 2027",
                "date": dt.date(2027, 3, 1),
            }
            done.append(event)
        elif event == "term":
            a["initial_term_end"] = a["initial_term_end"].replace(
                year=a["initial_term_end"].year + 1
            )
            done.append(event)
        elif event == "dispute":
            a["dispute"] = {"escalation_days": draw(st.integers(5, 30))}
            done.append(event)
    for s in new["schemes"]:
        s.pop("stated_totals", None)
    a.pop("stated_totals", None)
    new["variations"] = [record]
    return old, new, done


def _meeting(folder: Path) -> Path:
    """The Fairhaven Cabinet meeting, moved to before this deed and for any scheme."""
    m = raw("meeting-v3.yaml")
    m.update(date=dt.date(2027, 2, 1), decision_deadline=dt.date(2027, 3, 15))
    m["deadline_reason"] = "so that the deed can be completed before the Variation Date"
    m["previous_decisions"] = [
        {"body": "Cabinet", "date": dt.date(2026, 2, 11), "decision": "approved the agreement"}
    ]
    m["background_papers"] = []
    m["implications"].pop("finance", None)
    m["implications"].pop("equality", None)
    m["implications"]["legal_officer"]["comments"] = "The deed is within the Agreement's terms."
    m["implications"]["finance_officer"]["comments"] = "The figures are in the budget."
    return write(folder / "meeting.yaml", m)


def _text(doc: Any) -> str:
    return " ".join(inline_text(inlines_of(n)) for n in doc.walk())


def _past_total(doc: Any, label: str) -> str | None:
    """The past year's total as the agreement states it in the paragraph labelled LABEL
    ("total £1.00 for 2026/27 and ...", or "total £1.00." for one year); a scheme paid at
    actual cost states no total, and its paragraph is compared whole."""
    node = next((n for n in doc.walk() if n.label == label), None)
    if node is None:
        return None
    text = inline_text(inlines_of(node))
    said = re.search(r"total (£[\d,]+(?:\.\d+)?m?)(?: for (\d{4}/\d\d))?", text)
    if said is None:
        return text
    return said.group(1) if said.group(2) in (None, PAST) else None


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(life=lives())
def test_a_year_of_events_gives_one_account_in_deed_agreement_and_report(
    life: tuple[dict[str, Any], dict[str, Any], list[str]], tmp_path_factory: Any
) -> None:
    old_raw, new_raw, events = life
    for name in events:
        note_event(name)
    folder = Path(tmp_path_factory.mktemp("life"))
    old_path, new_path = write(folder / "old.yaml", old_raw), write(folder / "new.yaml", new_raw)
    old_data, new_data = (SchemeFile.model_validate(r) for r in (old_raw, new_raw))
    assert variation_problems(old_data, new_data) == [], events

    variation = load_variation(old_path, new_path, library())
    verify(variation)
    assert_no_number_moved(variation)

    # no figure of a year that ended before the Variation Date changes, unless corrected:
    # in the data, and in each scheme's statement of its totals in the agreement as varied
    corrected = {c.scheme for c in new_data.variations[-1].corrections}
    now = {s.id: s for s in new_data.schemes}
    for scheme in old_data.schemes:
        if fy_end(PAST) >= EFFECTIVE or scheme.id in corrected:
            continue
        assert now[scheme.id].total(PAST) == scheme.total(PAST)
        label = f"scheme-{scheme.id}.spec-contributions-total"
        was, is_now = (_past_total(doc, label) for doc in (variation.old, variation.new))
        assert was is not None and was == is_now, (label, was, is_now)

    deed = build_deed(variation)
    run_all(deed, new_data.agreement.money_format)
    deed_text = _text(deed)
    for sid in corrected:
        assert f"of the {now[sid].name} (" in deed_text and "correct an arithmetic" in deed_text

    # the report: the same changes as the deed, and no others
    ctx = report_context(new_path, _meeting(folder), "cabinet", old_path)
    phrases: list[str] = ctx["variation"]["changes"]
    body = str(ctx["sections"])
    count = len(variation.changes.changes)
    said = re.search(r"in (\w+) numbered variations?", body)
    assert said is not None, body[:2000]
    assert said.group(1) in (str(count), words(count))

    old_ids = {s.id for s in old_data.schemes}
    ended = [s for s in new_data.schemes if s.id in old_ids and s.end and s.end < EFFECTIVE]
    added = [s for s in new_data.schemes if s.id not in old_ids]
    for s in ended:
        assert f"(the {s.name}) ends at the end of" in deed_text
        assert any(f"ends the individual scheme “{s.name}”" in p for p in phrases)
    assert sum("ends the individual scheme" in p for p in phrases) == len(ended)
    for s in added:
        assert any(p.startswith(f"adds the {s.name}") for p in phrases)
    assert sum(p.startswith("adds the ") for p in phrases) == len(added)
    succeeded = "succeed" in events
    assert ("has taken its place as a party to the Agreement" in deed_text) == succeeded
    assert any(p.startswith("records that ") for p in phrases) == succeeded
    extended = new_data.agreement.initial_term_end != old_data.agreement.initial_term_end
    assert any("the Initial Term" in p for p in phrases) == extended
    # each new scheme total the report states is one the deed sets
    for p in phrases:
        if p.startswith("sets the contributions to the "):
            for amount in re.findall(r"at (£[\d,]+\.\d\d)", p):
                assert amount in deed_text, (amount, p)
    before = {s.id: s for s in old_data.schemes}
    money_moved = any(
        s.total(year) != before[s.id].total(year)
        for s in new_data.schemes
        if s.id in before and s not in ended
        for year in (PAST, FUTURE)
    )
    assert any(p.startswith("sets the contributions to the ") for p in phrases) == money_moved
