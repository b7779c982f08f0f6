"""Cross-references: dangling, "this Clause N" elsewhere, suspect words, drift, stale fields."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from s75docs.check.context import Context, Place
from s75docs.check.raw import RawParagraph
from s75docs.doctree.nodes import Body, Cited, Item, Schedule, inlines_of

# words in the sentence of a reference -> a pattern the cited clause's heading should match
TOPICS: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (re.compile(r"\bdisputes?\b", re.I), re.compile(r"DISPUTE", re.I)),
    (
        re.compile(
            r"\bnotices? (?:shall|must|will|may) be (?:given|served|sent)|\bserv\w+ (?:a )?notice",
            re.I,
        ),
        re.compile(r"NOTICE", re.I),
    ),
    (re.compile(r"\bterminat\w*", re.I), re.compile(r"TERMINATION|EXIT|DURATION|TERM\b", re.I)),
    (re.compile(r"\bconfidential", re.I), re.compile(r"CONFIDENTIAL", re.I)),
    (re.compile(r"\bforce majeure\b", re.I), re.compile(r"FORCE MAJEURE", re.I)),
    (re.compile(r"\bfreedom of information\b", re.I), re.compile(r"FREEDOM OF INFORMATION", re.I)),
    (re.compile(r"\bvariations?\b|\bvaried\b", re.I), re.compile(r"VARIATION", re.I)),
    (re.compile(r"\baudit", re.I), re.compile(r"AUDIT", re.I)),
    (
        re.compile(r"\bindemn\w*|\binsurance\b", re.I),
        re.compile(r"INDEMN|INSURANCE|LIABILIT", re.I),
    ),
    (re.compile(r"\bcomplaints?\b", re.I), re.compile(r"COMPLAINT", re.I)),
    (
        re.compile(r"\boverspends?\b|\bunderspends?\b|\brisk share", re.I),
        re.compile(r"RISK|OVERSPEND|UNDERSPEND", re.I),
    ),
    (re.compile(r"\bVAT\b"), re.compile(r"\bVAT\b")),
    (re.compile(r"\bchange in law\b", re.I), re.compile(r"CHANGE IN LAW", re.I)),
    (re.compile(r"\bombudsm", re.I), re.compile(r"OMBUDSM", re.I)),
]


@dataclass(frozen=True)
class Suspect:
    place: Place
    cite: Cited
    meant: Item


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


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The words that describe a reference: the few words just before it in the same
    clause of the sentence, and a parenthetical heading just after it ("(Notices)")."""
    clause_part = re.split(r"(?<=[.;:,])\s|\band\b|\bor\b", text[:start])[-1]
    before = " ".join(clause_part.split()[-5:])
    after = ""
    m = re.match(r"\s*\(([A-Z][^)]{2,60})\)", text[end:])
    if m:
        after = m.group(1)
    return before, after


def check_references(ctx: Context) -> None:
    body = _body(ctx)
    body_index = _index(body) if body else {}
    headings = {
        item.number: item.title or ""
        for item in (body.children if body else [])
        if isinstance(item, Item) and item.level == 1
    }
    schedules = _schedules(ctx)
    suspects: list[Suspect] = []
    for place in ctx.places():
        text_inlines = inlines_of(place.node)
        full = "".join(getattr(i, "text", "") for i in text_inlines)
        pos = 0
        for inline in text_inlines:
            if not isinstance(inline, Cited):
                pos += len(getattr(inline, "text", ""))
                continue
            start, pos = pos, pos + len(inline.text)
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
                _clause(ctx, place, inline, body_index, headings, full, start, suspects)
            elif inline.kind == "paragraph":
                _paragraph(ctx, place, inline, schedules)
            else:
                _schedule(ctx, place, inline, schedules, full)
    _drift(ctx, suspects, headings)


def _clause(
    ctx: Context,
    place: Place,
    cite: Cited,
    index: dict[str, Item],
    headings: dict[str, str],
    text: str,
    start: int,
    suspects: list[Suspect],
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
                    f"the clauses run from 1 to {max(int(n) for n in headings)}" if headings else ""
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
    before, after = _sentence(text, start, start + len(cite.text))
    window = before + " " + after
    topics = [heading for words, heading in TOPICS if words.search(window)]
    cited_heading = headings.get(top, "")
    if not topics or any(h.search(cited_heading) for h in topics):
        return
    candidates = [n for n, title in headings.items() if any(h.search(title) for h in topics)]
    if len(candidates) == 1 and candidates[0] != top:
        meant = index.get(candidates[0])
        if meant is not None:
            suspects.append(Suspect(place, cite, meant))


def _drift(ctx: Context, suspects: list[Suspect], headings: dict[str, str]) -> None:
    offsets = Counter(int(s.meant.number) - int(s.cite.number.split(".")[0]) for s in suspects)
    drifted = {d for d, n in offsets.items() if n >= 3 and d != 0}
    for offset in sorted(drifted):
        group = [
            s for s in suspects if int(s.meant.number) - int(s.cite.number.split(".")[0]) == offset
        ]
        first = min(int(s.cite.number.split(".")[0]) for s in group)
        examples = "; ".join(
            f"{s.cite.text} (meaning {s.meant.title.title() if s.meant.title else s.meant.number})"
            for s in group[:4]
        )
        ctx.add(
            "xref-drift",
            f"{len(group)} references appear to be off by {offset:+d}, as if the clauses were"
            f" renumbered after they were written: {examples}",
            group[0].place,
            text=group[0].cite.text,
            suggestion=f"add {offset:+d} to references to Clause {first} and later,"
            " after checking each",
        )
    for s in suspects:
        if int(s.meant.number) - int(s.cite.number.split(".")[0]) in drifted:
            continue
        heading = headings.get(s.cite.number.split(".")[0], "")
        ctx.add(
            "xref-suspect",
            f"{s.cite.text} is {heading.title() or 'another clause'}, but the words around it"
            f" are about {(s.meant.title or '').title()}",
            s.place,
            text=s.cite.text,
            suggestion=f"Clause {s.meant.number}",
        )


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
    numbers = sorted(schedules, key=lambda n: int(n) if n.isdigit() else 0)
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
                if f.bookmark not in anywhere:
                    ctx.add(
                        "xref-dangling",
                        f"REF field to a missing bookmark {f.bookmark}",
                        place,
                        text=f.cached,
                        suggestion="re-insert the cross-reference",
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
