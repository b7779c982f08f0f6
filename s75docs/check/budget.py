"""The checker's budget: a document past these sizes is refused at once with one line, "too
large to check (...; the limit is ...)", exit status 2, instead of minutes of work and
gigabytes of memory. The largest real agreements are a few thousand paragraphs and a few MB
of document.xml; the limits are fifty times that."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree

from s75docs.check.wordml import w_tag
from s75docs.errors import Location, UsageError

MB = 1024 * 1024
MAX_PARAGRAPHS = 200_000
MAX_DOCUMENT_XML = 100 * MB  # document.xml, uncompressed
MAX_TEXT_BYTES = 64 * MB  # a text input
COUNT_FROM = 4 * MB  # a document.xml larger than this has its paragraphs counted first


def too_large(path: Path, what: str, limit: str) -> UsageError:
    return UsageError(
        f"too large to check ({what}; the limit is {limit})",
        Location(str(path)),
        code="file-refused",
    )


def check_paragraphs(path: Path, count: int) -> None:
    if count > MAX_PARAGRAPHS:
        raise too_large(path, f"{count:,} paragraphs", f"{MAX_PARAGRAPHS:,}")


def check_text_size(path: Path) -> None:
    """Refuse a text input too large to read: by its size, then by its lines (a paragraph
    has one line or more, so more lines than the paragraphs allowed is too many)."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise too_large(path, f"{size // MB} MB of text", f"{MAX_TEXT_BYTES // MB} MB")
        if size <= COUNT_FROM // 4:
            return
        data = path.read_bytes()
    except OSError:
        return  # the reader says why it cannot read the file
    if data.count(b"\n") > MAX_PARAGRAPHS:
        lines = sum(1 for line in data.splitlines() if line.strip())
        if lines > MAX_PARAGRAPHS:
            raise too_large(path, f"{lines:,} lines of text", f"{MAX_PARAGRAPHS:,}")


def check_document_xml(path: Path, data: bytes) -> None:
    """Refuse a main document part too large to read: by its size, then (for a large one)
    by its paragraphs, counted in a streaming pass that keeps almost nothing in memory."""
    if len(data) > MAX_DOCUMENT_XML:
        raise too_large(
            path, f"document.xml is {len(data) // MB} MB", f"{MAX_DOCUMENT_XML // MB} MB"
        )
    if len(data) > COUNT_FROM:
        check_paragraphs(path, count_paragraphs(data))


def count_paragraphs(data: bytes) -> int:
    """The w:p elements of a part, without building its tree (0 if it is not well-formed:
    the reader then says so)."""
    count = 0
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=w_tag("p"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        for _event, element in events:
            count += 1
            if count > MAX_PARAGRAPHS:
                break
            element.clear(keep_tail=True)
            parent = element.getparent()
            if parent is not None:  # drop the paragraphs already counted
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError:
        return 0
    return count
