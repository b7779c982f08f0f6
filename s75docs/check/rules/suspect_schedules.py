"""References to a schedule that name, in the words by them, another schedule's title: "the
Better Care Fund Plan attached at Schedule 6" where Schedule 6 is the conflicts policy and
Schedule 5 is the Better Care Fund Plan (schedules renumbered, references not)."""

from __future__ import annotations

import re

from s75docs.check.context import Context, Place, part_of
from s75docs.doctree.nodes import Cited, Schedule, inline_text, inlines_of

# what may stand between a title and the reference to its schedule: "means the plan attached
# at", "set out in", "in", "at": a title further off is another subject of the sentence
_LINK = re.compile(
    r"^\s*(?:(?:means|is|are)\s+)?(?:(?:the|a|an)\s+\w+\s+)?"
    r"(?:(?:as\s+)?(?:attached|annexed|appended|set\s+out|contained|described|included)\s+)?"
    r"(?:at|in|as)\s*$"
)
_TAIL = re.compile(r"\s*\(([^()]{3,80})\)")
_SMALL = {"the", "of", "for", "and", "to", "a", "an", "in", "on", "its", "with", "&"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold().replace("’", "'"))


def _key(title: str) -> str:
    """A title as words to look for: "POLICY FOR THE MANAGEMENT OF CONFLICTS OF INTEREST"
    -> "policy for the management of conflicts of interest"; too short to tell: ""."""
    words = _words(title)
    while words and words[0] in _SMALL:
        words = words[1:]
    return " ".join(words) if len([w for w in words if w not in _SMALL]) >= 2 else ""


def _titles(ctx: Context) -> dict[str, str]:
    """Each schedule's number and title (its first division; a Part's title is not the
    schedule's)."""
    out: dict[str, str] = {}
    for node in ctx.read.doc.children:
        if isinstance(node, Schedule) and node.name == "Schedule" and node.number:
            title = node.title.strip()
            if part_of(node) is not None:
                title = ""
            out.setdefault(node.number, title)
    return out


def check_schedule_titles(ctx: Context) -> None:
    titles = _titles(ctx)
    keys = {n: _key(t) for n, t in titles.items() if _key(t)}
    if len(keys) < 2:
        return
    for place in ctx.places():
        inlines = inlines_of(place.node)
        text = ""
        spans: list[tuple[int, int, Cited]] = []
        for i in inlines:
            piece = inline_text([i])
            if isinstance(i, Cited):
                spans.append((len(text), len(text) + len(piece), i))
            text += piece
        last = 0
        for start, end, cite in spans:
            if cite.kind == "schedule" and not cite.this and not cite.external:
                _judge(ctx, place, cite, text[last:start], text[end:], keys, titles)
            last = end


def _judge(
    ctx: Context,
    place: Place,
    cite: Cited,
    before: str,
    after: str,
    keys: dict[str, str],
    titles: dict[str, str],
) -> None:
    number = cite.schedule or cite.number
    if number not in titles:
        return  # dangling: another rule's
    said = " ".join(_words(before))
    tail = _TAIL.match(after)
    named: set[str] = set()
    mine = keys.get(number, "")
    for other, key in keys.items():
        if other != number and key in mine:
            continue  # its words are part of the title of the schedule named
        hits = list(re.finditer(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", said))
        if hits and _LINK.match(said[hits[-1].end() :]):
            named.add(other)
        if tail and " ".join(_words(tail.group(1))) == key:
            named.add(other)
    if not named or number in named or len(named) > 1:
        return  # it fits, or the words name no schedule, or more than one
    (meant,) = named
    words = " ".join(before.split()[-10:])
    ctx.add(
        "xref-suspect",
        f"{cite.text} is the {_title(titles[number])}, but the words by it ('{words}') name"
        f" {_label(meant, titles)}, as if the schedules were renumbered and the reference not",
        place,
        text=cite.text,
        suggestion=f"probably {_label(meant, titles)}",
    )


def _title(title: str) -> str:
    """A title as a heading prints it: "POLICY FOR THE MANAGEMENT OF CONFLICTS OF INTEREST" ->
    "Policy for the Management of Conflicts of Interest"."""
    out = []
    for i, word in enumerate(title.split()):
        plain = word.casefold()
        out.append(plain if i and plain in _SMALL else plain.capitalize())
    return " ".join(out)


def _label(number: str, titles: dict[str, str]) -> str:
    title = titles.get(number, "")
    return f"Schedule {number} ({_title(title)})" if title else f"Schedule {number}"
