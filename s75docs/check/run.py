"""Run every rule over one document: read it, build the tree, collect the findings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from s75docs.check.budget import check_paragraphs, check_text_size
from s75docs.check.context import Context
from s75docs.check.findings import Finding
from s75docs.check.raw import RawParagraph
from s75docs.check.read_text import read_text_file, split_after
from s75docs.check.rules.money import check_money
from s75docs.check.rules.numbering import check_numbering
from s75docs.check.rules.outline import (
    ANYWHERE,
    check_not_agreement,
    check_outline,
    is_agreement,
)
from s75docs.check.rules.statute_refs import check_statute_clauses
from s75docs.check.rules.suspect import check_suspects
from s75docs.check.rules.suspect_schedules import check_schedule_titles
from s75docs.check.rules.terms import check_terms
from s75docs.check.rules.text import check_law, check_placeholders
from s75docs.check.rules.toc import check_toc
from s75docs.check.rules.xrefs import check_fields, check_references
from s75docs.check.tree import ReadDocument, build_tree
from s75docs.errors import Location, UsageError

RULES = (
    check_outline,
    check_numbering,
    check_references,
    check_suspects,
    check_schedule_titles,
    check_statute_clauses,
    check_fields,
    check_terms,
    check_placeholders,
    check_money,
    check_law,
    check_toc,
)
_COMMENCEMENT = re.compile(
    r"[“\"]?Commencement Date[”\"]?\s+means\s+(?:the\s+)?"
    r"(\d{1,2})\s+([A-Z][a-z]+)\s+((?:19|20)\d\d)\b"
)
_TERM = re.compile(r"\bInitial Term[”\"]?\s+(?:means|shall mean|is)\b")
_ORDINAL = re.compile(r"\b(\d{1,2})\s*(?:st|nd|rd|th)\b")
_DAY = re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]+)\s+((?:19|20)\d\d)\b")
_MADE = re.compile(
    r"\b(?:made|dated|is dated|Dated)\b[^.\n]{0,40}?"
    r"\b(?:(\d{1,2})\s+([A-Z][a-z]+)\s+)?((?:19|20)\d\d)\b"
)


@dataclass
class Result:
    file: str
    kind: str  # docx | text
    findings: list[Finding]
    paragraphs: int
    made: dt.date | None
    start_line: int


def read_paragraphs(path: Path) -> tuple[list[RawParagraph], str, int]:
    where = Location(str(path))
    if not path.exists():
        raise UsageError("no such file", where, code="file-not-found")
    if path.is_dir():
        raise UsageError("is a folder, not a document", where, code="file-unreadable")
    suffix = path.suffix.lower()
    if suffix in (".docx", ".docm", ".dotx"):
        from s75docs.check.read_docx import read_docx

        return read_docx(path), "docx", 1
    if suffix in (".txt", ".md", ".text", ""):
        check_text_size(path)
        paragraphs, start = read_text_file(path)
        return paragraphs, "text", start
    if suffix == ".doc":
        raise UsageError(
            "old Word .doc format: save it as .docx first", where, code="file-unreadable"
        )
    if suffix == ".pdf":
        raise UsageError(
            "PDF: extract its text first (for example 'pdftotext -layout FILE.pdf'),"
            " then check the .txt",
            where,
            code="file-unreadable",
        )
    raise UsageError(
        f"cannot read '{suffix}' files: give a .docx, .txt or .md", where, code="file-unreadable"
    )


def agreement_date(paragraphs: list[RawParagraph]) -> dt.date | None:
    """The date the agreement says it was made, or its year (1 January) when undated; for an
    agreement left undated ("Dated ...... 20.."), its Commencement Date, as the builder judges
    an undated agreement."""
    for raw in paragraphs[:40]:
        m = _MADE.search(raw.text)
        if not m:
            continue
        year = int(m.group(3))
        if m.group(1) and m.group(2):
            try:
                return dt.datetime.strptime(f"{m.group(1)} {m.group(2)} {year}", "%d %B %Y").date()
            except ValueError:
                pass
        return dt.date(year, 1, 1)
    for raw in paragraphs:
        m = _COMMENCEMENT.search(raw.text)
        if m:
            try:
                return dt.datetime.strptime(" ".join(m.groups()), "%d %B %Y").date()
            except ValueError:
                return None
    return None


def term_end(paragraphs: list[RawParagraph]) -> dt.date | None:
    """The last day of the Initial Term where its definition states a date ("ending on the
    31st March 2020", however extraction split the ordinal), else None."""
    for i, raw in enumerate(paragraphs):
        if not _TERM.search(raw.text):
            continue
        joined = " ".join(" ".join(p.text for p in paragraphs[i : i + 5]).split())
        found = _TERM.search(joined)
        assert found is not None
        definition = re.split(r"\bmeans\b", joined[found.end() :], maxsplit=1)[0]
        for m in _DAY.finditer(_ORDINAL.sub(r"\1", definition)):
            try:
                return dt.datetime.strptime(" ".join(m.groups()), "%d %B %Y").date()
            except ValueError:
                continue
        return None
    return None


def check_document(path: Path, as_of: dt.date | None = None) -> Result:
    return check_with_tree(path, as_of)[0]


def check_with_tree(path: Path, as_of: dt.date | None = None) -> tuple[Result, ReadDocument]:
    """The findings, and the tree they were found in (the outline a user can be shown)."""
    paragraphs, kind, start = read_paragraphs(path)
    check_paragraphs(path, len(paragraphs))
    if not any(p.text.strip() for p in paragraphs):
        raise UsageError("the document is empty", Location(str(path)), code="file-unreadable")
    paragraphs, after = split_after(paragraphs)
    read = build_tree(paragraphs, str(path))
    made = agreement_date(paragraphs)
    ctx = Context(read, str(path), as_of or dt.date.today(), made, term_end(paragraphs))
    if is_agreement(read):
        for rule in RULES:
            rule(ctx)
    else:
        for rule in (check_placeholders, check_law):
            rule(ctx)
        ctx.findings = [f for f in ctx.findings if f.code in ANYWHERE]
        check_not_agreement(ctx)
    for marker in after:
        ctx.add(
            "outline-unplaced",
            f"from line {marker.line} ('{marker.text[:60]}') the file holds another paper,"
            " not part of the agreement: it was not checked",
            marker,
            text=marker.text[:60],
            suggestion="check that paper on its own if it is meant to be part of the agreement",
        )
    ctx.findings.sort(key=lambda f: (f.line or f.block or f.paragraph or 0, f.code))
    return Result(str(path), kind, ctx.findings, len(paragraphs), made, start), read
