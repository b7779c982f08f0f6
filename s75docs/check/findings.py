"""A finding: a stable code, the enclosing clause, the exact words, and a suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from s75docs.diagnostics import Severity, severity_of


@dataclass
class Finding:
    code: str  # one of diagnostics.CODES
    message: str
    clause: str = ""  # the enclosing provision: "Clause 15.1", "paragraph 2 of Schedule 3"
    text: str = ""  # the exact words cited
    suggestion: str = ""
    line: int | None = None  # 1-based line of a text input
    paragraph: int | None = None  # 1-based index in docx.Document(path).paragraphs
    severity: Severity | None = None  # overrides the code's default
    cell: tuple[int, int, int] | None = None  # (table, row, column) of a .docx table paragraph
    block: int | None = None  # 1-based among every paragraph a .docx reader read (annotate)
    control: bool = False  # in a body-level content control of a .docx

    @property
    def place(self) -> str:
        """Where in a .docx the words stand when no paragraph number says it:
        "table 3, row 4, column 2", or "a content control"."""
        if self.cell is not None:
            table, row, column = self.cell
            return f"table {table}, row {row}, column {column}"
        return "a content control" if self.control else ""

    @property
    def level(self) -> Severity:
        return self.severity or severity_of(self.code)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.level.value,
            "message": self.message,
            "clause": self.clause,
            "text": self.text,
            "suggestion": self.suggestion,
        }
        if self.line is not None:
            out["line"] = self.line
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        if self.cell is not None:
            out["table"], out["row"], out["column"] = self.cell
        if self.place:
            out["place"] = self.place
        return out
