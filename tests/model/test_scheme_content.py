"""What the Regulations require of each scheme is validated, with FILE:LINE: field errors:
functions and their enactments, people, contract holders, resources, dates, lead officers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from s75docs.model.loader import load_scheme
from s75docs.model.scheme_checks import add_months
from tests.model.test_loader import errors, line_of, minimal, write


def _pool(data: dict[str, Any]) -> dict[str, Any]:
    scheme: dict[str, Any] = data["schemes"][0]
    return scheme


def _delegating(data: dict[str, Any], to: str = "council") -> dict[str, Any]:
    """The pool with the ICB's function exercised by `to` as lead commissioner."""
    pool = _pool(data)
    pool["flexibilities"] = ["pooled_fund", "lead_commissioning"]
    pool["lead_commissioner"] = to
    pool["functions"][0]["to"] = to
    return data


def _one_error(tmp_path: Path, data: dict[str, Any], pattern: str) -> str:
    """The single error of a file, checked to point at the line the pattern finds."""
    path, text = write(tmp_path, data)
    (found,) = errors(path)
    assert found.startswith(f"{path}:{line_of(text, pattern)}: "), found
    return found


def test_the_minimal_pool_with_people_and_functions_loads(tmp_path: Path) -> None:
    path, _ = write(tmp_path, minimal())
    (function,) = load_scheme(path).schemes[0].functions
    assert not function.delegated and function.exercised_by == "icb"


def test_a_pooled_fund_alone_delegates_no_function(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["functions"][0]["to"] = "council"
    found = _one_error(tmp_path, data, r"^\s*to: council")
    assert (
        "schemes[0].functions[0].to: 'council' exercises another partner's function, which is"
        " lead commissioning or integrated provision, not a pooled fund alone" in found
    )
    _pool(data)["flexibilities"] = ["pooled_fund", "lead_commissioning"]
    _pool(data)["lead_commissioner"] = "icb"
    found = _one_error(tmp_path, data, r"^\s*to: council")
    assert "only the scheme's lead commissioner (icb) exercises another partner's" in found
    _pool(data)["lead_commissioner"] = "council"
    (function,) = load_scheme(write(tmp_path, data)[0]).schemes[0].functions
    assert function.delegated and function.exercised_by == "council"


# --- people and functions ----------------------------------------------------------------


def test_a_section_75_scheme_must_state_its_people(tmp_path: Path) -> None:
    data = minimal()
    del _pool(data)["people"]
    found = _one_error(tmp_path, data, r"^\s*- id: pool")
    assert "schemes[0].people: state the people this scheme is for (regulation 7(3)(d)" in found


def test_a_section_75_scheme_must_list_its_functions(tmp_path: Path) -> None:
    data = minimal()
    del _pool(data)["functions"]
    found = _one_error(tmp_path, data, r"^\s*- id: pool")
    assert "schemes[0].functions: list the functions exercised under this scheme" in found


def test_an_aligned_budget_needs_neither_people_nor_functions(tmp_path: Path) -> None:
    path, _ = write(tmp_path, minimal(two_schemes=True))
    aligned = load_scheme(path).schemes[1]
    assert aligned.people == [] and aligned.functions == []


def test_a_function_needs_its_enactment(tmp_path: Path) -> None:
    data = minimal()
    del _pool(data)["functions"][0]["enactment"]
    found = _one_error(tmp_path, data, r"^\s*- of: icb")
    assert found.endswith("schemes[0].functions[0].enactment: required field is missing")


def test_an_enactment_must_name_an_act_or_regulations(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["functions"][0]["enactment"] = "section 3"
    found = _one_error(tmp_path, data, r"^\s+enactment: section 3$")
    assert "name the enactment that confers the function" in found


def test_an_own_function_has_no_delegate(tmp_path: Path) -> None:
    data = _delegating(minimal())
    _pool(data)["functions"].append(
        {
            "of": "council",
            "description": "meeting needs",
            "enactment": "section 18 of the Care Act 2014",
        }
    )
    path, _ = write(tmp_path, data)
    scheme = load_scheme(path).schemes[0]
    assert [f.of for f in scheme.own_functions] == ["council"]
    assert [f.exercised_by for f in scheme.delegated_functions] == ["council"]


def test_a_delegated_continuing_healthcare_function_must_say_so(tmp_path: Path) -> None:
    data = _delegating(minimal())
    _pool(data)["functions"][0]["description"] = "commissioning NHS continuing healthcare"
    found = _one_error(tmp_path, data, r"^\s*- of: icb")
    assert "continuing_healthcare: its eligibility" not in found
    assert (
        "schemes[0].functions[0].continuing_healthcare: this delegated function includes" in found
    )


def test_continuing_healthcare_is_not_a_council_function(tmp_path: Path) -> None:
    data = _delegating(minimal(), to="icb")
    fn = _pool(data)["functions"][0]
    fn.update({"of": "council", "continuing_healthcare": True})
    found = _one_error(tmp_path, data, r"^\s+continuing_healthcare: true")
    assert "NHS continuing healthcare is a function of an NHS body" in found


def test_a_function_of_an_unknown_partner(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["functions"][0]["to"] = "councl"
    found = _one_error(tmp_path, data, r"^\s+to: councl")
    assert "partner 'councl' is not a partner (did you mean 'council'?)" in found


# --- contracts -----------------------------------------------------------------------------


def _service(**fields: Any) -> dict[str, Any]:
    return {"name": "Reablement", "provider": "A Provider Ltd", **fields}


def test_a_contract_needs_its_holder(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["services"] = [_service(contract="C-1")]
    found = _one_error(tmp_path, data, r"^\s*- name: Reablement")
    assert "services[0].holder: say who holds contract C-1" in found


def test_a_contract_held_outside_the_host_needs_a_funding_route(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["services"] = [_service(contract="C-1", holder="icb")]
    found = _one_error(tmp_path, data, r"^\s*- name: Reablement")
    assert (
        "services[0].funding_route: the contract is held by icb, not by the scheme's host" in found
    )
    _pool(data)["services"][0]["funding_route"] = "recharge"
    path, _ = write(tmp_path, data)
    assert load_scheme(path).schemes[0].services[0].funding_route == "recharge"


def test_a_contract_held_by_a_body_that_is_not_a_party(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["services"] = [_service(contract="C-1", holder_body="A District Council")]
    found = _one_error(tmp_path, data, r"^\s*- name: Reablement")
    assert "held by A District Council" in found


def test_a_contract_holder_must_be_a_partner(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["services"] = [_service(contract="C-1", holder="icbb", funding_route="recharge")]
    found = _one_error(tmp_path, data, r"^\s+holder: icbb")
    assert "contract holder 'icbb' is not a partner (did you mean 'icb'?)" in found


def test_one_contract_reference_cannot_serve_two_services_in_two_schemes(tmp_path: Path) -> None:
    data = minimal(two_schemes=True)
    _pool(data)["services"] = [_service(contract="C-1", holder="council")]
    data["schemes"][1]["services"] = [
        {"name": "Memory clinic", "provider": "A Trust", "contract": "C-1", "holder": "icb"}
    ]
    path, text = write(tmp_path, data)
    (found,) = errors(path)
    last = [n for n, line in enumerate(text.splitlines(), 1) if "contract: C-1" in line][-1]
    assert found.startswith(f"{path}:{last}: schemes[1].services[0].contract: ")
    assert (
        "contract C-1 is already listed in scheme 'pool' for another service ('Reablement')"
        in found
    )


def test_the_same_service_under_one_contract_in_two_schemes_is_allowed(tmp_path: Path) -> None:
    data = minimal(two_schemes=True)
    _pool(data)["services"] = [_service(contract="C-1", holder="council")]
    data["schemes"][1]["services"] = [_service(contract="C-1", holder="council")]
    path, _ = write(tmp_path, data)
    assert len(load_scheme(path).schemes) == 2


# --- staff, goods, services and accommodation ---------------------------------------------------


def _staff(data: dict[str, Any], **fields: Any) -> None:
    _pool(data)["resources"] = {"staff": [{"description": "nurses", **fields}]}


def test_a_resource_names_its_provider_once(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["resources"] = {"goods": [{"description": "hoists"}]}
    found = _one_error(tmp_path, data, r"^\s*- description: hoists")
    assert "resources.goods[0].provided_by: say who provides it" in found


def test_staff_of_a_body_that_is_not_a_party_need_their_agreement(tmp_path: Path) -> None:
    data = minimal()
    _staff(data, body="A Foundation Trust", used_by="council", basis="non_party")
    found = _one_error(tmp_path, data, r"^\s*- description: nurses")
    assert (
        "resources.staff[0].agreement: name the secondment (or honorary contract) agreement"
        in found
    )


def test_staff_of_a_body_that_is_not_a_party_are_on_a_non_party_basis(tmp_path: Path) -> None:
    data = minimal()
    _staff(data, body="A Foundation Trust", used_by="council", agreement="a tripartite agreement")
    found = _one_error(tmp_path, data, r"^\s*- description: nurses")
    assert "resources.staff[0].basis: staff employed by a body that is not a party" in found


def test_a_section_113_placement_needs_prior_consultation(tmp_path: Path) -> None:
    data = minimal()
    _staff(data, provided_by="icb", used_by="council", basis="section_113")
    found = _one_error(tmp_path, data, r"^\s*- description: nurses")
    assert "resources.staff[0].consulted: section 113(1): the employer must consult" in found


def test_consultation_must_end_before_the_agreement_is_made(tmp_path: Path) -> None:
    data = minimal()
    data["agreement"]["date"] = dt.date(2026, 3, 20)
    _staff(
        data,
        provided_by="icb",
        used_by="council",
        basis="section_113",
        consulted=dt.date(2026, 3, 25),
    )
    found = _one_error(tmp_path, data, r"^\s+consulted: 2026-03-25")
    assert "consultation (2026-03-25) must end before the agreement is made (2026-03-20)" in found


def test_a_placement_names_the_partner_receiving_the_staff(tmp_path: Path) -> None:
    data = minimal()
    _staff(data, provided_by="icb", basis="secondment")
    found = _one_error(tmp_path, data, r"^\s*- description: nurses")
    assert "resources.staff[0].used_by: a secondment places staff with another partner" in found


def test_nhs_staff_in_a_council_integrated_service_need_clinical_negligence_cover(
    tmp_path: Path,
) -> None:
    data = minimal()
    pool = _pool(data)
    pool["flexibilities"] = ["pooled_fund", "integrated_provision"]
    pool["provider"] = "council"
    _staff(
        data,
        body="A Foundation Trust",
        used_by="council",
        basis="non_party",
        agreement="a tripartite agreement",
    )
    found = _one_error(tmp_path, data, r"^\s*- id: pool")
    assert "regulation.clinical_negligence: NHS clinical staff work in a service a council" in found
    pool["regulation"] = {
        "cqc_registered_body": "A Foundation Trust",
        "clinical_negligence": "the Trust keeps its CNST membership",
    }
    path, _ = write(tmp_path, data)
    assert load_scheme(path).schemes[0].regulation is not None


# --- dates and lead officers --------------------------------------------------------------------


def test_a_contribution_before_the_scheme_starts_is_refused(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["start"] = dt.date(2027, 4, 1)
    data["agreement"]["initial_term_end"] = dt.date(2028, 3, 31)
    path, text = write(tmp_path, data)
    found = errors(path)
    years = [n for n, line in enumerate(text.splitlines(), 1) if "year: 2026/27" in line]
    assert found == [
        f"{path}:{n}: schemes[0].contributions[{i}].year: a contribution for 2026/27 falls"
        " before the scheme starts (2027-04-01)"
        for i, n in enumerate(years)
    ]


def test_a_contribution_after_the_scheme_ends_is_refused(tmp_path: Path) -> None:
    data = minimal()
    data["agreement"]["initial_term_end"] = dt.date(2028, 3, 31)
    _pool(data)["end"] = dt.date(2027, 3, 31)
    _pool(data)["contributions"][0]["year"] = "2027/28"
    found = _one_error(tmp_path, data, r"year: 2027/28")
    assert "a contribution for 2027/28 falls after the scheme ends (2027-03-31)" in found


def test_a_scheme_cannot_start_before_the_agreement(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["start"] = dt.date(2026, 1, 1)
    found = _one_error(tmp_path, data, r"^\s+start: 2026-01-01")
    assert "cannot start (2026-01-01) before the agreement's commencement (2026-04-01)" in found


def test_a_scheme_cannot_outlast_every_extension(tmp_path: Path) -> None:
    data = minimal()
    data["agreement"]["extension"] = {"period_months": 12, "max_extensions": 1}
    _pool(data)["end"] = dt.date(2028, 4, 30)
    found = _one_error(tmp_path, data, r"^\s+end: 2028-04-30")
    assert "beyond the agreement's last possible day (2028-03-31)" in found


def test_lead_officers_belong_to_partners(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["lead_officers"] = {"council": "Director", "ibc": "Director of Place"}
    found = _one_error(tmp_path, data, r"^\s+ibc: Director of Place")
    assert "lead officer's partner 'ibc' is not a partner (did you mean 'icb'?)" in found


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2028, 3, 31), 12, dt.date(2029, 3, 31)),
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),
        (dt.date(2027, 2, 28), 1, dt.date(2027, 3, 31)),
        (dt.date(2027, 1, 15), 13, dt.date(2028, 2, 15)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_a_funding_route_for_a_contract_the_host_holds_is_refused(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["services"] = [_service(contract="C-1", holder="council", funding_route="recharge")]
    found = _one_error(tmp_path, data, r"^\s*funding_route: recharge")
    assert "a funding route applies only to a contract held by a partner" in found


# --- contracts through which the holder pays its own line ----------------------------------


def test_a_direct_contract_names_one_of_its_holders_lines(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["services"] = [_service(contract="C-1", holder="icb", funding_route="direct")]
    found = _one_error(tmp_path, data, r"^\s*- name: Reablement")
    assert "services[0].line: name the line of icb's contribution" in found
    assert "(one of: NHS contribution)" in found
    _pool(data)["services"][0]["line"] = "NHS contributon"
    found = _one_error(tmp_path, data, r"^\s*line: NHS contributon")
    assert "'NHS contributon' is not one of icb's lines in this scheme" in found
    assert "(did you mean 'NHS contribution'?)" in found
    _pool(data)["services"][0]["line"] = "NHS contribution"
    (service,) = load_scheme(write(tmp_path, data)[0]).schemes[0].services
    assert service.funding_route == "direct" and service.line == "NHS contribution"


def test_a_line_without_a_direct_route_is_refused(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["services"] = [
        _service(contract="C-1", holder="icb", funding_route="recharge", line="Other")
    ]
    found = _one_error(tmp_path, data, r"^\s*line: Other")
    assert "line goes with funding_route: direct" in found


# --- registration, package panels and conditional ends ------------------------------------


def test_a_registration_applied_for_says_who_carries_on_meanwhile(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["regulation"] = {"cqc_registered": "council", "registration": "applied"}
    found = _one_error(tmp_path, data, r"^\s*cqc_registered: council")
    assert "regulation.until_registered: the registration has been applied for" in found
    _pool(data)["regulation"] = {"registration": "held"}
    found = _one_error(tmp_path, data, r"^\s*registration: held")
    assert "say who is registered: cqc_registered" in found
    _pool(data)["regulation"] = {"cqc_registered": "council", "evidence": "a certificate"}
    found = _one_error(tmp_path, data, r"^\s*evidence: a certificate")
    assert "evidence goes with registration: held or applied" in found


def test_a_packages_panel_needs_a_lead_commissioner(tmp_path: Path) -> None:
    data = minimal()
    _pool(data)["packages"] = {"panel": "Joint Funding Panel"}
    found = _one_error(tmp_path, data, r"^\s*packages:")
    assert "a packages panel approves packages that a lead commissioner arranges" in found
    _delegating(data)
    scheme = load_scheme(write(tmp_path, data)[0]).schemes[0]
    assert scheme.packages is not None and scheme.packages.forecast_margin == 5


def test_an_end_condition_falls_before_the_end_and_runs_on_after_it(tmp_path: Path) -> None:
    data = minimal()
    cond = {"condition": "a successor is in place", "by": "2026-09-30"}
    _pool(data)["end_condition"] = {**cond, "otherwise_until": "2027-03-31"}
    found = _one_error(tmp_path, data, r"^\s*end_condition:")
    assert "an end condition needs the end date it qualifies: add end" in found
    _pool(data)["end"] = "2026-12-31"
    _pool(data)["end_condition"] = {**cond, "by": "2027-01-31", "otherwise_until": "2027-03-31"}
    found = _one_error(tmp_path, data, r"^\s*by: '?2027-01-31")
    assert "the condition must be met before the scheme's end date (2026-12-31)" in found
    _pool(data)["end_condition"] = {**cond, "otherwise_until": "2026-11-30"}
    found = _one_error(tmp_path, data, r"^\s*otherwise_until:")
    assert "otherwise_until must be after the scheme's end date" in found
    _pool(data)["end_condition"] = {**cond, "otherwise_until": "2027-09-30"}
    found = _one_error(tmp_path, data, r"^\s*otherwise_until:")
    assert "beyond the agreement's last possible day (2027-03-31)" in found
    _pool(data)["end_condition"] = {**cond, "otherwise_until": "2027-03-31"}
    scheme = load_scheme(write(tmp_path, data)[0]).schemes[0]
    assert scheme.end_condition is not None
    assert scheme.end_condition.otherwise_until == dt.date(2027, 3, 31)


# --- the base of the proportionate rule ---------------------------------------------------


def test_the_proportionate_base_leaves_out_ring_fenced_lines_and_falls_back_to_estimates(
    tmp_path: Path,
) -> None:
    data = minimal()
    lines = _pool(data)["contributions"]
    lines.append(
        {
            "partner": "council",
            "line": "Grant",
            "year": "2026/27",
            "amount": "5,000.00",
            "ring_fenced": True,
        }
    )
    scheme = load_scheme(write(tmp_path, data)[0]).schemes[0]
    assert scheme.risk_base("2026/27") == {"icb": 10000, "council": Decimal("2345.67")}
    # 10,000 / 12,345.67 = 81.0000...%: rounded to two places
    assert scheme.risk_percentages("2026/27") == {"icb": Decimal("81.00"), "council": 19}
    for line in lines:
        if not line.get("ring_fenced"):
            line["share"] = "variable"
    scheme = load_scheme(write(tmp_path, data)[0]).schemes[0]
    # no fixed line that is not ring-fenced: the estimates of the variable lines
    assert scheme.risk_base("2026/27") == {"icb": 10000, "council": Decimal("2345.67")}
    lines[0]["share"] = "fixed"
    scheme = load_scheme(write(tmp_path, data)[0]).schemes[0]
    assert scheme.risk_percentages("2026/27") == {"icb": 100}
