"""A scheme's life in the Kestrel example: one that starts later lets its lead commissioner
procure beforehand, one that ends mid-term ends only if its successor is in place in time,
and contracts through which a partner pays its own line are tied to that line."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree
from tests.assemble.test_scheme_specification import schedule_lines
from tests.library.test_format_doc import agreement_lines

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@cache
def _data() -> SchemeFile:
    return load_scheme(EXAMPLES / "kestrel" / "scheme.yaml")


@cache
def _lines(data: SchemeFile | None = None) -> tuple[str, ...]:
    return tuple(agreement_lines(build_tree(data or _data(), load_library([]))))


def _schedule(title: str, data: SchemeFile | None = None) -> str:
    return "\n".join(schedule_lines(_lines(data), title))


def test_a_scheme_starting_later_lets_its_lead_procure_from_the_date_of_the_agreement() -> None:
    falls = _schedule("Kestrel Falls Prevention Service")
    assert (
        "This Individual Scheme starts on 1 April 2027, but from the later of the Commencement"
        " Date and the date on which this Individual Scheme became part of this Agreement"
    ) in falls
    assert "not so as to provide or pay for any of the Services before this Individual" in falls
    assert "which of the Procurement Rules apply and why" in falls
    assert "the written agreement required by Clause 7.7, whatever the value" in falls
    # a scheme that starts with the agreement has no such paragraph
    assert "but from the Commencement Date the Lead Commissioner" not in _schedule(
        "Kestrel Community Equipment Service"
    )


def test_a_scheme_ending_mid_term_ends_only_if_its_successor_is_in_place_in_time() -> None:
    equipment = _schedule("Kestrel Community Equipment Service")
    assert "ends on 31 March 2027 (or later, under paragraph 12.2 of this Schedule)" in equipment
    assert (
        "This Individual Scheme ends on 31 March 2027 only if, by 31 August 2026, the Council"
        " and the ICB have made a transfer agreement with Marsh County Council"
    ) in equipment
    assert "continues until 31 March 2028, or until any earlier date" in equipment
    assert "No Partner will end a Services Contract of this Individual Scheme" in equipment
    assert "(£1,140,000 for the Council and £1,365,500 for the ICB for a whole year)" in equipment
    assert "This paragraph modifies Clause 11.1, paragraph 1 of Schedule 6 and Clause 4.2" in (
        equipment
    )
    # the data's contract arrangements name the clause they modify
    assert "(this modifies Clause 23.12.2 for this Individual Scheme, as Clause 1.3 allows)" in (
        equipment
    )


def test_the_icbs_nhs_contracts_with_the_integrated_provider_are_its_line() -> None:
    care = _schedule("Kestrel Integrated Intermediate Care Service")
    data = _data()
    scheme = next(s for s in data.schemes if s.id == "intermediate-care")
    amounts = [scheme.line_amount("icb", "Intermediate care (health)", y) for y in scheme.years]
    assert amounts == [6830000, 7035000]
    assert (
        'The ICB pays its line "Intermediate care (health)" in paragraph 7 of this Schedule only'
        " under contracts ICB-IC-2026-014 (NHS Standard Contract) and ICB-IC-2026-015 (NHS"
        " Standard Contract)"
    ) in care
    assert "together equal that line (£6,830,000 for 2026/27 and £7,035,000 for 2027/28)" in care
    assert "is made under this Agreement, not under those contracts" in care


def test_the_bcf_scheme_that_exercises_the_icbs_function_is_lead_commissioning() -> None:
    bcf = _schedule("Kestrel Better Care Fund")
    assert "This Individual Scheme uses a pooled fund and lead commissioning." in bcf
    assert "The Council is the Lead Commissioner." in bcf
