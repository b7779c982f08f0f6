"""HTML writer: a standalone page; numbered paragraphs, tables, links for references."""

from __future__ import annotations

from html import escape

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

_CSS = """
body{font-family:Arial,Helvetica,sans-serif;max-width:50em;margin:2em auto;line-height:1.45;
color:#111}
h1,.title{font-size:1.6em;text-align:center}.centre,.party,.subtitle{text-align:center}
.party{font-weight:bold}p.num{display:flex;gap:.8em}p.num>.n{min-width:4.2em;flex:none}
.l3{margin-left:2em}.l4{margin-left:4em}.l5{margin-left:6em}
.def{margin-left:2em}.limb{margin-left:4em}.quote{margin-left:3em}
table{border-collapse:collapse;margin:1em 0;width:100%}td,th{border:1px solid #999;
padding:.25em .5em;vertical-align:top}th{background:#eee;text-align:left}td.r{text-align:right}
caption{font-style:italic;text-align:left;padding:.3em 0}h2.clause,h2.schedule{font-size:1.1em}
.sig{margin:2em 0}.sig .line{border-bottom:1px solid #333;width:18em;height:2.5em}
@media print{.pb{page-break-after:always}}
"""


def inlines_html(inlines: list[Inline]) -> str:
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(escape(node.text))
        elif isinstance(node, Term):
            out.append(escape(node.display))
        elif isinstance(node, TermDef):
            out.append(f"<strong>{escape(node.name)}</strong>")
        elif isinstance(node, Ref):
            out.append(f'<a class="xref" href="#{escape(node.resolved)}">{escape(node.text)}</a>')
        elif isinstance(node, MoneyAmount):
            out.append(escape(node.text))
    return "".join(out)


class HtmlWriter:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.parts: list[str] = []

    def out(self, text: str) -> None:
        self.parts.append(text)

    def write(self) -> str:
        self.out("<!DOCTYPE html>")
        self.out('<html lang="en-GB"><head><meta charset="utf-8">')
        self.out(f"<title>{escape(self.doc.title)}</title><style>{_CSS}</style></head><body>")
        for node in self.doc.children:
            self.block(node)
        self.out("</body></html>")
        return "\n".join(self.parts) + "\n"

    def block(self, node: Block) -> None:
        if isinstance(node, Para):
            body = inlines_html(node.inlines)
            if node.style == "title":
                self.out(f"<h1>{body}</h1>")
            elif node.style == "heading":
                self.out(f"<h2>{body}</h2>")
            else:
                self.out(f'<p class="{escape(node.style)}">{body}</p>')
        elif isinstance(node, Toc):
            self.out(f"<nav><h2>{escape(node.title)}</h2><ol style='list-style:none'>")
            for e in toc_entries(self.doc):
                self.out(
                    f'<li><a href="#{escape(e.label or "")}">{escape(e.number)}'
                    f" {escape(e.title)}</a></li>"
                )
            self.out("</ol></nav>")
        elif isinstance(node, PageBreak):
            self.out('<div class="pb"></div>')
        elif isinstance(node, Recital):
            self.out(
                f'<p class="num recital"><span class="n">{node.number}</span>'
                f"<span>{inlines_html(node.inlines)}</span></p>"
            )
        elif isinstance(node, Body | DefinitionsList):
            for child in node.children:
                self.block(child)
        elif isinstance(node, Schedule):
            self.out(
                f'<section id="{escape(node.label or "")}"><h2 class="schedule">'
                f"{escape(node.name)} {node.number}: {escape(node.title)}</h2>"
            )
            for child in node.children:
                self.block(child)
            self.out("</section>")
        elif isinstance(node, Item):
            self.item(node)
        elif isinstance(node, Definition):
            self.out(
                f'<p class="def"><strong>{escape(node.term)}</strong> '
                f"{inlines_html(node.inlines)}</p>"
            )
            for limb in node.children:
                if isinstance(limb, DefinitionItem):
                    self.out(
                        f'<p class="num limb"><span class="n">{limb.number}</span>'
                        f"<span>{inlines_html(limb.inlines)}</span></p>"
                    )
        elif isinstance(node, Table):
            self.table(node)
        elif isinstance(node, ExecutionBlock):
            self.out(f'<div class="sig"><p><strong>{escape(node.party)}</strong></p>')
            # node.instruction is for a copy to be executed; a web page is only read
            self.out(f"<p>{escape(node.wording)}</p>")
            for s in node.signatories:
                self.out(f'<div class="line"></div><p>{escape(s.role)}</p>')
            self.out("</div>")

    def item(self, node: Item) -> None:
        ident = f' id="{escape(node.label)}"' if node.label else ""
        if node.level == 1 and node.title:
            self.out(
                f'<h2 class="clause"{ident}><span class="n">{node.number}</span> '
                f"{escape(node.title)}</h2>"
            )
            if node.inlines:
                self.out(f"<p>{inlines_html(node.inlines)}</p>")
        else:
            title = f"<strong>{escape(node.title)}</strong> " if node.title else ""
            self.out(
                f'<p class="num l{node.level}"{ident}><span class="n">{node.number}</span>'
                f"<span>{title}{inlines_html(node.inlines)}</span></p>"
            )
        for child in node.children:
            self.block(child)

    def table(self, node: Table) -> None:
        self.out("<table>")
        if node.caption:
            self.out(f"<caption>{escape(node.caption)}</caption>")
        self.out(
            "<thead><tr>"
            + "".join(f"<th>{inlines_html(c.inlines)}</th>" for c in node.header)
            + "</tr></thead><tbody>"
        )
        for row in node.rows:
            cells = []
            for c in row:
                body = inlines_html(c.inlines)
                body = f"<strong>{body}</strong>" if c.bold and body else body
                cls = ' class="r"' if c.align == "right" else ""
                cells.append(f"<td{cls}>{body}</td>")
            self.out("<tr>" + "".join(cells) + "</tr>")
        self.out("</tbody></table>")


def render_html(doc: Document) -> str:
    return HtmlWriter(doc).write()
