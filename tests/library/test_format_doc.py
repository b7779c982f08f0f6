"""docs/library-format.md stays true: every example in it is built (into the Fairhaven agreement,
its Cabinet report or library-lint) and prints what the page says, and its reference tables
list exactly what the code has."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from s75docs.assemble.context import make_context
from s75docs.diagnostics import CODES
from s75docs.doctree.nodes import (
    Definition,
    DefinitionItem,
    Document,
    Item,
    Para,
    Recital,
    Schedule,
    Table,
    inline_text,
)
from s75docs.library.directives import DIRECTIVES
from s75docs.library.lint import lint_library
from s75docs.library.loader import default_dirs, library_files, load_library
from s75docs.library.source import FrontMatter, Kind, parse_source
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree, report_context
from s75docs.reports.build import ReportBuilder
from tests.helpers import ROOT, example_libraries

DOC = ROOT / "docs" / "library-format.md"
EXAMPLES = ROOT / "examples"
FAIRHAVEN = EXAMPLES / "fairhaven"
SKIP = "..."  # in an expected output: any lines


@dataclass
class Block:
    """A fenced block of the page: its language, its key=value words, its text and line."""

    language: str
    attrs: dict[str, str]
    text: str
    line: int


def blocks(text: str) -> list[Block]:
    """Every fenced block; "```markdown example=review path=clauses/x.md" gives the language
    "markdown" and the attributes {"example": "review", "path": "clauses/x.md"}."""
    out: list[Block] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        opening = re.match(r"^```(\S*)\s*(.*)$", lines[i])
        if not opening:
            i += 1
            continue
        start = i
        i += 1
        body: list[str] = []
        while not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        attrs = {}
        for word in shlex.split(opening.group(2)):
            key, _, value = word.partition("=")
            attrs[key] = value
        out.append(Block(opening.group(1), attrs, "\n".join(body) + "\n", start + 1))
        i += 1
    return out


PAGE = blocks(DOC.read_text(encoding="utf-8"))
OUTPUTS = [(n, b) for n, b in enumerate(PAGE) if "output" in b.attrs]


def _files_before(index: int) -> dict[str, str]:
    name = PAGE[index].attrs["example"]
    files: dict[str, str] = {}
    for block in PAGE[:index]:
        if block.attrs.get("example") == name and "path" in block.attrs:
            files[block.attrs["path"]] = block.text
    assert files, f"line {PAGE[index].line}: no example files named '{name}' before it"
    return files


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# ------------------------------------------------------------------ what a reader sees


def agreement_lines(doc: Document) -> list[str]:
    """The built agreement, a line for each heading, paragraph, definition and table row,
    with its number as printed."""
    out: list[str] = []
    for node in doc.walk():
        if isinstance(node, Schedule):
            out.append(f"{node.name} {node.number} {node.title}")
        elif isinstance(node, Item):
            number = "\u2022" if node.bullet else node.number
            text = inline_text(node.inlines)
            if node.title:
                out += [f"{number} {node.title}", *([text] if text else [])]
            else:
                out.append(f"{number} {text}")
        elif isinstance(node, Definition):
            out.append(f"{node.term} {inline_text(node.inlines)}")
        elif isinstance(node, DefinitionItem | Recital):
            out.append(f"{node.number} {inline_text(node.inlines)}")
        elif isinstance(node, Para):
            out.append(inline_text(node.inlines))
        elif isinstance(node, Table):
            out += _table_lines(node)
    return out


def _table_lines(table: Table) -> list[str]:
    """Caption, the columns' share of the width and alignment, then each row."""
    out = [f"Table: {table.caption}"] if table.caption else []
    whole = sum(table.widths) or 1
    columns = [
        f"{round(100 * width / whole)}% {cell.align}"
        for width, cell in zip(table.widths, table.header, strict=True)
    ]
    out.append(f"[columns: {', '.join(columns)}]")
    for row in [table.header, *table.rows]:
        out.append(" | ".join(inline_text(cell.inlines) for cell in row))
    return out


def report_lines(context: dict[str, Any]) -> list[str]:
    """The report's sections as its Word template prints them: numbers, points, tables."""
    out: list[str] = []

    def points(items: list[dict[str, Any]]) -> None:
        for point in items:
            out.append(f"{point['label']} {point['text']}")
            points(point["sub"])

    for section in context["sections"]:
        out.append(f"{section['number']} {section['heading']}")
        for block in section["blocks"]:
            if block["kind"] == "table":
                table = block["table"]
                out.append(f"Table {table['number']}: {table['caption']}")
                for row in [{"cells": table["header"]}, *table["rows"]]:
                    out.append(" | ".join(cell["text"] for cell in row["cells"]))
            else:
                out.append(f"{block['number']} {block['text']}".strip())
            points(block["points"])
    return out


def lint_lines(root: Path) -> list[str]:
    return [str(d).replace(f"{root}/", "") for d in lint_library([root])]


def assert_in_order(expected: list[str], actual: list[str], where: str) -> None:
    """Each expected line is a whole line of the output, in order; '...' skips any lines,
    and without it the next expected line must follow at once."""
    position = 0
    skipping = True  # the first expected line may stand anywhere
    for wanted in expected:
        if wanted == SKIP:
            skipping = True
            continue
        if skipping:
            found = next((i for i in range(position, len(actual)) if actual[i] == wanted), None)
        else:
            found = position if position < len(actual) and actual[position] == wanted else None
        if found is None:
            near = actual[max(0, position - 1) : position + 3]
            shown = "\n  ".join(near) or "(the end of the document)"
            pytest.fail(
                f"{where}: not found{' next' if not skipping else ''}:\n  {wanted}\n"
                f"the document has here:\n  {shown}"
            )
        position = found + 1
        skipping = False


# ------------------------------------------------------------------ the examples


def test_every_markdown_block_is_an_example() -> None:
    loose = [b.line for b in PAGE if b.language == "markdown" and "path" not in b.attrs]
    assert loose == [], f"lines {loose}: a markdown block without example=NAME path=FILE"
    for block in PAGE:
        if "example" in block.attrs:
            assert ("path" in block.attrs) != ("output" in block.attrs), block.line


def test_every_example_library_is_checked() -> None:
    names = {b.attrs["example"] for b in PAGE if "path" in b.attrs}
    checked = {b.attrs["example"] for _, b in OUTPUTS}
    assert names - checked == set(), "example files that no output block builds"
    assert {b.attrs["output"] for _, b in OUTPUTS} == {"agreement", "report", "lint"}


@pytest.mark.parametrize(
    "index",
    [n for n, _ in OUTPUTS],
    ids=[f"line-{b.line}-{b.attrs['example']}" for _, b in OUTPUTS],
)
def test_example_prints_what_the_page_says(index: int, tmp_path: Path) -> None:
    block = PAGE[index]
    root = _write(tmp_path / "council-library", _files_before(index))
    expected = [line for line in block.text.split("\n") if line.strip()]
    where = f"{DOC.name}:{block.line}"
    kind = block.attrs["output"]
    if kind == "agreement":
        scheme = EXAMPLES / block.attrs.get("scheme", "fairhaven") / "scheme.yaml"
        # an example's own period wording (examples/NAME/library) first, then the page's
        doc = build_tree(load_scheme(scheme), load_library([*example_libraries(scheme), root]))
        assert_in_order(expected, agreement_lines(doc), where)
    elif kind == "report":
        context = report_context(
            FAIRHAVEN / "scheme.yaml", FAIRHAVEN / "meeting.yaml", "cabinet", None, [root]
        )
        assert_in_order(expected, report_lines(context), where)
    else:
        assert kind == "lint", where
        assert lint_lines(root) == expected, where


def test_a_line_missing_or_out_of_order_fails() -> None:
    """The check itself: a line the document does not have, or has out of order, fails."""
    actual = ["1 One", "1.1 Text.", "2 Two"]
    assert_in_order(["1 One", "1.1 Text.", "2 Two"], actual, "ok")
    assert_in_order(["1.1 Text.", SKIP, "2 Two"], actual, "ok")
    for wrong in (["1 One", "2 Two"], ["2 Two", SKIP, "1 One"], ["1.1 Text!"]):
        with pytest.raises(pytest.fail.Exception):
            assert_in_order(wrong, actual, "wrong")


# ------------------------------------------------------------------ the reference tables


def checked_table(name: str) -> list[list[str]]:
    """The rows (cells) of the table after `<!-- checked: name -->`."""
    lines = DOC.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"<!-- checked: {name} -->") + 1
    rows: list[list[str]] = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
        rows.append([c.strip() for c in cells])
    assert rows, name
    return rows


def names_in(cell: str) -> list[str]:
    """`other_partner(word, adjective)`, `host` -> ['other_partner', 'host']."""
    return re.findall(r"`:*\s*([A-Za-z_][A-Za-z0-9_-]*)", cell)


def first_column(name: str) -> list[str]:
    return [n for row in checked_table(name) for n in names_in(row[0])]


def test_front_matter_keys() -> None:
    keys = first_column("front-matter")
    assert sorted(keys) == sorted(FrontMatter.model_fields)


def _clause_context() -> dict[str, Any]:
    data = load_scheme(FAIRHAVEN / "scheme.yaml")
    return make_context(data, data.schemes[0], load_library([]).data)


def test_clause_context_names() -> None:
    assert sorted(first_column("clause-context")) == sorted(_clause_context())


def test_report_context_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's own names; the page says a report also has the clause names except term,
    names and those of a repeated schedule."""
    seen: set[str] = set()
    build = ReportBuilder.build

    def spy(self: ReportBuilder) -> Any:
        report = build(self)
        seen.update(self.ctx)
        return report

    monkeypatch.setattr(ReportBuilder, "build", spy)
    report_context(FAIRHAVEN / "scheme.yaml", FAIRHAVEN / "meeting.yaml", "cabinet")
    report_context(
        FAIRHAVEN / "scheme-v2.yaml",
        FAIRHAVEN / "meeting-v2.yaml",
        "cabinet",
        FAIRHAVEN / "scheme.yaml",
    )
    own = set(first_column("report-context"))
    repeated = {"scheme", "host", "lead", "provider", "scheme_partners", "scheme_parties"}
    shared = set(_clause_context()) - {"term", "names", "other_partner", "other_partners"}
    shared -= repeated
    assert own <= seen, own - seen
    assert own | shared == seen


def test_directives() -> None:
    rows = checked_table("directives")
    listed = {names_in(row[0])[0]: (set(names_in(row[1])), row[2]) for row in rows}
    actual = {
        name: (set(spec.params), " ".join(sorted(spec.documents)))
        for name, spec in DIRECTIVES.items()
    }
    assert listed == actual


def test_report_parts() -> None:
    parts = {
        parse_source(path, root=folder).meta.part
        for folder in default_dirs()
        for path in library_files(folder)
        if parse_source(path, root=folder).kind is Kind.REPORT
    }
    assert set(first_column("report-parts")) == parts


def test_lint_codes() -> None:
    rows = checked_table("lint-codes")
    listed = {names_in(row[0])[0]: row[1] for row in rows}
    actual = {code: level.value for code, (level, _) in CODES.items() if code.startswith("lib-")}
    assert listed == actual
