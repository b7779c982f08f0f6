"""One citation formatter: every way a document names a provision."""

from __future__ import annotations

from s75docs.doctree.cite import Citation, CiteKind, Slot


def test_clauses_paragraphs_and_schedules() -> None:
    assert Citation(CiteKind.CLAUSE, "11.4").text == "Clause 11.4"
    assert Citation(CiteKind.CLAUSE, "4.1", "4.3").text == "Clauses 4.1 to 4.3"
    paragraph = Citation(CiteKind.PARAGRAPH, "3", schedule="7")
    assert paragraph.text == "paragraph 3 of Schedule 7"
    assert "".join(p.text for p in paragraph.pieces(here=True)) == "paragraph 3 of this Schedule"
    assert Citation(CiteKind.SCHEDULE, "7").text == "Schedule 7"
    assert Citation(CiteKind.SCHEDULE, "1", "6").text == "Schedules 1 to 6"
    listed = Citation(CiteKind.SCHEDULE, numbers=("1", "3", "5"))
    assert listed.text == "Schedules 1, 3 and 5"
    assert Citation(CiteKind.SCHEDULE, "2", name="Annex").text == "Annex 2"


def test_this_and_here() -> None:
    clause = Citation(CiteKind.CLAUSE, "21")
    assert "".join(p.text for p in clause.pieces(this=True)) == "this Clause 21"
    schedule = Citation(CiteKind.SCHEDULE, "7")
    assert "".join(p.text for p in schedule.pieces(here=True)) == "this Schedule"


def test_numbers_are_pieces_a_writer_can_make_fields() -> None:
    pieces = Citation(CiteKind.PARAGRAPH, "3", "5", "7").pieces()
    assert [(p.text, p.slot) for p in pieces] == [
        ("paragraphs ", None),
        ("3", Slot.TARGET),
        (" to ", None),
        ("5", Slot.END),
        (" of ", None),
        ("Schedule 7", Slot.SCHEDULE),
    ]


def test_what_a_deed_cites() -> None:
    clause = Citation(CiteKind.CLAUSE, "1.1")
    assert Citation(CiteKind.RECITAL, "(C)").text == "Recital (C)"
    assert Citation(CiteKind.PARTY, "(2)").text == "paragraph (2) of the Parties"
    definition = Citation(CiteKind.DEFINITION, term="Partner", within=clause)
    assert definition.text == "the definition of “Partner” in Clause 1.1"
    second = Citation(CiteKind.TABLE, ordinal=2, within=clause)
    assert second.text == "the second table in Clause 1.1"
    assert Citation(CiteKind.TABLE, "2").text == "Table 2"
    assert Citation(CiteKind.TEXT, within=clause).text == "the unnumbered paragraph in Clause 1.1"
    assert clause.noun == "Clause" and Citation(CiteKind.SCHEDULE, "3").noun == "Schedule"
