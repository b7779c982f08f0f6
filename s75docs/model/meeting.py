"""The meeting a Board report goes to: who decides, when, who wrote it, what was done first."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import Field

from s75docs.model.loader import (
    PathKey,
    did_you_mean,
    load_model,
    raise_problems,
)
from s75docs.model.scheme import Contact, Key, Partner, PartnerKind, SchemeFile, StrictModel


class ReportKind(StrEnum):
    """The decision-making body a report is written for."""

    CABINET = "cabinet"
    EXECUTIVE = "executive"
    HWB = "hwb"
    ICB_BOARD = "icb-board"

    @property
    def council(self) -> bool:
        """Whether the body belongs to a council (else to an NHS body)."""
        return self is not ReportKind.ICB_BOARD


class PreviousDecision(StrictModel):
    """A decision already taken on the matter, for 'Policy framework and previous decisions'."""

    body: str = Field(description="who decided, e.g. 'Cabinet'")
    date: dt.date
    decision: str = Field(
        description="what was decided, completing 'On <date>, <body> ...', e.g. 'approved the"
        " current section 75 agreement'"
    )
    reference: str = Field(default="", description="minute or decision number")


class Consultation(StrictModel):
    """Someone consulted before the report was written, and what came of it."""

    consultee: str = Field(description="who was consulted, e.g. 'people who use the services'")
    date: dt.date | None = None
    outcome: str = Field(default="", description="what they said and how it was taken into account")


class Step(StrictModel):
    """One dated step in the timetable for decisions (besides those known from the data)."""

    date: dt.date
    event: str = Field(description="what happens, e.g. 'the ICB Board considers the agreement'")


class Paper(StrictModel):
    """A background paper (a document relied on in writing the report)."""

    title: str
    date: dt.date | None = None
    link: str = Field(default="", description="where it is published")


class OfficerComment(StrictModel):
    """A statutory officer's comments on the report, attributed to the officer by name."""

    name: str = Field(description="the officer's name, e.g. 'Priya Shah'")
    role: str = Field(
        description="the post and statutory role, e.g. 'Director of Finance (Section 151 Officer)'"
    )
    comments: str = Field(description="what the officer says, as one or more sentences")


class Implications(StrictModel):
    """Extra text for the implications sections; each replaces the standard statement,
    except equality and finance, which are added after the standard paragraphs. The
    finance and legal officers' comments are added, attributed, to those sections."""

    finance: str = ""
    finance_officer: OfficerComment | None = Field(
        default=None, description="the chief finance (section 151) officer's comments"
    )
    legal_officer: OfficerComment | None = Field(
        default=None, description="the monitoring officer's or chief legal officer's comments"
    )
    equality: str = Field(
        default="", description="e.g. the outcome of an equality impact assessment"
    )
    staffing: str = ""
    environment: str = ""
    community_safety: str = ""
    data_protection: str = ""
    procurement: str = ""


class Meeting(StrictModel):
    """The meeting file: everything a Board report needs beyond the scheme data."""

    body: str = Field(description="the meeting as its agenda names it, e.g. 'Cabinet'")
    partner: Key | None = Field(
        default=None,
        description="the scheme's partner key of the body that decides (default: the first"
        " council for cabinet, executive and hwb reports, the first NHS body for icb-board)",
    )
    date: dt.date
    agenda_item: str = ""
    title: str = Field(default="", description="replaces the report's standard title")
    report_of: str = Field(description="the director (a role) whose report it is")
    authors: list[Contact] = Field(
        min_length=1, description="the authors, who are also the contacts"
    )
    lead_member: str = Field(
        default="", description="the cabinet member responsible (cabinet and executive reports)"
    )
    wards: list[str] = Field(default_factory=lambda: ["All wards"])
    key_decision: bool | None = Field(
        default=None, description="whether it is a key decision (cabinet and executive reports)"
    )
    forward_plan_reference: str = ""
    decision_deadline: dt.date | None = Field(
        default=None, description="the date by which the decision must be taken"
    )
    deadline_reason: str = Field(
        default="", description="why, completing 'The decision is needed by <date> ...'"
    )
    decision: Literal["approve", "endorse"] | None = Field(
        default=None,
        description="'approve' (the default for cabinet, executive and icb-board reports) or"
        " 'endorse', recommending to the partners' decision-makers (the only choice for hwb)",
    )
    delegate_to: list[str] = Field(
        default_factory=list,
        description="the officers (roles) to be given authority to finalise and complete",
    )
    in_consultation_with: list[str] = Field(
        default_factory=list, description="whom those officers must consult first"
    )
    consultations: list[Consultation] = Field(min_length=1)
    previous_decisions: list[PreviousDecision] = Field(default_factory=list)
    policy_framework: list[str] = Field(
        default_factory=list, description="local strategies and plans the proposal supports"
    )
    timetable: list[Step] = Field(default_factory=list)
    background_papers: list[Paper] = Field(default_factory=list)
    appendices: list[str] = Field(
        default_factory=list, description="further appendices after the agreement or deed"
    )
    implications: Implications = Implications()
    conflicts_of_interest: str = Field(default="", description="ICB Board reports")


def decision_of(meeting: Meeting, kind: ReportKind) -> Literal["approve", "endorse"]:
    """What the report asks of the body: a Health and Wellbeing Board endorses (it is not the
    council's executive), the other bodies approve unless the meeting file says otherwise."""
    if meeting.decision is not None:
        return meeting.decision
    return "endorse" if kind is ReportKind.HWB else "approve"


def deciding_partner(meeting: Meeting, data: SchemeFile, kind: ReportKind) -> Partner:
    """The partner whose body takes the decision (checked by meeting_errors)."""
    if meeting.partner is not None:
        return data.partner(meeting.partner)
    wanted = [p for p in data.partners if p.kind.is_council == kind.council]
    if kind is ReportKind.ICB_BOARD:
        wanted = [p for p in wanted if p.kind is PartnerKind.ICB] or wanted
    return wanted[0]


def meeting_errors(
    meeting: Meeting, data: SchemeFile, kind: ReportKind
) -> list[tuple[PathKey, str]]:
    """Checks that need the scheme and the kind of report."""
    out: list[tuple[PathKey, str]] = []
    keys = [p.key for p in data.partners]
    if meeting.partner is not None and meeting.partner not in keys:
        out.append(
            (
                ("partner",),
                f"'{meeting.partner}' is not a partner{did_you_mean(meeting.partner, keys)}",
            )
        )
    elif meeting.partner is not None:
        partner = data.partner(meeting.partner)
        if partner.kind.is_council != kind.council:
            body = "a council" if kind.council else "an NHS body"
            out.append(
                (
                    ("partner",),
                    f"a {kind.value} report is for {body}, and '{partner.key}' is"
                    f" {partner.kind.description}",
                )
            )
    elif not any(p.kind.is_council == kind.council for p in data.partners):
        out.append((("partner",), f"no partner of the scheme can hold a {kind.value} meeting"))
    if kind in (ReportKind.CABINET, ReportKind.EXECUTIVE):
        if not meeting.lead_member:
            out.append((("lead_member",), f"a {kind.value} report names its lead member"))
        if meeting.key_decision is None:
            out.append((("key_decision",), "say whether this is a key decision (true or false)"))
    decision = decision_of(meeting, kind)
    if decision == "approve" and kind is ReportKind.HWB:
        out.append(
            (
                ("decision",),
                "a Health and Wellbeing Board endorses (recommends to the partners), it does"
                " not approve: leave decision out or set it to 'endorse'",
            )
        )
    elif decision == "approve" and not meeting.delegate_to:
        out.append(
            (
                ("delegate_to",),
                "name the officers (roles) who will finalise and complete the document",
            )
        )
    if decision == "endorse" and kind is not ReportKind.HWB:
        out.append((("decision",), f"a {kind.value} decides: 'endorse' is for hwb reports"))
    if meeting.decision_deadline is not None and meeting.decision_deadline < meeting.date:
        out.append(
            (
                ("decision_deadline",),
                f"the decision is needed by {meeting.decision_deadline}, before the meeting"
                f" ({meeting.date})",
            )
        )
    if meeting.deadline_reason and meeting.decision_deadline is None:
        out.append((("deadline_reason",), "a reason is given but no decision_deadline"))
    return out


def load_meeting(
    path: Path | str, data: SchemeFile | None = None, kind: ReportKind | None = None
) -> Meeting:
    """Load and validate a meeting file; with the scheme and kind, check them together."""
    path = Path(path)
    shape = "a meeting file must be a YAML mapping with body, date, report_of, authors..."
    meeting, lines = load_model(path, Meeting, shape)
    if data is not None and kind is not None:
        raise_problems(path, lines, meeting_errors(meeting, data, kind))
    return meeting
