"""Pipe tables in library text: caption and label, dash widths, colon alignment, errors."""

from __future__ import annotations

import pytest

from s75docs.assemble.outline import OutlineParser, mark_lines
from s75docs.doctree.nodes import Block, Item, MoneyAmount, Ref, Table, inline_text
from s75docs.errors import InputError, Location

TABLE = """- Lead in:

Table: Risks and answers {#table-risks}
| Risk | Answer | Cost |
|------|------------|---:|
| One \\| two | See [[risk-share]] | \ue00012\ue001 |
| Three | Four | |
"""


def _none(name: str, params: dict[str, str], loc: Location) -> list[Block]:
    return []


def parse(text: str) -> list[Block]:
    return OutlineParser("f.md", 0, _none, headings=False, base=2).parse(mark_lines(text))


def test_a_table_with_caption_widths_and_alignment() -> None:
    item, table = parse(TABLE)
    assert isinstance(item, Item) and isinstance(table, Table)
    assert (table.caption, table.label) == ("Risks and answers", "table-risks")
    assert [inline_text(c.inlines) for c in table.header] == ["Risk", "Answer", "Cost"]
    assert table.widths == [6, 12, 3]
    assert [c.align for c in table.header] == ["left", "left", "right"]
    first = table.rows[0]
    assert inline_text(first[0].inlines) == "One | two"
    assert any(isinstance(i, Ref) for i in first[1].inlines)
    assert isinstance(first[2].inlines[0], MoneyAmount)
    assert table.location.line == 4
    assert len(table.rows) == 2


def test_table_errors_name_the_line() -> None:
    with pytest.raises(InputError) as info:
        parse("| a | b |\n| c | d |\n")
    assert "row of dashes" in str(info.value) and str(info.value).startswith("f.md:2:")
    with pytest.raises(InputError) as info:
        parse("| a | b |\n|---|---|\n| c |\n")
    assert str(info.value) == "f.md:3: this row has one cell; the table has 2 columns"
    with pytest.raises(InputError, match="caption must be followed by its table"):
        parse("Table: Lonely\n- text\n")
