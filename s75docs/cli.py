"""Command line: build | schema | new | library-lint."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from s75docs import __version__
from s75docs.errors import ErrorList, Location, S75Error, UsageError, missing

F = TypeVar("F", bound=Callable[..., Any])


def _epilog(examples: list[str], exits: str) -> str:
    """A short example and the meaning of each exit status, kept as written by --help."""
    lines = "\n".join(f"  {e}" for e in examples)
    return f"\b\nExample{'s' if len(examples) > 1 else ''}:\n{lines}\n\b\nExit status: {exits}"


_DATA_EXITS = (
    "0 done; 1 errors in the data (each listed as FILE:LINE: field: message; nothing"
    " written); 2 a file cannot be read, the command line is wrong, or LibreOffice failed."
)


def _report(exc: S75Error) -> int:
    errors = exc.errors if isinstance(exc, ErrorList) else [exc]
    for error in errors:
        click.echo(f"{error}", err=True)
    if len(errors) > 1:
        click.echo(f"{len(errors)} errors", err=True)
    return exc.exit_status


def friendly(fn: F) -> F:
    """Every S75Error becomes one line per problem and an exit status; never a traceback."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except S75Error as exc:
            sys.exit(_report(exc))
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # the promise to users: a line, not a traceback
            if os.environ.get("S75DOCS_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {exc} (set S75DOCS_DEBUG=1 for details"
                " and please report it)",
                err=True,
            )
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="s75docs")
def main() -> None:
    """Draft and check section 75 partnership agreements from scheme data."""


_LIBRARY = click.option(
    "--library",
    "libraries",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A council's own library folder stacked over the default one (repeatable).",
)
_REFERENCE_DOCX = click.option(
    "--reference-docx",
    type=click.Path(path_type=Path),
    help="A .docx whose styles, page set-up and header/footer the documents use.",
)


@main.command(
    epilog=_epilog(
        [
            "s75docs build mine/scheme.yaml -o out/",
            "s75docs build mine/scheme.yaml -o out/ --format docx --format pdf",
            "s75docs build mine/scheme.yaml -o agreement.pdf",
            "s75docs build area-*/scheme-*.yaml -o out/ --format pdf",
        ],
        _DATA_EXITS,
    )
)
@click.argument(
    "schemes", metavar="SCHEME...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "-o",
    "--output",
    help="Output file (its suffix gives the format) or folder: a name ending in '/', an"
    " existing folder or a name without a suffix is a folder, created if needed, and gets"
    " SCHEME-NAME.FORMAT for each format (default: out/).",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["docx", "md", "html", "pdf"]),
    help="Output format (repeatable into a folder; default: from the output's suffix, else"
    " docx). A suffix that disagrees is an error.",
)
@_LIBRARY
@_REFERENCE_DOCX
@friendly
def build(
    schemes: tuple[Path, ...],
    output: str | None,
    formats: tuple[str, ...],
    libraries: tuple[Path, ...],
    reference_docx: Path | None,
) -> None:
    """Build the agreement described by SCHEME (a scheme YAML file). Given several, build
    each into the folder -o (default out/), show progress and a summary table, and go on
    past a bad file (exit status 1 if any failed)."""
    from s75docs.outputs import targets
    from s75docs.pipeline import FORMATS, build_to

    if len(schemes) > 1:
        from s75docs.batch import build_many, summary

        outcomes = build_many(list(schemes), output, formats, list(libraries), reference_docx)
        for outcome in outcomes:
            for error in outcome.errors:
                click.echo(error, err=True)
        click.echo(summary(outcomes), nl=False)
        sys.exit(0 if all(o.ok for o in outcomes) else 1)
    [scheme] = schemes
    if not scheme.is_file():
        raise UsageError(missing(scheme), Location(str(scheme)), code="file-not-found")
    chosen = targets(output, formats, scheme.stem, FORMATS)
    for target in build_to(scheme, chosen, list(libraries), reference_docx):
        click.echo(f"wrote {target}")


@main.command(
    epilog=_epilog(
        [
            "s75docs validate mine/scheme.yaml",
            "s75docs validate mine/scheme.yaml mine/meeting.yaml --kind cabinet",
        ],
        "0 valid; 1 errors in the data (each listed); 2 a file cannot be read.",
    )
)
@click.argument("scheme", type=click.Path(path_type=Path))
@click.argument("meetings", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["cabinet", "executive", "hwb", "icb-board"]),
    help="Check the MEETING files with the scheme for this kind of report, as `report` does"
    " (without it, each meeting file is checked on its own).",
)
@_LIBRARY
@friendly
def validate(
    scheme: Path, meetings: tuple[Path, ...], kind: str | None, libraries: tuple[Path, ...]
) -> None:
    """Check SCHEME (a scheme YAML file) and any MEETING files without writing anything:
    every check `build` makes (fields, dates and totals, the library, the law and bodies
    cited, the statutory profile) and every check `report` makes of a meeting file. Every
    error is listed, one FILE:LINE: field: message line each."""
    from s75docs.validate import validate as run_validate

    errors = run_validate(scheme, list(meetings), kind, list(libraries))
    if errors:
        raise ErrorList(errors)
    for path in (scheme, *meetings):
        click.echo(f"{path}: valid")


@main.command(
    epilog=_epilog(
        [
            "s75docs vary mine/scheme.yaml mine/scheme-v2.yaml -o out/variation/",
            "s75docs vary mine/scheme.yaml mine/scheme-v2.yaml -o out/v2/ --format docx"
            " --format pdf",
        ],
        _DATA_EXITS,
    )
)
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for deed, conformed copy and comparison.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["docx", "md", "html", "pdf"]),
    help="Formats of the deed and conformed copy (repeatable; default docx). The comparison"
    " is always a Word document with tracked changes.",
)
@click.option(
    "--style",
    type=click.Choice(["letters", "restate"]),
    default=None,
    help="letters (the default, or the variation record's style): no number moves; new"
    " provisions are lettered (Clause 33A, Schedule 6A) and deleted ones stay as [Not used]."
    " restate: a deed of variation and restatement whose annex restates the whole agreement,"
    " renumbered.",
)
@_LIBRARY
@_REFERENCE_DOCX
@friendly
def vary(
    old: Path,
    new: Path,
    outdir: Path,
    formats: tuple[str, ...],
    style: str | None,
    libraries: tuple[Path, ...],
    reference_docx: Path | None,
) -> None:
    """Write the deed of variation, conformed copy and tracked-change comparison that take
    the agreement from OLD (scheme YAML) to NEW (the next version, with a variation record)."""
    from s75docs.outputs import targets
    from s75docs.pipeline import vary as run_vary

    targets(f"{outdir}/", (), "deed", ("docx",))  # a folder, or an error
    for path in (old, new):
        if not path.is_file():
            raise UsageError(missing(path), Location(str(path)), code="file-not-found")
    if reference_docx is not None and not reference_docx.is_file():
        raise UsageError(
            "reference document not found", Location(str(reference_docx)), code="file-not-found"
        )
    result = run_vary(
        old, new, outdir, formats or ("docx",), list(libraries), reference_docx, style
    )
    if not result.changes:
        click.echo(f"nothing to vary: {old} and {new} make the same agreement")
        return
    for path in result.written:
        click.echo(f"wrote {path}")
    click.echo(f"{result.changes} variation(s)", err=True)


@main.command(
    epilog=_epilog(["s75docs schema > scheme.schema.json"], "0 printed; 2 an internal error.")
)
@friendly
def schema() -> None:
    """Print the JSON Schema of the scheme file (for editors' validation and completion)."""
    import json

    from s75docs.model.scheme import SchemeFile

    click.echo(json.dumps(SchemeFile.model_json_schema(), indent=2, sort_keys=True))


@main.command(
    epilog=_epilog(
        ["s75docs new mine/", "s75docs validate mine/scheme.yaml"],
        "0 written; 2 DIRECTORY/scheme.yaml already exists (give --force) or cannot be written.",
    )
)
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing scheme.yaml.")
@friendly
def new(directory: Path, force: bool) -> None:
    """Write a commented starter scheme to DIRECTORY/scheme.yaml."""
    from importlib.resources import files

    from s75docs.files import write_atomic
    from s75docs.outputs import targets

    target = directory / "scheme.yaml"
    targets(f"{directory}/", (), "scheme", ("yaml",))  # a folder, or an error
    if target.is_dir():
        raise UsageError("is a folder, not a file", Location(str(target)), code="usage")
    if target.exists() and not force:
        raise UsageError("already exists (use --force to overwrite)", Location(str(target)))
    text = files("s75docs").joinpath("data/starter.yaml").read_bytes()
    write_atomic(target, text)
    click.echo(f"wrote {target}")
    click.echo(f"next: edit it, then run: s75docs validate {target}")
    click.echo(f"and build it with: s75docs build {target} -o out/")


@main.command(
    epilog=_epilog(
        [
            "s75docs check agreement.docx",
            "pdftotext agreement.pdf agreement.txt && s75docs check agreement.txt",
            "s75docs check agreement.docx --format docx -o agreement-checked.docx",
        ],
        "0 no finding at or above --fail-on; 1 findings at or above it; 2 the document"
        " cannot be read or the command line is wrong.",
    )
)
@click.argument("document", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "docx"]),
    default="text",
    help="text (default), json, or docx: the document with a Word comment at each finding.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Where to write the report (required for --format docx).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    help="Exit 1 when a finding of this severity or worse is found (default: error).",
)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Judge the currency of law and bodies on this date (default: today).",
)
@click.option(
    "--outline",
    "show_outline",
    is_flag=True,
    help="First print the outline the checker read (as `s75docs outline` does).",
)
@friendly
def check(
    document: Path, fmt: str, output: Path | None, fail_on: str, as_of: Any, show_outline: bool
) -> None:
    """Check an existing agreement for broken cross-references, numbering faults, defined
    terms, placeholders, money and stale law. DOCUMENT is a Word file (.docx) or text (.txt
    or .md, e.g. from pdftotext); a scheme YAML file is checked with `s75docs validate`."""
    from s75docs.check.outline import format_outline
    from s75docs.check.report import as_json, as_text, reaches
    from s75docs.check.run import check_with_tree
    from s75docs.files import write_atomic

    if fmt == "docx" and (output is None or document.suffix.lower() != ".docx"):
        raise UsageError("--format docx needs a .docx input and -o OUT.docx")
    result, read = check_with_tree(document, as_of.date() if as_of else None)
    if show_outline:
        click.echo(format_outline(read.outline, str(document)), nl=False)
    if fmt == "docx":
        from s75docs.check.annotate import annotate_docx, notes_for

        assert output is not None
        notes = notes_for(result.findings)
        written = annotate_docx(document, output, notes)
        left = f" ({len(notes) - written} left out: no paragraph outside the content controls)"
        click.echo(
            f"wrote {output} with {written} comment(s)" + (left if written < len(notes) else "")
        )
        click.echo(as_text(result).splitlines()[-1], err=True)
    else:  # text or json
        report = as_json(result) if fmt == "json" else as_text(result)
        if output is not None:
            write_atomic(output, report.encode("utf-8"))
            click.echo(f"wrote {output}")
        else:
            click.echo(report, nl=False)
    sys.exit(1 if reaches(result, fail_on) else 0)


@main.command(
    "serve",
    epilog=_epilog(
        ["s75docs serve", "s75docs serve --port 8080"],
        "0 stopped with Ctrl+C; 2 the port cannot be opened or the command line is wrong.",
    ),
)
@click.option("--port", default=8075, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Where to listen; the default is this computer only.",
)
@_LIBRARY
@friendly
def serve(port: int, host: str, libraries: tuple[Path, ...]) -> None:
    """Open the toolkit in a web browser: draft a scheme with a live preview, vary it, write
    a Board report, or check an agreement (its outline and findings, and the Word file with a
    comment on each finding)."""
    from s75docs.web.app import LOCAL_HOSTS
    from s75docs.web.server import serve as run_server

    if host not in LOCAL_HOSTS:
        click.echo(
            f"warning: --host {host} lets other computers reach the pages, which have no"
            " login: use it only on a network you trust",
            err=True,
        )
    for library in libraries:  # linted on each use, for the date of the document made
        if not library.is_dir():
            raise UsageError("library folder not found", Location(str(library)), code="usage")
    run_server(host, port, click.echo, list(libraries))


@main.command(
    "outline",
    epilog=_epilog(
        ["s75docs outline agreement.docx", "s75docs outline agreement.txt"],
        "0 the outline was printed; 2 the file cannot be read or the command line is wrong.",
    ),
)
@click.argument("document", type=click.Path(path_type=Path))
@friendly
def outline(document: Path) -> None:
    """Print the outline the checker reads in an agreement: each heading and numbered
    provision with its line (text) or paragraph (.docx) number, indented by level, the region
    it stands in, and anything it could not place."""
    from s75docs.check.outline import format_outline, recognise
    from s75docs.check.read_text import split_after
    from s75docs.check.run import read_paragraphs

    paragraphs, _kind, _start = read_paragraphs(document)
    paragraphs, ends = split_after(paragraphs)
    click.echo(format_outline(recognise(paragraphs), str(document)), nl=False)
    for end in ends:
        click.echo(f"-- the agreement ends; from line {end.line} another paper: {end.text[:60]}")


@main.command(
    "profile",
    epilog=_epilog(
        ["s75docs profile mine/scheme.yaml", "s75docs profile mine/scheme.yaml --format md"],
        "0 every requirement that applies is met; 1 one is not met, or errors in the data;"
        " 2 a file cannot be read or the command line is wrong.",
    ),
)
@click.argument("scheme", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "json"]),
    default="text",
    help="A table for the terminal, Markdown, or JSON.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file.")
@_LIBRARY
@friendly
def profile(scheme: Path, fmt: str, output: Path | None, libraries: tuple[Path, ...]) -> None:
    """Print the statutory profile: each requirement of section 75, the 2000 Regulations and
    the Better Care Fund law that applies, where the agreement meets it, and its status.
    Exit status 1 when one is not met."""
    from s75docs import pipeline
    from s75docs.files import write_atomic
    from s75docs.statute import table

    findings = pipeline.profile(scheme, list(libraries) or None)
    render = {"text": table.as_text, "md": table.as_markdown, "json": table.as_json}[fmt]
    text = render(findings)
    if output is not None:
        write_atomic(output, text.encode("utf-8"))
        click.echo(f"wrote {output}")
        click.echo(table.summary(findings), err=True)
    else:
        click.echo(text, nl=False)
    sys.exit(1 if any(f.missing for f in findings) else 0)


@main.command(
    "library-lint",
    epilog=_epilog(
        ["s75docs library-lint", "s75docs library-lint mine/library --as-of 2026-04-01"],
        "0 no errors (warnings may be listed); 1 errors; 2 a folder cannot be read.",
    ),
)
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Judge the law and bodies the text cites as on this date (default: today), e.g. the"
    " date of the agreement a council's period wording is for.",
)
@friendly
def library_lint(directories: tuple[Path, ...], as_of: Any) -> None:
    """Check library folders (default: the shipped library) for broken labels, typed
    numbers, undefined terms, Jinja errors and law or bodies not current on the date."""
    from s75docs.library.lint import lint_library

    findings = lint_library(list(directories) or None, as_of.date() if as_of else None)
    for d in findings:
        click.echo(str(d))
    errors = [d for d in findings if d.severity.value == "error"]
    click.echo(f"{len(findings)} finding(s), {len(errors)} error(s)", err=True)
    sys.exit(1 if errors else 0)


@main.command(
    epilog=_epilog(
        [
            "s75docs report mine/scheme.yaml --meeting mine/meeting.yaml --kind cabinet -o out/",
            "s75docs report mine/scheme-v2.yaml --variation-from mine/scheme.yaml"
            " --meeting mine/meeting-v2.yaml --kind hwb -o out/",
        ],
        _DATA_EXITS,
    )
)
@click.argument("scheme", type=click.Path(path_type=Path))
@click.option(
    "--meeting",
    type=click.Path(path_type=Path),
    required=True,
    help="The meeting file (body, date, authors, decisions, consultation...).",
)
@click.option(
    "--kind",
    type=click.Choice(["cabinet", "executive", "hwb", "icb-board"]),
    required=True,
    help="The decision-making body the report is for.",
)
@click.option(
    "--variation-from",
    type=click.Path(path_type=Path),
    help="The scheme file of the agreement as it stands: the report approves a deed of variation"
    " to SCHEME.",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    help="A council's own Word template filled with the same context (docs/reports.md).",
)
@click.option(
    "-o",
    "--output",
    help="Output .docx, or a folder (a name ending in '/', an existing folder or a name"
    " without a suffix; default: out/).",
)
@_LIBRARY
@friendly
def report(
    scheme: Path,
    meeting: Path,
    kind: str,
    variation_from: Path | None,
    template: Path | None,
    output: str | None,
    libraries: tuple[Path, ...],
) -> None:
    """Write a Board report (Word) approving the agreement described by SCHEME, or a variation."""
    from s75docs.outputs import targets
    from s75docs.pipeline import report as run_report

    name = f"{scheme.stem}{'-variation' if variation_from else ''}-{kind}-report"
    [(path, _)] = targets(output, (), name, ("docx",))
    target = run_report(scheme, meeting, kind, path, variation_from, template, list(libraries))
    click.echo(f"wrote {target}")


if __name__ == "__main__":
    main()
