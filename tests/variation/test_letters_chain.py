"""No renumbering across successive variations: v1 -> v2 -> v3 of the Fairhaven agreement.
v2 adds Schedule 6A and Clause 33.6A; v3 inserts after the lettered Clause 33.6A (33.6B)
and after Clause 33.1 (33.1A), and deletes Clause 33.5 (which stays as "[Not used]")."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest

from s75docs.check.run import check_document
from s75docs.doctree.cite import CiteKind
from s75docs.doctree.nodes import Block, Document, Item, Para, Recital, Schedule, inline_text
from s75docs.errors import InputError
from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.pipeline import (
    build,
    build_tree,
    load_variation,
    render_bytes,
    variation_documents,
    variation_edits,
)
from s75docs.variation.apply import agreement_text
from s75docs.variation.cite import CitationIndex
from s75docs.variation.vary import Variation, compute, verify
from tests.render.test_blackline import assert_round_trip, compare
from tests.variation.letters_chain import chain_variations, write_chain

NUMBERED = (CiteKind.CLAUSE, CiteKind.PARAGRAPH, CiteKind.SCHEDULE, CiteKind.RECITAL)


@functools.cache
def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="s75docs-letters-"))


@functools.cache
def chain() -> tuple[Variation, Variation]:
    return chain_variations(folder())


def _deed_lines(variation: Variation) -> list[str]:
    deed, _conformed = variation_documents(variation)  # proves the deed out first
    return [
        inline_text(n.inlines)
        for n in deed.walk()
        if isinstance(n, Item | Para | Recital) and n.inlines
    ]


def test_v2_deed_letters_its_insertions_and_moves_no_number() -> None:
    v12, _ = chain()
    lines = _deed_lines(v12)
    assert "A new Clause 33.6A is inserted after Clause 33.6:" in lines
    assert (
        "A new Schedule 6A (Individual Scheme Specification: Dementia Support Service) is"
        " inserted after Schedule 6, in the form set out in Annex 1." in lines
    )
    # added after the last provision of its level: the next number, nothing moves
    assert "A new Clause 4.2.7 is inserted after Clause 4.2.6:" in lines
    assert not any("renumbered" in line for line in lines)


def test_v3_deed_cites_the_lettered_numbers_of_v2() -> None:
    _, v23 = chain()
    lines = _deed_lines(v23)
    variations = [
        line
        for line in lines
        if line.startswith(("A new ", "Clause "))
        and ("is inserted" in line or "is deleted" in line)
    ]
    assert variations == [
        "A new Clause 33.1A is inserted after Clause 33.1:",
        "Clause 33.5 is deleted and replaced with the words “[Not used]”.",
        "A new Clause 33.6B is inserted after Clause 33.6A:",
    ]
    assert (
        "“33.6B The Joint Commissioning Group will publish the register kept under Clause"
        " 33.6A on each Partner's website.”" in lines
    )


def test_v3_conformed_copy_carries_every_number() -> None:
    _, v23 = chain()
    text = agreement_text(v23.new)
    starts = [line.split(" ", 1)[0] for line in text]
    for number in ("33.1", "33.1A", "33.2", "33.5", "33.6", "33.6A", "33.6B", "33.7"):
        assert number in starts, number
    assert starts.index("33.1A") == starts.index("33.1") + 1
    assert "33.5 [Not used]" in text
    assert "Schedule 6A Individual Scheme Specification: Dementia Support Service" in text
    assert "Schedule 7 Better Care Fund" in text


def _fresh(path: Path) -> tuple[object, Document]:
    data = load_scheme(path)
    return data, build_tree(data, load_library([]), variation_edits(path, data), path)


def _inside_deleted(node: Block, parents: dict[int, Block], deleted: set[int]) -> bool:
    above: Block | None = node
    while above is not None and id(above) not in deleted:
        above = parents.get(id(above))
    return above is not None


def test_every_citation_of_the_agreement_as_made_still_points_at_its_provision() -> None:
    """Built afresh and pinned step by step (v1 -> v2 -> v3), the provisions are followed
    from version to version; every clause, paragraph, schedule and recital number of v1
    names in v3 the provision it named in v1 (or what is left of it: "[Not used]")."""
    v1, v2, v3 = write_chain(Path(tempfile.mkdtemp(prefix="s75docs-letters-")))
    (d1, t1), (d2, t2), (d3, t3) = _fresh(v1), _fresh(v2), _fresh(v3)
    first = compute(d1, t1, d2, t2)  # type: ignore[arg-type]
    second = compute(d2, t2, d3, t3)  # type: ignore[arg-type]
    verify(first)
    verify(second)
    assert first.pinning is not None and second.pinning is not None
    deleted = {id(first.pinning.matches[s]) for s in first.pinning.stubs}
    deleted |= {
        id(first.pinning.matches.get(id(second.pinning.matches[s]), second.pinning.matches[s]))
        for s in second.pinning.stubs
    }
    parents = {id(c): p for p in t1.walk() for c in p.children}
    old, new = CitationIndex(t1), CitationIndex(t3)
    checked = 0
    for cite, node in old.by_citation.items():
        if cite.kind not in NUMBERED:
            continue
        there = new.find(cite)
        if there is None:
            assert _inside_deleted(node, parents, deleted), f"{cite.text} is gone"
            continue
        in_v2 = second.pinning.matches.get(id(there))
        assert in_v2 is not None, f"{cite.text} names a new provision in v3"
        assert first.pinning.matches.get(id(in_v2)) is node, f"{cite.text} names another one"
        checked += 1
    assert checked > 700


def test_comparisons_accept_to_the_conformed_copy_and_reject_to_the_old() -> None:
    for variation in chain():
        assert_round_trip(variation.old, variation.new, compare(variation.old, variation.new))


def test_restate_style_restates_the_whole_agreement_renumbered() -> None:
    v1, v2, _ = write_chain(Path(tempfile.mkdtemp(prefix="s75docs-restate-")))
    variation = load_variation(v1, v2, load_library([]), "restate")
    deed, conformed = variation_documents(variation)
    lines = [inline_text(n.inlines) for n in deed.walk() if isinstance(n, Item | Para)]
    assert deed.title.startswith("Deed of Variation and Restatement")
    assert any("is amended and restated in the form set out in the Annexes" in x for x in lines)
    assert not any(x.startswith("A new ") for x in lines)  # no instruction by instruction
    annexes = [n for n in deed.children if isinstance(n, Schedule)]
    titles = [a.title for a in annexes]
    assert titles[0] == "The Agreement as amended and restated"
    # renumbered: the new scheme is Schedule 7, and the later schedules move on
    assert titles[7] == "Schedule 7 (Individual Scheme Specification: Dementia Support Service)"
    assert titles[8] == "Schedule 8 (Better Care Fund)"
    register = [
        n
        for n in annexes[0].walk()
        if isinstance(n, Item)
        and inline_text(n.inlines).startswith("Besides the register of Operational Variations")
    ]
    assert [n.full_number for n in register] == ["33.7"]  # 33.6A in the default style
    numbers = [line.split(" ", 1)[0] for line in agreement_text(conformed)]
    assert "33.6A" not in numbers and "Schedule 6A" not in " ".join(agreement_text(conformed))


def test_s75docs_check_reads_the_lettered_conformed_copies_clean(tmp_path: Path) -> None:
    """The checker reads typed lettered numbers ("33.6A", "Schedule 6A") as numbers: the
    provisions after them keep their sequence, and nothing is reported."""
    for n, variation in enumerate(chain()):
        _deed, conformed = variation_documents(variation)
        for fmt in ("docx", "md"):
            path = tmp_path / f"conformed-{n}.{fmt}"
            path.write_bytes(render_bytes(conformed, fmt))
            result = check_document(path)
            assert [f"{f.code}: {f.message}" for f in result.findings] == [], path.name


def test_a_varied_agreement_without_varies_is_refused_at_its_record(tmp_path: Path) -> None:
    """Without `varies:`, the lettered numbers of v2 cannot be worked out: one FILE:LINE
    error at the record, not a deed citing the wrong numbers."""
    _v1, v2, v3 = write_chain(tmp_path)
    v2.write_text(
        "\n".join(
            line for line in v2.read_text("utf-8").splitlines() if "varies: scheme.yaml" not in line
        )
        + "\n",
        "utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_variation(v2, v3, load_library([]))
    error = caught.value
    assert str(error.location).startswith(f"{v2}:") and "varies: FILE" in error.message


def test_build_of_a_varied_scheme_file_is_its_conformed_copy(tmp_path: Path) -> None:
    """`s75docs build scheme-v3.yaml` gives the agreement as the deeds left it: the lettered
    numbers, not a fresh renumbering that would break every citation of it."""
    _v1, v2, v3 = write_chain(tmp_path)
    for variation, scheme in zip(chain(), (v2, v3), strict=True):
        _deed, conformed = variation_documents(variation)
        built = build(scheme, tmp_path / f"{scheme.stem}.md")
        assert built.read_bytes() == render_bytes(conformed, "md"), scheme.name
        assert "Variation history" in built.read_text("utf-8")
