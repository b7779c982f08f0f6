"""HTML writer: a standalone page; numbered paragraphs, tables, links for references."""

from __future__ import annotations

from html import escape

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


class HtmlWriter(TextWriter):
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.parts: list[str] = []

    def out(self, text: str) -> None:
        self.parts.append(text)

    def escape(self, text: str) -> str:
        return escape(text)

    def write(self) -> str:
        self.out("<!DOCTYPE html>")
        self.out('<html lang="en-GB"><head><meta charset="utf-8">')
        self.out(f"<title>{escape(self.doc.title)}</title><style>{_CSS}</style></head><body>")
        self.dispatch(self.doc)
        self.out("</body></html>")
        return "\n".join(self.parts) + "\n"

    # ------------------------------------------------------------ inlines
    def visit_TermDef(self, node: TermDef) -> str:
        return f"<strong>{escape(node.name)}</strong>"

    def visit_Ref(self, node: Ref) -> str:
        return f'<a class="xref" href="#{escape(node.resolved)}">{escape(node.text)}</a>'

    # ------------------------------------------------------------ blocks
    def visit_Para(self, node: Para) -> None:
        body = self.text(node.inlines)
        if node.style == "title":
            self.out(f"<h1>{body}</h1>")
        elif node.style == "heading":
            self.out(f"<h2>{body}</h2>")
        else:
            self.out(f'<p class="{escape(node.style)}">{body}</p>')

    def visit_Toc(self, node: Toc) -> None:
        self.out(f"<nav><h2>{escape(node.title)}</h2><ol style='list-style:none'>")
        for e in toc_entries(self.doc):
            self.out(
                f'<li><a href="#{escape(e.label or "")}">{escape(e.number)}'
                f" {escape(e.title)}</a></li>"
            )
        self.out("</ol></nav>")

    def visit_PageBreak(self, node: PageBreak) -> None:
        self.out('<div class="pb"></div>')

    def visit_Recital(self, node: Recital) -> None:
        self._numbered("recital", node.number, self.text(node.inlines), node.label)

    def visit_Schedule(self, node: Schedule) -> None:
        self.out(
            f'<section id="{escape(node.label or "")}"><h2 class="schedule">'
            f"{escape(node.name)} {node.number}: {escape(node.title)}</h2>"
        )
        self.dispatch_children(node)
        self.out("</section>")

    def visit_Definition(self, node: Definition) -> None:
        self.out(
            f'<p class="def"><strong>{escape(node.term)}</strong> {self.text(node.inlines)}</p>'
        )
        self.dispatch_children(node)

    def visit_DefinitionItem(self, node: DefinitionItem) -> None:
        self._numbered("limb", node.number, self.text(node.inlines))

    def visit_ExecutionBlock(self, node: ExecutionBlock) -> None:
        self.out(f'<div class="sig"><p><strong>{escape(node.party)}</strong></p>')
        # node.instruction is for a copy to be executed; a web page is only read
        self.out(f"<p>{escape(node.wording)}</p>")
        for s in node.signatories:
            self.out(f'<div class="line"></div><p>Name: {escape(s.name)}<br>{escape(s.role)}</p>')
            if node.witness:
                rest = "<br>".join(escape(w) for w in node.witness[1:])
                self.out(f"<p>{escape(node.witness[0])}</p>")
                self.out(f'<div class="line"></div><p>{rest}</p>')
        self.out("</div>")

    def _numbered(self, kind: str, number: str, body: str, label: str | None = None) -> None:
        ident = f' id="{escape(label)}"' if label else ""
        self.out(
            f'<p class="num {kind}"{ident}><span class="n">{number}</span><span>{body}</span></p>'
        )

    def visit_Item(self, node: Item) -> None:
        ident = f' id="{escape(node.label)}"' if node.label else ""
        if node.level == 1 and node.title:
            self.out(
                f'<h2 class="clause"{ident}><span class="n">{node.number}</span> '
                f"{escape(node.title)}</h2>"
            )
            if node.inlines:
                self.out(f"<p>{self.text(node.inlines)}</p>")
        else:
            title = f"<strong>{escape(node.title)}</strong> " if node.title else ""
            self.out(
                f'<p class="num l{node.level}"{ident}><span class="n">{node.number}</span>'
                f"<span>{title}{self.text(node.inlines)}</span></p>"
            )
        self.dispatch_children(node)

    def visit_Table(self, node: Table) -> None:
        self.out("<table>")
        if node.caption:
            self.out(f"<caption>{escape(node.caption)}</caption>")
        self.out(
            "<thead><tr>"
            + "".join(f"<th>{self.text(c.inlines)}</th>" for c in node.header)
            + "</tr></thead><tbody>"
        )
        for row in node.rows:
            cells = []
            for c in row:
                body = self.text(c.inlines)
                body = f"<strong>{body}</strong>" if c.bold and body else body
                cls = ' class="r"' if c.align == "right" else ""
                cells.append(f"<td{cls}>{body}</td>")
            self.out("<tr>" + "".join(cells) + "</tr>")
        self.out("</tbody></table>")


def render_html(doc: Document) -> str:
    return HtmlWriter(doc).write()
