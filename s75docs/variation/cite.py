"""How a deed names a provision of the agreement it varies: "Clause 7.6", "paragraph 3 of
Schedule 7", "Recital (C)", the definition of "X" in Clause 1.1, the table in ..."""

from __future__ import annotations

from dataclasses import dataclass

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

_ORDINALS = ("", "first ", "second ", "third ", "fourth ", "fifth ", "sixth ", "seventh ")


@dataclass(frozen=True)
class Citation:
    """A provision of the agreement by its printed number (never by label)."""

    # clause | paragraph | schedule | recital | party | definition | definitions | table | text
    kind: str
    number: str = ""
    schedule: str = ""
    term: str = ""
    ordinal: int = 0  # for tables and unnumbered text: which one (1-based), 0 if only one
    within: Citation | None = None

    @property
    def text(self) -> str:
        if self.kind == "clause":
            return f"Clause {self.number}"
        if self.kind == "paragraph":
            return f"paragraph {self.number} of Schedule {self.schedule}"
        if self.kind == "schedule":
            return f"Schedule {self.number}"
        if self.kind == "recital":
            return f"Recital {self.number}"
        if self.kind == "party":
            return f"paragraph {self.number} of the Parties"
        assert self.within is not None
        if self.kind == "definition":
            return f"the definition of “{self.term}” in {self.within.text}"
        if self.kind == "definitions":
            return f"the definitions in {self.within.text}"
        nth = _ORDINALS[self.ordinal] if self.ordinal < len(_ORDINALS) else f"{self.ordinal}th "
        noun = "table" if self.kind == "table" else "unnumbered paragraph"
        return f"the {nth}{noun} in {self.within.text}"

    @property
    def noun(self) -> str:
        """'Clause' / 'paragraph' / 'Schedule' / 'Recital' for 'a new Clause 7.7'."""
        return self.text.split(" ")[0] if self.kind in ("clause", "schedule", "recital") else (
            "paragraph"
        )


class CitationIndex:
    """Both ways between the nodes of one resolved tree and their citations."""

    def __init__(self, doc: Document) -> None:
        self.by_citation: dict[Citation, Block] = {}
        self.by_node: dict[int, Citation] = {}
        parties = [n for n in doc.children if isinstance(n, Para) and n.style == "party-entry"]
        for i, party in enumerate(parties, start=1):
            self._add(Citation("party", f"({i})"), party)
        for node in doc.children:
            if isinstance(node, Recital):
                self._add(Citation("recital", node.number), node)
            elif isinstance(node, Body):
                self._children(node, None, "")
            elif isinstance(node, Schedule):
                self._add(Citation("schedule", node.number), node)
                self._children(node, self.by_node[id(node)], node.number)

    def _add(self, cite: Citation, node: Block) -> None:
        self.by_citation[cite] = node
        self.by_node[id(node)] = cite

    def _children(self, parent: Block, holder: Citation | None, schedule: str) -> None:
        tables = [c for c in parent.children if isinstance(c, Table)]
        texts = [c for c in parent.children if isinstance(c, Para)]
        previous: Citation | None = holder
        for child in parent.children:
            if isinstance(child, Item):
                kind = "paragraph" if schedule else "clause"
                cite = Citation(kind, child.full_number, schedule)
                self._add(cite, child)
                self._children(child, cite, schedule)
                previous = cite
            elif isinstance(child, Table | Para) and holder is not None:
                group: list[Table] | list[Para] = tables if isinstance(child, Table) else texts
                ordinal = 0 if len(group) == 1 else [id(g) for g in group].index(id(child)) + 1
                kind = "table" if isinstance(child, Table) else "text"
                self._add(Citation(kind, ordinal=ordinal, within=holder), child)
            elif isinstance(child, DefinitionsList):
                where = previous or holder
                assert where is not None, "a definitions list stands inside a clause"
                self._add(Citation("definitions", within=where), child)
                for entry in child.children:
                    if isinstance(entry, Definition):
                        self._add(Citation("definition", term=entry.term, within=where), entry)

    def cite(self, node: Block) -> Citation:
        return self.by_node[id(node)]

    def cite_label(self, label: str) -> str | None:
        """The printed citation of a labelled provision, capitalised ("Clause 32.1")."""
        for key, node in self.by_citation.items():
            if node.label == label:
                return key.text[:1].upper() + key.text[1:]
        return None

    def find(self, cite: Citation) -> Block | None:
        return self.by_citation.get(cite)
