"""Read an agreement extracted from PDF (or typed as text/Markdown) into raw paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from s75docs.check.raw import RawParagraph
from s75docs.check.safe_zip import checked_size, read_bytes
from s75docs.errors import Location, UsageError

# a number typed at the start of a paragraph
_HEADING = re.compile(r"^(\d{1,2})\.?\s+([A-Z][A-Z0-9 &,'’()\-–/]*[A-Z)])\s*$")
_MULTI = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\s+|$)(.*)$")
_LETTER = re.compile(r"^\(?([a-z]{1,2}|[ivx]{1,5}|[A-Z])\)\s*(.*)$")
DEFINITION = re.compile(
    r"^[\"“‘']?(?P<term>[A-Z0-9][A-Za-z0-9’'()\-/& ]{0,70}?)[\"”’']?\s+"
    r"(?:means|has the meaning|shall mean|shall have the meaning|includes|refers to)\b"
)
_SCHEDULE = re.compile(r"^(SCHEDULE|Schedule)\s+(\d{1,2}[A-Z]{0,3})\b\s*(?P<sep>[-–:])?\s*(.*)$")
_PART = re.compile(
    r"^(PART|Part)\s+(\d{1,2}[A-Z]?|[A-Z])\b(?:\s+to\s+Schedule\s+\d{1,2})?\s*(?P<sep>[-–:])?\s*(.*)$"
)
_APPENDIX = re.compile(r"^(APPENDIX|Appendix|ANNEX|Annex)\s+(\d{1,2}|[A-Z])\b\s*[-–:.]?\s*(.*)$")
_PAGE = re.compile(r"^(?:Page\s+\d+(?:\s+of\s+\d+)?|\d{1,3}|-\s*\d{1,3}\s*-)$")
_START = re.compile(r"\bTHIS\s+(?:AGREEMENT|DEED)\b", re.I)
_BULLET = re.compile(r"^[\u2022\u25cf\u25aa\u2023\u2043\uf0b7\uf0a7•·▪◦-]\s+")


def _division_heading(text: str, marked: bool, after_sentence: bool) -> tuple[str, str, str] | None:
    """A schedule, part or appendix heading: (its name and number, its title, its kind).
    Written in capitals, marked as a heading, or set apart from its title, it is a heading;
    otherwise only where it cannot be the words of a sentence running on."""
    match = _SCHEDULE.match(text)
    if match and (
        match.group(1).isupper()
        or marked
        or (match.group("sep") and match.group(4)[:1].isupper())
        or (not match.group(4) and not match.group("sep") and after_sentence)
    ):
        return f"Schedule {match.group(2)}", match.group(4).strip(), "schedule"
    match = _PART.match(text)
    if match and (
        match.group(1).isupper() or match.group("sep") or (not match.group(4) and after_sentence)
    ):
        return f"Part {match.group(2)}", match.group(4).strip(), "part"
    match = _APPENDIX.match(text)
    if match and (match.group(1).isupper() or marked):
        return f"{match.group(1).title()} {match.group(2)}", match.group(3).strip(), "appendix"
    return None


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


def agreement_start(lines: list[str]) -> int:
    """0-based index of "THIS AGREEMENT is made..." when the file holds more (a Board pack)."""
    for i, line in enumerate(lines):
        if _START.search(line) and re.search(r"\b(made|dated|is dated)\b", line, re.I):
            return i
    return 0


_ANCHOR = re.compile(r'<a\s+id="[^"]*"\s*>\s*</a>')
_LINK = re.compile(r"\[([^\]]*)\]\((?:#|https?:)[^)]*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def unmarkdown(line: str) -> str:
    """Markdown as s75docs and other tools write it, back to the words a reader sees."""
    line = _ANCHOR.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = re.sub(r"^\s*>\s?", "", line)  # block quotes (our definitions)
    line = re.sub(r"(?<!\\)\*\*|(?<![\\*])\*(?!\*)", "", line)  # bold, italic
    return _ESCAPE.sub(r"\1", line)


def parse_text(text: str) -> tuple[list[RawParagraph], int]:
    lines = text.splitlines()
    headings = {i for i, line in enumerate(lines) if line.lstrip().startswith("#")}
    lines = [unmarkdown(line) for line in lines]
    first = agreement_start(lines)
    out: list[RawParagraph] = []
    current: dict[str, object] | None = None
    pending_number: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            out.append(
                RawParagraph(
                    text=" ".join(str(p) for p in current["parts"]).strip(),  # type: ignore[attr-defined]
                    number=str(current["number"]),
                    line=int(current["line"]),  # type: ignore[call-overload]
                    is_heading=bool(current["heading"]),
                    style=str(current["style"]),
                )
            )
        current = None

    def start(number: str, body: str, line: int, *, heading: bool = False, style: str = "") -> None:
        nonlocal current
        flush()
        current = {
            "number": number,
            "parts": [body] if body else [],
            "line": line,
            "heading": heading,
            "style": style,
        }

    for index in range(first, len(lines)):
        raw = lines[index].replace("\t", " ")
        line_no = index + 1
        stripped = raw.strip().strip("\u200b")
        if not stripped:
            continue  # a blank line does not end a paragraph: PDF page breaks insert them
        if _PAGE.match(stripped) and pending_number is None and not _looks_number(stripped):
            continue
        markdown_heading = index in headings
        stripped = re.sub(r"^#+\s+", "", stripped)  # Markdown headings
        if pending_number is not None:
            number, number_line = pending_number
            pending_number = None
            start(number, stripped, number_line)
            continue
        if re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){1,3}\.?|\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\)", stripped):
            pending_number = (stripped.rstrip("."), line_no)  # number split from its text
            continue
        division = _division_heading(stripped, markdown_heading, _ends_sentence(current))
        if division is not None:
            number, title, style = division
            start(number, title, line_no, heading=True, style=style)
            continue
        match = _HEADING.match(stripped) or (
            re.match(r"^(\d{1,2})\.?\s+(.+)$", stripped) if index in headings else None
        )
        if match:
            start(match.group(1), match.group(2).strip(), line_no, heading=True)
            continue
        match = _MULTI.match(stripped)
        if match and not re.match(
            r"(January|February|March|April|May|June|July|August|September|October|November|"
            r"December)\b",
            match.group(2),
        ):
            start(match.group(1), match.group(2), line_no)
            continue
        match = _LETTER.match(stripped)
        if match and (
            stripped.startswith("(") or re.match(r"^(?:[a-z]{1,2}|[ivx]{1,5})\)", stripped)
        ):
            start(f"({match.group(1)})", match.group(2), line_no)
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
        if current is not None and _continues(current, stripped):
            current["parts"].append(stripped)  # type: ignore[attr-defined]
            continue
        start("", stripped, line_no)
    flush()
    return out, first + 1


def _ends_sentence(current: dict[str, object] | None) -> bool:
    """True when the open paragraph is finished, so a short line can be a heading."""
    if current is None:
        return True
    parts = current["parts"]
    assert isinstance(parts, list)
    return (
        bool(current["heading"]) or not parts or str(parts[-1]).rstrip().endswith((".", ":", ";"))
    )


def _looks_number(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}\.\d{1,2}(?:\.\d{1,2})*", text))


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
