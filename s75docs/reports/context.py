"""The template context of a Board report: sections of numbered paragraphs, tables and facts,
written from the scheme data, the meeting data and the agreement's resolved tree."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from s75docs.doctree.nodes import Document
from s75docs.model.meeting import Meeting, ReportKind, deciding_partner
from s75docs.model.scheme import (
    FLEXIBILITY_NAMES,
    Execution,
    Flexibility,
    Partner,
    RiskRule,
    Scheme,
    SchemeFile,
)
from s75docs.reports.changes import Changes
from s75docs.reports.cite import Citations, clause_only
from s75docs.reports.figures import (
    Cell,
    MoneyStyle,
    Row,
    Table,
    TextTable,
    contributing,
    lines_table,
    money_style,
    scheme_totals_table,
    the,
    totals_table,
)
from s75docs.words import join_and, long_date, words

ACT = "the National Health Service Act 2006"
REGULATIONS = "the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000"
APPENDIX = "Appendix A"

# ---------------------------------------------------------------- the shape of the context


@dataclass
class Point:
    """An item of a list inside a paragraph: '(a)' recommendations, bullets."""

    label: str
    text: str
    sub: list[Point] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph (numbered within its section) or a table."""

    kind: str  # "para" | "table"
    number: str = ""
    text: str = ""
    points: list[Point] = field(default_factory=list)
    table: Table | None = None


@dataclass
class Section:
    id: str
    number: str
    heading: str
    blocks: list[Block] = field(default_factory=list)


# ---------------------------------------------------------------- per kind

_ORDER = {
    ReportKind.CABINET: (
        "purpose recommendations reasons options timetable policy background proposal finance"
        " legal risks equality other consultation contacts papers appendices"
    ),
    ReportKind.EXECUTIVE: (
        "purpose recommendations reasons options timetable policy background proposal finance"
        " legal risks equality other consultation contacts papers appendices"
    ),
    ReportKind.HWB: (
        "purpose recommendations reasons timetable policy background proposal finance legal"
        " risks equality other consultation contacts papers appendices"
    ),
    ReportKind.ICB_BOARD: (
        "purpose recommendations reasons policy background proposal options finance legal risks"
        " equality consultation other conflicts timetable contacts papers appendices"
    ),
}
_HEADINGS = {
    "purpose": "Purpose of the report",
    "recommendations": "Recommendations",
    "reasons": "Reasons for the recommendations",
    "options": "Other options considered",
    "timetable": "Timetable for decisions",
    "policy": "Policy framework and previous decisions",
    "background": "Background",
    "proposal": "The proposed agreement",
    "finance": "Financial implications",
    "legal": "Legal implications",
    "risks": "Risks and how the agreement manages them",
    "equality": "Equality and human rights implications",
    "other": "Other implications",
    "consultation": "Consultation",
    "conflicts": "Conflicts of interest",
    "contacts": "Officers to contact",
    "papers": "Background papers",
    "appendices": "Appendices",
}
_ICB_HEADINGS = {
    "purpose": "Purpose and summary",
    "policy": "Strategic context and previous decisions",
    "legal": "Legal and governance implications",
    "equality": "Equality, health inequalities and human rights",
    "consultation": "Patient and public involvement and consultation",
    "contacts": "Report author and contacts",
}
_VARIATION_HEADINGS = {
    "proposal": "The proposed variation",
    "risks": "Risks and how they are managed",
}
_ARRANGEMENTS = {
    Flexibility.POOLED_FUND: "pooled funds",
    Flexibility.LEAD_COMMISSIONING: "lead commissioning",
    Flexibility.INTEGRATED_PROVISION: "integrated provision",
    Flexibility.ALIGNED: "an aligned budget",
}
_UNNUMBERED = {"contacts", "papers", "appendices"}
_KIND_NAMES = {
    ReportKind.CABINET: "Cabinet report",
    ReportKind.EXECUTIVE: "Executive report",
    ReportKind.HWB: "Health and Wellbeing Board report",
    ReportKind.ICB_BOARD: "ICB Board report",
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    """'the Cabinet Member' stays; 'Director of X' -> 'the Director of X' is the caller's job."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _role(role: str) -> str:
    """'Director of Adult Social Care' -> 'the Director of Adult Social Care'."""
    return role if role.lower().startswith("the ") else f"the {role}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{words(n)} {one if n == 1 else (many or one + 's')}"


def _letters(n: int) -> str:
    return f"({chr(ord('a') + n)})" if n < 26 else f"({n + 1})"


def _roman(n: int) -> str:
    numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
    return f"({numerals[n]})" if n < len(numerals) else f"({n + 1})"


def _sentence_list(points: list[str]) -> list[Point]:
    """(a) ...; (b) ...; and (c) ... ."""
    out: list[Point] = []
    for i, text in enumerate(points):
        end = "." if i == len(points) - 1 else ("; and" if i == len(points) - 2 else ";")
        out.append(Point(_letters(i), text + end))
    return out


def _bullets(points: list[str]) -> list[Point]:
    return [Point("\u2022", p) for p in points]


# ---------------------------------------------------------------- the writer


@dataclass
class DeedSummary:
    """What the deed of variation itself says, so the report cannot disagree with it."""

    variations: int  # its numbered variations
    wording: list[str]  # wording changes agreed outside the scheme data ("inserts ...")


class ReportWriter:
    """Writes every section of one report; each method returns that section's blocks."""

    def __init__(
        self,
        kind: ReportKind,
        meeting: Meeting,
        data: SchemeFile,
        doc: Document,
        *,
        source: str = "",
        old: SchemeFile | None = None,
        old_doc: Document | None = None,
        changes: Changes | None = None,
        bcf_policy: dict[str, Any] | None = None,
        deed: DeedSummary | None = None,
    ) -> None:
        self.kind = kind
        self.deed = deed
        self.meeting = meeting
        self.data = data
        self.doc = doc
        self.old = old
        self.changes = changes
        self.varying = changes is not None and old is not None and old_doc is not None
        self.policy = bcf_policy or {}
        self.cite = Citations(doc, source)
        # a variation cites the Agreement as it stands (the deed cites the same numbers)
        self.cite_now = Citations(old_doc, source) if old_doc is not None else self.cite
        docs = [doc] + ([old_doc] if old_doc is not None else [])
        self.money: MoneyStyle = money_style(data.agreement.money_format, *docs)
        self.us: Partner = deciding_partner(meeting, data, kind)
        self.others = [p for p in data.partners if p.key != self.us.key]
        self.tables: list[Table] = []

    # ------------------------------------------------------------ names
    @property
    def we(self) -> str:
        return the(self.us.short_name)

    @property
    def they(self) -> str:
        return join_and([the(p.short_name) for p in self.others])

    @property
    def they_full(self) -> str:
        return join_and([f"{p.legal_name} ({the(p.short_name)})" for p in self.others])

    @property
    def addressee(self) -> str:
        """Who decides: 'Cabinet', 'the Executive', 'the Board'."""
        if self.kind in (ReportKind.HWB, ReportKind.ICB_BOARD):
            return "the Board"
        body = self.meeting.body
        return body if body.lower() == "cabinet" else _role(body)

    @property
    def area(self) -> str:
        return self.data.agreement.area

    @property
    def the_agreement(self) -> str:
        """A variation report defines 'the Agreement'; an approval report drafts 'the agreement'."""
        return "the Agreement" if self.varying else "the agreement"

    @property
    def document(self) -> str:
        return "deed of variation" if self.varying else "agreement"

    def m(self, amount: Decimal | None) -> str:
        return self.money(amount)

    def add_table(self, table: Table) -> Block:
        table.number = len(self.tables) + 1
        self.tables.append(table)
        return Block("table", table=table)

    def table_ref(self, key: str) -> str:
        for table in self.tables:
            if table.key == key:
                return f"Table {table.number}"
        return f"Table {len(self.tables) + 1}"  # the next table to be added

    # ------------------------------------------------------------ facts
    def title(self) -> str:
        if self.meeting.title:
            return self.meeting.title
        with_whom = join_and([p.legal_name for p in self.others])
        if self.varying:
            return f"Variation of the section 75 partnership agreement with {with_whom}"
        return f"Section 75 partnership agreement with {with_whom}"

    def agreement_name(self) -> str:
        """How the report names the Agreement being varied."""
        a = (self.old or self.data).agreement
        dated = (
            f"dated {long_date(a.date)}"
            if a.date
            else f"which started on {long_date(a.commencement)}"
        )
        return f"the section 75 partnership agreement between {self.we} and {self.they} {dated}"

    def schemes_used(self) -> list[Scheme]:
        return list(self.data.schemes)

    def years(self) -> list[str]:
        return self.data.years

    def schedule_range(self, schemes: list[Scheme]) -> str:
        numbers = [p.node.number for s in schemes if (p := self.cite.scheme(s.id))]
        if not numbers:
            return ""
        if len(numbers) == 1:
            return f"Schedule {numbers[0]}"
        ints = [int(n) for n in numbers if n.isdigit()]
        if len(ints) == len(numbers) and ints == list(range(ints[0], ints[0] + len(ints))):
            return f"Schedules {ints[0]} to {ints[-1]}"
        return "Schedules " + join_and(numbers)

    def extension_text(self) -> str:
        ext = self.data.agreement.extension
        if ext is None:
            return ""
        months = _plural(ext.period_months, "month")
        if ext.max_extensions == 1:
            return f"the partners may agree to extend it once, by {months}"
        return (
            f"the partners may agree to extend it by {months} at a time, on up to"
            f" {words(ext.max_extensions)} occasions"
        )

    def year_list(self, amounts: dict[str, Decimal]) -> str:
        return join_and([f"{self.m(v)} in {y}" for y, v in amounts.items()])

    def totals_by_year(self, data: SchemeFile, partner: str | None = None) -> dict[str, Decimal]:
        return {y: data.total(y, partner) for y in data.years}

    # ------------------------------------------------------------ sections
    def purpose(self) -> list[Block]:
        verb = "endorse" if self.meeting.decision == "endorse" else "approve"
        a = self.data.agreement
        if self.varying:
            assert self.changes is not None
            rec = self.changes.record
            return [
                Block(
                    "para",
                    text=f"This report asks {self.addressee} to {verb} a deed of variation of"
                    f" {self.agreement_name()} (the Agreement). The deed would take effect on"
                    f" {long_date(rec.effective)}.",
                ),
                Block("para", text=f"The partners wish to vary the Agreement {rec.reason}."),
            ]
        n = len(self.data.schemes)
        bcf = [s for s in self.data.schemes if s.bcf]
        uses = [
            _ARRANGEMENTS[f]
            for f in Flexibility
            if self.data.uses(f) and f is not Flexibility.ALIGNED
        ]
        blocks = [
            Block(
                "para",
                text=f"This report asks {self.addressee} to {verb} a partnership agreement between"
                f" {self.we} and {self.they_full} under section 75 of {ACT} (the 2006 Act).",
            ),
            Block(
                "para",
                text=f"The agreement would start on {long_date(a.commencement)} and run until"
                f" {long_date(a.initial_term_end)}. It would be the legal basis for"
                f" {_plural(n, 'individual scheme')} of health and social care in {self.area}"
                + (f", including the {bcf[0].name}" if len(bcf) == 1 else "")
                + (f", using {join_and(uses)}" if uses else "")
                + ".",
            ),
        ]
        return blocks

    def recommendations(self) -> list[Block]:
        m = self.meeting
        endorse = m.decision == "endorse"
        verb = (
            "is asked to"
            if self.kind in (ReportKind.HWB, ReportKind.ICB_BOARD)
            else ("is recommended to")
        )
        points: list[Point] = []
        if self.varying:
            points.append(self._approve_variation(endorse))
        else:
            points.append(Point("", self._approve_agreement(endorse)))
        if not endorse:
            points.append(Point("", self._delegation()))
        points.append(Point("", self._note()))
        for i, p in enumerate(points):
            p.label = _letters(i)
            end = "." if i == len(points) - 1 else ("; and" if i == len(points) - 2 else ";")
            if not p.sub:
                p.text += end
            else:
                p.sub[-1].text = p.sub[-1].text.rstrip(";.") + end
        return [Block("para", text=f"{_cap(self.addressee)} {verb}:", points=points)]

    def _approve_agreement(self, endorse: bool) -> str:
        a = self.data.agreement
        ext = self.extension_text()
        what = (
            f"a partnership agreement with {self.they} under section 75 of the"
            f" 2006 Act, substantially in the form at {APPENDIX}, to run from"
            f" {long_date(a.commencement)} until {long_date(a.initial_term_end)}"
            + (f" ({ext})" if ext else "")
        )
        if endorse:
            what = what.replace(
                "a partnership agreement with",
                f"the partnership agreement between {self.we} and",
                1,
            )
            return (
                f"endorse {what}, and recommend that {join_and([self.we, self.they])} enter into it"
            )
        return f"approve {self.we} entering into {what}"

    def _approve_variation(self, endorse: bool) -> Point:
        assert self.changes is not None
        verb = "endorse" if endorse else "approve"
        who = f"{self.we} entering into " if not endorse else ""
        head = Point(
            "",
            f"{verb} {who}a deed of variation of the Agreement, substantially in the form at"
            f" {APPENDIX}, taking effect on {long_date(self.changes.record.effective)}, which:",
        )
        head.sub = [Point(_roman(i), text + ";") for i, text in enumerate(self.change_phrases())]
        return head

    def _delegation(self) -> str:
        m = self.meeting
        officers = join_and([_role(o) for o in m.delegate_to])
        consult = (
            f", in consultation with {join_and([_role(o) for o in m.in_consultation_with])},"
            if m.in_consultation_with
            else ""
        )
        how = {
            Execution.SEAL: f"to complete it by affixing {self.we}'s common seal",
            Execution.DEED: f"to execute it as a deed on behalf of {self.we}",
            Execution.SIGNATURE: f"to sign it on behalf of {self.we}",
        }[self.us.execution]
        if self.varying:
            how = how.replace("it", "the deed", 1)
        return (
            f"delegate authority to {officers}{consult} to agree minor changes to the"
            f" {self.document} that do not alter its substance, to finalise its terms and {how}"
        )

    def _note(self) -> str:
        if self.varying:
            assert self.old is not None and self.changes is not None
            years = [y for y in self.changes.years if self.old.total(y) != self.data.total(y)]
            if years:
                parts = [
                    f"{self.m(self.data.total(y))} in {y} (now {self.m(self.old.total(y))})"
                    for y in years
                ]
                ours = [f"{self.m(self.data.total(y, self.us.key))} in {y}" for y in years]
                return (
                    f"note that, once varied, the partners' contributions under the Agreement"
                    f" will total {join_and(parts)}, of which {self.we} will contribute"
                    f" {join_and(ours)}, as set out in the financial implications"
                )
            return "note that the variation does not change any partner's contributions"
        totals = self.year_list(self.totals_by_year(self.data))
        mine = self.year_list(self.totals_by_year(self.data, self.us.key))
        return (
            f"note that the partners' contributions under the agreement total {totals}, of"
            f" which {self.we} will contribute {mine}, as set out in the financial implications"
        )

    def change_phrases(self) -> list[str]:
        """What the deed does, one phrase each, completing 'The deed ...'."""
        assert self.changes is not None and self.old is not None
        ch = self.changes
        out: list[str] = []
        new_ids = {s.id for s in [*ch.added, *ch.removed]}
        changed: list[Scheme] = []
        for total in ch.scheme_totals:
            if total.scheme.id not in new_ids and total.scheme not in changed:
                changed.append(total.scheme)
        finance = self.cite_now.optional("finance-summary")
        for scheme in changed:
            places = [
                c
                for c in [self.cite_now.optional(f"scheme-{scheme.id}.spec-contributions"), finance]
                if c
            ]
            amounts = [
                f"for {t.year} at {self.m(t.after)}, in place of {self.m(t.before)}"
                for t in ch.scheme_totals
                if t.scheme.id == scheme.id
            ]
            out.append(
                f"sets the contributions to the {scheme.name} {join_and(amounts)}"
                + (f" ({join_and(places)})" if places else "")
            )
        for s in ch.added:
            spec = self.cite.scheme(s.id)
            totals = join_and([f"{self.m(s.total(y))} in {y}" for y in s.years])
            out.append(
                f"adds the {s.name} as a new individual scheme, with contributions of {totals}"
                + (
                    f" (its Scheme Specification becomes {spec.text} of the Agreement as varied)"
                    if spec
                    else ""
                )
            )
        for s in ch.removed:
            spec = self.cite_now.scheme(s.id)
            out.append(f"ends the {s.name}" + (f" ({spec.text})" if spec else ""))
        for term in ch.terms:
            cited = f" ({term.where})" if term.where else ""
            before = term.before
            if before.split()[1:] == term.after.split()[1:] and " " in before:
                before = before.split()[0]  # "from twenty to fifteen Business Days"
            phrase = term.phrase or (
                f"changes the {_lower(term.what)} from {before} to {term.after}"
            )
            out.append(phrase + cited)
        return out

    def reasons(self) -> list[Block]:
        a = self.data.agreement
        out: list[str] = []
        if self.varying:
            assert self.changes is not None and self.old is not None
            writing = self.cite_now.optional("variation-writing") or self.cite_now("variation")
            out.append(
                f"{writing} of the Agreement allows it to be varied only in writing, by a deed"
                " executed by each partner. The changes described in this report therefore need"
                " a deed."
            )
            if self.changes.lines:
                recorded = self.cite_now.optional("contributions-recorded")
                out.append(
                    "Contributions that the partners agree for a later financial year take"
                    " effect only once they are recorded by a variation"
                    + (f" ({recorded})" if recorded else "")
                    + ". Until the deed is completed, the pooled funds and budgets for the year"
                    " cannot be set on the agreed figures."
                )
            if self.changes.added:
                names = join_and([s.name for s in self.changes.added])
                out.append(
                    f"A new individual scheme ({names}) can be brought into the Agreement only"
                    " by a variation, after the partners have consulted on it jointly as the"
                    " Regulations require."
                )
            old_end = self.old.agreement.initial_term_end
            if a.initial_term_end > old_end:
                out.append(
                    f"Without the variation, the Initial Term would end on {long_date(old_end)}."
                )
            return [Block("para", text=t) for t in out]
        out.append(
            f"Section 75 of the 2006 Act allows {self.we} and {self.they} to pool money and to"
            " exercise each other's functions only under a written agreement that meets the"
            " Regulations. The agreement provides that legal basis for the joint arrangements"
            " described in this report."
        )
        if a.previous_agreement:
            out.append(
                f"The agreement replaces {a.previous_agreement}, so that the joint arrangements"
                " continue without a break."
            )
        if any(s.bcf for s in self.data.schemes):
            out.append(
                "Every Health and Wellbeing Board area must keep its Better Care Fund in a pooled"
                " fund under a section 75 agreement, and the national conditions of the fund"
                f" require that agreement to be in place for each year. The agreement meets"
                f" that requirement for {self.area}."
            )
        out.append(
            "The agreement sets out clearly what each partner is responsible for, how money is"
            " paid and accounted for, how overspends and underspends are shared and how"
            " disagreements are settled. This protects both partners and the people who use"
            " the services."
        )
        return [Block("para", text=t) for t in out]

    def options(self) -> list[Block]:
        a = self.data.agreement
        out: list[Point] = []
        bcf = any(s.bcf for s in self.data.schemes)
        if self.varying:
            assert self.changes is not None and self.old is not None
            eff = long_date(self.changes.record.effective)
            out.append(
                Point(
                    "",
                    "Approve the deed of variation (recommended). The Agreement would"
                    f" reflect the partners' current plans from {eff}.",
                )
            )
            lost: list[str] = []
            if self.changes.lines:
                lost.append("the new contributions could not be recorded")
            if self.changes.added:
                lost.append("the new individual scheme could not start under the Agreement")
            if a.initial_term_end > self.old.agreement.initial_term_end:
                lost.append(
                    "the Agreement would end on " + long_date(self.old.agreement.initial_term_end)
                )
            out.append(
                Point(
                    "",
                    "Do not vary the Agreement. The Agreement would continue on its current"
                    " terms" + (f", but {join_and(lost)}" if lost else "") + ". Not recommended.",
                )
            )
            out.append(
                Point(
                    "",
                    f"Defer the decision. The changes could not take effect on {eff}."
                    " Not recommended.",
                )
            )
        else:
            start = long_date(a.commencement)
            out.append(
                Point(
                    "",
                    "Approve the agreement (recommended). The joint arrangements would"
                    f" have a clear legal basis from {start}.",
                )
            )
            risk = (
                " The national condition that the Better Care Fund is pooled under a section 75"
                " agreement would not be met, which puts the NHS contribution to the fund at risk."
                if bcf
                else ""
            )
            out.append(
                Point(
                    "",
                    "Do not enter into the agreement. The partners could not lawfully pool"
                    " their money or exercise each other's functions from"
                    f" {start}.{risk} Not recommended.",
                )
            )
            out.append(
                Point(
                    "",
                    f"Defer the decision. The agreement could not be completed before"
                    f" {start}, and the arrangements would have no agreed legal basis in the"
                    " meantime. Not recommended.",
                )
            )
        for i, p in enumerate(out):
            p.label = _letters(i)
        return [Block("para", text="The options considered were:", points=out)]

    def timetable(self) -> list[Block]:
        m = self.meeting
        steps: list[tuple[dt.date, str]] = [(m.date, f"{m.body} considers this report")]
        steps += [(s.date, _cap(s.event)) for s in m.timetable]
        if m.decision_deadline is not None:
            steps.append((m.decision_deadline, "Latest date for the decision"))
        a = self.data.agreement
        if self.varying:
            assert self.changes is not None
            rec = self.changes.record
            for ap in rec.approvals:
                if ap.date != m.date and all(ap.date != s.date for s in m.timetable):
                    steps.append((ap.date, f"{ap.body} considers the deed"))
            if rec.date is not None:
                steps.append((rec.date, "The partners complete the deed"))
            steps.append((rec.effective, "The variation takes effect (the Variation Date)"))
        else:
            if a.date is not None:
                steps.append((a.date, "The partners complete the agreement"))
            steps.append((a.commencement, "The agreement starts"))
        steps.sort(key=lambda s: s[0])
        table = TextTable(
            "timetable",
            "Timetable",
            ["Date", "Step"],
            [[long_date(d), e] for d, e in steps],
            [28, 72],
        ).table()
        lead = "The steps to put the " + self.document + " in place are:"
        blocks = [Block("para", text=lead), self.add_table(table)]
        if m.decision_deadline is not None and m.deadline_reason:
            blocks.append(
                Block(
                    "para",
                    text=f"The decision is needed by {long_date(m.decision_deadline)}"
                    f" {m.deadline_reason.rstrip('.')}.",
                )
            )
        return blocks

    def policy_section(self) -> list[Block]:
        framework = [
            f"section 75 of the 2006 Act and {REGULATIONS} (the Regulations)",
        ]
        if self.us.kind.is_council:
            framework.append(
                "the Care Act 2014, section 3 of which requires the Council to carry out its care"
                " and support functions with a view to integrating them with health services"
                if self.we == "the Council"
                else "the Care Act 2014, section 3 of which requires councils to integrate care"
                " and support with health services where this improves wellbeing"
            )
        else:
            framework.append(
                "the general duties of integrated care boards under sections 14Z34 to 14Z45 of"
                " the 2006 Act, which include promoting integration with health-related and"
                " social care services"
            )
        by_framework: dict[str, list[str]] = {}
        provisional = False
        for year in self._bcf_years():
            entry = self.policy.get(year)
            if isinstance(entry, dict) and entry.get("framework"):
                by_framework.setdefault(str(entry["framework"]), []).append(year)
                provisional = provisional or entry.get("status") == "provisional"
        for name, years in by_framework.items():
            framework.append(
                f"for {join_and(years)}, the {name}"
                + (
                    " (its content carried forward until the framework for each year is published)"
                    if provisional
                    else ""
                )
            )
        framework += self.meeting.policy_framework
        blocks = [
            Block(
                "para",
                text="The legislation and policies that apply to the proposal are:",
                points=_bullets([f + ";" for f in framework[:-1]] + [framework[-1] + "."]),
            )
        ]
        decisions = [
            f"On {long_date(d.date)}, {d.body} {d.decision.rstrip('.')}"
            + (f" (reference {d.reference})" if d.reference else "")
            + "."
            for d in sorted(self.meeting.previous_decisions, key=lambda d: d.date)
        ]
        if self.varying and self.old is not None:
            for v in self.old.variations:
                decisions.append(
                    f"The Agreement was varied with effect from {long_date(v.effective)}"
                    f" {v.reason}."
                )
        if decisions:
            blocks += [Block("para", text=d) for d in decisions]
        else:
            blocks.append(Block("para", text="There are no previous decisions on this matter."))
        return blocks

    def _bcf_years(self) -> list[str]:
        return sorted({y for s in self.data.schemes if s.bcf for y in s.years})

    def background(self) -> list[Block]:
        a = self.data.agreement
        g = a.governance
        out: list[str] = []
        if self.varying:
            assert self.old is not None
            old = self.old
            n = len(old.schemes)
            out.append(
                f"{_cap(self.we)} and {self.they} entered into the Agreement"
                + (f" on {long_date(old.agreement.date)}" if old.agreement.date else "")
                + f". It started on {long_date(old.agreement.commencement)} and its Initial Term"
                f" ends on {long_date(old.agreement.initial_term_end)}. It covers"
                f" {_plural(n, 'individual scheme')}: "
                + join_and([s.name for s in old.schemes])
                + "."
            )
            out.append(
                "Under the Agreement as it stands, the partners' contributions total "
                + self.year_list(self.totals_by_year(old))
                + "."
            )
            later = self.cite_now.optional("contributions-later-years")
            out.append(
                "Each year the partners agree the contributions for the coming financial year"
                + (f" ({later})" if later else "")
                + " and record them, with any other changes they agree, by a deed of variation."
            )
            return [Block("para", text=t) for t in out]
        out.append(
            "Section 75 of the 2006 Act allows an NHS body and a local authority to agree that"
            " one of them will exercise certain functions of the other, and to pool money in a"
            " fund from which the functions of both can be paid for. The"
            " Regulations set out which functions may be included, the conditions for a pooled"
            " fund and what the written agreement must contain."
        )
        if any(s.bcf for s in self.data.schemes):
            out.append(
                "The Better Care Fund brings together NHS and local government money for joined-up"
                f" care. The {g.health_and_wellbeing_board} agrees the Better Care Fund plan each"
                " year, and the national conditions require the fund to be held in a pooled fund"
                " under a section 75 agreement."
            )
        governance = self.cite.optional("joint-governance")
        schedule = self.cite.optional("governance")
        refs = join_and([c for c in [clause_only(governance), schedule] if c])
        out.append(
            f"The partners will oversee the agreement through the {g.joint_group}, which will"
            f" meet {g.meets} and report to the {g.health_and_wellbeing_board}"
            + (f" ({refs})" if refs else "")
            + "."
        )
        return [Block("para", text=t) for t in out]

    def proposal(self) -> list[Block]:
        if self.varying:
            return self._variation_proposal()
        a = self.data.agreement
        c = self.cite
        schemes = self.data.schemes
        terms: list[str] = []
        ext = self.extension_text()
        term = clause_only(c("commencement-and-duration"))
        terms.append(
            f"Term: from {long_date(a.commencement)} until {long_date(a.initial_term_end)}"
            f" ({term})" + (f"; {ext} ({c.optional('term-extension') or term})" if ext else "")
        )
        spans = self.schedule_range(schemes)
        terms.append(
            f"Individual schemes: {_plural(len(schemes), 'scheme')}, each with its own Scheme"
            f" Specification"
            + (f" in {spans}" if spans else "")
            + f" (see {self.table_ref('schemes')})"
        )
        bcf = [s for s in schemes if s.bcf]
        if bcf:
            where = join_and(
                [
                    x
                    for x in [
                        clause_only(c.optional("bcf-arrangements")),
                        c.optional("better-care-fund-schedule"),
                    ]
                    if x
                ]
            )
            terms.append(
                "Better Care Fund: the national conditions and metrics for each year, and how"
                " the fund is reported on" + (f" ({where})" if where else "")
            )
        terms.append(
            f"Money: each partner's contributions by scheme and year ({c('finance')}), and how"
            f" overspends and underspends are shared ({clause_only(c('risk-share'))})"
        )
        terms.append(
            f"Governance: the {a.governance.joint_group} oversees the agreement"
            f" ({clause_only(c('joint-governance'))} and {c('governance')})"
        )
        notice = _plural(a.termination_notice_months, "month")
        terms.append(
            f"Ending the agreement: any partner may end it by giving {notice}' notice"
            f" ({c('termination-notice')}); disagreements are escalated and then go to mediation"
            f" ({clause_only(c('dispute-resolution'))})"
        )
        terms.append(
            f"Changes: any variation must be in writing and executed by every partner"
            f" ({clause_only(c('variation'))})"
        )
        blocks = [
            Block(
                "para",
                text=f"The proposed agreement is at {APPENDIX}. Its main terms are:",
                points=_bullets([t + ";" for t in terms[:-1]] + [terms[-1] + "."]),
            )
        ]
        blocks.append(self.add_table(self._schemes_table()))
        blocks += [Block("para", text=t) for t in self._functions_text()]
        posts = a.joint_posts
        if posts:
            where = c.optional("joint-commissioning-posts")
            blocks.append(
                Block(
                    "para",
                    text=f"The partners will also share the cost of {_plural(len(posts), 'post')}"
                    + (f" ({where})" if where else "")
                    + ": "
                    + join_and(
                        [
                            f"the {p.title} (employed by"
                            f" {the(self.data.partner(p.employer).short_name)})"
                            for p in posts
                        ]
                    )
                    + ".",
                )
            )
        return blocks

    def _schemes_table(self) -> Table:
        rows: list[list[str]] = []
        for s in self.data.schemes:
            arrangements = join_and([FLEXIBILITY_NAMES[f] for f in s.flexibilities])
            if s.bcf:
                arrangements += " (Better Care Fund)"
            roles: dict[str, list[str]] = {}
            for verb, key in (
                ("hosted", s.host),
                ("led", s.lead_commissioner),
                ("provided", s.provider),
            ):
                if key:
                    roles.setdefault(key, []).append(verb)
            who = [
                f"{join_and(verbs)} by {the(self.data.partner(key).short_name)}"
                for key, verbs in roles.items()
            ] or ["each partner commissions from its own budget"]
            spec = self.cite.scheme(s.id)
            rows.append(
                [s.name, _cap(arrangements), _cap(join_and(who)), spec.text if spec else ""]
            )
        return TextTable(
            "schemes",
            "The individual schemes",
            ["Individual scheme", "Arrangements", "Who hosts, leads or provides", "Schedule"],
            rows,
            [30, 25, 28, 17],
        ).table()

    def _functions_text(self) -> list[str]:
        out: list[str] = []
        for giver in self.data.partners:
            for taker in self.data.partners:
                schemes = [
                    s
                    for s in self.data.schemes
                    if any(f.of == giver.key and f.to == taker.key for f in s.functions)
                ]
                if schemes and giver.key != taker.key:
                    out.append(
                        f"{_cap(the(taker.short_name))} will exercise functions of"
                        f" {the(giver.short_name)} in {_plural(len(schemes), 'scheme')} ("
                        + join_and([s.name for s in schemes])
                        + ")."
                    )
        if out:
            keeps = self.cite.optional("functions-included")
            out.append(
                "A partner whose functions are exercised by the other remains responsible for"
                " them in law" + (f" ({keeps})" if keeps else "") + "."
            )
        return [" ".join(out)] if out else []

    def _variation_proposal(self) -> list[Block]:
        assert self.changes is not None and self.old is not None
        ch = self.changes
        phrases = self.change_phrases()
        blocks = [
            Block(
                "para",
                text=f"The proposed deed is at {APPENDIX}. With effect from"
                f" {long_date(ch.record.effective)} (the Variation Date), it:",
                points=_bullets([p + ";" for p in phrases[:-1]] + [phrases[-1] + "."]),
            )
        ]
        if ch.terms or ch.added or ch.removed:
            rows = [[t.what, t.before, t.after, t.where] for t in ch.terms]
            for s in ch.added:
                spec = self.cite.scheme(s.id)
                rows.append(
                    [
                        "Individual schemes",
                        f"{_plural(len(self.old.schemes), 'scheme')}",
                        f"{_plural(len(self.data.schemes), 'scheme')}: adds the {s.name}",
                        f"{spec.text} (as varied)" if spec else "",
                    ]
                )
            for s in ch.removed:
                spec = self.cite_now.scheme(s.id)
                rows.append(["Individual schemes", s.name, "ended", spec.text if spec else ""])
            table = TextTable(
                "changes",
                "Terms that change",
                ["What changes", "Now", "After the variation", "Where"],
                rows,
                [34, 22, 26, 18],
            ).table()
            blocks.append(self.add_table(table))
        if ch.renumbered:
            blocks.append(
                Block(
                    "para",
                    text="Adding or removing a Scheme Specification changes the numbers of the"
                    " later schedules in the Agreement as varied. This report cites the Agreement"
                    " as it stands, as the deed does, unless it says otherwise.",
                )
            )
        if self.deed is not None:
            count = _plural(self.deed.variations, "numbered variation")
            text = (
                f"The deed makes these changes in {count}, which also carry the changes through"
                " to the lists of schemes, the totals and the cross-references that depend on"
                " them."
            )
            if self.deed.wording:
                several = len(self.deed.wording) > 1
                text += (
                    f" It also makes {'changes' if several else 'a change'} of wording that the"
                    f" partners have agreed and that {'are' if several else 'is'} not described"
                    " above: it " + join_and(self.deed.wording) + "."
                )
            blocks.append(Block("para", text=text))
        blocks.append(
            Block("para", text="Apart from these changes, the Agreement continues unchanged.")
        )
        return blocks

    def finance(self) -> list[Block]:
        if self.varying:
            return self._variation_finance()
        data = self.data
        c = self.cite
        blocks: list[Block] = []
        totals = self.year_list(self.totals_by_year(data))
        parts = [
            f"{the(p.short_name)} contributes {self.year_list(self.totals_by_year(data, p.key))}"
            for p in contributing(data)
        ]
        blocks.append(
            Block(
                "para",
                text=f"The partners' contributions to the individual schemes total {totals}"
                f" ({self.table_ref('contributions_by_partner')}). {_cap('; '.join(parts))}."
                " The figures are those in"
                f" {c('finance-summary') if c.get('finance-summary') else c('finance')} of the"
                " agreement.",
            )
        )
        blocks.append(self.add_table(totals_table(data, self.money)))
        blocks.append(
            Block(
                "para",
                text=f"{self.table_ref('contributions_by_line')} shows every contribution by"
                " partner, individual scheme and service line. Each Scheme Specification sets"
                " out its own lines.",
            )
        )
        blocks.append(self.add_table(lines_table(data, self.money)))
        hosted = [s for s in data.schemes if s.uses(Flexibility.POOLED_FUND) and s.host]
        if hosted:
            first = self.years()[0]
            by_host: list[str] = []
            for host in data.partners:
                mine = [s for s in hosted if s.host == host.key]
                if mine:
                    fund = "the pooled fund" if len(mine) == 1 else "the pooled funds"
                    by_host.append(
                        f"{the(host.short_name)} will host {fund} of "
                        + join_and(
                            [f"the {s.name} ({self.m(s.total(first))} in {first})" for s in mine]
                        )
                    )
            pooled = self.cite.optional("pooled-fund-regulation") or self.cite.optional(
                "pooled-fund-host"
            )
            blocks.append(
                Block(
                    "para",
                    text=f"{_cap('; '.join(by_host))}. The host partner accounts"
                    " for each pooled fund and has it audited with its own accounts"
                    + (f" ({pooled})" if pooled else "")
                    + ".",
                )
            )
        variable = {c.share.value for s in data.schemes for c in s.contributions}
        shares = c.optional("finance-shares")
        if "variable" in variable:
            blocks.append(
                Block(
                    "para",
                    text="Some lines are variable shares: they move with demand and are settled"
                    " at the end of the year, while fixed shares are set sums"
                    + (f" ({shares})" if shares else "")
                    + ".",
                )
            )
        later = c.optional("contributions-later-years")
        last = self.years()[-1]
        blocks.append(
            Block(
                "para",
                text=f"The agreement commits no money beyond {last}. Contributions for any later"
                " year are agreed before it starts and recorded by a variation"
                + (f" ({later})" if later else "")
                + ".",
            )
        )
        if self.meeting.implications.finance:
            blocks.append(Block("para", text=self.meeting.implications.finance))
        if self.money.millions:
            blocks.append(self._rounding_note())
        return blocks

    def _rounding_note(self) -> Block:
        return Block(
            "para",
            text="Figures are shown in £m to three decimal places; totals are calculated from"
            " the unrounded amounts, so a column may not add up exactly.",
        )

    def _variation_finance(self) -> list[Block]:
        assert self.changes is not None and self.old is not None
        old, new, ch = self.old, self.data, self.changes
        blocks: list[Block] = []
        changed = [y for y in ch.years if old.total(y) != new.total(y)]
        same = [y for y in ch.years if y not in changed]
        if changed:
            sentences = []
            for y in changed:
                b, a = old.total(y), new.total(y)
                direction = "an increase" if a > b else "a decrease"
                sentences.append(
                    f"In {y} the partners' total contributions change from {self.m(b)} to"
                    f" {self.m(a)}, {direction} of {self.m(abs(a - b))}."
                )
            blocks.append(Block("para", text=" ".join(sentences)))
        if same:
            blocks.append(
                Block(
                    "para",
                    text=f"The total contributions for {join_and(same)} do not change.",
                )
            )
        partners = [
            p
            for p in new.partners
            if any(old.total(y, p.key) or new.total(y, p.key) for y in ch.years)
        ]
        rows: list[Row] = []
        for y in ch.years:
            for p in partners:
                b, a = old.total(y, p.key), new.total(y, p.key)
                rows.append(
                    Row(
                        [
                            Cell(y),
                            Cell(p.legal_name),
                            Cell(self.m(b), True),
                            Cell(self.m(a), True),
                            Cell(self.money.change(b, a), True),
                        ]
                    )
                )
            b, a = old.total(y), new.total(y)
            rows.append(
                Row(
                    [
                        Cell(y),
                        Cell("Total"),
                        Cell(self.m(b), True),
                        Cell(self.m(a), True),
                        Cell(self.money.change(b, a), True),
                    ],
                    total=True,
                )
            )
        blocks.append(
            Block(
                "para",
                text=f"{self.table_ref('totals_before_after')} compares each partner's"
                " contributions under the Agreement now with its contributions once varied.",
            )
        )
        blocks.append(
            self.add_table(
                Table(
                    key="totals_before_after",
                    caption="Contributions by partner and year, before and after the variation",
                    header=[
                        Cell("Year"),
                        Cell("Partner"),
                        Cell("Now", True),
                        Cell("After the variation", True),
                        Cell("Change", True),
                    ],
                    rows=rows,
                    widths=[13, 24, 21, 21, 21],
                )
            )
        )
        if ch.lines:
            rows = [
                Row(
                    [
                        Cell(f"{lc.scheme.name}: {lc.line} ({lc.partner.short_name})"),
                        Cell(lc.year),
                        Cell(self.m(lc.before), True),
                        Cell(self.m(lc.after), True),
                        Cell(self.money.change(lc.before, lc.after), True),
                    ]
                )
                for lc in ch.lines
            ]
            blocks.append(
                Block(
                    "para",
                    text=f"{self.table_ref('lines_changed')} lists every contribution line that"
                    " the variation changes, adds or removes. Every other line is unchanged.",
                )
            )
            blocks.append(
                self.add_table(
                    Table(
                        key="lines_changed",
                        caption="Contribution lines that change",
                        header=[
                            Cell("Individual scheme and service line"),
                            Cell("Year"),
                            Cell("Now", True),
                            Cell("After the variation", True),
                            Cell("Change", True),
                        ],
                        rows=rows,
                        widths=[30, 13, 19, 19, 19],
                    )
                )
            )
        blocks.append(
            Block(
                "para",
                text=f"{self.table_ref('contributions_by_scheme')} shows each individual scheme's"
                " total contributions under the Agreement as varied.",
            )
        )
        blocks.append(self.add_table(scheme_totals_table(new, self.money)))
        if self.meeting.implications.finance:
            blocks.append(Block("para", text=self.meeting.implications.finance))
        if self.money.millions:
            blocks.append(self._rounding_note())
        return blocks

    def legal(self) -> list[Block]:
        c = self.cite_now if self.varying else self.cite
        data = self.data
        out: list[Block] = []
        out.append(
            Block(
                "para",
                text=f"Section 75 of {ACT} allows an NHS body and a local authority to make"
                " partnership arrangements where these are likely to lead to an improvement in"
                f" the way their functions are exercised. {_cap(REGULATIONS)} (SI 2000/617, the"
                " Regulations) prescribe the functions that may be included and the conditions"
                " that apply.",
            )
        )
        powers: list[str] = []
        if data.uses(Flexibility.POOLED_FUND):
            names = [s.name for s in data.schemes if s.uses(Flexibility.POOLED_FUND)]
            powers.append(
                "pooled funds, under section 75(2)(a) of the 2006 Act and regulation 7 of the"
                f" Regulations ({'; '.join(names)})"
            )
        for taker in data.partners:
            for giver in data.partners:
                names = [
                    s.name
                    for s in data.schemes
                    if any(f.of == giver.key and f.to == taker.key for f in s.functions)
                ]
                if not names or taker.kind.is_council == giver.kind.is_council:
                    continue
                how = (
                    "section 75(2)(c) of the 2006 Act and regulation 9 of the Regulations"
                    if taker.kind.is_council
                    else "section 75(2)(b) of the 2006 Act and regulation 8 of the Regulations"
                )
                powers.append(
                    f"{the(taker.short_name)} exercising functions of {the(giver.short_name)},"
                    f" under {how} ({'; '.join(names)})"
                )
        if powers:
            out.append(
                Block(
                    "para",
                    text=f"{_cap(self.the_agreement)}"
                    + (", as varied," if self.varying else "")
                    + " relies on these powers:",
                    points=_bullets([p + ";" for p in powers[:-1]] + [powers[-1] + "."]),
                )
            )
        aligned = [s.name for s in data.schemes if s.flexibilities == [Flexibility.ALIGNED]]
        if aligned:
            where = c.optional("non-pooled-funds")
            out.append(
                Block(
                    "para",
                    text=f"The aligned budget for {join_and(aligned)} is neither a pooled fund nor"
                    " a"
                    " delegation of functions: each partner keeps its own money and legal"
                    " responsibility, and the partners plan and monitor the spending together"
                    + (f" ({clause_only(where)})" if where else "")
                    + ".",
                )
            )
        if any(s.bcf for s in data.schemes):
            where = c.optional("bcf-pool-law") or c.optional("better-care-fund-schedule")
            out.append(
                Block(
                    "para",
                    text="Under section 223GA of the 2006 Act, the NHS contribution to the Better"
                    " Care Fund must be paid into a pooled fund under section 75(2)(a), and the"
                    " national conditions require the rest of the fund to be pooled with it"
                    + (f" ({where})" if where else "")
                    + ".",
                )
            )
        out.append(
            Block(
                "para",
                text="Before entering into partnership arrangements, the partners must consult"
                " jointly the people who appear to them to be affected by the arrangements"
                " (regulation 4(2) of the Regulations). "
                + (
                    "The variation adds a new individual scheme, so the partners have consulted"
                    " on it jointly, as the consultation section describes."
                    if self.varying and self.changes is not None and self.changes.added
                    else "The consultation section describes how that duty has been met."
                ),
            )
        )
        if self.varying:
            writing = c.optional("variation-writing") or c("variation")
            out.append(
                Block(
                    "para",
                    text=f"{writing} of the Agreement requires every variation to be in writing"
                    " and executed as a deed by each partner. The deed at"
                    f" {APPENDIX} meets that requirement; the powers relied on do not change.",
                )
            )
        if self.us.kind.is_council:
            out.append(
                Block(
                    "para",
                    text=f"{_cap(self.we)} may also rely on section 111 of the Local Government"
                    " Act 1972 (powers incidental to its functions) and section 1 of the Localism"
                    " Act 2011 (the general power of competence).",
                )
            )
        else:
            out.append(
                Block(
                    "para",
                    text=f"Under {self.we}'s constitution and scheme of reservation and"
                    f" delegation, the decision to enter into the {self.document} is for the"
                    " Board.",
                )
            )
        how = {
            Execution.SEAL: f"{_cap(self.we)} will execute the {self.document} by affixing its"
            " common seal",
            Execution.DEED: f"{_cap(self.we)} will execute the {self.document} as a deed",
            Execution.SIGNATURE: f"{_cap(self.we)} will sign the {self.document} through an"
            " authorised signatory",
        }[self.us.execution]
        out.append(Block("para", text=how + "."))
        if self.meeting.key_decision and self.us.kind.is_council:
            ref = self.meeting.forward_plan_reference
            out.append(
                Block(
                    "para",
                    text="This is a key decision"
                    + (f" and is on the Forward Plan (reference {ref})" if ref else "")
                    + ".",
                )
            )
        return out

    def risks(self) -> list[Block]:
        rows = self._variation_risks() if self.varying else self._agreement_risks()
        table = TextTable("risks", "Risks", ["Risk", "How it is managed"], rows, [30, 70]).table()
        if self.varying:
            lead = "The main risks of the variation, and how they are managed, are:"
            return [Block("para", text=lead), self.add_table(table)]
        lead = "The main risks of the arrangements, and how the agreement manages them, are:"
        return [
            Block("para", text=self._risk_share_text()),
            Block("para", text=lead),
            self.add_table(table),
        ]

    def _risk_share_text(self) -> str:
        data = self.data
        groups: dict[str, list[str]] = {}
        for s in data.schemes:
            groups.setdefault(self._single_rule(s), []).append(s.name)
        parts = [f"{how} ({'; '.join(names)})" for how, names in groups.items()]
        listed = parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1]
        where = join_and(
            [
                clause_only(self.cite("risk-share")),
                self.cite.optional("finance-risk-share") or self.cite("finance"),
            ]
        )
        return (
            "The agreement sets a rule for overspends and underspends in each scheme"
            f" ({where}). They are " + listed + "."
        )

    def _agreement_risks(self) -> list[list[str]]:
        c = self.cite
        data = self.data
        a = data.agreement
        rows: list[list[str]] = []
        report = c.optional("risk-overspend-report")
        plan = c.optional("risk-overspend-plan")
        rows.append(
            [
                "Spending on a scheme runs over its budget",
                "The overspend is shared under the scheme's own rule (see above)."
                + (
                    f" A partner that forecasts an overspend must say so promptly ({report})"
                    if report
                    else ""
                )
                + (
                    f", and the {a.governance.joint_group} then considers a recovery plan ({plan})"
                    if plan
                    else ""
                )
                + ("." if report or plan else ""),
            ]
        )
        later = c.optional("contributions-later-years")
        rows.append(
            [
                "The partners do not agree the contributions for a later year",
                "Contributions are agreed before each year starts"
                + (f" ({later})" if later else "")
                + f"; a disagreement goes through the dispute procedure"
                f" ({clause_only(c('dispute-resolution'))}).",
            ]
        )
        if any(s.bcf for s in data.schemes):
            where = c.optional("bcf-noncompliance") or c.optional("better-care-fund-schedule")
            rows.append(
                [
                    "The Better Care Fund national conditions are not met",
                    "The partners report on the fund as the national requirements say and act"
                    " together if a condition is at risk" + (f" ({where})" if where else "") + ".",
                ]
            )
        rows.append(
            [
                "A partner wants to leave",
                f"Any partner may end the agreement on"
                f" {_plural(a.termination_notice_months, 'month')}' notice"
                f" ({c('termination-notice')}), or end a single scheme"
                f" ({c.optional('termination-scheme') or clause_only(c('termination'))}). The"
                " partners then settle the accounts and the continuing commitments"
                f" ({c.optional('termination-consequences') or clause_only(c('termination'))}).",
            ]
        )
        d = a.dispute
        rows.append(
            [
                "The partners disagree",
                f"Disputes go first to the Authorised Officers ({words(d.escalation_days)} Business"
                f" Days), then to senior officers ({words(d.senior_escalation_days)} Business"
                f" Days), then to mediation by {d.mediation_body}"
                f" ({clause_only(c('dispute-resolution'))}).",
            ]
        )
        if data.uses(Flexibility.LEAD_COMMISSIONING):
            where = c.optional("lead-contract-liabilities") or clause_only(c("lead-commissioning"))
            rows.append(
                [
                    "A lead commissioner is left with the cost of a contract",
                    "Before a lead commissioner enters into a new contract, the contributing"
                    " partners agree in writing how its costs and liabilities are shared"
                    f" ({where}).",
                ]
            )
        rows.append(
            [
                "A claim arises from the services",
                "Each partner remains liable for its own acts and keeps insurance; each"
                " indemnifies the other for its breach or negligence"
                f" ({clause_only(c('liabilities-insurance-indemnity'))}).",
            ]
        )
        rows.append(
            [
                "Personal data is misused or lost",
                "The partners share personal data only where lawful and necessary, under a data"
                f" sharing agreement, and report breaches promptly"
                f" ({clause_only(c('data-protection'))} and"
                f" {c.optional('data-processing-schedule') or 'the data processing schedule'}).",
            ]
        )
        if data.uses(Flexibility.POOLED_FUND):
            rows.append(
                [
                    "VAT is treated wrongly",
                    "The partners agree the VAT treatment of each scheme before it starts, and the"
                    " host partner's VAT rules apply to each pooled fund"
                    f" ({clause_only(c('vat'))}).",
                ]
            )
        return rows

    def _variation_risks(self) -> list[list[str]]:
        assert self.changes is not None
        c = self.cite_now
        ch = self.changes
        rows: list[list[str]] = []
        eff = long_date(ch.record.effective)
        rows.append(
            [
                f"The deed is not completed by {eff}",
                "Each partner's decision is timetabled before the Variation Date (see the"
                " timetable). Until the deed is completed, the Agreement continues on its"
                " current terms.",
            ]
        )
        if ch.lines:
            rows.append(
                [
                    "The new contributions prove too little",
                    "The risk share rules of the Agreement still apply"
                    f" ({clause_only(c('risk-share'))} and {c('finance')}): forecast overspends"
                    " are reported and managed through a recovery plan.",
                ]
            )
        for s in ch.added:
            rule = self._single_rule(s)
            rows.append(
                [
                    f"The {s.name} overspends",
                    f"Overspends and underspends of the new scheme are {rule}"
                    f" ({clause_only(c('risk-share'))}).",
                ]
            )
            if s.uses(Flexibility.LEAD_COMMISSIONING):
                where = c.optional("lead-contract-liabilities")
                if where:
                    rows.append(
                        [
                            f"The lead commissioner of the {s.name} is left with the cost of a"
                            " contract",
                            "The contributing partners agree in writing, before any new contract,"
                            f" how its costs and liabilities are shared ({where}).",
                        ]
                    )
        return rows

    def _single_rule(self, s: Scheme) -> str:
        rule = s.risk_share.rule
        if rule is RiskRule.FIXED:
            return "shared " + join_and(
                [
                    f"{v}% by {the(self.data.partner(k).short_name)}"
                    for k, v in s.risk_share.split.items()
                ]
            )
        if rule is RiskRule.HOST:
            host = the(self.data.partner(s.host).short_name) if s.host else "the host partner"
            return f"borne by {host} as host"
        if rule is RiskRule.NONE:
            return "borne by each partner on its own contribution"
        return "shared in proportion to contributions"

    def equality(self) -> list[Block]:
        c = self.cite_now if self.varying else self.cite
        out: list[Block] = []
        out.append(
            Block(
                "para",
                text=f"In taking this decision, {self.we} must have due regard to the public sector"
                " equality duty in section 149 of the Equality Act 2010: the need to eliminate"
                " unlawful discrimination, harassment and victimisation, to advance equality of"
                " opportunity, and to foster good relations between people who share a protected"
                " characteristic and people who do not.",
            )
        )
        if not self.us.kind.is_council:
            out.append(
                Block(
                    "para",
                    text=f"{_cap(self.we)} must also have regard to the need to reduce inequalities"
                    " between people in their access to health services and in the outcomes they"
                    " achieve (section 14Z35 of the 2006 Act).",
                )
            )
        equality = c.optional("conduct-equality")
        rights = c.optional("conduct-human-rights")
        out.append(
            Block(
                "para",
                text=f"The {self.document} does not by itself change the services people receive;"
                " it sets out how the partners fund, commission and provide them. Any change to a"
                " service made under it will be assessed for its effect on equality when it is"
                " proposed."
                + (
                    f" {_cap(self.the_agreement)} requires each partner to comply with the"
                    f" Equality Act 2010"
                    f" ({equality})"
                    + (
                        f" and to act compatibly with the Human Rights Act 1998 ({rights})"
                        if rights
                        else ""
                    )
                    + "."
                    if equality
                    else ""
                ),
            )
        )
        if self.meeting.implications.equality:
            out.append(Block("para", text=self.meeting.implications.equality))
        return out

    def other(self) -> list[Block]:
        imp = self.meeting.implications
        c = self.cite_now if self.varying else self.cite
        data = self.data
        points: list[tuple[str, str]] = []
        staffing = imp.staffing
        if not staffing:
            placements = c.optional("non-financial-placements")
            if data.uses(Flexibility.INTEGRATED_PROVISION) or data.agreement.joint_posts:
                staffing = (
                    f"The {self.document} transfers no one's employment. Staff of one partner who"
                    " work in a service of the other are placed at its disposal and stay employed"
                    " by their own employer" + (f" ({placements})" if placements else "") + "."
                )
            else:
                staffing = f"There are no staffing implications of the {self.document}."
        points.append(("Staffing", staffing))
        data_text = imp.data_protection or (
            "The partners will share personal data only as the law allows, under a data sharing"
            " agreement, and will assess the impact of any new processing before it starts"
            f" ({clause_only(c('data-protection'))})."
        )
        points.append(("Data protection", data_text))
        if data.uses(Flexibility.LEAD_COMMISSIONING) or imp.procurement:
            where = c.optional("lead-procurement")
            points.append(
                (
                    "Procurement",
                    imp.procurement
                    or "Each lead commissioner awards contracts under the procurement rules that"
                    " apply to it, including the Provider Selection Regime for healthcare services"
                    + (f" ({where})" if where else "")
                    + ".",
                )
            )
        points.append(
            ("Environment", imp.environment or "None arising directly from this decision.")
        )
        points.append(
            (
                "Community safety",
                imp.community_safety or "None arising directly from this decision.",
            )
        )
        return [Block("para", text=f"{label}: {text}") for label, text in points]

    def consultation(self) -> list[Block]:
        out: list[Block] = []
        if self.kind is ReportKind.ICB_BOARD:
            out.append(
                Block(
                    "para",
                    text=f"{_cap(self.we)} must involve the public in planning and commissioning"
                    " decisions that affect the services available to them (section 14Z45 of the"
                    " 2006 Act), and the partners must consult jointly before entering into"
                    " partnership arrangements (regulation 4(2) of the Regulations).",
                )
            )
        texts = []
        for cons in self.meeting.consultations:
            when = f" ({long_date(cons.date)})" if cons.date else ""
            line = f"{_cap(cons.consultee)}{when}"
            if cons.outcome:
                line += f": {cons.outcome.rstrip('.')}."
            else:
                line += "."
            texts.append(line)
        out.append(Block("para", text="The following have been consulted:", points=_bullets(texts)))
        return out

    def conflicts(self) -> list[Block]:
        text = self.meeting.conflicts_of_interest or (
            "Members must declare any interest in the matters in this report under the conflicts"
            f" of interest policy of {self.we}."
        )
        return [Block("para", text=text)]

    def contacts(self) -> list[Block]:
        out = []
        for a in self.meeting.authors:
            bits = [a.name, a.role] + ([a.phone] if a.phone else []) + [a.email]
            out.append(Block("para", text=", ".join(bits)))
        return out

    def papers(self) -> list[Block]:
        if not self.meeting.background_papers:
            return [Block("para", text="None.")]
        out = []
        for p in self.meeting.background_papers:
            text = p.title + (f", {long_date(p.date)}" if p.date else "")
            if p.link:
                text += f" ({p.link})"
            out.append(Block("para", text=text))
        return out

    def appendix_titles(self) -> list[tuple[str, str]]:
        a = self.data.agreement
        parties = join_and([p.legal_name for p in self.data.partners])
        if self.varying:
            assert self.changes is not None
            first = (
                f"Deed of variation of the {a.title} between {parties}, taking effect on"
                f" {long_date(self.changes.record.effective)}"
            )
        else:
            status = "" if a.date else " (draft for approval)"
            first = f"{a.title} between {parties}{status}"
        titles = [first, *self.meeting.appendices]
        return [(f"Appendix {chr(ord('A') + i)}", t) for i, t in enumerate(titles)]

    def appendices(self) -> list[Block]:
        return [Block("para", text=f"{label}: {title}") for label, title in self.appendix_titles()]

    # ------------------------------------------------------------ assembly
    def sections(self) -> list[Section]:
        writers = {
            "purpose": self.purpose,
            "recommendations": self.recommendations,
            "reasons": self.reasons,
            "options": self.options,
            "timetable": self.timetable,
            "policy": self.policy_section,
            "background": self.background,
            "proposal": self.proposal,
            "finance": self.finance,
            "legal": self.legal,
            "risks": self.risks,
            "equality": self.equality,
            "other": self.other,
            "consultation": self.consultation,
            "conflicts": self.conflicts,
            "contacts": self.contacts,
            "papers": self.papers,
            "appendices": self.appendices,
        }
        headings = dict(_HEADINGS)
        if self.kind is ReportKind.ICB_BOARD:
            headings.update(_ICB_HEADINGS)
        if self.varying:
            headings.update(_VARIATION_HEADINGS)
        out: list[Section] = []
        for n, key in enumerate(_ORDER[self.kind].split(), start=1):
            blocks = writers[key]()
            count = 0
            for block in blocks:
                if block.kind == "para" and key not in _UNNUMBERED:
                    count += 1
                    block.number = f"{n}.{count}"
            out.append(Section(key, str(n), headings[key], blocks))
        return out

    def summary(self) -> list[tuple[str, str]]:
        m = self.meeting
        authors = "; ".join(f"{a.name}, {a.role}" for a in m.authors)
        appendices = "; ".join(f"{label}: {t}" for label, t in self.appendix_titles())
        rows: list[tuple[str, str]] = [("Meeting", m.body), ("Date", long_date(m.date))]
        if m.agenda_item:
            rows.append(("Agenda item", m.agenda_item))
        if self.kind is ReportKind.ICB_BOARD:
            rows += [("Executive lead", m.report_of), ("Report author", authors)]
            rows.append(("Purpose", "For decision"))
            rows.append(("Conflicts of interest", m.conflicts_of_interest or "None declared"))
        else:
            rows += [("Report of", m.report_of)]
            if m.lead_member:
                rows.append(("Lead member", m.lead_member))
            rows.append(("Report author", authors))
            if self.kind is not ReportKind.HWB:
                rows.append(("Wards affected", join_and(m.wards)))
                key = "Yes" if m.key_decision else "No"
                if m.key_decision and m.forward_plan_reference:
                    key += f" (Forward Plan reference {m.forward_plan_reference})"
                rows.append(("Key decision", key))
            else:
                rows.append(
                    ("Purpose", "For endorsement" if m.decision == "endorse" else "For decision")
                )
        if m.decision_deadline is not None:
            rows.append(("Decision needed by", long_date(m.decision_deadline)))
        rows.append(("Appendices", appendices))
        return rows


def _plain(value: Any) -> Any:
    """Dataclasses to dicts, recursively (the context a template sees is plain data)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def build_context(writer: ReportWriter) -> dict[str, Any]:
    """Everything a report template may use (documented in docs/reports.md)."""
    sections = writer.sections()
    m = writer.meeting
    a = writer.data.agreement
    data = writer.data
    figures = [
        {
            "year": y,
            "total": writer.m(data.total(y)),
            "partners": [
                {
                    "name": p.legal_name,
                    "short_name": p.short_name,
                    "amount": writer.m(data.total(y, p.key)),
                }
                for p in contributing(data)
            ],
        }
        for y in data.years
    ]
    variation: dict[str, Any] | None = None
    if writer.varying and writer.changes is not None:
        rec = writer.changes.record
        variation = {
            "date": long_date(rec.date) if rec.date else "",
            "effective": long_date(rec.effective),
            "reason": rec.reason,
            "changes": writer.change_phrases(),
            "approvals": [
                {"body": ap.body, "date": long_date(ap.date), "reference": ap.reference}
                for ap in rec.approvals
            ],
        }
    context: dict[str, Any] = {
        "kind": writer.kind.value,
        "kind_name": _KIND_NAMES[writer.kind],
        "organisation": writer.us.legal_name,
        "title": writer.title(),
        "meeting": {
            "body": m.body,
            "date": long_date(m.date),
            "agenda_item": m.agenda_item,
            "report_of": m.report_of,
            "lead_member": m.lead_member,
            "wards": join_and(m.wards),
            "key_decision": "" if m.key_decision is None else ("Yes" if m.key_decision else "No"),
            "forward_plan_reference": m.forward_plan_reference,
            "decision_deadline": long_date(m.decision_deadline) if m.decision_deadline else "",
            "authors": [
                {"name": x.name, "role": x.role, "email": x.email, "phone": x.phone}
                for x in m.authors
            ],
        },
        "summary": [{"label": k, "value": v} for k, v in writer.summary()],
        "sections": _plain(sections),
        "s": {sec.id: _plain(sec) for sec in sections},
        "tables": {t.key: _plain(t) for t in writer.tables},
        "figures": figures,
        "agreement": {
            "title": a.title,
            "area": a.area,
            "date": long_date(a.date) if a.date else "",
            "commencement": long_date(a.commencement),
            "initial_term_end": long_date(a.initial_term_end),
        },
        "partners": [
            {
                "legal_name": p.legal_name,
                "short_name": p.short_name,
                "deciding": p.key == writer.us.key,
            }
            for p in data.partners
        ],
        "variation": variation,
        "appendices": [{"label": k, "title": t} for k, t in writer.appendix_titles()],
    }
    return context
