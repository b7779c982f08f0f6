"""Property: any valid combination of options and partners builds cleanly.

No unresolved reference, no undefined term (the build would fail) and no unused
definition, whatever flexibilities, partner counts, risk rules and execution the data
chooses.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from s75docs.doctree.nodes import Definition, DefinitionsList, Document, Ref, Term, inlines_of
from s75docs.library.loader import Library, load_library
from s75docs.model.loader import semantic_errors
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree

COUNCIL_KINDS = ["county_council", "unitary_council", "metropolitan_council", "london_borough"]
NHS_KINDS = ["icb", "nhs_trust", "nhs_foundation_trust"]
FLEX = ["pooled_fund", "lead_commissioning", "integrated_provision", "aligned"]
YEARS = ["2026/27", "2027/28"]
_LIBRARY: list[Library] = []


def library() -> Library:
    if not _LIBRARY:
        _LIBRARY.append(load_library([]))
    return _LIBRARY[0]


def _partner(key: str, short: str, kind: str, execution: str) -> dict[str, Any]:
    return {
        "key": key,
        "legal_name": f"{short} Body of Testshire",
        "short_name": short,
        "kind": kind,
        "address": {"lines": ["1 Test Street", "Testtown"], "postcode": "TT1 1TT"},
        "contacts": [{"name": "A Officer", "role": "Director", "email": f"{key}@example.org"}],
        "execution": execution,
        # officers who sign deeds without the seal name what authorises them
        **({"execution_basis": "its scheme of delegation"} if execution == "deed" else {}),
        # an NHS trust taking part states its commissioners' consent (the statutory profile)
        **({"commissioner_consent": "given on 1 March 2026"} if kind == "nhs_trust" else {}),
    }


@st.composite
def schemes(draw: st.DrawFn) -> dict[str, Any]:
    n_nhs = draw(st.integers(1, 3))
    council = _partner(
        "council",
        "Council",
        draw(st.sampled_from(COUNCIL_KINDS)),
        draw(st.sampled_from(["seal", "deed"])),
    )
    nhs = [
        _partner(
            f"nhs{i}",
            "ICB" if i == 0 else f"Trust {i}",
            "icb" if i == 0 else draw(st.sampled_from(NHS_KINDS)),
            draw(st.sampled_from(["seal", "deed"])),
        )
        for i in range(n_nhs)
    ]
    partners = [council, *nhs]
    keys = [p["key"] for p in partners]
    years = YEARS[: draw(st.integers(1, 2))]
    scheme_list = []
    for s in range(draw(st.integers(1, 4))):
        flex = draw(st.lists(st.sampled_from(FLEX), min_size=1, max_size=4, unique=True))
        contributors = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3, unique=True))
        contributions = [
            {
                "partner": k,
                "line": f"Line {j}",
                "year": y,
                "amount": str(draw(st.integers(0, 9_000_000))) + draw(st.sampled_from(["", ".50"])),
                "share": draw(st.sampled_from(["fixed", "variable"])),
            }
            for j, k in enumerate(contributors)
            for y in years
        ]
        host = draw(st.sampled_from(keys))
        rule = draw(st.sampled_from(["none", "proportionate", "fixed", "host"]))
        risk: dict[str, Any] = {"rule": rule}
        if rule == "fixed":
            a, b = draw(st.lists(st.sampled_from(keys), min_size=2, max_size=2, unique=True))
            share = draw(st.sampled_from([50, 60, 75]))
            risk["split"] = {a: share, b: 100 - share}
        scheme: dict[str, Any] = {
            "id": f"scheme-{s}",
            "name": f"Scheme {s}",
            "flexibilities": flex,
            "bcf": s == 0 and draw(st.booleans()),
            "contributions": contributions,
            "risk_share": risk,
            # a section 75 scheme states its aims, people, functions, monitoring and leads
            # (the statutory profile); an aligned budget need not
            "aims": draw(
                st.lists(
                    st.sampled_from(["Keep people well", "Cut delays"]),
                    min_size=0 if flex == ["aligned"] else 1,
                    max_size=2,
                    unique=True,
                )
            ),
            "services": [{"name": "A service", "provider": "A provider"}]
            if draw(st.booleans())
            else [],
            "indicators": [{"name": "An indicator", "target": "10%"}]
            if flex != ["aligned"] or draw(st.booleans())
            else [],
        }
        if "pooled_fund" in flex or rule == "host" or draw(st.booleans()):
            scheme["host"] = host
            scheme["pooled_fund_manager"] = "Director of Finance"
        scheme["functions"] = [
            {
                "of": draw(st.sampled_from(keys)),
                "description": "arranging community services",
                "enactment": "section 3 of the 2006 Act",
            }
        ]
        scheme["people"] = ["adults who live in Testshire"]
        if draw(st.booleans()):
            scheme["resources"] = {
                "staff": [{"description": "officers", "provided_by": draw(st.sampled_from(keys))}],
                "goods": [{"description": "equipment", "body": "A Trust Outside The Agreement"}],
            }
            scheme["regulation"] = {"clinical_negligence": "each employer keeps its own cover"}
        if flex != ["aligned"] or draw(st.booleans()):
            scheme["lead_officers"] = {k: "Director" for k in contributors}
        if "lead_commissioning" in flex:
            scheme["lead_commissioner"] = draw(st.sampled_from(keys))
            scheme["functions"].append(
                {
                    "of": draw(st.sampled_from(keys)),
                    "to": scheme["lead_commissioner"],
                    "description": "commissioning of community services",
                    "enactment": "section 3 of the 2006 Act",
                }
            )
        if "integrated_provision" in flex:
            scheme["provider"] = draw(st.sampled_from(keys))
        if scheme["services"] and draw(st.booleans()):
            holder = draw(st.sampled_from(keys))
            # an integrated provider commissions nothing (Scheme.commissioner)
            commissioner = (
                scheme.get("lead_commissioner")
                if "lead_commissioning" in flex
                else scheme.get("host")
                if "pooled_fund" in flex
                else None
            )
            contract = {"contract": f"C-{s}", "holder": holder}
            if commissioner is not None and holder != commissioner:
                contract["funding_route"] = draw(st.sampled_from(["recharge", "novation"]))
            scheme["services"][0].update(contract)
        scheme_list.append(scheme)
    agreement: dict[str, Any] = {
        "title": "Section 75 Agreement",
        "area": "Testshire",
        "date": draw(st.sampled_from([None, dt.date(2026, 3, 1)])),
        "commencement": dt.date(2026, 4, 1),
        "initial_term_end": dt.date(2026 + len(years), 3, 31),
        "governance": {
            "health_and_wellbeing_board": "Testshire Health and Wellbeing Board",
            "joint_group": "Testshire Joint Commissioning Board",
            "finance_group": draw(st.sampled_from(["", "Testshire Finance Group"])),
        },
        "dispute": {"escalation_days": draw(st.integers(5, 30))},
        "termination_notice_months": draw(st.integers(1, 12)),
        "execution_as_deed": draw(st.booleans()),
        "money_format": draw(st.sampled_from(["pounds", "millions"])),
    }
    if draw(st.booleans()):
        agreement["extension"] = {"period_months": 12, "max_extensions": draw(st.integers(1, 3))}
    if draw(st.booleans()):
        agreement["joint_posts"] = [
            {
                "title": "Joint Commissioning Manager",
                "employer": "council",
                "funding": {"council": 50, keys[1]: 50},
            }
        ]
    return {"agreement": agreement, "partners": partners, "schemes": scheme_list}


def _terms_outside(doc: Document, definition: Definition) -> set[str]:
    """Every term used anywhere except inside the given definition itself."""
    inside = {id(definition), *(id(n) for n in definition.walk())}
    return {
        i.name
        for node in doc.walk()
        if id(node) not in inside
        for i in inlines_of(node)
        if isinstance(i, Term)
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(schemes())
def test_any_valid_scheme_builds_cleanly(raw: dict[str, Any]) -> None:
    data = SchemeFile.model_validate(raw)
    assert semantic_errors(data) == []
    doc = build_tree(data, library())  # raises on an unknown label or an undefined term
    refs = [i for n in doc.walk() for i in inlines_of(n) if isinstance(i, Ref)]
    assert refs and all(r.parts and r.resolved for r in refs)
    (definitions,) = [n for n in doc.walk() if isinstance(n, DefinitionsList)]
    printed = [d for d in definitions.children if isinstance(d, Definition)]
    unused = [d.term for d in printed if d.term not in _terms_outside(doc, d)]
    assert unused == [], f"defined but never used: {unused}"
    money = [i for n in doc.walk() for i in inlines_of(n) if type(i).__name__ == "MoneyAmount"]
    assert all(getattr(m, "text", "").startswith("£") for m in money)
    assert Decimal(0) <= data.total()
