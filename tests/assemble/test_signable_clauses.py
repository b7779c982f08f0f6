"""The default library's clauses on complaints (M9), data protection (M10) and insurance (M1,
m12), read in the Fairhaven agreement and in variants of its data."""

from __future__ import annotations

import functools
from pathlib import Path

from s75docs.doctree.nodes import Document, Item, Ref, Table, inline_text
from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree

FAIRHAVEN = Path(__file__).resolve().parents[2] / "examples" / "fairhaven" / "scheme.yaml"


@functools.cache
def _fairhaven() -> tuple[SchemeFile, Document]:
    data = load_scheme(FAIRHAVEN)
    return data, build_tree(data, load_library([]))


def _build(data: SchemeFile) -> Document:
    return build_tree(data, load_library([]))


def _items(node: object) -> list[Item]:
    out: list[Item] = []
    for child in getattr(node, "children", []):
        if isinstance(child, Item):
            out.append(child)
        out += _items(child)
    return out


def _labelled(doc: Document, label: str) -> Item:
    (found,) = [i for i in _items(doc) if i.label == label]
    return found


def _text(item: Item) -> str:
    return inline_text(item.inlines)


def _whole(doc: Document) -> str:
    return " ".join(_text(i) for i in _items(doc))


def test_childrens_representations_go_to_the_council_whoever_exercises_the_function() -> None:
    """M9: the Children Act 1989 s.26 procedure is the council's duty, so a complaint about a
    Part 3 function the ICB exercises is not handled by the ICB."""
    _, doc = _fairhaven()
    route = _labelled(doc, "complaints-statutory-route")
    assert "Part 3 of the Children Act 1989" in _text(route)
    assert "section 26 of that Act" in _text(route)
    assert "the local authority whose function it is, under that procedure" in _text(route)
    duties = [c.label for c in route.children if isinstance(c, Item)]
    assert duties == [
        "complaints-statutory-route-refer",
        "complaints-statutory-route-assist",
        "complaints-statutory-route-remedy",
    ]
    (delegated,) = [
        c
        for c in _labelled(doc, "complaints-allocation").children
        if isinstance(c, Item) and "exercises a function of another" in _text(c)
    ]
    cited = [r.target for r in delegated.inlines if isinstance(r, Ref)]
    assert "complaints-statutory-route" in cited


def test_the_data_sharing_agreement_is_in_place_at_signing() -> None:
    """M10: Schedule 11 is the data sharing agreement; nothing is left to agree within three
    months of the Commencement Date."""
    _, doc = _fairhaven()
    dsa = _text(_labelled(doc, "processing-dsa-agree"))
    assert "is the Partners' data sharing agreement" in dsa
    assert "takes effect with this Agreement" in dsa
    schedule = " ".join(_text(i) for i in _items(doc) if (i.label or "").startswith("processing"))
    assert "Month" not in schedule  # no period after the start in which to agree one


def _controllers_table(doc: Document) -> Table:
    item = _labelled(doc, "processing-roles-schemes")
    parent = next(i for i in _items(doc) if item in i.children)
    at = parent.children.index(item)
    table = next(c for c in parent.children[at:] if isinstance(c, Table))
    return table


def test_controllers_are_recorded_for_every_scheme() -> None:
    """M10: who is controller when one partner exercises another's function, scheme by scheme."""
    data, doc = _fairhaven()
    table = _controllers_table(doc)
    rows = [[inline_text(c.inlines) for c in row] for row in table.rows]
    assert [r[0].split(" (")[0] for r in rows] == [s.name for s in data.schemes]
    by_name = {r[0].split(" (")[0]: r for r in rows}
    children = by_name["Children and Young People with Complex Needs"]
    assert children[1:] == [
        "functions of the Council, exercised by the ICB",
        "the Council and the ICB (the ICB)",
    ]
    aftercare = by_name["Mental Health Section 117 Aftercare"]
    assert aftercare[1:] == ["none: each Partner exercises its own functions", "none"]


def test_caldicott_always_and_the_national_data_guardian_from_april_2019() -> None:
    _, doc = _fairhaven()
    caldicott = _text(_labelled(doc, "data-caldicott"))
    assert "Caldicott Principles" in caldicott and "Caldicott Guardian" in caldicott
    assert "Health and Social Care (National Data Guardian) Act 2018" in caldicott
    # the Act's guidance power came into force on 1 April 2019: the 2013 reconstruction does
    # not cite it, the agreement of December 2019 does
    from tests.helpers import ROOT, example_library

    for name, cites in (("luton-2013", False), ("leicestershire-bcf-2019", True)):
        scheme = ROOT / "examples" / name / "scheme.yaml"
        earlier = build_tree(load_scheme(scheme), example_library(scheme))
        text = _text(_labelled(earlier, "data-caldicott"))
        assert "Caldicott" in text
        assert ("National Data Guardian" in text) is cites, name


def test_nhs_resolution_membership_is_stated_only_as_the_data_gives_it() -> None:
    """m12: the agreement names the NHS Resolution schemes the data lists for a body, and
    asserts membership of none (not the Clinical Negligence Scheme for Trusts) otherwise."""
    data, doc = _fairhaven()
    insurance = _labelled(doc, "liabilities-insurance")
    (icb_line, *_rest) = [_text(c) for c in insurance.children if isinstance(c, Item)]
    assert icb_line.startswith(
        "the ICB will keep its membership of the Liabilities to Third Parties Scheme and the"
        " Property Expenses Scheme run by NHS Resolution"
    )
    # (a Scheme Specification may still record a non-party trust's own membership)
    assert "Clinical Negligence Scheme for Trusts" not in _text(insurance)
    icb = data.partners[1].model_copy(update={"nhs_resolution_schemes": []})
    bare = _build(data.model_copy(update={"partners": [data.partners[0], icb]}))
    (line, *_) = [
        _text(c) for c in _labelled(bare, "liabilities-insurance").children if isinstance(c, Item)
    ]
    assert line == (
        "the ICB will keep cover for its liabilities under this Agreement through the schemes run"
        " by NHS Resolution of which it is a member, commercial insurance, or both;"
    )


def test_clinical_services_outside_the_nhs_bodies_need_clinical_negligence_cover() -> None:
    """M1: a council (or a non-party trust's staff) delivering clinical services is not covered
    by the NHS bodies' schemes; the provider must show clinical negligence cover."""
    _, doc = _fairhaven()
    clinical = _labelled(doc, "liabilities-clinical")
    text = _text(clinical)
    assert "a Partner that is not an NHS body" in text
    assert "staff of an NHS body that is not a Partner" in text
    assert [c.label for c in clinical.children if isinstance(c, Item)] == [
        "liabilities-clinical-nhs",
        "liabilities-clinical-insurance",
    ]
    council_line = [
        _text(c) for c in _labelled(doc, "liabilities-insurance").children if isinstance(c, Item)
    ][1]
    assert "clinical negligence cover where" in council_line
    evidence = _text(_labelled(doc, "liabilities-clinical-evidence"))
    assert "confirmed in writing" in evidence
