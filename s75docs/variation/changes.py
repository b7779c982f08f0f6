"""The variations a deed makes, each citing the agreement being varied by its own numbering."""

from __future__ import annotations

from dataclasses import dataclass, field

from s75docs.doctree.nodes import Block, Definition, Schedule
from s75docs.variation.atoms import Atom
from s75docs.variation.cite import Citation


@dataclass
class Hunk:
    """Words of a provision replaced: `old` is unique in it; `new` may be empty (deleted)."""

    old: list[Atom]
    new: list[Atom]


@dataclass
class ReplaceWords:
    target: Citation
    hunks: list[Hunk]


@dataclass
class ReplaceTitle:
    target: Citation
    old: str
    new: str


@dataclass
class Replace:
    """A provision, table or definition deleted and replaced in full (a schedule: by annex)."""

    target: Citation
    new: Block
    new_cite: Citation | None = None  # its citation in the agreement as varied


@dataclass
class Insert:
    """A new provision after `after` (None: at the start of `parent`)."""

    new: Block
    new_cite: Citation | None
    after: Citation | None
    parent: Citation | None  # None: the Clauses, the Schedules, the Recitals or the Parties


@dataclass
class InsertDefinition:
    new: Definition
    within: Citation


@dataclass
class Delete:
    """A provision deleted; `stub` (if any) stays in its place, "[Not used]" under its number
    and heading, so that no number moves."""

    target: Citation
    stub: Block | None = None


@dataclass
class SubstitutePartner:
    """A party replaced (e.g. by statutory transfer): every reference to it is to the new one."""

    old_name: str
    new_name: str
    old_short: str
    new_short: str
    successor: bool = False  # the new party took over the old one's functions by statute


Change = (
    ReplaceWords | ReplaceTitle | Replace | Insert | InsertDefinition | Delete | SubstitutePartner
)


@dataclass
class ChangeSet:
    changes: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes)

    @property
    def annexes(self) -> list[Schedule]:
        """Schedules the deed sets out in full (replaced or inserted), in order."""
        out: list[Schedule] = []
        for change in self.changes:
            if isinstance(change, Replace | Insert) and isinstance(change.new, Schedule):
                out.append(change.new)
        return out
