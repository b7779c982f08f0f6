"""The kinds of Board report (data/report_kinds.yaml): each kind's name and its sections in
order, checked against the report files that write them, for lint and for the build alike."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from s75docs.diagnostics import Diagnostic
from s75docs.errors import Location
from s75docs.library.source import Kind, Source

STEM = "report_kinds"
# parts every report has besides its sections
FIXED_PARTS = ("title", "summary", "appendix", "changes", "phrases")


def _where(files: list[Path], kind: str) -> Location:
    """The last data file in the stack that gives this kind (the one that counts)."""
    from s75docs.model.loader import read_yaml  # the library reads YAML through the model

    for path in reversed(files):
        data, lines = read_yaml(path)
        if isinstance(data, dict) and kind in data:
            return Location(str(path), lines.line((kind,)))
    return Location(str(files[-1]) if files else f"data/{STEM}.yaml")


def problems(kinds: Any, sources: Iterable[Source], files: list[Path]) -> list[Diagnostic]:
    """Every fault of the kinds: no name, no sections, a section twice, a section no report
    file writes; and a report file whose part no kind uses."""
    parts = {s.meta.part: s for s in sources if s.kind is Kind.REPORT}
    out: list[Diagnostic] = []
    if not isinstance(kinds, dict):
        return [
            Diagnostic("lib-report-kinds", f"data/{STEM}.yaml must be a mapping", _where(files, ""))
        ]
    used: set[str] = set()
    for kind, spec in kinds.items():
        where = _where(files, str(kind))
        if not isinstance(spec, dict) or not isinstance(spec.get("sections"), list):
            out.append(
                Diagnostic(
                    "lib-report-kinds", f"{kind}: give 'name' and a list of 'sections'", where
                )
            )
            continue
        if not str(spec.get("name") or "").strip():
            out.append(Diagnostic("lib-report-kinds", f"{kind}: give the report a 'name'", where))
        seen: set[str] = set()
        for section in map(str, spec["sections"]):
            used.add(section)
            if section in seen:
                message = f"{kind}: the section '{section}' is listed twice"
                out.append(Diagnostic("lib-report-kinds", message, where))
            seen.add(section)
            if section not in parts:
                close = difflib.get_close_matches(section, list(parts), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                message = f"{kind}: no report file writes the section '{section}'{hint}"
                out.append(Diagnostic("lib-report-kinds", message, where))
    for part, src in parts.items():
        if part not in used and part not in FIXED_PARTS:
            close = difflib.get_close_matches(part, sorted(used), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            message = f"no kind of report has the section '{part}'{hint}"
            message += f": add it to data/{STEM}.yaml"
            out.append(Diagnostic("lib-report-part", message, src.location(2)))
    return out
