"""The outline parser: levels, labels, inline markup, directives and line numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from s75docs.assemble.markup import money, parse_inlines
from s75docs.assemble.outline import OutlineParser, mark_lines
from s75docs.doctree.nodes import Block, Item, MoneyAmount, Para, Ref, RefForm, Term, TermDef, Text
from s75docs.errors import InputError, Location


def _no_directive(name: str, params: dict[str, str], loc: Location) -> list[Block]:
    return [Para(inlines=[Text(f"<{name} {sorted(params.items())}>")], location=loc)]


def parse(text: str, *, headings: bool = False, base: int = 2) -> list[Block]:
    parser = OutlineParser("f.md", 0, _no_directive, headings=headings, base=base)
    return parser.parse(mark_lines(text))


def test_levels_follow_indentation() -> None:
    blocks = parse("- one\n  - one.one\n    - a\n      - i\n- two\n")
    one, two = blocks
    assert isinstance(one, Item) and one.level == 2
    child = one.children[0]
    assert isinstance(child, Item) and child.level == 3
    a = child.children[0]
    assert isinstance(a, Item) and a.level == 4
    assert isinstance(a.children[0], Item) and a.children[0].level == 5
    assert isinstance(two, Item) and two.level == 2


def test_continuation_lines_join_the_paragraph() -> None:
    (item,) = parse("- first half\n  second half\n")
    assert isinstance(item, Item)
    assert item.inlines == [Text("first half second half")]


def test_labels_and_line_numbers() -> None:
    blocks = parse("\n- {#alpha} text\n\n- {#beta} more\n")
    assert [b.label for b in blocks] == ["alpha", "beta"]
    assert [b.location.line for b in blocks] == [2, 4]


def test_jinja_loops_keep_source_lines() -> None:
    from jinja2 import Environment

    body = "{% for i in [1, 2] %}\n- item {{ i }}\n{% endfor %}\n- after\n"
    marked = mark_lines(body)
    rendered = Environment(trim_blocks=True, lstrip_blocks=True).from_string(marked).render()
    parser = OutlineParser("f.md", 10, _no_directive, headings=False, base=2)
    blocks = parser.parse(rendered)
    assert [b.location.line for b in blocks] == [12, 12, 14]


def test_schedule_headings_open_level_one_paragraphs() -> None:
    blocks = parse("## Overview {#ov}\n- text\n## Money\n- more\n", headings=True, base=1)
    first, second = blocks
    assert isinstance(first, Item) and first.title == "Overview" and first.label == "ov"
    assert first.level == 1
    assert isinstance(first.children[0], Item) and first.children[0].level == 2
    assert isinstance(second, Item) and second.label is None


def test_directive_lines_call_back() -> None:
    item, table = parse("- lead:\n:: summary-table scheme=bcf\n")
    assert isinstance(item, Item) and isinstance(table, Para)  # unindented: after the item
    blocks = parse("- lead:\n  :: summary-table scheme=bcf\n")
    (item,) = blocks
    assert isinstance(item, Item)
    para = item.children[0]
    assert isinstance(para, Para)
    assert para.inlines == [Text("<summary-table [('scheme', 'bcf')]>")]


def test_inline_markup() -> None:
    loc = Location("f.md", 1)
    inlines = parse_inlines(
        "The *Partner*s under [[a..b]] and [[c|this]] define **Host** for " + money("12.50"),
        loc,
    )
    assert inlines[0] == Text("The ")
    assert inlines[1] == Term("Partner", "Partners")
    ref = inlines[3]
    assert isinstance(ref, Ref) and (ref.target, ref.end) == ("a", "b")
    this = inlines[5]
    assert isinstance(this, Ref) and this.form is RefForm.THIS and this.target == "c"
    assert inlines[7] == TermDef("Host")
    assert inlines[-1] == MoneyAmount(Decimal("12.50"))


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("- a\n      - too deep\n", "skips a level", 2),
        ("- a\n   - odd indent\n", "two spaces", 2),
        ("- see [[Bad Label]]\n", "malformed cross-reference", 1),
    ],
)
def test_malformed_outlines_name_the_line(text: str, message: str, line: int) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse(text)
    assert info.value.location.line == line


def test_bullets_are_points_that_are_not_counted() -> None:
    (lead,) = parse("- Lead:\n  * first\n  * second\n")
    assert isinstance(lead, Item)
    bullets = [c for c in lead.children if isinstance(c, Item)]
    assert [(b.level, b.bullet) for b in bullets] == [(3, True), (3, True)]


def test_directive_items_take_the_level_where_they_stand() -> None:
    def items(name: str, params: dict[str, str], loc: Location) -> list[Block]:
        assert params == {"end": ";", "last": "; and", "bullets": ""}
        return [Item(level=9, children=[Item(level=9)])]

    parser = OutlineParser("f.md", 0, items, headings=False, base=2)
    (lead,) = parser.parse('- Lead:\n  - point\n    :: things end=";" last="; and" bullets\n')
    assert isinstance(lead, Item)
    (point,) = lead.children
    assert isinstance(point, Item)
    (inserted,) = point.children
    assert isinstance(inserted, Item) and inserted.level == 4
    assert isinstance(inserted.children[0], Item) and inserted.children[0].level == 5


def test_tabs_are_refused_not_read_as_a_level() -> None:
    with pytest.raises(InputError, match=r"^f\.md:2: indent with spaces, two per level"):
        parse("- one\n\t- two\n")
