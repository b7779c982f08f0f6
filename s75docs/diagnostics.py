"""Diagnostics: one table of stable codes shared by library-lint, build and check."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from s75docs.errors import Location


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


CODES: dict[str, tuple[Severity, str]] = {
    "lib-unknown-label": (Severity.ERROR, "a cross-reference names a label that does not exist"),
    "lib-duplicate-label": (Severity.ERROR, "two paragraphs carry the same label"),
    "lib-typed-number": (Severity.ERROR, "a clause, schedule or paragraph number typed as text"),
    "lib-undefined-term": (Severity.ERROR, "a term is used but no definition file defines it"),
    "lib-jinja-syntax": (Severity.ERROR, "the Jinja template does not parse"),
    "lib-front-matter": (Severity.ERROR, "the front matter is missing or invalid"),
    "lib-outline": (Severity.ERROR, "the numbered outline is malformed"),
    "lib-duplicate-id": (Severity.WARNING, "two files in one library share an id"),
    "lib-stale-law": (Severity.ERROR, "a repealed law or abolished body in library text"),
}


@dataclass(frozen=True)
class Diagnostic:
    """One finding, with a stable code, a location and a suggested fix."""

    code: str
    message: str
    location: Location
    suggestion: str = ""

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    def __str__(self) -> str:
        tail = f" ({self.suggestion})" if self.suggestion else ""
        return f"{self.location}: {self.severity.value} {self.code}: {self.message}{tail}"
