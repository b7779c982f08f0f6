"""The outline recogniser on small hand-written shapes: the forms real agreements take."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from s75docs.check.outline import (
    BODY,
    CONTENTS,
    EXECUTION,
    SCHEDULE,
    Outline,
    division_heading,
    recognise,
)
from s75docs.check.raw import RawParagraph
from s75docs.check.read_text import parse_text
from s75docs.check.tree import build_tree
from s75docs.doctree.nodes import Body, Item, Schedule


def outline_of(text: str) -> Outline:
    paragraphs, _ = parse_text(text)
    return recognise(paragraphs)


def numbers(text: str) -> list[str]:
    """Every numbered provision read, keyed by its division: "clauses 1", "Schedule 2 1.1"."""
    read = build_tree(parse_text(text)[0], "agreement.txt")
    out: list[str] = []
    for top in read.doc.children:
        if isinstance(top, Body | Schedule):
            where = "clauses" if isinstance(top, Body) else f"Schedule {top.number}"
            if isinstance(top, Schedule):
                out.append(where)
            out += [f"{where} {n.full_number}" for n in top.walk() if isinstance(n, Item)]
    return out


# no "THIS AGREEMENT is made", headings with no stop, a contents list whose words the PDF
# extraction split, running footers and page numbers, a schedule heading on two lines
PDF_TEXT = """\
SECTION 75 AGREEMENT

CONTENTS
1 DEFINED TERMS AND INTERPRET ATION ........................ 3
2 TERM .................................................... 5
3 DISPUTE RESOLUTION ...................................... 6
SCHEDULE 1 - AIMS AND OUTCOMES ............................ 8

PARTIES
(1) Exampleshire Council (the Council); and
(2) NHS Exampleshire ICB (the ICB).

BACKGROUND
(A) The Partners wish to work together.

1 DEFINED TERMS AND INTERPRETATION

1.1 In this Agreement the Partners are the Council and the ICB.

Page 3 of 9

2 TERM
2.1 This Agreement runs for three years as Clause 3.1 provides.
- 2.2 The Partners may extend it.

3
Dispute resolution

3.1 The Partners will try to settle a dispute between them, as set out in
Schedule 1, before anything else.

IN WITNESS whereof the Partners have signed.
Signed for the Council

SCHEDULE 1
AIMS AND OUTCOMES

1 Aims
1.1 The aims are in paragraph 1.2.
1.2 Fewer admissions.
"""


def test_a_pdf_text_with_no_opening_and_a_split_contents_list() -> None:
    outline = outline_of(PDF_TEXT)
    regions = {e.text[:12]: e.region for e in outline.entries}
    assert regions["1 DEFINED TE"] == CONTENTS
    assert regions["DEFINED TERM"] == BODY
    assert regions["IN WITNESS w"] == EXECUTION
    assert regions["Fewer admiss"] == SCHEDULE
    assert numbers(PDF_TEXT) == [
        "clauses 1",
        "clauses 1.1",
        "clauses 2",
        "clauses 2.1",
        "clauses 2.2",
        "clauses 3",
        "clauses 3.1",
        "Schedule 1",
        "Schedule 1 1",
        "Schedule 1 1.1",
        "Schedule 1 1.2",
    ]
    schedule = next(e for e in outline.entries if e.number == "Schedule 1")
    assert schedule.text == "AIMS AND OUTCOMES"  # the title on the next line is its title


def test_sentence_case_headings_are_read_by_their_sequence() -> None:
    text = (
        "1 Definitions and interpretation\n1.1 Words have meanings.\n"
        "2 Commencement and duration\n2.1 It starts today, and the Partners meet within\n"
        "3 Business Days of any request.\n"
        "3 General principles\n3.1 Be kind.\n"
    )
    assert numbers(text) == [
        "clauses 1",
        "clauses 1.1",
        "clauses 2",
        "clauses 2.1",
        "clauses 3",
        "clauses 3.1",
    ]


def test_a_reference_wrapped_to_the_start_of_a_line_is_not_a_provision() -> None:
    text = (
        "1 DEFINITIONS\n1.1 Words have meanings.\n"
        "2 TERM\n2.1 Subject to Clause\n25.6 the Agreement runs for three years.\n"
        "2.2 Then it ends.\n"
    )
    assert numbers(text) == ["clauses 1", "clauses 1.1", "clauses 2", "clauses 2.1", "clauses 2.2"]


def test_extractors_bullets_and_half_brackets() -> None:
    text = (
        "1 DEFINITIONS\n1.1 The Partners will:\n(a) meet;\n(b) talk; and\n(c) agree:\n"
        "i) quickly;\nii) fairly.\n- 1.2 Words have meanings.\n"
    )
    got = numbers(text)
    assert "clauses 1.1(c)(ii)" in got and "clauses 1.2" in got


def test_numbering_restarts_in_each_schedule_and_part() -> None:
    text = (
        "1 TERMS\n1.1 The Schedules apply.\n"
        "Schedule 3A: Pooled fund\n1 Fund\n1.1 It is pooled.\n"
        "SCHEDULE 6:\nGOVERNANCE\nPart 1 Board\n1 Board\n1.1 It meets.\n"
        "Part 2 Groups\n1 Groups\n1.1 They meet.\n"
        "SCHEDULE 7 - SHARING\n1 Sharing\n1.1 It is shared.\n"
        "Schedule 8 GDPR Schedule\n1 Data\n1.1 It is protected.\n"
    )
    got = numbers(text)
    assert {"Schedule 3A 1.1", "Schedule 6 1.1", "Schedule 8 1.1"} <= set(got)
    assert got.count("Schedule 6 1.1") == 2  # in Part 1 and in Part 2, each from 1


def test_schedule_headings_in_every_form() -> None:
    forms = {
        "SCHEDULE 1": ("Schedule 1", ""),
        "Schedule 3A": ("Schedule 3A", ""),
        "SCHEDULE 6:": ("Schedule 6", ""),
        "SCHEDULE 1 - TITLE": ("Schedule 1", "TITLE"),
        "SCHEDULE 4– JOINT WORKING": ("Schedule 4", "JOINT WORKING"),
    }
    for text, (number, title) in forms.items():
        found = division_heading(text, False, True)
        assert found is not None and found[:2] == (number, title), text
    assert division_heading("Schedule 8 GDPR Schedule", False, True, expected="8") is not None
    # words of a sentence, not headings
    assert division_heading("Schedule 3. Such arrangements apply.", False, True) is None
    assert division_heading("Schedule 2 sets out the aims", False, False, expected="2") is None


def test_word_list_numbers_typed_numbers_and_both() -> None:
    paragraphs = [
        RawParagraph(
            "Definitions", number="1", numbered_by_word=True, is_heading=True, paragraph=1
        ),
        RawParagraph("1.1\tWords have meanings.", paragraph=2),  # typed
        RawParagraph("Words again.", number="1.2", numbered_by_word=True, paragraph=3),
        RawParagraph("SCHEDULE 1\nAims", paragraph=4),  # typed, title after a line break
        RawParagraph("1\tAims", is_heading=True, paragraph=5),
        RawParagraph("SCHEDULE 2", paragraph=6),  # its title in the next paragraph
        RawParagraph("Finance", paragraph=7),
        RawParagraph("Money.", number="1", numbered_by_word=True, paragraph=8),
    ]
    outline = recognise(paragraphs)
    assert [(e.number, e.division) for e in outline.entries if e.number] == [
        ("1", "clauses"),
        ("1.1", "clauses"),
        ("1.2", "clauses"),
        ("Schedule 1", "Schedule 1"),
        ("1", "Schedule 1"),
        ("Schedule 2", "Schedule 2"),
        ("1", "Schedule 2"),
    ]
    assert outline.entries[3].text == "Aims" and outline.entries[5].text == "Finance"
    assert outline.entries[6].joined


def test_what_cannot_be_placed_is_said() -> None:
    outline = outline_of("Some words.\n\n1.1 A numbered thing.\n\n1.2 Another.\n")
    assert outline.unplaced and "no clause 1 heading" in outline.unplaced[0].note


def test_no_rule_concludes_from_schedules_it_could_not_read(tmp_path: Path) -> None:
    from s75docs.check.run import check_document

    path = tmp_path / "a.txt"
    path.write_text(
        "1 TERMS\n\n1.1 The aims of this Agreement are in Schedule 4 and paragraph 2 of"
        " Schedule 5.\n",
        encoding="utf-8",
    )
    assert check_document(path).findings == []  # not "the agreement has no schedules"


def test_outline_command_prints_what_was_read(tmp_path: Path) -> None:
    from s75docs.cli import main

    path = tmp_path / "a.txt"
    path.write_text(PDF_TEXT, encoding="utf-8")
    shown = CliRunner().invoke(main, ["outline", str(path)])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert "-- contents" in lines and "-- clauses" in lines and "-- schedule" in lines
    assert any(line.split()[1:3] == ["1", "DEFINED"] for line in lines if line.strip())
    assert any("Schedule 1 AIMS AND OUTCOMES  <Schedule 1>" in line for line in lines)
    checked = CliRunner().invoke(main, ["check", "--outline", str(path), "--fail-on", "never"])
    assert checked.exit_code == 0 and "-- clauses" in checked.output
    missing = CliRunner().invoke(main, ["outline", str(tmp_path / "none.txt")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_list_positions_are_read_back_as_the_agreements_numbers(tmp_path: Path) -> None:
    """pandoc writes Word's list numbering as list positions ("1.  ", nested by indenting;
    a list interrupted by a definition starts at the left margin, from 1 where pandoc lost
    the count): the agreement's own numbers are read back, and only a reference to what
    does not exist is reported."""
    from s75docs.check.run import check_with_tree
    from tests.check.shapes import read_outline

    items = "".join(
        f"{n}.  Heading {n}\n\n    1.  The Partners agree under Clause 1.2.\n\n"
        "  Defined Term means a term;\n\n1.  The Partners meet under Clause 9.4.\n\n"
        for n in range(1, 7)
    )
    path = tmp_path / "pandoc.txt"
    path.write_text("Agreed terms\n\n" + items, encoding="utf-8")
    result, read = check_with_tree(path)
    assert read_outline(read) == {f"body {n}{s}" for n in range(1, 7) for s in ("", ".1", ".2")}
    assert [(f.code, f.message) for f in result.findings] == [
        ("xref-dangling", "Clause 9.4 does not exist")
    ] * 6


def test_a_contents_list_is_set_aside_and_compared_with_the_headings(tmp_path: Path) -> None:
    """In a .docx typed by hand (no TOC field) as in a text: the entries are not clauses; a
    word the PDF split is still the heading's word; an entry that names another heading is
    reported."""
    from s75docs.check.run import check_document

    path = tmp_path / "a.txt"
    path.write_text(PDF_TEXT.replace("3 DISPUTE RESOLUTION ....", "3 NOTICES ......"), "utf-8")
    toc = [f for f in check_document(path).findings if f.code == "toc-mismatch"]
    assert [f.message for f in toc] == [
        "the contents call 3 'NOTICES' but its heading is 'Dispute resolution'"
    ]
    paragraphs = [
        RawParagraph("CONTENTS", paragraph=1),
        RawParagraph("1\tDEFINITIONS\t3", paragraph=2),
        RawParagraph("2\tTERM\t4", paragraph=3),
        RawParagraph("SCHEDULE 1 AIMS\t9", paragraph=4),
        RawParagraph("1\tDEFINITIONS", is_heading=True, paragraph=5),
        RawParagraph("1.1\tWords mean things.", paragraph=6),
    ]
    outline = recognise(paragraphs)
    assert [e.region for e in outline.entries] == [CONTENTS] * 4 + [BODY] * 2


def test_running_headers_and_footers_are_not_text() -> None:
    page = (
        "Leicestershire BCF Section 75 Agreement 2019/20\n\n{body}\n\n"
        "DRAFT v3 - subject to contract\n\nPage {n} of 9\n\f"
    )
    bodies = [
        "1 DEFINITIONS\n\n1.1 Words mean things, as",
        "set out here.\n\n1.2 More words.",
        "2 TERM\n\n2.1 It runs for three years and",
        "then it ends.",
    ]
    text = "".join(page.format(body=b, n=n) for n, b in enumerate(bodies, start=1))
    paragraphs, _ = parse_text(text)
    read = {p.number: p.text for p in paragraphs if p.number}
    assert read["1.1"] == "Words mean things, as set out here."
    assert read["2.1"] == "It runs for three years and then it ends."
    assert not any("DRAFT" in p.text or "Leicestershire" in p.text for p in paragraphs)


def test_numbers_joined_to_their_words_by_extraction() -> None:
    text = "1DEFINITIONS\n1.1In this Agreement words mean things.\n2.TERM\n2.1The term.\n"
    assert numbers(text) == ["clauses 1", "clauses 1.1", "clauses 2", "clauses 2.1"]


def test_a_text_with_no_numbers_at_all_says_so() -> None:
    """python-docx's text of a Word file numbered by list numbering has no numbers in it."""
    text = "".join(f"Heading {n}\n\nThe Partners agree thing {n}.\n\n" for n in range(30))
    (entry,) = outline_of(text).unplaced
    assert entry.note.startswith("no numbered clause was found")


def test_a_sentence_that_opens_with_a_schedule_is_not_its_heading() -> None:
    assert (
        division_heading("Schedule 4: The Partners agree that it applies to them.", False, True)
        is None
    )
    assert division_heading("Schedule 4: Pooled Fund", False, True) is not None


def test_parts_and_a_document_pasted_in_with_its_own_numbering() -> None:
    text = (
        "1. DEFINITIONS\n1.1. Words mean things.\n2. TERM\n2.1. It runs:\n(a) for a year;\n"
        "(b) then ends.\nSCHEDULE 1\nAIMS\nPART 1 - GENERAL\n1 General\n1.1 Z.\n"
        "PART 2 - SPECIFIC\n1 Specific\n1.1 W.\nAppendix 1 - Pasted protocol\n1 Purpose\n"
        "1.1 V.\n"
    )
    outline = outline_of(text)
    assert [e.division for e in outline.entries if e.heading and e.division] == [
        "clauses",
        "clauses",
        "Schedule 1",
        "Schedule 1 Part 1",
        "Schedule 1 Part 1",
        "Schedule 1 Part 2",
        "Schedule 1 Part 2",
        "Appendix 1",
        "Appendix 1",
    ]
    assert "clauses 2.1(b)" in numbers(text)


def test_a_contents_list_with_no_heading_is_known_by_its_leaders() -> None:
    text = PDF_TEXT.replace("CONTENTS\n", "")
    assert numbers(text) == numbers(PDF_TEXT)
    assert [e.region for e in outline_of(text).entries][1:5] == [CONTENTS] * 4


def test_word_list_numbers_in_capitals_and_headings_in_the_body_style() -> None:
    paragraphs = [
        RawParagraph("DEFINITIONS", number="1", numbered_by_word=True, paragraph=1),
        RawParagraph("Words mean things.", number="1.1", numbered_by_word=True, paragraph=2),
        RawParagraph("2\tTerm", paragraph=3),  # typed, in the body style, not bold
        RawParagraph("It runs.", number="2.1", numbered_by_word=True, paragraph=4),
        RawParagraph("Aims", number="SCHEDULE 1", numbered_by_word=True, paragraph=5),
        RawParagraph("Aims", number="1", numbered_by_word=True, paragraph=6),
    ]
    read = build_tree(paragraphs, "a.docx")
    body = next(d for d in read.doc.children if isinstance(d, Body))
    assert [(i.number, i.title) for i in body.children if isinstance(i, Item)] == [
        ("1", "DEFINITIONS"),
        ("2", "Term"),
    ]
    (schedule,) = [d for d in read.doc.children if isinstance(d, Schedule)]
    assert (schedule.number, schedule.title) == ("1", "Aims")


def test_list_items_whose_numbers_pdftotext_printed_before_a_later_number() -> None:
    """pdftotext (without -layout) prints a column of numbers before the texts beside them:
    "4.1.1", "4.2" and its text, "4.2.1", "4.3", then the texts of 4.1.1, 4.2.1 and 4.3."""
    text = (
        "THIS AGREEMENT is made on 1 April 2024\n\n1 DEFINITIONS\n\n1.1 Words mean things.\n\n"
        "2 FUNCTIONS\n\n2.1\n\nEach Partner exercises the following of its functions:\n"
        "2.1.1\n\n2.2\n\nUnder this Agreement, the following functions are exercised by one\n"
        "Partner on behalf of another:\n2.2.1\n\n2.3\n\n"
        "the ICB's functions of arranging continuing care for children with complex\n"
        "needs.\n\nthe ICB exercises the Council's functions of providing short breaks for\n"
        "disabled children.\n\nThe Partner on whose behalf a function is exercised remains\n"
        "responsible for it.\n\n3 PEOPLE\n\n3.1 The people covered are children.\n"
    )
    assert numbers(text) == [
        "clauses 1",
        "clauses 1.1",
        "clauses 2",
        "clauses 2.1",
        "clauses 2.1.1",
        "clauses 2.2",
        "clauses 2.2.1",
        "clauses 2.3",
        "clauses 3",
        "clauses 3.1",
    ]
    paragraphs = {p.number: p.text for p in parse_text(text)[0] if p.number}
    assert paragraphs["2.1.1"].startswith("the ICB's functions of arranging")
    assert paragraphs["2.2"].startswith("Under this Agreement")
    assert paragraphs["2.2.1"].startswith("the ICB exercises the Council's")
    assert paragraphs["2.3"].startswith("The Partner on whose behalf")


def test_a_typed_number_with_a_stop_after_a_sentence_left_open() -> None:
    # "...(attached as Parts 1 to this Schedule 7)_" ends without a stop; "2. The Partners"
    # after it is still the next paragraph, not words running on (the shape of the 2019
    # agreement's Schedule 6: its line lengths matter)
    text = (
        "THIS AGREEMENT is made on 1 April 2024\n\n1 DEFINITIONS\n\n1.1 Words mean things.\n\n"
        " \n SCHEDULE 6– POLICY FOR THE MANAGEMENT OF CONFLICTS OF INTEREST \n\n \n"
        "1. The Partners will adhere to the Code of Conduct for the Council’s Care Board for \n"
        "Co-opted Members and Executive (attached as Parts 1 to this Schedule 7)_ \n \n"
        "2. The Partners will each ensure that their employees, agents and representatives"
        " complete and keep \n"
        "updated in accordance with the Register of Interests the form attached as Part 2 to"
        " this \nSchedule 7 in relation to their duties as members of the Care Board, the"
        " Integration \nExecutive and the Partnership Board. \n \n"
        "3. The Partners will each ensure that their employees, agents or representatives"
        " comply with the \nstatutory obligations of the relevant Partner on conflicts of"
        " interest when they are acting as \ncommissioners of Services pursuant to"
        " Individual Schemes under this Agreement. \n \nPart 1 \n \n"
    )
    read = numbers(text)
    assert {"Schedule 6 1", "Schedule 6 2", "Schedule 6 3"} <= set(read), read
