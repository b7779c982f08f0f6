"""What the outline could not place: said once each (a few), or once for all (many)."""

from __future__ import annotations

from s75docs.check.context import Context

_SHOW = 3


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
