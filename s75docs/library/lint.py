"""library-lint: check library text statically, with file and line for every finding."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from collections import defaultdict
from pathlib import Path
from typing import Any

from s75docs.diagnostics import Diagnostic
from s75docs.errors import Location, S75Error
from s75docs.library import profile, report_kinds
from s75docs.library.declared import Declared
from s75docs.library.directives import AGREEMENT, REPORT, unknown
from s75docs.library.jinja import syntax_error
from s75docs.library.loader import Library, default_dirs, library_files, stack_data
from s75docs.library.source import Kind, Source, parse_source
from s75docs.model.currency import stale_citations

_REF = re.compile(r"\[\[([^\]]+)\]\]")
# a report's helpers that name labels of the agreement: ref("a", "b"), refs(...), cites(...)
_HELPER = re.compile(r"\b(?:ref|refs|cites)\(([^)]*)\)")
# a quoted label, unless it is joined to something else to make one ("scheme-" ~ s.id)
_QUOTED = re.compile(r"(?<!~ )[\"']([a-z0-9:][a-z0-9.:-]*)[\"'](?!\s*~)")
_DYNAMIC = re.compile(r"[\"'~]")
_TERM = re.compile(r"(?<!\*)\*([^*\s][^*]*)\*(?!\*)")
_TYPED = re.compile(
    r"\b(Clauses?|Schedules?|[Pp]aragraphs?|Parts?|Appendix|Appendices|Annex(?:es)?)"
    r"\s+(\d+(?:\.\d+)*)"
)
_STATUTE_TAIL = re.compile(r"^[^.;]{0,80}?\b(Act \d{4}|Regulations \d{4}|Regulations|Order \d{4})")


def _strip_jinja(line: str) -> str:
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", "", line)


def lint_library(dirs: list[Path] | None = None, on: dt.date | None = None) -> list[Diagnostic]:
    """Lint the default library stacked with `dirs`; findings for the files linted. Law and
    bodies are checked as current `on` a day (today by default)."""
    diagnostics: list[Diagnostic] = []
    stack = default_dirs() + list(dirs or [])
    report_for = {p.resolve() for d in (dirs or default_dirs()) for p in library_files(d)}
    lib = Library()
    for directory in stack:
        for path in library_files(directory):
            try:
                src = parse_source(path, root=directory)
            except S75Error as exc:
                if path.resolve() in report_for:
                    diagnostics.append(Diagnostic("lib-front-matter", exc.message, exc.location))
                continue
            lib.sources[f"{src.kind.value}:{src.id}"] = src
    sources = list(lib.sources.values())
    declared = Declared.of(sources)
    terms = {s.meta.term for s in sources if s.kind is Kind.DEFINITION}
    for src in sources:
        if src.path.resolve() not in report_for:
            continue
        diagnostics += _lint_source(src, declared, terms)
        diagnostics += _stale(src, on or dt.date.today())
    data, data_from = stack_data(stack)
    kinds = data_from.get(report_kinds.STEM, [])
    linted = [d.resolve() for d in (dirs or default_dirs())]
    for found in report_kinds.problems(data.get(report_kinds.STEM), sources, kinds):
        if any(Path(found.location.file).resolve().is_relative_to(d) for d in linted):
            diagnostics.append(found)
    diagnostics += _profile(data.get(profile.STEM), data_from.get(profile.STEM, []), declared)
    by_term: dict[str, list[Source]] = defaultdict(list)
    for src in sources:
        if src.kind is Kind.DEFINITION:
            by_term[src.meta.term].append(src)
    for term, defs in sorted(by_term.items()):
        for src in defs[1:]:
            if src.path.resolve() in report_for:
                diagnostics.append(
                    Diagnostic(
                        "lib-duplicate-label",
                        f"term '{term}' is also defined in {defs[0].path}",
                        src.location(1),
                        "keep one definition file per term",
                    )
                )
    for name, places in sorted(declared.places.items()):
        files = {s.path for s, _ in places}
        if len(places) > 1 and (len(files) > 1 or "{% if" not in places[0][0].body):
            for src, n in places[1:]:
                if src.path.resolve() in report_for:
                    first = places[0][0].location(places[0][1] or None)
                    diagnostics.append(
                        Diagnostic(
                            "lib-duplicate-label",
                            f"label '{name}' is also declared at {first}",
                            src.location(n or None),
                            "give one of them another label",
                        )
                    )
    return sorted(diagnostics, key=lambda d: (d.location.file, d.location.line or 0, d.code))


def _lint_source(src: Source, declared: Declared, terms: set[str]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    error = syntax_error(src)
    if error is not None:
        out.append(Diagnostic("lib-jinja-syntax", error.message, error.location))
    for n, line in enumerate(src.body.split("\n"), start=1):
        loc = src.location(n)
        for m in _REF.finditer(line):
            if not _DYNAMIC.search(m.group(1)):  # [[" ~ t.where ~ "]]: made when rendered
                out += _check_ref(m.group(1), loc, declared, src.path)
        if src.kind is Kind.REPORT:
            for m in _HELPER.finditer(line):
                for name in _QUOTED.findall(m.group(1)):
                    out += _check_ref(name, loc, declared, src.path)
        plain = _strip_jinja(line)
        for m in _TERM.finditer(plain.replace("**", "")):
            name = m.group(1).strip()
            if (
                name not in terms
                and name.removesuffix("s") not in terms
                and (name.removesuffix("es") not in terms)
            ):
                out.append(
                    Diagnostic(
                        "lib-undefined-term",
                        f"term '{name}' is used but no definition file defines it",
                        loc,
                        "add clause_library/definitions/<id>.md with 'term: " + name + "'",
                    )
                )
        stripped = line.strip()
        swallows = stripped.endswith("%}") and not stripped.endswith("+%}")  # +%} keeps it
        if swallows and not stripped.startswith("{%"):
            out.append(
                Diagnostic(
                    "lib-outline",
                    "text ends with a Jinja tag, which swallows the line break",
                    loc,
                    "put the tag on its own line or use an inline {{ x if c else '' }}",
                )
            )
        if line.strip().startswith(":: "):
            problem = _directive_problem(line, src.kind)
            if problem:
                out.append(Diagnostic("lib-outline", problem, loc))
        for m in _TYPED.finditer(plain):
            if _STATUTE_TAIL.match(plain[m.end() :]):
                continue  # "Schedule 1 to the Data Protection Act 2018" cites a statute
            out.append(
                Diagnostic(
                    "lib-typed-number",
                    f"'{m.group(0)}' is a typed number",
                    loc,
                    "cite the provision by label: [[label]]",
                )
            )
    return out


def _profile(raw: Any, files: list[Path], declared: Declared) -> list[Diagnostic]:
    """The statutory profile is well formed and every label it needs is still declared: a
    library change that drops a provision meeting a requirement fails here, not at a build."""
    if not files:
        return []
    where = Location(str(files[-1]))
    try:
        reqs = profile.requirements(raw, str(files[-1]))
    except S75Error as exc:
        return [Diagnostic("lib-profile", exc.message, where)]
    out: list[Diagnostic] = []
    for req in reqs:
        for label in req.labels:
            known = (
                declared.in_repeated(label)
                if label.startswith("spec-")
                else (label in declared.places)
            )
            if not known:
                out.append(
                    Diagnostic(
                        "lib-profile",
                        f"requirement '{req.id}' ({req.what}) needs the label '{label}',"
                        " which no library file declares",
                        _line_of(files, req.id) or where,
                        "keep the provision that meets it, or say in the profile where the"
                        " library now meets it",
                    )
                )
    return out


def _line_of(files: list[Path], rid: str) -> Location | None:
    """The line of a requirement's entry in the last profile file that has it."""
    for path in reversed(files):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if line.startswith(f"{rid}:"):
                return Location(str(path), n)
    return None


def _stale(src: Source, on: dt.date) -> list[Diagnostic]:
    """Library text is drafted for documents made now: it must not cite what has gone."""
    out: list[Diagnostic] = []
    for n, line in enumerate(src.body.split("\n"), start=1):
        for cite in stale_citations(line, on):
            out.append(
                Diagnostic(
                    "lib-stale-law",
                    f"'{cite.text}' is {cite.entry.describe()}",
                    src.location(n),
                    f"use {cite.entry.replacement}",
                )
            )
    return out


def _directive_problem(line: str, kind: Kind) -> str | None:
    try:
        name, *args = shlex.split(_strip_jinja(line).strip()[3:])
    except ValueError as exc:
        return f"directive: {exc}"
    params = {k: v for k, _, v in (a.partition("=") for a in args)}
    return unknown(name, params, REPORT if kind is Kind.REPORT else AGREEMENT)


def _check_ref(body: str, loc: Location, declared: Declared, within: Path) -> list[Diagnostic]:
    target = body.split("|")[0]
    target = target.split(":", 1)[1] if ":" in target.split("..")[0] else target
    out: list[Diagnostic] = []
    for name in re.split(r"\.\.|,", target):
        name = name.strip()
        problem = declared.unknown(name, within)
        if problem is not None:
            suggestion = declared.suggestion(name, within)
            out.append(Diagnostic("lib-unknown-label", problem, loc, suggestion))
    return out
