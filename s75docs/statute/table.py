"""The statutory profile as a table (requirement | where met | status): plain text for a
terminal, Markdown for a report or a file note, JSON for tools."""

from __future__ import annotations

import json
import textwrap

from s75docs.statute.profile import Finding

HEAD = ("requirement", "where met", "status")


def rows(findings: list[Finding]) -> list[tuple[str, str, str]]:
    """One row a finding: the law and what it requires (and for which scheme); the provisions
    and data that meet it; met, or what is missing."""
    out: list[tuple[str, str, str]] = []
    for f in findings:
        whose = f" [scheme: {f.scheme.name}]" if f.scheme else ""
        status = f.status.value if not f.missing else "NOT MET: no " + ", no ".join(f.missing)
        out.append((f"{f.law}: {f.requirement.what}{whose}", "; ".join(f.where), status))
    return out


def as_text(findings: list[Finding], width: int = 100) -> str:
    widths = (44, 40, max(12, width - 44 - 40 - 6))
    lines = [_line(HEAD, widths), _line(tuple("-" * w for w in widths), widths)]
    for row in rows(findings):
        lines.append(_line(row, widths))
    return "\n".join(lines) + "\n" + summary(findings) + "\n"


def _line(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
    wrapped = [textwrap.wrap(c, w) or [""] for c, w in zip(cells, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    out = []
    for n in range(height):
        parts = [
            (w[n] if n < len(w) else "").ljust(width)
            for w, width in zip(wrapped, widths, strict=True)
        ]
        out.append("  ".join(parts).rstrip())
    return "\n".join(out)


def as_markdown(findings: list[Finding]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(HEAD) + " |", "|---|---|---|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows(findings)]
    return "\n".join(lines) + "\n\n" + summary(findings) + "\n"


def as_json(findings: list[Finding]) -> str:
    return (
        json.dumps(
            [
                {
                    "id": f.requirement.id,
                    "law": f.law,
                    "requirement": f.requirement.what,
                    "scheme": f.scheme.id if f.scheme else None,
                    "where": f.where,
                    "status": f.status.value,
                    "missing": f.missing,
                    "source": f.requirement.source,
                }
                for f in findings
            ],
            indent=2,
        )
        + "\n"
    )


def summary(findings: list[Finding]) -> str:
    unmet = sum(1 for f in findings if f.missing)
    met = len(findings) - unmet
    return f"{len(findings)} requirement(s) apply: {met} met, {unmet} not met"
