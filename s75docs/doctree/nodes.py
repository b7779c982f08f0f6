"""Document tree nodes: blocks (clauses, paragraphs, tables) and inlines (text, refs, terms)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from s75docs.doctree.numbers import AGREEMENT, Scheme
from s75docs.errors import Location

# ---------------------------------------------------------------- inlines


@dataclass
class Text:
    text: str


@dataclass
class Term:
    """A use of a defined term; `display` is what is printed (e.g. a plural)."""

    name: str
    display: str


@dataclass
class TermDef:
    """The place a term is defined: printed in bold."""

    name: str


class RefForm(Enum):
    FULL = "full"  # Clause 11.4 / paragraph 3 of Schedule 7 / Schedule 7
    THIS = "this"  # this Clause 21


@dataclass
class Ref:
    """A cross-reference by label; the resolve pass fills `parts` (literal, field) pieces."""

    target: str
    end: str | None = None  # a range "first..last"
    form: RefForm = RefForm.FULL
    location: Location = field(default_factory=Location)
    scope: str | None = None  # the repeated unit the reference stands in (tried first)
    # another document's labels ("varied": the agreement as varied), as Sphinx's intersphinx
    domain: str = ""
    also: tuple[str, ...] = ()  # further targets: a list of schedules "[[a,b,c]]"
    # filled by the resolve pass: a sequence of literal words and numbers that are fields
    parts: list[RefPart] = field(default_factory=list)
    resolved: str = ""  # the label of the node it points at (scopes applied)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)


@dataclass
class RefPart:
    """A piece of a resolved reference: words, or a number that is a live field."""

    text: str
    bookmark: str | None = None  # set when this piece is a number drawn from a bookmark
    typed: bool = False  # the bookmark holds the typed number of a lettered provision


def number_bookmark(bookmark: str) -> str:
    """The bookmark on the typed number of a lettered provision ("13.1.3A")."""
    return bookmark + "n"


def typed_number(node: object) -> bool:
    """A provision whose number is typed, not live list numbering: it, or a provision it
    stands in, was put in by a variation with a lettered number."""
    if isinstance(node, Item):
        return node.typed
    return bool(getattr(node, "inserted", ""))


@dataclass
class MoneyAmount:
    """An amount of money; the money pass sets `text` in the document's format."""

    amount: Decimal
    text: str = ""
    signed: bool = False  # a change: "+£1,000", "−£1,000" or "no change"


@dataclass
class Cited:
    """A reference as printed in a document the checker reads: "Clause 16.2", "this Clause
    25", "paragraph 3 of Schedule 7", "Schedule 4", or a broken field ("Error! ...")."""

    text: str
    kind: str  # clause | paragraph | schedule | part | broken
    number: str = ""  # "16.2", "3", "" for broken
    end: str = ""  # the last number of a range
    schedule: str = ""  # for a paragraph or part of a schedule
    this: bool = False
    bookmark: str | None = None  # when it is a REF field
    start: int = 0  # offset in the paragraph text
    external: bool = False  # quoted, or (in a deed) citing the agreement it varies


Inline = Text | Term | TermDef | Ref | MoneyAmount | Cited

# ---------------------------------------------------------------- blocks


@dataclass
class Node:
    """A block node. `label` lets others cite it; `number` is set by the numbering pass."""

    children: list[Block] = field(default_factory=list)
    label: str | None = None
    location: Location = field(default_factory=Location)
    bookmark: str | None = None  # set by the labels pass for every labelled node

    def walk(self) -> Iterator[Block]:
        for child in self.children:
            yield child
            yield from child.walk()


@dataclass
class Para(Node):
    """A paragraph of running text, unnumbered (lead-in text, recitals, cover lines)."""

    inlines: list[Inline] = field(default_factory=list)
    style: str = "body"  # body | title | subtitle | centre | heading | party | party-entry | quote


@dataclass
class Recital(Node):
    """A background recital, lettered (A), (B)... by the numbering pass."""

    inlines: list[Inline] = field(default_factory=list)
    number: str = ""
    inserted: str = ""  # a recital a variation put before an existing one: "BA"


@dataclass
class Item(Node):
    """A numbered provision: a clause (level 1 in the body), a sub-clause or a paragraph.

    Levels: 1 -> "1", 2 -> "1.1", 3 -> "1.1.1", 4 -> "(a)", 5 -> "(i)".
    """

    level: int = 1
    title: str | None = None
    inlines: list[Inline] = field(default_factory=list)
    number: str = ""  # as printed at the start of the paragraph: "11.4" or "(a)"
    full_number: str = ""  # in full context: "11.4(a)"
    path: tuple[int, ...] = ()  # the number as held: (11, 4, 1) for 11.4(a)
    toc: bool = False
    bullet: bool = False  # a bulleted point: not counted, printed with a bullet
    # a provision a variation put before an existing one, numbered so that no existing
    # number moves: its own ordinal as printed ("3A", "ba"); it is not counted
    inserted: str = ""
    typed: bool = False  # set by the numbering pass: it or a provision above it is lettered


@dataclass
class Definition(Node):
    """One entry of the definitions list: **Term** followed by its meaning."""

    term: str = ""
    inlines: list[Inline] = field(default_factory=list)


@dataclass
class DefinitionItem(Node):
    """A lettered limb inside a definition: (a), (b)..."""

    inlines: list[Inline] = field(default_factory=list)
    number: str = ""


@dataclass
class DefinitionsList(Node):
    """Placeholder expanded by the defined-terms pass into Definition nodes."""

    library: dict[str, Definition] = field(default_factory=dict)


@dataclass
class Cell:
    inlines: list[Inline] = field(default_factory=list)
    align: str = "left"  # left | right
    bold: bool = False


class Row(list[Cell]):
    """A table row: its cells, and what kind of row it is."""

    def __init__(self, cells: Iterable[Cell] = (), kind: str = "") -> None:
        super().__init__(cells)
        self.kind = kind  # "" | "total" (printed in bold) | "heading" (a group heading)


@dataclass
class Table(Node):
    """A table; money cells are MoneyAmount inlines; totals are computed before display."""

    caption: str = ""
    header: list[Cell] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)  # relative widths
    number: str = ""  # "2" in a document that numbers its tables (a Board report)


class ExecutionMethod(Enum):
    SEAL = "seal"  # the body's common seal, authenticated by the signatories
    DEED = "deed"  # as a deed, by officers authorised to execute deeds
    SIGNATURE = "signature"  # under hand, by an authorised signatory


@dataclass
class Signatory:
    role: str
    name: str = ""  # printed after "Name:"; blank in a draft, to be written in


@dataclass
class ExecutionBlock(Node):
    """One partner's signature block. The builder sets every word of it; writers print them."""

    party: str = ""
    method: ExecutionMethod = ExecutionMethod.SIGNATURE
    wording: str = ""  # the attestation above the signatures ("Executed as a deed by ...")
    # a direction for the copy that is executed ("Affix the common seal here"): printed in
    # Word, the format that is executed; left out of pages that are only read
    instruction: str = ""
    signatories: list[Signatory] = field(default_factory=list)
    # the lines a witness completes under each signature ("Signature of witness", "Name:"...);
    # empty when the signatures are not witnessed
    witness: list[str] = field(default_factory=list)


@dataclass
class Toc(Node):
    """The table of contents; the writer fills it from the headings."""

    title: str = "Contents"


@dataclass
class PageBreak(Node):
    pass


@dataclass
class Schedule(Node):
    """A schedule: its own numbering of paragraphs, which restarts in each schedule."""

    title: str = ""
    number: str = ""
    name: str = "Schedule"  # "Annex" in a deed of variation
    inserted: str = ""  # a schedule a variation put before an existing one: "6A"


@dataclass
class Body(Node):
    """The operative clauses."""


@dataclass
class Document(Node):
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    numbering: Scheme = AGREEMENT  # how the numbered provisions print
    number_tables: bool = False  # "Table 1", "Table 2"... (Board reports)

    def schedules(self) -> list[Schedule]:
        return [n for n in self.walk() if isinstance(n, Schedule)]


Block = (
    Para
    | Recital
    | Item
    | Definition
    | DefinitionItem
    | DefinitionsList
    | Table
    | ExecutionBlock
    | Toc
    | PageBreak
    | Schedule
    | Body
)


def inline_text(inlines: list[Inline]) -> str:
    """Plain text of a run of inlines as a reader sees it."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Term):
            out.append(node.display)
        elif isinstance(node, TermDef):
            out.append(node.name)
        elif isinstance(node, Ref):
            out.append(node.text or f"[[{node.target}]]")
        elif isinstance(node, Cited):
            out.append(node.text)
        else:
            out.append(node.text or str(node.amount))
    return "".join(out)


def inlines_of(node: Block) -> list[Inline]:
    """Every inline held directly by a block (paragraph text or table cells)."""
    if isinstance(node, Para | Recital | Item | Definition | DefinitionItem):
        return node.inlines
    if isinstance(node, Table):
        cells = [*node.header, *(c for row in node.rows for c in row)]
        return [i for c in cells for i in c.inlines]
    return []
