"""The cases of the hostile Word corpus (tests/hostile_docx.py runs them): one builder per
crafted file, the defect of hostile-docx.md it reproduces, and what must hold of its runs
beyond ending cleanly."""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tests.hostile_parts import (
    MC_NS,
    PKG_REL,
    R_NS,
    STRICT_W,
    V_NS,
    W_NS,
    WPS_NS,
    Members,
    agreement_body,
    comment,
    commented,
    comments,
    complex_field,
    document,
    level,
    numbering,
    p,
    package,
)

if TYPE_CHECKING:
    from tests.hostile_docx import Outcome


# ------------------------------------------------------------------ the cases
@dataclass
class Env:
    """What a builder may need: the canary file to aim at, and the size to build."""

    canary: Path
    large: bool = False

    def size(self, small: int, large: int) -> int:
        return large if self.large else small


Expectation = Callable[["Outcome"], str]  # "" when met, else what went wrong


@dataclass
class Case:
    name: str
    defect: int | None  # the hostile-docx.md defect it reproduces, if any
    build: Callable[[Env], Members | bytes]
    expect: list[Expectation] = field(default_factory=list)
    what: str = ""


CASES: dict[str, Case] = {}


def case(
    name: str, defect: int | None, *expect: Expectation, what: str = ""
) -> Callable[[Callable[[Env], Members | bytes]], Callable[[Env], Members | bytes]]:
    def register(build: Callable[[Env], Members | bytes]) -> Callable[[Env], Members | bytes]:
        CASES[name] = Case(name, defect, build, list(expect), what or (build.__doc__ or ""))
        return build

    return register


# expectations
def refused(outcome: Outcome) -> str:
    """Both runs refuse the file (exit 2)."""
    codes = (outcome.json.code, outcome.docx.code)
    return "" if codes == (2, 2) else f"expected exit 2 from both runs, got {codes}"


def docx_refused(outcome: Outcome) -> str:
    """The annotator refuses (exit 2) and writes nothing."""
    if outcome.docx.code != 2 or outcome.docx.output_exists:
        return f"expected the annotator to refuse, got exit {outcome.docx.code}"
    return ""


def read(outcome: Outcome) -> str:
    """Read: neither run refuses it, and it is not 'empty'."""
    for run in (outcome.json, outcome.docx):
        if run.code not in (0, 1):
            return f"expected it read (exit 0 or 1), got {run.code}: {run.first_line}"
    return ""


def findings_with(code: str, count: int, contains: str = "") -> Expectation:
    def expectation(outcome: Outcome) -> str:
        found = [
            f for f in outcome.findings() if f["code"] == code and contains in f.get("text", "")
        ]
        return "" if len(found) == count else f"{len(found)} {code} findings, expected {count}"

    return expectation


def no_finding_text(text: str) -> Expectation:
    def expectation(outcome: Outcome) -> str:
        bad = [f for f in outcome.findings() if f.get("text", "") == text]
        return f"findings on {text!r}: {bad}" if bad else ""

    return expectation


def text_once(text: str) -> Expectation:
    """The text is read exactly once (a text box is not read twice via its fallback)."""

    def expectation(outcome: Outcome) -> str:
        found = outcome.read_count(text)
        return "" if found == 1 else f"{text!r} read {found} times, expected once"

    return expectation


def agreement_members(env: Env, *extra: str) -> Members:
    return package(document(agreement_body(*extra)))


# --- 1-4, 8: numbers and nesting (the outline helper's defects)
@case("xref-3a", 1)
def _xref_3a(env: Env) -> Members:
    """An ordinary sentence citing "Clause 3(a)" and "Clause 1(c)"."""
    return agreement_members(
        env,
        p("4. Resolution"),
        p("4.1 Any dispute shall be resolved under Clause 3(a)."),
        p("4.2 As Clause 1(c) provides."),
    )


@case("heading-numbers-odd", 2)
def _heading_numbers_odd(env: Env) -> Members:
    """Headings numbered "2)", "0A", "5th-" and a reference to a clause that is not there."""
    body = "".join(p(t) for t in ("1. Scope", "2) Terms", "0A Extra", "5th- Odd", "See Clause 77."))
    return package(document(body))


@case("superscript-lvltext", 3)
def _superscript(env: Env) -> Members:
    """A list level printing "%1.²"."""
    body = "".join(p(f"Item {i}", num=(1, 0)) for i in range(3)) + p("See Clause 2.")
    return package(
        document(body),
        parts={"word/numbering.xml": numbering(level(0, "%1.²"))},
        rels={"numbering": "numbering.xml"},
    )


@case("part-without-number", 4)
def _part_without_number(env: Env) -> Members:
    """A Word-numbered schedule whose list prints "Part " with no number."""
    body = p("SCHEDULE 1") + "".join(p(f"Services {i}", num=(1, 0)) for i in range(3))
    return package(
        document(agreement_body(body)),
        parts={"word/numbering.xml": numbering(level(0, "Part ", fmt="none"))},
        rels={"numbering": "numbering.xml"},
    )


@case("deep-typed-numbers", 8)
def _deep_numbers(env: Env) -> Members:
    """1,500 paragraphs numbered 1, 1.1, 1.1.1, ... (deep nesting from a small file)."""
    count = env.size(1500, 1500)
    body = "".join(p(".".join(["1"] * (i + 1)) + " Text.") for i in range(count))
    return package(document(body))


@case("huge-typed-number", 2)
def _huge_typed_number(env: Env) -> Members:
    """A clause numbered with 5,000 digits, and a reference to it."""
    big = "7" * 5000
    return agreement_members(env, p(f"{big}. Huge"), p(f"See Clause {big}."))


# --- 5-7, 9, 10: the reader and the annotator
@case("huge-numbering-start", 5, read)
def _huge_start(env: Env) -> Members:
    """A list level whose w:start has 4,300 digits (and one of 5,000)."""
    levels = level(0, "%1.", start="9" * 4300) + level(1, "%1.%2", start="8" * 5000)
    body = agreement_body(*(p(f"Item {i}", num=(1, i % 2)) for i in range(4)))
    return package(
        document(body),
        parts={"word/numbering.xml": numbering(levels)},
        rels={"numbering": "numbering.xml"},
    )


@case("huge-amount", 6, read)
def _huge_amount(env: Env) -> Members:
    """A malformed amount next to an amount of 4,501 digits."""
    big = "9" * 4501
    return agreement_members(env, p(f"2.2 The Partners pay £1,00 and £5 making £{big} in all."))


@case("lone-surrogate", 7, read)
def _surrogate(env: Env) -> Members:
    """w:sym w:char="D800" (a lone surrogate) in a paragraph with a finding."""
    sym = '<w:r><w:sym w:font="Symbol" w:char="D800"/><w:sym w:char="DFFF"/></w:r>'
    return agreement_members(env, p("4.1 See Clause 12 ", raw=sym))


@case("duplicate-main", 9, refused)
def _duplicate_main(env: Env) -> Members:
    """Two word/document.xml entries: the second with more paragraphs (python-docx reads
    the second, so reader and annotator refuse it alike)."""
    members = agreement_members(env)
    longer = document(agreement_body(*(p(f"Extra {i}, see Clause 40.") for i in range(20))))
    return [*members, ("word/document.xml", longer)]


@case("doctype-in-rels", 9, refused)
def _doctype_rels(env: Env) -> Members:
    """A DOCTYPE in _rels/.rels naming another main part."""
    members = dict(agreement_members(env))
    members["_rels/.rels"] = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY t "word/other.xml">]>'
        + f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{R_NS}/'
        f'officeDocument" Target="&t;"/></Relationships>'.encode()
    )
    members["word/other.xml"] = document(p("Other"))
    return list(members.items())


@case("rels-name-other-main", 9, read)
def _rels_other_main(env: Env) -> Members:
    """_rels/.rels names word/main.xml; a decoy word/document.xml has one paragraph."""
    members = package(document(p("A decoy.")), root_target="/word/Main.xml")
    return [*members, ("word/main.xml", document(agreement_body()))]


@case("huge-comment-id", 10, read)
def _huge_comment_id(env: Env) -> Members:
    """An existing comment whose id has 5,000 digits (and one of 20 digits)."""
    big, twenty = "9" * 5000, "1" * 20
    body = agreement_body(commented(big, "Commented text."), commented(twenty, "More text."))
    return package(
        document(body),
        parts={"word/comments.xml": comments(comment(big) + comment(twenty))},
        rels={"comments": "comments.xml"},
    )


# --- 11-16: time and memory (the perf helper's defects); small sizes unless --large
@case("nested-fields", 11)
def _nested_fields(env: Env) -> Members:
    """Complex fields nested 2,000 deep (--large; 60 by default) around many runs."""
    depth = env.size(60, 2000)
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> QUOTE </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    runs = "".join(f"<w:r><w:t>w{i} </w:t></w:r>" for i in range(depth * 10))
    return agreement_members(env, p("4.1 Nested", raw=begin * depth + runs + end * depth))


@case("many-references", 12)
def _many_references(env: Env) -> Members:
    """One paragraph repeating "Clause 2.1 and paragraph 1 of Schedule 1"."""
    count = env.size(400, 5000)
    return agreement_members(env, p("4.1 " + "Clause 2.1 and paragraph 1 of Schedule 1 " * count))


@case("dot-leaders", 13)
def _dot_leaders(env: Env) -> Members:
    """A contents line of typed dots (100,000 with --large)."""
    dots = "." * env.size(3000, 100_000)
    return package(document(p("CONTENTS") + p(f"1 Definitions {dots}") + agreement_body()))


@case("many-paragraphs", 14)
def _many_paragraphs(env: Env) -> Members:
    """Very many paragraphs (200,000 with --large)."""
    count = env.size(3000, 200_000)
    return agreement_members(env, *(p(f"Paragraph {i} of the agreement.") for i in range(count)))


@case("many-terms", 15)
def _many_terms(env: Env) -> Members:
    """Quoted defined terms (3,000 with --large)."""
    count = env.size(150, 3000)
    terms = (p(f'1.{i + 2} "Term{i}" means thing {i}.') for i in range(count))
    return agreement_members(env, *terms)


@case("big-media", 16)
def _big_media(env: Env) -> Members:
    """An incompressible image part (150 MB with --large)."""
    rng = random.Random(16)
    blob = rng.randbytes(env.size(2, 150) * 1024 * 1024)
    return [*agreement_members(env), ("word/media/image1.png", blob)]


@case("big-table", 14)
def _big_table(env: Env) -> Members:
    """A table of many rows (50,000 with --large)."""
    rows = env.size(1000, 50_000)
    row = "<w:tr><w:tc><w:p><w:r><w:t>Cell {i}</w:t></w:r></w:p></w:tc></w:tr>"
    table = "<w:tbl>" + "".join(row.format(i=i) for i in range(rows)) + "</w:tbl>"
    return agreement_members(env, table)


# --- 17, 18: output that breaks or carries what it should not
@case("dtd-in-comments", 17, docx_refused)
def _dtd_comments(env: Env) -> Members:
    """An existing comments part with a DTD and an entity reference."""
    prolog = '<!DOCTYPE w:comments [<!ENTITY xxe "entity text">]>'
    return package(
        document(agreement_body(commented("0", "Commented."))),
        parts={"word/comments.xml": comments(comment("0", "&xxe;"), prolog=prolog)},
        rels={"comments": "comments.xml"},
    )


@case("entity-without-dtd-in-comments", 17, docx_refused)
def _entity_comments(env: Env) -> Members:
    """An existing comments part using an entity it never declares."""
    return package(
        document(agreement_body(commented("0", "Commented."))),
        parts={"word/comments.xml": comments(comment("0", "&xxe;"))},
        rels={"comments": "comments.xml"},
    )


@case("traversal-names", 18, read)
def _traversal(env: Env) -> Members:
    """Members named ../../evil_traversal.xml, /tmp/evil_absolute.xml, C:/evil_drive.xml,
    ..\\..\\evil_backslash.xml and word/../../evil_dotdot.xml."""
    evil = b"<evil/>"
    names = (
        "../../evil_traversal.xml",
        "/tmp/evil_absolute.xml",
        "C:/evil_drive.xml",
        "..\\..\\evil_backslash.xml",
        "word/../../evil_dotdot.xml",
    )
    return [*agreement_members(env), *((n, evil) for n in names)]


@case("comments-rel-outside", 18, read)
def _comments_outside(env: Env) -> Members:
    """The comments relationship points outside the package (and a member is named so)."""
    target = "../../../tmp/evil_comments.xml"
    return package(
        document(agreement_body()),
        parts={"word/" + target: comments(comment("0"))},
        rels={"comments": target},
    )


@case("styles-rel-absolute", 18, read)
def _styles_outside(env: Env) -> Members:
    """Relationships to file:///etc/passwd and to the canary file (internal mode)."""
    return package(
        document(agreement_body()),
        rels={"styles": "file:///etc/passwd", "numbering": f"../../..{env.canary}"},
    )


# --- 19, 20: reading gaps
STRICT_TEXT = "Strict agreement text that Word shows."


@case("strict", 19, read, text_once(STRICT_TEXT))
def _strict(env: Env) -> Members:
    """An ISO Strict document (purl.oclc.org namespaces throughout)."""
    body = agreement_body(p(STRICT_TEXT))
    return package(document(body, ns=STRICT_W), strict=True)


@case("strict-numbered", 19, read)
def _strict_numbered(env: Env) -> Members:
    """ISO Strict with numbering and styles related by Strict relationship types."""
    levels = level(0, "%1.")
    body = "".join(p(f"Clause text {i}", num=(1, 0)) for i in range(3)) + p("See Clause 9.")
    number_part = numbering(levels).replace(W_NS.encode(), STRICT_W.encode())
    return package(
        document(body, ns=STRICT_W),
        parts={"word/numbering.xml": number_part},
        rels={"numbering": "numbering.xml"},
        strict=True,
    )


@case("sdt-rows-cells", 20, read)
def _sdt_rows(env: Env) -> Members:
    """A table whose only rows and cells sit in content controls."""
    cell = "<w:tc><w:p><w:r><w:t>Cell text in a control, see Clause 9.</w:t></w:r></w:p></w:tc>"
    row = f"<w:sdt><w:sdtContent><w:tr>{cell}</w:tr></w:sdtContent></w:sdt>"
    row2 = f"<w:tr><w:sdt><w:sdtContent>{cell}</w:sdtContent></w:sdt></w:tr>"
    return package(document(f"<w:tbl>{row}{row2}</w:tbl>"))


@case("sdt-body-and-paragraph", None, read, text_once("Body control text."))
def _sdt_body(env: Env) -> Members:
    """Text only in content controls at body and at paragraph level."""
    inline = (
        "<w:sdt><w:sdtContent><w:r><w:t>Inline control text.</w:t></w:r></w:sdtContent></w:sdt>"
    )
    body = (
        f"<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>{p('Body control text.')}"
        f"</w:sdtContent></w:sdt>{p('', raw=inline)}"
    )
    return package(document(body))


TEXT_BOX_TEXT = "Text box text, see Clause 9."


@case("text-box", None, read, text_once(TEXT_BOX_TEXT))
def _text_box(env: Env) -> Members:
    """Text only in a text box, with its VML copy in mc:Fallback (read once)."""
    box = f"<w:txbxContent>{p(TEXT_BOX_TEXT)}</w:txbxContent>"
    drawing = (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f"{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f"<v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    extra = f' xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}" xmlns:v="{V_NS}"'
    return package(document(p("", raw=drawing), extra_ns=extra))


@case("text-box-vml-only", None, read, text_once("A VML text box."))
def _text_box_vml(env: Env) -> Members:
    """A VML text box (no mc:AlternateContent), nested in another text box's paragraph."""
    inner = f"<w:txbxContent>{p('A VML text box.')}</w:txbxContent>"
    nested = f"<w:r><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict></w:r>"
    outer = f"<w:txbxContent>{p('Outer box.', raw=nested)}</w:txbxContent>"
    shape = f"<w:r><w:pict><v:shape><v:textbox>{outer}</v:textbox></v:shape></w:pict></w:r>"
    return package(document(agreement_body(p("", raw=shape)), extra_ns=f' xmlns:v="{V_NS}"'))


@case("alternate-content", None, read, text_once("Fallback text."))
def _alternate_content(env: Env) -> Members:
    """mc:AlternateContent in a paragraph and at body level (one branch read)."""
    inline = (
        '<mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>Fallback text.</w:t></w:r>'
        "</mc:Choice><mc:Fallback><w:r><w:t>Fallback text.</w:t></w:r></mc:Fallback>"
        "</mc:AlternateContent>"
    )
    block = f'<mc:AlternateContent><mc:Choice Requires="w14">{p("Block.")}</mc:Choice>'
    body = p("", raw=inline) + block + "</mc:AlternateContent>"
    return package(document(body, extra_ns=f' xmlns:mc="{MC_NS}"'))


@case("equation", None, read, text_once("x=2"))
def _equation(env: Env) -> Members:
    """Text only in an equation (ISO Strict math namespace)."""
    math = "http://purl.oclc.org/ooxml/officeDocument/math"
    equation = f'<m:oMath xmlns:m="{math}"><m:r><m:t>x=2</m:t></m:r></m:oMath>'
    return package(document(p("", raw=equation), ns=STRICT_W), strict=True)


def _says_where(outcome: Outcome) -> str:
    line = outcome.json.first_line
    return "" if "its text is only in headers" in line else f"not said where: {line}"


@case("header-only", None, refused, _says_where)
def _header_only(env: Env) -> Members:
    """A body without text, and a header with text."""
    header = f'<w:hdr xmlns:w="{W_NS}">{p("Header text")}</w:hdr>'.encode()
    return package(
        document(p("")), parts={"word/header1.xml": header}, rels={"header": "header1.xml"}
    )


@case("findings-in-table", 21, read)
def _findings_in_table(env: Env) -> Members:
    """Findings in a table cell and in a body-level content control."""
    cell = "<w:tc><w:p><w:r><w:t>Paid under Clause 44 [INSERT]</w:t></w:r></w:p></w:tc>"
    control = f"<w:sdt><w:sdtContent>{p('Under Clause 45.')}</w:sdtContent></w:sdt>"
    return agreement_members(env, f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>", control)


# --- 22: one finding per problem
@case("broken-ref", 22, findings_with("xref-dangling", 1, "Error!"), read)
def _broken_ref(env: Env) -> Members:
    """A REF field to a deleted bookmark showing "Error! Reference source not found."."""
    broken = complex_field("REF _Ref999 \\w \\h", "Error! Reference source not found.")
    return agreement_members(env, p("4.1 As set out in ", raw=broken))


@case("code-brackets", 22, no_finding_text("[]"), findings_with("placeholder", 1), read)
def _code_brackets(env: Env) -> Members:
    """ "int[] values" and "args[]" are code; "[ ]" is a placeholder."""
    return agreement_members(
        env, p("4.1 The system stores int[] values and args[] lists."), p("4.2 Signed: [ ]")
    )


# --- the package and XML attacks
@case("zip-bomb-ratio", None, refused)
def _zip_bomb(env: Env) -> Members:
    """A 40 MB part of zeros (compressed to kilobytes)."""
    return [*agreement_members(env), ("word/media/zeros.bin", bytes(40 * 1024 * 1024))]


@case("zip-bomb-declared", None, refused)
def _zip_bomb_declared(env: Env) -> bytes:
    """Parts whose declared sizes add up to 300 MB (zeros, highly compressed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name, data in agreement_members(env):
            out.writestr(name, data)
        chunk = bytes(9 * 1024 * 1024)
        for i in range(34):
            out.writestr(f"word/media/zeros{i}.bin", chunk)
    return buffer.getvalue()


@case("many-parts", None, refused)
def _many_parts(env: Env) -> Members:
    """20,001 zip entries (100,006 with --large)."""
    count = env.size(20_001, 100_006)
    return [*agreement_members(env), *((f"x/{i}.bin", b"") for i in range(count))]


def _laughs(root: str) -> bytes:
    """A DOCTYPE of nine levels of ten entities each (10^9 "lol"s when expanded)."""
    refs = ["&lol;" * 10, *(f"&lol{i};" * 10 for i in range(1, 9))]
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{ref}">' for i, ref in enumerate(refs, start=1)
    )
    return f"<!DOCTYPE {root} [{entities}]>".encode()


@case("billion-laughs", None, refused)
def _billion_laughs(env: Env) -> Members:
    """Nested entities in document.xml."""
    main = document(p("&lol9;")).replace(b"?>", b"?>" + _laughs("w:document"), 1)
    return package(main)


@case("billion-laughs-styles", None, refused)
def _laughs_styles(env: Env) -> Members:
    """Nested entities in styles.xml (a part the reader parses)."""
    styles = (
        b'<?xml version="1.0"?>'
        + _laughs("w:styles")
        + f'<w:styles xmlns:w="{W_NS}">&lol9;</w:styles>'.encode()
    )
    return package(
        document(agreement_body()),
        parts={"word/styles.xml": styles},
        rels={"styles": "styles.xml"},
    )


def _xxe(root: str, path: Path) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file://{path}">]>'


@case("xxe-document", None, refused)
def _xxe_document(env: Env) -> Members:
    """An external entity aimed at the canary file, in document.xml."""
    main = document(p("&xxe;")).replace(b"?>", b"?>" + _xxe("w:document", env.canary).encode(), 1)
    return package(main)


@case("xxe-numbering", None, refused)
def _xxe_numbering(env: Env) -> Members:
    """An external entity aimed at the canary file, in numbering.xml."""
    part = numbering(level(0, "&xxe;")).replace(
        b"?>", b"?>" + _xxe("w:numbering", env.canary).encode(), 1
    )
    return package(
        document(agreement_body(p("x", num=(1, 0)))),
        parts={"word/numbering.xml": part},
        rels={"numbering": "numbering.xml"},
    )


@case("xxe-parameter-entity", None, refused)
def _xxe_parameter(env: Env) -> Members:
    """A parameter entity fetching an external DTD (out-of-band XXE)."""
    dtd = f'<!DOCTYPE w:document [<!ENTITY % ext SYSTEM "file://{env.canary}"> %ext;]>'
    return package(document(agreement_body()).replace(b"?>", b"?>" + dtd.encode(), 1))


@case("deep-xml", None)
def _deep_xml(env: Env) -> Members:
    """5,000 nested w:customXml elements around a paragraph."""
    depth = 5000
    return package(document("<w:customXml>" * depth + p("Deep.") + "</w:customXml>" * depth))


@case("deep-tables", None)
def _deep_tables(env: Env) -> Members:
    """Tables nested 60 deep."""
    inner = p("Innermost, see Clause 9.")
    for _ in range(60):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>{p('')}"
    return agreement_members(env, inner)


@case("empty-document-part", None, refused)
def _empty_part(env: Env) -> Members:
    """word/document.xml is empty."""
    return package(b"")


@case("not-xml", None, refused)
def _not_xml(env: Env) -> Members:
    """word/document.xml is binary garbage."""
    return package(random.Random(3).randbytes(4000))


@case("truncated", None, refused)
def _truncated(env: Env) -> bytes:
    """A package cut in half."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in agreement_members(env):
            out.writestr(name, data)
    data = buffer.getvalue()
    return data[: len(data) // 2]


@case("encrypted-flag", None, refused)
def _encrypted(env: Env) -> bytes:
    """A member flagged as encrypted."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name, data in agreement_members(env):
            out.writestr(name, data)
    flagged = bytearray(buffer.getvalue())
    for match in re.finditer(rb"PK\x03\x04|PK\x01\x02", bytes(flagged)):
        at = match.start() + (6 if flagged[match.start() + 2] == 3 else 8)
        flagged[at] |= 0x01  # general purpose bit 0: encrypted
    return bytes(flagged)


@case("no-main-part", None, refused)
def _no_main(env: Env) -> Members:
    """A zip with no word/document.xml."""
    return [(n, d) for n, d in agreement_members(env) if n != "word/document.xml"]


@case("numbering-cycles", None, read)
def _numbering_cycles(env: Env) -> Members:
    """Circular numStyleLink and styleLink chains, a dangling numId and a huge ilvl."""
    styles = (
        f'<?xml version="1.0"?><w:styles xmlns:w="{W_NS}">'
        '<w:style w:type="numbering" w:styleId="A"><w:pPr><w:numPr><w:numId w:val="2"/>'
        '</w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="P1">'
        '<w:basedOn w:val="P2"/></w:style><w:style w:type="paragraph" w:styleId="P2">'
        '<w:basedOn w:val="P1"/></w:style></w:styles>'
    ).encode()
    extra = (
        '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="A"/></w:abstractNum>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    )
    levels = '<w:styleLink w:val="A"/>' + level(0, "%1.%2.%9%%", start="-5")
    body = (
        p("One", num=(1, 0))
        + p("Two", num=(2, 0), style="P1")
        + p("Three", num=(77, 0))
        + p("Four", num=(1, 99_999_999_999))
        + p("Five", num=(1, 3))
    )
    return package(
        document(agreement_body(body)),
        parts={"word/numbering.xml": numbering(levels, extra=extra), "word/styles.xml": styles},
        rels={"numbering": "numbering.xml", "styles": "styles.xml"},
    )


@case("stray-field-chars", None, read)
def _stray_fields(env: Env) -> Members:
    """Field separators and ends without a begin, a begin without an end, fields across
    paragraphs and a REF inside a TOC."""
    sep = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o</w:instrText></w:r>'
    )
    return agreement_members(
        env,
        p("4.1 Stray", raw=sep + end + end),
        p("4.2 Open", raw=begin + sep),
        p("4.3 Inside the open field", raw=complex_field("REF _Ref1 \\h", "Clause 2")),
        p("4.4 Never closed"),
    )


@case("control-characters", None, refused)
def _control_chars(env: Env) -> Members:
    """Characters XML 1.0 forbids, as character references (Word too refuses the file)."""
    bad = "".join(f"&#{c};" for c in (0xFFFE, 0x1F, 0x0B))
    main = document(agreement_body(p("4.1 bad", raw=f"<w:r><w:t>{bad}</w:t></w:r>")))
    return package(main)


@case("long-names", None, read)
def _long_names(env: Env) -> Members:
    """A 100,000-character bookmark name and style id."""
    name = "B" * 100_000
    mark = f'<w:bookmarkStart w:id="1" w:name="{name}"/>'
    return agreement_members(env, p("4.1 Marked", raw=mark), p("4.2 Styled", style=name))


@case("utf16-document", None)
def _utf16(env: Env) -> Members:
    """document.xml in UTF-16."""
    text = document(agreement_body()).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return package(text.encode("utf-16"))


def _fuzz(seed: int) -> Callable[[Env], Members]:
    def build(env: Env) -> Members:
        """A random agreement-like document (numbers, references, terms, amounts)."""
        rng = random.Random(seed)
        words = ["Clause", "Schedule", "paragraph", "£1,000", "£1,00", '"Fund"', "means", "the"]
        rows = []
        for _ in range(rng.randint(20, 80)):
            number = ".".join(
                str(rng.choice([0, 1, 2, 3, 99, 10**12])) for _ in range(rng.randint(1, 5))
            )
            text = " ".join(
                rng.choice(words) + rng.choice(["", " 3(a)", " 2.1", " 1"]) for _ in range(8)
            )
            rows.append(p(f"{rng.choice([number, '(a)', '(iv)', 'SCHEDULE 2', 'Part'])} {text}"))
        return package(document("".join(rows)))

    return build


for _seed in range(5):
    CASES[f"fuzz-{_seed}"] = Case(f"fuzz-{_seed}", None, _fuzz(_seed), [], "random agreement-like")
