"""The statutory profile checked against a built agreement: for each requirement that applies
(to the agreement, or to each scheme), where it is met and what is missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from s75docs.library.profile import Requirement
from s75docs.model.scheme import Flexibility, Function, PartnerKind, Scheme, SchemeFile
from s75docs.transforms.labels import Labels


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not met"


def conditions(req: Requirement, scheme: Scheme | None, data: SchemeFile) -> list[str]:
    """The conditions of a requirement's `law` that hold (for a scheme, or for any scheme)."""
    schemes = [scheme] if scheme is not None else data.schemes
    return [c for c in req.law if any(_holds(c, s, data) for s in schemes)]


def cites(req: Requirement, scheme: Scheme | None, data: SchemeFile) -> str:
    """The provisions that impose the requirement here, each once."""
    seen: list[str] = []
    for c in conditions(req, scheme, data):
        if req.law[c] not in seen:
            seen.append(req.law[c])
    return "; ".join(seen)


@dataclass
class Finding:
    requirement: Requirement
    scheme: Scheme | None
    law: str  # the provisions that impose it here ("regulation 7(3)(e)")
    where: list[str] = field(default_factory=list)  # "Clause 14.2", "data: people"
    missing: list[str] = field(default_factory=list)

    @property
    def status(self) -> Status:
        return Status.NOT_MET if self.missing else Status.MET

    def explain(self) -> str:
        """One line for an error: what is not met, where, and what is missing."""
        whose = f" for scheme '{self.scheme.id}'" if self.scheme else ""
        return (
            f"{self.law} ({self.requirement.what}) is not met{whose}: no "
            + ", no ".join(self.missing)
            + f" [{self.requirement.id}]"
        )


def _holds(condition: str, scheme: Scheme, data: SchemeFile) -> bool:
    if condition == "always":
        return True
    if condition == "bcf":
        return scheme.bcf
    if condition == "nhs-trust":
        return any(data.partner(k).kind is PartnerKind.NHS_TRUST for k in _parties(scheme))
    if condition in ("delegated", "council-exercises-nhs", "nhs-exercises-council"):
        for f in scheme.functions:
            of, to = _exercise(f)
            if not to or to == of:
                continue
            owner, actor = data.partner(of), data.partner(to)
            if condition == "delegated":
                return True
            council_does_nhs = actor.kind.is_council and not owner.kind.is_council
            nhs_does_council = owner.kind.is_council and not actor.kind.is_council
            if condition == "council-exercises-nhs" and council_does_nhs:
                return True
            if condition == "nhs-exercises-council" and nhs_does_council:
                return True
        return False
    return scheme.uses(Flexibility(condition))


def _parties(scheme: Scheme) -> set[str]:
    """The partners that take part in a scheme: contributors, host, lead, provider, and the
    partners whose functions it concerns."""
    keys = {c.partner for c in scheme.contributions}
    keys |= {k for k in (scheme.host, scheme.lead_commissioner, scheme.provider) if k}
    for f in scheme.functions:
        keys |= set(_exercise(f))
    return keys


def _exercise(function: Function) -> tuple[str, str]:
    """Whose function it is and who exercises it (the same partner for its own function)."""
    return function.of, function.exercised_by


def evaluate(reqs: list[Requirement], data: SchemeFile, labels: Labels) -> list[Finding]:
    """Every requirement that applies, for the agreement or for each scheme it applies to."""
    found: list[Finding] = []
    for req in reqs:
        if req.scope == "agreement":
            if conditions(req, None, data):
                found.append(_finding(req, None, data, labels))
            continue
        for scheme in data.schemes:
            if conditions(req, scheme, data):
                found.append(_finding(req, scheme, data, labels))
    return found


def _finding(req: Requirement, scheme: Scheme | None, data: SchemeFile, labels: Labels) -> Finding:
    out = Finding(req, scheme, cites(req, scheme, data))
    for label in req.labels:
        full = f"scheme-{scheme.id}.{label}" if scheme and label.startswith("spec-") else label
        citation = labels.cite(full)
        if citation is None:
            out.missing.append(f"provision '{label}'")
        else:
            out.where.append(citation.text)
    for name in req.fields:
        holder: Any = scheme if scheme is not None else data.agreement
        if _filled(holder, name):
            out.where.append(f"data: {name}")
        else:
            out.missing.append(f"field '{name}'")
    return out


def _filled(holder: Any, path: str) -> bool:
    """Whether a field is given: `people`, or `functions[].enactment` (every item's)."""
    head, _, rest = path.partition(".")
    each = head.endswith("[]")
    value = getattr(holder, head.removesuffix("[]"), None)
    if each:
        items = list(value or [])
        return bool(items) and all(_filled(item, rest) if rest else bool(item) for item in items)
    if rest:
        return value is not None and _filled(value, rest)
    return bool(value)
