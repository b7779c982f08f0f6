"""The recognised outline as sections a page can fold: one per region (front matter,
clauses, execution) and one per schedule, each row a heading or numbered provision."""

from __future__ import annotations

from dataclasses import dataclass, field

from s75docs.check.outline import BODY, CONTENTS, SCHEDULE, Outline

_TOP = ("Schedule", "Annex", "Appendix")
_REGION_TITLES = {
    "front": "Front matter",
    "contents": "Contents list",
    "parties": "Parties",
    "background": "Background",
    "clauses": "Clauses",
    "execution": "Execution",
    "schedule": "Schedules",
}


@dataclass(frozen=True)
class Row:
    where: int  # line (text) or paragraph (.docx)
    depth: int
    label: str
    text: str
    note: str = ""


@dataclass
class Group:
    """A clause (or a schedule's paragraph) and the provisions under it."""

    head: Row | None
    rows: list[Row] = field(default_factory=list)


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)

    @property
    def groups(self) -> list[Group]:
        """The rows folded under each top-level clause or paragraph (depth 1): rows before
        the first one stand in a group without a head."""
        groups: list[Group] = []
        for row in self.rows:
            if row.depth == 1 and row.label[:1].isdigit():
                groups.append(Group(row))
            elif row.depth == 0 or not groups:  # a Part heading stands on its own
                groups.append(Group(None, [row]))
            else:
                groups[-1].rows.append(row)
        return groups

    @property
    def unplaced(self) -> int:
        return sum(1 for r in self.rows if r.note)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 90 else text[:87] + "..."


def outline_sections(outline: Outline) -> list[Section]:
    """The entries format_outline prints, grouped: a schedule's heading opens a section."""
    sections: list[Section] = []
    region = ""
    for e in outline.entries:
        top = e.region == SCHEDULE and e.number.startswith(_TOP)
        if e.region != region or top or not sections:
            region = e.region
            title = _REGION_TITLES.get(e.region, e.region.capitalize())
            if top:
                title = f"{e.number}: {_short(e.text)}" if e.text.strip() else e.number
            sections.append(Section(title))
        if e.region == CONTENTS:
            sections[-1].rows.append(Row(e.where, 0, "", _short(e.raw.text)))
            continue
        if not (e.number or e.heading or e.note):
            continue
        if e.region not in (BODY, SCHEDULE):
            depth = 1
        elif e.number.startswith((*_TOP, "Part")):
            depth = 0
        else:
            depth = e.number.count(".") + 1 if e.number[:1].isdigit() else 4
        sections[-1].rows.append(Row(e.where, depth, e.number, _short(e.text), e.note))
    return [s for s in sections if s.rows]
