"""Three or more partners: rights follow the schemes a partner is party to (Kestrel review C1),
while a two-partner agreement keeps its wording."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from s75docs.assemble.context import make_context, parties_to
from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree
from tests.library.test_format_doc import agreement_lines

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@cache
def _data(name: str) -> SchemeFile:
    return load_scheme(EXAMPLES / name / "scheme.yaml")


@cache
def _text(name: str) -> str:
    return "\n".join(agreement_lines(build_tree(_data(name), load_library([]))))


def _para(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if start in line)


def test_scheme_partners_are_contributors_host_lead_and_provider() -> None:
    data = _data("kestrel")
    keys = {s.id: [p.key for p in parties_to(data, s)] for s in data.schemes}
    trust = next(p.key for p in data.partners if p.kind.value == "nhs_trust")
    with_trust = [sid for sid, ks in keys.items() if trust in ks]
    assert with_trust == ["intermediate-care"]
    assert all(len(ks) >= 2 for ks in keys.values())
    ctx = make_context(data, data.schemes[1])
    assert [p.key for p in ctx["scheme_parties"]] == keys[data.schemes[1].id]


def test_a_notice_ends_only_the_schemes_the_partner_is_party_to() -> None:
    text = _text("kestrel")
    assert "Scheme Partner means, for an Individual Scheme, each Partner" in text
    withdrawal = _para(text, "A Partner's rights under this Agreement follow the Individual")
    assert "ends only as between that Partner and the other Partners" in withdrawal
    assert "No Partner may end an Individual Scheme of which it is not a Scheme Partner" in (
        withdrawal
    )
    assert (
        "is also notice to end each Individual Scheme of which the Partner giving it is a"
        " Scheme Partner" in text
    )
    assert "by the written agreement of its Scheme Partners, made as a Structural" in text


def test_other_rights_to_end_schemes_belong_to_their_scheme_partners() -> None:
    text = _text("kestrel")
    fm = _para(text, "If a Force Majeure Event prevents the Affected Partner")
    assert "any Scheme Partner of an Individual Scheme affected may end that" in fm
    cil = _para(text, "If the Partners have not agreed a variation within three Months")
    assert "any Scheme Partner of the Individual Scheme affected may end it" in cil
    default = _para(text, "If the Defaulting Partner has not put the failure right")
    assert "of which both it and the Defaulting Partner are Scheme Partners" in default
    assert "It may not end any other Individual Scheme." in default


def test_pooled_funds_variations_and_the_group_follow_the_scheme() -> None:
    text = _text("kestrel")
    assert "Kestrel Better Care Fund, established by the Council and the ICB" in text
    assert "need be executed only by or on behalf of the Scheme Partners" in text
    assert "only the Scheme Partners of those Individual Schemes vote" in text
    conflict = _para(text, "that Partner has an institutional conflict of interest")
    assert "withdraw, will not vote and will not be counted in the quorum" in conflict
    assert "will not receive the papers" in conflict
    assert "The Trust is not party to it" in text


def test_payment_powers_give_section_256_only_to_the_icb() -> None:
    powers = _para(_text("kestrel"), "Where a payment is made for an aligned budget")
    assert "the ICB under section 256 of the 2006 Act" in powers
    assert "the Trust under any power available to it" in powers
    draft = _para(_text("kestrel"), "agreement-of-balances exercise")
    assert "the ICB or the Trust gives the other Partners" in draft
    assert "NHS Partner" not in _text("kestrel")


def test_two_partner_agreements_keep_their_wording() -> None:
    text = _text("fairhaven")
    assert "Scheme Partner" not in text
    assert "Any Partner may end this Agreement by giving the other Partner" in text
    assert "by the written agreement of the Partners contributing to it" in text
    assert "whether into a Pooled Fund, to the other Partner or to providers" in text
