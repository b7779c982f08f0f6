"""Tables generated from the scheme data: contributions, summary, contacts, services."""

from __future__ import annotations

from decimal import Decimal

from s75docs.doctree.nodes import Cell, Inline, MoneyAmount, Row, Table, Text
from s75docs.model.scheme import Scheme, SchemeFile


def _t(text: str, *, bold: bool = False) -> Cell:
    return Cell(inlines=[Text(text)], bold=bold)


def _h(text: str) -> Cell:
    """A header over a money column: right-aligned like the figures under it."""
    return Cell(inlines=[Text(text)], align="right")


def _m(amount: Decimal, *, bold: bool = False) -> Cell:
    inlines: list[Inline] = [MoneyAmount(amount)]
    return Cell(inlines=inlines, align="right", bold=bold)


def _dash() -> Cell:
    return Cell(inlines=[Text("—")], align="right")


def contributions_table(data: SchemeFile, scheme: Scheme) -> Table:
    """Partner x service line x year, with the share type and a total row."""
    years = scheme.years
    lines: list[tuple[str, str]] = []
    for c in scheme.contributions:
        if (c.partner, c.line) not in lines:
            lines.append((c.partner, c.line))
    order = {p.key: i for i, p in enumerate(data.partners)}
    lines.sort(key=lambda pl: order[pl[0]])
    rows: list[Row] = []
    for partner_key, line in lines:
        found = [c for c in scheme.contributions if c.partner == partner_key and c.line == line]
        shares = " / ".join(sorted({c.share.value for c in found}))
        if any(c.ring_fenced for c in found):
            shares += ", ring-fenced"
        row = Row([_t(data.partner(partner_key).short_name), _t(line), _t(shares)])
        for year in years:
            row.append(_m(sum((c.amount for c in found if c.year == year), Decimal(0))))
        rows.append(row)
    total = Row([_t("Total", bold=True), _t(""), _t("")], "total")
    total += [_m(scheme.total(year), bold=True) for year in years]
    rows.append(total)
    return Table(
        caption=f"Contributions to {scheme.name}",
        header=[_t("Partner"), _t("Service line"), _t("Share"), *(_h(y) for y in years)],
        rows=rows,
        widths=[14, 34, 12, *([20] * len(years))],
    )


def summary_table(data: SchemeFile) -> Table:
    """Each scheme's contributions by partner and year, with totals by partner and overall."""
    years = data.years
    rows: list[Row] = []
    for scheme in data.schemes:
        for p in data.partners:
            if any(c.partner == p.key for c in scheme.contributions):
                rows.append(
                    Row(
                        [_t(scheme.name), _t(p.short_name)]
                        # a year outside the scheme's life has no contribution, not £0.00
                        + [
                            _m(scheme.total(y, p.key)) if y in scheme.years else _dash()
                            for y in years
                        ]
                    )
                )
    for p in data.partners:
        if data.total(partner=p.key):
            rows.append(
                Row(
                    [_t(f"Total: {p.short_name}", bold=True), _t("")]
                    + [_m(data.total(y, p.key), bold=True) for y in years],
                    "total",
                )
            )
    total = Row([_t("Total", bold=True), _t("")], "total")
    total += [_m(data.total(y), bold=True) for y in years]
    rows.append(total)
    return Table(
        caption="Summary of contributions",
        header=[_t("Individual Scheme"), _t("Partner"), *(_h(y) for y in years)],
        rows=rows,
        widths=[40, 16, *([22] * len(years))],
    )


def partners_table(data: SchemeFile) -> Table:
    rows = [
        Row([_t(p.short_name), _t(c.name), _t(c.role), _t(c.email), _t(c.phone)])
        for p in data.partners
        for c in p.contacts
    ]
    return Table(
        caption="Authorised Officers and contacts",
        header=[_t("Partner"), _t("Name"), _t("Role"), _t("Email"), _t("Telephone")],
        rows=rows,
        widths=[14, 18, 28, 26, 14],
    )


def services_table(data: SchemeFile, scheme: Scheme) -> Table:
    """Each service with its provider, contract and the contract's holder."""

    def holder(key: str | None, body: str) -> str:
        return data.partner(key).short_name if key else body or "—"

    rows = [
        Row(
            [
                _t(s.name),
                _t(s.provider),
                _t(s.contract or "—"),
                _t(holder(s.holder, s.holder_body) if s.contract else "—"),
            ]
        )
        for s in scheme.services
    ]
    return Table(
        caption=f"Services: {scheme.name}",
        header=[_t("Service"), _t("Provider"), _t("Contract"), _t("Contract holder")],
        rows=rows,
        widths=[34, 30, 20, 16],
    )


def indicators_table(scheme: Scheme) -> Table:
    rows = [Row([_t(i.name), _t(i.target)]) for i in scheme.indicators]
    return Table(
        caption=f"Indicators: {scheme.name}",
        header=[_t("Indicator"), _t("Target")],
        rows=rows,
        widths=[60, 40],
    )
