"""The thin writer: a resolved report tree as the plain context a Word template is filled with
(every value already text; documented in docs/reports.md)."""

from __future__ import annotations

from typing import Any

from s75docs.doctree.nodes import Body, Cell, Item, Para, Table, inline_text
from s75docs.doctree.visitor import NodeVisitor
from s75docs.model.meeting import ReportKind
from s75docs.reports.build import Report
from s75docs.transforms.money import format_amount
from s75docs.words import join_and, long_date


def _cell(cell: Cell) -> dict[str, Any]:
    return {"text": inline_text(cell.inlines), "money": cell.align == "right"}


def _point(item: Item) -> dict[str, Any]:
    subs = [c for c in item.children if isinstance(c, Item)]
    return {
        "label": item.number,
        "text": inline_text(item.inlines),
        "sub": [_point(s) for s in subs],
    }


def _table(table: Table) -> dict[str, Any]:
    key = (table.label or "").removeprefix("table-").replace("-", "_")
    return {
        "key": key,
        "caption": table.caption,
        "header": [_cell(c) for c in table.header],
        "rows": [
            {
                "cells": [_cell(c) for c in row],
                "total": row.kind == "total",
                "heading": row.kind == "heading",
            }
            for row in table.rows
        ],
        "widths": list(table.widths),
        "note": "",
        "number": table.number,
    }


class _Blocks(NodeVisitor):
    """One section's content as the template's blocks."""

    def __init__(self) -> None:
        self.out: list[dict[str, Any]] = []

    def _block(
        self, kind: str, number: str = "", text: str = "", points: Any = (), table: Any = None
    ) -> None:
        self.out.append(
            {"kind": kind, "number": number, "text": text, "points": list(points), "table": table}
        )

    def visit_Item(self, node: Item) -> None:
        points = [_point(c) for c in node.children if isinstance(c, Item)]
        self._block("para", node.number, inline_text(node.inlines), points)
        for child in node.children:
            if not isinstance(child, Item):
                self.dispatch(child)

    def visit_Para(self, node: Para) -> None:
        self._block("para", "", inline_text(node.inlines))

    def visit_Table(self, node: Table) -> None:
        self._block("table", table=_table(node))


def _sections(doc_body: Body) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for section in doc_body.children:
        assert isinstance(section, Item)
        blocks = _Blocks()
        for child in section.children:
            blocks.dispatch(child)
        out.append(
            {
                "id": (section.label or "").removeprefix("section-"),
                "number": section.number,
                "heading": section.title or "",
                "blocks": blocks.out,
            }
        )
    return out


def template_context(report: Report, *, millions: bool, pence: bool) -> dict[str, Any]:
    """Everything a report template may use."""
    facts = report.facts
    data, m = facts.data, facts.meeting
    hwb = report.kind is ReportKind.HWB
    body = next(n for n in report.doc.children if isinstance(n, Body))
    sections = _sections(body)
    tables = [n for n in report.doc.walk() if isinstance(n, Table)]

    def money(amount: Any) -> str:
        return format_amount(amount, millions=millions, pence=pence)

    variation: dict[str, Any] | None = None
    if facts.variation is not None and facts.variation.facts is not None:
        rec = facts.variation.facts.record
        variation = {
            "date": long_date(rec.date) if rec.date else "",
            "effective": long_date(rec.effective),
            "reason": rec.reason,
            "changes": list(report.changes),
            "approvals": [
                {"body": ap.body, "date": long_date(ap.date), "reference": ap.reference}
                for ap in rec.approvals
            ],
        }
    a = data.agreement
    return {
        "kind": report.kind.value,
        "kind_name": report.kind_name,
        "organisation": facts.us.legal_name,
        "title": report.title,
        "meeting": {
            "body": m.body,
            "date": long_date(m.date),
            "agenda_item": m.agenda_item,
            "report_of": m.report_of,
            # a Health and Wellbeing Board is not the council's executive: no lead member,
            # key decision or Forward Plan entry, whatever the meeting file says
            "lead_member": "" if hwb else m.lead_member,
            "wards": join_and(m.wards),
            "key_decision": ""
            if hwb or m.key_decision is None
            else ("Yes" if m.key_decision else "No"),
            "forward_plan_reference": "" if hwb else m.forward_plan_reference,
            "decision_deadline": long_date(m.decision_deadline) if m.decision_deadline else "",
            "authors": [
                {"name": x.name, "role": x.role, "email": x.email, "phone": x.phone}
                for x in m.authors
            ],
        },
        "summary": [{"label": k, "value": v} for k, v in report.summary],
        "sections": sections,
        "s": {sec["id"]: sec for sec in sections},
        "tables": {t["key"]: t for t in (_table(n) for n in tables)},
        "figures": [
            {
                "year": y,
                "total": money(data.total(y)),
                "partners": [
                    {
                        "name": p.legal_name,
                        "short_name": p.short_name,
                        "amount": money(data.total(y, p.key)),
                    }
                    for p in data.contributors
                ],
            }
            for y in data.years
        ],
        "agreement": {
            "title": a.title,
            "area": a.area,
            "date": long_date(a.date) if a.date else "",
            "commencement": long_date(a.commencement),
            "initial_term_end": long_date(a.initial_term_end),
        },
        "partners": [
            {
                "legal_name": p.legal_name,
                "short_name": p.short_name,
                "deciding": p.key == facts.us.key,
            }
            for p in data.partners
        ],
        "variation": variation,
        "appendices": [{"label": k, "title": t} for k, t in report.appendices],
    }
