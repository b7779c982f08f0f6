"""Build a Board report as a document tree from the report library, the facts and the agreement
(assembled like the agreement, resolved against the agreement's labels)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from s75docs.assemble.directives import Call, Directives
from s75docs.assemble.outline import OutlineParser, mark_lines, relevel
from s75docs.doctree.nodes import (
    Block,
    Body,
    Document,
    Item,
    Para,
    Term,
    TermDef,
    Text,
    inline_text,
    inlines_of,
)
from s75docs.doctree.numbers import REPORT as REPORT_NUMBERING
from s75docs.doctree.numbers import alpha
from s75docs.errors import ErrorList, InputError, Location, S75Error
from s75docs.library import report_kinds
from s75docs.library.declared import Declared
from s75docs.library.directives import REPORT
from s75docs.library.jinja import condition, macros, render, render_text
from s75docs.library.loader import Library
from s75docs.library.source import Kind, Source
from s75docs.model.meeting import Meeting, ReportKind
from s75docs.model.scheme import SchemeFile
from s75docs.reports import tables
from s75docs.reports.facts import Cited, ReportFacts
from s75docs.reports.terms import word_terms
from s75docs.transforms import Settings, transform
from s75docs.variation.vary import Variation


@dataclass
class Report:
    """A resolved report: its sections as a tree, and the parts a front sheet prints."""

    kind: ReportKind
    kind_name: str
    doc: Document
    title: str
    summary: list[tuple[str, str]]
    appendices: list[tuple[str, str]]
    facts: ReportFacts
    changes: list[str] = field(default_factory=list)  # what the deed does, one phrase each


class ReportBuilder:
    """Each part of the report from the library file that applies to it."""

    def __init__(
        self,
        kind: ReportKind,
        meeting: Meeting,
        data: SchemeFile,
        library: Library,
        cited: Cited,
        settings: Settings,
        *,
        variation: Variation | None = None,
        requirements_met: int = 0,
        statutory_provisions: str = "",
    ) -> None:
        self.kind = kind
        self.library = library
        self.settings = settings
        self.variation = variation
        self.data = data
        self.declared = Declared.of(library.sources.values())
        self.facts = ReportFacts(
            kind,
            meeting,
            data,
            cited,
            variation=variation,
            library_data=library.data,
            declared=self.declared,
            requirements_met=requirements_met,
            statutory_provisions=statutory_provisions,
        )
        self.ctx = self.facts.context()
        self.parts: dict[str, list[Source]] = {}
        for src in library.of_kind(Kind.REPORT):
            self.parts.setdefault(src.meta.part, []).append(src)
        self.change_items: list[Item] = []
        self.handlers = self.directives()

    # ------------------------------------------------------------ parts
    def source(self, part: str, required: bool = True) -> Source | None:
        """The one file of a part whose condition holds for this report."""
        candidates = self.parts.get(part, [])
        chosen = [s for s in candidates if condition(s, self.ctx)]
        if len(chosen) > 1:
            names = ", ".join(str(s.path) for s in chosen)
            ids = ", ".join(sorted({s.id for s in chosen}))
            raise InputError(
                f"two report files write the part '{part}' here: {names} (to replace a"
                f" default file, give yours its id; these have {ids})"
            )
        if not chosen and required:
            where = f" (files: {', '.join(str(s.path) for s in candidates)})" if candidates else ""
            raise InputError(f"no report file writes the part '{part}' for this report{where}")
        return chosen[0] if chosen else None

    def blocks(self, src: Source) -> list[Block]:
        rendered = render(src, self.ctx, mark_lines(src.body))
        parser = OutlineParser(
            str(src.path), src.body_line - 1, self.handlers, headings=False, base=2
        )
        return parser.parse(rendered)

    def text(self, part: str) -> str:
        """A part that is one line of plain words (a title)."""
        src = self.source(part)
        assert src is not None
        return " ".join(
            inline_text(b.inlines) for b in self.blocks(src) if isinstance(b, Para | Item)
        )

    # ------------------------------------------------------------ directives
    def directives(self) -> Directives:
        data, variation = self.data, self.variation

        def varied(call: Call) -> tuple[SchemeFile, SchemeFile, Any]:
            if variation is None or variation.facts is None:
                raise InputError(f"':: {call.name}' is for a variation report", call.location)
            return variation.old_data, variation.new_data, variation.facts

        return Directives(
            REPORT,
            {
                "contributions-by-partner": lambda call: tables.by_partner(call, data),
                "contributions-by-line": lambda call: tables.by_line(call, data),
                "contributions-by-scheme": lambda call: tables.by_scheme(call, data),
                "totals-before-after": lambda call: tables.before_after(call, *varied(call)),
                "lines-changed": lambda call: tables.lines_changed(call, varied(call)[2]),
                "changes": self.changes,
            },
        )

    def changes(self, call: Call) -> list[Block]:
        """What the deed does, as points: a copy of the 'changes' part, punctuated."""
        items = copy.deepcopy(self.change_items)
        end, last = call.params.get("end", ""), call.params.get("last", "")
        for n, item in enumerate(items):
            item.bullet = "bullets" in call.params
            item.inlines.append(Text(last if n == len(items) - 1 else end))
        return list(items)

    # ------------------------------------------------------------ the report
    def build(self) -> Report:
        kinds: dict[str, Any] = dict(self.library.data.get(report_kinds.STEM) or {})
        files = self.library.data_files.get(report_kinds.STEM, [])
        faults: list[S75Error] = [
            InputError(d.message, d.location, code=d.code)
            for d in report_kinds.problems(kinds, self.library.of_kind(Kind.REPORT), files)
            if d.code == "lib-report-kinds" and d.message.startswith(f"{self.kind.value}:")
        ]
        if faults:
            raise ErrorList(faults)
        spec = kinds.get(self.kind.value)
        if not isinstance(spec, dict):
            where = Location(str(files[-1])) if files else Location()
            raise InputError(f"no kind of report '{self.kind.value}' in this file", where)
        phrases = self.source("phrases", required=False)
        self.ctx["phrases"] = macros(phrases, self.ctx) if phrases else None
        self.ctx["terms"] = self._terms()
        title = self.facts.meeting.title or self.text("title")
        appendices = [self.text("appendix"), *self.facts.meeting.appendices]
        labelled = [(f"Appendix {alpha(i + 1).upper()}", t) for i, t in enumerate(appendices)]
        self.ctx["appendices"] = [
            {"label": label, "title": t, "entry": f"{label}: {t}"} for label, t in labelled
        ]
        phrases_of_deed: list[str] = []
        if self.variation is not None:
            src = self.source("changes")
            assert src is not None
            self.change_items = [b for b in self.blocks(src) if isinstance(b, Item)]
            phrases_of_deed = self._resolved_texts(copy.deepcopy(self.change_items))
        sections = [self._section(part) for part in spec["sections"]]
        doc = Document(title=title, numbering=REPORT_NUMBERING, number_tables=True)
        doc.children.append(Body(children=list(sections)))
        self._resolve(doc)
        summary_src = self.source("summary")
        assert summary_src is not None
        summary = [
            tuple(inline_text(b.inlines).split(": ", 1))
            for b in self.blocks(summary_src)
            if isinstance(b, Item | Para)
        ]
        return Report(
            kind=self.kind,
            kind_name=str(spec.get("name") or self.kind.value),
            doc=doc,
            title=title,
            summary=[(row[0], row[1] if len(row) > 1 else "") for row in summary],
            appendices=labelled,
            changes=phrases_of_deed,
            facts=self.facts,
        )

    def _section(self, part: str) -> Item:
        src = self.source(part)
        assert src is not None
        heading = render_text(src.meta.title, self.ctx, src.location(None))
        blocks = self.blocks(src)
        return Item(
            level=1,
            title=heading,
            label=f"section-{part}",
            children=blocks,
            location=src.location(1),
        )

    def _terms(self) -> list[Any]:
        if self.variation is None or self.variation.facts is None:
            return []
        table: dict[str, Any] = dict(self.library.data.get("report_terms") or {})
        files = self.library.data_files.get("report_terms", [])
        where = Location(str(files[-1]) if files else "data/report_terms.yaml")

        def show(template: str, values: dict[str, Any]) -> str:
            return render_text(template, {**self.ctx, **values}, where)

        for group, entries in table.items():
            for key, entry in (entries or {}).items():
                label = str((entry or {}).get("label") or "")
                known = (
                    self.declared.in_repeated(label)
                    if group == "scheme"
                    else self.declared.unknown(label) is None
                )
                if label and not known:
                    raise InputError(
                        f"{group}.{key}: unknown label '{label}'"
                        f" ({self.declared.suggestion(label)})",
                        where,
                    )
        return list(word_terms(self.variation.facts, table, show, self.facts.cited.has))

    def _resolve(self, doc: Document) -> None:
        terms: list[S75Error] = [
            InputError(
                f"a report defines no terms: write '{i.name}' without the asterisks",
                n.location,
            )
            for n in doc.walk()
            for i in inlines_of(n)
            if isinstance(i, Term | TermDef)
        ]
        if terms:
            raise ErrorList(list({str(e): e for e in terms}.values()))  # each once
        errors: list[S75Error] = transform(doc, self.settings)
        if errors:
            raise ErrorList(errors)

    def _resolved_texts(self, items: list[Item]) -> list[str]:
        relevel(list(items), 2)
        doc = Document(numbering=REPORT_NUMBERING, children=[Body(children=list(items))])
        self._resolve(doc)
        return [inline_text(i.inlines) for i in items]
