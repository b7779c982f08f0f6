"""The Better Care Fund framework that governs each financial year, as at a date.

`data/bcf.yaml` records, for each financial year, the framework the government published
for it (title, publishers, publication date, source page, national conditions, metrics).
What an agreement can say about a year depends on when it is made: a framework published
on or before that day governs its year ("published"); a year whose framework was not yet
published (or is not in the data) is "provisional", and the latest framework published by
then is carried forward until the year's own is published.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from s75docs.model.scheme import SchemeFile


def _published(entry: Any) -> dt.date | None:
    if not isinstance(entry, dict):
        return None
    day = entry.get("published")
    return day if isinstance(day, dt.date) and entry.get("framework") else None


def policy_for(policy: dict[str, Any], year: str, as_at: dt.date) -> dict[str, Any]:
    """The entry for `year` as it stood on `as_at`, with `status` ("published" or
    "provisional") and, for a provisional year, the carried-forward framework's content and
    `own` (the year's own entry, if the data has one, for its `published` date when known)."""
    own = policy.get(year)
    day = _published(own)
    if day is not None and day <= as_at:
        assert isinstance(own, dict)
        return {**own, "status": "published", "year": year}
    earlier = [
        (published, y)
        for y, entry in policy.items()
        if (published := _published(entry)) is not None and published <= as_at and y < year
    ]
    if not earlier:
        known = ", ".join(sorted(policy)) or "none"
        raise ValueError(
            f"no Better Care Fund framework for {year}, or for any earlier year, had been"
            f" published by {as_at} in data/bcf.yaml (have: {known})"
        )
    _, latest = max(earlier)
    carried = dict(policy[latest])
    return {
        **carried,
        "status": "provisional",
        "year": year,
        "carried_from": latest,
        "own": own if isinstance(own, dict) else None,
    }


def bcf_date(data: SchemeFile) -> dt.date:
    """The day an agreement's statement of national policy speaks from: the date of its
    latest variation (a deed restates the frameworks published by then), else its own date,
    else (undated) its commencement."""
    varied = [v.date or v.effective for v in data.variations]
    return max(varied) if varied else (data.agreement.date or data.agreement.commencement)


_PLAN = re.compile(r"\bBetter Care Fund [Pp]lan for (\d{4}/\d{2})\b")


def plan_decision_problems(
    decisions: list[tuple[dt.date, str]], policy: dict[str, Any]
) -> list[tuple[int, str]]:
    """Decisions that say a Better Care Fund plan for a year was agreed before the framework
    for that year was published (a plan is prepared under its year's framework): the index
    of each, with the reason."""
    out: list[tuple[int, str]] = []
    for n, (day, text) in enumerate(decisions):
        for year in _PLAN.findall(text):
            published = _published(policy.get(year))
            if published is None:
                out.append(
                    (
                        n,
                        f"a Better Care Fund plan for {year} is said to be agreed on {day}, but"
                        f" data/bcf.yaml records no framework for {year}: describe the"
                        " decision as draft proposals, or record the framework",
                    )
                )
            elif day < published:
                out.append(
                    (
                        n,
                        f"a Better Care Fund plan for {year} is said to be agreed on {day},"
                        f" before the framework for {year} was published ({published})",
                    )
                )
    return out
