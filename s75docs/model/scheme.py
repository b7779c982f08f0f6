"""The scheme data: agreement, partners, schemes and contributions (pydantic v2)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from s75docs.model.money import FinancialYear, Money, check_money, unique_years

NonNegativeMoney = Annotated[Money, AfterValidator(check_money)]
YearTotals = Annotated[dict[FinancialYear, NonNegativeMoney], BeforeValidator(unique_years)]
Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PartnerKind(StrEnum):
    """The legal kind of body: a local authority or an NHS body."""

    COUNTY_COUNCIL = "county_council"
    UNITARY_COUNCIL = "unitary_council"
    METROPOLITAN_COUNCIL = "metropolitan_council"
    LONDON_BOROUGH = "london_borough"
    DISTRICT_COUNCIL = "district_council"
    ICB = "icb"
    NHS_TRUST = "nhs_trust"
    NHS_FOUNDATION_TRUST = "nhs_foundation_trust"
    # bodies that no longer exist: only for reconstructions of agreements made before
    # their abolition (the builder refuses them for later agreements)
    CCG = "ccg"
    PCT = "pct"

    @property
    def is_council(self) -> bool:
        return self in _COUNCILS

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_COUNCILS = {
    PartnerKind.COUNTY_COUNCIL,
    PartnerKind.UNITARY_COUNCIL,
    PartnerKind.METROPOLITAN_COUNCIL,
    PartnerKind.LONDON_BOROUGH,
    PartnerKind.DISTRICT_COUNCIL,
}
_DESCRIPTIONS = {
    PartnerKind.COUNTY_COUNCIL: "a county council",
    PartnerKind.UNITARY_COUNCIL: "a unitary local authority",
    PartnerKind.METROPOLITAN_COUNCIL: "a metropolitan borough council",
    PartnerKind.LONDON_BOROUGH: "a London borough council",
    PartnerKind.DISTRICT_COUNCIL: "a district council",
    PartnerKind.ICB: "an integrated care board established under the 2006 Act",
    PartnerKind.NHS_TRUST: "an NHS trust",
    PartnerKind.NHS_FOUNDATION_TRUST: "an NHS foundation trust",
    PartnerKind.CCG: "a clinical commissioning group established under the 2006 Act",
    PartnerKind.PCT: "a primary care trust established under the 2006 Act",
}


class Execution(StrEnum):
    """How a partner executes the agreement (and every deed of variation).

    A council, an ICB, an NHS trust and an NHS foundation trust are statutory corporations,
    not companies: the Companies Act 2006 ways of executing a deed are not open to them, and
    a deed is made under the body's seal, its fixing authenticated as the body's constitution
    or standing orders provide (for an NHS trust by the chair or a person the trust authorises
    and one other director: Schedule 4, paragraph 33 to the National Health Service Act 2006).
    """

    SEAL = "seal"  # the body's common seal, its fixing authenticated by the signatories
    DEED = "deed"  # signed (as a deed, where it is one) by officers authorised to execute deeds
    SIGNATURE = "signature"  # signed under hand: only for an agreement not made as a deed


# what usually authorises a body's signatories, when the data does not say
_AUTHORITY = {
    PartnerKind.ICB: "its constitution and standing orders",
    PartnerKind.NHS_TRUST: "its standing orders",
    PartnerKind.CCG: "its constitution",
    PartnerKind.PCT: "its standing orders",
}


class Flexibility(StrEnum):
    """The section 75 flexibility a scheme uses (aligned budgets are not one in law)."""

    POOLED_FUND = "pooled_fund"
    LEAD_COMMISSIONING = "lead_commissioning"
    INTEGRATED_PROVISION = "integrated_provision"
    ALIGNED = "aligned"


FLEXIBILITY_NAMES = {
    Flexibility.POOLED_FUND: "pooled fund",
    Flexibility.LEAD_COMMISSIONING: "lead commissioning",
    Flexibility.INTEGRATED_PROVISION: "integrated provision",
    Flexibility.ALIGNED: "aligned budget",
}


class Share(StrEnum):
    """Whether a contribution line is a fixed sum or a variable share."""

    FIXED = "fixed"
    VARIABLE = "variable"


class RiskRule(StrEnum):
    """How overspends and underspends are shared."""

    NONE = "none"  # each partner bears its own
    PROPORTIONATE = "proportionate"  # in proportion to contributions
    FIXED = "fixed"  # a fixed split such as 50:50
    HOST = "host"  # the host partner bears them


class Address(StrictModel):
    lines: list[str] = Field(min_length=1)
    postcode: str


class Contact(StrictModel):
    name: str
    role: str
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str = ""


class Signatory(StrictModel):
    """A person who signs for a partner: the execution block prints the name and role."""

    role: str = Field(description="e.g. 'Director of Legal Services (Monitoring Officer)'")
    name: str = Field(default="", description="leave out in a draft: 'Name:' is left to fill in")


class Succession(StrictModel):
    """A body that took over a partner's functions by statute (e.g. an ICB formed by merger)."""

    body: str = Field(
        description="the partner it succeeds: its legal name or key in the agreement as it stands"
    )
    instrument: str = Field(
        description="the instrument that transferred the functions, by its title, e.g. 'the"
        " Integrated Care Boards (Establishment) Order 2028'"
    )
    number: str = Field(
        default="", description="its statutory instrument number, e.g. 'S.I. 2028/123'"
    )
    date: dt.date = Field(description="the date the functions transferred")
    transfer_scheme: str = Field(
        default="",
        description="the scheme that transferred the old body's rights and liabilities, where"
        " the instrument did not, e.g. 'the transfer scheme made by NHS England under section"
        " 14Z28(3) of the 2006 Act on 1 September 2027' (required for an integrated care board)",
    )
    others: list[str] = Field(
        default_factory=list,
        description="other bodies whose functions the successor took over by the same"
        " instrument (a merger), by legal name",
    )


class Partner(StrictModel):
    """A party to the agreement."""

    key: Key
    legal_name: str
    short_name: str = Field(description="how the agreement names the partner, e.g. 'the Council'")
    kind: PartnerKind
    address: Address
    contacts: list[Contact] = Field(min_length=1)
    execution: Execution = Execution.SEAL
    execution_basis: str = Field(
        default="",
        description="what authorises the signatories, completing 'authorised to do so by ...',"
        " e.g. 'Article 14 of its Constitution' (default: its constitution or standing orders)",
    )
    signatories: list[Signatory] = Field(default_factory=list)
    succeeds: Succession | None = Field(
        default=None,
        description="a variation: the partner whose functions this body took over by statute",
    )
    signatory_roles: list[str] = Field(
        default_factory=list, description="roles only, names written in by hand (older form)"
    )
    witness: bool = Field(default=False, description="each signature is made before a witness")
    nhs_resolution_schemes: list[str] = Field(
        default_factory=list,
        description="the NHS Resolution schemes the body is a member of, as it confirms them,"
        " e.g. 'Clinical Negligence Scheme for Trusts' (membership is a fact about the body:"
        " the agreement states none that is not given here)",
    )
    commissioner_consent: str = Field(
        default="",
        description="an NHS trust: the consent the Regulations require of an NHS trust from"
        " each commissioner with which it holds an NHS contract for the people concerned,"
        " completing 'consent ...', e.g. 'given by NHS Kestrel and Marsh Integrated Care"
        " Board on 10 March 2026'",
    )

    @property
    def signers(self) -> list[Signatory]:
        """The people who sign: as named, else by role, else the usual number for the method
        (one authorised signatory under hand, two otherwise)."""
        if self.signatories:
            return list(self.signatories)
        if self.signatory_roles:
            return [Signatory(role=r) for r in self.signatory_roles]
        count = 1 if self.execution is Execution.SIGNATURE else 2
        return [Signatory(role="Authorised signatory") for _ in range(count)]

    @property
    def authority(self) -> str:
        """What authorises the signatories: the data's words, else the body's usual ones."""
        return self.execution_basis or _AUTHORITY.get(self.kind, "its constitution")


class Extension(StrictModel):
    period_months: int = Field(gt=0, le=120)
    max_extensions: int = Field(default=1, ge=1, le=10)
    notice_months: int = Field(default=6, ge=1, le=24)


class Dispute(StrictModel):
    escalation_days: int = Field(default=20, ge=1, le=120)
    senior_escalation_days: int = Field(default=20, ge=1, le=120)
    mediation_body: str = "the Centre for Effective Dispute Resolution"
    senior_officers: dict[Key, str] = Field(
        default_factory=dict,
        description="the role of each partner's senior officer for disputes, by partner key"
        " (a partner left out is represented by its chief executive)",
    )
    expert_body: str = Field(
        default="the Chartered Institute of Public Finance and Accountancy",
        description="the body whose president nominates an expert for a financial dispute",
    )


class Governance(StrictModel):
    health_and_wellbeing_board: str
    joint_group: str
    finance_group: str = ""
    meets: str = "at least quarterly"


class Agreement(StrictModel):
    """The agreement as a whole."""

    title: str = Field(min_length=1)
    area: str = Field(min_length=1)
    date: dt.date | None = Field(default=None, description="leave out for an undated draft")
    commencement: dt.date
    initial_term_end: dt.date
    extension: Extension | None = None
    governance: Governance
    dispute: Dispute = Dispute()
    termination_notice_months: int = Field(default=6, ge=1, le=24)
    default_remedy_days: int = Field(
        default=20, ge=5, le=120, description="Business Days a defaulting partner has to remedy"
    )
    bcf_longstop_months: int = Field(
        default=6,
        ge=1,
        le=24,
        description="how long a notice ending a BCF scheme may wait for replacement arrangements",
    )
    contributions_deadline_months: int = Field(
        default=3,
        ge=1,
        le=12,
        description="months into a financial year after which a scheme whose contributions are"
        " still not agreed may be ended",
    )
    execution_as_deed: bool = True
    money_format: Literal["pounds", "millions"] = "pounds"
    joint_posts: list[JointPost] = Field(default_factory=list)
    previous_agreement: str = Field(
        default="", description="an agreement this one replaces, e.g. 'the BCF agreement of 2017'"
    )
    stated_totals: YearTotals = Field(
        default_factory=dict,
        description="totals stated elsewhere (e.g. in a Board report), checked against the data",
    )


class DfgAllocation(StrictModel):
    """Disabled Facilities Grant passed through to a district council (two-tier areas)."""

    district: str = Field(description="the district council's legal name")
    year: FinancialYear
    amount: NonNegativeMoney


class JointPost(StrictModel):
    """A post funded jointly by the partners (joint commissioning schedule)."""

    title: str
    employer: Key = Field(description="the partner that employs the post holder")
    funding: dict[Key, Decimal] = Field(description="percentage funded by each partner")
    reports_to: str = ""


def check_enactment(value: str) -> str:
    """An enactment names an Act, regulations or an order: 'section 3 of the 2006 Act'."""
    if not re.search(r"\b(Act|Regulations|Order)\b", value):
        raise ValueError(
            f"name the enactment that confers the function, e.g. 'section 117 of the Mental"
            f" Health Act 1983' or 'section 3 of the 2006 Act', not {value!r}"
        )
    return value


class Function(StrictModel):
    """A function exercised under a scheme: a partner's own, or one delegated to another."""

    of: Key = Field(description="the partner whose function it is")
    to: Key | None = Field(
        default=None,
        description="the partner exercising it on the other's behalf; leave out (or give the"
        " same key as 'of') when the partner exercises its own function through the scheme",
    )
    description: str = Field(
        description="what the function is, completing 'the functions ... of', e.g. 'arranging"
        " aftercare services for people who have been detained'"
    )
    enactment: Annotated[str, AfterValidator(check_enactment)] = Field(
        description="the enactment conferring it, e.g. 'section 117 of the Mental Health Act"
        " 1983' or 'sections 2, 4 and 20 of the Care Act 2014'"
    )
    continuing_healthcare: bool = Field(
        default=False,
        description="true when the function includes NHS continuing healthcare: the NHS body"
        " keeps its decisions on eligibility (the Standing Rules regulations)",
    )

    @property
    def delegated(self) -> bool:
        return self.to is not None and self.to != self.of

    @property
    def exercised_by(self) -> str:
        return self.to or self.of


class FundingRoute(StrEnum):
    """How a contract held by a partner other than the scheme's commissioning partner is paid."""

    RECHARGE = "recharge"  # the holder pays the provider and recharges the cost
    NOVATION = "novation"  # the contract moves to the commissioning partner
    DIRECT = "direct"  # the holder pays under the contract, and that is its contribution


class Service(StrictModel):
    name: str
    provider: str
    contract: str = ""
    holder: Key | None = Field(
        default=None, description="the partner that holds the contract (a partner key)"
    )
    holder_body: str = Field(
        default="", description="a body that is not a party and holds the contract, named in full"
    )
    funding_route: FundingRoute | None = Field(
        default=None,
        description="for a contract held by a partner other than the host or lead: 'recharge'"
        " (the holder pays and recharges the cost) or 'novation' (the contract moves to the"
        " host or lead)",
    )
    novation_by: dt.date | None = Field(
        default=None, description="for novation: the date by which the contract is novated"
    )
    line: str = Field(
        default="",
        description="for funding_route: direct, the holder's contribution line that its"
        " payments under the contract make up (the contract prices and the line change together)",
    )


class StaffBasis(StrEnum):
    """On what footing staff work for a scheme."""

    OWN = "own"  # the providing partner's own employees, working for it
    SECTION_113 = "section_113"  # placed at another partner's disposal (LGA 1972 s.113)
    SECONDMENT = "secondment"  # seconded from one partner to another
    NON_PARTY = "non_party"  # employed by a body that is not a party, under an agreement


class Resource(StrictModel):
    """Goods, services or accommodation provided in connection with a scheme (reg 7(3)(e))."""

    description: str
    provided_by: Key | None = Field(default=None, description="the partner providing it")
    body: str = Field(
        default="", description="a body that is not a party and provides it, named in full"
    )
    used_by: Key | None = Field(default=None, description="the partner using or receiving it")
    period: str = Field(
        default="", description="how long it is provided (default: for the life of the scheme)"
    )
    charge: str = Field(default="", description="any charge made for it (default: none)")


class Staff(Resource):
    """Staff provided in connection with a scheme, and the legal footing they work on."""

    basis: StaffBasis = StaffBasis.OWN
    agreement: str = Field(
        default="",
        description="staff of a body that is not a party: the agreement they are provided"
        " under, e.g. 'a tripartite secondment agreement between the Trust, the Council and"
        " the ICB dated 20 March 2026'",
    )
    consulted: dt.date | None = Field(
        default=None,
        description="section 113: the date by which the employer consulted each officer"
        " (before the placement agreement is made)",
    )


class Resources(StrictModel):
    """The staff, goods, services and accommodation provided for a scheme."""

    staff: list[Staff] = Field(default_factory=list)
    goods: list[Resource] = Field(default_factory=list)
    services: list[Resource] = Field(default_factory=list)
    accommodation: list[Resource] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.staff or self.goods or self.services or self.accommodation)


class Registration(StrEnum):
    """Where the registered body stands with the Care Quality Commission."""

    HELD = "held"
    APPLIED = "applied"


class Regulation(StrictModel):
    """Who is registered to provide a scheme's regulated activities, and the cover needed."""

    cqc_registered: Key | None = Field(
        default=None, description="the partner registered with the Care Quality Commission"
    )
    cqc_registered_body: str = Field(
        default="", description="a body that is not a party and is registered, named in full"
    )
    activities: list[str] = Field(
        default_factory=list,
        description="the regulated activities, e.g. 'treatment of disease, disorder or injury'",
    )
    clinical_negligence: str = Field(
        default="",
        description="the clinical negligence cover required, completing 'keep in force ...'",
    )
    registration: Registration | None = Field(
        default=None,
        description="'held' (with evidence: the certificate or location) or 'applied' (the"
        " scheme's regulated services then start only when the registration takes effect)",
    )
    evidence: str = Field(
        default="",
        description="for registration: held, what shows it, e.g. 'a certificate of"
        " registration dated 2 March 2026 for Harbourside Health Centre'",
    )
    until_registered: str = Field(
        default="",
        description="for registration: applied, who carries on the regulated activities until"
        " the registration takes effect, and under whose registration",
    )


class ExitPlan(StrictModel):
    """What happens when a scheme ends (each blank falls back to the library's default)."""

    individuals: str = Field(default="", description="continuity of care for people")
    assets: str = Field(default="", description="equipment and other assets, including stock")
    staff: str = Field(default="", description="the return of placed or seconded staff")
    records: str = Field(default="", description="records and information")
    contracts: str = Field(default="", description="contracts still open")


class EndCondition(StrictModel):
    """A scheme that ends early only if something is in place by a date (for example a
    successor's transfer agreement), and otherwise runs on to a later date."""

    condition: str = Field(
        description="what must be in place, completing 'only if, by DATE, ...', e.g. 'the"
        " Council and the ICB have made a transfer agreement with Marsh County Council'"
    )
    by: dt.date = Field(description="the date by which it must be in place")
    otherwise_until: dt.date = Field(
        description="if it is not, the scheme runs until this date (or until it takes effect)"
    )


class Contribution(StrictModel):
    """One line of money: a partner, a service line, a financial year."""

    partner: Key
    line: str
    year: FinancialYear
    amount: NonNegativeMoney
    share: Share = Share.FIXED
    funds: str = Field(
        default="",
        description="the activity the line pays for, where it is not plain from its name (it"
        " decides which line meets a cost), e.g. 'placements of adults the ICB has found"
        " eligible for NHS continuing healthcare'",
    )
    ring_fenced: bool = Field(
        default=False,
        description="money whose use the law or grant conditions restrict (e.g. the Disabled"
        " Facilities Grant): accounted for on its own, carried forward unspent, and never"
        " part of a shared overspend or underspend",
    )


class RiskShare(StrictModel):
    rule: RiskRule
    split: dict[Key, Decimal] = Field(
        default_factory=dict, description="percentages by partner key for the fixed rule"
    )


class Packages(StrictModel):
    """Care packages for individual people, approved one by one under a lead commissioner."""

    panel: str = Field(description="the joint panel that approves each package, by name")
    forecast_margin: Decimal = Field(
        default=Decimal(5),
        ge=0,
        le=100,
        description="per cent: above this forecast overrun of a partner's variable estimate,"
        " the panel needs that partner's consent to approve a further package",
    )


class Indicator(StrictModel):
    name: str
    target: str


class Scheme(StrictModel):
    """An individual scheme: one service area under one or more flexibilities."""

    id: Key
    name: str
    flexibilities: list[Flexibility] = Field(min_length=1)
    bcf: bool = False
    host: Key | None = None
    pooled_fund_manager: str | None = None
    lead_commissioner: Key | None = None
    provider: Key | None = Field(default=None, description="partner providing integrated services")
    start: dt.date | None = Field(
        default=None, description="when the scheme starts (default: the Commencement Date)"
    )
    end: dt.date | None = Field(
        default=None, description="when the scheme ends (default: when the agreement ends)"
    )
    end_condition: EndCondition | None = Field(
        default=None,
        description="the scheme ends on its end date only if something is in place by a date,"
        " and otherwise runs on to a later date",
    )
    aims: list[str] = Field(default_factory=list)
    people: list[str] = Field(
        default_factory=list,
        description="the people in respect of whom the functions are exercised (reg 7(3)(d))",
    )
    functions: list[Function] = Field(default_factory=list)
    services: list[Service] = Field(default_factory=list)
    resources: Resources = Resources()
    regulation: Regulation | None = None
    lead_officers: dict[Key, str] = Field(
        default_factory=dict, description="the lead officer's role for each partner, by key"
    )
    packages: Packages | None = Field(
        default=None,
        description="for lead commissioning of packages for individual people: the joint panel"
        " that approves each package and records how it is split between the partners' lines",
    )
    procurement_consent_threshold: NonNegativeMoney | None = Field(
        default=None,
        description="a lead commissioner needs the joint group's consent to procure a new"
        " contract worth more than this (default: any new contract)",
    )
    contributions: list[Contribution] = Field(min_length=1)
    stated_totals: YearTotals = Field(default_factory=dict)
    risk_share: RiskShare = RiskShare(rule=RiskRule.PROPORTIONATE)
    indicators: list[Indicator] = Field(default_factory=list)
    exit_notice_months: int = Field(default=6, ge=1, le=24)
    exit: ExitPlan = ExitPlan()
    dfg_pass_through: list[DfgAllocation] = Field(
        default_factory=list, description="DFG passed to district councils (BCF, two-tier areas)"
    )

    def uses(self, flexibility: Flexibility) -> bool:
        return flexibility in self.flexibilities

    @property
    def section_75(self) -> bool:
        """True when the scheme uses a flexibility of section 75 (not only an aligned budget)."""
        return any(f is not Flexibility.ALIGNED for f in self.flexibilities)

    @property
    def commissioner(self) -> str | None:
        """The partner that commissions for the scheme: its lead, else its host; contracts held
        by another partner need a funding route. An integrated provider commissions nothing:
        the partners that pay it may hold the contracts under which they do."""
        if self.uses(Flexibility.LEAD_COMMISSIONING) and self.lead_commissioner:
            return self.lead_commissioner
        if self.uses(Flexibility.POOLED_FUND) and self.host:
            return self.host
        return None

    @property
    def own_functions(self) -> list[Function]:
        return [f for f in self.functions if not f.delegated]

    @property
    def delegated_functions(self) -> list[Function]:
        return [f for f in self.functions if f.delegated]

    @property
    def years(self) -> list[str]:
        return sorted({c.year for c in self.contributions})

    def total(self, year: str | None = None, partner: str | None = None) -> Decimal:
        return _sum(
            c.amount
            for c in self.contributions
            if (year is None or c.year == year) and (partner is None or c.partner == partner)
        )

    def line_funds(self) -> list[tuple[str, str, str]]:
        """(partner, line, what it funds) for each line whose activity is described."""
        seen: dict[tuple[str, str], str] = {}
        for c in self.contributions:
            if c.funds and (c.partner, c.line) not in seen:
                seen[(c.partner, c.line)] = c.funds
        return [(p, line, funds) for (p, line), funds in seen.items()]

    def risk_base(self, year: str) -> dict[str, Decimal]:
        """The amounts in proportion to which the proportionate rule shares an overspend or
        underspend in a year: each partner's fixed lines that are not ring-fenced or, where
        there are none, the estimates of its variable lines."""
        lines = [c for c in self.contributions if c.year == year and not c.ring_fenced]
        fixed = [c for c in lines if c.share is Share.FIXED and c.amount]
        chosen = fixed or [c for c in lines if c.share is Share.VARIABLE]
        base: dict[str, Decimal] = {}
        for c in chosen:
            base[c.partner] = base.get(c.partner, Decimal(0)) + c.amount
        return base

    def risk_percentages(self, year: str) -> dict[str, Decimal]:
        """risk_base as percentages to two places (they may not add to exactly 100)."""
        base = self.risk_base(year)
        total = _sum(base.values())
        if not total:
            return {}
        return {k: (v * 100 / total).quantize(Decimal("0.01")) for k, v in base.items()}

    def line_amount(self, partner: str, line: str, year: str) -> Decimal | None:
        """One partner's service line in one year; None when the scheme has no such line."""
        found = [
            c.amount
            for c in self.contributions
            if c.partner == partner and c.line == line and c.year == year
        ]
        return _sum(found) if found else None


class Approval(StrictModel):
    """A decision approving a variation (a Cabinet or ICB Board resolution)."""

    body: str = Field(description="the decision-making body, e.g. 'Fairhaven Council Cabinet'")
    date: dt.date
    reference: str = Field(default="", description="minute or decision number")


class Consultation(StrictModel):
    """The joint consultation of the people affected that regulation 4(2) of the 2000
    Regulations requires before the partners enter into partnership arrangements."""

    consulted: list[str] = Field(
        min_length=1, description="who was consulted, e.g. 'people with dementia and their carers'"
    )
    start: dt.date = Field(description="the day the consultation opened")
    end: dt.date = Field(description="the day it closed")


class Correction(StrictModel):
    """A figure for a year that ended before the Variation Date, corrected by the variation."""

    scheme: Key
    year: FinancialYear
    reason: str = Field(
        description="what was wrong, completing 'to correct ...', e.g. 'an arithmetical error in"
        " the Council's residential care line'"
    )


class VariationRecord(StrictModel):
    """One variation of the agreement: the last record is the one the data now describes."""

    date: dt.date | None = Field(
        default=None, description="the date the deed is made; leave out for a draft"
    )
    effective: dt.date = Field(description="the Variation Date, when the changes take effect")
    reason: str = Field(
        description="why the partners vary the agreement, completing 'The Partners wish to vary"
        " the Agreement ...', e.g. 'to set the contributions for 2027/28'"
    )
    approvals: list[Approval] = Field(default_factory=list)
    consultation: Consultation | None = Field(
        default=None,
        description="a variation that adds a scheme: the joint consultation of the people"
        " affected (regulation 4(2) of the 2000 Regulations)",
    )
    corrections: list[Correction] = Field(
        default_factory=list,
        description="figures for a year that ended before the Variation Date that this"
        " variation corrects (no other figure of such a year may change)",
    )
    edits: str | None = Field(
        default=None,
        description="a file of clause-level edits by label (relative to this scheme file)",
    )
    varies: str | None = Field(
        default=None,
        description="the scheme file of the agreement as it stood before this variation"
        " (relative to this scheme file), so that a later variation cites the numbers this"
        " one gave (lettered insertions such as Clause 33.6A)",
    )
    style: Literal["letters", "restate"] = Field(
        default="letters",
        description="letters (default): no number moves, new provisions are lettered and"
        " deleted ones stay as [Not used]; restate: a deed of variation and restatement that"
        " restates the whole agreement renumbered",
    )


class SchemeFile(StrictModel):
    """The whole scheme file."""

    agreement: Agreement
    partners: list[Partner] = Field(min_length=2)
    schemes: list[Scheme] = Field(min_length=1)
    variations: list[VariationRecord] = Field(
        default_factory=list, description="the variations made so far, oldest first"
    )

    def partner(self, key: str) -> Partner:
        for p in self.partners:
            if p.key == key:
                return p
        raise KeyError(key)

    @property
    def years(self) -> list[str]:
        return sorted({c.year for s in self.schemes for c in s.contributions})

    def uses(self, flexibility: Flexibility) -> bool:
        return any(s.uses(flexibility) for s in self.schemes)

    @property
    def contributors(self) -> list[Partner]:
        """The partners that contribute money to some scheme, in the partners' order."""
        keys = {c.partner for s in self.schemes for c in s.contributions}
        return [p for p in self.partners if p.key in keys]

    def total(self, year: str | None = None, partner: str | None = None) -> Decimal:
        return _sum(s.total(year, partner) for s in self.schemes)


def _sum(values: Iterable[Decimal]) -> Decimal:
    total = Decimal(0)
    for value in values:
        total += value
    return total
