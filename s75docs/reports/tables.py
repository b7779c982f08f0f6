"""The report's money tables, from the data (amounts are MoneyAmount cells: the money pass
prints them as the agreement prints its own)."""

from __future__ import annotations

from decimal import Decimal

from s75docs.assemble.directives import Call
from s75docs.doctree.nodes import Block, Cell, Inline, MoneyAmount, Row, Table, Text
from s75docs.library.directives import table_label
from s75docs.model.scheme import Scheme, SchemeFile
from s75docs.transforms.money import NO_AMOUNT
from s75docs.variation.facts import DataChanges
from s75docs.words import the


def _t(text: str) -> Cell:
    return Cell(inlines=[Text(text)])


def _h(text: str) -> Cell:
    """A heading over a money column: right-aligned like the figures under it."""
    return Cell(inlines=[Text(text)], align="right")


def _m(amount: Decimal | None, *, signed: bool = False) -> Cell:
    inlines: list[Inline] = (
        [Text(NO_AMOUNT)] if amount is None else [MoneyAmount(amount, signed=signed)]
    )
    return Cell(inlines=inlines, align="right")


def _table(call: Call, header: list[Cell], rows: list[Row], widths: list[int]) -> list[Block]:
    label = table_label(call.name)
    return [
        Table(
            caption=call.params.get("caption", ""),
            label=label,
            header=header,
            rows=rows,
            widths=widths,
            location=call.location,
        )
    ]


def by_partner(call: Call, data: SchemeFile) -> list[Block]:
    """Each partner's contributions, and the total, by financial year."""
    years = data.years
    rows = [
        Row([_t(p.legal_name), *(_m(data.total(y, p.key)) for y in years)])
        for p in data.contributors
    ]
    rows.append(Row([_t("Total"), *(_m(data.total(y)) for y in years)], "total"))
    return _table(call, [_t("Partner"), *map(_h, years)], rows, [46, *([27] * len(years))])


def by_line(call: Call, data: SchemeFile) -> list[Block]:
    """Partner x individual scheme x service line, one column per year, with totals."""
    years = data.years
    rows: list[Row] = []
    for partner in data.contributors:
        rows.append(
            Row([_t(partner.legal_name), _t(""), _t(""), *(_t("") for _ in years)], "heading")
        )
        lines: list[tuple[Scheme, str]] = []
        for scheme in data.schemes:
            for c in scheme.contributions:
                if c.partner == partner.key and (scheme, c.line) not in lines:
                    lines.append((scheme, c.line))
        for scheme, line in lines:
            amounts = [_m(scheme.line_amount(partner.key, line, y)) for y in years]
            share = _share(scheme, partner.key, line)
            rows.append(Row([_t(scheme.name), _t(line), _t(share), *amounts]))
        total = [_m(data.total(y, partner.key)) for y in years]
        rows.append(
            Row([_t(f"Total from {the(partner.short_name)}"), _t(""), _t(""), *total], "total")
        )
    total = [_m(data.total(y)) for y in years]
    rows.append(Row([_t("Total, all partners"), _t(""), _t(""), *total], "total"))
    header = [_t("Individual scheme"), _t("Service line"), _t("Share"), *map(_h, years)]
    return _table(call, header, rows, [24, 27, 13, *([18] * len(years))])


def _share(scheme: Scheme, partner: str, line: str) -> str:
    """'fixed', 'variable', 'fixed, ring-fenced' (or both, where a line changes by year), as
    the line's Scheme Specification marks it."""
    found = [c for c in scheme.contributions if c.partner == partner and c.line == line]
    shares = list(dict.fromkeys(c.share.value for c in found))
    fenced = any(c.ring_fenced for c in found)
    return " / ".join(shares) + (", ring-fenced" if fenced else "")


def by_scheme(call: Call, data: SchemeFile) -> list[Block]:
    """Each individual scheme's total by year (the sum of every partner's lines)."""
    years = data.years
    rows = [
        Row([_t(s.name), *(_m(s.total(y) if y in s.years else None) for y in years)])
        for s in data.schemes
    ]
    rows.append(Row([_t("Total"), *(_m(data.total(y)) for y in years)], "total"))
    return _table(
        call, [_t("Individual scheme"), *map(_h, years)], rows, [46, *([27] * len(years))]
    )


def before_after(call: Call, old: SchemeFile, new: SchemeFile, changes: DataChanges) -> list[Block]:
    """Each partner's totals by year under the agreement now and once varied."""
    partners = [
        p
        for p in new.partners
        if any(old.total(y, p.key) or new.total(y, p.key) for y in changes.years)
    ]
    rows: list[Row] = []
    for y in changes.years:
        for p in partners:
            b, a = old.total(y, p.key), new.total(y, p.key)
            rows.append(Row([_t(y), _t(p.legal_name), _m(b), _m(a), _m(a - b, signed=True)]))
        b, a = old.total(y), new.total(y)
        rows.append(Row([_t(y), _t("Total"), _m(b), _m(a), _m(a - b, signed=True)], "total"))
    header = [_t("Year"), _t("Partner"), _h("Now"), _h("After the variation"), _h("Change")]
    return _table(call, header, rows, [13, 24, 21, 21, 21])


def lines_changed(call: Call, changes: DataChanges) -> list[Block]:
    """Every contribution line the variation changes, adds or removes."""
    rows = [
        Row(
            [
                _t(f"{lc.scheme.name}: {lc.line} ({lc.partner.short_name})"),
                _t(lc.year),
                _m(lc.before),
                _m(lc.after),
                _m((lc.after or Decimal(0)) - (lc.before or Decimal(0)), signed=True),
            ]
        )
        for lc in changes.lines
    ]
    header = [
        _t("Individual scheme and service line"),
        _t("Year"),
        _h("Now"),
        _h("After the variation"),
        _h("Change"),
    ]
    return _table(call, header, rows, [30, 13, 19, 19, 19])
