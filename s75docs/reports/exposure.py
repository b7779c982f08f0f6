"""What each scheme's risk-share rule means for the deciding partner: its share of an overspend
or underspend year by year, the lines left out of the sharing (ring-fenced), and its variable
lines, which it pays at actual cost with no cap (and who commits the spending on them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from s75docs.model.scheme import Contribution, RiskRule, Scheme, SchemeFile, Share


def percent(value: Decimal) -> str:
    """'32.87%', '50%', '100%': two places unless the figure is whole."""
    whole = value == value.to_integral_value()
    return f"{value.quantize(Decimal(1)) if whole else value.quantize(Decimal('0.01'))}%"


@dataclass(frozen=True)
class Line:
    """One of a partner's service lines in a scheme, with its amount in each year it has."""

    partner: str
    line: str
    amounts: list[tuple[str, Decimal]]


@dataclass(frozen=True)
class VariableLine:
    scheme: Scheme
    line: Line
    committed_by: str | None  # another partner's key, when that partner commits the spending
    role: str  # "lead commissioner" or "host" (of committed_by), or ""
    panel: str  # the joint panel that approves each package, or ""


@dataclass(frozen=True)
class Exposure:
    """The deciding partner's position in one scheme."""

    scheme: Scheme
    rule: str  # RiskRule value
    shares: list[tuple[str, Decimal]]  # its percentage of a shared overspend, by year
    on_estimates: bool  # the proportions are those of the variable estimates (no fixed shares)
    host: str | None  # the partner that bears everything under the host rule
    own_fixed: list[Line]  # its fixed lines that are not ring-fenced (the own-risk rule)
    ring_fenced: list[Line]  # every partner's ring-fenced lines
    variable: list[VariableLine]  # its variable lines

    @property
    def same_share(self) -> bool:
        """The percentage is the same in every year."""
        return len({p for _, p in self.shares}) <= 1


def _lines(scheme: Scheme, keep: Callable[[Contribution], bool]) -> list[Line]:
    out: dict[tuple[str, str], list[tuple[str, Decimal]]] = {}
    for c in scheme.contributions:
        if keep(c):
            out.setdefault((c.partner, c.line), []).append((c.year, c.amount))
    return [Line(p, line, sorted(amounts)) for (p, line), amounts in out.items()]


def exposure(scheme: Scheme, us: str) -> Exposure:
    rule = scheme.risk_share.rule
    shares: list[tuple[str, Decimal]] = []
    on_estimates = False
    if rule is RiskRule.PROPORTIONATE:
        for year in scheme.years:
            base = scheme.risk_percentages(year)
            shares.append((year, base.get(us, Decimal(0))))
            on_estimates = on_estimates or not any(
                c.share is Share.FIXED and c.amount and not c.ring_fenced
                for c in scheme.contributions
                if c.year == year
            )
    elif rule is RiskRule.FIXED:
        shares = [(y, scheme.risk_share.split.get(us, Decimal(0))) for y in scheme.years]
    commissioner = scheme.commissioner
    role = ""
    if commissioner and commissioner != us:
        role = "lead commissioner" if commissioner == scheme.lead_commissioner else "host"
    variable = [
        VariableLine(
            scheme,
            line,
            commissioner if role else None,
            role,
            scheme.packages.panel if scheme.packages else "",
        )
        for line in _lines(
            scheme, lambda c: c.partner == us and c.share is Share.VARIABLE and not c.ring_fenced
        )
    ]
    return Exposure(
        scheme=scheme,
        rule=rule.value,
        shares=shares,
        on_estimates=on_estimates,
        host=scheme.host if rule is RiskRule.HOST else None,
        own_fixed=_lines(
            scheme, lambda c: c.partner == us and c.share is Share.FIXED and not c.ring_fenced
        )
        if rule is RiskRule.NONE
        else [],
        ring_fenced=_lines(scheme, lambda c: c.ring_fenced),
        variable=variable,
    )


def exposures(data: SchemeFile, us: str) -> list[Exposure]:
    return [exposure(s, us) for s in data.schemes]


def uncapped(data: SchemeFile, us: str, year: str) -> Decimal:
    """The total of the partner's variable lines in a year: what it pays at actual cost."""
    return sum(
        (
            c.amount
            for s in data.schemes
            for c in s.contributions
            if c.partner == us
            and c.year == year
            and c.share is Share.VARIABLE
            and not c.ring_fenced
        ),
        Decimal(0),
    )
