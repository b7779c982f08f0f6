"""What a report's wording may use: the facts of the meeting, the data and the agreement (and of
the variation), and helpers that cite the agreement and print money as it does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from s75docs.assemble.context import make_context
from s75docs.assemble.markup import escape, money
from s75docs.library.declared import Declared
from s75docs.model.bcf import policy_for
from s75docs.model.meeting import Meeting, ReportKind, deciding_partner, decision_of
from s75docs.model.money import financial_year_of, fy_end, fy_start
from s75docs.model.scheme import Flexibility, Partner, Scheme, SchemeFile
from s75docs.reports.exposure import exposures, percent, uncapped
from s75docs.transforms.labels import Labels
from s75docs.transforms.money import NO_AMOUNT
from s75docs.variation.checks import new_successors
from s75docs.variation.events import EXIT_MONTHS, extension_options, months_after
from s75docs.variation.vary import Variation
from s75docs.words import (
    between,
    cap,
    ending,
    join_and,
    long_date,
    lower,
    months_between,
    paren,
    period,
    plural,
    the,
)


@dataclass(frozen=True)
class Delegation:
    """One partner exercising another's functions, in the schemes where it does."""

    taker: Partner
    giver: Partner
    schemes: list[Scheme]


@dataclass(frozen=True)
class Hosting:
    partner: Partner
    schemes: list[Scheme]


@dataclass(frozen=True)
class Framework:
    """The national Better Care Fund framework the agreement follows for some years, as the
    report's meeting knows it: published by `departments` on `published`, or (provisional)
    carried forward for years whose own framework had not been published by the meeting."""

    name: str
    years: list[str]
    provisional: bool
    departments: str = ""
    published: str = ""  # a long date, "17 February 2026"


@dataclass(frozen=True)
class Cited:
    """Which agreement a report cites: as it stands (by default) and as varied."""

    now: Labels
    varied: Labels

    def has(self, name: str) -> bool:
        domain, _, label = name.rpartition(":")
        return label in (self.varied if domain == "varied" else self.now)


def _amount(value: Decimal | None) -> str:
    return NO_AMOUNT if value is None else money(value)


def _change(before: Decimal | None, after: Decimal | None) -> str:
    return money((after or Decimal(0)) - (before or Decimal(0)), signed=True)


def group_by(items: Iterable[Any], key: Callable[[Any], object]) -> list[tuple[str, list[Any]]]:
    """Items grouped by what `key` says of each, in the order each group first appears."""
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(str(key(item)), []).append(item)
    return list(groups.items())


class ReportFacts:
    """The report's Jinja context, built once from the meeting, the data and the agreement."""

    def __init__(
        self,
        kind: ReportKind,
        meeting: Meeting,
        data: SchemeFile,
        cited: Cited,
        *,
        variation: Variation | None = None,
        library_data: dict[str, Any] | None = None,
        declared: Declared | None = None,
        requirements_met: int = 0,
        statutory_provisions: str = "",
    ) -> None:
        self.kind = kind
        # how many requirements of the statutory profile the agreement meets (every build
        # refuses an agreement that misses one), and the provisions that impose them
        self.requirements_met = requirements_met
        self.statutory_provisions = statutory_provisions
        self.declared = declared
        self.meeting = meeting
        self.data = data
        self.cited = cited
        self.variation = variation
        self.library_data = library_data or {}
        self.old = variation.old_data if variation is not None else None
        self.us = deciding_partner(meeting, data, kind)
        self.others = [p for p in data.partners if p.key != self.us.key]

    # ------------------------------------------------------------ citations
    def cites(self, name: str) -> bool:
        """Whether the agreement has the provision; a label no library file declares is a
        mistake (a typo would otherwise drop the citation, or the paragraph, unseen)."""
        domain, _, label = name.rpartition(":")
        if domain not in ("", "varied"):
            raise ValueError(f"unknown document '{domain}:' in '{name}' (write 'varied:')")
        if self.cited.has(name):
            return True
        problem = self.declared.unknown(label) if self.declared is not None else None
        if problem is not None and self.declared is not None:
            raise ValueError(f"{problem} ({self.declared.suggestion(label)})")
        return False

    def ref(self, *names: str) -> str:
        """The citation of the first of the labels the agreement has, or ''."""
        return next((f"[[{n}]]" for n in names if self.cites(n)), "")

    def refs(self, *names: str) -> str:
        return join_and([f"[[{n}]]" for n in names if self.cites(n)])

    def specs(self, schemes: Iterable[Scheme]) -> list[str]:
        """The labels of the schemes' Scheme Specifications the agreement has."""
        return [f"scheme-{s.id}" for s in schemes if self.cites(f"scheme-{s.id}")]

    # ------------------------------------------------------------ money and partners
    def by_year(self, data: SchemeFile, partner: str | None = None) -> str:
        """'£1 in 2026/27 and £2 in 2027/28': the contributions (of one partner) by year."""
        return join_and([f"{money(data.total(y, partner))} in {y}" for y in data.years])

    def roles_of(self, scheme: Scheme) -> list[tuple[Partner, list[str]]]:
        """Who hosts, leads and provides a scheme: each partner with its roles, in order."""
        roles: dict[str, list[str]] = {}
        for role, key in (
            ("host", scheme.host),
            ("lead", scheme.lead_commissioner),
            ("provider", scheme.provider),
        ):
            if key:
                roles.setdefault(key, []).append(role)
        return [(self.data.partner(key), names) for key, names in roles.items()]

    def delegations(self, by: str = "giver") -> list[Delegation]:
        """Each partner exercising another's functions, ordered by the giving partner (or
        by the one that exercises them)."""
        partners = self.data.partners
        pairs = [(g, t) for g in partners for t in partners if g.key != t.key]
        if by == "taker":
            pairs = [(g, t) for t in partners for g in partners if g.key != t.key]
        out: list[Delegation] = []
        for giver, taker in pairs:
            schemes = [
                s
                for s in self.data.schemes
                if any(f.of == giver.key and f.to == taker.key for f in s.functions)
            ]
            if schemes:
                out.append(Delegation(taker, giver, schemes))
        return out

    def hosting(self) -> list[Hosting]:
        hosted = [s for s in self.data.schemes if s.uses(Flexibility.POOLED_FUND) and s.host]
        out = [Hosting(p, [s for s in hosted if s.host == p.key]) for p in self.data.partners]
        return [h for h in out if h.schemes]

    def frameworks(self) -> list[Framework]:
        """The BCF framework for each year of the BCF schemes (data/bcf.yaml), as it stood on
        the day of the meeting: a framework published after the meeting is not yet known."""
        policy: dict[str, Any] = dict(self.library_data.get("bcf") or {})
        years = sorted({y for s in self.data.schemes if s.bcf for y in s.years})
        named: dict[tuple[str, bool], list[str]] = {}
        entries: dict[tuple[str, bool], dict[str, Any]] = {}
        for year in years:
            entry = policy_for(policy, year, self.meeting.date)
            key = (str(entry["framework"]), entry["status"] == "provisional")
            named.setdefault(key, []).append(year)
            entries.setdefault(key, entry)
        return [
            Framework(
                name,
                ys,
                provisional,
                str(entries[(name, provisional)].get("departments") or ""),
                long_date(entries[(name, provisional)]["published"]),
            )
            for (name, provisional), ys in named.items()
        ]

    def provisional_bcf_years(self) -> list[str]:
        """The Better Care Fund years whose framework and national allocations had not been
        published by the meeting: their figures are provisional."""
        return [y for f in self.frameworks() if f.provisional for y in f.years]

    def short_name(self, key: str | None) -> str:
        if not key:
            return "none"
        for data in (self.data, self.old):
            if data is not None and any(p.key == key for p in data.partners):
                return data.partner(key).short_name
        return key

    # ------------------------------------------------------------ the context
    def context(self) -> dict[str, Any]:
        data, meeting, kind = self.data, self.meeting, self.kind
        varying = self.variation is not None
        endorse = decision_of(meeting, kind) == "endorse"
        board = kind in (ReportKind.HWB, ReportKind.ICB_BOARD)
        body = meeting.body
        addressee = "the Board" if board else (body if body.lower() == "cabinet" else the(body))
        ctx = make_context(data, library_data=self.library_data)
        # these mark the agreement's defined terms (*Partner*), which a report does not have
        for clause_only in ("term", "names", "other_partner", "other_partners"):
            ctx.pop(clause_only)
        ctx.update(
            {
                "kind": kind.value,
                "requirements_met": self.requirements_met,
                "statutory_provisions": self.statutory_provisions,
                "exposures": exposures(data, self.us.key),
                "uncapped": lambda year: uncapped(data, self.us.key, year),
                "percent": percent,
                "bcf_provisional_years": self.provisional_bcf_years(),
                "board": board,
                "icb": kind is ReportKind.ICB_BOARD,
                "varying": varying,
                "endorse": endorse,
                "verb": "endorse" if endorse else "approve",
                "meeting": meeting,
                "old": self.old,
                "area": data.agreement.area,
                "us": self.us,
                "others": self.others,
                "we": the(self.us.short_name),
                "they": join_and([the(p.short_name) for p in self.others]),
                "they_full": join_and(
                    [f"{p.legal_name} ({the(p.short_name)})" for p in self.others]
                ),
                "addressee": addressee,
                "the_agreement": "the Agreement" if varying else "the agreement",
                "document": "deed of variation" if varying else "agreement",
                "contributing": data.contributors,
                "hosting": self.hosting(),
                "bcf_frameworks": self.frameworks(),
                "bcf_schemes": [s for s in data.schemes if s.bcf],
                "variable_shares": any(
                    c.share.value == "variable" for s in data.schemes for c in s.contributions
                ),
                "millions": data.agreement.money_format == "millions",
                # helpers
                "cites": self.cites,
                "ref": self.ref,
                "refs": self.refs,
                "specs": self.specs,
                "paren": paren,
                "by_year": self.by_year,
                "roles_of": self.roles_of,
                "delegations": self.delegations,
                "short_name": self.short_name,
                "group_by": group_by,
                "ending": ending,
                "between": between,
                "plain": escape,
                "money": _amount,
                "change": _change,
                "cap": cap,
                "lower": lower,
                "the": the,
                "plural": plural,
                "period": period,
                "months_between": months_between,
                "total": data.total,
            }
        )
        ctx["rollover"] = rollover(data, self.us.key)
        variation = self.variation
        if variation is not None and variation.facts is not None:
            ctx["changes"] = variation.facts
            ctx["wording"] = variation.wording
            ctx["deed_variations"] = len(variation.changes.changes)
            ctx["extension_options"] = extension_options(variation.old_data, variation.new_data)
            pairs = new_successors(variation.old_data, variation.new_data)
            ctx["successors"] = pairs
            ctx["succession"] = {now.key: was for was, now in pairs}
            ctx["succeeded"] = [was.key for was, _ in pairs]
            ctx["exit_until"] = {
                s.id: months_after(s.end, EXIT_MONTHS) for s in variation.facts.ended if s.end
            }
            before = {s.id: s for s in variation.old_data.schemes}
            ctx["regulation_changed"] = [
                s.id
                for s in variation.new_data.schemes
                if s.id not in before or before[s.id].regulation != s.regulation
            ]
        return ctx


def rollover(data: SchemeFile, us: str) -> list[dict[str, Any]]:
    """Each financial year of the Initial Term for which no contributions are agreed: the
    amounts each partner pays on account until they are (the last agreed amounts of each
    scheme that continues into that year), for us and in all."""
    agreed = set(data.years)
    if not agreed:
        return []
    out: list[dict[str, Any]] = []
    year = financial_year_of(fy_end(max(agreed)) + dt.timedelta(days=1))
    while fy_start(year) <= data.agreement.initial_term_end:
        if year not in agreed:
            running = [
                s
                for s in data.schemes
                if s.years
                and (s.end is None or s.end >= fy_start(year))
                and (s.start is None or s.start <= fy_end(year))
            ]
            ours = sum((s.total(s.years[-1], us) for s in running), Decimal(0))
            total = sum((s.total(s.years[-1]) for s in running), Decimal(0))
            out.append({"year": year, "ours": ours, "total": total, "schemes": running})
        year = financial_year_of(fy_end(year) + dt.timedelta(days=1))
    return out
