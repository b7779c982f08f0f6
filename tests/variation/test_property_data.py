"""Property: for random schemes and random changes to their data (money, schemes added or
ended, by deletion or from a date, options, term, a party renamed, replaced or succeeded),
the deed proves out (the old agreement with the deed applied reads as the new one), recites
each event, and `s75docs check` finds nothing in it."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from s75docs.check.run import check_document
from s75docs.doctree.cite import CiteKind
from s75docs.doctree.nodes import inline_text, inlines_of
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree, render_bytes
from s75docs.transforms import run_all
from s75docs.variation.changes import SubstitutePartner
from s75docs.variation.cite import CitationIndex
from s75docs.variation.deed import build_deed
from s75docs.variation.vary import Variation, compute, verify
from tests.test_property_build import library, schemes


def assert_no_number_moved(variation: Variation) -> None:
    """Default style: every citation of the old agreement (clause, paragraph, schedule or
    recital number) points in the agreement as varied at the same provision, or at nothing
    only because the provision it stands in was deleted and stays as "[Not used]"."""
    pinning = variation.pinning
    assert pinning is not None
    old, new = CitationIndex(variation.old), CitationIndex(variation.new)
    stubbed = {id(pinning.matches[s]) for s in pinning.stubs}
    parents = {id(c): p for p in variation.old.walk() for c in p.children}
    for cite, node in old.by_citation.items():
        if cite.kind not in NUMBERED:
            continue
        there = new.find(cite)
        if there is None:
            above: Any = parents.get(id(node))
            while above is not None and id(above) not in stubbed:
                above = parents.get(id(above))
            assert above is not None, f"{cite.text} is gone from the agreement as varied"
            continue
        assert pinning.matches.get(id(there)) is node, f"{cite.text} now names another provision"


NUMBERED = (CiteKind.CLAUSE, CiteKind.PARAGRAPH, CiteKind.SCHEDULE, CiteKind.RECITAL)
RECORD = {
    "date": dt.date(2027, 3, 20),
    "effective": dt.date(2027, 4, 1),
    "reason": "to update the arrangements",
    "approvals": [{"body": "Cabinet", "date": dt.date(2027, 2, 1)}],
}


def _rekey(raw: dict[str, Any], old: str, new: str) -> None:
    """Every use of a partner key, as a partner replaced by another would change it."""
    for s in raw["schemes"]:
        for c in s["contributions"]:
            if c["partner"] == old:
                c["partner"] = new
        for k in ("host", "lead_commissioner", "provider"):
            if s.get(k) == old:
                s[k] = new
        for f in s.get("functions", []):
            f["of"] = new if f["of"] == old else f["of"]
            if f.get("to") == old:
                f["to"] = new
        for sv in s.get("services", []):
            if sv.get("holder") == old:
                sv["holder"] = new
        for items in s.get("resources", {}).values():
            for item in items:
                for k in ("provided_by", "used_by"):
                    if item.get(k) == old:
                        item[k] = new
        leads = s.get("lead_officers", {})
        if old in leads:
            leads[new] = leads.pop(old)
        split = s["risk_share"].get("split", {})
        if old in split:
            split[new] = split.pop(old)
    for post in raw["agreement"].get("joint_posts", []):
        if old in post["funding"]:
            post["funding"][new] = post["funding"].pop(old)
        if post["employer"] == old:
            post["employer"] = new


@st.composite
def versions(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    old = draw(schemes())
    old["agreement"]["date"] = dt.date(2026, 3, 1)
    new = copy.deepcopy(old)
    kinds = st.sampled_from(
        [
            "money",
            "add",
            "end",
            "end_dated",
            "dispute",
            "term",
            "notice",
            "rename",
            "replace",
            "succeed",
            "deed",
        ]
    )
    for kind in draw(st.lists(kinds, min_size=1, max_size=3, unique=True)):
        a = new["agreement"]
        if kind == "money":
            s = draw(st.sampled_from(new["schemes"]))
            c = draw(st.sampled_from(s["contributions"]))
            c["amount"] = str(draw(st.integers(0, 9_000_000)))
        elif kind == "add":
            extra = copy.deepcopy(new["schemes"][-1])
            extra["id"], extra["name"], extra["bcf"] = "scheme-added", "Added Scheme", False
            new["schemes"].append(extra)
        elif kind == "end" and len(new["schemes"]) > 1:
            new["schemes"].pop(draw(st.integers(1, len(new["schemes"]) - 1)))
        elif kind == "end_dated":
            # a scheme ended by the variation keeps its past year (2026/27) as history
            s = draw(st.sampled_from(new["schemes"]))
            kept = [c for c in s["contributions"] if c["year"] == "2026/27"]
            if kept and len(kept) < len(s["contributions"]) and not s.get("end"):
                s["end"], s["contributions"] = dt.date(2027, 3, 31), kept
                s.pop("stated_totals", None)
                a.pop("stated_totals", None)
        elif kind == "succeed":
            nhs = [p for p in new["partners"] if p["key"] != "council"]
            p = draw(st.sampled_from(nhs))
            was = next((q for q in old["partners"] if q["key"] == p["key"]), None)
            if was is not None and not p.get("succeeds"):
                old_name = was["legal_name"]
                p["legal_name"] = "Merged " + p["legal_name"]
                p["succeeds"] = {
                    "body": old_name,
                    "instrument": "the Test Bodies (Establishment) Order 2027",
                    "transfer_scheme": "the transfer scheme of 1 March 2027",
                    "date": dt.date(2027, 4, 1),
                }
        elif kind == "dispute":
            a["dispute"] = {"escalation_days": draw(st.integers(5, 30))}
        elif kind == "term":
            a["initial_term_end"] = a["initial_term_end"].replace(
                year=a["initial_term_end"].year + 1
            )
        elif kind == "notice":
            a["termination_notice_months"] = draw(st.integers(1, 12))
        elif kind == "rename":
            p = draw(st.sampled_from(new["partners"]))
            p["legal_name"] = "Renamed " + p["legal_name"]
        elif kind == "replace" and len(new["partners"]) > 2:
            p = new["partners"][-1]
            _rekey(new, p["key"], "successor")
            p["key"], p["short_name"] = "successor", "Successor Trust"
            p["legal_name"] = "Successor NHS Trust of Testshire"
        elif kind == "deed":
            a["execution_as_deed"] = not a["execution_as_deed"]
    new["variations"] = [RECORD]
    return old, new


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(pair=versions())
def test_any_data_change_gives_a_deed_that_proves_out_and_checks_clean(
    pair: tuple[dict[str, Any], dict[str, Any]], tmp_path_factory: Any
) -> None:
    old_data, new_data = (SchemeFile.model_validate(raw) for raw in pair)
    old, new = build_tree(old_data, library()), build_tree(new_data, library())
    variation = compute(old_data, old, new_data, new)
    verify(variation)  # raises unless old + deed == new, word for word
    assert_no_number_moved(variation)
    renamed = {p.legal_name for p in old_data.partners} != {p.legal_name for p in new_data.partners}
    substitutions = [c for c in variation.changes.changes if isinstance(c, SubstitutePartner)]
    assert bool(substitutions) == renamed
    if not variation.changes:
        return
    deed = build_deed(variation)
    run_all(deed, new_data.agreement.money_format)
    text = " ".join(inline_text(inlines_of(n)) for n in deed.walk())
    # a scheme the variation ends: it was in the old agreement without that end date (a
    # scheme the variation adds with an end date is added, not ended)
    before = {s.id: s for s in old_data.schemes}
    ended = [
        s
        for s in new_data.schemes
        if s.end == dt.date(2027, 3, 31) and s.id in before and before[s.id].end != s.end
    ]
    for scheme in ended:
        assert f"(the {scheme.name}) ends at the end of 31 March 2027" in text
    for p in new_data.partners:
        if p.succeeds and p.legal_name not in {q.legal_name for q in old_data.partners}:
            assert "has taken its place as a party to the Agreement" in text
            assert "are parties to the Agreement" not in text
    path = Path(tmp_path_factory.mktemp("deed")) / "deed.md"
    path.write_bytes(render_bytes(deed, "md"))
    result = check_document(path)
    assert [f"{f.code}: {f.message}" for f in result.findings] == []
