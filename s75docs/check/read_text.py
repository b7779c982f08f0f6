"""Read an agreement extracted from PDF (or typed as text/Markdown) into raw paragraphs."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from s75docs.check.numbers import int_or, leading_int
from s75docs.check.outline import TOC_LINE, Contents, capitals, division_heading, title_like
from s75docs.check.raw import RawParagraph
from s75docs.check.read_lists import MARKER, read_lists
from s75docs.check.safe_zip import checked_size, read_bytes
from s75docs.errors import Location, UsageError

# a number typed at the start of a paragraph
_HEADING = re.compile(r"^(\d{1,2})\.?\s+([A-Z][A-Z0-9 &,'’()\-–/]*[A-Z)])\s*$")
_MULTI = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\s+|$)(.*)$")
_LETTER = re.compile(r"^\(?((?:([a-z])\2?)|[ivx]{1,5}|[A-Z])\)\s*(.*)$")
DEFINITION = re.compile(
    r"^[\"“‘']?(?P<term>[A-Z0-9][A-Za-z0-9’'()\-/& ]{0,70}?)[\"”’']?\s+"
    r"(?:means|has the meaning|shall mean|shall have the meaning|includes|refers to)\b"
)
_PAGE_WORD = re.compile(r"^(?:Page\s+\d+(?:\s+of\s+\d+)?|-\s*\d{1,3}\s*-)$", re.I)
_PAGE = re.compile(r"^(?:Page\s+\d+(?:\s+of\s+\d+)?|\d{1,3}|-\s*\d{1,3}\s*-)$")
_START = re.compile(r"\bTHIS\s+(?:AGREEMENT|DEED)\b", re.I)
_BARE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,3}\.?|\(?([a-z])\1?\)|\(?[ivx]{1,5}\)")
_JOINED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}\.?)(?=[A-Z][a-z]|[A-Z]{3})")
# a bullet, or a stray list number Word printed before the typed one ("2. 8.2 Within..."),
# in front of a typed number: the typed number is the provision's
_BULLETED_NUMBER = re.compile(
    r"^(?:[\u2022\u25cf\u25aa\uf0b7•·▪*-]\s+(?=\d{1,2}(?:\.\d{1,2})+\.?\s|\([a-z]{1,4}\)\s)"
    r"|\d{1,2}\.\s+(?=\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z]))"
)
_BULLET = re.compile(r"^[\u2022\u25cf\u25aa\u2023\u2043\uf0b7\uf0a7•·▪◦-]\s+")


def read_text_file(path: Path) -> tuple[list[RawParagraph], int]:
    """Paragraphs of a .txt/.md agreement and the line the agreement itself starts on."""
    checked_size(path)
    data = read_bytes(path)
    if b"\x00" in data[:4096]:
        raise UsageError(
            "not a text file (use a .docx or text extracted from a PDF)",
            Location(str(path)),
            code="file-unreadable",
        )
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        raise UsageError("the document is empty", Location(str(path)), code="file-unreadable")
    return parse_text(text)


# the heading of another paper bound after the agreement in a pack: "HEALTH AND WELLBEING
# BOARD: 23 JANUARY 2020", "REPORT OF THE DIRECTOR OF ...", "MINUTES OF A MEETING ...",
# "Agenda Item 7"
_NEW_PAPER = re.compile(
    r"^(?:[A-Z][A-Z ,&'’-]{2,60}\b(?:BOARD|COMMITTEE|CABINET|COUNCIL|EXECUTIVE)\s*[:–-]\s*"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][A-Za-z]{2,8}\s+(?:19|20)\d\d"
    r"|REPORT OF THE [A-Z][A-Z ,&'’-]{3,}"
    r"|MINUTES OF (?:A|THE) MEETING\b"
    r"|Agenda Item\s+\d+\b)"
)
_SCHEDULE_LINE = re.compile(r"^\s*SCHEDULE\s+\d", re.I)
AFTER = "after-agreement"  # the style of the marker parse_text leaves where the agreement ends


def split_after(paragraphs: list[RawParagraph]) -> tuple[list[RawParagraph], list[RawParagraph]]:
    """The agreement's paragraphs, and the marker (if any) of another paper bound after it."""
    return [p for p in paragraphs if p.style != AFTER], [p for p in paragraphs if p.style == AFTER]


def agreement_end(lines: list[str], first: int) -> int | None:
    """0-based index of the first line of another paper bound after the agreement (once its
    schedules have begun), or None where the agreement runs to the end of the file."""
    scheduled = False
    for i in range(first, len(lines)):
        line = lines[i].strip()
        if not scheduled:
            scheduled = bool(_SCHEDULE_LINE.match(line))
        elif _NEW_PAPER.match(line):
            return i
    return None


def agreement_start(lines: list[str]) -> int:
    """0-based index of "THIS AGREEMENT is made..." when the file holds more (a Board pack)."""
    for i, line in enumerate(lines):
        if _START.search(line) and re.search(r"\b(made|dated|is dated)\b", line, re.I):
            return i
    return 0


_ANCHOR = re.compile(r'<a\s+id="[^"]*"\s*>\s*</a>|\[\]\{#[^}]*\}')
_LINK = re.compile(r"\[([^\]]*)\]\((?:#|https?:)[^)]*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>'\"])")


def unmarkdown(line: str) -> str:
    """Markdown as s75docs and other tools write it, back to the words a reader sees."""
    line = _ANCHOR.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = re.sub(r"^\s*>\s?", "", line)  # block quotes (our definitions)
    line = re.sub(r"(?<!\\)\\$", "", line)  # a hard line break
    line = re.sub(r"(?<!\\)\*\*|(?<![\\*])\*(?!\*)", "", line)  # bold, italic
    return _ESCAPE.sub(r"\1", line)


def _tuple(number: str) -> tuple[int, ...] | None:
    return tuple(int_or(n, 0) for n in number.split(".")) if number[:1].isdigit() else None


_ROMAN = re.compile(r"\(?[ivx]{1,5}\)")
_WAITING = 12  # more numbers than this waiting is not a column out of place: bound the work


def _next(numbers: list[tuple[str, int]], last: str) -> tuple[str, int] | None:
    """Of numbers, the one next after `last`: a lettered one first (it stands under `last`),
    else the least decimal one after it."""
    after = _tuple(last)
    letters = [n for n in numbers if _tuple(n[0]) is None]
    later = [
        (t, n) for n in numbers if (t := _tuple(n[0])) is not None and (after is None or t > after)
    ]
    return letters[0] if letters else (min(later)[1] if later else None)


@dataclass
class _Waiting:
    """Numbers that PDF extraction put before the text of the provision above them. Of a
    run of numbers with no text between them, the first text goes to the one that comes
    next after the last number read; the others wait for the next paragraphs that begin
    after a finished sentence."""

    numbers: list[tuple[str, int]] = field(default_factory=list)  # waiting from earlier runs
    run: list[tuple[str, int]] = field(default_factory=list)  # numbers since the last text

    def defer(self, number: tuple[str, int]) -> None:
        self.run = [*self.run, number][-_WAITING:]

    def take(
        self, pending: tuple[str, int], last: str, introduces: bool = False
    ) -> tuple[str, int]:
        """The number whose text begins on the line after `pending`. A text that introduces
        a list (a capitalised sentence ending in a colon) is not a list item: of a child and
        a later sibling waiting, it goes to the sibling ("4.2" rather than "4.1.1")."""
        if pending[0][:1].isdigit():
            self.drop_letters()  # the letters under the provision above are past
        if not self.run or _ROMAN.fullmatch(pending[0]):
            self.numbers, self.run = [*self.numbers, *self.run][-_WAITING:], []
            return pending  # (i), (ii): a list under the item above, before its next sibling
        candidates, self.run = [*self.run, pending], []
        chosen = _next(candidates, last) or pending
        shallow = [
            n
            for n in candidates
            if (t := _tuple(n[0])) is not None and len(t) < len(_tuple(chosen[0]) or ())
        ]
        if introduces and shallow and _tuple(last) is not None:
            chosen = min(shallow, key=lambda n: _tuple(n[0]) or ())
        self.numbers = [*self.numbers, *(n for n in candidates if n != chosen)][-_WAITING:]
        return chosen

    def next_after(self, last: str) -> tuple[str, int] | None:
        """The waiting number that comes next after `last` (the last decimal number read);
        decimal ones before it are stale and dropped."""
        after = _tuple(last)
        self.numbers = [
            n for n in self.numbers if (t := _tuple(n[0])) is None or after is None or t > after
        ]
        chosen = _next(self.numbers, last)
        if chosen is not None:
            self.numbers.remove(chosen)
        return chosen

    def following(self, last: str) -> tuple[str, int] | None:
        """A waiting number that is the next after `last` or its first child."""
        chosen = next((n for n in self.numbers if _follows(n[0], last)), None)
        if chosen is not None:
            self.numbers.remove(chosen)
        return chosen

    def earlier_item(self, pending: tuple[str, int]) -> tuple[str, int] | None:
        """The first waiting number that is an item below an earlier provision than
        `pending` ("4.1.1" while "4.3" waits for its text), taken from the waiting lists."""
        mine = _tuple(pending[0])
        if mine is None:
            return None
        waiting = [
            n
            for n in [*self.numbers, *self.run]
            if (t := _tuple(n[0])) is not None and len(t) > len(mine) and t < mine
        ]
        if not waiting:
            return None
        chosen = min(waiting, key=lambda n: _tuple(n[0]) or ())
        self.numbers = [n for n in self.numbers if n != chosen]
        self.run = [n for n in self.run if n != chosen]
        return chosen

    def letters(self) -> bool:
        return any(_tuple(n[0]) is None for n in self.numbers)

    def drop_letters(self) -> None:
        self.numbers = [n for n in self.numbers if _tuple(n[0]) is not None]


def running_lines(lines: list[str], breaks: set[int]) -> list[int]:
    """The lines of running headers and footers: the same words (page numbers aside) three
    times or more, nearly always next to a page break (a form feed, or a page number line):
    among the two lines with words either side of it."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    marked = breaks | {i for i in filled if _PAGE_WORD.match(lines[i].strip())}
    # a number alone on its line is a page break only where nothing else marks them (it is
    # as often a clause's number, its heading on the next line)
    pages = sorted(marked or {i for i in filled if _PAGE.match(lines[i].strip())})
    count = len(breaks) or len(pages)  # how many pages there are
    if not pages:
        return []
    near: set[int] = set()
    for i in pages:
        k = bisect.bisect_left(filled, i)
        near |= {filled[n] for n in range(k - 2, k + 3) if 0 <= n < len(filled)}
    seen: dict[str, list[int]] = {}
    for i in filled:
        line = lines[i].strip()
        if 2 <= len(line.split()) <= 16 and not _PAGE.match(line) and not _HEADINGS.match(line):
            seen.setdefault(re.sub(r"\d+", "#", " ".join(line.split())), []).append(i)
    out: list[int] = []
    for where in seen.values():
        on_most_pages = len(where) >= max(3, count // 4)
        if on_most_pages and sum(1 for i in where if i in near) >= 0.75 * len(where):
            out += where
    return out


# lines that are never running headers: numbered, or a schedule's, part's or annex's heading
_HEADINGS = re.compile(
    r"^(?:[\d(]|(?:SCHEDULE|Schedule|PART|Part|APPENDIX|Appendix|ANNEX|Annex)\s+\w{1,3}\b)"
)


def parse_text(text: str) -> tuple[list[RawParagraph], int]:
    # lines as an editor (and grep) counts them: a form feed (a PDF page break) or another
    # separator that str.splitlines() honours is not a new line
    breaks = {i for i, line in enumerate(text.split("\n")) if "\f" in line}
    lines = [re.sub(r"[\f\v\x1c-\x1e\x85\u2028\u2029]", " ", line) for line in text.split("\n")]
    lines = [line.removesuffix("\r") for line in lines]
    for i in running_lines(lines, breaks):
        lines[i] = ""  # a running header or footer
    headings = {i for i, line in enumerate(lines) if line.lstrip().startswith("#")}
    lines = [unmarkdown(line) for line in lines]
    first = agreement_start(lines)
    scattered = _scattered(lines)
    listed, consumed = (
        read_lists(lines, lines[: min(_first_marker(lines), len(lines))])
        if _list_positions(lines)
        else ({}, set())
    )
    out: list[RawParagraph] = []
    current: dict[str, object] | None = None
    pending_number: tuple[str, int] | None = None
    pending_heading: tuple[str, int] | None = None  # a clause number alone on its line
    waiting = _Waiting()  # numbers read before the text of the provision above them
    contents = Contents()
    top = 0  # the last clause (or schedule paragraph) number read in this division
    schedule = 0  # the last schedule number read
    last = ""  # the last number read

    out_of_order: list[RawParagraph] = []  # items read after a later provision (see below)

    def flush() -> None:
        nonlocal current
        if current is not None:
            out.append(
                RawParagraph(
                    text=" ".join(
                        str(p)
                        for p in [*current["parts"], *current["extra"]]  # type: ignore[misc]
                    ).strip(),
                    number=str(current["number"]),
                    line=int(current["line"]),  # type: ignore[call-overload]
                    is_heading=bool(current["heading"]),
                    style=str(current["style"]),
                )
            )
            if current.get("early"):
                out_of_order.append(out[-1])
        current = None

    def start(number: str, body: str, line: int, *, heading: bool = False, style: str = "") -> None:
        nonlocal current, top, last
        flush()
        if number[:1].isdigit():
            last = number
            waiting.drop_letters()
        if number[:1].isdigit():
            top = max(top, int_or(number, 0))
        current = {
            "number": number,
            "parts": [body] if body else [],
            "extra": [],
            "line": line,
            "heading": heading,
            "style": style,
        }

    def set_aside(line: str, line_no: int) -> None:
        flush()
        out.append(RawParagraph(text=line, line=line_no, toc_entry=True))

    end = agreement_end(lines, first)
    for index in range(first, len(lines) if end is None else end):
        raw = lines[index].replace("\t", " ")
        line_no = index + 1
        stripped = raw.strip().strip("\u200b")
        if not stripped:
            continue  # a blank line does not end a paragraph: PDF page breaks insert them
        if contents.starts(stripped):
            set_aside(stripped, line_no)
            continue
        if contents.open and not (_PAGE.match(stripped) and not TOC_LINE.match(stripped)):
            kind = contents.entry(lines[index].strip())
            if kind is True:
                set_aside(stripped, line_no)
                continue
            if kind is None:
                previous = out[-1]
                out[-1] = RawParagraph(
                    text=f"{previous.text} {stripped}", line=previous.line, toc_entry=True
                )
                continue
        if index in listed:  # pandoc's list item, with the agreement's number read back
            item = listed[index]
            start(item.number, item.text, line_no, heading=item.heading, style=item.style)
            if item.style:
                top = 0
                schedule = leading_int(item.number.split()[-1]) or schedule
            flush()
            continue
        if index in consumed:
            continue
        markdown_heading = index in headings
        stripped = re.sub(r"^#+\s+", "", stripped)  # Markdown headings
        # a bullet an extractor put before a number ("- 1.2 The Partners..."); a number the
        # extraction joined to its words ("1.1In this Agreement", "2TERM")
        stripped = _JOINED.sub(r"\1 ", _BULLETED_NUMBER.sub("", stripped))
        if pending_heading is not None:
            number, number_line = pending_heading
            pending_heading = None
            if title_like(stripped) and not _NUMBERED.match(stripped):
                start(number, stripped, number_line, heading=True)
                continue
            # the number was a page number after all: read the line as it is
        if pending_number is not None and not _BARE_NUMBER.fullmatch(stripped):
            # list items whose numbers pdftotext printed before a later number (the numbers'
            # column first): their texts follow in the numbers' order, each beginning in
            # lower case after its parent's colon, while the later number waits
            if current is not None and current.get("early") and _runs_into(current, stripped):
                current["parts"].append(stripped)  # type: ignore[attr-defined]
                continue
            early = waiting.earlier_item(pending_number) if stripped[:1].islower() else None
            if early is not None:
                start(early[0], stripped, early[1])
                assert current is not None
                current["early"] = True
                continue
            number, number_line = waiting.take(
                pending_number, last, stripped[:1].isupper() and _introduces(lines, index)
            )
            pending_number = None
            start(number, stripped, number_line)
            continue
        if pending_number is not None:
            # two numbers in a row: PDF extraction took the next provision's number out of
            # the column before the text of this one ("3.2", then "3.1.1" and its text)
            waiting.defer(pending_number)
            pending_number = None
        bare = re.fullmatch(r"(\d{1,2})\.?", stripped)
        if (
            bare
            and int(bare.group(1)) == top + 1
            and (_ends_sentence(current) or _titled(lines, index, bare.group(1)))
        ):
            pending_heading = (bare.group(1), line_no)  # "1" alone, its heading below it
            continue
        if _PAGE.match(stripped) and not _looks_number(stripped):
            continue
        if _BARE_NUMBER.fullmatch(stripped) and not _runs_on(current, stripped.rstrip("."), top):
            pending_number = (stripped.rstrip("."), line_no)  # number split from its text
            continue
        division = division_heading(
            stripped, markdown_heading, _ends_sentence(current), str(schedule + 1)
        )
        if division is not None:
            number, title, style = division
            start(number, title, line_no, heading=True, style=style)
            top = 0
            if style == "schedule":
                schedule = int_or(number.partition(" ")[2], schedule)
            continue
        match = _HEADING.match(stripped) or (
            re.match(r"^(\d{1,2})\.?\s+(.+)$", stripped) if index in headings else None
        )
        if match:
            start(match.group(1), match.group(2).strip(), line_no, heading=True)
            continue
        typed = _next_number(
            stripped,
            lines[index],
            top,
            _ends_sentence(current) or _opens(lines, index) or _next_after(current, stripped, top),
        )
        if typed is not None:  # "7 Lead commissioning arrangements": the clause after 6
            start(typed[0], typed[1], line_no, heading=title_like(typed[1]))
            continue
        match = _MULTI.match(stripped)
        if (
            match
            and not _MONTHS.match(match.group(2))
            and not _runs_on(current, match.group(1), top)
        ):
            start(match.group(1), match.group(2), line_no)
            continue
        match = _LETTER.match(stripped)
        if match and (
            stripped.startswith("(") or re.match(r"^(?:([a-z])\1?|[ivx]{1,5})\)", stripped)
        ):
            start(f"({match.group(1)})", match.group(3), line_no)
            continue
        if stripped.startswith("|") and stripped.endswith("|"):
            if not re.fullmatch(r"\|[\s:|-]*\|", stripped):  # not the |---| rule
                start("", stripped, line_no, style="table-row")
                flush()
            continue
        bullet = _BULLET.match(stripped)
        if bullet:
            start("", stripped[bullet.end() :], line_no, style="bullet")
            continue
        if waiting.letters() and _ends_item(current):
            found = waiting.next_after(last)  # "(b)" read before the text of "(a)"
            if found is not None:
                start(found[0], stripped, found[1])
                continue
        found = waiting.following(last) if _ends_item(current) else None
        if found is not None:  # "13.1.3" read before the lettered items of 13.1.2
            start(found[0], stripped, found[1])
            continue
        if index in scattered and current is not None:
            current["extra"].append(stripped)  # type: ignore[attr-defined]
            continue
        if current is not None and _continues(current, stripped):
            current["parts"].append(stripped)  # type: ignore[attr-defined]
            continue
        found = waiting.next_after(last) if _ends_sentence(current) else None
        if found is not None:
            start(found[0], stripped, found[1])
            continue
        start("", stripped, line_no)
    flush()
    for moved in out_of_order:  # back before the first provision its number's line precedes
        out.remove(moved)
        at = next((k for k, p in enumerate(out) if (p.line or 0) > (moved.line or 0)), len(out))
        out.insert(at, moved)
    if end is not None:  # a marker, taken out before the tree is built (run.py)
        out.append(RawParagraph(text=lines[end].strip(), line=end + 1, style=AFTER))
    return out, first + 1


# words after which a number at the start of the next line is the sentence running on
_NUMBER_FOLLOWS = """clause clauses paragraph paragraphs schedule schedules part parts section
    sections regulation regulations article articles appendix annex and or to of the
    than least within after before under in by for from on at with over about some all first
    last next every up no per into see"""
_BEFORE_NUMBER = frozenset(_NUMBER_FOLLOWS.split())
_CITING_WORDS = """clause clauses paragraph paragraphs schedule schedules part parts section
    sections regulation regulations article articles appendix annex"""
_CITING = frozenset(_CITING_WORDS.split())


def _follows(number: str, last: str) -> bool:
    """Whether number is the next sibling or the first child of last ("5.1.3" after "5.1.2")."""
    a, b = _tuple(number), _tuple(last)
    if a is None or b is None:
        return False
    return a == (*b, 1) or (len(a) == len(b) and a[:-1] == b[:-1] and a[-1] == b[-1] + 1)


def _runs_on(current: dict[str, object] | None, number: str, top: int) -> bool:
    """A number at the start of a line that continues the sentence above: "...under Clause"
    then "25.6 applies"; or, where the sentence above is unfinished, a number that cannot be
    the next provision (its clause neither the current one nor the next)."""
    if current is None or _ends_sentence(current):
        return False
    parts = current["parts"]
    assert isinstance(parts, list)
    words = " ".join(str(p) for p in parts[-2:]).split()
    if len(words) > 1 and words[-1] in ("and", "or") and words[-2].endswith((";", ",")):
        return False  # "...; and": the end of an item of a list
    word = words[-1].lower().strip('(“"') if words else ""
    if word in _CITING:
        return True
    if word in _BEFORE_NUMBER:
        return not _follows(number, str(current["number"]))
    first = leading_int(number)
    return first is not None and top > 0 and first not in (top, top + 1)


def _titled(lines: list[str], index: int, number: str) -> bool:
    """A number alone on its line, then a title, then the first sub-number ("3", "EFFECT OF
    THE VARIATIONS", "3.1"): a heading, whatever stands above it."""
    following = [line.strip() for line in lines[index + 1 : index + 8] if line.strip()][:2]
    return (
        len(following) == 2
        and title_like(following[0])
        and re.match(rf"{number}\.1\b", following[1]) is not None
    )


def _opens(lines: list[str], index: int) -> bool:
    """Whether the line is followed by the first sub-number of the number it starts with
    ("3 Effect of the variations" before "3.1"): a heading, whatever stands above it."""
    number = re.match(r"^\s*(\d{1,2})\.?\s", lines[index])
    following = next((line.strip() for line in lines[index + 1 : index + 4] if line.strip()), "")
    return bool(number) and following.startswith(f"{number.group(1) if number else ''}.1")


def _next_number(line: str, raw: str, top: int, after_sentence: bool) -> tuple[str, str] | None:
    """A typed number that is the next at its level ("7 Lead commissioning", "3. Duration",
    "2      Legal Basis"), where a sentence cannot be running on into it."""
    typed = re.match(r"^(\d{1,2})(\.?)(\s+)(\S.*)$", line)
    if typed is None or int(typed.group(1)) != top + 1 or _MONTHS.match(typed.group(4)):
        return None
    rest = typed.group(4)
    set_apart = bool(typed.group(2)) or bool(re.match(r"^\s*\d{1,2}\.?(?:\s{2,}|\t)", raw))
    if not (rest[:1].isupper() or rest.startswith("[")):
        return None
    if after_sentence or (set_apart and title_like(rest)):
        return typed.group(1), rest
    return None


def _next_after(current: dict[str, object] | None, line: str, top: int) -> bool:
    """ "7 The Lead Commissioner shall...", "7. The ...": the next number, a capital after
    it, and a line above that does not end on a word a number follows ("within", "Clause")."""
    typed = re.match(
        r"^(\d{1,2})\.?\s+(?:(?:The|A|An|Each|Any|No|Where|If|In|Subject|Nothing)\s|\[)", line
    )
    return (
        typed is not None
        and int(typed.group(1)) == top + 1
        and not _runs_on(current, typed.group(1), top)
    )


_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s|\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\))")
_MONTHS = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)


def _ends_sentence(current: dict[str, object] | None) -> bool:
    """True when the open paragraph is finished, so a short line can be a heading."""
    if current is None:
        return True
    parts = current["parts"]
    assert isinstance(parts, list)
    return (
        bool(current["heading"])
        or not parts
        or " ".join(str(p) for p in parts[-2:]).rstrip().endswith((".", ":", ";", "; and", "; or"))
        or (len(parts) == 1 and capitals(str(parts[0])))
        or (len(parts) == 1 and not current["number"] and title_like(str(parts[0])))
    )


_LIST_MARKER = re.compile(r"^\s*\d{1,3}\.\s{2,}(?=\S)")


def _scattered(lines: list[str]) -> set[int]:
    """Lines of a justified line that PDF extraction scattered a word a line ("and",
    "performance", "measures", "in"...), three or more in a row: words of a paragraph
    elsewhere on the page, which neither end nor start a paragraph here."""
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, "two words"]):
        word = line.strip()
        if not word:
            continue
        if " " not in word and len(word) <= 20 and word.isalpha():
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = []
    return out


def _first_marker(lines: list[str]) -> int:
    return next((i for i, line in enumerate(lines) if MARKER.match(line)), len(lines))


def _list_positions(lines: list[str]) -> bool:
    """Whether the numbers are list positions, as pandoc writes Word's lists ("1.  ", nested
    by indenting, each list from 1 again wherever it is interrupted) and not the document's
    own numbers ("12.3"): many such markers, few decimal numbers."""
    markers = sum(1 for line in lines if _LIST_MARKER.match(line))
    decimal = sum(1 for line in lines if re.match(r"^\s*\d{1,2}\.\d{1,2}\b", line))
    return markers >= 10 and markers > 5 * decimal


def _ends_item(current: dict[str, object] | None) -> bool:
    """The open paragraph is an item of a list that has ended: "...; and", "...;"."""
    if current is None or not current["number"]:
        return False
    parts = current["parts"]
    assert isinstance(parts, list)
    return " ".join(str(p) for p in parts[-2:]).rstrip().endswith((";", "; and", "; or", ":"))


def _looks_number(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}\.\d{1,2}(?:\.\d{1,2})*", text))


def _introduces(lines: list[str], index: int) -> bool:
    """Whether the sentence beginning on line `index` ends in a colon (within six lines)."""
    for line in lines[index : index + 6]:
        end = line.rstrip()
        if end.endswith(":"):
            return True
        if end.endswith((".", ";")) or not end:
            return False
    return False


def _runs_into(current: dict[str, object], line: str) -> bool:
    """A line continues an item read out of order until its sentence or limb ends."""
    parts = current["parts"]
    assert isinstance(parts, list)
    return not str(parts[-1]).rstrip().endswith((".", ";", ":"))


def _continues(current: dict[str, object], line: str) -> bool:
    """A line continues the open paragraph unless it clearly starts a new one."""
    parts = current["parts"]
    assert isinstance(parts, list)
    if current["heading"] and parts:
        return False
    if DEFINITION.match(line) and not line[0].islower():
        return False
    if not parts:
        return True
    previous = str(parts[-1])
    if line[0].islower() or line[0] in ",;:)–-":
        return True
    return not previous.rstrip().endswith((".", ":", ";")) or previous.rstrip().endswith(
        ("e.g.", "i.e.", "etc.")
    )
