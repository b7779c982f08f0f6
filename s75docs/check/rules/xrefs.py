"""Cross-references: dangling, "this Clause N" elsewhere, stale fields (wrong ones: suspect)."""

from __future__ import annotations

import re

from s75docs.check.context import Context, Place
from s75docs.check.numbers import int_or
from s75docs.check.raw import RawParagraph
from s75docs.check.tree import BROKEN_REFERENCE
from s75docs.doctree.nodes import Body, Cited, Item, Schedule, inlines_of


def _body(ctx: Context) -> Body | None:
    return next((d for d in ctx.read.doc.children if isinstance(d, Body)), None)


def _index(division: Body | Schedule) -> dict[str, Item]:
    out: dict[str, Item] = {}
    for node in division.walk():
        if isinstance(node, Item):
            out.setdefault(node.full_number, node)
            if node.level <= 3:
                out.setdefault(node.number, node)
    return out


def _schedules(ctx: Context) -> dict[str, list[Schedule]]:
    out: dict[str, list[Schedule]] = {}
    for d in ctx.read.doc.children:
        if isinstance(d, Schedule):
            out.setdefault(d.number, []).append(d)
    return out


def _parts(schedules: list[Schedule]) -> set[str]:
    found: set[str] = set()
    for s in schedules:
        m = re.search(r"\bPART\s+(\d{1,2}[A-Z]?)\b", s.title, re.I)
        if m:
            found.add(m.group(1).upper())
    return found


def check_references(ctx: Context) -> None:
    body = _body(ctx)
    body_index = _index(body) if body else {}
    headings = {
        item.number: item.title or ""
        for item in (body.children if body else [])
        if isinstance(item, Item) and item.level == 1
    }
    schedules = _schedules(ctx)
    for place in ctx.places():
        text_inlines = inlines_of(place.node)
        full = "".join(getattr(i, "text", "") for i in text_inlines)
        pos = 0
        for inline in text_inlines:
            if not isinstance(inline, Cited):
                pos += len(getattr(inline, "text", ""))
                continue
            pos += len(inline.text)
            if inline.external:
                continue
            if inline.kind == "broken":
                ctx.add(
                    "xref-dangling",
                    "a cross-reference field whose target was deleted",
                    place,
                    text=inline.text,
                    suggestion="re-insert the cross-reference to the provision meant",
                )
            elif inline.kind == "clause":
                _clause(ctx, place, inline, body_index, headings)
            elif inline.kind == "paragraph":
                _paragraph(ctx, place, inline, schedules)
            else:
                _schedule(ctx, place, inline, schedules, full)


def _clause(
    ctx: Context,
    place: Place,
    cite: Cited,
    index: dict[str, Item],
    headings: dict[str, str],
) -> None:
    if not index:
        return
    for number in filter(None, (cite.number, cite.end)):
        if number.split(".")[0] == "0" or number not in index:
            parent = number.rsplit(".", 1)[0] if "." in number else ""
            hint = ""
            if parent in index:
                kids = [c.number for c in index[parent].children if isinstance(c, Item)]
                hint = (
                    f"Clause {parent} runs to {kids[-1]}"
                    if kids
                    else f"Clause {parent} has no sub-clauses"
                )
            elif number.split(".")[0] not in headings:
                hint = (
                    f"the clauses run from 1 to {max(int_or(n, 0) for n in headings)}"
                    if headings
                    else ""
                )
            ctx.add(
                "xref-dangling",
                f"Clause {number} does not exist",
                place,
                text=cite.text,
                suggestion=hint or "cite the provision meant",
            )
            return
    top = cite.number.split(".")[0].split("(")[0]
    if cite.this:
        here = place.clause.number if place.clause and isinstance(place.division, Body) else ""
        if here and here != top:
            ctx.add(
                "xref-self",
                f"'{cite.text}' stands in Clause {here}",
                place,
                text=cite.text,
                suggestion=f"this Clause {here}"
                + ("" if cite.number == top else f" (or Clause {cite.number} if meant)"),
            )
        return


def _paragraph(
    ctx: Context, place: Place, cite: Cited, schedules: dict[str, list[Schedule]]
) -> None:
    if cite.schedule == "this" or (not cite.schedule and isinstance(place.division, Schedule)):
        if not isinstance(place.division, Schedule):
            return
        targets = [place.division]
        name = f"this Schedule (Schedule {place.division.number})"
    elif cite.schedule:
        targets = schedules.get(cite.schedule, [])
        name = f"Schedule {cite.schedule}"
        if not targets and schedules:
            ctx.add(
                "xref-dangling",
                f"Schedule {cite.schedule} does not exist",
                place,
                text=cite.text,
                suggestion=_schedule_hint(schedules),
            )
            return
    else:
        return
    if not targets or any(id(t) in ctx.irregular for t in targets):
        return  # the numbering there is already reported as unreliable
    numbers: set[str] = set()
    for t in targets:
        numbers |= set(_index(t))
    for number in filter(None, (cite.number, cite.end)):
        if number not in numbers:
            ctx.add(
                "xref-dangling",
                f"paragraph {number} of {name} does not exist",
                place,
                text=cite.text,
                suggestion="cite the paragraph meant",
            )
            return


def _schedule(
    ctx: Context, place: Place, cite: Cited, schedules: dict[str, list[Schedule]], text: str
) -> None:
    if not cite.schedule:
        return
    if cite.this:
        here = place.division
        if isinstance(here, Schedule) and here.number != cite.schedule:
            ctx.add(
                "xref-self",
                f"'{cite.text}' stands in Schedule {here.number}",
                place,
                text=cite.text,
                suggestion=f"this Schedule {here.number}",
            )
        return
    if not schedules:
        return  # no schedule was read: nothing can be concluded about one (see `s75docs outline`)
    if cite.schedule not in schedules:
        ctx.add(
            "xref-dangling",
            f"Schedule {cite.schedule} does not exist",
            place,
            text=cite.text,
            suggestion=_meant_schedule(text, cite, schedules) or _schedule_hint(schedules),
        )
        return
    if cite.kind == "part":
        parts = _parts(schedules[cite.schedule])
        if parts and cite.number.upper() not in parts:
            ctx.add(
                "xref-dangling",
                f"Part {cite.number} of Schedule {cite.schedule} does not exist",
                place,
                text=cite.text,
                suggestion=f"Schedule {cite.schedule} has Parts {', '.join(sorted(parts))}",
            )


_COMMON = {"schedule", "partners", "partner", "agreement", "shall", "which", "their", "other"}


def _meant_schedule(text: str, cite: Cited, schedules: dict[str, list[Schedule]]) -> str:
    """The schedule whose title shares a distinctive word with the words before the cite."""
    before = text[max(0, cite.start - 120) : cite.start]
    words = {w.lower() for w in re.findall(r"[A-Za-z]{5,}", before)} - _COMMON
    hits = [
        (number, parts[0].title)
        for number, parts in schedules.items()
        if words & {w.lower() for w in re.findall(r"[A-Za-z]{5,}", parts[0].title)}
    ]
    if len(hits) == 1:
        return f"probably Schedule {hits[0][0]} ({hits[0][1].strip().title()})"
    return ""


def _schedule_hint(schedules: dict[str, list[Schedule]]) -> str:
    if not schedules:
        return "the agreement has no schedules"
    numbers = sorted(schedules, key=lambda n: int_or(n, 0))
    return f"the schedules are numbered {numbers[0]} to {numbers[-1]}"


def check_fields(ctx: Context) -> None:
    """A REF field whose cached number differs from the number of its bookmark now."""
    where: dict[str, Item | Schedule] = {}
    for item, item_raw in ctx.read.items:
        for name in item_raw.bookmarks:
            where[name] = item
    for d in ctx.read.doc.children:
        heading = ctx.read.raw(d)
        if isinstance(d, Schedule) and heading is not None:
            for name in heading.bookmarks:
                where[name] = d
    anywhere = {name for r in ctx.read.paragraphs for name in r.bookmarks}
    by_raw = {id(p.raw): p for p in ctx.places() if p.raw is not None}
    for raw in ctx.read.paragraphs:
        for f in raw.fields:
            if f.kind != "REF" or not f.bookmark:
                continue
            place: Place | RawParagraph = by_raw.get(id(raw), raw)
            target = where.get(f.bookmark)
            if target is None:
                # a result reading "Error! Reference source not found." is reported already
                if f.bookmark not in anywhere and not BROKEN_REFERENCE.search(f.cached):
                    shown = f.cached.strip()
                    ctx.add(
                        "xref-dangling",
                        f"a cross-reference to {shown!r} whose provision is no longer in the"
                        " document (Word's bookmark for it is gone): was it deleted?"
                        if shown
                        else f"a cross-reference whose provision is no longer in the document"
                        f" (Word's bookmark {f.bookmark} is gone): was it deleted?",
                        place,
                        text=f.cached,
                        suggestion="if that provision was deleted, remove or reword this"
                        " reference; if not, insert the cross-reference again, pointing at it",
                    )
                continue
            if isinstance(target, Schedule):
                accepted = {f"Schedule {target.number}"}
                current = f"Schedule {target.number}"
            else:
                current = target.full_number if "\\w" in f.instruction else target.number
                accepted = {current, target.number, target.full_number}
            if f.cached.strip() not in accepted:
                ctx.add(
                    "xref-field-stale",
                    f"the field shows {f.cached.strip()!r} but its target is now {current}",
                    place,
                    text=f.cached.strip(),
                    suggestion=f"update fields (F9) to show {current}",
                )
