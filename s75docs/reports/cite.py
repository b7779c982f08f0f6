"""Clause and schedule numbers for a report, read from the agreement's resolved tree by label."""

from __future__ import annotations

from dataclasses import dataclass

from s75docs.doctree.nodes import Block, Body, Document, Item, Schedule
from s75docs.errors import BuildError, Location


@dataclass(frozen=True)
class Provision:
    """A labelled clause, paragraph or schedule of the agreement, as numbered."""

    label: str
    node: Item | Schedule
    schedule: Schedule | None  # the schedule it is in (None for the clauses)

    @property
    def text(self) -> str:
        """'Clause 15', 'Clause 26.2', 'paragraph 4 of Schedule 8' or 'Schedule 8'."""
        node = self.node
        if isinstance(node, Schedule):
            return f"Schedule {node.number}"
        if self.schedule is None:
            return f"Clause {node.full_number}"
        return f"paragraph {node.full_number} of Schedule {self.schedule.number}"

    @property
    def title(self) -> str:
        return self.node.title or ""


class Citations:
    """Every labelled provision of one resolved agreement; a report cites only these."""

    def __init__(self, doc: Document, source: str = "") -> None:
        self.source = source
        self.provisions: dict[str, Provision] = {}
        for child in doc.children:
            self._collect(child, None)

    def _collect(self, node: Block, schedule: Schedule | None) -> None:
        if isinstance(node, Schedule):
            schedule = node
        if isinstance(node, Item | Schedule) and node.label and node.label not in self.provisions:
            self.provisions[node.label] = Provision(node.label, node, schedule)
        if isinstance(node, Body):
            schedule = None
        for child in node.children:
            self._collect(child, schedule)

    def get(self, label: str) -> Provision | None:
        return self.provisions.get(label)

    def __call__(self, label: str) -> str:
        """The citation of a provision the report cannot do without."""
        found = self.provisions.get(label)
        if found is None:
            raise BuildError(
                f"the report cites the provision labelled '{label}', which this agreement"
                " does not have (a council library may have replaced it)",
                Location(self.source),
            )
        return found.text

    def optional(self, label: str) -> str:
        """The citation, or '' when the agreement has no such provision."""
        found = self.provisions.get(label)
        return found.text if found else ""

    def scheme(self, scheme_id: str) -> Provision | None:
        """The Scheme Specification of an individual scheme."""
        return self.provisions.get(f"scheme-{scheme_id}")

    def schedules(self) -> list[Schedule]:
        return [p.node for p in self.provisions.values() if isinstance(p.node, Schedule)]


def clause_only(citation: str) -> str:
    """'Clause 26' from 'Clause 26.2' (a whole clause, for 'see Clause 26')."""
    if citation.startswith("Clause "):
        return citation.split(".")[0]
    return citation
