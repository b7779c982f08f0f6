"""The Jinja context a library template sees: the scheme data and drafting helpers."""

from __future__ import annotations

from typing import Any

from s75docs.assemble.markup import money
from s75docs.model.bcf import bcf_date, policy_for
from s75docs.model.scheme import (
    FLEXIBILITY_NAMES,
    Flexibility,
    Partner,
    RiskRule,
    Scheme,
    SchemeFile,
)
from s75docs.words import join_and, join_or, long_date, words


def term(partner: Partner) -> str:
    """A partner's short name marked as a defined term: *Council*."""
    return f"*{partner.short_name}*"


# the words other_partner() takes: how the sentence picks among the other partners
OTHER_PARTNER_WORDS = ("the", "each", "any", "another")


def other_partner(partner_count: int, word: str = "the", adjective: str = "") -> str:
    """The partner or partners a sentence is not about. With two partners always "the other
    *Partner*"; with more, the word decides: "the other *Partner*s", "each other *Partner*",
    "any other *Partner*", "another *Partner*". An adjective stands before the noun only
    when there are more than two ("each other contributing *Partner*"), because with two the
    other partner is the only one. A capital word ("Each") gives a capital ("The")."""
    chosen = word.lower()
    if chosen not in OTHER_PARTNER_WORDS:
        allowed = ", ".join(f'"{w}"' for w in OTHER_PARTNER_WORDS)
        raise ValueError(f'other_partner() takes {allowed}, not "{word}"')
    if partner_count == 2:
        phrase = "the other *Partner*"
    else:
        noun = f"{adjective} *Partner*" if adjective else "*Partner*"
        phrase = {
            "the": f"the other {noun}s",
            "each": f"each other {noun}",
            "any": f"any other {noun}",
            "another": f"another {noun}",
        }[chosen]
    return phrase[:1].upper() + phrase[1:] if word[:1].isupper() else phrase


def parties_to(data: SchemeFile, scheme: Scheme) -> list[Partner]:
    """The partners party to an individual scheme (its Scheme Partners), in the order of the
    agreement's partners: those that contribute to it and its host, lead commissioner and
    integrated provider."""
    keys = {c.partner for c in scheme.contributions}
    keys |= {k for k in (scheme.host, scheme.lead_commissioner, scheme.provider) if k}
    return [p for p in data.partners if p.key in keys]


def make_context(
    data: SchemeFile, scheme: Scheme | None = None, library_data: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything a template may use. Adding a name here is adding to the library's API."""
    policy: dict[str, Any] = dict((library_data or {}).get("bcf") or {})
    bcf_as_at = bcf_date(data)

    def bcf_policy(year: str) -> Any:
        """The national BCF framework, conditions and metrics for a financial year as they
        stood when the agreement was made or last varied (data/bcf.yaml)."""
        return policy_for(policy, year, bcf_as_at)

    councils = [p for p in data.partners if p.kind.is_council]
    nhs = [p for p in data.partners if not p.kind.is_council]

    def uses(flexibility: str) -> bool:
        return data.uses(Flexibility(flexibility))

    def schemes_using(flexibility: str) -> list[Scheme]:
        return [s for s in data.schemes if s.uses(Flexibility(flexibility))]

    def partner(key: str) -> Partner:
        return data.partner(key)

    def names(partners: list[Partner]) -> str:
        """Short names for "the {{ names(...) }}": "*WLCCG* and the *ELRCCG*", so the
        sentence reads "the WLCCG and the ELRCCG"."""
        marked = [term(p) for p in partners]
        return join_and([marked[0], *(f"the {m}" for m in marked[1:])]) if marked else ""

    count = len(data.partners)

    def parties_of(s: Scheme) -> list[Partner]:
        return parties_to(data, s)

    def other_partner_of(word: str = "the", adjective: str = "") -> str:
        return other_partner(count, word, adjective)

    ctx: dict[str, Any] = {
        "data": data,
        "agreement": data.agreement,
        "partners": data.partners,
        "council": councils[0],
        "councils": councils,
        "nhs_partners": nhs,
        "schemes": data.schemes,
        "years": data.years,
        "bcf": any(s.bcf for s in data.schemes),
        "bcf_schemes": [s for s in data.schemes if s.bcf],
        "multi_nhs": len(nhs) > 1,
        # "the other Partner" or "the other Partners", and the rest of that choice
        "two_partners": count == 2,
        "other_partners": other_partner(count).removeprefix("the "),
        "other_partner": other_partner_of,
        # the Scheme Partners of a scheme: its contributors, host, lead and provider
        "parties_to": parties_of,
        "risk_rules": {r.value for s in data.schemes for r in [s.risk_share.rule]},
        "flexibility_names": {f.value: n for f, n in FLEXIBILITY_NAMES.items()},
        "RiskRule": {r.name: r.value for r in RiskRule},
        "uses": uses,
        "schemes_using": schemes_using,
        "partner": partner,
        "term": term,
        "names": names,
        "money": money,
        "total": data.total,
        "join_and": join_and,
        "join_or": join_or,
        "date": long_date,
        "words": words,
        "bcf_policy": bcf_policy,
        "bcf_years": sorted(policy),
        "bcf_as_at": bcf_as_at,
        # illustrative figures for Schedule 8's worked examples (data/worked_examples.yaml)
        "worked_examples": (library_data or {}).get("worked_examples") or {},
        "joint_posts": data.agreement.joint_posts,
        "dfg_pass_through": [a for s in data.schemes for a in s.dfg_pass_through],
    }
    if scheme is not None:
        ctx["scheme"] = scheme
        ctx["host"] = data.partner(scheme.host) if scheme.host else None
        ctx["lead"] = data.partner(scheme.lead_commissioner) if scheme.lead_commissioner else None
        ctx["provider"] = data.partner(scheme.provider) if scheme.provider else None
        ctx["scheme_partners"] = [
            p for p in data.partners if any(c.partner == p.key for c in scheme.contributions)
        ]
        ctx["scheme_parties"] = parties_to(data, scheme)
    return ctx
