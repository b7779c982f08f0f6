"""The built agreements carry the PRIMER's run of clauses that their options call for."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.doctree.nodes import Body, Item
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import Flexibility, SchemeFile
from s75docs.pipeline import build_tree
from tests.helpers import example_library
from tests.library.test_default_library import EXAMPLES

# (clause id, the option that calls for it) in the order of PRIMER.md section 3
PRIMER_RUN: list[tuple[str, str | None]] = [
    ("definitions", None),
    ("commencement-and-duration", None),
    ("general-principles", None),
    ("partnership-flexibilities", None),
    ("bcf-arrangements", "bcf"),
    ("functions-framework", None),
    ("lead-commissioning", "lead_commissioning"),
    ("integrated-provision", "integrated_provision"),
    ("joint-commissioning", "aligned"),
    ("pooled-fund-establishment", "pooled_fund"),
    ("pooled-fund-management", "pooled_fund"),
    ("non-pooled-funds", "aligned"),
    ("financial-contributions", None),
    ("non-financial-contributions", None),
    ("risk-share", None),
    ("capital-expenditure", None),
    ("vat", None),
    ("audit-and-access", None),
    ("liabilities-insurance-indemnity", None),
    ("standards-of-conduct", None),
    ("conflicts-of-interest", None),
    ("joint-governance", None),
    ("review", None),
    ("complaints", None),
    ("termination", None),
    ("dispute-resolution", None),
    ("force-majeure", None),
    ("confidentiality", None),
    ("freedom-of-information", None),
    ("ombudsmen", None),
    ("data-protection", None),
    ("notices", None),
    ("variation", None),
    ("change-in-law", None),
    ("waiver", None),
    ("severance", None),
    ("assignment-and-sub-contracting", None),
    ("no-partnership-or-agency", None),
    ("third-party-rights", None),
    ("entire-agreement", None),
    ("counterparts", None),
    ("governing-law", None),
]


def called_for(data: SchemeFile, option: str | None) -> bool:
    if option is None:
        return True
    if option == "bcf":
        return any(s.bcf for s in data.schemes)
    return data.uses(Flexibility(option))


@pytest.mark.parametrize("scheme", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_clause_run(scheme: Path) -> None:
    data = load_scheme(scheme)
    doc = build_tree(data, example_library(scheme))
    (body,) = [n for n in doc.children if isinstance(n, Body)]
    built = [c.label for c in body.children if isinstance(c, Item)]
    expected = [cid for cid, option in PRIMER_RUN if called_for(data, option)]
    missing = [cid for cid in expected if cid not in built]
    assert missing == [], f"{scheme}: clauses missing: {missing}"
    absent = [cid for cid, option in PRIMER_RUN if not called_for(data, option)]
    assert [cid for cid in absent if cid in built] == []
    in_run = [label for label in built if label in expected]
    assert in_run == expected, "clauses out of the PRIMER's order"
    assert len(built) >= 35 if called_for(data, "pooled_fund") else len(built) >= 30
