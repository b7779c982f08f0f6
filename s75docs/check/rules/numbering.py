"""Numbering faults: gaps, duplicates, order, level jumps, schedules that do not restart."""

from __future__ import annotations

import re

from s75docs.check.context import Context, Place, division_name
from s75docs.check.tree import bracketed
from s75docs.diagnostics import Severity
from s75docs.doctree.nodes import Body, Definition, Item, Schedule, inline_text, inlines_of


def _ordinal(item: Item) -> int | None:
    """The position an item's own number stands for: "12.3" -> 3, "(c)" -> 3, "(iv)" -> 4."""
    return item.path[-1] if item.path else None


def _decimal(item: Item) -> bool:
    return item.number[:1].isdigit()


def _clause_number(item: Item) -> int | None:
    """The number of a provision numbered by one decimal ("12"), else None."""
    return item.path[0] if _decimal(item) and len(item.path) == 1 else None


def _display(item: Item, ordinal: int) -> str:
    """The item's number with its own ordinal replaced: "12.3" -> "12.4", "(c)" -> "(d)"."""
    if _decimal(item):
        return ".".join(str(n) for n in (*item.path[:-1], ordinal))
    return f"({bracketed(item.level).ordinal(ordinal)})"


def _previous(item: Item, expected: int) -> str:
    return _display(item, expected - 1) if expected > 1 else "the start"


def _children_items(node: Item | Body | Schedule | Definition) -> list[Item]:
    return [c for c in node.children if isinstance(c, Item)]


def check_numbering(ctx: Context) -> None:
    places = {id(p.node): p for p in ctx.places()}
    previous_last: tuple[Schedule, Item] | None = None
    for division in ctx.read.doc.children:
        if not isinstance(division, Body | Schedule):
            continue
        top = _children_items(division)
        start_at = 1
        if isinstance(division, Schedule) and top:
            first, number = top[0], _clause_number(top[0])
            last = _clause_number(previous_last[1]) if previous_last is not None else None
            if (
                previous_last is not None
                and number is not None
                and last is not None
                and (number == last + 1 > 1)
            ):
                here, there = division_name(division), division_name(previous_last[0])
                parts = previous_last[0].number == division.number
                own = _own_citation(division, number) if parts else None
                if own is not None:  # its own words count from 1: the run-on broke them
                    why = f" (its own words cite '{own}', counting from 1)"
                elif parts:
                    why = " (numbering run on through the Parts of one schedule is a house style"
                    why += " some use)"
                else:
                    why = ""
                ctx.add(
                    "num-continues",
                    f"the paragraphs of {here} start at {first.number}, continuing from {there}"
                    + why,
                    places.get(id(first)),
                    text=first.number,
                    suggestion=f"restart the numbering of {here} at 1"
                    + (" if its paragraphs are cited within the Part" if parts and not own else ""),
                    severity=Severity.INFO if parts and own is None else None,
                )
                start_at = number
            if top:
                previous_last = (division, top[-1])
        before = len(ctx.findings)
        _siblings(ctx, division, places, parent=None, start_at=start_at)
        _summarise_if_irregular(ctx, division, before)


_OWN = re.compile(r"\bparagraph\s+(\d{1,2})(?:\.\d{1,2})*\s+(?:above|below)\b")


def _own_citation(division: Schedule, first: int) -> str | None:
    """A reference in the Part's own words to a paragraph "above" or "below" numbered
    before the Part's first: written for numbering that starts at 1."""
    for node in division.walk():
        for m in _OWN.finditer(inline_text(inlines_of(node))):
            if int(m.group(1)) < first:
                return m.group(0)
    return None


def _summarise_if_irregular(ctx: Context, division: Body | Schedule, before: int) -> None:
    """Numbering that is wrong everywhere (an embedded protocol with its own scheme, text
    pasted from elsewhere) is one finding, not dozens: a lawyer stops reading noise."""
    found = ctx.findings[before:]
    items = sum(1 for n in division.walk() if isinstance(n, Item))
    if len(found) <= max(4, items // 8):
        return
    del ctx.findings[before:]
    ctx.irregular.add(id(division))
    first = found[0]
    name = "the clauses" if isinstance(division, Body) else f"Schedule {division.number}"
    if isinstance(division, Schedule) and division.title.upper().startswith("PART"):
        name += f" {division.title.split()[0].title()} {division.title.split()[1]}"
    from s75docs.check.findings import Finding

    ctx.findings.append(
        Finding(
            code=first.code,
            message=f"the numbering of {name} is irregular in {len(found)} places"
            f" (first: {first.message})",
            clause=first.clause,
            text=first.text,
            suggestion="renumber it with Word's list numbering (or check whether another"
            " document was pasted in)",
            line=first.line,
            paragraph=first.paragraph,
            cell=first.cell,
            block=first.block,
            control=first.control,
        )
    )


def _siblings(
    ctx: Context,
    node: Item | Body | Schedule,
    places: dict[int, Place],
    parent: Item | None,
    start_at: int = 1,
) -> None:
    items = _children_items(node)
    by_level: dict[int, list[Item]] = {}
    for item in items:
        by_level.setdefault(item.level, []).append(item)
    for level, level_items in by_level.items():
        _sequence(ctx, level_items, places, parent, start_at if level == 1 else 1)
    for item in items:
        if parent is not None and _decimal(item) and _decimal(parent):
            _check_prefix(ctx, item, parent, places)
        _siblings(ctx, item, places, item)
    for child in node.children:
        if isinstance(child, Definition):
            limbs = _children_items(child)
            for level in (4, 5):
                _sequence(ctx, [i for i in limbs if i.level == level], places, None)


def _check_prefix(ctx: Context, item: Item, parent: Item, places: dict[int, Place]) -> None:
    if item.level > parent.level + 1:
        ctx.add(
            "num-level-jump",
            f"{item.number} follows {parent.number} with no level between them",
            places.get(id(item)),
            text=item.number,
            suggestion=f"renumber it as {parent.number}.{_ordinal(item) or 1}",
        )
    elif item.path and parent.path and item.path[:-1] != parent.path:
        ctx.add(
            "num-order",
            f"{item.number} stands under {parent.number}",
            places.get(id(item)),
            text=item.number,
            suggestion=f"renumber it as {parent.number}.{_ordinal(item) or 1}",
        )


def _sequence(
    ctx: Context,
    items: list[Item],
    places: dict[int, Place],
    parent: Item | None,
    start_at: int = 1,
) -> None:
    expected = start_at
    swapped: set[int] = set()
    for i, item in enumerate(items):
        ordinal = _ordinal(item)
        if ordinal is None or i in swapped:
            continue
        following = items[i + 1] if i + 1 < len(items) else None
        if ordinal == expected + 1 and following is not None and _ordinal(following) == expected:
            # two numbers swapped ("19.7" then "19.6"): one fault, one finding
            ctx.add(
                "num-order",
                f"{item.number} comes before {following.number}: the two are in the wrong order",
                places.get(id(item)),
                text=item.number,
                suggestion=f"renumber {item.number} as {following.number} and {following.number}"
                f" as {item.number}, or check whether one was meant to move",
            )
            swapped.add(i + 1)
            expected += 2
            continue
        if ordinal == expected:
            expected += 1
            continue
        if ordinal == 1 and not _decimal(item):
            expected = 2  # "(a)" again: a new list under the same provision, not a fault
            continue
        place = places.get(id(item))
        if ordinal == expected - 1:
            ctx.add(
                "num-duplicate",
                f"{item.number} is used twice",
                place,
                text=item.number,
                suggestion=f"renumber the second one as {_display(item, expected)}",
            )
        elif ordinal > expected:
            missing = _display(item, expected)
            ctx.add(
                "num-gap",
                f"{item.number} follows {_previous(item, expected)}; {missing} is missing",
                place,
                text=item.number,
                suggestion=f"renumber from here ({item.number} -> {missing})"
                if parent is None or item.level > 1
                else f"renumber from {item.number}",
            )
            expected = ordinal + 1
        else:
            ctx.add(
                "num-order",
                f"{item.number} comes after {_display(item, expected - 1)}",
                place,
                text=item.number,
                suggestion=f"renumber it as {_display(item, expected)}",
            )
            expected += 1
