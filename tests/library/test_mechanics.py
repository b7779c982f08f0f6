"""The termination, contribution-failure, dispute and variation paths cite what they must, and
follow the data (notice periods, the longstop, the senior officers)."""

from __future__ import annotations

import re

from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree
from s75docs.render.markdown import render_markdown
from s75docs.words import words
from tests.helpers import FAIRHAVEN
from tests.library.test_worked_examples import paragraph


def built(data: SchemeFile) -> str:
    return render_markdown(build_tree(data, load_library([])))


def section(text: str, label: str) -> str:
    start = text.index(f'<a id="{label}"></a>')
    end = text.find('<a id="', start + 1)
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text[start:end])


def number_of(label: str) -> str:
    text = paragraph(label)
    m = re.match(r"\s*(\d+(?:\.\d+)*)", text)
    assert m, text
    return m.group(1)


def test_default_leads_to_termination_and_fraud_counts_as_default() -> None:
    default, end = paragraph("termination-default"), paragraph("termination-default-end")
    assert "twenty Business Days" in default
    assert f"Clause {number_of('termination-default')}" in end
    assert (
        "end the Individual Scheme" in end and "this Agreement and every Individual Scheme" in end
    )
    # Clause 21.8 (bribery or fraud is a material failure) now leads somewhere
    assert f"Clause {number_of('termination-default')}" in paragraph("conflicts-breach")
    fraud = paragraph("termination-fraud")
    assert f"Clause {number_of('conflicts-bribery')}" in fraud and "immediate effect" in fraud


def test_no_termination_before_longer_scheme_notices() -> None:
    data = load_scheme(FAIRHAVEN)
    n = data.agreement.termination_notice_months
    longer = [s.name for s in data.schemes if s.exit_notice_months > n]
    others = [s.name for s in data.schemes if s.exit_notice_months <= n]
    text = paragraph("termination-notice-schemes")
    assert longer and all(name in text for name in longer)
    assert not any(name in text for name in others)
    assert "last Individual Scheme ends" in paragraph("termination-last-scheme")
    # a notice as long as every scheme's lists none
    agreement = data.agreement.model_copy(update={"termination_notice_months": 12})
    plain = section(
        built(data.model_copy(update={"agreement": agreement})), "termination-notice-schemes"
    )
    assert "on the same date." in plain and not any(name in plain for name in longer)


def test_bcf_block_is_limited_to_the_bcf_scheme_with_a_longstop() -> None:
    data = load_scheme(FAIRHAVEN)
    text = paragraph("termination-bcf")
    assert [s.name for s in data.schemes if s.bcf] == ["Fairhaven Better Care Fund"]
    assert "Fairhaven Better Care Fund" in text
    assert not any(s.name in text for s in data.schemes if not s.bcf)
    assert f"no later than {words(data.agreement.bcf_longstop_months)} Months" in text
    agreement = data.agreement.model_copy(update={"bcf_longstop_months": 9})
    varied = section(built(data.model_copy(update={"agreement": agreement})), "termination-bcf")
    assert "no later than nine Months" in varied


def test_contributions_roll_over_and_a_scheme_may_end_if_not_agreed() -> None:
    rollover = paragraph("contributions-rollover")
    assert "on account" in rollover and "last Financial Year" in rollover
    failure = paragraph("contributions-not-agreed")
    assert "within three Months after the start" in failure
    assert f"Clause {number_of('dispute-senior')}" in failure
    assert f"Clause {number_of('contributions-not-agreed')}" in paragraph("termination-scheme")


def test_mediation_and_expert_are_optional_before_proceedings() -> None:
    courts = paragraph("dispute-courts")
    # the steps before proceedings run to the senior officers' meeting (Kestrel round 4
    # m8), and stop short of mediation, which stays optional
    steps = f"Clauses {number_of('dispute-escalation')} to {number_of('dispute-senior-meeting')}"
    assert steps in courts
    assert number_of("dispute-mediation") not in courts.split("have been taken")[0]
    assert "where a mediation or an expert determination has been started" in courts
    senior = paragraph("dispute-senior")
    assert "for the Council, its Chief Executive" in senior
    expert = paragraph("dispute-expert")
    assert "Chartered Institute of Public Finance and Accountancy" in expert


def test_senior_officers_come_from_the_data() -> None:
    data = load_scheme(FAIRHAVEN)
    dispute = data.agreement.dispute.model_copy(
        update={"senior_officers": {"council": "Executive Director of People"}}
    )
    agreement = data.agreement.model_copy(update={"dispute": dispute})
    text = section(built(data.model_copy(update={"agreement": agreement})), "dispute-senior")
    assert "for the Council, its Executive Director of People" in text
    assert "for the ICB, its Chief Executive" in text


def test_operational_changes_use_the_second_tier_everywhere() -> None:
    cited = f"Clause {number_of('variation-operational')}"
    for label in [
        "pooled-fund-changes",
        "pfm-no-transfers",
        "contributions-additional",
        "contributions-recorded",
        "finance-overspend-action",
        "finance-underspend-carry",
    ]:
        assert cited in paragraph(label), label
    assert "Structural Variation" in paragraph("variation-writing")
    assert "executed as a deed" in paragraph("variation-writing")


def test_reporting_duties_the_clauses_point_to_exist() -> None:
    for label in [
        "governance-reports-pfm",
        "governance-reports-lead",
        "governance-reports-integrated",
        "governance-reports-aligned",
        "governance-reports-functions",
    ]:
        assert "Quarter" in paragraph(label), label
    assert "regulation 9(4)" in paragraph("governance-reports-functions")
    assert "annual return" in paragraph("governance-reports-pfm")
