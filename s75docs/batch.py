"""Build many scheme files into one folder: a progress bar, a summary table, and one bad
file never stops the rest."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from s75docs.errors import ErrorList, Location, S75Error, UsageError, missing

if TYPE_CHECKING:
    from rich.progress import Progress


@dataclass
class Outcome:
    scheme: Path
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def build_many(
    schemes: list[Path],
    output: str | None,
    formats: tuple[str, ...],
    libraries: list[Path],
    reference_docx: Path | None,
) -> list[Outcome]:
    """Each scheme built into the folder OUTPUT (default out/) as SCHEME-NAME.FORMAT."""
    from s75docs.outputs import is_folder, targets
    from s75docs.pipeline import FORMATS, build_to

    if output is not None and not is_folder(output):
        raise UsageError(
            "several scheme files need a folder: give -o DIR/", Location(output), code="usage"
        )
    names = output_names(schemes)
    outcomes: list[Outcome] = []
    progress = _progress()
    with progress:
        task = progress.add_task("building", total=len(schemes))
        for scheme in dict.fromkeys(schemes):
            progress.update(task, description=f"building {scheme.name}")
            outcome = Outcome(scheme)
            try:
                if not scheme.is_file():
                    raise UsageError(missing(scheme), Location(str(scheme)), code="file-not-found")
                chosen = targets(output, formats, names[scheme], FORMATS)
                outcome.written = build_to(scheme, chosen, libraries, reference_docx)
            except S75Error as exc:
                found = exc.errors if isinstance(exc, ErrorList) else [exc]
                outcome.errors = [str(e) for e in found]
            except Exception as exc:  # one bad file never stops the rest
                if os.environ.get("S75DOCS_DEBUG"):
                    raise
                outcome.errors = [f"{scheme}: internal error: {type(exc).__name__}: {exc}"]
            outcomes.append(outcome)
            progress.advance(task)
    return outcomes


def output_names(schemes: list[Path]) -> dict[Path, str]:
    """The name each scheme's outputs take: its own (scheme-v2), or, when two share one,
    with its folder's (fairhaven-scheme, kestrel-scheme)."""
    unique = list(dict.fromkeys(schemes))
    stems = [s.stem for s in unique]
    names = {
        s: s.stem if stems.count(s.stem) == 1 else f"{s.resolve().parent.name}-{s.stem}"
        for s in unique
    }
    seen: dict[str, Path] = {}
    for scheme, name in names.items():
        if name in seen:
            raise UsageError(
                f"its outputs would have the same name as those of {seen[name]} ({name}):"
                " rename one, or build them into different folders",
                Location(str(scheme)),
                code="usage",
            )
        seen[name] = scheme
    return names


def _progress() -> Progress:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=sys.stderr)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def summary(outcomes: list[Outcome]) -> str:
    """The table printed after a batch: each scheme, its result, what it wrote."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="s75docs build", show_lines=False)
    table.add_column("scheme")
    table.add_column("result")
    table.add_column("written or first error", overflow="fold")
    for o in outcomes:
        if o.ok:
            table.add_row(str(o.scheme), "built", ", ".join(str(p) for p in o.written))
        else:
            count = len(o.errors)
            table.add_row(str(o.scheme), f"{count} error{'s' if count > 1 else ''}", o.errors[0])
    failed = sum(1 for o in outcomes if not o.ok)
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(table)
    console.print(f"{len(outcomes) - failed} built, {failed} failed")
    return console.export_text()
