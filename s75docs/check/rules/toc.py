"""The table of contents against the headings it lists."""

from __future__ import annotations

import re

from s75docs.check.context import Context
from s75docs.check.leaders import contents_entry
from s75docs.check.outline import CONTENTS
from s75docs.doctree.nodes import Body, Item, Schedule


def _norm(text: str) -> str:
    """Letters and digits only: PDF extraction splits and joins words ("INTERPRET ATION")."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def check_toc(ctx: Context) -> None:
    entries = [e.raw for e in ctx.read.outline.entries if e.region == CONTENTS]
    if not entries:
        return
    headings: dict[str, str] = {}
    for division in ctx.read.doc.children:
        if isinstance(division, Body):
            for item in division.children:
                if isinstance(item, Item) and item.level == 1 and item.title:
                    headings[item.number] = item.title
        elif isinstance(division, Schedule):
            headings.setdefault(f"schedule {division.number}", division.title)
    listed: set[str] = set()
    for raw in entries:
        entry = contents_entry(raw.text.replace("\t", " ").strip())
        if entry is None:
            continue
        printed, title = entry
        number = re.sub(r"\s+", " ", printed.lower() if not printed.isdigit() else printed)
        listed.add(number)
        actual = headings.get(number)
        if actual is None:
            ctx.add(
                "toc-mismatch",
                f"the contents list {printed} '{title}', which does not exist",
                raw,
                text=raw.text.strip(),
                suggestion="update the contents",
            )
        elif _norm(actual) not in _norm(title) and _norm(title) not in _norm(actual):
            ctx.add(
                "toc-mismatch",
                f"the contents call {printed} '{title}' but its heading is '{actual}'",
                raw,
                text=raw.text.strip(),
                suggestion="update the contents (right-click, Update Field)",
            )
    missing = [n for n in headings if n not in listed and not n.startswith("schedule")]
    if missing and listed:
        ctx.add(
            "toc-mismatch",
            f"the contents leave out {', '.join(missing[:6])}",
            entries[0],
            text="",
            suggestion="update the contents",
        )
