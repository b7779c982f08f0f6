"""Markdown writer: numbered paragraphs as text, cross-references as links."""

from __future__ import annotations

from s75docs.doctree.nodes import (
    Definition,
    DefinitionItem,
    Document,
    ExecutionBlock,
    Item,
    PageBreak,
    Para,
    Recital,
    Ref,
    Schedule,
    Table,
    TermDef,
    Toc,
)
from s75docs.render.common import TextWriter, toc_entries

_ESCAPE = str.maketrans({"*": r"\*", "_": r"\_", "[": r"\[", "]": r"\]", "`": r"\`", "|": r"\|"})


def _esc(text: str) -> str:
    return text.translate(_ESCAPE)


_PARA_MARKUP = {
    "title": "# {}",
    "heading": "## {}",
    "party": "**{}**",
    "subtitle": "*{}*",
    "quote": "> {}",
}


class MarkdownWriter(TextWriter):
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lines: list[str] = []

    def out(self, text: str = "") -> None:
        self.lines.append(text)

    def escape(self, text: str) -> str:
        return _esc(text)

    def write(self) -> str:
        self.dispatch(self.doc)
        text = "\n".join(self.lines)
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text.strip() + "\n"

    # ------------------------------------------------------------ inlines
    def visit_TermDef(self, node: TermDef) -> str:
        return f"**{_esc(node.name)}**"

    def visit_Ref(self, node: Ref) -> str:
        return f"[{_esc(node.text)}](#{node.resolved})"

    # ------------------------------------------------------------ blocks
    def visit_Para(self, node: Para) -> None:
        self.out(_PARA_MARKUP.get(node.style, "{}").format(self.text(node.inlines)))
        self.out()

    def visit_Toc(self, node: Toc) -> None:
        self.out(f"## {node.title}")
        self.out()
        for e in toc_entries(self.doc):
            self.out(f"- [{_esc(e.number)} {_esc(e.title)}](#{e.label})")
        self.out()

    def visit_PageBreak(self, node: PageBreak) -> None:
        self.out()

    def visit_Recital(self, node: Recital) -> None:
        anchor = f'<a id="{node.label}"></a>' if node.label else ""
        self.out(f"{anchor}{node.number} {self.text(node.inlines)}")
        self.out()

    def visit_Schedule(self, node: Schedule) -> None:
        self.out(f'<a id="{node.label}"></a>')
        self.out()
        self.out(f"## {node.name} {node.number}: {_esc(node.title)}")
        self.out()
        self.dispatch_children(node)

    def visit_Definition(self, node: Definition) -> None:
        self.out(f"> **{_esc(node.term)}** {self.text(node.inlines)}")
        self.dispatch_children(node)
        self.out()

    def visit_DefinitionItem(self, node: DefinitionItem) -> None:
        """A limb, inside its definition's quoted block."""
        self.out(">")
        self.out(f"> {node.number} {self.text(node.inlines)}")

    def visit_Item(self, node: Item) -> None:
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
        self.dispatch_children(node)

    def visit_Table(self, node: Table) -> None:
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

    def visit_ExecutionBlock(self, node: ExecutionBlock) -> None:
        self.out(f"**{_esc(node.party)}**")
        self.out()
        self.out(_esc(node.wording))  # node.instruction is for a copy to be executed
        self.out()
        for s in node.signatories:
            self.out("Signature: ______________________  ")
            self.out(f"Name: {_esc(s.name)}".rstrip() + "  ")
            self.out(_esc(s.role))
            self.out()
            if node.witness:
                self.out(_esc(node.witness[0]) + "  ")
                self.out("Signature: ______________________  ")
                self.out("  \n".join(_esc(w) for w in node.witness[1:]))
                self.out()


def render_markdown(doc: Document) -> str:
    return MarkdownWriter(doc).write()
