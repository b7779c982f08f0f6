"""The events of a partnership's life a variation records, as a deed recites and provides for
them: a partner succeeded by statute, a scheme added after joint consultation, a scheme ended
(its past kept as history, its exit provisions applied), a past figure corrected, and the term
extended (with what becomes of the options to extend)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from s75docs.doctree.nodes import Inline, Item, Recital, Ref, Term, TermDef, Text
from s75docs.model.scheme import Partner, Scheme, SchemeFile
from s75docs.model.scheme_checks import latest_end
from s75docs.transforms.labels import Labels
from s75docs.variation.checks import new_successors
from s75docs.words import join_and, long_date

ACT = "the National Health Service Act 2006"
REGULATIONS = "the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000"
_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def _count(n: int) -> str:
    return _NUMBERS.get(n, str(n))


def _agreement() -> Term:
    return Term("Agreement", "Agreement")


@dataclass(frozen=True)
class ExtensionOptions:
    """What becomes of the options to extend when a variation moves the Initial Term's end.

    The rule: a variation that extends the Initial Term uses as many of the agreed extensions
    as the new data takes away from `max_extensions` (none, if it leaves them unchanged, when
    the extension is in addition to them); the latest date the agreement can run to is the
    new Initial Term end plus the extensions that remain."""

    before: dt.date  # the Initial Term's end as it stands
    after: dt.date  # as varied
    allowed: int  # extensions the agreement allows as it stands
    used: int  # of them, used by this variation
    remaining: int  # left after it
    period_months: int
    latest: dt.date  # the last day the agreement can run to, as varied


def extension_options(old: SchemeFile, new: SchemeFile) -> ExtensionOptions | None:
    """None unless the variation moves the Initial Term's end later and the agreement allows
    extensions."""
    a, b = old.agreement, new.agreement
    if b.initial_term_end <= a.initial_term_end or a.extension is None:
        return None
    remaining = b.extension.max_extensions if b.extension else 0
    period = (b.extension or a.extension).period_months
    return ExtensionOptions(
        a.initial_term_end,
        b.initial_term_end,
        a.extension.max_extensions,
        max(a.extension.max_extensions - remaining, 0),
        remaining,
        period,
        latest_end(new),
    )


def extension_sentence(options: ExtensionOptions, where: str, holdover: str = "") -> str:
    """One statement of the rule for a deed and a report alike ("where": the clause;
    "holdover": the clause that keeps a Better Care Fund scheme running after expiry)."""
    period = f"{_count(options.period_months)} months" if options.period_months != 12 else "a year"
    if options.remaining == 0:
        left = "no further extension is possible"
    elif options.remaining == 1:
        left = f"the Initial Term may be extended once more, by {period}"
    else:
        left = (
            f"the Initial Term may be extended up to {_count(options.remaining)} more times,"
            f" by {period} each time"
        )
    if options.used:
        used = (
            f"takes the place of {_count(options.used)} of the {_count(options.allowed)}"
            f" extensions {where} allowed"
            if options.allowed > 1
            else f"takes the place of the extension {where} allowed"
        )
    else:
        used = f"is in addition to the extensions {where} allows, which are unchanged"
    then = (
        "the Agreement cannot continue beyond"
        if options.remaining == 0
        else f"with {'that extension' if options.remaining == 1 else 'those extensions'}, the"
        " Agreement cannot continue beyond"
    )
    beyond = f", except as {holdover} provides," if holdover else ""
    return (
        f"The extension of the Initial Term to {long_date(options.after)} {used}: {left}, and"
        f" {then} {long_date(options.latest)}{beyond} without a further Structural Variation"
    )


class Events:
    """The recitals and provisions of one variation's events."""

    def __init__(self, old: SchemeFile, new: SchemeFile, labels: Labels) -> None:
        self.old, self.new, self.labels = old, new, labels
        self.record = new.variations[-1]
        self.successions = new_successors(old, new)
        old_ids = {s.id for s in old.schemes}
        self.added = [s for s in new.schemes if s.id not in old_ids]
        before = {s.id: s for s in old.schemes}
        self.ended: list[tuple[Scheme, Scheme]] = []
        for s in new.schemes:
            was = before.get(s.id)
            if was is not None and s.end is not None and (was.end is None or s.end < was.end):
                self.ended.append((was, s))

    def _cite(self, label: str, fallback: str) -> str:
        """A provision of the Agreement as it stands, named as such ("Clause 25.11 of the
        Agreement", "paragraph 12 of Schedule 3 to the Agreement")."""
        found = self.labels.cite(label)
        if found is None:
            return fallback
        text = found.text
        return text + (" to the Agreement" if "Schedule" in text else " of the Agreement")

    # ------------------------------------------------------------ recitals
    def parties(self, agreement_words: str) -> list[Recital] | None:
        """In place of "the parties to this Deed are parties to the Agreement" when a party
        to this Deed is the successor of one: who made the Agreement, the succession, and
        who the Partners are."""
        if not self.successions:
            return None
        makers = join_and([p.legal_name for p in self.old.partners])
        out = [
            Recital(
                inlines=[
                    Text("The "),
                    _agreement(),
                    Text(f", {agreement_words}, was made between {makers}."),
                ]
            )
        ]
        out += [self._succession(was, now) for was, now in self.successions]
        successors = {id(now): was for was, now in self.successions}
        described = [
            f"{p.legal_name} (the successor of {successors[id(p)].legal_name})"
            if id(p) in successors
            else f"{p.legal_name} (a party to the Agreement)"
            for p in self.new.partners
        ]
        out.append(
            Recital(
                inlines=[
                    Text("The parties to this Deed (the "),
                    TermDef("Partners"),
                    Text(f") are {join_and(described)}."),
                ]
            )
        )
        return out

    def _succession(self, was: Partner, now: Partner) -> Recital:
        s = now.succeeds
        assert s is not None
        instrument = s.instrument + (f" ({s.number})" if s.number else "")
        bodies = join_and([was.legal_name, *s.others])
        rights = (
            f" Under {s.transfer_scheme}, the rights and liabilities of {was.legal_name} under the "
            if s.transfer_scheme
            else f" The same instrument transferred the rights and liabilities of {was.legal_name}"
            " under the "
        )
        return Recital(
            inlines=[
                Text(
                    f"With effect from {long_date(s.date)}, {instrument} transferred the"
                    f" functions of {bodies} to {now.legal_name}.{rights}"
                ),
                _agreement(),
                Text(
                    f" passed to {now.legal_name} on {long_date(s.date)}. {now.legal_name} is a"
                    " party to"
                    f" this Deed to record that it has taken the place of {was.legal_name} under"
                    " the "
                ),
                _agreement(),
                Text("."),
            ]
        )

    def recitals(self) -> list[Recital]:
        """The joint consultation (regulation 4(2)) and the improvement test (section 75(1))
        for the schemes the variation adds."""
        c = self.record.consultation
        if not self.added or c is None:
            return []
        names = join_and([f"the {s.name}" for s in self.added])
        arrangements = f"the arrangements for {names}"
        clause = self.labels.cite("functions-new-schemes")
        also = f" and {clause.text} of the Agreement require" if clause else " requires"
        return [
            Recital(
                inlines=[
                    Text(
                        f"From {long_date(c.start)} to {long_date(c.end)}, the Partners jointly"
                        f" consulted {join_and(c.consulted)}, being the persons who appeared to"
                        f" them to be affected by {arrangements}, as regulation 4(2) of"
                        f" {REGULATIONS}{also}."
                    )
                ]
            ),
            Recital(
                inlines=[
                    Text(
                        f"Having considered the responses, the Partners are satisfied that"
                        f" {arrangements} are likely to lead to an improvement in the way in"
                        f" which the functions concerned are exercised, as section 75(1) of"
                        f" {ACT}{also}."
                    )
                ]
            ),
        ]

    # ------------------------------------------------------------ provisions
    def provisions(self) -> list[Item]:
        """The deed's own provisions for these events (numbered within their clause)."""
        out: list[Item] = []
        out += [self._successor(was, now) for was, now in self.successions]
        out += [self._ending(before, after) for before, after in self.ended]
        out += self._corrections()
        options = extension_options(self.old, self.new)
        if options is not None:
            where = self._cite("term-extension", "the Agreement")
            holdover = self._cite("termination-bcf", "") if "termination-bcf" in self.labels else ""
            out.append(_item(extension_sentence(options, where, holdover) + "."))
        return out

    def _successor(self, was: Partner, now: Partner) -> Item:
        s = now.succeeds
        assert s is not None
        kind = "order" if " order " in f" {s.instrument.lower()} " else "instrument"
        how = (
            f"the {kind} and the transfer scheme recited above"
            if s.transfer_scheme
            else f"the {kind} recited above"
        )
        return _item(
            f"The Partners confirm that, from {long_date(s.date)}, {now.legal_name} has been"
            f" bound by, and has had the benefit of, the Agreement as a Partner in place of"
            f" {was.legal_name}, by operation of {how}; the changes made by this Deed to the"
            " Agreement's description of it take effect from the Variation Date. Nothing in this"
            f" Deed affects anything that passed to {now.legal_name} by operation of {how},"
            f" including any right or liability of {was.legal_name} under the Agreement that"
            f" arose before {long_date(s.date)}, such as an invoice raised or a payment that fell"
            " due before then and was not settled by then."
        )

    def _ending(self, was: Scheme, now: Scheme) -> Item:
        assert now.end is not None
        schedule = self._cite(f"scheme-{was.id}", "its Scheme Specification")
        labels = ("termination-consequences", f"scheme-{was.id}.spec-exit")
        applied = join_and(
            [self._cite(label, "") for label in labels if label in self.labels]
            or ["the exit provisions of the Agreement"]
        )
        dispute = self._cite("dispute-senior", "the dispute resolution procedure of the Agreement")
        longstop = months_after(now.end, EXIT_MONTHS)
        years = now.years
        kept = (
            " Its Scheme Specification stays in the Agreement as the record of the"
            f" scheme and of the Financial Contributions for {join_and(years)}, which this Deed"
            " does not change."
            if years
            else ""
        )
        return Item(
            level=2,
            inlines=[
                Text(
                    f"The Individual Scheme in {schedule} (the {was.name}) ends at the end of"
                    f" {long_date(now.end)} by the Partners' agreement in this Deed, without"
                    " any further notice, and no Partner will exercise any function under it"
                    " after then except to bring it to an end and to carry out its exit"
                    " arrangements for people and contracts. For those exit arrangements only,"
                    " the arrangements under section 75 of the National Health Service Act 2006"
                    " in the scheme continue, for each person and contract not yet taken over,"
                    " until the Partner that is to take it over has done so: until then a"
                    " Partner that exercises a function for another under the scheme continues"
                    " to do so for that person or contract, and the Partner for whom it is"
                    " exercised pays its cost, as the scheme's exit arrangements provide. No"
                    " Financial Contribution to the scheme is payable for any period after it"
                    " ends. Each Partner will take over what it is to take over by"
                    f" {long_date(longstop)}. A delay beyond that date is treated as a dispute"
                    f" referred to the senior officers under {dispute}, without a Dispute"
                    " Notice, and the Partner that is late indemnifies the other against any"
                    " liability, under a contract for that person or otherwise, that arises after"
                    f" {long_date(longstop)} because the other continues to exercise the function"
                    " for it; this"
                    f" indemnity survives the end of the scheme.{kept} {cap_first(applied)}"
                    " apply to its ending as"
                    " they apply to an Individual Scheme that ends under the "
                ),
                _agreement(),
                Text(
                    ", and each Partner remains liable for its Financial Contribution to the"
                    " scheme for the period up to its end."
                ),
            ],
        )

    def _corrections(self) -> list[Item]:
        schemes = {s.id: s for s in self.new.schemes}
        out: list[Item] = []
        for c in self.record.corrections:
            scheme = schemes.get(c.scheme)
            if scheme is None:
                continue
            schedule = self._cite(f"scheme-{c.scheme}", "its Scheme Specification")
            out.append(
                Item(
                    level=2,
                    inlines=[
                        Text(
                            f"The changes this Deed makes to the figures for {c.year} of the"
                            f" {scheme.name} ({schedule}) correct"
                            f" {c.reason.strip().rstrip('.')}. Despite "
                        ),
                        Ref("deed-rights-before"),
                        Text(
                            f", the corrected figures apply to the whole of {c.year} as if they"
                            " had been in the "
                        ),
                        _agreement(),
                        Text(" from the start of that year."),
                    ],
                )
            )
        return out


# how long an ended scheme's arrangements may continue for its exit arrangements
EXIT_MONTHS = 6


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day MONTHS later; the last day of the month stays the last day."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return dt.date(year, month, last if at_end else min(day.day, last))


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _item(text: str | list[Inline]) -> Item:
    inlines: list[Inline] = [Text(text)] if isinstance(text, str) else text
    return Item(level=2, inlines=inlines)
