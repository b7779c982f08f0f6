"""A finding: a stable code, the enclosing clause, the exact words, and a suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from s75docs.diagnostics import Severity

CHECK_CODES: dict[str, tuple[Severity, str]] = {
    "xref-dangling": (Severity.ERROR, "a reference to a provision that does not exist"),
    "xref-self": (Severity.ERROR, "'this Clause N' inside a clause that is not N"),
    "xref-suspect": (Severity.WARNING, "the words around a reference match another clause"),
    "xref-drift": (Severity.WARNING, "a run of references offset by the same amount"),
    "xref-field-stale": (Severity.ERROR, "a REF field whose cached text is out of date"),
    "num-gap": (Severity.ERROR, "a number is skipped"),
    "num-duplicate": (Severity.ERROR, "a number is used twice"),
    "num-order": (Severity.ERROR, "numbers out of order"),
    "num-level-jump": (Severity.ERROR, "a numbering level is skipped"),
    "num-continues": (Severity.ERROR, "numbering continues from the previous schedule"),
    "term-undefined": (Severity.WARNING, "a capitalised term used but never defined"),
    "term-unused": (Severity.INFO, "a term defined but never used"),
    "term-variant": (Severity.WARNING, "a variant spelling of a defined term"),
    "term-order": (Severity.INFO, "definitions out of alphabetical order"),
    "placeholder": (Severity.ERROR, "a drafting placeholder left in"),
    "comment-left": (Severity.WARNING, "a Word comment left in the document"),
    "money-total": (Severity.ERROR, "a stated total that is not the sum of its parts"),
    "money-percent": (Severity.ERROR, "a percentage that does not match the amounts"),
    "money-malformed": (Severity.ERROR, "a malformed amount of money"),
    "law-stale": (Severity.ERROR, "a repealed, renamed, abolished or non-existent law or body"),
    "toc-mismatch": (Severity.WARNING, "the table of contents does not match the headings"),
}


@dataclass
class Finding:
    code: str
    message: str
    clause: str = ""  # the enclosing clause as the document prints it: "15.1"
    text: str = ""  # the exact words cited
    suggestion: str = ""
    line: int | None = None  # 1-based line of a text input
    paragraph: int | None = None  # 1-based index in docx.Document(path).paragraphs
    severity: Severity | None = None  # overrides the code's default

    @property
    def level(self) -> Severity:
        return self.severity or CHECK_CODES[self.code][0]

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
        return out
