"""How each partner executes, checked when the scheme is loaded (FILE:LINE: field)."""

from __future__ import annotations

from pathlib import Path

from s75docs.model.loader import load_scheme
from tests.model.test_loader import errors, line_of, minimal, write


def test_a_body_cannot_sign_a_deed_under_hand(tmp_path: Path) -> None:
    """C3: the agreement is a deed, and an ICB signing under hand does not make one."""
    data = minimal()
    data["partners"][1]["execution"] = "signature"
    path, text = write(tmp_path, data)
    line = line_of(text, r"^\s+execution: signature$")
    (found,) = errors(path)
    assert found.startswith(
        f"{path}:{line}: partners[1].execution: NHS Testshire Integrated Care Board is a"
        " statutory corporation and cannot execute a deed by signing under hand"
    )


def test_signing_under_hand_is_fine_when_the_agreement_is_no_deed(tmp_path: Path) -> None:
    data = minimal()
    data["agreement"]["execution_as_deed"] = False
    data["partners"][1]["execution"] = "signature"
    path, _ = write(tmp_path, data)
    assert load_scheme(path).partners[1].execution.value == "signature"


def test_officers_signing_a_deed_name_their_authority_and_one_has_a_witness(
    tmp_path: Path,
) -> None:
    data = minimal()
    data["partners"][1]["execution"] = "deed"
    data["partners"][1]["signatories"] = [{"name": "A Person", "role": "Chief Executive"}]
    path, text = write(tmp_path, data)
    line = line_of(text, r"^\s+execution: deed$")
    found = errors(path)
    # a missing field has no line: the error stands at its partner's first line
    assert [e.split(": ", 2)[1] for e in found] == [
        "partners[1].execution_basis",
        "partners[1].witness",
    ]
    assert "execution 'deed' needs the provision that authorises the officers" in found[0]
    assert found[1].endswith("a deed signed by one officer needs witness: true")
    assert line > 0


def test_an_nhs_trust_seal_needs_two_signatures(tmp_path: Path) -> None:
    data = minimal()
    trust = data["partners"][1]
    trust["kind"] = "nhs_trust"
    trust["legal_name"] = "Testshire NHS Trust"
    trust["signatories"] = [{"name": "A Chair", "role": "Chair"}]
    path, text = write(tmp_path, data)
    line = line_of(text, r"^\s+signatories:$")
    (found,) = errors(path)
    assert found.startswith(
        f"{path}:{line}: partners[1].signatories: the fixing of an NHS trust's seal is"
        " authenticated by two signatures"
    )


def test_names_and_roles_are_given_one_way(tmp_path: Path) -> None:
    data = minimal()
    data["partners"][0]["signatories"] = [{"role": "Monitoring Officer"}]
    data["partners"][0]["signatory_roles"] = ["Monitoring Officer"]
    path, _ = write(tmp_path, data)
    assert any("signatories or signatory_roles, not both" in e for e in errors(path))
