"""Errors that carry a location a lawyer can act on (FILE:LINE: field: message)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Category(Enum):
    """What kind of failure, which decides the exit status."""

    INPUT = "input"  # invalid scheme data or library text: exit 1
    BUILD = "build"  # the document cannot be assembled consistently: exit 1
    USAGE = "usage"  # unreadable file or bad command line: exit 2
    TOOL = "tool"  # an external tool (LibreOffice) is missing or failed: exit 2


@dataclass(frozen=True)
class Location:
    """Where an error is: a file, a 1-based line, a dotted field path."""

    file: str = ""
    line: int | None = None
    field: str = ""

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)


class S75Error(Exception):
    """Base error: one line, with a location, never a traceback for the user.

    `code` names the failure for machines (JSON, a web UI) with a code of the one table,
    diagnostics.CODES: the class's own, or a specific one given where it is raised.
    """

    category: Category = Category.INPUT
    code: str = "input-invalid"

    def __init__(
        self, message: str, location: Location | None = None, *, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location or Location()
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message

    @property
    def exit_status(self) -> int:
        return 2 if self.category in (Category.USAGE, Category.TOOL) else 1


class InputError(S75Error):
    """Scheme data or library text is invalid."""

    category = Category.INPUT
    code = "input-invalid"


class BuildError(S75Error):
    """The agreement cannot be assembled consistently (undefined term, unknown label...)."""

    category = Category.BUILD
    code = "build-failed"


class UsageError(S75Error):
    """A file cannot be read or the command line is wrong."""

    category = Category.USAGE
    code = "usage"


class ToolError(S75Error):
    """An external tool such as LibreOffice is missing or failed."""

    category = Category.TOOL
    code = "tool-failed"


class ErrorList(S75Error):
    """Several errors found in one pass, reported together."""

    def __init__(self, errors: list[S75Error]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors
        if errors:
            self.category = errors[0].category
            self.code = errors[0].code

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def missing(path: object) -> str:
    """Why a file named on the command line cannot be read: absent, or a folder."""
    from pathlib import Path

    return "is a folder, not a file" if Path(str(path)).is_dir() else "no such file"
