"""What a variation may do, checked on the two versions of the data before a deed is drawn:
when it takes effect, which figures it may change (not those of a year already ended, unless
it corrects them), and the events it records (a scheme added or ended, a partner succeeded)."""

from __future__ import annotations

import datetime as dt

from s75docs.model.money import fy_end, fy_start
from s75docs.model.scheme import Partner, Scheme, SchemeFile

PathKey = tuple[str | int, ...]
Problems = list[tuple[PathKey, str]]


def variation_problems(old: SchemeFile, new: SchemeFile) -> Problems:
    """Every problem with the variation NEW records over OLD, at its field in NEW."""
    out: Problems = []
    _when(old, new, out)
    _past_years(old, new, out)
    _added(old, new, out)
    _ended(old, new, out)
    _successors(old, new, out)
    return out


def _record_path(new: SchemeFile, *keys: str | int) -> PathKey:
    return ("variations", len(new.variations) - 1, *keys)


def _when(old: SchemeFile, new: SchemeFile, out: Problems) -> None:
    effective = new.variations[-1].effective
    made = old.agreement.date
    if made is not None and effective <= made:
        out.append(
            (
                _record_path(new, "effective"),
                f"the variation must take effect after the Agreement was made ({made})",
            )
        )
    end = new.agreement.initial_term_end
    if effective > end:
        out.append(
            (
                _record_path(new, "effective"),
                f"the variation takes effect on {effective}, after the Initial Term ends ({end});"
                " a variation that extends the term gives the new initial_term_end",
            )
        )
    for si, scheme in enumerate(new.schemes):
        for ci, c in enumerate(scheme.contributions):
            if fy_start(c.year) > end:
                out.append(
                    (
                        ("schemes", si, "contributions", ci, "year"),
                        f"a contribution for {c.year} falls after the Initial Term ends ({end});"
                        " extend the term (agreement.initial_term_end) to include it",
                    )
                )


def _amounts(scheme: Scheme, year: str) -> dict[tuple[str, str], object]:
    return {
        (c.partner, c.line): scheme.line_amount(c.partner, c.line, year)
        for c in scheme.contributions
        if c.year == year
    }


def _past_years(old: SchemeFile, new: SchemeFile, out: Problems) -> None:
    """No figure of a financial year that ended before the Variation Date changes, unless the
    variation record lists it as a correction."""
    record = new.variations[-1]
    corrected = {(c.scheme, c.year) for c in record.corrections}
    used: set[tuple[str, str]] = set()
    new_ids = {s.id: (si, s) for si, s in enumerate(new.schemes)}
    for scheme in old.schemes:
        past = [y for y in scheme.years if fy_end(y) < record.effective]
        if not past:
            continue
        if scheme.id not in new_ids:
            out.append(
                (
                    ("schemes",),
                    f"the scheme '{scheme.id}' ran before the Variation Date"
                    f" ({record.effective}): keep it as history and give it an end date (end:)"
                    " instead of deleting it",
                )
            )
            continue
        si, now = new_ids[scheme.id]
        for year in past:
            if _amounts(scheme, year) == _amounts(now, year):
                continue
            if (scheme.id, year) in corrected:
                used.add((scheme.id, year))
                continue
            ci = next((i for i, c in enumerate(now.contributions) if c.year == year), None)
            where: PathKey = ("schemes", si, "contributions") + ((ci,) if ci is not None else ())
            out.append(
                (
                    where,
                    f"the {year} figures of '{scheme.id}' cannot change: that year ended before"
                    f" the Variation Date ({record.effective}). If they were wrong, list the"
                    f" correction on the variation record (corrections: - scheme: {scheme.id},"
                    f" year: {year}, reason: ...)",
                )
            )
    for k, c in enumerate(record.corrections):
        if (c.scheme, c.year) in used:
            continue
        if fy_end(c.year) >= record.effective:
            problem = (
                f"{c.year} has not ended by the Variation Date ({record.effective}): its"
                " figures change without a correction"
            )
        else:
            problem = f"no figure of '{c.scheme}' for {c.year} changes"
        out.append((_record_path(new, "corrections", k), problem))


def _added(old: SchemeFile, new: SchemeFile, out: Problems) -> None:
    """A scheme added by a variation starts no earlier than the Variation Date, and the
    partners have consulted on it jointly (regulation 4(2) of the 2000 Regulations)."""
    record = new.variations[-1]
    old_ids = {s.id for s in old.schemes}
    added = [(si, s) for si, s in enumerate(new.schemes) if s.id not in old_ids]
    for si, scheme in added:
        if scheme.start is None or scheme.start < record.effective:
            when = f"({scheme.start})" if scheme.start else "(the Commencement Date, by default)"
            out.append(
                (
                    ("schemes", si, "start") if scheme.start else ("schemes", si),
                    f"a scheme added by a variation starts no earlier than the Variation Date"
                    f" ({record.effective}), not {when}: give it start: {record.effective}"
                    " or later",
                )
            )
    if not added:
        return
    consultation = record.consultation
    if consultation is None:
        out.append(
            (
                _record_path(new),
                "this variation adds a scheme: record the joint consultation regulation 4(2)"
                " of the 2000 Regulations requires (consultation: consulted, start, end)",
            )
        )
        return
    if consultation.end < consultation.start:
        out.append(
            (_record_path(new, "consultation", "end"), "the consultation ends before it starts")
        )
    made = record.date or record.effective
    if consultation.end > made:
        out.append(
            (
                _record_path(new, "consultation", "end"),
                f"the consultation must be over before the deed is made ({made})",
            )
        )


def _ended(old: SchemeFile, new: SchemeFile, out: Problems) -> None:
    """A scheme the variation ends does so no earlier than the day before the Variation Date."""
    effective = new.variations[-1].effective
    before = {s.id: s for s in old.schemes}
    for si, scheme in enumerate(new.schemes):
        was = before.get(scheme.id)
        if was is None or scheme.end is None or scheme.end == was.end:
            continue
        if scheme.end < effective - dt.timedelta(days=1):
            out.append(
                (
                    ("schemes", si, "end"),
                    f"a variation taking effect on {effective} cannot end a scheme before it"
                    f" ({scheme.end}); end it on {effective - dt.timedelta(days=1)} or later",
                )
            )


def succeeded(old: SchemeFile, partner: Partner) -> Partner | None:
    """The partner of OLD that PARTNER succeeds, by legal name or key."""
    if partner.succeeds is None:
        return None
    body = partner.succeeds.body
    return next((p for p in old.partners if body in (p.legal_name, p.key)), None)


def new_successors(old: SchemeFile, new: SchemeFile) -> list[tuple[Partner, Partner]]:
    """(old partner, its successor) for each succession this variation records."""
    names = {p.legal_name for p in old.partners}
    out: list[tuple[Partner, Partner]] = []
    for p in new.partners:
        was = succeeded(old, p)
        if was is not None and p.legal_name not in names:
            out.append((was, p))
    return out


def _successors(old: SchemeFile, new: SchemeFile, out: Problems) -> None:
    effective = new.variations[-1].effective
    names = {p.legal_name for p in new.partners}
    old_names = {p.legal_name for p in old.partners}
    for pi, p in enumerate(new.partners):
        if p.succeeds is None or p.legal_name in old_names:
            continue
        where: PathKey = ("partners", pi, "succeeds")
        made = new.variations[-1].date
        if made is not None and made < p.succeeds.date:
            out.append(
                (
                    (*where, "date"),
                    f"{p.legal_name} takes over on {p.succeeds.date}: it cannot make the deed"
                    f" before then ({made})",
                )
            )
        was = succeeded(old, p)
        if was is None:
            choices = ", ".join(q.legal_name for q in old.partners)
            out.append(
                (
                    (*where, "body"),
                    f"'{p.succeeds.body}' is not a party to the Agreement being varied ({choices})",
                )
            )
            continue
        if was.legal_name in names:
            out.append(
                (
                    (*where, "body"),
                    f"{was.legal_name} is still a partner: a successor takes its place",
                )
            )
        if was.kind.value == "icb" and not p.succeeds.transfer_scheme:
            out.append(
                (
                    (*where, "transfer_scheme"),
                    "an integrated care board's rights and liabilities pass to its successor by"
                    " a transfer scheme of NHS England under section 14Z28(3) of the 2006 Act,"
                    " not by the establishment order: name that scheme",
                )
            )
        if p.succeeds.date > effective:
            out.append(
                (
                    (*where, "date"),
                    f"the functions transfer on {p.succeeds.date}, after the Variation Date"
                    f" ({effective}): the deed can record only a succession that has happened",
                )
            )
