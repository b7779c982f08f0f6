"""The builder's execution blocks: every word printed is set here, none in a writer."""

from __future__ import annotations

from typing import Any

import pytest

from s75docs.assemble.builder import WITNESS_LINES, execution_blocks
from s75docs.doctree.nodes import ExecutionBlock, ExecutionMethod
from s75docs.errors import InputError
from s75docs.model.scheme import Execution, PartnerKind, SchemeFile, Signatory
from tests.helpers import mini_scheme


def _with(how: Execution, **more: Any) -> SchemeFile:
    data = mini_scheme()
    partners = [p.model_copy(update={"execution": how, **more}) for p in data.partners]
    return data.model_copy(update={"partners": partners})


def _blocks(data: SchemeFile, *, as_deed: bool) -> list[ExecutionBlock]:
    return [b for b in execution_blocks(data, as_deed=as_deed) if isinstance(b, ExecutionBlock)]


@pytest.mark.parametrize(
    ("how", "as_deed", "wording"),
    [
        (
            Execution.SEAL,
            True,
            "Executed as a deed by {} by affixing its common seal in the presence of, and"
            " authenticated by, the persons below, authorised to do so by {}",
        ),
        (
            Execution.SEAL,
            False,
            "The common seal of {} was affixed in the presence of, and authenticated by, the"
            " persons below, authorised to do so by {}",
        ),
        (
            Execution.DEED,
            True,
            "Executed as a deed by {}, acting by the officers below, authorised to execute deeds"
            " on its behalf by {}",
        ),
        (
            Execution.DEED,
            False,
            "Signed for and on behalf of {} by the persons below, authorised to do so by {}",
        ),
        (
            Execution.SIGNATURE,
            False,
            "Signed for and on behalf of {} by the person below, authorised to do so by {}",
        ),
    ],
)
def test_each_block_holds_its_attestation(how: Execution, as_deed: bool, wording: str) -> None:
    data = _with(how)
    assert [b.wording for b in _blocks(data, as_deed=as_deed)] == [
        wording.format(p.legal_name, p.authority) + ":" for p in data.partners
    ]


def test_the_authority_is_the_bodys_own_unless_the_data_names_it() -> None:
    council, icb = mini_scheme().partners
    assert council.authority == "its constitution"
    assert icb.authority == "its constitution and standing orders"
    named = council.model_copy(update={"execution_basis": "Article 14 of its Constitution"})
    assert named.authority == "Article 14 of its Constitution"


def test_a_partner_that_signs_under_hand_cannot_execute_a_deed() -> None:
    """C3: an ICB (or council, or trust) is a statutory corporation, not a company: it cannot
    make a deed by one officer signing under hand, so the builder refuses (as the scheme
    loader does, naming the field)."""
    with pytest.raises(InputError, match="cannot execute a deed"):
        execution_blocks(_with(Execution.SIGNATURE), as_deed=True)


@pytest.mark.parametrize("how", [Execution.SEAL, Execution.DEED])
def test_only_a_sealing_partner_is_told_where_the_seal_goes(how: Execution) -> None:
    (block, *_) = _blocks(_with(how), as_deed=True)
    assert block.method is ExecutionMethod(how.value)
    sealed = how is Execution.SEAL
    assert block.instruction == ("Affix the common seal here" if sealed else "")


def test_one_signatory_signs_under_hand_and_two_otherwise() -> None:
    def roles(how: Execution, as_deed: bool) -> list[str]:
        (council, *_) = _blocks(_with(how), as_deed=as_deed)  # it names no signatories
        return [s.role for s in council.signatories]

    assert roles(Execution.SIGNATURE, False) == ["Authorised signatory"]
    assert (
        roles(Execution.SEAL, True) == roles(Execution.DEED, True) == ["Authorised signatory"] * 2
    )


def test_named_signatories_are_printed_with_their_roles_and_witnesses() -> None:
    people = [Signatory(name="Jane Ode", role="Chief Executive")]
    (block, *_) = _blocks(_with(Execution.DEED, signatories=people, witness=True), as_deed=True)
    assert [(s.name, s.role) for s in block.signatories] == [("Jane Ode", "Chief Executive")]
    assert block.wording.startswith(
        "Executed as a deed by Testshire County Council, acting by the officer below,"
    )
    assert block.wording.endswith(", each signature being witnessed:")
    assert block.witness == WITNESS_LINES
    (unwitnessed, *_) = _blocks(_with(Execution.SEAL), as_deed=True)
    assert unwitnessed.witness == []


def test_an_nhs_trust_executes_like_the_other_statutory_bodies() -> None:
    data = mini_scheme()
    trust = data.partners[1].model_copy(
        update={"kind": PartnerKind.NHS_TRUST, "legal_name": "Testshire NHS Trust"}
    )
    data = data.model_copy(update={"partners": [data.partners[0], trust]})
    (_, block) = _blocks(data, as_deed=True)
    assert block.party == "Testshire NHS Trust"
    assert block.wording == (
        "Executed as a deed by Testshire NHS Trust by affixing its common seal in the presence"
        " of, and authenticated by, the persons below, authorised to do so by its standing"
        " orders:"
    )
    assert len(block.signatories) == 2


def test_a_foundation_trust_seals_as_its_constitution_provides() -> None:
    data = mini_scheme()
    trust = data.partners[1].model_copy(
        update={
            "kind": PartnerKind.NHS_FOUNDATION_TRUST,
            "legal_name": "Testshire NHS Foundation Trust",
            "signatories": [
                Signatory(name="A Chair", role="Chair"),
                Signatory(name="B Director", role="Director of Finance"),
            ],
        }
    )
    data = data.model_copy(update={"partners": [data.partners[0], trust]})
    (_, block) = _blocks(data, as_deed=True)
    assert block.wording.endswith("authorised to do so by its constitution:")
    assert [(s.name, s.role) for s in block.signatories] == [
        ("A Chair", "Chair"),
        ("B Director", "Director of Finance"),
    ]
