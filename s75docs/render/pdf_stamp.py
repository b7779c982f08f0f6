"""LibreOffice's PDF made byte-identical between runs, by same-length replacement.

LibreOffice (7.4, and 24.2 still; it does not read SOURCE_DATE_EPOCH) writes the time of the
export into /CreationDate (and /ModDate where present), and a document /ID and /DocChecksum
drawn from it. Each is replaced by a value of exactly the same length: the dates by the
build's timestamp (files.build_timestamp: SOURCE_DATE_EPOCH, else a fixed date), and the ID
and checksum by an MD5 of the content with those values blanked. Nothing moves, so every
byte offset in the cross-reference table stays right. A PDF without them is left alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

# /CreationDate(D:20261130230459Z') or (D:20261130230459+01'00')
_DATE = re.compile(rb"/(?:CreationDate|ModDate)\s*\(D:(\d{14})([^)]{0,16})\)")
# in the trailer: /ID [ <hex> <hex> ] and LibreOffice's /DocChecksum /hex
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{16,64})>\s*<([0-9A-Fa-f]{16,64})>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]{16,64})")


def _same_length(data: bytearray, start: int, value: bytes) -> None:
    data[start : start + len(value)] = value


def _digest(data: bytes | bytearray, size: int) -> bytes:
    """`size` upper-case hex digits from MD5 of the data (repeated if more are needed)."""
    digest = hashlib.md5(bytes(data), usedforsecurity=False).hexdigest().upper().encode()
    return (digest * (size // len(digest) + 1))[:size]


def reproducible_pdf(pdf: bytes, stamp: dt.datetime) -> bytes:
    """The PDF with its dates set to `stamp` (UTC) and its ID and checksum from its content;
    the same length, the same offsets."""
    data = bytearray(pdf)
    when = stamp.strftime("%Y%m%d%H%M%S").encode()
    for match in _DATE.finditer(pdf):
        _same_length(data, match.start(1), when)
        zone = re.sub(rb"\d", b"0", match.group(2)).replace(b"-", b"+")  # +00'00' or Z'
        _same_length(data, match.start(2), zone)
    ids = list(_ID.finditer(pdf))
    sums = list(_CHECKSUM.finditer(pdf))
    if not ids and not sums:
        return bytes(data)
    blank = bytearray(data)  # the content with the varying values blanked
    for match in ids + sums:
        for group in range(1, (match.lastindex or 0) + 1):
            _same_length(blank, match.start(group), b"0" * len(match.group(group)))
    for match in ids:
        for group in (1, 2):
            _same_length(data, match.start(group), _digest(blank, len(match.group(group))))
    for match in sums:
        _same_length(data, match.start(1), _digest(blank + b"checksum", len(match.group(1))))
    return bytes(data)
