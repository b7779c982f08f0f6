"""Placeholders, Word comments and stale law in the text of every paragraph."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import replace

from s75docs.check.context import Context, Place, division_name
from s75docs.diagnostics import Severity
from s75docs.doctree.nodes import Definition, Schedule, inline_text, inlines_of
from s75docs.model.currency import Citation, citations_in

PLACEHOLDER = re.compile(
    r"\[\s+\](?!\()|(?<![\w\])])\[\](?!\()"  # "[ ]" or "[]", not "int[]" (code)
    r"|\[\s*(?:INSERT|Insert|insert|TBC|TBA|tbc|date|DATE|Date|●|•|\.{2,}|_{2,}|x{2,}|X{2,}|"
    r"name|NAME|amount|AMOUNT)[^\]\n]{0,60}\](?!\()"
    r"|\[(?:Clause|clause|Schedule|schedule|paragraph|Paragraph)\s[^\]\n]{1,20}\](?!\()"
    r"|\[[a-z]+(?:[\s-][a-z]+)?\s*\(\d+\)\s*(?:Business\s+|working\s+|calendar\s+)?(?:[Dd]ays|[Mm]onths|[Ww]eeks|[Yy]ears)\](?!\()"
    r"|\[\d+\](?=\s+(?:Business\s+|working\s+|calendar\s+)?(?:[Dd]ays|[Mm]onths|[Ww]eeks|[Yy]ears))"
    r"|\[(?:The|the)\s[^\]\n]{0,40}?(?:Clause|Schedule|paragraph|Paragraph)\s[^\]\n]{1,20}\](?!\()"
    r"|\[[A-Z]{2,6}\](?!\()"
    r"|(?<![\w£])XX+(?![\w])|\bTBC\b|\bTBA\b"
)


# values only a template or the starter scheme holds: the example county, people surnamed
# Example, and postcodes in the XX area (no such postcode area exists)
EXAMPLE_VALUE = re.compile(r"\bExampleshire\b|\b[A-Z][a-z]+ Example\b|\bXX\d{1,2}\s?\d[A-Z]{2}\b")

_REFERENCE = re.compile(
    r"\[(?:(?:The|the)\s.*)?(?:Clause|clause|Schedule|schedule|paragraph|Paragraph)\s"
)
_PERIOD = re.compile(r"\[(?:[a-z]+(?:[\s-][a-z]+)?\s*\(\d+\)|\d+\])")


_BLANKS = {"INSERT", "TBC", "TBA", "DATE", "NAME", "AMOUNT"}


def _placeholder_fix(found: str) -> str:
    if _REFERENCE.match(found):
        return "confirm the reference and remove the brackets"
    if _PERIOD.match(found):
        return "confirm the period and remove the brackets"
    if re.fullmatch(r"\[[A-Z]{2,6}\]", found) and found[1:-1] not in _BLANKS:
        return "confirm the name and remove the brackets"
    return "complete or delete it before signing"


def check_placeholders(ctx: Context) -> None:
    templates: dict[int, tuple[Place, int]] = {}
    for place in ctx.places():
        text = inline_text(inlines_of(place.node))
        if "[" not in text and "XX" not in text and "TB" not in text:
            continue  # every placeholder holds one of these
        for m in PLACEHOLDER.finditer(text):
            if _template(place):
                assert place.division is not None
                first, count = templates.get(id(place.division), (place, 0))
                templates[id(place.division)] = (first, count + 1)
                continue
            ctx.add(
                "placeholder",
                f"placeholder '{m.group(0)}' left in",
                place,
                text=m.group(0),
                suggestion=_placeholder_fix(m.group(0)),
                # a bracketed reference is usually right: only its brackets need to go
                severity=Severity.WARNING if _REFERENCE.match(m.group(0)) else None,
            )
    examples: dict[str, tuple[Place, int]] = {}
    for place in ctx.places():
        text = inline_text(inlines_of(place.node))
        if "Example" not in text and "XX" not in text:
            continue
        for m in EXAMPLE_VALUE.finditer(text):
            first, count = examples.get(m.group(0), (place, 0))
            examples[m.group(0)] = (first, count + 1)
    for value, (first, count) in examples.items():
        more = f" (and {count - 1} more time{'s' if count > 2 else ''})" if count > 1 else ""
        ctx.add(
            "placeholder",
            f"example value '{value}' from a template or the starter scheme left in{more}",
            first,
            text=value,
            suggestion="replace it, and every other example value, with the real one",
        )
    for first, count in templates.values():
        assert isinstance(first.division, Schedule)
        ctx.add(
            "placeholder",
            f"{division_name(first.division)} is a template for later use: its {count}"
            " blank(s) are not reported",
            first,
            text="",
            suggestion="check the template is meant to be annexed blank",
            severity=Severity.INFO,
        )
    for raw in ctx.read.paragraphs:
        if raw.comments:
            ctx.add(
                "comment-left",
                f"{raw.comments} Word comment(s) left in this paragraph",
                raw,
                text=raw.text[:60],
                suggestion="resolve and delete the comments",
            )


def check_law(ctx: Context) -> None:
    """One finding per stale item (its first use), with how many times it is cited. Law or a
    body that did not yet exist when the agreement was made is found only where the document
    says when it was made."""
    found: dict[str, list[tuple[Place, Citation]]] = defaultdict(list)
    for place in ctx.places():
        text = inline_text(inlines_of(place.node))
        cited = citations_in(text)  # one scan of the text, then each entry's dates
        cites = [c for c in cited if not c.entry.not_yet and c.entry.applies_on(ctx.as_of)]
        if ctx.made is not None:
            made = ctx.made
            cites += [c for c in cited if c.entry.not_yet and c.entry.applies_on(made)]
        for cite in cites:
            found[cite.entry.id].append((place, cite))
    # one finding where the same change made two items stale in one provision (the Audit
    # Commission and its Act): one fix, one finding
    grouped: dict[tuple[int, str], list[tuple[Place, Citation, int]]] = defaultdict(list)
    for uses in found.values():
        place, cite = uses[0]
        grouped[(id(place.node), cite.entry.authority)].append((place, cite, len(uses)))
    unused = {(f.line, f.paragraph) for f in ctx.findings if f.code == "term-unused"}
    for group in grouped.values():
        place = group[0][0]
        said = [_stale(ctx, cite, count) for _, cite, count in group]
        suggestion = "; ".join(suggestion for _, suggestion, _ in said)
        severity = min((severity for _, _, severity in said), key=_RANK.index)
        only_there = all(
            p.node is place.node for _, cite, _ in group for p, _ in found[cite.entry.id]
        )
        raw = place.raw
        defined_only = isinstance(place.node, Definition) and raw is not None
        if defined_only and only_there and raw and (raw.line, raw.paragraph) in unused:
            # a definition nothing uses: deleting it is the whole fix, which the term-unused
            # finding already says; it names what is stale, not a second finding
            _note_on_unused(ctx, raw.line, raw.paragraph, "; ".join(m for m, _, _ in said))
            continue
        ctx.add(
            "law-stale",
            "; ".join(message for message, _, _ in said),
            place,
            text=" and ".join(cite.text for _, cite, _ in group),
            suggestion=suggestion,
            severity=severity,
        )


_RANK = [Severity.ERROR, Severity.WARNING, Severity.INFO]


def _note_on_unused(ctx: Context, line: int | None, paragraph: int | None, stale: str) -> None:
    for i, found in enumerate(ctx.findings):
        if found.code == "term-unused" and (found.line, found.paragraph) == (line, paragraph):
            stale = re.sub(r" \(cited \d+ times\)", "", stale)
            ctx.findings[i] = replace(found, message=f"{found.message}, and {stale}")
            return


def _stale(ctx: Context, cite: Citation, count: int) -> tuple[str, str, Severity]:
    """What one stale item's finding says (message, suggestion, severity)."""
    entry = cite.entry
    more = f" (cited {count} times)" if count > 1 else ""
    if entry.not_yet:
        assert ctx.made is not None
        return (
            f"'{cite.text}' is {entry.problem(ctx.made)}{more}",
            f"use {entry.replacement}",
            Severity.ERROR,
        )
    wrong_when_made = ctx.made is not None and entry.applies_on(ctx.made)
    if not wrong_when_made and _after_term(ctx, entry.ended):
        assert ctx.term_end is not None
        return (
            f"'{cite.text}' is {entry.describe()}, after the Initial Term as stated ended"
            f" ({_long(ctx.term_end)}){more}",
            f"if the agreement was extended or is reused, use {entry.replacement}",
            Severity.INFO,
        )
    when = "" if wrong_when_made or ctx.made is None else " since the agreement was made"
    return (
        f"'{cite.text}' is {entry.describe()}{when}{more}",
        f"use {entry.replacement}",
        Severity.ERROR if wrong_when_made or ctx.made is None else Severity.WARNING,
    )


def _after_term(ctx: Context, ended: dt.date | None) -> bool:
    """The change came after the agreement's Initial Term ended, as its definition states: in
    an agreement that has run its course, that is news only if it was extended or reused."""
    end = ctx.term_end
    return end is not None and ended is not None and end < ended and end < ctx.as_of


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _template(place: Place) -> bool:
    """A Part or schedule annexed as a blank template for later schemes: its blanks are meant."""
    division = place.division
    return isinstance(division, Schedule) and "template" in division.title.casefold()
