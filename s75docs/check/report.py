"""Reports: text grouped by clause with a summary, and JSON."""

from __future__ import annotations

import json
from collections import Counter

from s75docs.check.run import Result
from s75docs.diagnostics import Severity


def summary(result: Result) -> dict[str, object]:
    by_severity = Counter(f.level.value for f in result.findings)
    return {
        "file": result.file,
        "format": result.kind,
        "paragraphs": result.paragraphs,
        "findings": len(result.findings),
        "errors": by_severity.get("error", 0),
        "warnings": by_severity.get("warning", 0),
        "info": by_severity.get("info", 0),
        "by_code": dict(sorted(Counter(f.code for f in result.findings).items())),
        "agreement_date": result.made.isoformat() if result.made else None,
    }


def as_json(result: Result) -> str:
    return json.dumps(
        {"findings": [f.as_json() for f in result.findings], "summary": summary(result)},
        indent=2,
        ensure_ascii=False,
    )


def as_text(result: Result) -> str:
    lines: list[str] = []
    current: str | None = None
    for f in result.findings:
        group = f.clause or "(outside the numbered clauses)"
        if group != current:
            current = group
            lines.append(f"== {group}")
        number = f.line if f.line is not None else f.paragraph
        where = str(number) if number else f" {f.place}" if f.place else "0"
        tail = f" ({f.suggestion})" if f.suggestion else ""
        lines.append(f"{result.file}:{where}: {f.level.value} {f.code}: {f.message}{tail}")
    s = summary(result)
    if result.findings:
        codes = ", ".join(f"{code} {n}" for code, n in s["by_code"].items())  # type: ignore[attr-defined]
        lines.append(
            f"{s['findings']} finding(s): {s['errors']} error(s), {s['warnings']} warning(s),"
            f" {s['info']} info; {codes}"
        )
    else:
        lines.append(f"{result.file}: no findings ({result.paragraphs} paragraphs read)")
    return "\n".join(lines) + "\n"


RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


def reaches(result: Result, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = RANK[Severity(fail_on)]
    return any(RANK[f.level] >= threshold for f in result.findings)
