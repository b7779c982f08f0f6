"""What the text writers share: a visitor base for plain inlines and divisions, TOC entries."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from s75docs.doctree.nodes import (
    Body,
    Cited,
    DefinitionsList,
    Document,
    Inline,
    Item,
    MoneyAmount,
    Schedule,
    Term,
    Text,
)
from s75docs.doctree.visitor import NodeVisitor


class TextWriter(NodeVisitor, ABC):
    """The Markdown and HTML writers: inlines that are plain words print as escaped text,
    and the divisions that print nothing of their own (document, body, definitions list)
    visit their children."""

    @abstractmethod
    def escape(self, text: str) -> str:
        """Text as the format prints it literally."""

    def text(self, inlines: list[Inline]) -> str:
        return self.dispatch_inlines(inlines)

    def visit_Text(self, node: Text) -> str:
        return self.escape(node.text)

    def visit_Term(self, node: Term) -> str:
        return self.escape(node.display)

    def visit_MoneyAmount(self, node: MoneyAmount) -> str:
        return self.escape(node.text)

    def visit_Cited(self, node: Cited) -> str:
        return self.escape(node.text)

    def visit_Document(self, node: Document) -> None:
        self.dispatch_children(node)

    def visit_Body(self, node: Body) -> None:
        self.dispatch_children(node)

    def visit_DefinitionsList(self, node: DefinitionsList) -> None:
        self.dispatch_children(node)


@dataclass(frozen=True)
class TocEntry:
    number: str
    title: str
    label: str | None
    bookmark: str | None
    level: int


def toc_entries(doc: Document) -> list[TocEntry]:
    """Every clause heading, then every schedule heading."""
    out: list[TocEntry] = []
    for node in doc.children:
        if isinstance(node, Body):
            for clause in node.children:
                if isinstance(clause, Item) and clause.title and clause.toc:
                    out.append(
                        TocEntry(clause.number, clause.title, clause.label, clause.bookmark, 1)
                    )
        elif isinstance(node, Schedule):
            out.append(
                TocEntry(f"{node.name} {node.number}", node.title, node.label, node.bookmark, 1)
            )
    return out
