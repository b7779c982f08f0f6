"""Hostile or broken .docx files give one-line UsageErrors, never a traceback or a hang."""

from __future__ import annotations

import io
import shutil
import struct
import warnings
import zipfile
from pathlib import Path

import docx
import pytest

from s75docs.check.read_docx import read_docx
from s75docs.check.safe_zip import open_package, parse_xml, resolve_target
from s75docs.errors import UsageError
from s75docs.ooxml import OFFICE_DOCUMENT_REL, PKG_REL_NS, W_NS

DOCUMENT = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
    "<w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>"
).encode()
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + f']>\n<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'.encode()
    + b"</w:body></w:document>"
)


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("valid") / "valid.docx"
    document = docx.Document()
    for i in range(200):
        document.add_paragraph(f"Paragraph {i} of a real Word document, long enough to compress.")
    document.save(str(path))
    return path


def package(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return path


def refused(path: Path) -> UsageError:
    """The error read_docx raises: a UsageError, one line, naming the file, no chained cause;
    its code says whether the file was refused (too large, hostile) or cannot be read."""
    with pytest.raises(UsageError) as caught:
        read_docx(path)
    error = caught.value
    hostile = error.message.startswith("refused: ") or "contains a DTD" in error.message
    assert error.code == (
        "file-refused"
        if hostile or " MB; the limit is " in error.message
        else "file-not-found"
        if "No such file" in error.message
        else "file-unreadable"
    )
    assert "\n" not in str(error)
    assert str(error).startswith(f"{path}: ")
    assert error.exit_status == 2
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__
    return error


def test_a_valid_docx_reads(valid: Path) -> None:
    parts = open_package(valid).parts
    assert "word/document.xml" in parts and "[Content_Types].xml" in parts
    assert not any(name.startswith("docProps/thumbnail") for name in parts)
    assert read_docx(valid)[3].text.startswith("Paragraph 3 ")


def test_text_file_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "agreement.docx"
    path.write_text("THIS AGREEMENT is made on 1 April 2024\n1. Definitions\n", encoding="utf-8")
    assert "not a Word document (.docx): " in refused(path).message


def test_pdf_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "agreement.docx"
    path.write_bytes(b"%PDF-1.7\n...")
    message = refused(path).message
    assert message.startswith("not a Word document (.docx): it is a PDF")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert "empty" in refused(path).message


def test_ole_compound_file_is_password_protected_or_old_doc(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    assert "is password-protected or in the old .doc format" in refused(path).message


def test_truncated_docx(valid: Path, tmp_path: Path) -> None:
    data = valid.read_bytes()
    for cut in (len(data) // 2, len(data) - 30):
        path = tmp_path / f"truncated-{cut}.docx"
        path.write_bytes(data[:cut])
        assert "truncated or corrupt" in refused(path).message


def test_corrupt_compressed_data(valid: Path, tmp_path: Path) -> None:
    data = bytearray(valid.read_bytes())
    with zipfile.ZipFile(valid) as source:
        info = source.getinfo("word/document.xml")
    name_len, extra_len = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + 10, start + min(info.compress_size, 400) - 10):
        data[i] ^= 0x5A
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(data))
    assert "truncated or corrupt" in refused(path).message


def test_zip_bomb_by_total_declared_size(tmp_path: Path) -> None:
    """300 MB of zeros compresses to about 300 KB; refused from the declared sizes alone."""
    path = tmp_path / "bomb.docx"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        out.writestr("word/document.xml", DOCUMENT)
        with out.open("word/media/image1.bin", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(chunk)
    assert path.stat().st_size < 5 * 1024 * 1024
    message = refused(path).message
    assert message.startswith("refused: the package would expand to 300 MB")
    assert "zip bomb" in message


def test_zip_bomb_by_compression_ratio(tmp_path: Path) -> None:
    path = tmp_path / "ratio.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("word/document.xml", DOCUMENT)
        out.writestr("word/styles.xml", bytes(20 * 1024 * 1024))
    message = refused(path).message
    assert "refused: part 'word/styles.xml' expands 20 MB" in message
    assert "zip bomb" in message


def test_member_larger_than_declared(tmp_path: Path) -> None:
    """A header that understates a part's size cannot make us read more than it declares."""
    path = package(tmp_path / "liar.docx", {"word/document.xml": DOCUMENT})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as source:
        info = source.getinfo("word/document.xml")
    smaller = struct.pack("<I", 10)
    data[info.header_offset + 22 : info.header_offset + 26] = smaller  # local header
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = smaller  # central directory
    path.write_bytes(bytes(data))
    message = refused(path).message
    assert "truncated or corrupt" in message or "larger than its declared size" in message


def test_reading_stops_past_the_declared_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even if the zip layer handed over more than declared, we stop at the declared size."""
    path = package(tmp_path / "overflow.docx", {"word/document.xml": DOCUMENT})

    def overflowing(self: zipfile.ZipFile, name: object, mode: str = "r") -> io.BytesIO:
        return io.BytesIO(bytes(3 * 1024 * 1024))

    monkeypatch.setattr(zipfile.ZipFile, "open", overflowing)
    message = refused(path).message
    assert message == (
        "refused: part 'word/document.xml' is larger than its declared size"
        " (a corrupt or malicious package)"
    )


def test_file_over_200_mb_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "huge.docx"
    with path.open("wb") as handle:
        handle.truncate(201 * 1024 * 1024)  # sparse: costs no disk
    assert refused(path).message == "file is 201 MB; the limit is 200 MB"


def test_billion_laughs_in_document_xml(tmp_path: Path) -> None:
    path = package(tmp_path / "laughs.docx", {"word/document.xml": BILLION_LAUGHS})
    message = refused(path).message
    assert message.startswith("word/document.xml contains a DTD, which Word documents never do")


def test_doctype_is_refused_by_parse_xml_directly() -> None:
    with pytest.raises(UsageError, match="contains a DTD, which Word documents never do"):
        parse_xml(BILLION_LAUGHS, "word/document.xml")
    late = DOCUMENT.replace(b"<w:document", b"<!DOCTYPE w:document><w:document", 1)
    with pytest.raises(UsageError, match="contains a DTD"):
        parse_xml(b" " * 70_000 + late.split(b"?>", 1)[1], "word/document.xml")


def test_external_entity_is_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    path = package(tmp_path / "xxe.docx", {"word/document.xml": xml})
    assert "contains a DTD" in refused(path).message


def test_malformed_xml(tmp_path: Path) -> None:
    path = package(tmp_path / "bad.docx", {"word/document.xml": b"<w:document><w:body>"})
    assert refused(path).message.startswith("word/document.xml is not well-formed XML (")


def test_zip_without_word_document(tmp_path: Path) -> None:
    path = package(tmp_path / "other.docx", {"readme.txt": b"hello", "data.xml": b"<a/>"})
    assert refused(path).message == "not a Word document (.docx): it has no word/document.xml"


def test_excel_workbook_renamed_docx(tmp_path: Path) -> None:
    path = package(tmp_path / "book.docx", {"xl/workbook.xml": b"<workbook/>"})
    assert refused(path).message == "not a Word document (.docx): it is an Excel workbook"


def test_encrypted_zip_member(valid: Path, tmp_path: Path) -> None:
    path = tmp_path / "encrypted.docx"
    shutil.copy(valid, path)
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1  # general purpose flag: encrypted
    path.write_bytes(bytes(data))
    assert "password-protected" in refused(path).message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert refused(tmp_path / "nowhere.docx").message.startswith("cannot read: ")
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert refused(folder).message == "is a folder, not a document"


@pytest.mark.parametrize(
    ("target", "member"),
    [
        ("word/document2.xml", "word/document2.xml"),
        ("/Word/Document.xml", "word/document.xml"),  # part names compare ignoring case
    ],
)
def test_main_document_named_by_package_relationships(
    tmp_path: Path, target: str, member: str
) -> None:
    rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1"'
        f' Type="{OFFICE_DOCUMENT_REL}" Target="{target}"/></Relationships>'
    ).encode()
    path = package(tmp_path / "main.docx", {"_rels/.rels": rels, member: DOCUMENT})
    assert [p.text for p in read_docx(path)] == ["Hello"]


@pytest.mark.parametrize(
    "second",
    ["word/document.xml", "/word/document.xml", "Word/Document.XML", "word/./document.xml"],
)
def test_two_parts_of_one_name_are_refused(tmp_path: Path, second: str) -> None:
    """Readers differ on which of two entries is the document (python-docx reads the last):
    the reader and the annotator refuse the package alike."""
    path = tmp_path / "twice.docx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it is asked to add
        package(path, {"word/document.xml": DOCUMENT})
        with zipfile.ZipFile(path, "a") as out:
            out.writestr(second, DOCUMENT.replace(b"Hello", b"Second"))
    assert refused(path).message.startswith("refused: the package holds two parts named")


@pytest.mark.parametrize(
    "name",
    [
        "../../evil.xml",
        "/tmp/evil.xml",
        "C:/evil.xml",
        "..\\..\\evil.xml",
        "word/../../evil.xml",
    ],
)
def test_member_names_are_normalised_and_kept_inside_the_package(tmp_path: Path, name: str) -> None:
    path = package(tmp_path / "names.docx", {"word/document.xml": DOCUMENT, name: b"<evil/>"})
    read = open_package(path, media=True)
    assert all(not n.startswith(("/", "..")) and "\\" not in n for n in read.parts)
    assert set(read.parts) <= {"word/document.xml", "tmp/evil.xml"}  # "/tmp/x" is "tmp/x"


@pytest.mark.parametrize(
    ("folder", "target", "expected"),
    [
        ("word", "styles.xml", "word/styles.xml"),
        ("word", "/word/styles.xml", "word/styles.xml"),
        ("word", "../customXml/item1.xml", "customXml/item1.xml"),
        ("word", "../../evil.xml", None),
        ("word", "file:///etc/passwd", None),
        ("word", "C:/evil.xml", None),
        ("", "/../evil.xml", None),
    ],
)
def test_relationship_targets_outside_the_package_are_not_followed(
    folder: str, target: str, expected: str | None
) -> None:
    assert resolve_target(folder, target) == expected


def test_strict_ooxml_is_read_as_transitional(tmp_path: Path) -> None:
    strict_w = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    strict_r = b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1"'
        f' Type="{OFFICE_DOCUMENT_REL}" Target="word/strict.xml"/></Relationships>'
    ).encode()
    rels = rels.replace(OFFICE_DOCUMENT_REL.rsplit("/", 1)[0].encode(), strict_r)
    main = DOCUMENT.replace(W_NS.encode(), strict_w)
    path = package(tmp_path / "strict.docx", {"_rels/.rels": rels, "word/strict.xml": main})
    read = open_package(path)
    assert read.main == "word/strict.xml" and read.strict
    assert [p.text for p in read_docx(path)] == ["Hello"]
    assert read.serialise(read.xml(read.main)).count(strict_w) == 1  # written back as Strict


def test_a_dtd_in_the_package_relationships_is_refused(tmp_path: Path) -> None:
    rels = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "x">]><Relationships/>'
    path = package(tmp_path / "rels.docx", {"_rels/.rels": rels, "word/document.xml": DOCUMENT})
    assert refused(path).message.startswith("_rels/.rels contains a DTD")


def test_damaged_package_relationships_fall_back_to_word_document_xml(tmp_path: Path) -> None:
    rels = b"<Relationships><Relationship"
    path = package(tmp_path / "rels.docx", {"_rels/.rels": rels, "word/document.xml": DOCUMENT})
    assert [p.text for p in read_docx(path)] == ["Hello"]
