"""The worked example's annual variation: what the deed says, that it cites the agreement
being varied by its own numbers, that it checks clean, and that the conformed copy agrees."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from s75docs.check.run import check_document
from s75docs.doctree.nodes import Definition, Document, Item, Para, Recital, Table, inline_text
from s75docs.pipeline import Built, load_and_build, render_bytes
from s75docs.transforms import run_all
from s75docs.variation.apply import agreement_text
from s75docs.variation.changes import Insert, Replace, ReplaceWords
from s75docs.variation.cite import CitationIndex
from s75docs.variation.conformed import conformed_copy
from s75docs.variation.deed import build_deed
from s75docs.variation.vary import Variation, compute, verify

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fairhaven"


@functools.cache
def versions() -> tuple[Built, Built]:
    return load_and_build(EXAMPLE / "scheme.yaml"), load_and_build(EXAMPLE / "scheme-v2.yaml")


@functools.cache
def variation() -> Variation:
    old, new = versions()
    return compute(old.data, old.doc, new.data, new.doc)


@functools.cache
def deed() -> Document:
    doc = build_deed(variation())
    run_all(doc)
    return doc


def _top_label(doc: Document, node: object) -> str | None:
    """The label of the clause or schedule a node stands in."""
    for top in doc.children:
        for clause in getattr(top, "children", []):
            if clause is node or any(n is node for n in clause.walk()):
                return clause.label if isinstance(clause, Item) else top.label
    return None


def test_the_deed_proves_out() -> None:
    varied = verify(variation())
    assert agreement_text(varied) == agreement_text(versions()[1].doc)


def test_every_citation_is_the_old_numbering_of_the_provision_that_changed() -> None:
    old, _ = versions()
    index = CitationIndex(old.doc)
    words = [c for c in variation().changes.changes if isinstance(c, ReplaceWords)]
    escalation = [c for c in words if any("twenty" in h.old[0].text for h in c.hunks)]
    # both escalation periods (mediation now runs from the senior officers' meeting)
    assert len(escalation) == 2
    for change in escalation:
        node = index.find(change.target)
        assert node is not None
        assert _top_label(old.doc, node) == "dispute-resolution"
        assert change.target.text.startswith("Clause ")
    term = [c for c in words if c.target.kind == "definition"]
    assert [c.target.term for c in term] == ["Initial Term"]


def test_new_scheme_is_inserted_by_annex_and_its_schedule_number_is_the_new_one() -> None:
    inserts = [c for c in variation().changes.changes if isinstance(c, Insert)]
    schedules = [c for c in inserts if c.new_cite is not None and c.new_cite.kind == "schedule"]
    # lettered, so that Schedules 7 to 12 keep their numbers
    assert [c.new_cite.text for c in schedules if c.new_cite] == ["Schedule 6A"]
    assert [c.after.text for c in schedules if c.after] == ["Schedule 6"]
    assert [s.title for s in variation().changes.annexes] == [
        "Individual Scheme Specification: Dementia Support Service"
    ]


def test_changed_tables_are_replaced_whole() -> None:
    tables = [
        c
        for c in variation().changes.changes
        if isinstance(c, Replace) and isinstance(c.new, Table)
    ]
    assert {c.target.text for c in tables} == {
        "the table in paragraph 7 of Schedule 1",
        "the table in paragraph 1 of Schedule 8",
        # the controllers of each scheme (Schedule 11), which gains the new scheme's row
        "the table in paragraph 7 of Schedule 11",
    }


def test_deed_wording() -> None:
    text = "\n".join(
        inline_text(n.inlines)
        for n in deed().walk()
        if isinstance(n, Item | Para | Recital | Definition)
    )
    for expected in [
        "This Deed is dated 24 March 2027.",
        "Clause 33.1 of the Agreement provides that a variation of it is effective only if",
        "The Partners wish to vary the Agreement to record the Better Care Fund"
        " contributions agreed",
        "approved by the Cabinet of Fairhaven Borough Council on 10 February 2027",
        "means 1 April 2027.",
        "In the definition of “Initial Term” in Clause 1.1, the words “March 2028” are"
        " replaced with “March 2029”.",
        "In Clause 26.2, the word “twenty” is replaced with “fifteen”.",
        "In Clause 13.1.2, the figure “£82,471,927.22” is replaced with “£85,353,850.22”.",
        "A new Clause 4.2.7 is inserted after Clause 4.2.6:",
        "A new Schedule 6A (Individual Scheme Specification: Dementia Support Service) is"
        " inserted after Schedule 6, in the form set out in Annex 1.",
        "A new Clause 33.6A is inserted after Clause 33.6:",
        "This Deed renumbers no provision of the Agreement",
        "Except as varied by this Deed, the Agreement continues in full force and effect.",
        "counterparts",
        "governed by the law of England and Wales",
    ]:
        assert expected in text
    assert "“4.2.7 Dementia Support Service, described in Schedule 6A" in text
    # no blanket renumbering: every change the deed makes is stated
    assert "renumbered" not in text and "cross-reference in it is updated" not in text


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_the_deed_checks_clean(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"deed.{fmt}"
    path.write_bytes(render_bytes(deed(), fmt))
    result = check_document(path)
    assert [f"{f.code}: {f.message}" for f in result.findings] == []


def test_conformed_copy_is_the_new_agreement_with_its_history() -> None:
    new = versions()[1]
    conformed = conformed_copy(new.doc, new.data.variations)
    assert agreement_text(conformed) == agreement_text(new.doc)
    front = "\n".join(inline_text(n.inlines) for n in conformed.children if isinstance(n, Para))
    assert "Conformed copy: the agreement as varied by the deed dated 24 March 2027" in front
    (history,) = [n for n in conformed.children if isinstance(n, Table)]
    assert [inline_text(c.inlines) for c in history.rows[0]][:3] == [
        "1",
        "24 March 2027",
        "1 April 2027",
    ]
