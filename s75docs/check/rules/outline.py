"""What the outline could not place: said once each (a few), or once for all (many)."""

from __future__ import annotations

import re

from s75docs.check.context import Context
from s75docs.check.tree import ReadDocument
from s75docs.doctree.nodes import Body, Schedule

_SHOW = 3
_AGREEMENT = re.compile(
    r"\b(?:agreement|deed|contract|memorandum of understanding|the parties|the partners)\b",
    re.I,
)
# what is still said of a document that is not an agreement: each finding is about the
# words where it stands, not about an agreement's structure
ANYWHERE = frozenset({"comment-left", "law-stale"})


def is_agreement(read: ReadDocument) -> bool:
    """Whether any clauses or schedules were recognised, in a document that calls itself an
    agreement (a deed, a contract...): a guide with numbered headings does not."""
    return any(isinstance(top, Body | Schedule) for top in read.doc.children) and any(
        _AGREEMENT.search(r.text) for r in read.paragraphs
    )


def check_not_agreement(ctx: Context) -> None:
    """One line for a document in which no clause or schedule was recognised (a letter, a
    guide, a CV), in place of the findings that need an agreement's structure."""
    first = next((r for r in ctx.read.paragraphs if r.text.strip()), None)
    ctx.add(
        "not-agreement",
        "this does not look like an agreement: no clauses or schedules were recognised, so"
        " the numbering, cross-reference, defined-term, money, placeholder and contents"
        " checks were not run (Word comments and stale law are still reported)",
        first,
        text=" ".join(first.text.split())[:60] if first else "",
        suggestion="run 's75docs outline FILE' to see what the checker read",
        clause="",
    )


def check_outline(ctx: Context) -> None:
    unplaced = ctx.read.outline.unplaced
    hint = "run 's75docs outline FILE' to see what the checker read"
    if len(unplaced) <= _SHOW:
        for entry in unplaced:
            ctx.add(
                "outline-unplaced",
                entry.note,
                entry.raw,
                text=" ".join(entry.raw.text.split())[:60],
                suggestion=hint,
                clause="",
            )
        return
    first = unplaced[0]
    ctx.add(
        "outline-unplaced",
        f"{len(unplaced)} paragraphs could not be placed in the outline (first: {first.note})",
        first.raw,
        text=" ".join(first.raw.text.split())[:60],
        suggestion=hint,
        clause="",
    )
