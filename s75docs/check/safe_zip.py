"""The checker's one way into a Word package: size limits, zip-bomb refusal, relationships
resolved to parts, the main document found, and XML parsed without DTDs or entities."""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from s75docs.errors import Location, UsageError
from s75docs.ooxml import OFFICE_DOCUMENT_REL, PKG_REL_NS, R_NS, W_NS

MB = 1024 * 1024
MAX_FILE_BYTES = 200 * MB  # on disk
MAX_EXPANDED_BYTES = 200 * MB  # the sum of every part's declared uncompressed size
MAX_RATIO = 100  # compression ratio refused for a large part...
RATIO_FLOOR_BYTES = 10 * MB  # ...once the part expands beyond this
MAX_MEMBERS = 20_000
_CHUNK = 1 * MB

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
MAIN_DOCUMENT = "word/document.xml"
_OTHER_PACKAGES = {
    "xl/workbook.xml": "an Excel workbook",
    "ppt/presentation.xml": "a PowerPoint presentation",
    "content.xml": "an OpenDocument file (save it as .docx)",
}
_SIGNATURES = {
    b"%PDF": "a PDF (extract its text first, for example with 'pdftotext -layout')",
    b"{\\rtf": "an RTF file (save it as .docx)",
}


def _unreadable(path: Path, message: str) -> UsageError:
    return UsageError(message, Location(str(path)), code="file-unreadable")


def _refused(path: Path, message: str) -> UsageError:
    """Too large, or built to exhaust memory or time: refused before it costs either."""
    return UsageError(message, Location(str(path)), code="file-refused")


def _one_line(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


class Package:
    """A Word package read safely: part bytes by name (zip order), the main document part,
    relationships resolved to part names, and XML parsed only by the safe parser.

    Part names are normalised (see part_name): a member whose name would leave the package
    is never read, and two members of one name are refused (open_package). `infos` holds each
    kept part's zip entry, so that a writer can copy a part it does not change as it was.
    `strict` is True for an ISO Strict package: its parts are read as Transitional.
    """

    def __init__(
        self, path: Path, parts: dict[str, bytes], infos: dict[str, zipfile.ZipInfo] | None = None
    ) -> None:
        self.path = path
        self.parts = parts
        self.infos = infos or {}
        self.main = self._main_document()
        if self.main not in parts:
            raise _unreadable(path, _missing_document(parts))
        self.strict = _STRICT_W in parts[self.main][:_PROLOG_BYTES]

    def find(self, name: str) -> str | None:
        """The stored name of part `name`: OPC part names compare case-insensitively."""
        if name in self.parts:
            return name
        folded = name.casefold()
        return next((n for n in self.parts if n.casefold() == folded), None)

    def xml(self, name: str) -> etree._Element:
        """Part `name` parsed safely (see parse_xml), Strict namespaces read as Transitional."""
        return parse_xml(self.parts[name], name, self.path)

    def serialise(self, root: etree._Element) -> bytes:
        """A part's XML as written back: in the Strict namespaces when the package is Strict."""
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return to_strict(data) if self.strict else data

    def relationships(self, source: str) -> list[tuple[str, str]]:
        """(type, part name) of the internal relationships of `source` ("" for the package).

        A damaged .rels gives none, so readers fall back to the conventional part names."""
        name = self.find(rels_name(source))
        if name is None:
            return []
        root, _problem = _parse_part(self.parts[name], name, self.path)
        if root is None:
            return []
        folder = posixpath.dirname(source)
        found: list[tuple[str, str]] = []
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = resolve_target(folder, rel.get("Target", ""))
            if rel.get("TargetMode") != "External" and target is not None:
                found.append((rel.get("Type", ""), target))
        return found  # a target outside the package is never followed

    def _main_document(self) -> str:
        """The part _rels/.rels names as the office document, else word/document.xml."""
        for kind, name in self.relationships(""):
            if kind == OFFICE_DOCUMENT_REL:
                return self.find(name) or name
        return self.find(MAIN_DOCUMENT) or MAIN_DOCUMENT


def open_package(path: Path, *, media: bool = False) -> Package:
    """A Word package's XML parts (*.xml, *.rels) and, with `media`, every other part too.

    A member whose name leaves the package ("../x", "C:/x") is not read, and a package
    holding two members of one part name (OPC names ignore case) is refused: readers differ
    on which of the two is the document. Raises UsageError (never another exception) for
    anything that is not a readable, reasonably sized .docx.
    """
    head = _check_file(path)
    parts: dict[str, bytes] = {}
    infos: dict[str, zipfile.ZipInfo] = {}
    try:
        with zipfile.ZipFile(path) as package:
            members = _checked_members(path, package)
            _refuse_duplicates(path, members)
            for info in members:
                name = None if info.is_dir() else part_name(info.filename)
                wanted = media or info.filename.endswith((".xml", ".rels"))
                if wanted and name is not None:
                    parts[name] = _read_member(path, package, info)
                    infos[name] = info
    except UsageError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as exc:
        raise _not_a_package(path, head, exc) from None
    except (OSError, RuntimeError, NotImplementedError) as exc:
        raise _unreadable(path, f"the .docx is truncated or corrupt ({_one_line(exc)})") from None
    return Package(path, parts, infos)


def checked_size(path: Path) -> int:
    """The size of a file the checker may read, after refusing folders, missing and
    unreadable files, and files over the size limit."""
    try:
        if path.is_dir():
            raise _unreadable(path, "is a folder, not a document")
        size = path.stat().st_size
    except OSError as exc:
        raise _os_error(path, exc) from None
    if size > MAX_FILE_BYTES:
        raise _refused(path, f"file is {size // MB} MB; the limit is {MAX_FILE_BYTES // MB} MB")
    return size


def read_bytes(path: Path, count: int = -1) -> bytes:
    """A checked file's bytes (the first `count` of them), or a one-line error."""
    try:
        with path.open("rb") as handle:
            return handle.read(count)
    except OSError as exc:
        raise _os_error(path, exc) from None


def _os_error(path: Path, exc: OSError) -> UsageError:
    return UsageError(
        f"cannot read: {exc.strerror or _one_line(exc)}",
        Location(str(path)),
        code="file-not-found" if isinstance(exc, FileNotFoundError) else "file-unreadable",
    )


def _check_file(path: Path) -> bytes:
    """The first bytes of the file, after refusing folders, huge, empty and OLE files."""
    size = checked_size(path)
    head = read_bytes(path, 8)
    if size == 0 or not head:
        raise _unreadable(path, "the file is empty (0 bytes), not a Word document")
    if head.startswith(OLE_MAGIC):
        raise _unreadable(
            path,
            "is password-protected or in the old .doc format: remove the password,"
            " or open it in Word and save it as .docx",
        )
    if not head.startswith(ZIP_MAGIC):
        raise _unreadable(path, f"not a Word document (.docx): {_what_it_is(head)}")
    return head


def _what_it_is(head: bytes) -> str:
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            return f"it is {kind}"
    return "it is not a zip package (a text or other file renamed .docx?)"


def _not_a_package(path: Path, head: bytes, exc: BaseException) -> UsageError:
    if head.startswith(ZIP_MAGIC):
        return _unreadable(
            path, f"the .docx is truncated or corrupt (damaged zip: {_one_line(exc)})"
        )
    return _unreadable(path, f"not a Word document (.docx): {_what_it_is(head)}")


def _checked_members(path: Path, package: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The package's entries, after refusing encryption and zip bombs from declared sizes."""
    members = package.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refused(
            path, f"refused: the package holds {len(members)} parts, not a Word document"
        )
    total = sum(info.file_size for info in members)
    if total > MAX_EXPANDED_BYTES:
        raise _refused(
            path,
            f"refused: the package would expand to {total // MB} MB"
            f" (limit {MAX_EXPANDED_BYTES // MB} MB): a zip bomb or not a Word document",
        )
    for info in members:
        if info.flag_bits & 0x1:
            raise _unreadable(path, "is password-protected (an encrypted zip): remove the password")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _refused(
                path,
                f"refused: part '{info.filename}' expands {info.file_size // MB} MB"
                f" from {info.compress_size // 1024} KB (over {MAX_RATIO}:1): a zip bomb",
            )
    return members


def _refuse_duplicates(path: Path, members: list[zipfile.ZipInfo]) -> None:
    seen: set[str] = set()
    for info in members:
        name = None if info.is_dir() else part_name(info.filename)
        if name is None:
            continue
        if name.casefold() in seen:
            raise _refused(
                path,
                f"refused: the package holds two parts named '{name}'"
                " (a damaged or crafted file: readers differ on which one to read)",
            )
        seen.add(name.casefold())


def _read_member(path: Path, package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A part's bytes, never more than it declared (a lying header cannot grow it)."""
    chunks: list[bytes] = []
    received = 0
    with package.open(info) as member:
        while True:
            chunk = member.read(_CHUNK)
            if not chunk:
                break
            received += len(chunk)
            if received > info.file_size:
                raise _refused(
                    path,
                    f"refused: part '{info.filename}' is larger than its declared size"
                    " (a corrupt or malicious package)",
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _missing_document(parts: dict[str, bytes]) -> str:
    for name, kind in _OTHER_PACKAGES.items():
        if name in parts:
            return f"not a Word document (.docx): it is {kind}"
    return f"not a Word document (.docx): it has no {MAIN_DOCUMENT}"


def rels_name(part: str) -> str:
    """The relationships part of `part`: word/_rels/document.xml.rels, _rels/.rels for ""."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def part_name(name: str) -> str | None:
    """A zip member name as a part name inside the package: "/" separators, no leading "/",
    no "." or ".." segments; None when it would leave the package or names a drive."""
    name = name.replace("\\", "/")
    if _DRIVE.match(name) or "\x00" in name:
        return None
    normal = posixpath.normpath(name.lstrip("/"))
    if normal in (".", "..") or normal.startswith("../"):
        return None
    return normal


def resolve_target(folder: str, target: str) -> str | None:
    """A relationship target as a part name (relative to the source's folder, or absolute
    from the package root); None when it points outside the package."""
    target = target.split("#", 1)[0]
    if target.startswith("/"):
        return part_name(target)
    if _DRIVE.match(target) or re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", target):
        return None
    return part_name(posixpath.join(folder, target))


_DRIVE = re.compile(r"[A-Za-z]:")

# ISO Strict OOXML names WordprocessingML and relationships in other namespaces; the checker
# reads them as the Transitional ones (the same elements), and writes them back as they were.
_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", R_NS.encode()),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/math",
        b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    ),
)
_STRICT_W = _STRICT[0][0]


def to_transitional(data: bytes) -> bytes:
    for strict, transitional in _STRICT:
        data = data.replace(strict, transitional)
    return data


def to_strict(data: bytes) -> bytes:
    for strict, transitional in _STRICT:
        data = data.replace(transitional, strict)
    return data


# ------------------------------------------------------------------ XML

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_PROLOG_BYTES = 64 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data: bytes, name: str, path: Path | None = None) -> etree._Element:
    """Parse one part safely; a DTD (the vehicle of entity-expansion attacks) is refused."""
    root, problem = _parse_part(data, name, path)
    if root is None:
        raise UsageError(
            f"{name} is not well-formed XML ({problem})", _where(path), code="file-unreadable"
        )
    return root


def _parse_part(data: bytes, name: str, path: Path | None) -> tuple[etree._Element | None, str]:
    """The part's root, or None and why it is not well-formed; a DTD is refused outright."""
    if _DOCTYPE.search(data[:_PROLOG_BYTES]):
        raise UsageError(_dtd_message(name), _where(path), code="file-refused")
    try:
        root = etree.fromstring(to_transitional(data), _parser())
    except etree.XMLSyntaxError as exc:
        return None, _one_line(exc)
    if has_doctype(root):
        raise UsageError(_dtd_message(name), _where(path), code="file-refused")
    return root, ""


def _where(path: Path | None) -> Location | None:
    return Location(str(path)) if path is not None else None


def has_doctype(root: etree._Element) -> bool:
    info = root.getroottree().docinfo
    return bool(info.internalDTD is not None or info.externalDTD is not None or info.public_id)


def _dtd_message(name: str) -> str:
    return f"{name} contains a DTD, which Word documents never do: refused (entity expansion)"
