"""Citations: the one way every document names a provision ("Clause 11.4", "paragraph 3 of
Schedule 7", "Schedules 1 to 6", "Recital (C)", "Table 2"), whoever writes or reads it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

_ORDINALS = ("", "first ", "second ", "third ", "fourth ", "fifth ", "sixth ", "seventh ")


class CiteKind(StrEnum):
    CLAUSE = "clause"  # a numbered provision of the operative clauses
    PARAGRAPH = "paragraph"  # a numbered provision of a schedule
    SCHEDULE = "schedule"  # a schedule (or a deed's annex) as a whole
    RECITAL = "recital"
    PARTY = "party"  # an entry of the parties
    DEFINITION = "definition"  # one entry of a definitions list
    DEFINITIONS = "definitions"  # the definitions list as a whole
    TABLE = "table"  # a numbered table ("Table 2"), or the nth table in a provision
    TEXT = "text"  # the nth unnumbered paragraph in a provision


class Slot(Enum):
    """Which number a piece of a citation prints (a writer may make it a live field)."""

    TARGET = "target"
    END = "end"
    SCHEDULE = "schedule"


@dataclass(frozen=True)
class Piece:
    text: str
    slot: Slot | None = None


@dataclass(frozen=True)
class Citation:
    """A provision by its printed number (never by label)."""

    kind: CiteKind
    number: str = ""
    end: str = ""  # the last number of a range ("Clauses 4.1 to 4.3")
    schedule: str = ""  # the number of the schedule a paragraph is in
    name: str = "Schedule"  # what the division is called ("Annex" in a deed)
    term: str = ""  # the term of a definition
    ordinal: int = 0  # for tables and unnumbered text: which one (1-based), 0 if only one
    within: Citation | None = None
    numbers: tuple[str, ...] = ()  # a list of schedules: "Schedules 1, 3 and 5"

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces())

    @property
    def noun(self) -> str:
        """'Clause' / 'paragraph' / 'Schedule' / 'Recital' for 'a new Clause 7.7'."""
        if self.kind is CiteKind.SCHEDULE:
            return self.name
        return {CiteKind.CLAUSE: "Clause", CiteKind.RECITAL: "Recital"}.get(self.kind, "paragraph")

    def pieces(self, *, this: bool = False, here: bool = False) -> list[Piece]:
        """The citation in words and numbers. `this`: "this Clause 21"; `here`: the citation
        stands in the schedule it names ("paragraph 3 of this Schedule", "this Schedule")."""
        kind = self.kind
        many = bool(self.end or self.numbers)
        if kind is CiteKind.SCHEDULE:
            if not many and (this or here):
                return [Piece(f"this {self.name}")]
            return _numbered(f"{self.name}s" if many else self.name, self, whole=not many)
        if kind in (CiteKind.CLAUSE, CiteKind.PARAGRAPH):
            noun = "Clause" if kind is CiteKind.CLAUSE else "paragraph"
            out = [Piece("this ")] if this else []
            out += _numbered(noun + ("s" if many else ""), self, whole=False)
            if kind is CiteKind.PARAGRAPH and not this:
                if here:
                    out.append(Piece(f" of this {self.name}"))
                else:
                    out += [Piece(" of "), Piece(f"{self.name} {self.schedule}", Slot.SCHEDULE)]
            return out
        if kind is CiteKind.RECITAL:
            return [Piece(f"Recital {self.number}", Slot.TARGET)]
        if kind is CiteKind.PARTY:
            return [Piece(f"paragraph {self.number} of the Parties", Slot.TARGET)]
        if kind is CiteKind.TABLE and self.number:
            return [Piece(f"Table {self.number}", Slot.TARGET)]
        assert self.within is not None, f"a {kind} is cited within a provision"
        within = self.within.text
        if kind is CiteKind.DEFINITION:
            return [Piece(f"the definition of “{self.term}” in {within}")]
        if kind is CiteKind.DEFINITIONS:
            return [Piece(f"the definitions in {within}")]
        nth = _ORDINALS[self.ordinal] if self.ordinal < len(_ORDINALS) else f"{self.ordinal}th "
        noun = "table" if kind is CiteKind.TABLE else "unnumbered paragraph"
        return [Piece(f"the {nth}{noun} in {within}")]


def _numbered(noun: str, cite: Citation, *, whole: bool) -> list[Piece]:
    """ "Clause 4.1", "Clauses 4.1 to 4.3", "Schedules 1, 3 and 5"; each number a piece
    (`whole`: the noun and number are one piece, as Word numbers "Schedule 7" itself)."""
    if cite.numbers:
        out = [Piece(f"{noun} ")]
        for i, number in enumerate(cite.numbers):
            if i:
                out.append(Piece(" and " if i == len(cite.numbers) - 1 else ", "))
            out.append(Piece(number))
        return out
    if whole:
        return [Piece(f"{noun} {cite.number}", Slot.TARGET)]
    out = [Piece(f"{noun} "), Piece(cite.number, Slot.TARGET)]
    if cite.end:
        out += [Piece(" to "), Piece(cite.end, Slot.END)]
    return out
