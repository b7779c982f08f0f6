"""A provision of an Act cited as a clause: "Clause 14O of the National Health Service Act
2006" is section 14O (clauses are a Bill's, and an agreement's own)."""

from __future__ import annotations

import re

from s75docs.check.context import Context
from s75docs.doctree.nodes import inline_text, inlines_of

_CLAUSE_OF_ACT = re.compile(
    r"\b[Cc]lause\s+(?P<n>\d{1,3}[A-Z]{0,2}(?:\(\d{1,2}\))*)\s+of\s+(?:the\s+)?"
    r"(?P<act>(?:[A-Z][\w’'()-]*\s+|and\s+|of\s+|for\s+){1,10}Act\s+(?:19|20)\d\d)\b"
)


def check_statute_clauses(ctx: Context) -> None:
    for place in ctx.places():
        text = " ".join(inline_text(inlines_of(place.node)).split())
        for m in _CLAUSE_OF_ACT.finditer(text):
            act = m.group("act")
            ctx.add(
                "xref-suspect",
                f"'{m.group(0)}' cites a provision of an Act as a clause: an Act has sections",
                place,
                text=m.group(0),
                suggestion=f"section {m.group('n')} of the {act}",
            )
