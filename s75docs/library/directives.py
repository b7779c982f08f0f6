"""The directives library text may use (':: name key=value'), for the builders and the lint."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

AGREEMENT = "agreement"  # an agreement's clauses and schedules
REPORT = "report"  # a Board report's sections


@dataclass(frozen=True)
class Spec:
    """What a directive inserts, which parameters it takes and where it may stand."""

    summary: str
    params: frozenset[str] = field(default_factory=frozenset)
    documents: frozenset[str] = frozenset({AGREEMENT})
    labels: bool = False  # it labels what it makes "table-<name>", for the text to cite


def table_label(name: str) -> str:
    """The label a report directive gives the table it makes."""
    return f"table-{name}"


def _spec(summary: str, *params: str, document: str = AGREEMENT, labels: bool = False) -> Spec:
    return Spec(summary, frozenset(params), frozenset({document}), labels)


def _report_table(summary: str) -> Spec:
    # a report's tables are numbered and cited ("Table 3"); an agreement's are not
    return _spec(summary, "caption", document=REPORT, labels=True)


DIRECTIVES: dict[str, Spec] = {
    "definitions": _spec("the definitions, generated from the terms the agreement uses"),
    "summary-table": _spec("every scheme's contributions by partner and year, with totals"),
    "partners-table": _spec("each partner's Authorised Officers and contacts"),
    "contributions-table": _spec(
        "one scheme's contributions by partner, service line and year", "scheme"
    ),
    "services-table": _spec(
        "one scheme's services, providers, contracts and contract holders", "scheme"
    ),
    "indicators-table": _spec("one scheme's indicators and targets", "scheme"),
    "contributions-by-partner": _report_table(
        "each partner's contributions by year, with the total"
    ),
    "contributions-by-line": _report_table(
        "every contribution by partner, scheme and service line"
    ),
    "contributions-by-scheme": _report_table(
        "each scheme's total by year (as varied, in a variation)"
    ),
    "totals-before-after": _report_table(
        "each partner's totals by year before and after a variation"
    ),
    "lines-changed": _report_table("every contribution line a variation changes, adds or removes"),
    "changes": _spec(
        "what a deed of variation does, one point each (from the report's 'changes' part);"
        " 'bullets' for bullet points, 'end' and 'last' the punctuation after each point and"
        " the last",
        "bullets",
        "end",
        "last",
        document=REPORT,
    ),
}


def unknown(name: str, params: dict[str, str], document: str) -> str | None:
    """Why a directive call cannot stand in this kind of document, or None if it can."""
    spec = DIRECTIVES.get(name)
    if spec is None:
        close = difflib.get_close_matches(name, list(DIRECTIVES), n=1)
        return f"unknown directive ':: {name}'" + (
            f" (did you mean '{close[0]}'?)" if close else ""
        )
    if document not in spec.documents:
        where = " or ".join(sorted(spec.documents))
        return f"':: {name}' belongs in {where} text, not in {document} text"
    extra = sorted(set(params) - spec.params)
    if extra:
        allowed = ", ".join(sorted(spec.params)) or "none"
        return f"':: {name}' takes no parameter '{extra[0]}' (it takes: {allowed})"
    return None
