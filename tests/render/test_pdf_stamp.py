"""reproducible_pdf: LibreOffice's export time and document ID replaced in place."""

from __future__ import annotations

import datetime as dt
import re

from s75docs.render.pdf_stamp import reproducible_pdf

STAMP = dt.datetime(2025, 4, 1, 12, 30, 5)


def fake_pdf(when: bytes, ident: bytes, checksum: bytes, zone: bytes = b"Z'") -> bytes:
    """The shape of LibreOffice's output: an Info dictionary, an xref of byte offsets, and a
    trailer with /ID and /DocChecksum."""
    body = (
        b"%PDF-1.6\n1 0 obj\n<</Type/Catalog>>\nendobj\n"
        b"2 0 obj\n<</Producer(LibreOffice 7.4)\n/CreationDate(D:" + when + zone + b")>>\nendobj\n"
    )
    offsets = [body.index(b"1 0 obj"), body.index(b"2 0 obj")]
    xref = b"xref\n0 3\n0000000000 65535 f \n" + b"".join(
        b"%010d 00000 n \n" % offset for offset in offsets
    )
    trailer = (
        b"trailer\n<</Size 3/Root 1 0 R\n/Info 2 0 R\n/ID [ <" + ident + b">\n<" + ident + b"> ]\n"
        b"/DocChecksum /" + checksum + b"\n>>\nstartxref\n%d\n%%%%EOF\n" % len(body)
    )
    return body + xref + trailer


def test_two_exports_become_the_same_bytes_of_the_same_length() -> None:
    first = fake_pdf(b"20261130230459", b"F7B23DCE3E580619E553729FD41B51E0", b"E381" * 8)
    second = fake_pdf(b"20261130230508", b"09A61A953DCAA63772BF649A1DCF00B8", b"27D6" * 8)
    one, two = reproducible_pdf(first, STAMP), reproducible_pdf(second, STAMP)
    assert one == two
    assert len(one) == len(first)
    assert b"/CreationDate(D:20250401123005Z')" in one
    ident = re.search(rb"/ID \[ <([0-9A-F]{32})>\n<([0-9A-F]{32})> \]", one)
    assert ident and ident.group(1) == ident.group(2) != b"F7B23DCE3E580619E553729FD41B51E0"
    for offset in re.findall(rb"(\d{10}) 00000 n", one):  # every object where it was
        assert one[int(offset) :].split(b" ", 1)[1].startswith(b"0 obj")


def test_the_id_follows_the_content() -> None:
    ident, checksum = b"0" * 32, b"1" * 32
    a = reproducible_pdf(fake_pdf(b"20261130230459", ident, checksum), STAMP)
    b = reproducible_pdf(
        fake_pdf(b"20261130230459", ident, checksum).replace(b"7.4", b"7.5"), STAMP
    )
    assert a[-150:] != b[-150:]


def test_a_time_zone_becomes_utc_in_the_same_width() -> None:
    pdf = fake_pdf(b"20261130230459", b"A" * 32, b"B" * 32, zone=b"-05'00'")
    out = reproducible_pdf(pdf, STAMP)
    assert b"/CreationDate(D:20250401123005+00'00')" in out and len(out) == len(pdf)


def test_a_pdf_without_them_is_left_alone() -> None:
    assert reproducible_pdf(b"%PDF-1.4\n%%EOF\n", STAMP) == b"%PDF-1.4\n%%EOF\n"
