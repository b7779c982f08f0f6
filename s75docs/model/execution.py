"""Checks of how each partner executes: a deed needs a seal or officers authorised to sign
deeds, a seal of an NHS trust two signatures, a deed signed by one officer a witness."""

from __future__ import annotations

from s75docs.model.scheme import Execution, PartnerKind, SchemeFile

ExecutionProblem = tuple[tuple[str | int, ...], str]


def execution_errors(s: SchemeFile) -> list[ExecutionProblem]:
    """The execution of each partner, against the agreement's form (deed or under hand).
    A deed of variation is always a deed, so the same rules keep it makeable."""
    out: list[ExecutionProblem] = []
    as_deed = s.agreement.execution_as_deed
    for i, p in enumerate(s.partners):
        base = ("partners", i)
        if p.signatories and p.signatory_roles:
            out.append(
                ((*base, "signatory_roles"), "give signatories or signatory_roles, not both")
            )
        if as_deed and p.execution is Execution.SIGNATURE:
            out.append(
                (
                    (*base, "execution"),
                    f"{p.legal_name} is a statutory corporation and cannot execute a deed by"
                    " signing under hand: use 'seal' (its common seal, authenticated as its"
                    " constitution or standing orders provide) or 'deed' (signed by the officers"
                    " they authorise to execute deeds, named in execution_basis)",
                )
            )
        if p.execution is Execution.DEED:
            if not p.execution_basis:
                out.append(
                    (
                        (*base, "execution_basis"),
                        "execution 'deed' needs the provision that authorises the officers to"
                        " execute deeds without the seal, e.g. 'paragraph 7 of its Scheme of"
                        " Reservation and Delegation'",
                    )
                )
            if len(p.signers) < 2 and not p.witness:
                out.append(((*base, "witness"), "a deed signed by one officer needs witness: true"))
        if p.kind is PartnerKind.NHS_TRUST and p.execution is Execution.SEAL and len(p.signers) < 2:
            out.append(
                (
                    (*base, "signatories"),
                    "the fixing of an NHS trust's seal is authenticated by two signatures: the"
                    " chair or a person the trust authorises, and one other director (National"
                    " Health Service Act 2006, Schedule 4, paragraph 33)",
                )
            )
    return out
