"""Schedule 8's worked examples: each printed figure is recomputed here from the rule it
illustrates (an independent implementation of the risk-share arithmetic), from the inputs in
schedule_templates/data/worked_examples.yaml, and compared with the built text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
import yaml

from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree
from s75docs.render.markdown import render_markdown
from tests.helpers import FAIRHAVEN, ROOT

DATA = ROOT / "schedule_templates" / "data" / "worked_examples.yaml"
D = Decimal


@dataclass(frozen=True)
class Scheme:
    """One example scheme: Fixed Shares by partner, and the spending met from them."""

    fixed: dict[str, Decimal]
    spending: Decimal

    @property
    def difference(self) -> Decimal:
        """Positive: an Overspend; negative: an Underspend."""
        return self.spending - sum(self.fixed.values(), D(0))

    def proportionate(self) -> dict[str, Decimal]:
        total = sum(self.fixed.values(), D(0))
        return {p: self.difference * f / total for p, f in self.fixed.items()}

    def fixed_split(self, split: dict[str, Decimal]) -> dict[str, Decimal]:
        return {p: self.difference * split[p] / 100 for p in self.fixed}

    def host_bears(self, host: str) -> dict[str, Decimal]:
        return {p: (self.difference if p == host else D(0)) for p in self.fixed}

    def own_risk(self, attributed: dict[str, Decimal]) -> dict[str, Decimal]:
        return {p: attributed[p] - self.fixed[p] for p in self.fixed}


@cache
def inputs() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return loaded


@cache
def fairhaven_text() -> str:
    return render_markdown(build_tree(load_scheme(FAIRHAVEN), load_library([])))


def paragraph(label: str) -> str:
    """The built text of a labelled paragraph and the points under it, links removed."""
    text = fairhaven_text()
    start = text.index(f'<a id="{label}"></a>')
    end = text.find('<a id="', start + 1)
    body = text[start:end]
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"<a id=\"[^\"]*\"></a>", "", body))


def amounts(text: str) -> list[Decimal]:
    return [D(m.replace(",", "")) for m in re.findall(r"£([\d,]+(?:\.\d\d)?)", text)]


def pounds(value: Decimal) -> Decimal:
    assert value == value.quantize(D(1)), f"{value} is not whole pounds: change the inputs"
    return value.quantize(D("0.01"))


def example() -> Scheme:
    i = inputs()
    return Scheme({p: D(v) for p, v in i["fixed"].items()}, D(i["overspend_spending"]))


def underspend_example() -> Scheme:
    i = inputs()
    return Scheme({p: D(v) for p, v in i["fixed"].items()}, D(i["underspend_spending"]))


def test_inputs_are_consistent() -> None:
    """The own-risk and aligned examples split the same spending as the others."""
    i = inputs()
    assert sum(i["own_spending"].values()) == i["overspend_spending"]
    assert sum(i["split"].values()) == 100
    assert example().difference > 0 > underspend_example().difference
    assert 0 < i["ring_fenced"] < -underspend_example().difference


def test_variable_share_is_paid_at_actual_cost() -> None:
    v = inputs()["variable"]
    printed = amounts(paragraph("finance-example-variable"))
    assert printed == [
        pounds(D(v["estimate"])),
        pounds(D(v["actual"])),
        pounds(D(v["actual"])),
        pounds(D(v["actual"]) - D(v["estimate"])),
    ]


def test_proportionate_rule() -> None:
    over, under = example(), underspend_example()
    shares, back = over.proportionate(), under.proportionate()
    printed = amounts(paragraph("finance-example-proportionate"))
    assert printed == [
        pounds(over.spending),
        pounds(over.difference),
        pounds(shares["A"]),
        pounds(shares["B"]),
        pounds(under.spending),
        pounds(-under.difference),
        pounds(-back["A"]),
        pounds(-back["B"]),
    ]
    assert sum(shares.values()) == over.difference


def test_fixed_percentage_rule() -> None:
    split = {p: D(v) for p, v in inputs()["split"].items()}
    shares = example().fixed_split(split)
    printed = amounts(paragraph("finance-example-fixed"))
    assert printed == [pounds(example().difference), pounds(shares["A"]), pounds(shares["B"])]


def test_host_bears_rule() -> None:
    """The host meets the whole Overspend; B pays no more than its Fixed Share and the actual
    cost of its Variable Share (Schedule 8's host rule and its Variable Share agree)."""
    shares = example().host_bears("A")
    actual = D(inputs()["variable"]["actual"])
    fixed_b = example().fixed["B"]
    printed = amounts(paragraph("finance-example-host"))
    assert printed[:5] == [
        pounds(shares["A"]),
        pounds(fixed_b),
        pounds(actual),
        pounds(fixed_b + actual + shares["B"]),
        pounds(-underspend_example().difference),
    ]


def test_own_risk_rule() -> None:
    own = {p: D(v) for p, v in inputs()["own_spending"].items()}
    shares = example().own_risk(own)
    printed = amounts(paragraph("finance-example-none"))
    assert printed == [
        pounds(sum(own.values(), D(0))),
        pounds(own["A"]),
        pounds(own["B"]),
        pounds(shares["A"]),
        pounds(shares["B"]),
    ]


def test_aligned_budget_reconciliation() -> None:
    """What each partner bears under the rule, less what it spent: the balancing payment."""
    own = {p: D(v) for p, v in inputs()["own_spending"].items()}
    split = {p: D(v) for p, v in inputs()["split"].items()}
    ex = example()
    bears = {p: ex.fixed[p] + s for p, s in ex.proportionate().items()}
    balance = {p: bears[p] - own[p] for p in own}
    assert sum(balance.values()) == 0
    text = paragraph("finance-example-aligned")
    printed = amounts(text)
    total = sum(own.values(), D(0))
    joint = {p: total * split[p] / 100 for p in own}
    assert printed == [
        pounds(own["A"]),
        pounds(own["B"]),
        pounds(total),
        pounds(bears["A"]),
        pounds(bears["B"]),
        pounds(-balance["A"]),
        pounds(balance["B"]),
        pounds(joint["A"]),
        pounds(joint["B"]),
        pounds(joint["A"] - own["A"]),
    ]
    assert "B makes a balancing payment" in text and "A makes a balancing payment" in text


def test_instalments_of_a_fixed_share() -> None:
    assert amounts(paragraph("finance-example-instalments")) == [pounds(example().fixed["B"] / 4)]


def test_ring_fenced_underspend_is_not_returned() -> None:
    under = -underspend_example().difference
    ring = D(inputs()["ring_fenced"])
    rest = Scheme(example().fixed, sum(example().fixed.values(), D(0)) - (under - ring))
    back = rest.proportionate()
    printed = amounts(paragraph("finance-example-ring-fenced"))
    # the ring-fenced grant line is outside the Fixed Shares and outside the Underspend
    assert printed == [
        pounds(ring),
        pounds(ring),
        pounds(under - ring),
        pounds(-back["A"]),
        pounds(-back["B"]),
    ]


@pytest.mark.parametrize(
    "label",
    [
        "finance-example-proportionate",
        "finance-example-fixed",
        "finance-example-host",
        "finance-example-none",
        "finance-example-aligned",
        "finance-example-instalments",
    ],
)
def test_each_rule_of_the_example_has_its_example(label: str) -> None:
    """Fairhaven uses all four rules, an aligned budget and lead commissioning without a pool."""
    assert amounts(paragraph(label))
