"""Word's list numbers, read back from the list places pandoc writes for them.

pandoc writes a .docx's list numbering as plain or Markdown lists: "1.  " nested by
indentation, a lettered level as "a.  ". What it keeps of Word's numbers: the start of each
list, carried on from where the same list stopped (so a list that a table or a definition
interrupted goes on "6.", "7."); the nesting within one run of list items. What it loses: the
level of a run's first item (a run that begins with an item at Word's second level is written
at the left margin), the numbers of the levels above, and, where an item of a lower level
(of any list) came between, the count of a level below it (written from "1." again).

This module gives the agreement's own numbers back, as Word counts them: one counter a level,
a deeper one restarted under each new item above it, all restarted at each schedule; the
level of a run's first item is the level whose count it carries on (a "1." after a finished
sentence is the next item at the level of the one before it, whose count pandoc lost; after
a heading or a sentence ending in a colon, the first item under it). A numbered paragraph
with its title after a line break ("1.", then "Finance") is a schedule's heading, named as
the contents list names it ("Annex 1 Schedule 6A (...)") or "Schedule".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from s75docs.check.outline import TOC_LINE, title_like

# "1.  Text", "10. Text", "a.  text", "iii. text"; "1.  " alone: the title follows its break
MARKER = re.compile(
    r"^(?P<indent> *)(?P<mark>\d{1,3}|([a-z])\3?|[ivxl]{1,6})\.(?: +(?P<rest>\S.*))?\s*$"
)
_SEPARATOR = re.compile(r"^\s*(?:```(?:\{=html\})?|<!-- -->)\s*$")  # pandoc's between two lists
MAX_LEVEL = 4  # decimal levels: 1, 1.1, 1.1.1, 1.1.1.1


@dataclass
class Listed:
    """What one list item was read as: its number, and the lines it took."""

    number: str  # "12.3", "(a)", "Schedule 2"
    text: str
    heading: bool = False
    style: str = ""  # "schedule", "appendix" for a division's heading
    lines: list[int] = field(default_factory=list)  # 0-based, its first line first


@dataclass
class _Item:
    index: int
    indent: int
    mark: str
    text: str
    lines: list[int]
    broken: bool  # the number alone on its line, the words after a break
    position: int = 0  # in its run

    @property
    def decimal(self) -> bool:
        return self.mark.isdigit()

    @property
    def column(self) -> int:
        """Where its words start: lines indented this far or more are its own."""
        return self.indent + max(4, len(self.mark) + 2)


def _items(lines: list[str]) -> tuple[list[list[_Item]], set[int]]:
    """Runs of list items (a run ends at a line that belongs to none of them) and the lines
    to skip (pandoc's separators between two lists)."""
    runs: list[list[_Item]] = []
    run: list[_Item] = []
    skip: set[int] = set()
    open_item: _Item | None = None  # the item whose paragraph is still being read
    blank = True
    for i, line in enumerate(lines):
        if _SEPARATOR.match(line):
            skip.add(i)
            if run:
                runs.append(run)
            run, open_item, blank = [], None, True
            continue
        if not line.strip():
            blank, open_item = True, None
            continue
        indent = len(line) - len(line.lstrip(" "))
        m = MARKER.match(line) if blank else None
        if m is not None and (not run or indent < run[-1].column + 8):
            item = _Item(i, indent, m.group("mark"), (m.group("rest") or "").strip(), [i], False)
            item.broken, item.position = not item.text, len(run)
            run.append(item)
            open_item, blank = item, False
            continue
        if open_item is not None and (open_item.broken or indent >= open_item.indent):
            # its paragraph goes on (a title after the break, or wrapped words)
            open_item.text = f"{open_item.text} {line.strip()}".strip()
            open_item.lines.append(i)
        elif run and blank and indent >= run[0].column:
            pass  # a further paragraph inside the list: it does not end the run
        elif run:
            runs.append(run)
            run = []
        blank = False
    if run:
        runs.append(run)
    return runs, skip


def _divisions(contents: list[str]) -> dict[str, str]:
    """Titles of the schedules (annexes, appendices) the contents list names: title -> name."""
    out: dict[str, str] = {}
    entries = re.split(r"\n\s*\n", "\n".join(contents))  # an entry may wrap
    for entry in entries:
        entry = re.sub(r"^\[|\]\([^)]*\)$", "", " ".join(entry.split()))  # a Markdown link
        m = TOC_LINE.match(entry)
        if m and m.group("num")[:1] in "SsAa":
            name, _, number = m.group("num").partition(" ")
            out[_key(m.group("title"))] = f"{name.capitalize()} {number}"
    return out


def _key(text: str) -> str:
    text = re.sub(r"(?:[.…·_]{2,}\s*|\t)\d{1,3}$", "", text)  # a page number
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _letter(mark: str) -> str:
    return f"({mark})"


class _Counts:
    """Word's counters, one a decimal level, with the item read last."""

    def __init__(self) -> None:
        self.counts: list[int] = []
        self.last_text = ""
        self.last_heading = False

    @property
    def level(self) -> int:
        return len(self.counts)

    def set(self, level: int, value: int) -> str:
        self.counts = [*(self.counts + [0] * level)[: level - 1], value]
        return ".".join(str(c) for c in self.counts)

    def first_level(self, n: int, text: str, depth: int) -> int:
        """The level of the first item of a run, written `n.`, with `depth` decimal levels
        under it in the run."""
        top = max(1, min(self.level + 1, MAX_LEVEL - depth))
        if n == 1 and self.level:
            # the first item under the one before (after a heading, or words ending in a
            # colon), or the next at its level, whose count pandoc lost
            if self.last_heading or self.last_text.rstrip().endswith((":", "—")):
                return min(self.level + 1, top)
            return min(self.level, top)
        carries = [lv for lv in range(1, top + 1) if self._next(lv) == n]
        if carries:
            if title_like(text) and 1 in carries:
                return 1
            below = [lv for lv in carries if lv <= max(self.level, 1)]
            return max(below) if below else max(carries)
        return 1 if title_like(text) else min(max(self.level, 1), top)

    def _next(self, level: int) -> int:
        return (self.counts[level - 1] if level <= self.level else 0) + 1


def read_lists(lines: list[str], contents: list[str]) -> tuple[dict[int, Listed], set[int]]:
    """The agreement's numbers for pandoc's list items, by the line each starts on; and the
    lines they (and pandoc's separators) take, which the reader skips."""
    runs, skip = _items(lines)
    named = _divisions(contents)
    counts = _Counts()
    out: dict[int, Listed] = {}
    for run in runs:
        # each list in the run: a new one starts where a count does not go on
        stack: list[tuple[_Item, int, int]] = []  # (item, its decimal level, offset)
        for item in run:
            while stack and stack[-1][0].indent > item.indent:
                stack.pop()
            sibling = stack.pop() if stack and stack[-1][0].indent == item.indent else None
            listed = _read(item, run, stack, sibling, counts, named)
            out[item.index] = listed
            skip.update(item.lines)
            level = listed.number.count(".") + 1 if listed.number[:1].isdigit() else 0
            offset = int(listed.number.split(".")[-1]) - int(item.mark) if level else 0
            stack.append((item, level, offset))
            counts.last_text, counts.last_heading = listed.text, listed.heading
            if listed.style:
                counts.counts = []
    return out, skip


def _read(
    item: _Item,
    run: list[_Item],
    stack: list[tuple[_Item, int, int]],
    sibling: tuple[_Item, int, int] | None,
    counts: _Counts,
    named: dict[str, str],
) -> Listed:
    if not item.decimal:
        return Listed(_letter(item.mark), item.text, lines=item.lines)
    n = int(item.mark)
    listed_as = named.get(_key(item.text), "")  # the contents list's schedule of that title
    if not listed_as.endswith(f" {n}"):
        listed_as = ""
    if not stack and (item.broken or (listed_as and counts._next(1) != n)):
        name = listed_as or _name_for(n, named)
        style = "appendix" if name.startswith(("Annex", "Appendix")) else "schedule"
        return Listed(name, item.text, heading=True, style=style, lines=item.lines)
    goes_on = sibling is not None and sibling[1] and int(sibling[0].mark) + 1 == n
    if (
        goes_on
        and not stack
        and sibling is not None
        and sibling[1] > 1
        and _heads(item.text, n, counts)
    ):
        level, value = 1, n  # a list of the clauses after one of a clause's provisions
    elif goes_on and sibling is not None:
        level, value = sibling[1], n + sibling[2]  # the same list goes on
    elif stack and stack[-1][1]:
        level, value = stack[-1][1] + 1, n  # a list under the item above
    else:
        depth = _depth(item, run)
        level = counts.first_level(n, item.text, depth)
        value = n if counts._next(level) == n or n != 1 else counts._next(level)
    number = counts.set(level, value)
    heading = level == 1 and title_like(item.text)
    return Listed(number, item.text, heading=heading, lines=item.lines)


def _heads(text: str, n: int, counts: _Counts) -> bool:
    """A title that is the next clause's ("2.  Commencement"), though it may carry on a
    list of provisions at the left margin ("1.  ... 2.  ...")."""
    return title_like(text) and counts._next(1) == n


def _name_for(n: int, named: dict[str, str]) -> str:
    """A schedule's heading whose title the contents list does not give: named as the
    contents list names the division with that number, else a Schedule."""
    for name in named.values():
        if name.split()[-1] == str(n):
            return name
    return f"Schedule {n}"


def _depth(first: _Item, run: list[_Item]) -> int:
    """How many decimal levels stand under `first` in its run (until a sibling or less)."""
    indents: set[int] = set()
    for k in range(first.position + 1, len(run)):
        item = run[k]
        if item.indent <= first.indent:
            break
        if item.decimal:
            indents.add(item.indent)
    return len(indents)
