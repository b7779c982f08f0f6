"""What a variation changes in the data, as facts a report words: money by line and scheme,
schemes added and ended, partners, and each term of the agreement or a scheme that changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from s75docs.doctree.nodes import Document, Schedule
from s75docs.model.scheme import Partner, Scheme, SchemeFile, VariationRecord

# not terms of the agreement, or not changed by a deed
_SKIP = {"date", "stated_totals", "money_format", "previous_agreement", "joint_posts"}
# the scheme fields a report compares one by one (money is compared line by line)
SCHEME_FIELDS = (
    "name",
    "flexibilities",
    "host",
    "pooled_fund_manager",
    "lead_commissioner",
    "provider",
    "risk_share",
    "exit_notice_months",
    "aims",
    "functions",
    "services",
    "indicators",
)


@dataclass(frozen=True)
class LineChange:
    scheme: Scheme
    partner: Partner
    line: str
    year: str
    before: Decimal | None
    after: Decimal | None


@dataclass(frozen=True)
class SchemeTotal:
    scheme: Scheme
    year: str
    before: Decimal | None
    after: Decimal | None


@dataclass(frozen=True)
class YearTotal:
    year: str
    before: Decimal
    after: Decimal

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class TermChange:
    """One term that changes: `key` names it ("initial_term_end", "dispute.escalation_days",
    "extension", "joint_posts"; a scheme's "risk_share"...), with its values before and after."""

    key: str
    before: Any
    after: Any
    scheme: Scheme | None = None  # a term of this scheme (as it stands)
    new_scheme: Scheme | None = None  # the same scheme as varied


@dataclass(frozen=True)
class PartnerChange:
    before: Partner | None  # None: the partner joins
    after: Partner | None  # None: the partner leaves


@dataclass
class DataChanges:
    """Every change of the data, worked out once for the deed's report."""

    record: VariationRecord
    years: list[str]
    totals: list[YearTotal] = field(default_factory=list)
    lines: list[LineChange] = field(default_factory=list)
    scheme_totals: list[SchemeTotal] = field(default_factory=list)
    added: list[Scheme] = field(default_factory=list)
    removed: list[Scheme] = field(default_factory=list)
    ended: list[Scheme] = field(default_factory=list)  # kept, with an earlier end date
    partners: list[PartnerChange] = field(default_factory=list)
    terms: list[TermChange] = field(default_factory=list)
    renumbered: bool = False  # schedules move because a scheme is added or removed

    @property
    def changed_schemes(self) -> list[Scheme]:
        """Schemes in both versions whose totals change, in order."""
        new = {s.id for s in [*self.added, *self.removed, *self.ended]}
        out: list[Scheme] = []
        for total in self.scheme_totals:
            if total.scheme.id not in new and all(s.id != total.scheme.id for s in out):
                out.append(total.scheme)
        return out

    def totals_of(self, scheme: Scheme) -> list[SchemeTotal]:
        return [t for t in self.scheme_totals if t.scheme.id == scheme.id]

    @property
    def any(self) -> bool:
        return bool(
            self.lines or self.added or self.removed or self.ended or self.terms or self.partners
        )


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}{k}."))
        return out
    return {prefix.rstrip("."): value}


def _agreement_terms(old: SchemeFile, new: SchemeFile) -> list[TermChange]:
    a, b = old.agreement, new.agreement
    out: list[TermChange] = []
    if (a.extension is None) != (b.extension is None):
        out.append(TermChange("extension", a.extension, b.extension))
    before = _flatten(a.model_dump(exclude=_SKIP))
    after = _flatten(b.model_dump(exclude=_SKIP))
    for path in [*before, *(p for p in after if p not in before)]:
        if before.get(path) == after.get(path):
            continue
        if path.startswith("extension") and (a.extension is None or b.extension is None):
            continue
        out.append(TermChange(path, getattr_path(a, path), getattr_path(b, path)))
    if a.joint_posts != b.joint_posts:
        out.append(TermChange("joint_posts", a.joint_posts, b.joint_posts))
    return out


def getattr_path(value: Any, path: str) -> Any:
    for name in path.split("."):
        value = getattr(value, name, None)
    return value


def _scheme_terms(old: Scheme, new: Scheme) -> list[TermChange]:
    return [
        TermChange(name, getattr(old, name), getattr(new, name), old, new)
        for name in SCHEME_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]


def _partners(old: SchemeFile, new: SchemeFile) -> list[PartnerChange]:
    before = {p.key: p for p in old.partners}
    after = {p.key: p for p in new.partners}
    out = [
        PartnerChange(p, after.get(key))
        for key, p in before.items()
        if key not in after or after[key].legal_name != p.legal_name
    ]
    return out + [PartnerChange(None, p) for key, p in after.items() if key not in before]


def _money(changes: DataChanges, old: SchemeFile, new: SchemeFile) -> None:
    old_schemes = {s.id: s for s in old.schemes}
    new_schemes = {s.id: s for s in new.schemes}
    partners = {p.key: p for p in [*old.partners, *new.partners]}
    for scheme in [*new.schemes, *changes.removed]:
        was, now = old_schemes.get(scheme.id), new_schemes.get(scheme.id)
        keys: list[tuple[str, str]] = []
        for c in [*(was.contributions if was else []), *(now.contributions if now else [])]:
            if (c.partner, c.line) not in keys:
                keys.append((c.partner, c.line))
        for year in changes.years:
            for partner, line in keys:
                b = was.line_amount(partner, line, year) if was else None
                a = now.line_amount(partner, line, year) if now else None
                if b != a:
                    changes.lines.append(LineChange(scheme, partners[partner], line, year, b, a))
            tb = was.total(year) if was and year in was.years else None
            ta = now.total(year) if now and year in now.years else None
            if tb != ta:
                changes.scheme_totals.append(SchemeTotal(scheme, year, tb, ta))


def _schedule_numbers(doc: Document) -> dict[str, str]:
    return {n.label: n.number for n in doc.children if isinstance(n, Schedule) and n.label}


def _ends_sooner(was: Scheme, now: Scheme) -> bool:
    """The variation ends the scheme (it gets an end date, or an earlier one)."""
    return now.end is not None and (was.end is None or now.end < was.end)


def data_changes(
    old: SchemeFile, old_doc: Document, new: SchemeFile, new_doc: Document
) -> DataChanges:
    """What the data changes; `new` must carry the record of this variation last."""
    years = sorted(set(old.years) | set(new.years))
    changes = DataChanges(record=new.variations[-1], years=years)
    changes.totals = [YearTotal(y, old.total(y), new.total(y)) for y in years]
    old_ids = {s.id: s for s in old.schemes}
    new_ids = {s.id: s for s in new.schemes}
    changes.added = [s for s in new.schemes if s.id not in old_ids]
    changes.removed = [s for s in old.schemes if s.id not in new_ids]
    changes.ended = [s for s in new.schemes if s.id in old_ids and _ends_sooner(old_ids[s.id], s)]
    changes.partners = _partners(old, new)
    changes.terms = _agreement_terms(old, new)
    for sid, scheme in old_ids.items():
        if sid in new_ids:
            changes.terms += _scheme_terms(scheme, new_ids[sid])
    _money(changes, old, new)
    before, after = _schedule_numbers(old_doc), _schedule_numbers(new_doc)
    changes.renumbered = any(label in before and before[label] != n for label, n in after.items())
    return changes
