"""Money: totals that are not the sum of their parts, percentages, malformed amounts."""

from __future__ import annotations

import re
from decimal import Decimal

from s75docs.check.context import Context, Place
from s75docs.check.raw import RawParagraph
from s75docs.check.rules.shares import check_shares
from s75docs.doctree.nodes import Para, inline_text, inlines_of

_AMOUNT = re.compile(r"£\s?(\d{1,3}(?:,\d{3})*(?:\.\d{1,3})?|\d+(?:\.\d{1,3})?)(m\b|k\b)?")
_MALFORMED = re.compile(r"£\s?\d{1,3}(?:,\d{3})*,\d{1,2}(?!\d)|£\s?\d{1,3}(?:,\d{3})*,\d{4,}")
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s?%")
_SEPARATOR = re.compile(r"^(?:\s|Nil|nil|-|–|—|\||£0)*$")


def _value(text: str, unit: str | None) -> Decimal:
    value = Decimal(text.replace(",", ""))
    return value * (1_000_000 if unit == "m" else 1_000 if unit == "k" else 1)


def check_money(ctx: Context) -> None:
    _table_totals(ctx)
    _word_tables(ctx)
    check_shares(ctx)  # percentages beside amounts in tables
    for place in ctx.places():
        text = inline_text(inlines_of(place.node))
        for m in _MALFORMED.finditer(text):
            ctx.add(
                "money-malformed",
                f"'{m.group(0)}' is not a well-formed amount",
                place,
                text=m.group(0),
                suggestion=_malformed_hint(m.group(0), text),
            )
        _row_totals(ctx, place, text)
        _percentages(ctx, place, text)


def _table_totals(ctx: Context) -> None:
    """In a table kept as rows (Markdown), a row labelled "Total" must equal the sum of the
    rows above it that are not themselves totals, column by column."""
    rows: list[tuple[Place, list[str]]] = []
    recent: list[str] = []  # the paragraphs just before the table (its caption)
    for place in ctx.places():
        raw = place.raw
        if raw is not None and raw.style == "table-row" and isinstance(place.node, Para):
            cells = [c.strip() for c in raw.text.strip("|").split("|")]
            if rows and len(cells) != len(rows[-1][1]):
                rows = []
            rows.append((place, cells))
            if cells and cells[0].strip("* ").lower() == "total":
                _check_total_row(ctx, rows, "rounded" in " ".join(recent[-2:]).lower())
                rows = []
        elif raw is not None and raw.style != "table-row":
            rows = []
            recent.append(raw.text)


def _word_tables(ctx: Context) -> None:
    """Tables read from a .docx: rows rebuilt from each paragraph's (table, row, column)."""
    by_raw = {id(p.raw): p for p in ctx.places() if p.raw is not None}
    tables: dict[int, dict[int, dict[int, list[RawParagraph]]]] = {}
    captions: dict[int, list[str]] = {}
    recent: list[str] = []
    for raw in ctx.read.paragraphs:
        if raw.cell is None:
            if raw.text.strip():
                recent.append(raw.text)
            continue
        table, row, col = raw.cell
        if table not in tables:
            captions[table] = recent[-2:]
        tables.setdefault(table, {}).setdefault(row, {}).setdefault(col, []).append(raw)
    for table, rows in tables.items():
        built: list[tuple[Place, list[str]]] = []
        for row in sorted(rows):
            cols = rows[row]
            first = cols[min(cols)][0]
            place = by_raw.get(id(first))
            if place is None:
                continue
            cells = [" ".join(r.text for r in cols[c]).strip() for c in sorted(cols)]
            built.append((place, cells))
            if cells[0].lower() == "total":
                rounded = "rounded" in " ".join(captions[table]).lower()
                _check_total_row(ctx, built, rounded)
                built = []


def _check_total_row(
    ctx: Context, rows: list[tuple[Place, list[str]]], stated_rounded: bool
) -> None:
    place, total_cells = rows[-1]
    parts = [
        cells for _, cells in rows[:-1] if not cells[0].strip("* ").lower().startswith("total")
    ]
    for col, cell in enumerate(total_cells):
        stated = _amounts(cell.replace("*", ""))
        if len(stated) != 1 or col == 0:
            continue
        added = Decimal(0)
        for cells in parts:
            found = _amounts(cells[col].replace("*", "")) if col < len(cells) else []
            added += found[0][1] if found else Decimal(0)
        total = stated[0][1]
        unit = Decimal(1_000) if stated[0][0].group(2) == "m" else Decimal("0.01")
        rounding = abs(added - total) <= unit * len(parts)
        if parts and added != total and not (rounding and stated_rounded):
            ctx.add(
                "money-total",
                f"the total {stated[0][0].group(0)} is not the sum of the figures above it,"
                f" £{added:,}" + (" (a rounding difference)" if rounding else ""),
                place,
                text=stated[0][0].group(0),
                suggestion=f"£{added:,}, or correct the figure that changed",
            )


def _amounts(text: str) -> list[tuple[re.Match[str], Decimal]]:
    out = []
    for m in _AMOUNT.finditer(text):
        if _MALFORMED.match(text, m.start()):
            continue
        out.append((m, _value(m.group(1), m.group(2))))
    return out


def _runs(text: str) -> list[list[tuple[re.Match[str], Decimal]]]:
    """Amounts that stand side by side, as in a flattened table row."""
    runs: list[list[tuple[re.Match[str], Decimal]]] = []
    for m, value in _amounts(text):
        if runs and _SEPARATOR.match(text[runs[-1][-1][0].end() : m.start()]):
            runs[-1].append((m, value))
        else:
            runs.append([(m, value)])
    return runs


def _row_totals(ctx: Context, place: Place, text: str) -> None:
    for run in _runs(text):
        if len(run) < 3:
            continue
        *parts, (total_match, total) = run
        added = sum((v for _, v in parts), Decimal(0))
        if added == total or total == 0:
            continue
        difference = abs(added - total)
        if difference > total * Decimal("0.01"):
            continue  # not a total of these figures at all
        unit = Decimal(1_000) if "m" in (total_match.group(2) or "") else Decimal(1)
        rounding = difference <= unit * len(parts)
        ctx.add(
            "money-total",
            f"{total_match.group(0)} is stated as the total, but the parts add up to"
            f" £{added:,}" + (" (a rounding difference)" if rounding else ""),
            place,
            text=total_match.group(0),
            suggestion=f"£{added:,}" if not rounding else "state that figures are rounded",
        )


def _percentages(ctx: Context, place: Place, text: str) -> None:
    percents = [(m, Decimal(m.group(1))) for m in _PERCENT.finditer(text)]
    amounts = _amounts(text)
    if len(percents) < 3 or len(amounts) < len(percents) or percents[-1][1] != 100:
        return
    values = [v for _, v in amounts[-len(percents) :]]
    total = values[-1]
    if total == 0 or sum(values[:-1], Decimal(0)) != total:
        return  # these amounts are not parts of that total
    for (m, stated), value in zip(percents[:-1], values[:-1], strict=True):
        actual = (value / total * 100).quantize(Decimal("0.01"))
        if abs(actual - stated) >= Decimal("0.02"):
            ctx.add(
                "money-percent",
                f"{m.group(0)} does not match £{value:,} of £{total:,}, which is {actual}%",
                place,
                text=m.group(0),
                suggestion=f"{actual}%",
            )


def _malformed_hint(bad: str, text: str) -> str:
    digits = re.sub(r"\D", "", bad)
    amounts = [v for _, v in _amounts(text[text.find(bad) :])]
    before = [v for _, v in _amounts(text[: text.find(bad)])]
    if amounts:
        total = amounts[-1]
        others = sum(before[-3:], Decimal(0)) if before else Decimal(0)
        missing = total - others - sum(amounts[:-1], Decimal(0))
        small = len(digits) <= _MAX_DIGITS and 0 < missing < Decimal(10) ** _MAX_DIGITS
        if small and _fits(digits, str(int(missing))):
            return f"£{missing:,} (the figure that makes the total £{total:,} add up)"
    return "check the digits and the comma grouping"


_MAX_DIGITS = 30  # a longer "amount" (thousands of digits in a hostile file) gets no hint


def _fits(digits: str, candidate: str) -> bool:
    """The malformed digits are the candidate with one digit lost."""
    if len(candidate) != len(digits) + 1:
        return False
    return any(candidate[:i] + candidate[i + 1 :] == digits for i in range(len(candidate)))
