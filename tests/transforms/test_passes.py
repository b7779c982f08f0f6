"""The passes over a built tree: golden tree, numbering, terms, references, money."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from s75docs.doctree.nodes import Definition, Item, Ref
from s75docs.doctree.numbers import alpha, roman
from s75docs.doctree.pformat import pformat
from s75docs.errors import ErrorList
from s75docs.library.loader import load_library
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree
from s75docs.transforms.definitions import sort_key
from s75docs.transforms.money import format_millions, format_pounds
from tests.helpers import MINI, mini_library, mini_scheme, mini_tree, write_library


def test_golden_tree() -> None:
    """The whole resolved tree of the mini case, reviewed by hand."""
    expected = (MINI / "expected.tree").read_text(encoding="utf-8")
    assert pformat(mini_tree()) + "\n" == expected


def test_roman_and_alpha() -> None:
    assert [roman(n) for n in (1, 4, 9, 14, 19)] == ["i", "iv", "ix", "xiv", "xix"]
    assert [alpha(n) for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]


def test_definitions_sort_as_a_lawyer_expects() -> None:
    terms = ["Agreement", "2006 Act", "2000 Act", "business Day", "Better Care Fund"]
    assert sorted(terms, key=sort_key) == [
        "2000 Act",
        "2006 Act",
        "Agreement",
        "Better Care Fund",
        "business Day",
    ]


BASE = {
    "clauses/010-defs.md": """
        ---
        id: definitions
        title: Definitions
        order: 100
        ---
        - In this *Agreement*:
        :: definitions
        """,
    "definitions/agreement.md": """
        ---
        id: agreement
        term: Agreement
        ---
        means this agreement, including the *Schedules*;
        """,
    "definitions/schedules.md": """
        ---
        id: schedules
        term: Schedule
        ---
        means a schedule to this agreement;
        """,
    "definitions/unused.md": """
        ---
        id: unused
        term: Unused Term
        ---
        means nothing at all;
        """,
}


def build_with(tmp_path: Path, files: dict[str, str], data: SchemeFile | None = None) -> str:
    lib = load_library([write_library(tmp_path, {**BASE, **files})], defaults=False)
    return pformat(build_tree(data or mini_scheme(), lib))


def test_only_used_terms_are_defined_including_through_other_definitions(
    tmp_path: Path,
) -> None:
    tree = build_with(tmp_path, {})
    assert "Definition 'Agreement'" in tree
    assert "Definition 'Schedule'" in tree  # used only inside the Agreement definition
    assert "Unused Term" not in tree
    assert "Definition 'Council'" not in tree  # a partner term, but this document never uses it


def test_an_undefined_term_stops_the_build_with_a_suggestion(tmp_path: Path) -> None:
    files = {
        "clauses/020-x.md": """
            ---
            id: x
            title: X
            order: 200
            ---
            - The *Agreements* apply and *Schedul* too.
            """
    }
    with pytest.raises(ErrorList) as info:
        build_with(tmp_path, files)
    messages = [str(e) for e in info.value.errors]
    assert any(
        "020-x.md:6: term 'Schedul' is used but not defined (did you mean 'Schedule'?)" in m
        for m in messages
    ), messages
    assert {e.code for e in info.value.errors if "'Schedul'" in str(e)} == {"lib-undefined-term"}


def test_conditional_clause_is_left_out_and_everything_renumbers(tmp_path: Path) -> None:
    files = {
        "clauses/020-pooled.md": """
            ---
            id: pooled
            title: Pooled fund
            order: 200
            when: uses("pooled_fund")
            ---
            - The pooled fund.
            """,
        "clauses/030-end.md": """
            ---
            id: end
            title: Ending
            order: 300
            ---
            - {#end-notice} Notice is given under [[end-notice|this]] and [[end]].
            """,
    }
    with_pool = build_with(tmp_path / "a", files)
    assert "Item 3 #end 'Ending'" in with_pool
    assert "<ref end-notice>this Clause 3.1</ref>" in with_pool
    data = mini_scheme()
    without = data.model_copy(
        update={
            "schemes": [s.model_copy(update={"flexibilities": ["aligned"]}) for s in data.schemes]
        }
    )
    tree = build_with(tmp_path / "b", files, without)
    assert "Pooled fund" not in tree
    assert "Item 2 #end 'Ending'" in tree
    assert "<ref end-notice>this Clause 2.1</ref> and <ref end>Clause 2</ref>" in tree


@pytest.mark.parametrize(
    ("body", "message", "code"),
    [
        (
            "- See [[definitons]].",
            "unknown label 'definitons' (did you mean 'definitions'?)",
            "lib-unknown-label",
        ),
        ("- See [[definitions|this]].", "is used outside the provision it names", "build-failed"),
        ("- {#dup} A.\n- {#dup} B.", "label 'dup' is also used at", "lib-duplicate-label"),
        ("- {#p1} See [[p1..scheme-bcf]].", "spans different parts", "build-failed"),
        ("- See [[scheme-bcf..scheme-equipment]].", "cite schedules one by one", "build-failed"),
    ],
)
def test_reference_errors(tmp_path: Path, body: str, message: str, code: str) -> None:
    files = {
        "clauses/020-x.md": f"---\nid: x\ntitle: X\norder: 200\n---\n{body}\n",
        "schedules/010-s.md": "---\nid: scheme\ntitle: S\nrepeat: schemes\n---\n- Text.\n",
    }
    with pytest.raises(ErrorList) as info:
        build_with(tmp_path, files)
    messages = " | ".join(str(e) for e in info.value.errors)
    assert message in messages
    assert "020-x.md:" in messages
    assert {e.code for e in info.value.errors if message in str(e)} == {code}


def test_schedule_references_say_which_schedule(tmp_path: Path) -> None:
    tree = mini_tree()
    refs = {
        (r.target, r.text)
        for node in tree.walk()
        for r in getattr(node, "inlines", [])
        if isinstance(r, Ref)
    }
    assert ("finance-contributions", "paragraph 1 of Schedule 3") in refs
    assert ("contribs", "paragraph 2 of this Schedule") in refs
    assert ("scheme-bcf.overview", "paragraph 1 of Schedule 1") in refs
    assert ("term-start", "Clauses 2.1 to 3.1") in refs


def test_every_numbered_item_has_a_unique_full_number_per_division() -> None:
    tree = mini_tree()
    seen: set[tuple[int, str]] = set()
    for division, node in enumerate(tree.children):
        for item in (n for n in [node, *node.walk()] if isinstance(n, Item)):
            key = (division, item.full_number)
            assert key not in seen, item.full_number
            seen.add(key)


def test_money_formats() -> None:
    from decimal import Decimal

    assert format_pounds(Decimal("1234567.5"), pence=True) == "£1,234,567.50"
    assert format_pounds(Decimal("1234567"), pence=False) == "£1,234,567"
    assert format_millions(Decimal("13159400")) == "£13.159m"
    assert format_millions(Decimal("13159500")) == "£13.160m"


def test_pence_shown_everywhere_when_any_amount_has_pence() -> None:
    tree = pformat(mini_tree())
    assert "£1,000,000.00" in tree  # a whole amount, shown with pence for consistency
    data = mini_scheme()
    whole = data.model_copy(
        update={
            "schemes": [
                s.model_copy(
                    update={
                        "contributions": [
                            c.model_copy(update={"amount": c.amount.to_integral_value()})
                            for c in s.contributions
                        ]
                    }
                )
                for s in data.schemes
            ]
        }
    )
    tree = pformat(build_tree(whole, mini_library()))
    assert "£1,000,000 " in tree and ".00" not in tree


def test_build_does_not_mutate_the_library() -> None:
    lib = mini_library()
    before = copy.deepcopy(lib.sources)
    build_tree(mini_scheme(), lib)
    assert lib.sources == before
    assert isinstance(next(iter(lib.sources.values())).body, str)


def test_definitions_list_entries_are_definitions() -> None:
    tree = mini_tree()
    entries = [n for n in tree.walk() if isinstance(n, Definition)]
    assert [e.term for e in entries] == sorted((e.term for e in entries), key=sort_key)
