"""The data's changes, worked out once for the deed's report: money, schemes, partners, terms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree, load_variation
from s75docs.variation.facts import data_changes

FAIRHAVEN = Path(__file__).resolve().parents[2] / "examples" / "fairhaven"


def test_fairhaven_2027() -> None:
    variation = load_variation(
        FAIRHAVEN / "scheme.yaml", FAIRHAVEN / "scheme-v2.yaml", load_library([])
    )
    facts = variation.facts
    assert facts is not None
    assert [(t.year, t.changed) for t in facts.totals] == [("2026/27", False), ("2027/28", True)]
    assert [s.id for s in facts.changed_schemes] == ["bcf"]
    (bcf,) = facts.totals_of(facts.changed_schemes[0])
    assert (bcf.before, bcf.after) == (Decimal("47599515.92"), Decimal("47953838.92"))
    assert [s.id for s in facts.added] == ["dementia-support"] and facts.removed == []
    assert facts.partners == [] and not facts.renumbered and facts.any  # no number moves
    # the clause-level edit the partners agreed, for the report to describe
    (edit,) = variation.wording
    assert (edit.action, edit.label) == ("insert_after", "variation-register")
    assert edit.opening.startswith("Besides the register of Operational Variations")


def test_a_partner_renamed_and_a_scheme_term_changed(tmp_path: Path) -> None:
    text = (FAIRHAVEN / "scheme.yaml").read_text(encoding="utf-8")
    old = load_scheme(FAIRHAVEN / "scheme.yaml")
    assert old.agreement.extension is not None
    changed = text.replace("NHS Fairhaven and Wyvern Integrated Care Board", "NHS Wyvern ICB")
    changed = changed.replace("exit_notice_months: 6", "exit_notice_months: 9", 1)
    changed += "variations:\n  - effective: 2026-10-01\n    reason: to rename the ICB\n"
    path = tmp_path / "scheme.yaml"
    path.write_text(changed, encoding="utf-8")
    new = load_scheme(path)
    library = load_library([])
    facts = data_changes(old, build_tree(old, library), new, build_tree(new, library))
    (partner,) = facts.partners
    assert partner.before is not None and partner.after is not None
    assert partner.after.legal_name == "NHS Wyvern ICB"
    assert [(t.key, t.scheme is not None) for t in facts.terms] == [("exit_notice_months", True)]
    assert facts.lines == [] and facts.any
