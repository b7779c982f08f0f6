"""Markdown writer: numbered paragraphs as text, cross-references as links."""

from __future__ import annotations

from s75docs.doctree.nodes import (
    Block,
    Body,
    Definition,
    DefinitionItem,
    DefinitionsList,
    Document,
    ExecutionBlock,
    Inline,
    Item,
    MoneyAmount,
    PageBreak,
    Para,
    Recital,
    Ref,
    Schedule,
    Table,
    Term,
    TermDef,
    Text,
    Toc,
)
from s75docs.render.common import toc_entries

_ESCAPE = str.maketrans({"*": r"\*", "_": r"\_", "[": r"\[", "]": r"\]", "`": r"\`", "|": r"\|"})


def _esc(text: str) -> str:
    return text.translate(_ESCAPE)


def inlines_md(inlines: list[Inline]) -> str:
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(_esc(node.text))
        elif isinstance(node, Term):
            out.append(_esc(node.display))
        elif isinstance(node, TermDef):
            out.append(f"**{_esc(node.name)}**")
        elif isinstance(node, Ref):
            out.append(f"[{_esc(node.text)}](#{node.resolved})")
        elif isinstance(node, MoneyAmount):
            out.append(_esc(node.text))
    return "".join(out)


class MarkdownWriter:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lines: list[str] = []

    def out(self, text: str = "") -> None:
        self.lines.append(text)

    def text(self, inlines: list[Inline]) -> str:
        return inlines_md(inlines)

    def write(self) -> str:
        for node in self.doc.children:
            self.block(node)
        text = "\n".join(self.lines)
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text.strip() + "\n"

    def block(self, node: Block) -> None:
        if isinstance(node, Para):
            body = self.text(node.inlines)
            if node.style == "title":
                self.out(f"# {body}")
            elif node.style == "heading":
                self.out(f"## {body}")
            elif node.style == "party":
                self.out(f"**{body}**")
            elif node.style == "subtitle":
                self.out(f"*{body}*")
            elif node.style == "quote":
                self.out(f"> {body}")
            else:
                self.out(body)
            self.out()
        elif isinstance(node, Toc):
            self.out(f"## {node.title}")
            self.out()
            for e in toc_entries(self.doc):
                self.out(f"- [{_esc(e.number)} {_esc(e.title)}](#{e.label})")
            self.out()
        elif isinstance(node, PageBreak):
            self.out()
        elif isinstance(node, Recital):
            self.out(f"{node.number} {self.text(node.inlines)}")
            self.out()
        elif isinstance(node, Body):
            for child in node.children:
                self.block(child)
        elif isinstance(node, Schedule):
            self.out(f'<a id="{node.label}"></a>')
            self.out()
            self.out(f"## {node.name} {node.number}: {_esc(node.title)}")
            self.out()
            for child in node.children:
                self.block(child)
        elif isinstance(node, Item):
            self.item(node)
        elif isinstance(node, DefinitionsList):
            for child in node.children:
                self.block(child)
        elif isinstance(node, Definition):
            self.out(f"> **{_esc(node.term)}** {self.text(node.inlines)}")
            for limb in node.children:
                if isinstance(limb, DefinitionItem):
                    self.out(">")
                    self.out(f"> {limb.number} {self.text(limb.inlines)}")
            self.out()
        elif isinstance(node, Table):
            self.table(node)
        elif isinstance(node, ExecutionBlock):
            self.execution(node)

    def item(self, node: Item) -> None:
        anchor = f'<a id="{node.label}"></a>' if node.label else ""
        if node.level == 1 and node.title:
            self.out(f"### {anchor}{node.number} {_esc(node.title)}")
            self.out()
            if node.inlines:
                self.out(self.text(node.inlines))
                self.out()
        else:
            indent = "    " * max(0, node.level - 3) if node.level > 3 else ""
            heading = f"**{_esc(node.title)}** " if node.title else ""
            self.out(f"{indent}{anchor}{node.number} {heading}{self.text(node.inlines)}".rstrip())
            self.out()
        for child in node.children:
            self.block(child)

    def table(self, node: Table) -> None:
        if node.caption:
            self.out(f"*{_esc(node.caption)}*")
            self.out()
        header = [self.text(c.inlines) for c in node.header]
        self.out("| " + " | ".join(header) + " |")
        align = ["---:" if c.align == "right" else "---" for c in node.header]
        if node.rows:
            align = ["---:" if c.align == "right" else "---" for c in node.rows[0]]
        self.out("| " + " | ".join(align) + " |")
        for row in node.rows:
            cells = [self.text(c.inlines) for c in row]
            cells = [
                f"**{c}**" if cell.bold and c else c for c, cell in zip(cells, row, strict=True)
            ]
            self.out("| " + " | ".join(cells) + " |")
        self.out()

    def execution(self, node: ExecutionBlock) -> None:
        self.out(f"**{_esc(node.party)}**")
        self.out()
        self.out(_esc(node.wording))  # node.instruction is for a copy to be executed
        self.out()
        for s in node.signatories:
            self.out(f"Signature: ______________________  {s.role}")
            self.out()


def render_markdown(doc: Document) -> str:
    return MarkdownWriter(doc).write()
