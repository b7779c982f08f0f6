"""Money: one display format for the whole document, totals already computed from data."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from s75docs.doctree.nodes import Document, MoneyAmount, Table, inline_text, inlines_of

MINUS = "\u2212"
NO_CHANGE = "no change"
NO_AMOUNT = "\u2014"  # an em dash: no amount (a line that does not exist in that year)


def format_pounds(amount: Decimal, *, pence: bool) -> str:
    if pence:
        return f"£{amount.quantize(Decimal('0.01'), ROUND_HALF_UP):,.2f}"
    return f"£{amount.quantize(Decimal('1'), ROUND_HALF_UP):,.0f}"


def format_millions(amount: Decimal) -> str:
    value = (amount / Decimal(1_000_000)).quantize(Decimal("0.001"), ROUND_HALF_UP)
    return f"£{value:,.3f}m"


def format_amount(amount: Decimal, *, millions: bool, pence: bool, signed: bool = False) -> str:
    """One amount as the document prints it; a signed one is a change ("+£1,000")."""
    if signed:
        if amount == 0:
            return NO_CHANGE
        sign = "+" if amount > 0 else MINUS
        return sign + format_amount(abs(amount), millions=millions, pence=pence)
    return format_millions(amount) if millions else format_pounds(amount, pence=pence)


PENCE = "pence"  # Document.meta key: pence kept from an earlier version (keep_pence)


def _amounts(doc: Document) -> list[MoneyAmount]:
    return [i for n in doc.walk() for i in inlines_of(n) if isinstance(i, MoneyAmount)]


def _pence(amounts: list[MoneyAmount]) -> bool:
    return any(a.amount != a.amount.to_integral_value() for a in amounts)


def has_pence(*docs: Document) -> bool:
    """Whether any amount in the documents has pence (then every amount shows them)."""
    return any(_pence(_amounts(doc)) for doc in docs)


def shows_pence(doc: Document) -> bool:
    """Whether the document, as formatted, prints pounds with pence."""
    return any(
        a.text.startswith(("£", "+£", MINUS + "£")) and a.text[-3:-2] == "." for a in _amounts(doc)
    )


def keep_pence(doc: Document, before: Document, style: str = "pounds") -> None:
    """A later version of an agreement keeps printing pence once an earlier one did, though
    no amount of its own has pence: otherwise a variation that removes the last amount in
    pence would restate every figure of the agreement ("£1,000.00" as "£1,000"), past years'
    included, with nothing changed."""
    if style == "pounds" and shows_pence(before) and not shows_pence(doc):
        doc.meta[PENCE] = "kept"  # every later formatting of this tree keeps them too
        format_money(doc, style, pence=True, note=False)


def format_money(
    doc: Document, style: str = "pounds", *, pence: bool | None = None, note: bool = True
) -> None:
    """Pounds (with pence only if any amount has pence) or £m to three places.

    In £m the rounded parts of a table may not add up to the rounded total; the table
    then carries a note saying totals are computed from unrounded amounts.
    """
    amounts = _amounts(doc)
    if pence is None:
        pence = _pence(amounts) or PENCE in doc.meta
    millions = style == "millions"
    for a in amounts:
        a.text = format_amount(a.amount, millions=millions, pence=pence, signed=a.signed)
    if millions and note:
        for table in (n for n in doc.walk() if isinstance(n, Table)):
            if table.rows and _rounding_differs(table):
                table.caption += (
                    " (figures in £m are rounded to three decimal places; totals are"
                    " calculated from unrounded amounts)"
                )


def _rounding_differs(table: Table) -> bool:
    last = table.rows[-1]
    for col, cell in enumerate(last):
        total = [i for i in cell.inlines if isinstance(i, MoneyAmount)]
        if not total:
            continue
        shown = Decimal(0)
        parts = [r for r in table.rows[:-1] if not inline_text(r[0].inlines).startswith("Total")]
        for row in parts:
            for i in row[col].inlines if col < len(row) else []:
                if isinstance(i, MoneyAmount):
                    shown += Decimal(i.text.strip("£m").replace(",", ""))
        if shown != Decimal(total[0].text.strip("£m").replace(",", "")):
            return True
    return False
