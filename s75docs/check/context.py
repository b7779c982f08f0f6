"""What every rule needs: each node with its paragraph, division and enclosing provision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from s75docs.check.findings import Finding
from s75docs.check.raw import RawParagraph
from s75docs.check.tree import ReadDocument
from s75docs.diagnostics import Severity
from s75docs.doctree.cite import Citation, CiteKind
from s75docs.doctree.nodes import Block, Body, Definition, Item, Schedule


@dataclass(frozen=True)
class Place:
    node: Block
    raw: RawParagraph | None
    division: Body | Schedule | None
    item: Item | None  # the innermost numbered provision holding the node
    clause: Item | None  # the top-level clause (or schedule paragraph)

    def citation(self) -> Citation | None:
        """The enclosing provision, cited as every document of the project cites it."""
        division = self.division
        if self.item is None:
            if isinstance(division, Schedule):
                return Citation(CiteKind.SCHEDULE, division.number, name=division.name)
            return None
        number = self.item.full_number or self.item.number
        if isinstance(division, Schedule):
            return Citation(
                CiteKind.PARAGRAPH, number, schedule=division.number, name=division.name
            )
        return Citation(CiteKind.CLAUSE, number)

    def label(self) -> str:
        """ "Clause 15.1", "paragraph 2 of Schedule 3", "paragraph 20 of Part 2 of Schedule 3",
        "Schedule 3", or "" outside them."""
        cite = self.citation()
        if cite is None:
            return ""
        part = part_of(self.division) if isinstance(self.division, Schedule) else None
        if part is not None and self.item is not None:
            return cite.text.replace(" of ", f" of Part {part} of ", 1)
        return cite.text


def part_of(division: Schedule) -> str | None:
    """The Part a division of a schedule is ("PART 2 TEMPLATE ..." -> "2"; the outline makes
    each Part a division of its own, titled with its heading), else None."""
    words = division.title.split()
    return words[1] if len(words) > 1 and words[0].casefold() == "part" else None


def division_name(division: Schedule) -> str:
    """ "Part 2 of Schedule 1", "Schedule 3", "Annex 2": a division as a finding names it."""
    part = part_of(division)
    whole = f"{division.name} {division.number}"
    return f"Part {part} of {whole}" if part is not None else whole


@dataclass
class Context:
    read: ReadDocument
    file: str
    as_of: dt.date
    made: dt.date | None
    term_end: dt.date | None = None  # the Initial Term's last day, where the text states it
    findings: list[Finding] = field(default_factory=list)
    irregular: set[int] = field(default_factory=set)  # divisions whose numbering is unreliable
    _places: list[Place] | None = field(default=None, repr=False)

    def places(self) -> Iterator[Place]:
        """Every node in document order with where it stands (walked once, then kept)."""
        if self._places is None:
            self._places = list(self._walk())
        return iter(self._places)

    def _walk(self) -> Iterator[Place]:
        def visit(
            node: Block,
            division: Body | Schedule | None,
            item: Item | None,
            clause: Item | None,
            limb: bool = False,
        ) -> Iterator[Place]:
            if isinstance(node, Item) and not limb:  # a definition's (a), (b) cite its clause
                item = node
                clause = node if node.level == 1 else clause
            yield Place(node, self.read.raw(node), division, item, clause)
            for child in node.children:
                yield from visit(child, division, item, clause, isinstance(node, Definition))

        for top in self.read.doc.children:
            division = top if isinstance(top, Body | Schedule) else None
            if division is not None:
                yield Place(top, self.read.raw(top), division, None, None)
                for child in top.children:
                    yield from visit(child, division, None, None)
            else:
                yield from visit(top, None, None, None)

    def add(
        self,
        code: str,
        message: str,
        place: Place | RawParagraph | None,
        *,
        text: str = "",
        suggestion: str = "",
        clause: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        raw = place.raw if isinstance(place, Place) else place
        label = (
            clause if clause is not None else (place.label() if isinstance(place, Place) else "")
        )
        self.findings.append(
            Finding(
                code=code,
                message=message,
                clause=label,
                text=text,
                suggestion=suggestion,
                line=raw.line if raw else None,
                paragraph=raw.paragraph if raw else None,
                severity=severity,
                cell=raw.cell if raw else None,
                block=raw.block if raw else None,
                control=raw.control if raw else False,
            )
        )
