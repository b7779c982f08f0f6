"""References to another document's labels (a report citing its agreement) and lists of
schedules: words only, never a field into another document."""

from __future__ import annotations

from s75docs.doctree.nodes import Body, Document, Item, Ref, Schedule, Table
from s75docs.doctree.numbers import REPORT
from s75docs.transforms import Settings, transform
from s75docs.transforms.labels import Labels


def _agreement() -> Document:
    clause = Item(level=1, title="Risk", label="risk", children=[Item(level=2, label="risk-a")])
    schedules = [Schedule(title=f"S{n}", label=f"s-{n}") for n in range(1, 5)]
    schedules[1].children.append(Item(level=1, title="Money", label="money"))
    doc = Document(children=[Body(children=[clause]), *schedules])
    assert transform(doc, Settings()) == []
    return doc


def _report(*refs: Ref) -> tuple[Document, Item]:
    para = Item(level=2, inlines=list(refs))
    table = Table(label="table-x")
    section = Item(level=1, title="Legal", children=[para, table])
    return Document(numbering=REPORT, number_tables=True, children=[Body(children=[section])]), para


def test_a_report_cites_its_agreement_in_words() -> None:
    labels = Labels.of(_agreement())
    doc, para = _report(
        Ref("risk-a"), Ref("money"), Ref("s-2", domain="varied"), Ref("table-x"), Ref("s-1", "s-3")
    )
    errors = transform(doc, Settings(external={"": labels, "varied": labels}))
    assert errors == []
    texts = [r.text for r in para.inlines if isinstance(r, Ref)]
    assert texts == [
        "Clause 1.1",
        "paragraph 1 of Schedule 2",
        "Schedule 2",
        "Table 1",
        "Schedules 1 to 3",
    ]
    external = [p for r in para.inlines if isinstance(r, Ref) for p in r.parts]
    own_table = [r for r in para.inlines if isinstance(r, Ref)][3]
    assert all(p.bookmark is None for r in para.inlines[:3] if isinstance(r, Ref) for p in r.parts)
    assert own_table.parts[0].bookmark is not None  # its own table: a live field
    assert external


def test_lists_of_schedules_collapse_when_they_run_on() -> None:
    labels = Labels.of(_agreement())
    doc, para = _report(
        Ref("s-1", also=("s-2", "s-3")), Ref("s-1", also=("s-3", "s-4")), Ref("s-1", also=("s-2",))
    )
    assert transform(doc, Settings(external={"": labels})) == []
    assert [r.text for r in para.inlines if isinstance(r, Ref)] == [
        "Schedules 1 to 3",
        "Schedules 1, 3 and 4",
        "Schedules 1 and 2",
    ]


def test_a_table_an_agreement_does_not_number_cannot_be_cited() -> None:
    clause = Item(level=1, title="Money", children=[Table(label="money-table")])
    doc = Document(children=[Body(children=[clause, Item(level=1, inlines=[Ref("money-table")])])])
    assert [str(e) for e in transform(doc, Settings())] == [
        "[[money-table]] names a table, and this document does not number its tables: cite the"
        " provision the table stands in"
    ]


def test_unknown_labels_and_documents_are_errors() -> None:
    labels = Labels.of(_agreement())
    doc, _ = _report(Ref("rsk"), Ref("risk", domain="draft"), Ref("risk", also=("s-1",)))
    errors = [str(e) for e in transform(doc, Settings(external={"": labels}))]
    assert errors == [
        "unknown label 'rsk' (did you mean 'risk'?)",
        "unknown document 'draft:'",
        "[[risk,s-1]]: only schedules can be listed",
    ]
