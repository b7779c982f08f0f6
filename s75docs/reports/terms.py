"""The terms a variation changes, worded as the report library's term table says."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from s75docs.model.scheme import Scheme
from s75docs.variation.facts import DataChanges, TermChange

Render = Callable[[str, dict[str, Any]], str]


@dataclass(frozen=True)
class WordedTerm:
    """One term that changes, as a report prints it."""

    key: str
    what: str  # "End of the Initial Term"; for a scheme's term, "risk share"
    scheme: Scheme | None  # the scheme (as it stands) whose term it is
    before: str
    after: str
    before_value: Any
    after_value: Any
    where: str  # the label of the provision (of the agreement as it stands) stating it, or ""


def word_terms(
    changes: DataChanges,
    table: dict[str, Any],
    render: Render,
    cites: Callable[[str], bool],
) -> list[WordedTerm]:
    """Each changed term: its name, its values shown, and where the agreement states it."""
    out: list[WordedTerm] = []
    for change in changes.terms:
        group = "scheme" if change.scheme is not None else "agreement"
        entry: dict[str, Any] = dict((table.get(group) or {}).get(change.key) or {})
        what = str(entry.get("what") or change.key.replace("_", " "))
        show = str(entry.get("show") or "{{ value }}")
        out.append(
            WordedTerm(
                key=change.key,
                what=what,
                scheme=change.scheme,
                before=render(show, {"value": change.before, "scheme": change.scheme}),
                after=render(show, {"value": change.after, "scheme": change.new_scheme}),
                before_value=change.before,
                after_value=change.after,
                where=_where(change, str(entry.get("label") or ""), cites),
            )
        )
    return out


def _where(change: TermChange, label: str, cites: Callable[[str], bool]) -> str:
    if change.scheme is None:
        return label if label and cites(label) else ""
    spec = f"scheme-{change.scheme.id}"
    inner = f"{spec}.{label}"
    if label and cites(inner):
        return inner
    return spec if cites(spec) else ""
