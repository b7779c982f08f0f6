"""The deed of variation as a document tree: cover, parties, background, definitions, the
numbered variations, continuation, counterparts, governing law, execution and annexes."""

from __future__ import annotations

import copy

from s75docs.assemble.builder import MADE_IT, execution_blocks
from s75docs.doctree.nodes import (
    Block,
    Body,
    Definition,
    DefinitionsList,
    Document,
    Inline,
    Item,
    PageBreak,
    Para,
    Recital,
    Ref,
    Term,
    TermDef,
    Text,
    Toc,
    inlines_of,
)
from s75docs.model.scheme import SchemeFile, VariationRecord
from s75docs.transforms.labels import Labels
from s75docs.variation.cite import CitationIndex
from s75docs.variation.diff import parties
from s75docs.variation.events import Events
from s75docs.variation.quote import annex
from s75docs.variation.restate import restated_annexes
from s75docs.variation.vary import RESTATE, Variation
from s75docs.variation.wording import Wording
from s75docs.words import UNDATED, cap, join_and, long_date

ACT = "the National Health Service Act 2006"
_VARIATIONS = "that Clause"


def _para(text: str | list[Inline], style: str = "body") -> Para:
    inlines: list[Inline] = [Text(text)] if isinstance(text, str) else text
    return Para(inlines=inlines, style=style)


def _item(level: int, *parts: Inline | str, label: str | None = None) -> Item:
    inlines = [Text(p) if isinstance(p, str) else p for p in parts]
    return Item(level=level, inlines=inlines, label=label)


def _clause(title: str, label: str, children: list[Block]) -> Item:
    return Item(level=1, title=title, label=label, toc=True, children=children)


def _deed_date(record: VariationRecord) -> str:
    return long_date(record.date) if record.date else UNDATED


def earlier_wording(records: list[VariationRecord]) -> str:
    deeds = [
        f"a deed dated {long_date(r.date)}"
        if r.date
        else f"a deed taking effect on {long_date(r.effective)}"
        for r in records
    ]
    return join_and(deeds)


class DeedBuilder:
    def __init__(self, variation: Variation) -> None:
        self.v = variation
        self.old: SchemeFile = variation.old_data
        self.new: SchemeFile = variation.new_data
        self.record = variation.new_data.variations[-1]
        self.earlier = variation.new_data.variations[:-1]
        self.old_index = CitationIndex(variation.old)
        self.events = Events(self.old, self.new, Labels.of(variation.old))
        self.restate = variation.style == RESTATE
        self.annexes: dict[int, int] = {
            id(s): n for n, s in enumerate(variation.changes.annexes, start=1)
        }
        if self.restate:  # one annex: the agreement as restated
            self.annexes = {}

    def agreement(self) -> Term:
        return Term("Agreement", "Agreement")

    def build(self) -> Document:
        doc = Document(title=f"{self.kind}: {self.old.agreement.title}")
        doc.children += self.cover()
        doc.children.append(Toc())
        doc.children.append(PageBreak())
        doc.children.append(_para(f"This Deed is dated {_deed_date(self.record)}."))
        doc.children.append(_para("Parties", "heading"))
        doc.children += [_in_deed(copy.deepcopy(p)) for p in parties(self.v.new)]
        doc.children.append(_para("Background", "heading"))
        doc.children += self.background()
        doc.children.append(_para("Agreed terms", "heading"))
        doc.children.append(Body(children=self.clauses()))
        doc.children += self.execution()
        if self.restate:
            doc.children += restated_annexes(self.v.new)
            return doc
        for schedule in self.v.changes.annexes:
            doc.children.append(annex(schedule, self.annexes[id(schedule)]))
        return doc

    @property
    def kind(self) -> str:
        return "Deed of Variation and Restatement" if self.restate else "Deed of Variation"

    # ------------------------------------------------------------ front
    def cover(self) -> list[Block]:
        out: list[Block] = [_para(f"Dated {_deed_date(self.record)}", "centre")]
        for i, p in enumerate(self.new.partners):
            if i:
                out.append(_para("and", "centre"))
            out.append(_para(p.legal_name.upper(), "party"))
        out.append(_para(self.kind, "title"))
        made = long_date(self.old.agreement.date)
        out.append(
            _para(
                f"relating to the {self.old.agreement.title} dated {made}, made under"
                f" section 75 of {ACT}",
                "subtitle",
            )
        )
        out.append(PageBreak())
        return out

    def background(self) -> list[Block]:
        a = self.old.agreement
        made = (
            f"an agreement dated {long_date(a.date)} made under section 75 of {ACT} for"
            f" integrated health and social care arrangements in {a.area}"
        )
        successions = self.events.parties(made)
        out: list[Recital] = successions or [
            Recital(
                inlines=[
                    Text("The parties to this Deed (the "),
                    TermDef("Partners"),
                    Text(") are parties to the "),
                    self.agreement(),
                    Text(
                        f", an agreement dated {long_date(a.date)} made under section 75 of"
                        f" {ACT} for integrated health and social care arrangements in"
                        f" {a.area}."
                    ),
                ]
            )
        ]
        if self.earlier:
            out.append(
                Recital(
                    inlines=[
                        Text("The "),
                        self.agreement(),
                        Text(f" has been varied before, by {earlier_wording(self.earlier)}."),
                    ]
                )
            )
        found = Labels.of(self.v.old).cite("variation-writing")
        writing = cap(found.text) if found else None
        how = "executed as a deed" if a.execution_as_deed else "signed"
        if writing:
            out.append(
                Recital(
                    inlines=[
                        Text(f"{writing} of the "),
                        self.agreement(),
                        Text(
                            " provides that a variation of it is effective only if it is in"
                            f" writing, refers to it and is {how} by or on behalf of each"
                            " Partner. This Deed is such a variation."
                        ),
                    ]
                )
            )
        out.append(
            Recital(
                inlines=[
                    Text("The Partners wish to vary the "),
                    self.agreement(),
                    Text(f" {self.record.reason.rstrip('.')}."),
                ]
            )
        )
        out += self.events.recitals()
        if self.record.approvals:
            approvals = [
                f"the {ap.body} on {long_date(ap.date)}"
                + (f" (decision {ap.reference})" if ap.reference else "")
                for ap in self.record.approvals
            ]
            out.append(Recital(inlines=[Text(f"This Deed was approved by {join_and(approvals)}.")]))
        return list(out)

    # ------------------------------------------------------------ clauses
    def clauses(self) -> list[Block]:
        definitions = DefinitionsList(library=self.definitions())
        interpretation = _clause(
            "Definitions and interpretation",
            "deed-definitions",
            [
                _item(2, "In this Deed:"),
                definitions,
                _item(
                    2,
                    "Words and expressions defined in the ",
                    self.agreement(),
                    " have the same meanings in this Deed.",
                ),
                self.numbering(),
            ],
        )
        effect = self.events.provisions()
        variations = self.restatement() if self.restate else self.variations()
        return [
            interpretation,
            variations,
            *([_clause("Effect of the variations", "deed-events", list(effect))] if effect else []),
            _clause(
                "Continuation",
                "deed-continuation",
                [
                    _item(
                        2,
                        "The ",
                        self.agreement(),
                        ", as amended and restated by this Deed, continues in full force and"
                        " effect.",
                    )
                    if self.restate
                    else _item(
                        2,
                        "Except as varied by this Deed, the ",
                        self.agreement(),
                        " continues in full force and effect.",
                    ),
                    self.one_document(),
                    _item(
                        2,
                        "Nothing in this Deed affects a right or liability of a Partner that arose"
                        " under the ",
                        self.agreement(),
                        " before the ",
                        Term("Variation Date", "Variation Date"),
                        ".",
                        label="deed-rights-before",
                    ),
                ],
            ),
            _clause(
                "Counterparts",
                "deed-counterparts",
                [
                    _item(
                        2,
                        "This Deed may be executed in any number of counterparts. Each"
                        " counterpart is an original, and all of them together are one deed.",
                    ),
                    _item(
                        2,
                        "A Partner that executes this Deed delivers it only when the Deed has"
                        " been dated, which is done once every Partner has executed a"
                        " counterpart and the counterparts have been exchanged. Until then no"
                        " Partner is bound by it, even if it has executed it.",
                    ),
                ],
            ),
            _clause(
                "Governing law and jurisdiction",
                "deed-law",
                [
                    _item(
                        2,
                        "This Deed, and any dispute or claim (including a non-contractual"
                        " dispute or claim) arising out of or in connection with it, is governed"
                        " by the law of England and Wales.",
                    ),
                    _item(
                        2,
                        "The courts of England and Wales have exclusive jurisdiction over any"
                        " such dispute or claim, without affecting the dispute resolution"
                        " procedure in the ",
                        self.agreement(),
                        ".",
                    ),
                ],
            ),
        ]

    def numbering(self) -> Item:
        """How the deed cites the agreement, and what happens to its numbers."""
        if self.restate:
            return _item(
                2,
                "In this Deed, a reference to a numbered provision of the ",
                self.agreement(),
                " is to that provision as numbered immediately before the ",
                Term("Variation Date", "Variation Date"),
                ". The ",
                self.agreement(),
                " as amended and restated is numbered as set out in the Annexes.",
            )
        return _item(
            2,
            "In ",
            Ref("deed-variations"),
            ", a provision of the ",
            self.agreement(),
            " is cited by the number it has in the ",
            self.agreement(),
            ". This Deed renumbers no provision of the ",
            self.agreement(),
            f": a new provision takes the number given to it in {_VARIATIONS}, and a deleted"
            " provision keeps its number and heading, with the words “[Not used]” in place of"
            " its text.",
        )

    def variations(self) -> Item:
        wording = Wording(self.old_index, self.annexes)
        return _clause(
            "Variations",
            "deed-variations",
            [
                self.from_variation_date(" is varied as follows."),
                *[wording.change(c) for c in self.v.changes.changes],
            ],
        )

    def from_variation_date(self, *rest: Inline | str) -> Item:
        """'With effect from the Variation Date, the Agreement ...' and the rest."""
        return _item(
            2,
            "With effect from the ",
            Term("Variation Date", "Variation Date"),
            ", the ",
            self.agreement(),
            *rest,
        )

    def restatement(self) -> Item:
        return _clause(
            "Amendment and restatement",
            "deed-variations",
            [
                self.from_variation_date(
                    " is amended and restated in the form set out in the Annexes (its parties,"
                    " background and clauses in Annex 1, and its schedules in the Annexes that"
                    " follow). The ",
                    self.agreement(),
                    " as amended and restated continues the ",
                    self.agreement(),
                    ": it is not a new agreement.",
                ),
            ],
        )

    def one_document(self) -> Item:
        done = "amended and restated" if self.restate else "varied"
        return _item(
            2,
            "From the ",
            Term("Variation Date", "Variation Date"),
            ", the ",
            self.agreement(),
            " and this Deed are read as one document, and a reference in the ",
            self.agreement(),
            f" to itself is to it as {done} by this Deed.",
        )

    def definitions(self) -> dict[str, Definition]:
        a = self.old.agreement
        names = join_and([p.legal_name for p in self.old.partners])
        earlier = f", as varied by {earlier_wording(self.earlier)}" if self.earlier else ""
        return {
            "Agreement": Definition(
                term="Agreement",
                inlines=[
                    Text(
                        f"means the {a.title} dated {long_date(a.date)} between {names}, made"
                        f" under section 75 of {ACT}{earlier};"
                    )
                ],
            ),
            "Variation Date": Definition(
                term="Variation Date",
                inlines=[Text(f"means {long_date(self.record.effective)}.")],
            ),
        }

    # ------------------------------------------------------------ execution
    def execution(self) -> list[Block]:
        out: list[Block] = [
            PageBreak(),
            _para(
                [
                    Text(
                        "Each Partner has executed this Deed as a deed. It is delivered, and"
                        " binds the Partners, on the date written at the beginning of it, which"
                        " is inserted once every Partner has executed a counterpart and the"
                        " counterparts have been exchanged. The variations it makes take effect"
                        " on the "
                    ),
                    Term("Variation Date", "Variation Date"),
                    Text("."),
                ]
            ),
        ]
        return out + execution_blocks(self.new, as_deed=True)


def build_deed(variation: Variation) -> Document:
    """An unnumbered, unresolved deed tree (run it through the transforms)."""
    return DeedBuilder(variation).build()


def _in_deed(block: Block) -> Block:
    """A party as this deed describes it: a successor "succeeded X, the party that made the
    Agreement" (the Agreement's own Parties say "this Agreement")."""
    for inline in inlines_of(block):
        if isinstance(inline, Text):
            inline.text = inline.text.replace(MADE_IT, "the party that made the Agreement")
    return block
