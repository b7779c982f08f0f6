"""Checks of what the Regulations require of each Individual Scheme: functions, people,
contract holders, staff and other resources, dates and lead officers (regs 7(3), 8, 9)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence

from s75docs.model.money import financial_year_of
from s75docs.model.scheme import (
    Flexibility,
    FundingRoute,
    Registration,
    Regulation,
    Resource,
    Scheme,
    SchemeFile,
    Service,
    StaffBasis,
)

PathKey = tuple[str | int, ...]
Problems = list[tuple[PathKey, str]]

# a delegated function that mentions this must say so, so that the NHS body's eligibility
# decisions are reserved in the Scheme Specification
_CHC = re.compile(r"\bcontinuing health ?care\b", re.IGNORECASE)


def _mean(word: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the last day of a month stays the last day."""
    year, zero_month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = zero_month + 1

    def last_day(y: int, m: int) -> int:
        following = dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)
        return (following - dt.timedelta(days=1)).day

    last = last_day(year, month)
    if day.day == last_day(day.year, day.month):
        return dt.date(year, month, last)
    return dt.date(year, month, min(day.day, last))


def latest_end(data: SchemeFile) -> dt.date:
    """The last day the agreement could run to, with every extension taken."""
    a = data.agreement
    if a.extension is None:
        return a.initial_term_end
    return add_months(a.initial_term_end, a.extension.period_months * a.extension.max_extensions)


def scheme_errors(data: SchemeFile, si: int, scheme: Scheme) -> Problems:
    """Every problem with one scheme's statutory content, at its field."""
    out: Problems = []
    base: PathKey = ("schemes", si)
    keys = [p.key for p in data.partners]
    councils = {p.key for p in data.partners if p.kind.is_council}

    def partner(path: PathKey, key: str | None, what: str) -> bool:
        if key is not None and key not in keys:
            out.append((path, f"{what} '{key}' is not a partner{_mean(key, keys)}"))
            return False
        return key is not None

    _dates(data, scheme, base, out)
    if scheme.section_75 and not scheme.people:
        out.append(
            (
                (*base, "people"),
                "state the people this scheme is for (regulation 7(3)(d) of the 2000"
                " Regulations), e.g. 'adults aged 18 and over registered with a GP in the area'",
            )
        )
    if scheme.section_75 and not scheme.functions:
        out.append(
            (
                (*base, "functions"),
                "list the functions exercised under this scheme, each with its enactment"
                " (regulation 7(3)(c)): each partner's own functions the scheme funds and any"
                " it exercises for another",
            )
        )
    for fi, fn in enumerate(scheme.functions):
        where: PathKey = (*base, "functions", fi)
        partner((*where, "of"), fn.of, "partner")
        known = partner((*where, "to"), fn.to, "partner")
        if known and fn.delegated and fn.to not in _exercisers(scheme):
            out.append(((*where, "to"), _delegation_problem(scheme, fn.to or "")))
        if fn.continuing_healthcare and fn.of in councils:
            out.append(
                (
                    (*where, "continuing_healthcare"),
                    "NHS continuing healthcare is a function of an NHS body, not of a council",
                )
            )
        if fn.delegated and _CHC.search(fn.description) and not fn.continuing_healthcare:
            out.append(
                (
                    (*where, "continuing_healthcare"),
                    "this delegated function includes NHS continuing healthcare: add"
                    " 'continuing_healthcare: true' so that the Scheme Specification reserves"
                    " the NHS body's eligibility decisions",
                )
            )
    _services(data, scheme, base, keys, out)
    _resources(data, scheme, base, keys, councils, out)
    for key in scheme.lead_officers:
        partner((*base, "lead_officers", key), key, "lead officer's partner")
    if scheme.packages is not None and scheme.lead_commissioner is None:
        out.append(
            (
                (*base, "packages"),
                "a packages panel approves packages that a lead commissioner arranges: add"
                " lead_commissioning and a lead_commissioner, or delete packages",
            )
        )
    reg = scheme.regulation
    if reg is not None:
        partner((*base, "regulation", "cqc_registered"), reg.cqc_registered, "registered partner")
        _registration(reg, (*base, "regulation"), out)
        if reg.cqc_registered and reg.cqc_registered_body:
            out.append(
                (
                    (*base, "regulation", "cqc_registered_body"),
                    "give either cqc_registered (a partner) or cqc_registered_body, not both",
                )
            )
    if _needs_clinical_cover(scheme, councils) and not (reg and reg.clinical_negligence):
        out.append(
            (
                (*base, "regulation", "clinical_negligence"),
                "NHS clinical staff work in a service a council provides: state the clinical"
                " negligence cover required (NHS Resolution's schemes do not cover the council)",
            )
        )
    return out


def _exercisers(scheme: Scheme) -> set[str]:
    """The partners that may exercise another partner's functions under the scheme: its lead
    commissioner and its integrated provider (section 75(2)(b) and (c); a pooled fund alone
    delegates nothing)."""
    found: set[str] = set()
    if scheme.uses(Flexibility.LEAD_COMMISSIONING) and scheme.lead_commissioner:
        found.add(scheme.lead_commissioner)
    if scheme.uses(Flexibility.INTEGRATED_PROVISION) and scheme.provider:
        found.add(scheme.provider)
    return found


def _delegation_problem(scheme: Scheme, to: str) -> str:
    roles = []
    if scheme.uses(Flexibility.LEAD_COMMISSIONING) and scheme.lead_commissioner:
        roles.append(f"lead commissioner ({scheme.lead_commissioner})")
    if scheme.uses(Flexibility.INTEGRATED_PROVISION) and scheme.provider:
        roles.append(f"integrated provider ({scheme.provider})")
    if not roles:
        return (
            f"'{to}' exercises another partner's function, which is lead commissioning or"
            " integrated provision, not a pooled fund alone: add lead_commissioning (with"
            f" lead_commissioner: {to}) or integrated_provision to flexibilities"
        )
    return (
        f"only the scheme's {' or '.join(roles)} exercises another partner's functions under"
        f" it, not '{to}'"
    )


def _registration(reg: Regulation, base: PathKey, out: Problems) -> None:
    if reg.registration is None:
        for field in ("evidence", "until_registered"):
            if getattr(reg, field):
                out.append(((*base, field), f"{field} goes with registration: held or applied"))
        return
    if not (reg.cqc_registered or reg.cqc_registered_body):
        out.append(
            (
                (*base, "registration"),
                "say who is registered: cqc_registered (a partner) or cqc_registered_body",
            )
        )
    if reg.registration is Registration.APPLIED and not reg.until_registered:
        out.append(
            (
                (*base, "until_registered"),
                "the registration has been applied for: say who carries on the regulated"
                " activities until it takes effect, and under whose registration",
            )
        )
    if reg.registration is Registration.HELD and reg.until_registered:
        out.append(
            (
                (*base, "until_registered"),
                "until_registered goes with registration: applied",
            )
        )
    if reg.registration is Registration.APPLIED and reg.evidence:
        out.append(((*base, "evidence"), "evidence goes with registration: held"))


def _needs_clinical_cover(scheme: Scheme, councils: set[str]) -> bool:
    """Integrated provision by a council with staff employed by an NHS partner or a body
    that is not a party: the council's own insurance may not cover their clinical work."""
    if scheme.provider not in councils:
        return False
    return any(
        s.body or (s.provided_by is not None and s.provided_by not in councils)
        for s in scheme.resources.staff
    )


def _dates(data: SchemeFile, scheme: Scheme, base: PathKey, out: Problems) -> None:
    a = data.agreement
    if a.initial_term_end <= a.commencement:
        return  # the agreement's own dates are wrong: that error is enough
    start = scheme.start or a.commencement
    end = scheme.end or latest_end(data)
    if scheme.start and scheme.start < a.commencement:
        out.append(
            (
                (*base, "start"),
                f"the scheme cannot start ({scheme.start}) before the agreement's"
                f" commencement ({a.commencement})",
            )
        )
    if scheme.end and scheme.end <= start:
        out.append(((*base, "end"), f"the scheme must end after it starts ({start})"))
    elif scheme.end and scheme.end > latest_end(data):
        out.append(
            (
                (*base, "end"),
                f"the scheme cannot run ({scheme.end}) beyond the agreement's last possible"
                f" day ({latest_end(data)})",
            )
        )
    _end_condition(data, scheme, base, out)
    first, last = financial_year_of(start), financial_year_of(end)
    for ci, c in enumerate(scheme.contributions):
        if c.year < first:
            out.append(
                (
                    (*base, "contributions", ci, "year"),
                    f"a contribution for {c.year} falls before the scheme starts ({start})",
                )
            )
        elif c.year > last:
            out.append(
                (
                    (*base, "contributions", ci, "year"),
                    f"a contribution for {c.year} falls after the scheme ends ({end})",
                )
            )


def _end_condition(data: SchemeFile, scheme: Scheme, base: PathKey, out: Problems) -> None:
    cond = scheme.end_condition
    if cond is None:
        return
    where: PathKey = (*base, "end_condition")
    if scheme.end is None:
        out.append((where, "an end condition needs the end date it qualifies: add end"))
        return
    if cond.by >= scheme.end:
        out.append(
            (
                (*where, "by"),
                f"the condition must be met before the scheme's end date ({scheme.end})",
            )
        )
    if cond.otherwise_until <= scheme.end:
        out.append(
            (
                (*where, "otherwise_until"),
                f"otherwise_until must be after the scheme's end date ({scheme.end})",
            )
        )
    elif cond.otherwise_until > latest_end(data):
        out.append(
            (
                (*where, "otherwise_until"),
                f"the scheme cannot run ({cond.otherwise_until}) beyond the agreement's last"
                f" possible day ({latest_end(data)})",
            )
        )


def _services(
    data: SchemeFile, scheme: Scheme, base: PathKey, keys: list[str], out: Problems
) -> None:
    principal = scheme.commissioner
    for vi, sv in enumerate(scheme.services):
        where: PathKey = (*base, "services", vi)
        if sv.holder is not None and sv.holder not in keys:
            out.append(
                (
                    (*where, "holder"),
                    f"contract holder '{sv.holder}' is not a partner{_mean(sv.holder, keys)}"
                    " (name a body that is not a party with holder_body)",
                )
            )
        if sv.holder and sv.holder_body:
            out.append(((*where, "holder_body"), "give either holder or holder_body, not both"))
        if sv.contract and not (sv.holder or sv.holder_body):
            out.append(
                (
                    (*where, "holder"),
                    f"say who holds contract {sv.contract}: holder (a partner key) or"
                    " holder_body (a body that is not a party)",
                )
            )
        outside = principal is not None and (
            sv.holder_body or (sv.holder is not None and sv.holder != principal)
        )
        if outside and sv.funding_route is None:
            out.append(
                (
                    (*where, "funding_route"),
                    f"the contract is held by {sv.holder or sv.holder_body}, not by the"
                    f" scheme's {_role(scheme)} ({principal}): say how it is paid with"
                    " funding_route: recharge, novation or direct",
                )
            )
        direct = sv.funding_route is FundingRoute.DIRECT
        if direct:
            _direct(scheme, sv, where, out)
        elif sv.line:
            out.append(((*where, "line"), "line goes with funding_route: direct"))
        if sv.funding_route is not None and not outside and not direct:
            out.append(
                (
                    (*where, "funding_route"),
                    "a funding route applies only to a contract held by a partner (or other"
                    " body) other than the scheme's host or lead commissioner: delete it",
                )
            )
        if sv.novation_by and sv.funding_route is not None and sv.funding_route.value != "novation":
            out.append(((*where, "novation_by"), "novation_by goes with funding_route: novation"))
    used: dict[str, tuple[str, str]] = {}
    for other in data.schemes:
        if other is scheme:
            break
        for sv in other.services:
            if sv.contract:
                used.setdefault(sv.contract, (other.id, sv.name))
    for vi, sv in enumerate(scheme.services):
        seen = used.get(sv.contract) if sv.contract else None
        if seen and seen[1] != sv.name:
            out.append(
                (
                    (*base, "services", vi, "contract"),
                    f"contract {sv.contract} is already listed in scheme '{seen[0]}' for"
                    f" another service ('{seen[1]}'): a contract reference names one contract",
                )
            )


def _direct(scheme: Scheme, sv: Service, where: PathKey, out: Problems) -> None:
    """A contract through which its holder pays its own contribution line."""
    if sv.holder is None:
        out.append(
            (
                (*where, "holder"),
                "funding_route: direct needs the partner that holds the contract (holder)",
            )
        )
        return
    lines = sorted({c.line for c in scheme.contributions if c.partner == sv.holder})
    if not sv.line:
        out.append(
            (
                (*where, "line"),
                f"name the line of {sv.holder}'s contribution that its payments under contract"
                f" {sv.contract or sv.name} make up (one of: {', '.join(lines) or 'none'})",
            )
        )
    elif sv.line not in lines:
        out.append(
            (
                (*where, "line"),
                f"'{sv.line}' is not one of {sv.holder}'s lines in this scheme"
                f"{_mean(sv.line, lines)}",
            )
        )


def _role(scheme: Scheme) -> str:
    if scheme.lead_commissioner:
        return "lead commissioner"
    return "host" if scheme.host else "integrated provider"


def _resources(
    data: SchemeFile,
    scheme: Scheme,
    base: PathKey,
    keys: list[str],
    councils: set[str],
    out: Problems,
) -> None:
    groups: dict[str, Sequence[Resource]] = {
        "staff": scheme.resources.staff,
        "goods": scheme.resources.goods,
        "services": scheme.resources.services,
        "accommodation": scheme.resources.accommodation,
    }
    for group, items in groups.items():
        for ri, item in enumerate(items):
            where: PathKey = (*base, "resources", group, ri)
            if bool(item.provided_by) == bool(item.body):
                out.append(
                    (
                        (*where, "provided_by"),
                        "say who provides it: provided_by (a partner key) or body (a body"
                        " that is not a party), one of them",
                    )
                )
            for field in ("provided_by", "used_by"):
                key = getattr(item, field)
                if key is not None and key not in keys:
                    out.append(((*where, field), f"'{key}' is not a partner{_mean(key, keys)}"))
    made = data.agreement.date
    for ri, st in enumerate(scheme.resources.staff):
        where = (*base, "resources", "staff", ri)
        if st.body and st.basis is not StaffBasis.NON_PARTY:
            out.append(
                (
                    (*where, "basis"),
                    "staff employed by a body that is not a party work under an agreement with"
                    " it: write basis: non_party and name the agreement",
                )
            )
        if st.basis is StaffBasis.NON_PARTY and not st.agreement:
            out.append(
                (
                    (*where, "agreement"),
                    "name the secondment (or honorary contract) agreement with the employer,"
                    " e.g. 'a tripartite secondment agreement between the Trust, the Council"
                    " and the ICB'",
                )
            )
        placed = st.basis in (StaffBasis.SECTION_113, StaffBasis.SECONDMENT)
        if placed and (st.used_by is None or st.used_by == st.provided_by):
            out.append(
                (
                    (*where, "used_by"),
                    f"a {st.basis.value.replace('_', ' ')} places staff with another partner:"
                    " name it with used_by",
                )
            )
        if st.basis is StaffBasis.SECTION_113:
            if not ({st.provided_by, st.used_by} & councils):
                out.append(
                    (
                        (*where, "basis"),
                        "section 113 of the Local Government Act 1972 needs a council on one"
                        " side of the placement",
                    )
                )
            if st.consulted is None:
                out.append(
                    (
                        (*where, "consulted"),
                        "section 113(1): the employer must consult each officer before the"
                        " placement agreement is made; give the date consultation ended",
                    )
                )
            elif made is not None and st.consulted > made:
                out.append(
                    (
                        (*where, "consulted"),
                        f"consultation ({st.consulted}) must end before the agreement is made"
                        f" ({made}), as section 113(1) requires",
                    )
                )
