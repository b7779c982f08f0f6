"""Which provision of an agreement each node is, by its printed number: "Clause 7.6",
"paragraph 3 of Schedule 7", "Recital (C)", the definition of "X" in Clause 1.1, the table
in ... (the citations themselves are `doctree.cite.Citation`, as every document writes them)."""

from __future__ import annotations

from s75docs.doctree.cite import Citation, CiteKind
from s75docs.doctree.nodes import (
    Block,
    Body,
    Definition,
    DefinitionsList,
    Document,
    Item,
    Para,
    Recital,
    Schedule,
    Table,
)

__all__ = ["Citation", "CitationIndex"]


class CitationIndex:
    """Both ways between the nodes of one resolved tree and their citations."""

    def __init__(self, doc: Document) -> None:
        self.by_citation: dict[Citation, Block] = {}
        self.by_node: dict[int, Citation] = {}
        parties = [n for n in doc.children if isinstance(n, Para) and n.style == "party-entry"]
        for i, party in enumerate(parties, start=1):
            self._add(Citation(CiteKind.PARTY, f"({i})"), party)
        for node in doc.children:
            if isinstance(node, Recital):
                self._add(Citation(CiteKind.RECITAL, node.number), node)
            elif isinstance(node, Body):
                self._children(node, None, None)
            elif isinstance(node, Schedule):
                self._add(Citation(CiteKind.SCHEDULE, node.number, name=node.name), node)
                self._children(node, self.by_node[id(node)], node)

    def _add(self, cite: Citation, node: Block) -> None:
        self.by_citation[cite] = node
        self.by_node[id(node)] = cite

    def _children(self, parent: Block, holder: Citation | None, schedule: Schedule | None) -> None:
        tables = [c for c in parent.children if isinstance(c, Table)]
        texts = [c for c in parent.children if isinstance(c, Para)]
        previous: Citation | None = holder
        for child in parent.children:
            if isinstance(child, Item):
                if schedule is not None:
                    cite = Citation(
                        CiteKind.PARAGRAPH, child.full_number, "", schedule.number, schedule.name
                    )
                else:
                    cite = Citation(CiteKind.CLAUSE, child.full_number)
                self._add(cite, child)
                self._children(child, cite, schedule)
                previous = cite
            elif isinstance(child, Table | Para) and holder is not None:
                group: list[Table] | list[Para] = tables if isinstance(child, Table) else texts
                ordinal = 0 if len(group) == 1 else [id(g) for g in group].index(id(child)) + 1
                kind = CiteKind.TABLE if isinstance(child, Table) else CiteKind.TEXT
                self._add(Citation(kind, ordinal=ordinal, within=holder), child)
            elif isinstance(child, DefinitionsList):
                where = previous or holder
                assert where is not None, "a definitions list stands inside a clause"
                self._add(Citation(CiteKind.DEFINITIONS, within=where), child)
                for entry in child.children:
                    if isinstance(entry, Definition):
                        self._add(
                            Citation(CiteKind.DEFINITION, term=entry.term, within=where), entry
                        )

    def cite(self, node: Block) -> Citation:
        return self.by_node[id(node)]

    def find(self, cite: Citation) -> Block | None:
        return self.by_citation.get(cite)
