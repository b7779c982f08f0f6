"""Parse a rendered library body (numbered outline, bullets, tables, directives) into nodes."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field

from s75docs.assemble.markup import parse_inlines
from s75docs.assemble.pipe_table import caption, parse_table
from s75docs.doctree.nodes import Block, Item, Para
from s75docs.errors import InputError, Location

LINE_MARK = "\ue002"
LINE_MARK_END = "\ue003"

_LABEL = re.compile(r"^\{#(?P<label>[a-z0-9][a-z0-9.-]*)\}\s*")
_HEADING_LABEL = re.compile(r"\s*\{#(?P<label>[a-z0-9][a-z0-9.-]*)\}\s*$")
_MARKED = re.compile(rf"{LINE_MARK}(\d+){LINE_MARK_END}")

Directive = Callable[[str, dict[str, str], Location], list[Block]]


def mark_lines(body: str) -> str:
    """Append a source line marker to every line outside Jinja tags, so rendered text
    can be traced back to the library file line after loops and conditions."""
    out: list[str] = []
    depth = 0
    for number, line in enumerate(body.split("\n"), start=1):
        depth += line.count("{{") + line.count("{%") + line.count("{##")
        depth -= line.count("}}") + line.count("%}") + line.count("##}")
        stripped = line.strip()
        only_tag = stripped.startswith("{%") and stripped.endswith("%}")
        if depth == 0 and stripped and not only_tag:
            line = f"{line}{LINE_MARK}{number}{LINE_MARK_END}"
        out.append(line)
    return "\n".join(out)


def directive_call(content: str, loc: Location) -> tuple[str, dict[str, str]]:
    """':: name key=value key="two words"' -> (name, params)."""
    try:
        name, *args = shlex.split(content[3:])
    except ValueError as exc:
        raise InputError(f"directive: {exc}", loc) from None
    params: dict[str, str] = {}
    for arg in args:
        key, eq, value = arg.partition("=")
        params[key] = value if eq else ""
    return name, params


def relevel(blocks: list[Block], level: int) -> None:
    """Numbered provisions a directive inserts take the level of the place they stand."""
    for block in blocks:
        if isinstance(block, Item):
            block.level = level
            relevel(block.children, level + 1)


@dataclass
class _Open:
    node: Item | Para
    indent: int
    parts: list[str]
    location: Location


@dataclass
class _Table:
    indent: int
    lines: list[tuple[str, Location]] = field(default_factory=list)
    title: str = ""
    label: str | None = None


class OutlineParser:
    """Numbered outline -> Items. `base` is the level of a top `- ` line."""

    def __init__(
        self,
        file: str,
        line_offset: int,
        directive: Directive,
        *,
        headings: bool,
        base: int,
        max_level: int = 5,
        scope: str | None = None,
        prefix_labels: bool = False,
    ) -> None:
        self.file = file
        self.line_offset = line_offset
        self.directive = directive
        self.headings = headings
        self.base = base
        self.max_level = max_level
        self.scope = scope
        self.prefix_labels = prefix_labels

    def _label(self, raw: str) -> str:
        return f"{self.scope}.{raw}" if self.scope and self.prefix_labels else raw

    def parse(self, rendered: str) -> list[Block]:
        return _Parse(self).run(rendered)


class _Parse:
    """One pass over the rendered lines, holding what is open."""

    def __init__(self, parser: OutlineParser) -> None:
        self.p = parser
        self.top: list[Block] = []
        self.stack: list[tuple[int, Item]] = []  # (indent, item)
        self.heading: Item | None = None
        self.current: _Open | None = None
        self.table: _Table | None = None
        self.caption: tuple[str, str | None] | None = None

    def flush(self) -> None:
        if self.current is not None:
            current = self.current
            text = " ".join(part.strip() for part in current.parts if part.strip())
            current.node.inlines = parse_inlines(text, current.location, self.p.scope)
            self.current = None
        if self.table is not None:
            table = self.table
            self.table = None
            label = self.p._label(table.label) if table.label else None
            built = parse_table(table.lines, table.title, label, self.p.scope)
            self.container_for(table.indent).append(built)

    def container_for(self, indent: int) -> list[Block]:
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        if self.stack:
            return self.stack[-1][1].children
        return self.heading.children if self.heading is not None else self.top

    def run(self, rendered: str) -> list[Block]:
        last_line = 1
        for raw in rendered.split("\n"):
            marks = _MARKED.findall(raw)
            line_no = int(marks[-1]) if marks else None
            line = _MARKED.sub("", raw).rstrip()
            if line_no is not None:
                last_line = line_no
            loc = Location(self.p.file, (line_no or last_line) + self.p.line_offset)
            if not line.strip():
                self.flush()
                continue
            self.line(line, loc)
        self.flush()
        if self.caption is not None:
            raise InputError("a 'Table:' caption must be followed by its table", loc)
        return self.top

    def line(self, line: str, loc: Location) -> None:
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise InputError("indent with spaces, two per level, not with tabs", loc)
        indent = len(line) - len(line.lstrip(" "))
        content = line.strip()
        if content.startswith("|"):
            self.table_row(indent, content, loc)
            return
        if self.table is not None:
            self.flush()
        if self.caption is not None:
            raise InputError("a 'Table:' caption must be followed by its table", loc)
        found = caption(content) if content.startswith("Table:") else None
        if found is not None:
            self.flush()
            self.caption = found
        elif content.startswith("## ") and self.p.headings:
            self.open_heading(content, loc)
        elif content.startswith(":: "):
            self.flush()
            name, params = directive_call(content, loc)
            container = self.container_for(indent)
            holder = self.stack[-1][1] if self.stack else self.heading
            blocks = self.p.directive(name, params, loc)
            relevel(blocks, holder.level + 1 if holder is not None else self.p.base)
            container.extend(blocks)
        elif content.startswith(("- ", "* ")) or content in ("-", "*"):
            self.open_item(indent, content, loc)
        elif self.current is not None and indent >= self.current.indent:
            self.current.parts.append(content)
        else:
            self.flush()
            para = Para(location=loc)
            nested = self.stack and indent > self.stack[-1][0]
            self.container_for(indent + 1 if nested else indent).append(para)
            self.current = _Open(para, indent, [content], loc)

    def table_row(self, indent: int, content: str, loc: Location) -> None:
        if self.table is None:
            self.flush()
            title, label = self.caption or ("", None)
            self.caption = None
            self.table = _Table(indent, title=title, label=label)
        self.table.lines.append((content, loc))

    def open_heading(self, content: str, loc: Location) -> None:
        self.flush()
        self.stack.clear()
        title = content[3:].strip()
        label = None
        m = _HEADING_LABEL.search(title)
        if m:
            label = self.p._label(m.group("label"))
            title = title[: m.start()].strip()
        self.heading = Item(level=self.p.base, title=title, label=label, location=loc)
        self.top.append(self.heading)

    def open_item(self, indent: int, content: str, loc: Location) -> None:
        self.flush()
        if indent % 2:
            raise InputError("indent numbered paragraphs by two spaces per level", loc)
        level = self.p.base + (1 if self.heading is not None else 0) + indent // 2
        if level > self.p.max_level:
            raise InputError(f"numbered paragraph nested too deep (level {level})", loc)
        parent_level = self.stack[-1][1].level if self.stack else None
        text = content[2:]
        label = None
        m = _LABEL.match(text)
        if m:
            label = self.p._label(m.group("label"))
            text = text[m.end() :]
        item = Item(level=level, label=label, location=loc, bullet=content.startswith("*"))
        target = self.container_for(indent)
        if parent_level is not None and self.stack and level > self.stack[-1][1].level + 1:
            raise InputError("numbered paragraph skips a level", loc)
        if not self.stack and self.heading is None and level != self.p.base and not self.top:
            raise InputError("first numbered paragraph must not be indented", loc)
        target.append(item)
        self.stack.append((indent, item))
        self.current = _Open(item, indent, [text], loc)
