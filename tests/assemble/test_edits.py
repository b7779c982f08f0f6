"""Clause-level edits by label (a variation's changes that are not scheme data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.doctree.nodes import Item, inline_text
from s75docs.errors import ErrorList, S75Error
from s75docs.model.loader import load_edits
from s75docs.pipeline import build_tree
from tests.helpers import mini_library, mini_scheme


def _build(tmp_path: Path, text: str) -> list[Item]:
    path = tmp_path / "edits.yaml"
    path.write_text(text, encoding="utf-8")
    doc = build_tree(mini_scheme(), mini_library(), load_edits(path))
    return [n for n in doc.walk() if isinstance(n, Item)]


def _line(items: list[Item], number: str) -> str:
    (item,) = [i for i in items if i.full_number == number and not i.title]
    return inline_text(item.inlines)


def test_insert_after_renumbers_and_can_be_cited(tmp_path: Path) -> None:
    items = _build(
        tmp_path,
        "edits:\n"
        "  - insert_after: term-start\n"
        "    label: term-review\n"
        "    text: The *Partner*s will review this *Agreement* before [[termination]] applies.\n",
    )
    body = [i for i in items if i.full_number.startswith("2.")][:3]
    assert [i.full_number for i in body] == ["2.1", "2.2", "2.3"]
    assert _line(items, "2.2") == (
        "The Partners will review this Agreement before Clause 4 applies."
    )
    assert _line(items, "2.3").startswith("Contributions are set out in")


def test_replace_append_and_delete(tmp_path: Path) -> None:
    items = _build(
        tmp_path,
        "edits:\n"
        "  - replace: term-start\n"
        "    text: This *Agreement* starts on the *Commencement Date*.\n"
        "  - append_to: pooled-fund\n"
        "    text: |-\n"
        "      Each *Partner* reports on the *Pooled Fund*:\n"
        "      - every quarter; and\n"
        "      - at the end of the year.\n"
        "  - insert_after: term-start\n"
        "    label: spare\n"
        "    text: A provision added and then taken out again.\n"
        "  - delete: spare\n",
    )
    assert _line(items, "2.1") == "This Agreement starts on the Commencement Date."
    assert _line(items, "2.2").startswith("Contributions are set out in")
    assert _line(items, "3.3") == "Each Partner reports on the Pooled Fund:"
    assert _line(items, "3.3.2") == "at the end of the year."


def test_deleting_a_provision_that_is_cited_names_the_citation(tmp_path: Path) -> None:
    with pytest.raises(ErrorList) as caught:
        _build(tmp_path, "edits:\n  - delete: pooled-a\n")
    assert "040-termination.md:6: unknown label 'pooled-a'" in str(caught.value.errors[0])


def test_an_unknown_label_names_the_edits_file_line_and_a_near_miss(tmp_path: Path) -> None:
    with pytest.raises(ErrorList) as caught:
        _build(tmp_path, "edits:\n  - delete: term-strat\n")
    (error,) = caught.value.errors
    assert str(error).startswith(f"{tmp_path / 'edits.yaml'}:2: edits[0].delete:")
    assert "did you mean 'term-start'" in str(error)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("edits:\n  - delete: a\n    replace: b\n", 2, "give exactly one of"),
        ("edits:\n  - replace: a\n", 2, "replace needs the new text"),
        ("edits:\n  - delete: a\n    colour: red\n", 3, "unknown key 'colour'"),
    ],
)
def test_bad_edits_are_file_line_errors(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "edits.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(S75Error) as caught:
        load_edits(path)
    error = caught.value.errors[0] if isinstance(caught.value, ErrorList) else caught.value
    assert str(error).startswith(f"{path}:{line}: edits[0]")
    assert message in str(error)
