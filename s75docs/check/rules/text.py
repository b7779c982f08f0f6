"""Placeholders, Word comments and stale law in the text of every paragraph."""

from __future__ import annotations

import re
from collections import defaultdict

from s75docs.check.context import Context, Place
from s75docs.diagnostics import Severity
from s75docs.doctree.nodes import inline_text, inlines_of
from s75docs.model.currency import Citation, citations_in

PLACEHOLDER = re.compile(
    r"\[\s*\](?!\()"
    r"|\[\s*(?:INSERT|Insert|insert|TBC|TBA|tbc|date|DATE|Date|●|•|\.{2,}|_{2,}|x{2,}|X{2,}|"
    r"name|NAME|amount|AMOUNT)[^\]\n]{0,60}\](?!\()"
    r"|\[(?:Clause|clause|Schedule|schedule|paragraph|Paragraph)\s[^\]\n]{1,20}\](?!\()"
    r"|\[[a-z]+(?:[\s-][a-z]+)?\s*\(\d+\)\s*(?:Business\s+|working\s+|calendar\s+)?(?:[Dd]ays|[Mm]onths|[Ww]eeks|[Yy]ears)\](?!\()"
    r"|(?<![\w£])XX+(?![\w])|\bTBC\b|\bTBA\b"
)


def check_placeholders(ctx: Context) -> None:
    for place in ctx.places():
        text = inline_text(inlines_of(place.node))
        if "[" not in text and "XX" not in text and "TB" not in text:
            continue  # every placeholder holds one of these
        for m in PLACEHOLDER.finditer(text):
            ctx.add(
                "placeholder",
                f"placeholder '{m.group(0)}' left in",
                place,
                text=m.group(0),
                suggestion="complete or delete it before signing",
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
    for uses in found.values():
        place, cite = uses[0]
        entry = cite.entry
        if entry.not_yet:
            assert ctx.made is not None
            more = f" (cited {len(uses)} times)" if len(uses) > 1 else ""
            ctx.add(
                "law-stale",
                f"'{cite.text}' is {entry.problem(ctx.made)}{more}",
                place,
                text=cite.text,
                suggestion=f"use {entry.replacement}",
                severity=Severity.ERROR,
            )
            continue
        wrong_when_made = ctx.made is not None and entry.applies_on(ctx.made)
        more = f" (cited {len(uses)} times)" if len(uses) > 1 else ""
        when = "" if wrong_when_made or ctx.made is None else " since the agreement was made"
        ctx.add(
            "law-stale",
            f"'{cite.text}' is {entry.describe()}{when}{more}",
            place,
            text=cite.text,
            suggestion=f"use {entry.replacement}",
            severity=Severity.ERROR if wrong_when_made or ctx.made is None else Severity.WARNING,
        )
