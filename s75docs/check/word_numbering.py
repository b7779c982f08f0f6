"""Word's list numbering from numbering.xml, counted the way Word counts it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from s75docs.check.word_styles import StyleDef, StyleSheet
from s75docs.check.wordml import MAX_LEVEL, MAX_LINKS, attr_val, int_of, is_on, w_tag
from s75docs.doctree.numbers import alpha, roman
from s75docs.ooxml import MC_NS


@dataclass(frozen=True)
class LevelDef:
    """One w:lvl: how a level counts and what it prints (spec defaults when absent)."""

    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 0 never, n after a level-n (1-based) item
    legal: bool = False  # w:isLgl: every number in the text shown as decimal
    style: str | None = None  # w:pStyle: the paragraph style linked to this level


@dataclass(frozen=True)
class NumDef:
    """One w:num: a list instance over an abstractNum, with its level overrides."""

    num_id: str
    abstract_id: str
    start_overrides: dict[int, int]
    level_overrides: dict[int, etree._Element]


@dataclass(frozen=True)
class ListInstance:
    """A w:num resolved: the levels it prints and whose running counts it shares."""

    num_id: str
    counter_key: str  # the abstractNum (after numStyleLink) whose counts it shares
    levels: dict[int, LevelDef]
    start_overrides: dict[int, int]

    def level_for_style(self, style_id: str | None) -> int | None:
        return next(
            (i for i, lvl in self.levels.items() if style_id and lvl.style == style_id), None
        )


def _level_def(element: etree._Element, base: LevelDef | None = None) -> LevelDef:
    base = base or LevelDef()
    restart = element.find(w_tag("lvlRestart"))
    legal = element.find(w_tag("isLgl"))
    text = element.find(w_tag("lvlText"))
    return LevelDef(
        start=int_of(attr_val(element.find(w_tag("start"))), base.start) or 0,
        fmt=_num_fmt(element) or base.fmt,
        text=(attr_val(text) or "") if text is not None else base.text,
        restart=int_of(attr_val(restart)) if restart is not None else base.restart,
        legal=is_on(legal) if legal is not None else base.legal,
        style=attr_val(element.find(w_tag("pStyle"))) or base.style,
    )


def _num_fmt(level: etree._Element) -> str | None:
    """w:numFmt, or the Fallback of an mc:AlternateContent (Word 2010 custom formats)."""
    direct = level.find(w_tag("numFmt"))
    if direct is not None:
        return attr_val(direct)
    fallback = level.find(f"{{{MC_NS}}}AlternateContent/{{{MC_NS}}}Fallback/{w_tag('numFmt')}")
    return attr_val(fallback)


def _levels(abstract: etree._Element) -> dict[int, LevelDef]:
    out: dict[int, LevelDef] = {}
    for lvl in abstract.iterchildren(w_tag("lvl")):
        ilvl = int_of(lvl.get(w_tag("ilvl")))
        if ilvl is not None and 0 <= ilvl <= MAX_LEVEL:
            out[ilvl] = _level_def(lvl)
    return out


def _num_def(element: etree._Element) -> NumDef:
    starts: dict[int, int] = {}
    levels: dict[int, etree._Element] = {}
    for override in element.iterchildren(w_tag("lvlOverride")):
        ilvl = int_of(override.get(w_tag("ilvl")))
        if ilvl is None or not 0 <= ilvl <= MAX_LEVEL:
            continue
        start = int_of(attr_val(override.find(w_tag("startOverride"))))
        if start is not None:
            starts[ilvl] = start
        lvl = override.find(w_tag("lvl"))
        if lvl is not None:
            levels[ilvl] = lvl
    return NumDef(
        num_id=element.get(w_tag("numId")) or "",
        abstract_id=attr_val(element.find(w_tag("abstractNumId"))) or "",
        start_overrides=starts,
        level_overrides=levels,
    )


class NumberingDefs:
    """numbering.xml: abstractNums, nums, and numStyleLink indirection through styles."""

    def __init__(self, root: etree._Element | None, styles: StyleSheet) -> None:
        self.styles = styles
        self.abstracts: dict[str, etree._Element] = {}
        self.nums: dict[str, NumDef] = {}
        for element in [] if root is None else root.iterchildren(w_tag("abstractNum")):
            self.abstracts[element.get(w_tag("abstractNumId")) or ""] = element
        for element in [] if root is None else root.iterchildren(w_tag("num")):
            num = _num_def(element)
            self.nums[num.num_id] = num
        self._instances: dict[str, ListInstance | None] = {}

    def instance(self, num_id: str) -> ListInstance | None:
        if num_id not in self._instances:
            self._instances[num_id] = self._resolve(num_id)
        return self._instances[num_id]

    def _resolve(self, num_id: str) -> ListInstance | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        abstract_id = self._follow_style_links(num.abstract_id)
        abstract = self.abstracts.get(abstract_id)
        if abstract is None:
            return None
        levels = _levels(abstract)
        for ilvl, lvl in num.level_overrides.items():
            levels[ilvl] = _level_def(lvl, levels.get(ilvl))
        return ListInstance(num_id, abstract_id, levels, dict(num.start_overrides))

    def _follow_style_links(self, abstract_id: str) -> str:
        """An abstractNum with w:numStyleLink takes its levels from the numbering style's list."""
        for _ in range(MAX_LINKS):
            abstract = self.abstracts.get(abstract_id)
            link = None if abstract is None else attr_val(abstract.find(w_tag("numStyleLink")))
            if link is None:
                return abstract_id
            style_num, _ilvl = self.styles.numbering(self.styles.styles.get(link))
            target = self.nums.get(style_num or "")
            if target is None or target.abstract_id == abstract_id:
                return abstract_id
            abstract_id = target.abstract_id
        return abstract_id


# ------------------------------------------------------------------ counting and display

_MAX_LETTERED = 26 * 30  # beyond "zzz...z" (30 letters) a hostile start prints as decimal


def ordinal(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def format_number(value: int, fmt: str) -> str:
    """One level's number in a w:numFmt; formats we do not know print as decimal."""
    if fmt == "none":
        return ""
    if value <= 0 or fmt in ("decimal", "bullet"):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter") and value <= _MAX_LETTERED:
        text = alpha(value)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman") and value < 4000:
        text = roman(value)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "ordinal":
        return ordinal(value)
    return str(value)


class ListCounters:
    """The running counts of one abstract list, shared by every w:num that uses it."""

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}
        self.pending_starts: dict[int, int] = {}  # a startOverride waiting for its level

    def restart(self, starts: dict[int, int]) -> None:
        for ilvl, start in starts.items():
            self.counts.pop(ilvl, None)
            self.pending_starts[ilvl] = start

    def start_of(self, ilvl: int, levels: dict[int, LevelDef]) -> int:
        level = levels.get(ilvl)
        return self.pending_starts.get(ilvl, level.start if level else 0)

    def advance(self, ilvl: int, levels: dict[int, LevelDef]) -> None:
        for parent in range(ilvl):
            if parent not in self.counts:  # an item before any item of its parent level:
                self._seed(parent, levels)  # the parent counts as started (1.1, then 2)
        count = self.counts.get(ilvl)
        if count is None:
            self._seed(ilvl, levels)
        else:
            self.counts[ilvl] = count + 1
        for deeper in [d for d in self.counts if d > ilvl]:
            if _restarts(levels.get(deeper), deeper, ilvl):
                del self.counts[deeper]

    def _seed(self, ilvl: int, levels: dict[int, LevelDef]) -> None:
        self.counts[ilvl] = self.start_of(ilvl, levels)
        self.pending_starts.pop(ilvl, None)

    def value(self, ilvl: int, levels: dict[int, LevelDef]) -> int:
        count = self.counts.get(ilvl)
        return self.start_of(ilvl, levels) if count is None else count


def _restarts(level: LevelDef | None, deeper: int, used: int) -> bool:
    """Whether an item at level `used` restarts level `deeper` (w:lvlRestart, 1-based)."""
    restart = level.restart if level is not None else None
    if restart is None or restart > deeper:  # absent, or naming a deeper level: the default
        return True
    return restart != 0 and used < restart


_PLACEHOLDER = re.compile(r"%([1-9])")


def display(instance: ListInstance, ilvl: int, counters: ListCounters) -> str:
    """The number Word prints for an item: lvlText with each %n replaced by level n's count."""
    level = instance.levels[ilvl]
    if level.fmt == "bullet":
        return ""  # a bullet glyph is not a number (the paragraph keeps numbered_by_word)

    def substitute(match: re.Match[str]) -> str:
        ref = int(match.group(1)) - 1
        ref_level = instance.levels.get(ref)
        if ref_level is None or ref_level.fmt in ("bullet", "none"):
            return ""  # a level without a number of its own prints nothing in another's text
        fmt = "decimal" if level.legal and ref_level.fmt != "none" else ref_level.fmt
        return format_number(counters.value(ref, instance.levels), fmt)

    return _PLACEHOLDER.sub(substitute, level.text)


@dataclass(frozen=True)
class ListNumber:
    number: str
    level: int
    list_id: str


class ListNumbering:
    """Counts every list paragraph in document order and says what Word displays."""

    def __init__(self, numbering: NumberingDefs, styles: StyleSheet) -> None:
        self.numbering = numbering
        self.styles = styles
        self.counters: dict[str, ListCounters] = {}
        self.used: set[str] = set()

    def number(self, ppr: etree._Element | None, style: StyleDef | None) -> ListNumber | None:
        reference = self._list_reference(ppr, style)
        if reference is None:
            return None
        instance, ilvl = reference
        counters = self.counters.setdefault(instance.counter_key, ListCounters())
        if instance.num_id not in self.used:
            self.used.add(instance.num_id)
            counters.restart(instance.start_overrides)  # "restart numbering" in Word
        counters.advance(ilvl, instance.levels)
        return ListNumber(display(instance, ilvl, counters), ilvl, instance.num_id)

    def _list_reference(
        self, ppr: etree._Element | None, style: StyleDef | None
    ) -> tuple[ListInstance, int] | None:
        num_pr = None if ppr is None else ppr.find(w_tag("numPr"))
        num_id = None if num_pr is None else attr_val(num_pr.find(w_tag("numId")))
        ilvl = None if num_pr is None else int_of(attr_val(num_pr.find(w_tag("ilvl"))))
        style_num, style_ilvl = self.styles.numbering(style)
        num_id = num_id if num_id is not None else style_num
        if num_id is None or num_id == "0":
            return None  # numId 0 switches numbering off, even a style's
        instance = self.numbering.instance(num_id)
        if instance is None:
            return None
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            ilvl = instance.level_for_style(style.style_id if style else None) or 0
        ilvl = min(max(ilvl, 0), MAX_LEVEL)
        return (instance, ilvl) if ilvl in instance.levels else None
