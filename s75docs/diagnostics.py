"""Diagnostics: the one table of stable codes (library-lint, check findings and errors)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from s75docs.errors import Location


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# Every code the toolkit reports, for machines (JSON, a web UI): the severity it has unless
# a finding says otherwise, and what it means. tests/test_diagnostics.py keeps the table and
# the code in step: every code used is listed, every code listed is used.
CODES: dict[str, tuple[Severity, str]] = {
    # library-lint (also raised by a build that meets the same problem)
    "lib-unknown-label": (Severity.ERROR, "a cross-reference names a label that does not exist"),
    "lib-duplicate-label": (Severity.ERROR, "two paragraphs carry the same label"),
    "lib-typed-number": (Severity.ERROR, "a clause, schedule or paragraph number typed as text"),
    "lib-undefined-term": (Severity.ERROR, "a term is used but no definition file defines it"),
    "lib-jinja-syntax": (Severity.ERROR, "the Jinja template does not parse"),
    "lib-front-matter": (Severity.ERROR, "the front matter is missing or invalid"),
    "lib-outline": (Severity.ERROR, "the numbered outline is malformed"),
    "lib-stale-law": (
        Severity.ERROR,
        "a repealed law or abolished body, or one not yet in force, in library text",
    ),
    "lib-report-kinds": (Severity.ERROR, "data/report_kinds.yaml names a section badly"),
    "lib-profile": (
        Severity.ERROR,
        "data/statutory_profile.yaml is malformed or names a label the library lacks",
    ),
    "lib-report-part": (Severity.WARNING, "a report file's part is in no kind of report"),
    # check: findings in an existing agreement
    "xref-dangling": (Severity.ERROR, "a reference to a provision that does not exist"),
    "xref-self": (Severity.ERROR, "'this Clause N' inside a clause that is not N"),
    "xref-suspect": (
        Severity.WARNING,
        "a reference that resolves, but whose words fit another clause or schedule (drift,"
        " headings, titles), or a section of an Act cited as a clause",
    ),
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
    # (also raised by a build that would cite such a law or body)
    "law-stale": (
        Severity.ERROR,
        "a repealed, renamed, abolished or non-existent law or body, or one not yet in force",
    ),
    "law-unmet": (
        Severity.ERROR,
        "a requirement of the statutory profile that the agreement misses",
    ),
    "toc-mismatch": (Severity.WARNING, "the table of contents does not match the headings"),
    "outline-unplaced": (
        Severity.INFO,
        "a paragraph the outline could not place, or where another paper follows the agreement",
    ),
    "not-agreement": (
        Severity.INFO,
        "no clauses or schedules recognised: only the rules that need no outline were run",
    ),
    # errors (S75Error.code): what stopped a command; the first four are the class defaults
    "input-invalid": (Severity.ERROR, "scheme data or library text is invalid"),
    "build-failed": (Severity.ERROR, "the document cannot be assembled consistently"),
    "usage": (Severity.ERROR, "the command line is wrong or a file cannot be used"),
    "tool-failed": (Severity.ERROR, "an external tool (LibreOffice) is missing or failed"),
    "file-not-found": (Severity.ERROR, "a file named on the command line or in data is missing"),
    "file-unreadable": (Severity.ERROR, "a file is not in a format that can be read"),
    "file-refused": (Severity.ERROR, "a file is refused as too large or hostile"),
    "yaml-syntax": (Severity.ERROR, "a YAML file does not parse"),
    "yaml-duplicate-key": (Severity.ERROR, "a key is given twice in one YAML mapping"),
    "schema-invalid": (Severity.ERROR, "a data file does not match its schema"),
    "data-inconsistent": (Severity.ERROR, "data that disagree with each other"),
}


def severity_of(code: str) -> Severity:
    """The severity a code has by default."""
    return CODES[code][0]


@dataclass(frozen=True)
class Diagnostic:
    """One finding, with a stable code, a location and a suggested fix."""

    code: str
    message: str
    location: Location
    suggestion: str = ""

    @property
    def severity(self) -> Severity:
        return severity_of(self.code)

    def __str__(self) -> str:
        tail = f" ({self.suggestion})" if self.suggestion else ""
        return f"{self.location}: {self.severity.value} {self.code}: {self.message}{tail}"
