"""Parse a rendered library body (numbered outline + inline markup) into tree nodes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from s75docs.assemble.context import MONEY_CLOSE, MONEY_OPEN
from s75docs.doctree.nodes import (
    Block,
    Inline,
    Item,
    MoneyAmount,
    Para,
    Ref,
    RefForm,
    Term,
    TermDef,
    Text,
)
from s75docs.errors import InputError, Location

LINE_MARK = "\ue002"
LINE_MARK_END = "\ue003"

_INLINE = re.compile(
    r"\[\[(?P<ref>[^\]]+)\]\]"
    r"|\*\*(?P<def>[^*]+)\*\*"
    r"|\*(?P<term>[^*\s][^*]*)\*(?P<suffix>(?:es|s)\b)?"
    rf"|{MONEY_OPEN}(?P<money>[^{MONEY_CLOSE}]+){MONEY_CLOSE}"
)
_LABEL = re.compile(r"^\{#(?P<label>[a-z0-9][a-z0-9.-]*)\}\s*")
_HEADING_LABEL = re.compile(r"\s*\{#(?P<label>[a-z0-9][a-z0-9.-]*)\}\s*$")
_NAME = r"[a-z0-9](?:[a-z0-9-]|\.(?!\.))*"
_REF_BODY = re.compile(rf"^(?P<a>{_NAME})(?:\.\.(?P<b>{_NAME}))?(?:\|(?P<form>this))?$")
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


def parse_inlines(text: str, location: Location, scope: str | None = None) -> list[Inline]:
    """Split text into Text, Ref, Term, TermDef and MoneyAmount inlines."""
    out: list[Inline] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            out.append(Text(text[pos : match.start()]))
        pos = match.end()
        if match.group("ref") is not None:
            body = match.group("ref").strip()
            m = _REF_BODY.match(body)
            if not m:
                raise InputError(f"malformed cross-reference [[{body}]]", location)
            out.append(
                Ref(
                    target=m.group("a"),
                    end=m.group("b"),
                    form=RefForm.THIS if m.group("form") else RefForm.FULL,
                    location=location,
                    scope=scope,
                )
            )
        elif match.group("def") is not None:
            out.append(TermDef(match.group("def").strip()))
        elif match.group("term") is not None:
            name = match.group("term").strip()
            out.append(Term(name, name + (match.group("suffix") or "")))
        else:
            out.append(MoneyAmount(Decimal(match.group("money"))))
    if pos < len(text):
        out.append(Text(text[pos:]))
    return _merge_text(out)


def _merge_text(inlines: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return out


@dataclass
class _Open:
    node: Item | Para
    indent: int
    parts: list[str]
    location: Location


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
        top: list[Block] = []
        stack: list[tuple[int, Item]] = []  # (indent, item)
        heading: Item | None = None
        current: _Open | None = None
        last_line = 1

        def flush() -> None:
            nonlocal current
            if current is not None:
                text = " ".join(p.strip() for p in current.parts if p.strip())
                current.node.inlines = parse_inlines(text, current.location, self.scope)
                current = None

        def container_for(indent: int) -> list[Block]:
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if stack:
                return stack[-1][1].children
            return heading.children if heading is not None else top

        for raw in rendered.split("\n"):
            marks = _MARKED.findall(raw)
            line_no = int(marks[-1]) if marks else None
            line = _MARKED.sub("", raw).rstrip()
            if line_no is not None:
                last_line = line_no
            loc = Location(self.file, (line_no or last_line) + self.line_offset)
            if not line.strip():
                flush()
                continue
            indent = len(line) - len(line.lstrip(" "))
            content = line.strip()
            if content.startswith("## ") and self.headings:
                flush()
                stack.clear()
                title = content[3:].strip()
                label = None
                m = _HEADING_LABEL.search(title)
                if m:
                    label = self._label(m.group("label"))
                    title = title[: m.start()].strip()
                heading = Item(level=self.base, title=title, label=label, location=loc)
                top.append(heading)
                continue
            if content.startswith(":: "):
                flush()
                name, *args = content[3:].split()
                params = {k: v for k, _, v in (a.partition("=") for a in args)}
                container_for(indent).extend(self.directive(name, params, loc))
                continue
            if content.startswith("- ") or content == "-":
                flush()
                if indent % 2:
                    raise InputError("indent numbered paragraphs by two spaces per level", loc)
                level = self.base + (1 if heading is not None else 0) + indent // 2
                if level > self.max_level:
                    raise InputError(f"numbered paragraph nested too deep (level {level})", loc)
                parent_level = stack[-1][1].level if stack else None
                text = content[2:]
                label = None
                m = _LABEL.match(text)
                if m:
                    label = self._label(m.group("label"))
                    text = text[m.end() :]
                item = Item(level=level, label=label, location=loc)
                target = container_for(indent)
                if parent_level is not None and stack and level > stack[-1][1].level + 1:
                    raise InputError("numbered paragraph skips a level", loc)
                if not stack and heading is None and level != self.base and not top:
                    raise InputError("first numbered paragraph must not be indented", loc)
                target.append(item)
                stack.append((indent, item))
                current = _Open(item, indent, [text], loc)
                continue
            if current is not None and indent >= current.indent:
                current.parts.append(content)
                continue
            flush()
            para = Para(location=loc)
            container_for(indent + 1 if stack and indent > stack[-1][0] else indent).append(para)
            current = _Open(para, indent, [content], loc)
        flush()
        return top
