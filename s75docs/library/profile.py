"""The statutory profile as library data (data/statutory_profile.yaml): each requirement of
section 75, the 2000 Regulations and the Better Care Fund law, keyed by id, with the provisions
(labels) and scheme data fields that meet it. Parsed here so library-lint can check that every
label it needs is still declared; evaluated against a built agreement by s75docs.statute."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from s75docs.errors import InputError, Location
from s75docs.model.scheme import Flexibility

STEM = "statutory_profile"  # the library data file's name

# when a requirement applies to a scheme: a flexibility, or one of these conditions
CONDITIONS = (
    "always",
    "bcf",
    "delegated",  # a partner exercises another partner's function
    "council-exercises-nhs",  # regulation 9: a council exercises an NHS body's function
    "nhs-exercises-council",  # regulation 8: an NHS body exercises a council's function
    "nhs-trust",  # an NHS trust takes part in the scheme (hosts, leads, provides, pays, acts)
    *(f.value for f in Flexibility),
)
SCOPES = ("agreement", "scheme")


@dataclass(frozen=True)
class Requirement:
    id: str
    law: dict[str, str]  # condition -> the provision that imposes it there
    what: str
    scope: str
    labels: tuple[str, ...]  # agreement labels; "spec-..." are the scheme's own schedule's
    fields: tuple[str, ...]  # scheme fields (scope scheme) or agreement fields
    source: str


def requirements(raw: Any, file: str = STEM) -> list[Requirement]:
    """The profile from library data, refusing a malformed entry with its id."""
    if raw is None:
        return []
    where = Location(file)
    if not isinstance(raw, dict):
        raise InputError("the statutory profile must map requirement ids to entries", where)
    out: list[Requirement] = []
    for rid, entry in raw.items():
        if entry is None:  # a council library cannot switch a requirement off
            raise InputError(f"requirement '{rid}' cannot be removed", where)
        if not isinstance(entry, dict):
            raise InputError(f"requirement '{rid}': give law, what, scope", where)
        law = entry.get("law")
        if isinstance(law, str):
            law = {"always": law}
        if not isinstance(law, dict) or not law:
            raise InputError(f"requirement '{rid}': 'law' maps conditions to provisions", where)
        unknown = [c for c in law if c not in CONDITIONS]
        if unknown:
            raise InputError(
                f"requirement '{rid}': unknown condition '{unknown[0]}'"
                f" (choose from {', '.join(CONDITIONS)})",
                where,
            )
        scope = entry.get("scope", "scheme")
        if scope not in SCOPES:
            raise InputError(f"requirement '{rid}': scope is 'agreement' or 'scheme'", where)
        out.append(
            Requirement(
                id=str(rid),
                law={str(k): str(v) for k, v in law.items()},
                what=str(entry.get("what", "")),
                scope=scope,
                labels=tuple(map(str, entry.get("labels") or ())),
                fields=tuple(map(str, entry.get("fields") or ())),
                source=str(entry.get("source", "")),
            )
        )
    return out
