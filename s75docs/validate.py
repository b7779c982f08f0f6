"""Validate a scheme file (and meeting files) without writing anything: every check `build`
makes (and `report`, for meeting files), with every error found rather than the first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from s75docs.errors import ErrorList, Location, S75Error, UsageError, missing

T = TypeVar("T")


def _errors(exc: S75Error) -> list[S75Error]:
    return list(exc.errors) if isinstance(exc, ErrorList) else [exc]


class _Collector:
    def __init__(self) -> None:
        self.errors: list[S75Error] = []

    def run(self, step: Callable[[], T]) -> T | None:
        """The step's result, or None with its errors collected."""
        try:
            return step()
        except S75Error as exc:
            for error in _errors(exc):
                if str(error) not in {str(e) for e in self.errors}:
                    self.errors.append(error)
            return None


def validate(
    scheme: Path,
    meetings: list[Path] | None = None,
    kind: str | None = None,
    libraries: list[Path] | None = None,
) -> list[S75Error]:
    """Every error in SCHEME and the MEETING files, in the order the checks find them.

    The scheme goes through the stages `build` does: the model (every field), the checks
    across fields, the library, the assembled agreement (the currency of law and bodies and
    the statutory profile, each listed in full) and, for a varied scheme, the versions its
    variations came from. A later stage needs the earlier ones to pass. A meeting file is
    checked as a meeting file; with `kind`, with the scheme exactly as `report` does.
    """
    from s75docs import pipeline
    from s75docs.assemble.builder import assemble
    from s75docs.assemble.edits import apply_edits
    from s75docs.model.loader import load_scheme
    from s75docs.transforms import run_all

    found = _Collector()
    for path in [scheme, *(meetings or [])]:
        if not path.is_file():
            found.errors.append(
                UsageError(missing(path), Location(str(path)), code="file-not-found")
            )
    if found.errors:
        return found.errors
    data = found.run(lambda: load_scheme(scheme))
    if data is not None:
        library = found.run(lambda: pipeline.council_library(libraries, pipeline.made_on(data)))
        edits = found.run(lambda: pipeline.variation_edits(scheme, data))
        if library is not None and edits is not None:
            doc = found.run(lambda: assemble(data, library))
            if doc is not None:
                steps: list[Callable[[], object]] = [
                    lambda: apply_edits(doc, edits) if edits else None,
                    lambda: run_all(doc, data.agreement.money_format),
                ]
                for step in steps:
                    if not found.errors:
                        found.run(step)
                if not found.errors:  # both listed in full
                    found.run(lambda: pipeline.check_currency(doc, pipeline.made_on(data)))
                    found.run(lambda: pipeline.check_profile(data, library, doc, scheme))
                if not found.errors and data.variations:
                    found.run(lambda: pipeline.agreement_as_it_stands(scheme, libraries))
    for meeting in meetings or []:
        _meeting(found, scheme, meeting, kind, libraries, ok=data is not None)
    return found.errors


def _meeting(
    found: _Collector,
    scheme: Path,
    meeting: Path,
    kind: str | None,
    libraries: list[Path] | None,
    *,
    ok: bool,
) -> None:
    from s75docs import pipeline
    from s75docs.model.meeting import load_meeting

    details = found.run(lambda: load_meeting(meeting))
    if details is None:
        return
    if kind is not None and ok and not found.errors:
        found.run(lambda: pipeline.report_context(scheme, meeting, kind, None, libraries))
        return
    library = found.run(lambda: pipeline.council_library(libraries))
    if library is not None:
        policy = library.data.get("bcf") or {}
        found.run(
            lambda: pipeline.check_plan_decisions(meeting, details.previous_decisions, policy)
        )
