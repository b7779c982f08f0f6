"""Build the agreement tree from scheme data and the library (no numbers, no resolving)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from s75docs.assemble import tables
from s75docs.assemble.context import make_context
from s75docs.assemble.directives import Call, Directives
from s75docs.assemble.outline import OutlineParser, mark_lines
from s75docs.doctree.nodes import (
    Block,
    Body,
    Definition,
    DefinitionItem,
    DefinitionsList,
    Document,
    ExecutionBlock,
    ExecutionMethod,
    Item,
    PageBreak,
    Para,
    Recital,
    Schedule,
    Signatory,
    TermDef,
    Text,
    Toc,
)
from s75docs.errors import ErrorList, InputError, Location, S75Error
from s75docs.library.directives import AGREEMENT
from s75docs.library.jinja import condition, render
from s75docs.library.loader import Library
from s75docs.library.source import Kind, Source
from s75docs.model.scheme import Execution, Partner, Scheme, SchemeFile
from s75docs.words import UNDATED, long_date


class Builder:
    """Turns each library file that applies into blocks; collects every error."""

    def __init__(self, data: SchemeFile, library: Library) -> None:
        self.data = data
        self.library = library
        self.errors: list[S75Error] = []
        self.ctx = make_context(data, library_data=library.data)

    # ------------------------------------------------------------ directives
    def _directives(self, scheme: Scheme | None) -> Directives:
        def target(call: Call) -> Scheme:
            wanted = call.params.get("scheme")
            if wanted is None:
                if scheme is None:
                    message = f"directive {call.name} needs a scheme (scheme=ID)"
                    raise InputError(message, call.location)
                return scheme
            found = [s for s in self.data.schemes if s.id == wanted]
            if not found:
                raise InputError(f"directive {call.name}: no scheme '{wanted}'", call.location)
            return found[0]

        def services(call: Call) -> list[Block]:
            chosen = target(call)
            return [tables.services_table(self.data, chosen)] if chosen.services else []

        def indicators(call: Call) -> list[Block]:
            chosen = target(call)
            return [tables.indicators_table(chosen)] if chosen.indicators else []

        return Directives(
            AGREEMENT,
            {
                "definitions": lambda call: [self._definitions(call.location)],
                "summary-table": lambda call: [tables.summary_table(self.data)],
                "partners-table": lambda call: [tables.partners_table(self.data)],
                "contributions-table": lambda call: [
                    tables.contributions_table(self.data, target(call))
                ],
                "services-table": services,
                "indicators-table": indicators,
            },
        )

    # ------------------------------------------------------------ pieces
    def _parse(
        self,
        src: Source,
        ctx: dict[str, Any],
        *,
        headings: bool,
        base: int,
        scheme: Scheme | None = None,
        scope: str | None = None,
    ) -> list[Block]:
        rendered = render(src, ctx, mark_lines(src.body))
        parser = OutlineParser(
            str(src.path),
            src.body_line - 1,
            self._directives(scheme),
            headings=headings,
            base=base,
            scope=scope,
            prefix_labels=scope is not None,
        )
        return parser.parse(rendered)

    def _definitions(self, loc: Location) -> DefinitionsList:
        available: dict[str, Definition] = {}
        for p in self.data.partners:
            available[p.short_name] = _partner_definition(p)
        for src in self.library.of_kind(Kind.DEFINITION):
            try:
                if not condition(src, self.ctx):
                    continue
                blocks = self._parse(src, self.ctx, headings=False, base=1)
            except S75Error as exc:
                self.errors.append(exc)
                continue
            entry = Definition(term=src.meta.term, label=None, location=src.location(1))
            for block in blocks:
                if isinstance(block, Para):
                    if entry.inlines:
                        entry.inlines.append(Text(" "))
                    entry.inlines.extend(block.inlines)
                elif isinstance(block, Item):
                    if block.children:
                        self.errors.append(
                            InputError("a definition's limbs cannot be nested", block.location)
                        )
                    entry.children.append(
                        DefinitionItem(inlines=block.inlines, location=block.location)
                    )
            available[src.meta.term] = entry
        return DefinitionsList(library=available, location=loc)

    def _clause(self, src: Source) -> Item | None:
        if not condition(src, self.ctx):
            return None
        children = self._parse(src, self.ctx, headings=False, base=2)
        return Item(
            level=1,
            title=src.meta.title,
            label=src.label,
            toc=src.meta.toc,
            children=children,
            location=src.location(1),
        )

    def _schedules(self, src: Source) -> list[Schedule]:
        out: list[Schedule] = []
        targets: list[Scheme | None] = (
            list(self.data.schemes) if src.meta.repeat == "schemes" else [None]
        )
        for scheme in targets:
            ctx = make_context(self.data, scheme, self.library.data) if scheme else self.ctx
            if not condition(src, ctx):
                continue
            label = f"{src.label}-{scheme.id}" if scheme else src.label
            title = f"{src.meta.title}: {scheme.name}" if scheme else src.meta.title
            children = self._parse(
                src, ctx, headings=True, base=1, scheme=scheme, scope=label if scheme else None
            )
            out.append(
                Schedule(title=title, label=label, children=children, location=src.location(1))
            )
        return out

    def _guard(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except ErrorList as exc:
            self.errors.extend(exc.errors)
        except S75Error as exc:
            self.errors.append(exc)
        return None

    # ------------------------------------------------------------ the document
    def build(self) -> Document:
        data = self.data
        a = data.agreement
        doc = Document(title=a.title, meta={"area": a.area, "date": long_date(a.date)})
        doc.children.extend(_cover(data))
        doc.children.append(Toc())
        doc.children.append(PageBreak())
        doc.children.extend(_parties(data))
        recitals: list[Block] = []
        for src in self.library.of_kind(Kind.RECITALS):
            blocks = self._guard(self._recitals, src)
            recitals.extend(blocks or [])
        if recitals:
            doc.children.append(Para(inlines=[Text("Background")], style="heading"))
            doc.children.extend(recitals)
        doc.children.append(Para(inlines=[Text("Agreed terms")], style="heading"))
        body = Body(label=None)
        for src in self.library.of_kind(Kind.CLAUSE):
            clause = self._guard(self._clause, src)
            if clause is not None:
                body.children.append(clause)
        doc.children.append(body)
        doc.children.extend(_execution(data))
        for src in self.library.of_kind(Kind.SCHEDULE):
            doc.children.extend(self._guard(self._schedules, src) or [])
        if self.errors:
            raise ErrorList(_unique(self.errors))
        return doc

    def _recitals(self, src: Source) -> list[Block]:
        if not condition(src, self.ctx):
            return []
        out: list[Block] = []
        for block in self._parse(src, self.ctx, headings=False, base=1):
            if isinstance(block, Item):
                if block.children:
                    raise InputError(
                        "recitals cannot have numbered sub-paragraphs", block.children[0].location
                    )
                out.append(
                    Recital(inlines=block.inlines, label=block.label, location=block.location)
                )
            else:
                out.append(block)
        return out


def _unique(errors: list[S75Error]) -> list[S75Error]:
    seen: set[str] = set()
    out: list[S75Error] = []
    for e in errors:
        if str(e) not in seen:
            seen.add(str(e))
            out.append(e)
    return out


def _address(p: Partner) -> str:
    return ", ".join([*p.address.lines, p.address.postcode])


def _partner_definition(p: Partner) -> Definition:
    return Definition(
        term=p.short_name,
        inlines=[Text(f"means {p.legal_name}, {p.kind.description}, of {_address(p)};")],
    )


def _cover(data: SchemeFile) -> list[Block]:
    a = data.agreement
    dated = f"Dated {long_date(a.date)}" if a.date else f"Dated {UNDATED}"
    out: list[Block] = [Para(inlines=[Text(dated)], style="centre")]
    for i, p in enumerate(data.partners):
        if i:
            out.append(Para(inlines=[Text("and")], style="centre"))
        out.append(Para(inlines=[Text(p.legal_name.upper())], style="party"))
    out.append(Para(inlines=[Text(a.title)], style="title"))
    out.append(
        Para(
            inlines=[Text("made under section 75 of the National Health Service Act 2006")],
            style="subtitle",
        )
    )
    out.append(PageBreak())
    return out


def _parties(data: SchemeFile) -> list[Block]:
    a = data.agreement
    when = long_date(a.date) if a.date else UNDATED
    out: list[Block] = [
        Para(inlines=[Text(f"This Agreement is dated {when}.")], style="body"),
        Para(inlines=[Text("Parties")], style="heading"),
    ]
    for i, p in enumerate(data.partners, start=1):
        out.append(
            Para(
                inlines=[
                    Text(f"({i}) {p.legal_name}, {p.kind.description}, of {_address(p)} (the "),
                    TermDef(p.short_name),
                    Text(
                        ")"
                        + _succeeded(p, a.date)
                        + (
                            "; and"
                            if i == len(data.partners) - 1
                            else "."
                            if i == len(data.partners)
                            else ";"
                        )
                    ),
                ],
                style="party-entry",
            )
        )
    return out


def _succeeded(p: Partner, made: dt.date | None) -> str:
    """A partner that succeeded, after the agreement was made, the body that made it: the
    Parties say so, so that they still record who made the agreement."""
    s = p.succeeds
    if s is None or made is None or s.date <= made:
        return ""
    return f", which succeeded {s.body}, {MADE_IT}, on {long_date(s.date)}"


# in the Parties of the agreement; a deed, citing the agreement, says "the Agreement"
MADE_IT = "the party that made this Agreement"


def _execution(data: SchemeFile) -> list[Block]:
    a = data.agreement
    lead = (
        "Each Partner has executed this Agreement as a deed. It is delivered, and binds the"
        " Partners, on the date written at the beginning of it, which is inserted once every"
        " Partner has executed a counterpart and the counterparts have been exchanged."
        if a.execution_as_deed
        else "Each Partner has executed this Agreement, which is not a deed. It binds the"
        " Partners on the date written at the beginning of it, which is inserted once every"
        " Partner has executed a counterpart and the counterparts have been exchanged."
    )
    out: list[Block] = [PageBreak(), Para(inlines=[Text(lead)], style="body")]
    return out + execution_blocks(data, as_deed=a.execution_as_deed, as_made=True)


# the lines a witness completes under a signature that is witnessed
WITNESS_LINES = [
    "in the presence of:",
    "Signature of witness",
    "Name of witness:",
    "Address:",
    "Occupation:",
]


def execution_blocks(data: SchemeFile, *, as_deed: bool, as_made: bool = False) -> list[Block]:
    """One signature block per partner, under its seal, as a deed by its authorised officers
    or under hand (also used by the deed of variation, which every partner executes as a
    deed: a partner that signs under hand cannot, and is refused). `as_made`: the agreement's
    own blocks, which name the body that made it where a successor has since taken its place."""
    out: list[Block] = []
    for p in data.partners:
        s = p.succeeds
        if as_made and s is not None and data.agreement.date and s.date > data.agreement.date:
            p = p.model_copy(update={"legal_name": s.body})
        if as_deed and p.execution is Execution.SIGNATURE:
            raise InputError(
                f"{p.legal_name} signs under hand (execution: signature) and cannot execute a"
                " deed: give it execution 'seal' or 'deed' in the scheme file"
            )
        out.append(
            ExecutionBlock(
                party=p.legal_name,
                method=ExecutionMethod(p.execution.value),
                wording=attestation(p, as_deed=as_deed),
                instruction="Affix the common seal here" if p.execution is Execution.SEAL else "",
                signatories=[Signatory(role=s.role, name=s.name) for s in p.signers],
                witness=list(WITNESS_LINES) if p.witness else [],
            )
        )
    return out


def attestation(p: Partner, *, as_deed: bool) -> str:
    """The words above a partner's signatures: how it executes, who signs, and what
    authorises them (its constitution or standing orders, or the data's own words)."""
    people = "the person" if len(p.signers) == 1 else "the persons"
    witnessed = ", each signature being witnessed" if p.witness else ""
    if p.execution is Execution.SEAL:
        start = (
            f"Executed as a deed by {p.legal_name} by affixing its common seal"
            if as_deed
            else f"The common seal of {p.legal_name} was affixed"
        )
        return (
            f"{start} in the presence of, and authenticated by, {people} below, authorised to"
            f" do so by {p.authority}{witnessed}:"
        )
    officers = "the officer" if len(p.signers) == 1 else "the officers"
    if p.execution is Execution.DEED and as_deed:
        return (
            f"Executed as a deed by {p.legal_name}, acting by {officers} below, authorised to"
            f" execute deeds on its behalf by {p.authority}{witnessed}:"
        )
    return (
        f"Signed for and on behalf of {p.legal_name} by {people} below, authorised to do so"
        f" by {p.authority}{witnessed}:"
    )


def assemble(data: SchemeFile, library: Library) -> Document:
    """Scheme + library -> an unnumbered, unresolved tree."""
    return Builder(data, library).build()
