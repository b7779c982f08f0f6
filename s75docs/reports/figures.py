"""The report's figures: money in the agreement's own format, and the tables built from data."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from s75docs.doctree.nodes import Document, MoneyAmount, inlines_of
from s75docs.model.scheme import Partner, Scheme, SchemeFile
from s75docs.transforms.money import format_millions, format_pounds

MINUS = "\u2212"
NONE = "\u2014"  # an em dash: no amount (a line that does not exist in that year)


@dataclass(frozen=True)
class MoneyStyle:
    """Formats amounts exactly as the agreement prints them (the money pass's rules)."""

    millions: bool = False
    pence: bool = False

    def __call__(self, amount: Decimal | None) -> str:
        if amount is None:
            return NONE
        if self.millions:
            return format_millions(amount)
        return format_pounds(amount, pence=self.pence)

    def change(self, before: Decimal | None, after: Decimal | None) -> str:
        """'+£1,000.00', '−£1,000.00' or 'no change'."""
        diff = (after or Decimal(0)) - (before or Decimal(0))
        if diff == 0:
            return "no change"
        sign = "+" if diff > 0 else MINUS
        return sign + self(abs(diff))


def money_style(style: str, *docs: Document) -> MoneyStyle:
    """Pence shown if the agreement shows them (any amount in it has pence)."""
    pence = any(
        i.amount != i.amount.to_integral_value()
        for doc in docs
        for node in doc.walk()
        for i in inlines_of(node)
        if isinstance(i, MoneyAmount)
    )
    return MoneyStyle(millions=style == "millions", pence=pence)


# ---------------------------------------------------------------- tables


@dataclass
class Cell:
    text: str
    money: bool = False  # right-aligned


@dataclass
class Row:
    cells: list[Cell]
    total: bool = False  # printed in bold
    heading: bool = False  # a group heading inside the table


@dataclass
class Table:
    key: str
    caption: str
    header: list[Cell]
    rows: list[Row]
    widths: list[int]  # relative column widths
    note: str = ""
    number: int = 0  # set when the report numbers its tables


def _t(text: str) -> Cell:
    return Cell(text)


def _m(text: str) -> Cell:
    return Cell(text, money=True)


def the(short_name: str) -> str:
    """'the Council' from 'Council' (a short name may already start with 'the')."""
    return short_name if short_name.lower().startswith("the ") else f"the {short_name}"


def contributing(data: SchemeFile) -> list[Partner]:
    keys = {c.partner for s in data.schemes for c in s.contributions}
    return [p for p in data.partners if p.key in keys]


def totals_table(data: SchemeFile, fmt: MoneyStyle) -> Table:
    """Each partner's contributions, and the total, by financial year."""
    years = data.years
    rows = [
        Row([_t(p.legal_name), *(_m(fmt(data.total(y, p.key))) for y in years)])
        for p in contributing(data)
    ]
    rows.append(Row([_t("Total")] + [_m(fmt(data.total(y))) for y in years], total=True))
    return Table(
        key="contributions_by_partner",
        caption="Contributions by partner and financial year",
        header=[_t("Partner"), *(_m(y) for y in years)],
        rows=rows,
        widths=[46, *([27] * len(years))],
    )


def _line_amount(scheme: Scheme, partner: str, line: str, year: str) -> Decimal | None:
    found = [
        c.amount
        for c in scheme.contributions
        if c.partner == partner and c.line == line and c.year == year
    ]
    return sum(found, Decimal(0)) if found else None


def _lines(data: SchemeFile, partner: str) -> list[tuple[Scheme, str]]:
    out: list[tuple[Scheme, str]] = []
    for scheme in data.schemes:
        for c in scheme.contributions:
            if c.partner == partner and (scheme, c.line) not in out:
                out.append((scheme, c.line))
    return out


def lines_table(data: SchemeFile, fmt: MoneyStyle) -> Table:
    """Partner x individual scheme x service line, one column per year, with totals."""
    years = data.years
    rows: list[Row] = []
    for partner in contributing(data):
        rows.append(Row([_t(partner.legal_name), _t(""), *(_t("") for _ in years)], heading=True))
        for scheme, line in _lines(data, partner.key):
            amounts = [fmt(_line_amount(scheme, partner.key, line, y)) for y in years]
            rows.append(Row([_t(scheme.name), _t(line), *(_m(a) for a in amounts)]))
        rows.append(
            Row(
                [_t(f"Total from {the(partner.short_name)}"), _t("")]
                + [_m(fmt(data.total(y, partner.key))) for y in years],
                total=True,
            )
        )
    rows.append(
        Row(
            [_t("Total, all partners"), _t("")] + [_m(fmt(data.total(y))) for y in years],
            total=True,
        )
    )
    return Table(
        key="contributions_by_line",
        caption="Contributions by partner, individual scheme and service line",
        header=[_t("Individual scheme"), _t("Service line"), *(_m(y) for y in years)],
        rows=rows,
        widths=[27, 31, *([21] * len(years))],
    )


def scheme_totals_table(data: SchemeFile, fmt: MoneyStyle) -> Table:
    """Each individual scheme's total by year (the sum of every partner's lines)."""
    years = data.years
    rows = [
        Row([_t(s.name), *(_m(fmt(s.total(y) if y in s.years else None)) for y in years)])
        for s in data.schemes
    ]
    rows.append(Row([_t("Total")] + [_m(fmt(data.total(y))) for y in years], total=True))
    return Table(
        key="contributions_by_scheme",
        caption="Contributions by individual scheme",
        header=[_t("Individual scheme"), *(_m(y) for y in years)],
        rows=rows,
        widths=[46, *([27] * len(years))],
    )


@dataclass
class TextTable:
    """A table of words only: built by the context from its own rows."""

    key: str
    caption: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)

    def table(self) -> Table:
        return Table(
            key=self.key,
            caption=self.caption,
            header=[_t(h) for h in self.header],
            rows=[Row([_t(c) for c in r]) for r in self.rows],
            widths=self.widths,
        )
