"""The builder's execution blocks: every word printed is set here, none in a writer."""

from __future__ import annotations

import pytest

from s75docs.assemble.builder import execution_blocks
from s75docs.doctree.nodes import ExecutionBlock, ExecutionMethod
from s75docs.model.scheme import Execution, SchemeFile
from tests.helpers import mini_scheme


def _with(how: Execution) -> SchemeFile:
    data = mini_scheme()
    partners = [p.model_copy(update={"execution": how}) for p in data.partners]
    return data.model_copy(update={"partners": partners})


@pytest.mark.parametrize(
    ("how", "as_deed", "wording"),
    [
        (Execution.SEAL, True, "The common seal of {} was affixed to this deed in the presence of"),
        (Execution.SEAL, False, "The common seal of {} was affixed in the presence of"),
        (Execution.DEED, True, "Executed as a deed by {} acting by two authorised signatories"),
        (Execution.DEED, False, "Executed as a deed by {} acting by two authorised signatories"),
        (Execution.SIGNATURE, True, "Executed as a deed by {} acting by its authorised signatory"),
        (Execution.SIGNATURE, False, "Signed for and on behalf of {} by its authorised signatory"),
    ],
)
def test_each_block_holds_its_attestation(how: Execution, as_deed: bool, wording: str) -> None:
    data = _with(how)
    blocks = execution_blocks(data, as_deed=as_deed)
    assert [b.wording for b in blocks if isinstance(b, ExecutionBlock)] == [
        wording.format(p.legal_name) + ":" for p in data.partners
    ]


@pytest.mark.parametrize("how", list(Execution))
def test_only_a_sealing_partner_is_told_where_the_seal_goes(how: Execution) -> None:
    (block, *_) = execution_blocks(_with(how), as_deed=True)
    assert isinstance(block, ExecutionBlock)
    assert block.method is ExecutionMethod(how.value)
    sealed = how is Execution.SEAL
    assert block.instruction == ("Affix the common seal here" if sealed else "")


def test_one_signatory_signs_under_hand_and_two_otherwise() -> None:
    def roles(how: Execution) -> list[str]:
        (council, *_) = execution_blocks(_with(how), as_deed=False)  # it names no roles
        assert isinstance(council, ExecutionBlock)
        return [s.role for s in council.signatories]

    assert roles(Execution.SIGNATURE) == ["Authorised signatory"]
    assert roles(Execution.SEAL) == roles(Execution.DEED) == ["Authorised signatory"] * 2
