"""Percentages stated beside amounts in a table: each must be its amount's share of the
table's own total (its total row, or its total column), to the precision stated.

Precision first. A percentage column is checked only when the table itself gives the total
(a row labelled "Total" whose figure is the sum of the figures above it, or a column headed
"Total" whose figure is the sum of the row's other figures), the column is not headed as a
change, rate or target, and the table shows that its percentages are shares of that total:
most of its percentages already match, or its total row states 100% and some match. A
column of the percentages of something else (a risk share agreed apart from the amounts,
a rate, a change) matches no total, and is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cached_property

from s75docs.check.context import Context, Place
from s75docs.doctree.nodes import inline_text, inlines_of

_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{1,4})?)\s?%")
_POUNDS = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s?(m|k|bn)?\b")
_BARE = re.compile(r"\(?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\)?")
_TOTAL = re.compile(r"^\W*(?:grand\s+)?total\b", re.I)
_SUBTOTAL = re.compile(r"^\W*(?:sub-?\s?total|total)\b", re.I)
_NOT_SHARE = re.compile(
    r"chang|increas|decreas|uplift|growth|inflat|varia|rate\b|movement|differen|\bvs\b|"
    r"compar|target|reduc|saving|previous|prior|last year|yoy|over\s|under\s|efficien|"
    r"interest|discount|vat\b|probab|likel|complet|progress|occupan|utilis|perform|"
    r"risk|overspend|underspend|liabilit|bears|deficit|surplus|loss",
    re.I,
)
_UNITS = {"m": Decimal(1_000_000), "k": Decimal(1_000), "bn": Decimal(1_000_000_000)}
_MAX_ROWS = 500  # a longer table is a data listing, not a finance table
_MAX_COLUMNS = 40  # nor is a wider one (and the pairing of columns costs their square)


@dataclass(frozen=True)
class _Cell:
    text: str
    place: Place

    @cached_property
    def amount(self) -> Decimal | None:
        return _amount(self.text)

    @cached_property
    def percent(self) -> _Percent | None:
        return _percent(self.text)


@dataclass(frozen=True)
class _Percent:
    value: Decimal
    shown: str  # as written, e.g. "24%"
    decimals: int


def check_shares(ctx: Context) -> None:
    """Every table of the document, Word's or Markdown's; then shares stated in prose."""
    tables = _tables(ctx)
    named: dict[str, set[Decimal]] = {}
    for rows in tables:
        if 3 <= len(rows) <= _MAX_ROWS and all(len(row) <= _MAX_COLUMNS for row in rows):
            _check_table(ctx, rows)
        for row in rows[:_MAX_ROWS]:
            _name_total(named, _label(row), [c.amount for c in row.values()])
    _prose(ctx, named)


def _tables(ctx: Context) -> list[list[dict[int, _Cell]]]:
    """Each table as rows of cells keyed by column: Word tables from each paragraph's
    (table, row, column), Markdown tables from their "| a | b |" rows."""
    word: dict[int, dict[int, dict[int, list[tuple[str, Place]]]]] = {}
    markdown: list[list[dict[int, _Cell]]] = []
    current: list[dict[int, _Cell]] | None = None
    for place in ctx.places():
        raw = place.raw
        if raw is None:
            continue
        if raw.cell is not None:
            table, row, col = raw.cell
            word.setdefault(table, {}).setdefault(row, {}).setdefault(col, []).append(
                (raw.text, place)
            )
        if raw.style == "table-row":
            cells = [c.strip() for c in raw.text.strip().strip("|").split("|")]
            if current is None:
                current = []
                markdown.append(current)
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):  # the rule under a header
                current.append({i: _Cell(c, place) for i, c in enumerate(cells)})
        elif raw.cell is None:
            current = None
    tables = list(markdown)
    for rows in word.values():
        built = []
        for row in sorted(rows):
            built.append(
                {
                    col: _Cell(" ".join(t for t, _ in parts).strip(), parts[0][1])
                    for col, parts in sorted(rows[row].items())
                    if parts
                }
            )
        tables.append(built)
    return tables


# "£1,200,000 (24% of £5,000,000)", "£1,200,000, being 24% of the Pooled Fund"
_PROSE = re.compile(
    r"£\s?(?P<a>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s?(?P<au>m|k|bn)?\b"
    r"\s*(?:\(|,\s*(?:being\s+|which\s+is\s+)?)(?P<p>\d{1,3}(?:\.\d{1,4})?\s?%)\s+of\s+"
    r"(?:£\s?(?P<t>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s?(?P<tu>m|k|bn)?\b"
    r"|the\s+(?P<name>(?:[A-Z][\w-]*\s){0,3}[A-Z][\w-]*))"
)
# "the Pooled Fund is £5,000,000", "a Pooled Fund of £5,000,000", "Total Pooled Fund"
_STATED = re.compile(
    r"\b(?:[Tt]he|[Aa])\s+(?P<name>(?:[A-Z][\w-]*\s){0,3}[A-Z][\w-]*)\s+"
    r"(?:is|will\s+be|shall\s+be|totals|amounts\s+to|of)\s+£\s?"
    r"(?P<t>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s?(?P<tu>m|k|bn)?\b"
)
_TOTAL_OF = re.compile(r"^\W*total\s+(?:of\s+)?(?:the\s+)?(?P<name>[A-Z][\w -]{1,60}?)\W*$", re.I)


def _pounds(digits: str, unit: str | None) -> Decimal:
    return Decimal(digits.replace(",", "")) * _UNITS.get(unit or "", Decimal(1))


def _name_total(named: dict[str, set[Decimal]], label: str, amounts: list[Decimal | None]) -> None:
    """A table row "Total Pooled Fund | £5,000,000" names the Pooled Fund's total."""
    m = _TOTAL_OF.match(label)
    found = [a for a in amounts if a is not None]
    if m and len(found) == 1:
        named.setdefault(m.group("name").strip().casefold(), set()).add(found[0])


def _prose(ctx: Context, named: dict[str, set[Decimal]]) -> None:
    """ "£A (Y% of £T)", or "of the Pooled Fund" when the document states that total once."""
    texts = [(place, inline_text(inlines_of(place.node))) for place in ctx.places()]
    for _, text in texts:
        for m in _STATED.finditer(text):
            total = _pounds(m.group("t"), m.group("tu"))
            named.setdefault(m.group("name").casefold(), set()).add(total)
    for place, text in texts:
        for m in _PROSE.finditer(text):
            if m.group("t"):
                total = _pounds(m.group("t"), m.group("tu"))
            else:
                totals = named.get(m.group("name").casefold(), set())
                if len(totals) != 1:
                    continue  # unknown, or stated as more than one figure
                total = next(iter(totals))
            amount = _pounds(m.group("a"), m.group("au"))
            percent = _percent(m.group("p"))
            if percent is None or total <= 0 or amount > total:
                continue
            share = amount / total * 100
            if not _fits(percent, share) and not _reported(ctx, place, percent.shown):
                right = _shown(share, percent.decimals)
                ctx.add(
                    "money-percent",
                    f"{percent.shown} is not {_figure(amount)} as a share of"
                    f" {_figure(total)}: that is {right}",
                    place,
                    text=percent.shown,
                    suggestion=right,
                )


def _reported(ctx: Context, place: Place, shown: str) -> bool:
    """The table check has already said it of these words."""
    raw = place.raw
    return raw is not None and any(
        f.code == "money-percent" and f.text == shown and (f.line, f.block) == (raw.line, raw.block)
        for f in ctx.findings
    )


def _percent(text: str) -> _Percent | None:
    found = list(_PERCENT.finditer(text))
    if len(found) != 1:
        return None
    number = found[0].group(1)
    decimals = len(number.partition(".")[2])
    return _Percent(Decimal(number), found[0].group(0), decimals)


def _amount(text: str) -> Decimal | None:
    """The one amount of a cell: "£1,200,000", "£1.2m", or a bare "1,200,000" standing alone
    (a column headed in pounds); None for anything else."""
    rest = _PERCENT.sub(" ", text).replace("*", " ")
    pounds = list(_POUNDS.finditer(rest))
    if len(pounds) == 1:
        value = Decimal(pounds[0].group(1).replace(",", ""))
        return value * _UNITS.get(pounds[0].group(2) or "", Decimal(1))
    if pounds:
        return None
    bare = _BARE.fullmatch(re.sub(r"[\s()]+$|^[\s(]+", "", rest).strip())
    return Decimal(bare.group(1).replace(",", "")) if bare else None


def _label(row: dict[int, _Cell]) -> str:
    return row[min(row)].text if row else ""


def _check_table(ctx: Context, rows: list[dict[int, _Cell]]) -> None:
    header = _header(rows)
    totals = [i for i, row in enumerate(rows) if _TOTAL.match(_label(row))]
    total_row = rows[totals[-1]] if totals else None
    parts = [
        row
        for row in rows[: totals[-1] if totals else len(rows)]
        if not _SUBTOTAL.match(_label(row)) and any(c.amount for c in row.values())
    ]
    total_col = next(
        (c for c, words in header.items() if _TOTAL.match(words) and c != min(header)), None
    )
    columns = sorted({c for row in parts for c in row if row[c].percent is not None})
    for col in columns:
        if _NOT_SHARE.search(header.get(col, "")):
            continue
        stated = total_row[col].text.strip() if total_row and col in total_row else ""
        stated_total = _percent(stated)
        if stated_total is not None and abs(stated_total.value - 100) > 1:
            continue  # the total row's figure here is not 100%: not shares of a total
        if stated and stated_total is None and _amount(stated) is None:
            continue  # words where a total share would stand ("n/a", "average")
        _check_column(ctx, parts, total_row, total_col, col, stated_total is not None)


def _header(rows: list[dict[int, _Cell]]) -> dict[int, str]:
    """The words heading each column: the rows above the first with a figure in it."""
    words: dict[int, str] = {}
    for row in rows:
        if any(c.amount is not None or c.percent for c in row.values()):
            break
        for col, cell in row.items():
            words[col] = f"{words.get(col, '')} {cell.text}".strip()
    return words


@dataclass(frozen=True)
class _Pair:
    cell: _Cell
    percent: _Percent
    share: Decimal  # the amount's share of the total, in per cent
    amount: Decimal
    total: Decimal


def _check_column(
    ctx: Context,
    parts: list[dict[int, _Cell]],
    total_row: dict[int, _Cell] | None,
    total_col: int | None,
    col: int,
    hundred: bool,
) -> None:
    """Pair the column with the amounts whose shares fit it best, then report misfits."""
    best: list[_Pair] = []
    best_fits = 0
    for pairs in _candidates(parts, total_row, total_col, col):
        fits = sum(1 for p in pairs if _fits(p.percent, p.share))
        if fits > best_fits:
            best, best_fits = pairs, fits
    if len(best) < 2 or not (2 * best_fits >= len(best) or (hundred and best_fits)):
        return  # most do not fit, and no 100% total with at least one that does
    adjusted = sum((p.percent.value for p in best), Decimal(0)) == 100
    for pair in best:
        if _fits(pair.percent, pair.share) or (
            adjusted and abs(pair.share - pair.percent.value) < _unit(pair.percent)
        ):
            continue  # rounded as stated, or adjusted by a unit so that the shares make 100%
        right = _shown(pair.share, pair.percent.decimals)
        ctx.add(
            "money-percent",
            f"{pair.percent.shown} is not {_figure(pair.amount)} as a share of the total"
            f" {_figure(pair.total)}: that is {right}",
            pair.cell.place,
            text=pair.percent.shown,
            suggestion=right,
        )


def _candidates(
    parts: list[dict[int, _Cell]],
    total_row: dict[int, _Cell] | None,
    total_col: int | None,
    col: int,
) -> list[list[_Pair]]:
    """For each amount column, the (percentage, share) pairs it gives: shares of the total
    row's figure in that column, or of each row's figure in the total column."""
    labels = min(min(row) for row in parts)
    columns = sorted({c for row in parts for c in row if c != labels and row[c].amount is not None})
    out: list[list[_Pair]] = []
    for amount_col in columns:
        if amount_col == total_col:
            continue
        if total_row is not None and amount_col in total_row:
            total = total_row[amount_col].amount
            above = [r[amount_col].amount for r in parts if amount_col in r]
            if total and _adds_up(above, total):
                out.append(_pairs(parts, amount_col, col, {id(r): total for r in parts}))
        if total_col is not None:
            row_totals = {id(r): r[total_col].amount for r in parts if total_col in r}
            out.append(_pairs(parts, amount_col, col, row_totals))
    return out


def _pairs(
    parts: list[dict[int, _Cell]],
    amount_col: int,
    col: int,
    totals: dict[int, Decimal | None],  # id(row) -> the total its amount is a share of
) -> list[_Pair]:
    pairs: list[_Pair] = []
    for row in parts:
        if amount_col not in row or col not in row:
            continue
        amount, percent = row[amount_col].amount, row[col].percent
        total = totals.get(id(row))
        if amount is None or percent is None or total is None or total <= 0:
            continue
        if amount > total:
            return []  # not a part of this total
        pairs.append(_Pair(row[col], percent, amount / total * 100, amount, total))
    return pairs


def _adds_up(values: list[Decimal | None], total: Decimal) -> bool:
    """The figures above sum to the total, allowing a rounding unit for each."""
    found = [v for v in values if v is not None]
    if len(found) < 2:
        return False
    unit = Decimal(1) if total >= 1_000 else Decimal("0.01")
    return abs(sum(found, Decimal(0)) - total) <= unit * len(found)


def _unit(percent: _Percent) -> Decimal:
    return Decimal(1).scaleb(-percent.decimals)


def _fits(percent: _Percent, share: Decimal) -> bool:
    """The stated figure is the share rounded (or cut) to the places stated."""
    unit = _unit(percent)
    rounded = share.quantize(unit, rounding=ROUND_HALF_UP)
    cut = share.quantize(unit, rounding=ROUND_DOWN)
    return percent.value in (rounded, cut)


def _shown(share: Decimal, decimals: int) -> str:
    return f"{share.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)}%"


def _figure(value: Decimal) -> str:
    return f"{value:,.2f}".removesuffix(".00")
