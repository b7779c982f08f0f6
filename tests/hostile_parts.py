"""Minimal WordprocessingML packages written by hand, for the hostile corpus and the reader's
tests: paragraphs, documents, numbering, comments and fields as raw XML, zipped as given
(duplicate names and names outside the package included)."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
STRICT_R = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

Members = list[tuple[str, bytes]]


# ------------------------------------------------------------------ package writing
def p(text: str = "", *, style: str = "", num: tuple[int, int] | None = None, raw: str = "") -> str:
    """One w:p with a plain run of `text` (and `raw` run content after it)."""
    props = ""
    if style or num:
        props = "<w:pPr>"
        props += f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        props += "</w:pPr>"
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{props}{run}{raw}</w:p>"


def document(body: str, *, ns: str = W_NS, extra_ns: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{ns}" xmlns:r="{R_NS}"{extra_ns}><w:body>{body}'
        "</w:body></w:document>"
    ).encode()


AGREEMENT = [
    "THIS AGREEMENT is dated 1 April 2024",
    "1. Definitions",
    '1.1 "Pooled Fund" means the fund established under Clause 2.',
    "2. The Pooled Fund",
    "2.1 The Partners shall establish the Pooled Fund.",
    "3. Disputes",
    "3.1 Any dispute shall be resolved under Clause 9.",  # dangling: a finding to annotate
]


def agreement_body(*extra: str) -> str:
    return "".join(p(t) for t in AGREEMENT) + "".join(extra)


def package(
    main: bytes,
    *,
    parts: dict[str, bytes] | None = None,
    rels: dict[str, str] | None = None,
    root_target: str = "word/document.xml",
    strict: bool = False,
) -> Members:
    """A minimal WordprocessingML package: `main` as word/document.xml, with `parts` (name ->
    bytes) related from it by `rels` (relationship type suffix -> target)."""
    r_ns = STRICT_R if strict else R_NS
    overrides = f'<Override PartName="/word/document.xml" ContentType="{MAIN_CT}"/>'
    types = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CT_NS}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    ).encode()
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{r_ns}/officeDocument" Target="{root_target}"/>'
        "</Relationships>"
    ).encode()
    members: Members = [("[Content_Types].xml", types), ("_rels/.rels", root_rels)]
    members.append(("word/document.xml", main))
    if rels:
        listed = "".join(
            f'<Relationship Id="rId{i}" Type="{r_ns}/{kind}" Target="{escape(target)}"/>'
            for i, (kind, target) in enumerate(rels.items(), start=1)
        )
        members.append(
            (
                "word/_rels/document.xml.rels",
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
                f"{listed}</Relationships>".encode(),
            )
        )
    members.extend((parts or {}).items())
    return members


def write_zip(path: Path, members: Members) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of some cases
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in members:
                out.writestr(name, data)


def numbering(levels: str, num_id: int = 1, abstract: int = 0, extra: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="{abstract}">{levels}</w:abstractNum>'
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/></w:num>{extra}'
        "</w:numbering>"
    ).encode()


def level(ilvl: int, text: str, fmt: str = "decimal", start: str = "1") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{escape(text)}"/></w:lvl>'
    )


def comments(body: str, *, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:comments xmlns:w="{W_NS}">{body}'
        "</w:comments>"
    ).encode()


def comment(ident: str, text: str = "An old comment.") -> str:
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    return f'<w:comment w:id="{ident}" w:author="A">{paragraph}</w:comment>'


def commented(ident: str, text: str) -> str:
    """A paragraph carrying comment `ident` over its text."""
    return (
        f'<w:p><w:commentRangeStart w:id="{ident}"/><w:r><w:t>{escape(text)}</w:t></w:r>'
        f'<w:commentRangeEnd w:id="{ident}"/><w:r><w:commentReference w:id="{ident}"/></w:r></w:p>'
    )


def complex_field(instruction: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{escape(result)}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
