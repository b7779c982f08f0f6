"""What a variation changes, computed from the two scheme files and the two resolved trees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from s75docs.errors import InputError, Location
from s75docs.model.loader import LineMap
from s75docs.model.scheme import (
    FLEXIBILITY_NAMES,
    Agreement,
    Partner,
    RiskRule,
    Scheme,
    SchemeFile,
    VariationRecord,
)
from s75docs.reports.cite import Citations
from s75docs.words import join_and, long_date, words


@dataclass
class Change:
    """One change of terms (not money): what, before, after, and where the Agreement says it."""

    what: str  # "End of the Initial Term"
    before: str
    after: str
    where: str = ""  # the citation in the Agreement as it stands ("Clause 2.1"), or ""
    phrase: str = ""  # completes "The deed ...": "extends the Initial Term ..."


@dataclass
class LineChange:
    scheme: Scheme
    partner: Partner
    line: str
    year: str
    before: Decimal | None
    after: Decimal | None


@dataclass
class SchemeTotalChange:
    scheme: Scheme
    year: str
    before: Decimal | None
    after: Decimal | None


@dataclass
class Changes:
    record: VariationRecord
    years: list[str]
    lines: list[LineChange] = field(default_factory=list)
    scheme_totals: list[SchemeTotalChange] = field(default_factory=list)
    added: list[Scheme] = field(default_factory=list)
    removed: list[Scheme] = field(default_factory=list)
    terms: list[Change] = field(default_factory=list)
    renumbered: bool = False  # schedules move because a scheme is added or removed

    def totals_change(self, old: SchemeFile, new: SchemeFile) -> bool:
        return any(old.total(y) != new.total(y) for y in self.years)


def _months(n: int) -> str:
    return f"{words(n)} month" + ("" if n == 1 else "s")


def _days(n: int) -> str:
    return f"{words(n)} Business Day" + ("" if n == 1 else "s")


def _plain(value: Any) -> str:
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "":
        return "none"
    return str(value)


# field path -> (what, label cited in the Agreement, how to show the value)
_AGREEMENT: dict[str, tuple[str, str, Any]] = {
    "title": ("Title of the Agreement", "", _plain),
    "area": ("Area the Agreement covers", "", _plain),
    "commencement": ("Commencement Date", "term-start", _plain),
    "initial_term_end": ("End of the Initial Term", "term-start", _plain),
    "extension.period_months": ("Length of each extension", "term-extension", _months),
    "extension.max_extensions": ("Number of extensions allowed", "term-extension", words),
    "extension.notice_months": ("Notice needed to propose an extension", "term-extension", _months),
    "governance.health_and_wellbeing_board": (
        "Health and Wellbeing Board",
        "governance-reporting",
        _plain,
    ),
    "governance.joint_group": (
        "Joint group that oversees the Agreement",
        "governance-group",
        _plain,
    ),
    "governance.finance_group": ("Finance sub-group", "governance-finance-group", _plain),
    "governance.meets": ("How often the joint group meets", "governance-group", _plain),
    "dispute.escalation_days": (
        "Time for Authorised Officers to meet on a dispute",
        "dispute-escalation",
        _days,
    ),
    "dispute.senior_escalation_days": (
        "Time for senior officers to meet on a dispute (and before it may go to mediation)",
        "dispute-senior",
        _days,
    ),
    "dispute.mediation_body": ("Mediation body", "dispute-mediation", _plain),
    "termination_notice_months": ("Notice to end the Agreement", "termination-notice", _months),
    "execution_as_deed": ("Agreement executed as a deed", "", _plain),
}
# not terms of the Agreement (or not changed by a deed): left out of the comparison
_SKIP = {"date", "stated_totals", "money_format", "previous_agreement"}


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}{k}."))
        return out
    return {prefix.rstrip("."): value}


def _extension_text(a: Agreement) -> str:
    ext = a.extension
    if ext is None:
        return "none"
    times = "once" if ext.max_extensions == 1 else f"up to {words(ext.max_extensions)} times"
    return f"by {_months(ext.period_months)}, {times}"


def _agreement_changes(old: Agreement, new: Agreement, cite: Citations) -> list[Change]:
    out: list[Change] = []
    if (old.extension is None) != (new.extension is None):
        out.append(
            Change(
                "Option to extend the Agreement",
                _extension_text(old),
                _extension_text(new),
                cite.optional("term-extension"),
            )
        )
    before = _flatten(old.model_dump(exclude={*_SKIP, "joint_posts"}))
    after = _flatten(new.model_dump(exclude={*_SKIP, "joint_posts"}))
    for path in sorted(set(before) | set(after), key=_field_order):
        if before.get(path) == after.get(path):
            continue
        if path.startswith("extension.") and (old.extension is None or new.extension is None):
            continue
        what, label, show = _AGREEMENT.get(path, (path.replace("_", " "), "", _plain))
        change = Change(what, show(before.get(path)), show(after.get(path)), cite.optional(label))
        if path == "initial_term_end":
            change.phrase = _term_phrase(old.initial_term_end, new.initial_term_end)
        out.append(change)
    old_posts = [_post(p.title, p.funding) for p in old.joint_posts]
    new_posts = [_post(p.title, p.funding) for p in new.joint_posts]
    if old_posts != new_posts:
        out.append(
            Change(
                "Jointly funded posts",
                "; ".join(old_posts) or "none",
                "; ".join(new_posts) or "none",
                cite.optional("joint-commissioning-posts"),
            )
        )
    return out


def _post(title: str, funding: dict[str, Decimal]) -> str:
    shares = ", ".join(f"{k} {v}%" for k, v in funding.items())
    return f"{title} ({shares})"


def _field_order(path: str) -> int:
    keys = list(_AGREEMENT)
    return keys.index(path) if path in keys else len(keys)


def _term_phrase(before: dt.date, after: dt.date) -> str:
    months = (after.year - before.year) * 12 + (after.month - before.month)
    verb = "extends" if after > before else "shortens"
    if abs(months) == 12:
        by = "one year"
    elif months and abs(months) % 12 == 0:
        by = f"{words(abs(months) // 12)} years"
    elif months:
        by = _months(abs(months))
    else:
        by = ""
    return (
        f"{verb} the Initial Term{' by ' + by if by else ''}, so that it ends on"
        f" {long_date(after)} instead of {long_date(before)}"
    )


def _rule_text(s: Scheme, data: SchemeFile) -> str:
    rule = s.risk_share.rule
    if rule is RiskRule.FIXED:
        parts = [f"{data.partner(k).short_name} {v}%" for k, v in s.risk_share.split.items()]
        return "fixed shares: " + ", ".join(parts)
    if rule is RiskRule.HOST and s.host:
        return f"borne by the host ({data.partner(s.host).short_name})"
    return {
        RiskRule.NONE: "each partner bears its own",
        RiskRule.PROPORTIONATE: "in proportion to contributions",
        RiskRule.HOST: "borne by the host",
    }.get(rule, rule.value)


def _names(items: list[str]) -> str:
    return "; ".join(items) or "none"


def _scheme_changes(
    old: Scheme, new: Scheme, old_data: SchemeFile, new_data: SchemeFile, cite: Citations
) -> list[Change]:
    out: list[Change] = []

    def where(part: str) -> str:
        return cite.optional(f"scheme-{old.id}.{part}") or cite.optional(f"scheme-{old.id}")

    def role(data: SchemeFile, key: str | None) -> str:
        return data.partner(key).short_name if key else "none"

    simple: list[tuple[str, str, str, str]] = [
        ("Name", old.name, new.name, ""),
        (
            "Arrangements",
            join_and([FLEXIBILITY_NAMES[f] for f in old.flexibilities]),
            join_and([FLEXIBILITY_NAMES[f] for f in new.flexibilities]),
            "spec-arrangements",
        ),
        ("Host partner", role(old_data, old.host), role(new_data, new.host), "spec-arrangements"),
        (
            "Pooled fund manager",
            old.pooled_fund_manager or "none",
            new.pooled_fund_manager or "none",
            "spec-arrangements",
        ),
        (
            "Lead commissioner",
            role(old_data, old.lead_commissioner),
            role(new_data, new.lead_commissioner),
            "spec-arrangements",
        ),
        (
            "Integrated provider",
            role(old_data, old.provider),
            role(new_data, new.provider),
            "spec-arrangements",
        ),
        ("Risk share", _rule_text(old, old_data), _rule_text(new, new_data), "spec-risk-share"),
        (
            "Notice to end the scheme",
            _months(old.exit_notice_months),
            _months(new.exit_notice_months),
            "spec-exit",
        ),
        ("Aims", _names(old.aims), _names(new.aims), "spec-aims"),
        (
            "Functions exercised",
            _names([f.description for f in old.functions]),
            _names([f.description for f in new.functions]),
            "spec-functions",
        ),
        (
            "Services",
            _names([s.name for s in old.services]),
            _names([s.name for s in new.services]),
            "spec-services",
        ),
        (
            "Indicators",
            _names([f"{i.name}: {i.target}" for i in old.indicators]),
            _names([f"{i.name}: {i.target}" for i in new.indicators]),
            "spec-indicators",
        ),
    ]
    for what, before, after, part in simple:
        if before != after:
            out.append(Change(f"{old.name}: {what.lower()}", before, after, where(part)))
    return out


def _partner_changes(old: SchemeFile, new: SchemeFile) -> list[Change]:
    out: list[Change] = []
    old_keys = {p.key: p for p in old.partners}
    new_keys = {p.key: p for p in new.partners}
    for key, p in old_keys.items():
        if key not in new_keys:
            out.append(Change("Partners", p.legal_name, "no longer a partner"))
        elif new_keys[key].legal_name != p.legal_name:
            out.append(Change("Name of a partner", p.legal_name, new_keys[key].legal_name))
    for key, p in new_keys.items():
        if key not in old_keys:
            out.append(Change("Partners", "not a partner", f"{p.legal_name} joins"))
    return out


def compute_changes(
    old: SchemeFile,
    new: SchemeFile,
    old_cite: Citations,
    new_cite: Citations,
    new_source: str = "",
    new_lines: LineMap | None = None,
) -> Changes:
    """Everything the variation changes; refuses data that records no new variation."""
    lines = new_lines or LineMap(None)
    if len(new.variations) <= len(old.variations):
        raise InputError(
            "record this variation as the last entry of 'variations:' (date, effective,"
            " reason, approvals): the report takes its Variation Date and reason from it",
            Location(new_source, lines.line(("variations",)) or 1, "variations"),
        )
    record = new.variations[-1]
    at = Location(new_source, lines.line(("variations", len(new.variations) - 1)), "variations")
    if record.effective < old.agreement.commencement:
        raise InputError(
            f"the variation takes effect on {record.effective}, before the Agreement starts"
            f" ({old.agreement.commencement})",
            at,
        )
    years = sorted(set(old.years) | set(new.years))
    changes = Changes(record=record, years=years)
    old_schemes = {s.id: s for s in old.schemes}
    new_schemes = {s.id: s for s in new.schemes}
    changes.added = [s for s in new.schemes if s.id not in old_schemes]
    changes.removed = [s for s in old.schemes if s.id not in new_schemes]
    for sid, before in old_schemes.items():
        if sid in new_schemes:
            changes.terms += _scheme_changes(before, new_schemes[sid], old, new, old_cite)
    changes.terms = (
        _partner_changes(old, new)
        + _agreement_changes(old.agreement, new.agreement, old_cite)
        + changes.terms
    )
    partners = {p.key: p for p in [*old.partners, *new.partners]}
    for scheme in [*new.schemes, *changes.removed]:
        was = old_schemes.get(scheme.id)
        now = new_schemes.get(scheme.id)
        keys: list[tuple[str, str]] = []
        for c in [*(was.contributions if was else []), *(now.contributions if now else [])]:
            if (c.partner, c.line) not in keys:
                keys.append((c.partner, c.line))
        for year in years:
            for partner, line in keys:
                b = _amount(was, partner, line, year)
                a = _amount(now, partner, line, year)
                if b != a:
                    changes.lines.append(LineChange(scheme, partners[partner], line, year, b, a))
            tb = was.total(year) if was and year in was.years else None
            ta = now.total(year) if now and year in now.years else None
            if tb != ta:
                changes.scheme_totals.append(SchemeTotalChange(scheme, year, tb, ta))
    old_numbers = {s.label: s.number for s in old_cite.schedules()}
    changes.renumbered = any(
        s.label in old_numbers and old_numbers[s.label] != s.number for s in new_cite.schedules()
    )
    if not (changes.lines or changes.added or changes.removed or changes.terms):
        raise InputError(
            "the two scheme files describe the same agreement: there is nothing to vary", at
        )
    return changes


def _amount(scheme: Scheme | None, partner: str, line: str, year: str) -> Decimal | None:
    if scheme is None:
        return None
    found = [
        c.amount
        for c in scheme.contributions
        if c.partner == partner and c.line == line and c.year == year
    ]
    return sum(found, Decimal(0)) if found else None
