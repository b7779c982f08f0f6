"""Each Scheme Specification prints what the Regulations require of its Individual Scheme
(regs 7(3), 8 and 9): functions with their enactments, people, contract holders, staff,
goods, services and accommodation, dates, lead officers and exit arrangements."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from s75docs.doctree.nodes import Schedule
from s75docs.library.loader import Library, load_library
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import (
    FundingRoute,
    Registration,
    Resources,
    Scheme,
    SchemeFile,
    Staff,
    StaffBasis,
)
from s75docs.pipeline import build_tree
from tests.library.test_format_doc import agreement_lines

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@cache
def _library() -> Library:
    return load_library([])


@cache
def _data(name: str = "scheme") -> SchemeFile:
    return load_scheme(EXAMPLES / "fairhaven" / f"{name}.yaml")


def _lines(data: SchemeFile) -> list[str]:
    return agreement_lines(build_tree(data, _library()))


@cache
def _fairhaven(name: str = "scheme") -> tuple[str, ...]:
    return tuple(_lines(_data(name)))


def schedule_lines(lines: tuple[str, ...] | list[str], title: str) -> list[str]:
    """The lines of the schedule with that title, up to the next schedule."""
    start = next(
        i for i, line in enumerate(lines) if line.startswith("Schedule ") and title in line
    )
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith("Schedule ")), len(lines)
    )
    return list(lines[start:end])


def _with_scheme(scheme_id: str, **update: object) -> SchemeFile:
    """Fairhaven with one scheme changed."""
    data = _data()
    schemes = [s.model_copy(update=update) if s.id == scheme_id else s for s in data.schemes]
    return data.model_copy(update={"schemes": schemes})


def _spec(data: SchemeFile, scheme: Scheme) -> list[str]:
    return schedule_lines(_lines(data), f"Individual Scheme Specification: {scheme.name}")


def test_every_specification_has_a_staff_goods_services_and_accommodation_section() -> None:
    doc = build_tree(_data(), _library())
    specs = [
        s for s in doc.walk() if isinstance(s, Schedule) and (s.label or "").startswith("scheme-")
    ]
    assert len(specs) == len(_data().schemes)
    for scheme in _data().schemes:
        lines = schedule_lines(_fairhaven(), f"Specification: {scheme.name}")
        assert any(line.endswith(" Staff, goods, services and accommodation") for line in lines)


def test_the_blank_form_has_slots_for_resources_people_and_exit() -> None:
    form = schedule_lines(_fairhaven(), "Form of Scheme Specification")
    text = "\n".join(form)
    assert any(line.endswith(" Staff, goods, services and accommodation") for line in form)
    assert any(line.endswith(" People covered") for line in form)
    assert "consulted each member of staff concerned before the variation" in text
    assert "contracts still open: ........................" in text
    assert "held by: ........................" in text


def test_own_and_delegated_functions_are_listed_with_their_enactments() -> None:
    bcf = schedule_lines(_fairhaven(), "Specification: Fairhaven Better Care Fund")
    assert (
        "4.1.1 the Council's functions under sections 2, 18 and 20 of the Care Act 2014 of"
        " preventing, reducing or delaying needs for care and support, and meeting the eligible"
        " needs of adults and their carers; and"
    ) in bcf
    assert (
        "4.2.1 the Council exercises, on behalf of the ICB, the ICB's functions under section 3"
        " of the 2006 Act of arranging community health services, including intermediate care"
        " and discharge support, so far as they are funded from the Pooled Fund."
    ) in bcf


def test_section_117_aftercare_cites_the_mental_health_act_1983_and_delegates_nothing() -> None:
    s117 = "\n".join(schedule_lines(_fairhaven(), "Section 117 Aftercare"))
    assert "the Council's functions under section 117 of the Mental Health Act 1983" in s117
    assert "the ICB's functions under section 117 of the Mental Health Act 1983" in s117
    assert "No Partner exercises a function of another Partner under this Individual Scheme" in s117


def test_delegated_continuing_healthcare_keeps_the_icbs_eligibility_decisions() -> None:
    ld = "\n".join(schedule_lines(_fairhaven(), "Learning Disability Joint Commissioning"))
    assert (
        "The ICB does not delegate its decisions on whether a person is eligible for NHS"
        " continuing healthcare, which it keeps and makes itself under Part 6 of the Standing"
        " Rules Regulations"
    ) in ld
    bcf = "\n".join(schedule_lines(_fairhaven(), "Fairhaven Better Care Fund"))
    assert "eligible for NHS continuing healthcare" not in bcf


def test_people_covered_are_printed() -> None:
    team = schedule_lines(_fairhaven(), "Integrated Community Learning Disability Team")
    assert (
        "5.1.1 adults aged 18 and over with a learning disability who live in Fairhaven and"
        " need specialist health or social care support."
    ) in team


def test_contract_holders_and_the_funding_route_are_printed() -> None:
    bcf = schedule_lines(_fairhaven(), "Fairhaven Better Care Fund")
    assert (
        "Discharge to assess | Fairhaven and Wyvern Hospitals NHS Foundation Trust |"
        " ICB-D2A-2025-003 | ICB" in bcf
    )
    # the Council leads and hosts the pool: a recharge is paid into the Pooled Fund
    assert (
        "6.2.1 for Discharge to assess (ICB-D2A-2025-003), the ICB recharges the cost of the"
        " service to the Pooled Fund each Quarter in arrears, as paragraph 8 of Schedule 8 sets"
        " out."
    ) in bcf
    data = _data()
    ld = data.schemes[2]
    novated = [
        sv.model_copy(
            update={
                "funding_route": FundingRoute.NOVATION,
                "novation_by": dt.date(2026, 9, 30),
                "line": "",
            }
        )
        if sv.contract == "ICB-LD-2023-042"
        else sv
        for sv in ld.services
    ]
    text = "\n".join(_spec(_with_scheme(ld.id, services=novated), ld))
    assert "the ICB will novate the contract to the Council by 30 September 2026" in text


def test_a_contract_paid_directly_is_the_holders_line_and_is_not_invoiced() -> None:
    ld = "\n".join(schedule_lines(_fairhaven(), "Learning Disability Joint Commissioning"))
    assert (
        'The ICB pays its line "Intensive support service" in paragraph 7 of this Schedule only'
        " under contract ICB-LD-2023-042, which it holds and manages. It is not invoiced for that"
        " line under paragraph 8.1 of Schedule 8"
    ) in ld
    assert (
        "the price of that contract for each Financial Year equals that line (£1,380,000.00 for"
        " 2026/27 and £1,421,400.00 for 2027/28)"
    ) in ld
    assert "will novate the contract" not in ld
    modifies = "This paragraph modifies paragraph 8.1 of Schedule 8 and paragraph 8.2 of Schedule 8"
    assert modifies in ld


def test_what_a_line_funds_is_printed_and_decides_attribution() -> None:
    eq = schedule_lines(_fairhaven(), "Integrated Community Equipment Service")
    intro = next(line for line in eq if "What each of the following lines pays for" in line)
    assert "decides which line meets a cost under paragraph 3.3 of Schedule 8" in intro
    assert any(
        line.startswith('7.2.2 the ICB\'s line "Health equipment": the charge for each item')
        for line in eq
    )


def test_proportionate_shares_are_printed_from_the_lines_that_are_not_ring_fenced() -> None:
    data = _data()
    bcf = data.schemes[0]
    text = schedule_lines(_fairhaven(), "Fairhaven Better Care Fund")
    for year in bcf.years:
        base = bcf.risk_base(year)
        fenced = sum(c.amount for c in bcf.contributions if c.year == year and c.ring_fenced)
        assert fenced  # the Disabled Facilities Grant
        council = base["council"] * 100 / (base["council"] + base["icb"])
        want = f"for {year}, the Council {council:.2f}% and the ICB {100 - council:.2f}%"
        assert any(want in line for line in text), want
    children = schedule_lines(_fairhaven(), "Children and Young People with Complex Needs")
    assert any(
        "(from the estimates of the Variable Shares, as there is no Fixed Share)" in line
        for line in children
    )


def test_a_packages_panel_records_the_split_and_modifies_the_consent_rules() -> None:
    text = "\n".join(schedule_lines(_fairhaven(), "Children and Young People with Complex Needs"))
    assert "is approved by the Children's Joint Funding Panel" in text
    assert "that record decides the attribution of that cost under paragraph 3.3" in text
    assert "is not a new Services Contract for Clause 7.4.5 or Clause 7.7" in text
    assert "more than 5% above its estimate, unless that Partner consents in writing" in text


def test_cqc_registration_held_is_evidenced_and_applied_delays_the_start() -> None:
    data = _data()
    team = next(s for s in data.schemes if s.id == "ld-community-team")
    held = "\n".join(_spec(data, team))
    assert "Before this Agreement was made, it gave the other Partners evidence of that" in held
    assert team.regulation is not None
    applied = team.regulation.model_copy(
        update={
            "registration": Registration.APPLIED,
            "evidence": "",
            "until_registered": "the Trust provides the clinical services under its own"
            " registration",
        }
    )
    text = "\n".join(_spec(_with_scheme(team.id, regulation=applied), team))
    assert "The body to be registered with the Care Quality Commission" in text
    assert "has applied to the Care Quality Commission" in text
    assert "starts on the later of the date in paragraph 1.2 of this Schedule" in text
    assert "Until then, the Trust provides the clinical services under its own registration" in text
    assert "(or later, under paragraph 11.1 of this Schedule)" in text
    unstated = team.regulation.model_copy(update={"registration": None, "evidence": ""})
    text = "\n".join(_spec(_with_scheme(team.id, regulation=unstated), team))
    assert "No regulated activity is carried on under this Individual Scheme until" in text


def test_the_trust_staff_of_the_integrated_team_are_named_with_their_agreement_and_cover() -> None:
    team = "\n".join(schedule_lines(_fairhaven(), "Integrated Community Learning Disability Team"))
    assert (
        "employed by Fairhaven and Wyvern Mental Health NHS Foundation Trust, which is not a"
        " party to this Agreement, and working for the Council under an agreement between the"
        " Trust, the Council and the ICB under section 113(1A) of the Local Government Act 1972"
    ) in team
    # the Council carries on the regulated activity with the placed clinicians, so it is the
    # registered body and holds the clinical negligence cover
    assert (
        "to carry on the regulated activities of this Individual Scheme (treatment of disease,"
        " disorder or injury) is the Council."
    ) in team
    assert "clinical negligence cover must be in place as follows: the Council holds" in team
    assert "will not let them start that work until the agreement is signed" in team
    # a registered body that is not a party is named as such
    ld = next(s for s in _data().schemes if s.id == "ld-community-team")
    assert ld.regulation is not None
    other = ld.regulation.model_copy(
        update={
            "cqc_registered": None,
            "cqc_registered_body": "Fairhaven and Wyvern Mental Health NHS Foundation Trust",
        }
    )
    data = _with_scheme("ld-community-team", regulation=other)
    spec = "\n".join(_spec(data, next(s for s in data.schemes if s.id == "ld-community-team")))
    assert (
        "(treatment of disease, disorder or injury) is Fairhaven and Wyvern Mental Health NHS"
        " Foundation Trust, which is not a party to this Agreement."
    ) in spec


def test_a_scheme_with_no_resources_says_so_expressly() -> None:
    data = _with_scheme("s117-aftercare", resources=Resources())
    spec = "\n".join(_spec(data, data.schemes[3]))
    assert (
        "No Partner provides staff, goods, services or accommodation in connection with this"
        " Individual Scheme"
    ) in spec


def test_empty_kinds_of_resource_say_none() -> None:
    ld = schedule_lines(_fairhaven(), "Learning Disability Joint Commissioning")
    assert {
        "8.3 Goods: none.",
        "8.4 Services provided in kind: none.",
        "8.5 Accommodation: none.",
    } <= set(ld)


def test_a_section_113_placement_recites_prior_consultation_and_subsection_2() -> None:
    staff = Staff(
        description="occupational therapists",
        provided_by="icb",
        used_by="council",
        basis=StaffBasis.SECTION_113,
        consulted=dt.date(2026, 3, 2),
    )
    data = _with_scheme("community-equipment", resources=Resources(staff=[staff]))
    spec = "\n".join(_spec(data, data.schemes[1]))
    assert "whose services are placed at the disposal of the Council under paragraph" in spec
    # an NHS body placing staff with a council: section 113(1A), not 113(1) (review m3)
    assert "under section 113(1A) of the Local Government Act 1972" in spec
    assert (
        "Before this Agreement was made, the employing Partner consulted each member of staff"
        " concerned, as section 113(1A) of that Act requires (the consultation ended on"
        " 2 March 2026)."
    ) in spec
    assert "section 113(1) of that Act requires" not in spec
    assert (
        "is treated, so far as section 113(2) of that Act provides, as an officer of that local"
        " authority"
    ) in spec


def test_the_non_financial_clause_times_section_113_consultation_before_the_agreement() -> None:
    text = "\n".join(_fairhaven())
    assert "as subsection (2) of that section requires" not in text
    assert "will consult each member of staff concerned before the agreement is made" in text
    assert (
        "consulted each person holding a Jointly Funded Post before this Agreement was made" in text
    )


def test_scheme_dates_are_printed() -> None:
    bcf = schedule_lines(_fairhaven(), "Fairhaven Better Care Fund")
    assert bcf[3].endswith(
        "This Individual Scheme starts on the Commencement Date and continues until this"
        " Agreement ends, unless it ends earlier under paragraph 12 of this Schedule."
    )
    data = _with_scheme("bcf", end=dt.date(2027, 3, 31))
    assert any(
        "This Individual Scheme starts on the Commencement Date and ends on 31 March 2027" in line
        for line in _spec(data, data.schemes[0])
    )


def test_the_dementia_scheme_added_by_the_variation_starts_on_1_april_2027() -> None:
    dementia = "\n".join(schedule_lines(_fairhaven("scheme-v2"), "Dementia Support Service"))
    assert "This Individual Scheme starts on 1 April 2027" in dementia
    assert "under sections 2, 4 and 20 of the Care Act 2014" in dementia


def test_lead_officers_are_printed() -> None:
    team = schedule_lines(_fairhaven(), "Integrated Community Learning Disability Team")
    assert "10.2.1 for the Council, Head of Learning Disability Services; and" in team
    assert "10.2.2 for the ICB, Director of Place (Fairhaven)." in team


def test_exit_arrangements_use_the_data_or_the_library_default() -> None:
    equipment = "\n".join(schedule_lines(_fairhaven(), "Integrated Community Equipment Service"))
    assert "including stock bought from the Pooled Fund's revenue, is valued at cost" in equipment
    assert "staff: staff whose services were placed with, or who were seconded to" in equipment
    assert (
        "people: no person receiving a service under this Individual Scheme loses it" in equipment
    )


def test_the_lead_commissioner_needs_consent_and_the_threshold_comes_from_the_data() -> None:
    text = "\n".join(_fairhaven())
    assert "The Lead Commissioner will not do any of the following for an Individual Scheme" in text
    equipment = "\n".join(schedule_lines(_fairhaven(), "Integrated Community Equipment Service"))
    assert "the threshold for this Individual Scheme is £250,000.00" in equipment
    data = _with_scheme("community-equipment", procurement_consent_threshold=None)
    spec = "\n".join(_spec(data, data.schemes[1]))
    assert "no threshold is set for this Individual Scheme: every new Services Contract" in spec


def test_the_specification_names_clause_1_3_for_any_modification() -> None:
    bcf = schedule_lines(_fairhaven(), "Fairhaven Better Care Fund")
    assert bcf[2].endswith(
        "Nothing in this Schedule modifies any of them, even for this Individual Scheme, unless"
        " it expressly says that it does so and names the provision it modifies, as Clause 1.3"
        " provides."
    )
