"""The comparison (blackline) .docx: Accept All gives the new agreement, Reject All the old."""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from s75docs.doctree.nodes import (
    Body,
    Cell,
    Document,
    Item,
    PageBreak,
    Para,
    Row,
    Schedule,
    Table,
    Text,
    Toc,
)
from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.ooxml import W_NS
from s75docs.pipeline import build_tree, load_and_build
from s75docs.render.docx import render_docx
from s75docs.render.docx.blackline import COMPARISON_NOTE, render_comparison

REPO = Path(__file__).resolve().parent.parent.parent
MINI = REPO / "tests" / "roots" / "mini"
FAIRHAVEN = REPO / "examples" / "fairhaven"
AUTHOR = "Fairhaven Legal Services"
DATE = dt.datetime(2027, 3, 24)
STAMP = "2027-03-24T00:00:00Z"

# edits to a copy of the mini scheme: (what is replaced, by what)
MINI_EDITS: dict[str, list[tuple[str, str]]] = {
    "option": [
        (
            "  initial_term_end: 2027-03-31\n",
            "  initial_term_end: 2027-03-31\n  termination_notice_months: 3\n",
        )
    ],
    "figure": [("amount: 1000000}", "amount: 1100000}")],
    "rename": [("legal_name: Testshire County Council", "legal_name: Testshire Shire Council")],
    "scheme-added": [
        (
            "      - {partner: icb, line: Equipment, year: 2026/27, amount: 300000}\n",
            "      - {partner: icb, line: Equipment, year: 2026/27, amount: 300000}\n"
            "  - id: reablement\n"
            "    name: Reablement\n"
            "    flexibilities: [aligned]\n"
            "    contributions:\n"
            "      - {partner: council, line: Reablement, year: 2026/27, amount: 125000}\n",
        )
    ],
    "scheme-removed": [
        (
            "  - id: equipment\n"
            "    name: Community Equipment\n"
            "    flexibilities: [aligned]\n"
            "    contributions:\n"
            "      - {partner: icb, line: Equipment, year: 2026/27, amount: 300000}\n",
            "",
        )
    ],
}


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# ------------------------------------------------------------------ the trees


def mini_tree(tmp: Path, edits: list[str]) -> Document:
    """The mini case with the named edits made to a copy of its scheme file."""
    text = (MINI / "scheme.yaml").read_text(encoding="utf-8")
    for name in edits:
        for old, new in MINI_EDITS[name]:
            assert old in text, f"edit {name}: {old!r} not in the mini scheme"
            text = text.replace(old, new)
    scheme = tmp / f"scheme-{'-'.join(edits) or 'as-is'}.yaml"
    scheme.write_text(text, encoding="utf-8")
    return build_tree(load_scheme(scheme), load_library([MINI / "library"], defaults=False))


def without_contents(doc: Document) -> Document:
    """The tree without its contents list and the page break after it (the comparison has
    neither), for the normal writer."""
    doc = copy.deepcopy(doc)
    children = doc.children
    at = next((i for i, n in enumerate(children) if isinstance(n, Toc)), None)
    if at is not None:
        end = (
            at + 2 if at + 1 < len(children) and isinstance(children[at + 1], PageBreak) else at + 1
        )
        del children[at:end]
    return doc


def plain(doc: Document) -> bytes:
    return render_docx(without_contents(doc))


# ------------------------------------------------------------------ reading a package


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def body(root: etree._Element) -> etree._Element:
    found = root.find(w("body"))
    assert found is not None
    return found


def resolve(root: etree._Element, *, accept: bool) -> etree._Element:
    """document.xml after Word's Accept All (or Reject All) Changes."""
    root = copy.deepcopy(root)
    gone, kept = ("del", "ins") if accept else ("ins", "del")
    doc_body = body(root)
    for row in list(doc_body.iter(w("tr"))):
        if row.find(f"{w('trPr')}/{w(gone)}") is not None:
            parent = row.getparent()
            assert parent is not None
            parent.remove(row)
    for table in list(doc_body.iter(w("tbl"))):
        if table.find(w("tr")) is None:
            parent = table.getparent()
            assert parent is not None
            parent.remove(table)
    marker_parents = (w("rPr"), w("trPr"))
    for el in list(doc_body.iter(w(gone))):
        parent = el.getparent()
        if parent is not None and parent.tag not in marker_parents:
            parent.remove(el)  # the text itself
    for el in list(doc_body.iter(w(kept))):
        parent = el.getparent()
        if parent is not None and parent.tag not in marker_parents:
            for child in list(el):
                el.addprevious(child)
            parent.remove(el)
    if not accept:
        for el in doc_body.iter(w("delText")):
            el.tag = w("t")
    # a paragraph mark that goes: what is left of the paragraph joins the next paragraph
    for p in list(doc_body.iter(w("p"))):
        if p.find(f"{w('pPr')}/{w('rPr')}/{w(gone)}") is None:
            continue
        content = [c for c in p if c.tag != w("pPr")]
        following = p.getnext()
        parent = p.getparent()
        assert parent is not None
        if following is not None and following.tag == w("p"):
            anchor = following.find(w("pPr"))
            for child in reversed(content):
                if anchor is not None:
                    anchor.addnext(child)
                else:
                    following.insert(0, child)
        else:
            assert not _text(p), "a paragraph with text cannot join a table"
        parent.remove(p)
    for marker in list(doc_body.iter(w("ins"), w("del"))):
        parent = marker.getparent()
        assert parent is not None and parent.tag in marker_parents, "a revision was left"
        parent.remove(marker)
    for rpr in list(doc_body.iter(w("rPr"))):
        parent = rpr.getparent()
        if len(rpr) == 0 and parent is not None and parent.tag == w("pPr"):
            parent.remove(rpr)
    return root


def _text(el: etree._Element) -> str:
    out: list[str] = []
    for node in el.iter(w("t"), w("delText"), w("tab"), w("br")):
        if node.tag == w("tab"):
            out.append("\t")
        elif node.tag == w("br"):
            out.append("\n")
        else:
            out.append(node.text or "")
    return "".join(out)


@dataclass(frozen=True)
class Line:
    """A paragraph (or a table cell's paragraph) as a reader sees it."""

    where: str  # body | cell r,c of table n
    ppr: str  # its properties, without the list instance
    text: str
    num: str  # the w:numId ("" when not numbered)


def read(root: etree._Element) -> list[Line]:
    out: list[Line] = []
    tables = 0
    for el in body(root):
        if el.tag == w("p"):
            out.append(_line(el, "body"))
        elif el.tag == w("tbl"):
            tables += 1
            for r, row in enumerate(el.iter(w("tr"))):
                for c, cell in enumerate(row.iter(w("tc"))):
                    out += [_line(p, f"table {tables} cell {r},{c}") for p in cell.iter(w("p"))]
    return out


def _line(p: etree._Element, where: str) -> Line:
    ppr = p.find(w("pPr"))
    num = ""
    key = ""
    if ppr is not None:
        ppr = copy.deepcopy(ppr)
        found = ppr.find(f"{w('numPr')}/{w('numId')}")
        if found is not None:
            num = found.get(w("val"), "")
            num = "" if num == "0" else num  # out of any list: a typed (lettered) number
            found.set(w("val"), "?")
        key = re.sub(r" xmlns:\w+=\"[^\"]*\"", "", etree.tostring(ppr, encoding="unicode"))
    return Line(where, key, _text(p), num)


def list_definitions(data: bytes) -> dict[str, tuple[str, tuple[tuple[str, str], ...]]]:
    """numId -> (abstractNumId, (level, start override)...) from numbering.xml."""
    out: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {}
    for num in part(data, "word/numbering.xml").iter(w("num")):
        abstract = num.find(w("abstractNumId"))
        overrides = tuple(
            (o.get(w("ilvl"), ""), s.get(w("val"), ""))
            for o in num.iter(w("lvlOverride"))
            for s in o.iter(w("startOverride"))
        )
        out[num.get(w("numId"), "")] = (
            abstract.get(w("val"), "") if abstract is not None else "",
            overrides,
        )
    return out


def differences(comparison: bytes, expected: bytes, *, accept: bool) -> list[str]:
    """Where the comparison, all changes accepted (or rejected), reads otherwise than the
    expected document: paragraph properties, text, and which paragraphs share a list."""
    got = read(resolve(part(comparison, "word/document.xml"), accept=accept))
    want = read(part(expected, "word/document.xml"))
    problems: list[str] = []
    if len(got) != len(want):
        problems.append(f"{len(got)} paragraphs, expected {len(want)}")
    for i, (g, e) in enumerate(zip(got, want, strict=False)):
        if (g.where, g.ppr, g.text) != (e.where, e.ppr, e.text):
            problems.append(f"paragraph {i}: {g} != {e}")
            if len(problems) > 10:
                break
    if problems:
        return problems
    # the same list instances in the same places, each defined alike: the numbers are equal
    got_defs, want_defs = list_definitions(comparison), list_definitions(expected)
    pairs: dict[str, str] = {}
    back: dict[str, str] = {}
    for i, (g, e) in enumerate(zip(got, want, strict=True)):
        if bool(g.num) != bool(e.num):
            problems.append(f"paragraph {i}: numbered in one and not the other")
        elif g.num:
            if pairs.setdefault(g.num, e.num) != e.num or back.setdefault(e.num, g.num) != g.num:
                problems.append(f"paragraph {i} {g.text[:40]!r}: in list {g.num}, expected {e.num}")
            elif got_defs[g.num] != want_defs[e.num]:
                problems.append(f"list {g.num} is defined otherwise than list {e.num}")
    return problems[:10]


def revisions(data: bytes) -> list[etree._Element]:
    root = body(part(data, "word/document.xml"))
    return list(root.iter(w("ins"), w("del")))


def compare(old: Document, new: Document) -> bytes:
    return render_comparison(old, new, author=AUTHOR, date=DATE)


def texts(data: bytes, tag: str) -> list[str]:
    """The text inside each w:ins or w:del of the body."""
    root = body(part(data, "word/document.xml"))
    return [
        "".join(t.text or "" for t in el.iter(w("t"), w("delText"))) for el in root.iter(w(tag))
    ]


def mark_changes(data: bytes, tag: str) -> list[str]:
    """Text of the paragraphs whose paragraph mark is inserted or deleted."""
    root = body(part(data, "word/document.xml"))
    return [
        _text(p) for p in root.iter(w("p")) if p.find(f"{w('pPr')}/{w('rPr')}/{w(tag)}") is not None
    ]


def row_changes(data: bytes, tag: str) -> list[str]:
    root = body(part(data, "word/document.xml"))
    return [
        " | ".join(_text(c) for c in row.iter(w("tc")))
        for row in root.iter(w("tr"))
        if row.find(f"{w('trPr')}/{w(tag)}") is not None
    ]


def assert_round_trip(old: Document, new: Document, data: bytes) -> None:
    accepted = differences(data, plain(new), accept=True)
    assert not accepted, "accepting every change does not give the new agreement:\n" + "\n".join(
        accepted
    )
    rejected = differences(data, plain(old), accept=False)
    assert not rejected, "rejecting every change does not give the old agreement:\n" + "\n".join(
        rejected
    )


def assert_well_formed_revisions(data: bytes) -> None:
    found = revisions(data)
    ids = [el.get(w("id")) for el in found]
    assert len(set(ids)) == len(ids), "revision ids are not unique"
    assert {el.get(w("author")) for el in found} <= {AUTHOR}
    assert {el.get(w("date")) for el in found} <= {STAMP}
    # LibreOffice joins an insertion that ends a paragraph with one that starts the next,
    # and its Reject All then takes the paragraph mark between them too
    for before, after in itertools.pairwise(body(part(data, "word/document.xml"))):
        if before.tag != w("p") or after.tag != w("p"):
            continue
        content = [c for c in before if c.tag != w("pPr")]
        following = [c for c in after if c.tag != w("pPr")]
        mark = before.find(f"{w('pPr')}/{w('rPr')}/{w('ins')}")
        assert not (
            content
            and content[-1].tag == w("ins")
            and mark is None
            and following
            and following[0].tag == w("ins")
        ), f"insertions meet across the kept mark after {_text(before)!r}"


# ------------------------------------------------------------------ Fairhaven: made, and varied


@pytest.fixture(scope="module")
def fairhaven() -> tuple[Document, Document, bytes]:
    old = load_and_build(FAIRHAVEN / "scheme.yaml").doc
    new = load_and_build(FAIRHAVEN / "scheme-v2.yaml").doc
    return old, new, compare(old, new)


def test_fairhaven_accept_all_gives_v2_and_reject_all_gives_v1(
    fairhaven: tuple[Document, Document, bytes],
) -> None:
    old, new, data = fairhaven
    assert_round_trip(old, new, data)


def test_fairhaven_the_other_way_round() -> None:
    old = load_and_build(FAIRHAVEN / "scheme-v2.yaml").doc
    new = load_and_build(FAIRHAVEN / "scheme.yaml").doc
    assert_round_trip(old, new, compare(old, new))


def test_fairhaven_changes_are_native_tracked_changes(
    fairhaven: tuple[Document, Document, bytes],
) -> None:
    _old, _new, data = fairhaven
    assert_well_formed_revisions(data)
    inserted, deleted = texts(data, "ins"), texts(data, "del")
    assert len(inserted) > 100 and len(deleted) > 50, (len(inserted), len(deleted))
    # clause options: word-level changes inside the dispute resolution clause
    assert "fifteen" in inserted and "twenty" in deleted
    # a figure, and the year the initial term ends
    assert "£85,353,850.22" in inserted and "£82,471,927.22" in deleted
    assert "2029" in inserted and "2028" in deleted
    # a renumbered schedule cited in the text
    assert "12" in inserted and "11" in deleted
    # the new scheme: a list item, a whole schedule with its heading, and table rows
    new_paragraphs = mark_changes(data, "ins")
    assert any(p.startswith("Dementia Support Service, described in") for p in new_paragraphs)
    assert "\nIndividual Scheme Specification: Dementia Support Service" in new_paragraphs
    rows = row_changes(data, "ins")
    # (a dash for 2026/27: the scheme did not exist then, so it had no contribution)
    assert "Dementia Support Service | Council | — | £1,145,000.00" in rows
    assert not mark_changes(data, "del") and not row_changes(data, "del")


def test_fairhaven_changed_paragraph_keeps_unchanged_words(
    fairhaven: tuple[Document, Document, bytes],
) -> None:
    _old, _new, data = fairhaven
    root = body(part(data, "word/document.xml"))
    (paragraph,) = [
        p for p in root.iter(w("p")) if "Business Days of the Dispute Notice" in _text(p)
    ]
    plain_text = "".join(t.text or "" for r in paragraph.findall(w("r")) for t in r.iter(w("t")))
    assert "The Authorised Officers of the Partners will meet" in plain_text
    assert [t.text for t in paragraph.iter(w("delText"))] == ["twenty"]


def test_fairhaven_comparison_is_plain_text_with_a_comparison_header(
    fairhaven: tuple[Document, Document, bytes],
) -> None:
    _old, _new, data = fairhaven
    root = part(data, "word/document.xml")
    assert not list(root.iter(w("instrText"))), "no fields in the comparison's body"
    assert not list(root.iter(w("bookmarkStart")))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        headers = [n for n in package.namelist() if re.fullmatch(r"word/header\d*\.xml", n)]
        footers = [n for n in package.namelist() if re.fullmatch(r"word/footer\d*\.xml", n)]
    assert any(COMPARISON_NOTE in _text(part(data, n)) for n in headers)
    footer = " ".join(
        "".join(i.text or "" for i in part(data, n).iter(w("instrText"))) for n in footers
    )
    assert "PAGE" in footer and "NUMPAGES" in footer
    title = part(data, "docProps/core.xml").findtext("{http://purl.org/dc/elements/1.1/}title")
    assert title == f"Comparison: {_new.title}"


def test_reference_document_styles_and_header_are_kept(tmp_path: Path) -> None:
    reference = tmp_path / "house.docx"
    house: Any = docx.Document()
    style = house.styles.add_style("S75 Body", WD_STYLE_TYPE.PARAGRAPH)
    style.font.name = "Georgia"
    house.sections[0].header.paragraphs[0].text = "HOUSE STYLE"
    house.save(str(reference))
    old, new = mini_tree(tmp_path, []), mini_tree(tmp_path, ["option"])
    data = render_comparison(old, new, author=AUTHOR, date=DATE, reference_docx=reference)
    word: Any = docx.Document(io.BytesIO(data))
    assert [s.font.name for s in word.styles if s.name == "S75 Body"] == ["Georgia"]
    header = [p.text for p in word.sections[0].header.paragraphs]
    assert header == ["HOUSE STYLE", COMPARISON_NOTE]
    assert texts(data, "ins") == ["three"]


def test_comparison_is_deterministic(fairhaven: tuple[Document, Document, bytes]) -> None:
    old, new, data = fairhaven
    assert compare(old, new) == data


def test_identical_agreements_give_no_tracked_changes(
    fairhaven: tuple[Document, Document, bytes],
) -> None:
    _old, new, _data = fairhaven
    data = compare(new, new)
    assert revisions(data) == []
    assert differences(data, plain(new), accept=True) == []


def test_date_is_written_in_utc() -> None:
    tree = mini_tree_as_is()
    other = copy.deepcopy(tree)
    other.children.append(Para(inlines=[Text("Added.")]))
    other.children.append(Para(inlines=[Text("End.")]))
    tree.children.append(Para(inlines=[Text("End.")]))
    stamp = dt.datetime(2027, 3, 24, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    data = render_comparison(tree, other, author="A", date=stamp)
    assert {el.get(w("date")) for el in revisions(data)} == {"2027-03-24T08:30:00Z"}


def mini_tree_as_is() -> Document:
    return build_tree(
        load_scheme(MINI / "scheme.yaml"), load_library([MINI / "library"], defaults=False)
    )


# ------------------------------------------------------------------ the mini case, edited


@pytest.mark.parametrize(
    "edits",
    [
        ["option"],
        ["figure"],
        ["rename"],
        ["scheme-added"],
        ["scheme-removed"],
        list(MINI_EDITS)[:4],
    ],
    ids=lambda e: "+".join(e),
)
@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_mini_edits_round_trip(tmp_path: Path, edits: list[str], direction: str) -> None:
    base, edited = mini_tree(tmp_path, []), mini_tree(tmp_path, edits)
    old, new = (base, edited) if direction == "forward" else (edited, base)
    data = compare(old, new)
    assert revisions(data), "no tracked change"
    assert_well_formed_revisions(data)
    assert_round_trip(old, new, data)


def test_mini_option_is_a_word_level_change(tmp_path: Path) -> None:
    data = compare(mini_tree(tmp_path, []), mini_tree(tmp_path, ["option"]))
    assert texts(data, "del") == ["six"] and texts(data, "ins") == ["three"]


def test_mini_figure_changes_cells_not_rows(tmp_path: Path) -> None:
    data = compare(mini_tree(tmp_path, []), mini_tree(tmp_path, ["figure"]))
    assert not row_changes(data, "ins") and not row_changes(data, "del")
    assert "£1,000,000.00" in texts(data, "del") and "£1,100,000.00" in texts(data, "ins")


def test_mini_scheme_removed_deletes_its_schedule_and_rows(tmp_path: Path) -> None:
    data = compare(mini_tree(tmp_path, []), mini_tree(tmp_path, ["scheme-removed"]))
    deleted = mark_changes(data, "del")
    assert "\nIndividual Scheme: Community Equipment" in deleted
    rows = row_changes(data, "del")
    assert "ICB | Equipment | fixed | £300,000.00" in rows  # the whole table goes
    assert "Community Equipment | ICB | £300,000.00" in rows  # a row of the finance table
    assert not mark_changes(data, "ins")


def test_mini_partner_renamed_throughout(tmp_path: Path) -> None:
    data = compare(mini_tree(tmp_path, []), mini_tree(tmp_path, ["rename"]))
    assert texts(data, "del").count("County") >= 3
    assert {"COUNTY", "County"} >= set(texts(data, "del"))
    assert {"SHIRE", "Shire"} >= set(texts(data, "ins"))


# ------------------------------------------------------------------ shapes of change


def _item(text: str, level: int = 1) -> Item:
    return Item(level=level, inlines=[Text(text)])


def _table(rows: list[tuple[str, str]], caption: str = "") -> Table:
    return Table(
        caption=caption,
        header=[Cell([Text("Partner")]), Cell([Text("Amount")])],
        rows=[Row([Cell([Text(a)]), Cell([Text(b)])]) for a, b in rows],
    )


def _doc(*blocks: Item | Para | Table | Schedule, end: bool = True) -> Document:
    body_blocks = [b for b in blocks if not isinstance(b, Schedule)]
    schedules = [b for b in blocks if isinstance(b, Schedule)]
    tail = [Para(inlines=[Text("End of agreement.")])] if end else []
    return Document(children=[Body(children=list(body_blocks)), *schedules, *tail])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # an insertion ending a paragraph followed by an inserted paragraph (LibreOffice)
        (
            _doc(_item("Alpha one"), _item("Beta.")),
            _doc(_item("Alpha one more"), _item("New."), _item("Beta.")),
        ),
        (
            _doc(_item("Alpha one"), _item("Beta.")),
            _doc(_item("Alpha one more"), _item("more Beta.")),
        ),
        (
            _doc(_item("Alpha."), _item("Beta.")),
            _doc(_item("Alpha;"), _item("New."), _item("Beta.")),
        ),
        # a level changes: the paragraph is deleted and inserted, the lists stay right
        (_doc(_item("Alpha."), _item("Beta.", 2)), _doc(_item("Alpha."), _item("Beta.", 1))),
        # a paragraph moves from the body into a schedule
        (
            _doc(_item("Alpha."), _item("Moved."), Schedule(title="S", children=[_item("x")])),
            _doc(_item("Alpha."), Schedule(title="S", children=[_item("Moved."), _item("x")])),
        ),
        # a table replaced by a different one, with and without caption
        (
            _doc(_table([("a", "1")], "Old"), _item("x")),
            _doc(_table([("zz", "99"), ("yy", "98")]), _item("x")),
        ),
        (_doc(_table([("a", "1")])), _doc(Table(header=[Cell([Text("Other")])], rows=[]))),
        # everything different
        (_doc(_item("One."), _item("Two.")), _doc(Para(inlines=[Text("Three.")]))),
        (_doc(), _doc(_item("New."), _table([("a", "1")]))),
    ],
)
def test_shapes_of_change_round_trip(old: Document, new: Document) -> None:
    data = compare(old, new)
    assert_well_formed_revisions(data)
    assert_round_trip(old, new, data)


def test_a_changed_last_paragraph_leaves_one_empty_paragraph() -> None:
    """Word cannot delete a document's last paragraph mark (see the module docstring)."""
    old, new = _doc(_item("Alpha."), end=False), _doc(_item("Beta."), end=False)
    data = compare(old, new)
    for expected, accept in ((new, True), (old, False)):
        got = read(resolve(part(data, "word/document.xml"), accept=accept))
        want = read(part(plain(expected), "word/document.xml"))
        assert [line.text for line in got] == [line.text for line in want] + [""]


# ------------------------------------------------------------------ random edits

_WORDS = ["the", "Partner", "pays", "£1,000.00", "Clause", "7.2", "of", "Schedule", "3", "fund"]
_sentence = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=7).map(
    lambda ws: " ".join(ws) + "."
)
# (kind, level, text): kind "item" (levels 1-3), "para" or "table" (text: its cells)
_Block = tuple[str, int, str]
_block = st.one_of(
    st.tuples(st.just("item"), st.integers(1, 3), _sentence),
    st.tuples(st.just("para"), st.just(0), _sentence),
    st.tuples(st.just("table"), st.just(0), _sentence),
)
_Spec = list[tuple[str, list[_Block]]]  # ("" for the body, or a schedule title, blocks)
_spec = st.lists(
    st.tuples(st.sampled_from(["Finance", "Governance", "Scheme"]), st.lists(_block, max_size=5)),
    max_size=3,
).flatmap(lambda s: st.lists(_block, max_size=6).map(lambda b: [("", b), *s]))


def _node(block: _Block) -> Item | Para | Table:
    kind, level, text = block
    if kind == "item":
        return _item(text, level)
    if kind == "para":
        return Para(inlines=[Text(text)])
    words = text.split()
    return _table([(words[i], str(i)) for i in range(0, len(words), 2)], caption=words[0])


def _tree(spec: _Spec) -> Document:
    children: list[Body | Schedule | Para] = [Body(children=[_node(b) for b in spec[0][1]])]
    children += [Schedule(title=t, children=[_node(b) for b in blocks]) for t, blocks in spec[1:]]
    children.append(Para(inlines=[Text("End of agreement.")]))
    return Document(children=list(children))


@st.composite
def _edited(draw: st.DrawFn, spec: _Spec) -> _Spec:
    out: _Spec = []
    for title, blocks in spec:
        if title and draw(st.integers(0, 5)) == 0:
            continue  # the schedule goes
        kept: list[_Block] = []
        for block in blocks:
            action = draw(st.sampled_from(["keep", "keep", "drop", "reword", "level", "add"]))
            if action == "drop":
                continue
            if action == "reword":
                words = block[2].rstrip(".").split()
                words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(_WORDS))
                block = (block[0], block[1], " ".join(words) + ".")
            elif action == "level" and block[0] == "item":
                block = ("item", 1 + block[1] % 3, block[2])
            kept.append(block)
            if action == "add":
                kept.append(draw(_block))
        out.append((title, kept))
        if title and draw(st.integers(0, 5)) == 0:
            out.append(("Annex", draw(st.lists(_block, max_size=3))))  # a new schedule
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), spec=_spec)
def test_random_edits_round_trip(data: st.DataObject, spec: _Spec) -> None:
    edited = data.draw(_edited(spec))
    old, new = _tree(spec), _tree(edited)
    comparison = compare(old, new)
    assert_well_formed_revisions(comparison)
    assert_round_trip(old, new, comparison)
    if spec == edited:
        assert revisions(comparison) == []
