"""The outline of an agreement, recognised once for every input (.docx or text).

A reader gives raw paragraphs; this stage says what each one is: which region it stands in
(front matter, contents list, parties, background, the clauses, execution, a schedule), the
number it carries (printed by Word's list numbering or typed: "12.3", "(a)", "Schedule 3A",
"Part 2"), whether it is a heading, and which division (the clauses, a schedule, a part of a
schedule) its number belongs to. The tree is built from this, and `s75docs outline` prints
it, so a user sees what the checker read. What it cannot place it says so (`note`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from s75docs.check.leaders import ends_in_page
from s75docs.check.numbers import int_or
from s75docs.check.raw import RawParagraph

FRONT, CONTENTS, PARTIES, RECITALS, BODY, EXECUTION, SCHEDULE = (
    "front",
    "contents",
    "parties",
    "background",
    "clauses",
    "execution",
    "schedule",
)

# "SCHEDULE 1", "Schedule 3A", "SCHEDULE 6:", "Schedule 8 GDPR Schedule", "SCHEDULE 1 - TITLE"
SCHEDULE_HEAD = re.compile(
    r"^(SCHEDULE|Schedule)\s+(\d{1,2}[A-Z]{0,3})\b(?P<stop>\.)?\s*(?P<sep>[-–—:])?\s*(.*)$"
)
PART_HEAD = re.compile(
    r"^(PART|Part)\s+(\d{1,2}[A-Z]?|[A-Z])\b(?:\s+(?:to|of)\s+Schedule\s+\d{1,2}[A-Z]?)?"
    r"\s*(?P<sep>[-–—:])?\s*(.*)$"
)
APPENDIX_HEAD = re.compile(
    r"^(APPENDIX|Appendix|ANNEX|Annex|ANNEXURE|Annexure)\s+(\d{1,2}[A-Z]?|[A-Z])\b\s*(?P<sep>[-–—:])?\s*(.*)$"
)
_MONTH = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_EXECUTION = re.compile(
    r"^(?:IN WITNESS|EXECUTED|Executed (?:as a deed|by)|SIGNED\b|Signed (?:by|for|on behalf)|"
    r"THE COMMON SEAL|The common seal|(?:Each|The) Partners? (?:has|have) (?:executed|signed)|"
    r"This Agreement has been (?:executed|signed)|AS WITNESS)"
)
_PARTIES = re.compile(r"^(?:PARTIES|Parties|BETWEEN|Between|THIS (?:AGREEMENT|DEED)\b)")
_BACKGROUND = re.compile(r"^(?:BACKGROUND|Background|RECITALS|Recitals|WHEREAS|Whereas)\b")
_TYPED = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.?(?:\s+|\t)(?P<rest>\S.*)$|^(?P<let>\([a-zA-Z]{1,4}\))\s*(?P<lrest>.*)$",
    re.S,
)
# a provision or schedule a variation put in with a lettered number, typed before a tab
# ("13.1.3A\tThe...") or a line break ("Schedule 6A\nTitle")
_TYPED_LETTERED = re.compile(
    r"^(?P<num>(?:(?:Schedule|Annex|Appendix) )?\d{1,2}(?:\.\d{1,2})*[A-Z]{1,3}"
    r"(?:\.\d{1,2}[A-Z]{0,3}){0,3})[\t\n](?P<rest>\S.*)$",
    re.S,
)


CONTENTS_HEAD = re.compile(r"^(?:TABLE\s+OF\s+)?CONTENTS:?$|^INDEX$", re.I)

TOC_LINE = re.compile(
    r"^(?P<num>(?:SCHEDULE|Schedule|PART|Part|APPENDIX|Appendix|ANNEX|Annex)\s+\d{1,2}[A-Z]{0,3}"
    r"|\d{1,2}(?:\.\d{1,2})?)\.?[\s:–-]+(?P<title>\S(?:.*\S)?)\s*$"
)


class Contents:
    """The contents list at the head of a document: its entries are set aside (toc_entry), to be
    compared with the headings, and never read as the clauses themselves."""

    def __init__(self) -> None:
        self.open = False
        self.done = False
        self.last = 0  # the last clause number listed
        self.schedules = False  # schedule entries have begun

    def starts(self, line: str) -> bool:
        """A "Contents" heading, or (with no heading) an entry with dot leaders and a page."""
        if self.done or self.open:
            return False
        if CONTENTS_HEAD.match(line):
            self.open = True
            return True
        if ends_in_page(line, dots=4, tab_only=True) and TOC_LINE.match(line):
            self.open = True
            return self.entry(line) is True
        return False

    def entry(self, line: str) -> bool | None:
        """True: an entry; None: a wrapped entry's tail; False: the contents have ended."""
        m = TOC_LINE.match(line)
        if m:
            number = m.group("num")
            if number[:1].isdigit():
                first = int_or(number, 0)
                if self.schedules or (first <= self.last and "." not in number):
                    return self._end()
                self.last = max(self.last, first)
            else:
                self.schedules = True
            return True
        if ends_in_page(line, dots=3, tab_only=False) and re.search(r"[.…·_]{3,}|\t", line):
            return None
        return self._end()

    def _end(self) -> bool:
        self.open, self.done = False, True
        return False


def division_heading(
    text: str, marked: bool, after_sentence: bool, expected: str = ""
) -> tuple[str, str, str] | None:
    """A schedule, part or appendix heading: (its name and number, its title, its kind).
    Written in capitals, marked as a heading, set apart from its title, or the schedule
    that comes next (`expected`), it is a heading; otherwise only where it cannot be the
    words of a sentence running on."""
    match = SCHEDULE_HEAD.match(text)
    if match:
        title = match.group(5).strip()
        if (
            match.group(1).isupper()
            or marked
            or (match.group("sep") and _title_like(title) and title[:1].isupper())
            or (
                not title
                and not match.group("sep")
                and not match.group("stop")  # "Schedule 1." ends a sentence
                and (after_sentence or match.group(2) == expected)
            )
            or (match.group(2) == expected and after_sentence and _title_like(title))
        ):
            return f"Schedule {match.group(2)}", title, "schedule"
    match = PART_HEAD.match(text)
    if match and (
        match.group(1).isupper()
        or match.group("sep")
        or (not match.group(4) and after_sentence)
        or (marked and _title_like(match.group(4)))
    ):
        return f"Part {match.group(2)}", match.group(4).strip(), "part"
    match = APPENDIX_HEAD.match(text)
    if match and (
        match.group(1).isupper()
        or marked
        or (not match.group(4) and (after_sentence or match.group(2) == expected))
        or (match.group("sep") and title_like(match.group(4)))
    ):
        name = "Annex" if match.group(1).lower().startswith("annex") else "Appendix"
        return f"{name} {match.group(2)}", match.group(4).strip(), "appendix"
    return None


def _title_like(text: str) -> bool:
    """Words that can be a heading's title: short, no sentence ending, not lower-case."""
    text = text.strip()
    return not text or (
        len(text) <= 90
        and text[:1].isupper()
        and not text.endswith((".", ",", ";", ":"))
        and len(text.split()) <= 14
    )


def title_like(text: str) -> bool:
    return bool(text.strip()) and _title_like(text)


def capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        bool(letters) and len(text) < 90 and sum(c.isupper() for c in letters) / len(letters) > 0.8
    )


def split_typed(text: str) -> tuple[str, str]:
    """A number typed at the start of a paragraph ("12.3 The...", "(a) the..."; a lettered
    one that a variation put in, "13.1.3A The...", "Schedule 6A")."""
    stripped = text.strip()
    lettered = _TYPED_LETTERED.match(stripped)
    if lettered:
        return lettered.group("num"), lettered.group("rest").strip()
    m = _TYPED.match(stripped)
    if not m or (m.group("num") and _MONTH.match(m.group("rest"))):
        return "", text  # "1 April to 30 June" is a date, not clause 1
    if m.group("num"):
        return m.group("num"), m.group("rest")
    return m.group("let"), m.group("lrest")


@dataclass
class Entry:
    """One paragraph as placed in the outline."""

    index: int  # in the reader's paragraphs
    raw: RawParagraph
    region: str
    number: str = ""  # "12.3", "(a)", "Schedule 2", "Part 1", "" when unnumbered
    text: str = ""  # without its number
    heading: bool = False
    division: str = ""  # "clauses", "Schedule 2", "Schedule 2 Part 1"; "" outside them
    note: str = ""  # why it could not be placed
    joined: bool = False  # the title of the heading before it, on a line of its own

    @property
    def where(self) -> int:
        raw = self.raw
        return raw.line if raw.line is not None else (raw.paragraph or 0)


@dataclass
class Outline:
    entries: list[Entry] = field(default_factory=list)

    @property
    def unplaced(self) -> list[Entry]:
        return [e for e in self.entries if e.note]


def _typed(raw: RawParagraph) -> tuple[str, str, bool]:
    """The number a paragraph carries, its text without it, and whether it is a heading."""
    number, text = raw.number, raw.text.strip()
    heading = raw.is_heading
    if raw.line is None and not raw.in_table:  # a .docx paragraph: read what is typed too
        first, _, rest = text.partition("\n")
        listed = division_heading(number, True, True) if number[:1].isalpha() else None
        if listed is not None:  # Word's list numbering: "Schedule 1", "SCHEDULE 1", "Part A"
            return listed[0], text, True
        division = division_heading(first.strip(), raw.is_heading, True)
        if division is not None and not number:
            title = division[1] or rest.strip()
            return division[0], title, True
        if not number:
            number, text = split_typed(raw.text)
            text = text.strip()
        # "7<tab>Lead commissioning" typed in the body style: a clause's heading all the same
        heading = heading or (number.isdigit() and title_like(text) and len(text) <= 60)
    return number, text, heading


def _first_clause(number: str, heading: bool, text: str) -> bool:
    return number in ("1", "1.") and (heading or capitals(text))


def recognise(paragraphs: list[RawParagraph]) -> Outline:
    """Place every paragraph: its region, number, heading and division."""
    outline = Outline()
    region = FRONT
    division = ""
    schedule = ""
    untitled: Entry | None = None  # a schedule heading whose title may follow it
    contents = Contents()  # a contents list typed in a .docx (a text's is read by its reader)
    for index, raw in enumerate(paragraphs):
        if raw.line is None and not raw.in_table and not raw.toc_entry and region == FRONT:
            shown = raw.text.strip()
            if contents.starts(shown) or (contents.open and contents.entry(shown) is not False):
                outline.entries.append(Entry(index, raw, CONTENTS, text=raw.text.strip()))
                continue
        number, text, heading = _typed(raw)
        entry = Entry(index, raw, region, number, text, heading, division)
        outline.entries.append(entry)
        if untitled is not None and not number and not raw.in_table and title_like(text):
            untitled.text, entry.joined = text, True
            entry.region, entry.division = region, division
            untitled = None
            continue
        untitled = None
        if raw.toc_entry:
            entry.region, entry.division = CONTENTS, ""
            continue
        if number.startswith(("Schedule ", "Appendix ", "Annex ")):
            region, schedule = SCHEDULE, number
            division = number
            entry.region, entry.division, entry.heading = region, division, True
            untitled = entry if not text else None
            continue
        if number.startswith("Part ") and not number[5:].strip():
            entry.number, entry.note = "", "a Part heading without a number"
            continue
        if number.startswith("Part "):
            if region == SCHEDULE:
                division = f"{schedule} {number}"
                entry.region, entry.division, entry.heading = region, division, True
            else:
                entry.note = "a Part heading outside any schedule"
            continue
        if region in (FRONT, PARTIES, RECITALS) and _first_clause(number, heading, text):
            region, division = BODY, "clauses"
            entry.region, entry.division = region, division
            continue
        if region in (FRONT, PARTIES, RECITALS):
            if not number and _PARTIES.match(text):
                region = PARTIES
            elif (not number and _BACKGROUND.match(text)) or re.fullmatch(
                r"\([A-Z]{1,2}\)", number
            ):
                region = RECITALS
            entry.region = region
            if number[:1].isdigit() and not raw.in_table:
                entry.note = "a numbered paragraph before the first clause"
            continue
        if region == BODY and not number and not raw.in_table and _EXECUTION.match(text):
            region, division = EXECUTION, ""
            entry.region, entry.division = region, division
            continue
        if region == EXECUTION and number[:1].isdigit() and not raw.in_table:
            entry.note = "a numbered paragraph among the signatures"
    if not any(e.region == BODY for e in outline.entries):
        numbered = next(
            (e for e in outline.entries if e.number[:1].isdigit() and e.region != CONTENTS), None
        )
        if numbered is not None:
            numbered.note = "no clause 1 heading was found: the clauses were not read"
        elif len(outline.entries) >= 20:
            outline.entries[0].note = (
                "no numbered clause was found: the clauses were not read (a text taken from"
                " Word without its list numbers has none; check the .docx itself)"
            )
    return outline


def format_outline(outline: Outline, file: str = "") -> str:
    """One line per heading and numbered provision (and each unplaced paragraph), indented by
    level, with its line or paragraph number and its region."""
    lines: list[str] = []
    region = ""
    for e in outline.entries:
        if e.region != region:
            region = e.region
            lines.append(f"-- {region}")
        if e.region == CONTENTS:
            lines.append(f"{e.where:>6}  [contents] {_short(e.raw.text)}")
            continue
        if not (e.number or e.heading or e.note):
            continue
        if e.region not in (BODY, SCHEDULE):
            depth = 1  # a recital "(A)", a party "(1)", a heading of the front matter
        elif e.number.startswith(("Schedule", "Annex", "Appendix", "Part")):
            depth = 0
        else:
            depth = e.number.count(".") + 1 if e.number[:1].isdigit() else 4
        label = f"{e.number} " if e.number else ""
        where = f"  <{e.division}>" if e.division and depth <= 1 else ""
        note = f"  ?? {e.note}" if e.note else ""
        shown = _short(e.text) if e.heading or depth <= 1 or e.note else ""
        lines.append(f"{e.where:>6}  {'  ' * depth}{label}{shown}{where}{note}".rstrip())
    unplaced = outline.unplaced
    lines.append(
        f"{sum(1 for e in outline.entries if e.number and e.region != CONTENTS)} numbered"
        f" paragraphs; {len(unplaced)} unplaced" + (f" ({file})" if file else "")
    )
    return "\n".join(lines) + "\n"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "..."
