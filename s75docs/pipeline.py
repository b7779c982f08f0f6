"""The phases: LOAD -> ASSEMBLE -> TRANSFORM (number, label, resolve, money) -> WRITE."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from s75docs.assemble.builder import assemble
from s75docs.assemble.edits import apply_edits
from s75docs.doctree.nodes import Document, inline_text, inlines_of
from s75docs.errors import BuildError, ErrorList, InputError, Location, S75Error, UsageError
from s75docs.files import write_atomic
from s75docs.library.loader import Library, load_library
from s75docs.library.profile import STEM, requirements
from s75docs.model.currency import stale_citations
from s75docs.model.edits import Edit
from s75docs.model.loader import format_path, load_edits, load_scheme, read_yaml
from s75docs.model.scheme import SchemeFile
from s75docs.statute.profile import Finding, Status, evaluate
from s75docs.transforms import run_all
from s75docs.transforms.labels import Labels
from s75docs.transforms.money import keep_pence

if TYPE_CHECKING:
    from s75docs.variation.vary import Variation

FORMATS = ("docx", "md", "html", "pdf")


@dataclass
class Built:
    data: SchemeFile
    doc: Document


def build_tree(
    data: SchemeFile,
    library: Library,
    edits: list[tuple[Edit, Location]] | None = None,
    source: Path | None = None,
    *,
    check_law: bool = True,
) -> Document:
    """The resolved agreement; refused when it cites law not current on its date or misses a
    requirement of the statutory profile (errors point into `source`, the scheme file)."""
    doc = assemble(data, library)
    if edits:
        apply_edits(doc, edits)
    run_all(doc, data.agreement.money_format)
    check_currency(doc, made_on(data))
    if check_law:
        check_profile(data, library, doc, source)
    return doc


def profile_findings(data: SchemeFile, library: Library, doc: Document) -> list[Finding]:
    """Each requirement of the library's statutory profile that applies, met or not."""
    where = str(library.data_files.get(STEM, [STEM])[-1])
    return evaluate(requirements(library.data.get(STEM), where), data, Labels.of(doc))


def check_profile(
    data: SchemeFile, library: Library, doc: Document, source: Path | None = None
) -> None:
    """Refuse an agreement in which a requirement that applies is not met."""
    errors: list[S75Error] = []
    for finding in profile_findings(data, library, doc):
        if finding.status is Status.MET:
            continue
        if source is None:
            where = Location("<scheme>")
        elif finding.scheme is None:
            where = _field(source, "agreement")
        else:
            where = _field(source, "schemes", data.schemes.index(finding.scheme))
        errors.append(BuildError(finding.explain(), where, code="law-unmet"))
    if errors:
        raise ErrorList(errors)


def variation_edits(scheme: Path, data: SchemeFile) -> list[tuple[Edit, Location]]:
    """The clause-level edits of every variation so far, oldest first (paths are relative
    to the scheme file)."""
    out: list[tuple[Edit, Location]] = []
    for n, record in enumerate(data.variations):
        if record.edits is None:
            continue
        path = scheme.parent / record.edits
        if not path.is_file():
            raise InputError(
                f"no such edits file: {path}",
                _field(scheme, "variations", n, "edits"),
                code="file-not-found",
            )
        out += load_edits(path)
    return out


def council_library(libraries: list[Path] | None, on: dt.date | None = None) -> Library:
    """The default library with a council's folders stacked over it. A council's own text is
    linted first, and an error stops the build: a misspelt label that a condition would
    quietly skip, or a typed clause number, never reaches a document. Its law and bodies are
    judged as current `on` the day the document is made (today by default), so a council's
    period wording for an older agreement is linted for that agreement's date."""
    library = load_library(libraries or [])
    if libraries:
        from s75docs.diagnostics import Severity
        from s75docs.library.lint import lint_library

        found = [d for d in lint_library(libraries, on) if d.severity is Severity.ERROR]
        if found:
            raise ErrorList(
                [
                    InputError(
                        d.message + (f" ({d.suggestion})" if d.suggestion else ""),
                        d.location,
                        code=d.code,
                    )
                    for d in found
                ]
            )
    return library


def load_and_build(scheme: Path | str, libraries: list[Path] | None = None) -> Built:
    scheme = Path(scheme)
    data = load_scheme(scheme)
    library = council_library(libraries, made_on(data))
    return Built(data, build_tree(data, library, variation_edits(scheme, data), scheme))


def agreement_as_it_stands(scheme: Path, libraries: list[Path] | None = None) -> Document:
    """The agreement a scheme file describes. After a variation, it is the conformed copy
    that `vary` writes: the numbers its deeds gave it (lettered insertions, nothing
    renumbered, unless a deed restated it), a note that the signed agreement and deeds are
    the legal record, and the history of its variations."""
    data = load_scheme(scheme)
    library = council_library(libraries, made_on(data))
    if not data.variations:
        return build_tree(data, library, variation_edits(scheme, data), scheme)
    from s75docs.variation.conformed import conformed_copy

    return conformed_copy(numbered_tree(scheme, data, library), data.variations)


def profile(scheme: Path, libraries: list[Path] | None = None) -> list[Finding]:
    """The statutory profile of an agreement: every requirement that applies, met or not
    (the agreement is built, but not refused for a requirement it misses)."""
    data = load_scheme(scheme)
    library = council_library(libraries, made_on(data))
    doc = build_tree(data, library, variation_edits(scheme, data), scheme, check_law=False)
    return profile_findings(data, library, doc)


def made_on(data: SchemeFile) -> dt.date:
    """The day an agreement is made, for judging the currency of what it cites: its date, or
    its commencement while it is undated."""
    return data.agreement.date or data.agreement.commencement


def render_bytes(doc: Document, fmt: str, reference_docx: Path | None = None) -> bytes:
    """Serialise a resolved tree; nothing is written to disk here (except for PDF's temp)."""
    if fmt == "md":
        from s75docs.render.markdown import render_markdown

        return render_markdown(doc).encode("utf-8")
    if fmt == "html":
        from s75docs.render.html import render_html

        return render_html(doc).encode("utf-8")
    if fmt == "docx":
        from s75docs.render.docx import render_docx

        return render_docx(doc, reference_docx)
    if fmt == "pdf":
        from s75docs.render.docx import render_docx
        from s75docs.render.pdf import docx_to_pdf

        return docx_to_pdf(render_docx(doc, reference_docx))
    raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")


def default_output(scheme: Path, fmt: str) -> Path:
    return Path("out") / f"{scheme.stem}.{fmt}"


def build(
    scheme: Path,
    output: Path | None = None,
    fmt: str | None = None,
    libraries: list[Path] | None = None,
    reference_docx: Path | None = None,
) -> Path:
    """Build one output file; the format comes from --format or the output's suffix."""
    if fmt is None:
        fmt = output.suffix.lstrip(".").lower() if output and output.suffix else "docx"
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if reference_docx is not None and not reference_docx.is_file():
        raise UsageError(
            "reference document not found", _loc(reference_docx), code="file-not-found"
        )
    target = output or default_output(scheme, fmt)
    if target.is_dir():
        target = target / f"{scheme.stem}.{fmt}"
    return build_to(scheme, [(target, fmt)], libraries, reference_docx)[0]


def build_to(
    scheme: Path,
    targets: list[tuple[Path, str]],
    libraries: list[Path] | None = None,
    reference_docx: Path | None = None,
) -> list[Path]:
    """Build the agreement once and write it to each (file, format); nothing is written
    unless every format renders."""
    if reference_docx is not None and not reference_docx.is_file():
        raise UsageError(
            "reference document not found", _loc(reference_docx), code="file-not-found"
        )
    doc = agreement_as_it_stands(scheme, libraries)
    rendered = [(path, render_bytes(doc, fmt, reference_docx)) for path, fmt in targets]
    for path, data in rendered:
        write_atomic(path, data)
    return [path for path, _ in rendered]


@dataclass
class VaryResult:
    written: list[Path]
    changes: int


def load_variation(old: Path, new: Path, library: Library, style: str | None = None) -> Variation:
    """Both versions built (with their clause-level edits) and compared, once, for the deed
    and for the report alike. The old agreement carries the numbers its own variations gave
    it (`numbered_tree`); `style` (default: the new record's) says how this deed numbers."""
    from s75docs.variation.vary import compute

    before, after = load_scheme(old), load_scheme(new)
    before_edits, after_edits = variation_edits(old, before), variation_edits(new, after)
    old_doc = numbered_tree(old, before, library)
    new_doc = build_tree(after, library, after_edits, new)
    edits = [edit for edit, _ in after_edits[len(before_edits) :]]
    chosen = style or (after.variations[-1].style if after.variations else "letters")
    return compute(before, old_doc, after, new_doc, edits, chosen)


def numbered_tree(path: Path, data: SchemeFile, library: Library, depth: int = 0) -> Document:
    """The agreement a scheme file describes, numbered as its variations left it: after a
    deed in the default style, with the numbers of the version it varied (its record's
    `varies:` names that file) and the lettered numbers the deed gave."""
    from s75docs.variation.vary import LETTERS, pin_numbers

    doc = build_tree(data, library, variation_edits(path, data), path)
    record = data.variations[-1] if data.variations else None
    if record is None or record.style != LETTERS:
        return doc
    if record.varies is None:
        raise InputError(
            "name the scheme file of the version this variation varied (varies: FILE), so"
            " that its lettered numbers can be worked out",
            _field(path, "variations", len(data.variations) - 1),
        )
    previous = path.parent / record.varies
    if not previous.is_file() or depth > 50:
        raise InputError(
            f"no such scheme file: {previous}",
            _field(path, "variations", len(data.variations) - 1, "varies"),
            code="file-not-found",
        )
    before = load_scheme(previous)
    earlier = numbered_tree(previous, before, library, depth + 1)
    pin_numbers(before, earlier, data, doc)
    keep_pence(doc, earlier, data.agreement.money_format)
    return doc


def vary(
    old: Path,
    new: Path,
    outdir: Path,
    formats: tuple[str, ...] = ("docx",),
    libraries: list[Path] | None = None,
    reference_docx: Path | None = None,
    style: str | None = None,
) -> VaryResult:
    """Write the deed of variation, the conformed copy and the comparison for OLD -> NEW.

    Nothing is written when the two versions make the same agreement (changes == 0). The
    deed is carried out on the old agreement before anything is written: if that does not
    give the new agreement word for word, it is an error, not a file.
    """
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    variation = variation_between(old, new, libraries, style)
    if not variation.changes:
        return VaryResult([], 0)
    deed, conformed = variation_documents(variation)
    outputs: dict[str, bytes] = {"comparison.docx": comparison_docx(variation, reference_docx)}
    for fmt in (f for f in formats if f != "pdf"):
        outputs[f"deed.{fmt}"] = render_bytes(deed, fmt, reference_docx)
        outputs[f"conformed.{fmt}"] = render_bytes(conformed, fmt, reference_docx)
    if "pdf" in formats:  # both through one LibreOffice
        words = [render_bytes(d, "docx", reference_docx) for d in (deed, conformed)]
        outputs["deed.pdf"], outputs["conformed.pdf"] = pdfs(words)
    written = []
    for name in sorted(outputs):
        write_atomic(outdir / name, outputs[name])
        written.append(outdir / name)
    return VaryResult(written, len(variation.changes.changes))


def variation_between(
    old: Path, new: Path, libraries: list[Path] | None = None, style: str | None = None
) -> Variation:
    """The variation OLD -> NEW as `vary` makes it: both versions read with the library as
    of the new one, compared, and (when they differ) the new record checked against the old."""
    library = council_library(libraries, made_on(load_scheme(new)))
    variation = load_variation(old, new, library, style)
    if variation.changes:
        check_records(old, variation.old_data, new, variation.new_data)
    return variation


def pdfs(documents: list[bytes]) -> list[bytes]:
    """Word documents as PDF, all through one LibreOffice (it starts once, not once each)."""
    from s75docs.render.pdf import docx_to_pdfs

    return docx_to_pdfs(documents)


def comparison_docx(variation: Variation, reference_docx: Path | None = None) -> bytes:
    """The tracked-change comparison of the two versions, dated as the deed (or, undated,
    its Variation Date)."""
    from s75docs.render.docx.blackline import render_comparison

    record = variation.new_data.variations[-1]
    when = record.date or record.effective
    return render_comparison(
        variation.old,
        variation.new,
        author="s75docs",
        date=dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC),
        reference_docx=reference_docx,
    )


def variation_documents(variation: Variation) -> tuple[Document, Document]:
    """The deed of variation (proved first: carried out on the old agreement it must give
    the new one word for word) and the conformed copy, resolved."""
    from s75docs.variation.conformed import conformed_copy
    from s75docs.variation.deed import build_deed
    from s75docs.variation.vary import verify

    verify(variation)
    deed = build_deed(variation)
    run_all(deed, variation.new_data.agreement.money_format)
    return deed, conformed_copy(variation.new, variation.new_data.variations)


def check_records(old: Path, before: SchemeFile, new: Path, after: SchemeFile) -> None:
    """NEW must describe the same agreement as OLD, with one more variation record that
    takes effect while the agreement runs."""
    made = before.agreement.date
    if made is None:
        raise InputError(
            "the agreement being varied must be dated (a deed cites its date)",
            _field(old, "agreement", "date"),
        )
    if after.agreement.date != made:
        raise InputError(
            f"a variation keeps the agreement's date ({made}); start a new agreement instead"
            " of varying this one",
            _field(new, "agreement", "date"),
        )
    count = len(before.variations)
    if len(after.variations) != count + 1 or after.variations[:count] != before.variations:
        raise InputError(
            f"add one record for this variation after the {count} already made (date,"
            " effective, reason, approvals), keeping the earlier ones as they are",
            _field(new, "variations"),
        )
    effective = after.variations[-1].effective
    if effective < before.agreement.commencement:
        raise InputError(
            f"the variation takes effect on {effective}, before the Agreement starts"
            f" ({before.agreement.commencement})",
            _field(new, "variations", count, "effective"),
        )
    from s75docs.variation.checks import variation_problems

    problems = variation_problems(before, after)
    if problems:
        raise ErrorList([InputError(message, _field(new, *keys)) for keys, message in problems])


def _field(path: Path, *keys: str | int) -> Location:
    """The line of a field in a scheme file (or of the nearest enclosing one)."""
    _, lines = read_yaml(path)
    return Location(str(path), lines.line(keys), format_path(keys))


def _loc(path: Path) -> Location:
    return Location(str(path))


def check_currency(doc: Document, made: dt.date, what: str = "agreement") -> None:
    """Refuse to emit an abolished body or repealed statute in a document made after its end,
    or law or a body that did not yet exist or was not yet in force when it was made."""
    errors: list[S75Error] = []
    for node in doc.walk():
        text = inline_text(inlines_of(node))
        for cite in stale_citations(text, made):
            errors.append(
                BuildError(
                    f"'{cite.text}' is {cite.entry.problem(made, what)}: use"
                    f" {cite.entry.replacement}",
                    node.location,
                    code="law-stale",
                )
            )
    if errors:
        raise ErrorList(list({str(e): e for e in errors}.values()))  # each once


def check_plan_decisions(meeting: Path, decisions: list[Any], policy: dict[str, Any]) -> None:
    """A report may not say a year's Better Care Fund plan was agreed before the framework
    for that year was published."""
    from s75docs.model.bcf import plan_decision_problems

    found = plan_decision_problems([(d.date, d.decision) for d in decisions], policy)
    if found:
        raise ErrorList(
            [
                InputError(message, _field(meeting, "previous_decisions", n, "date"))
                for n, message in found
            ]
        )


def report_context(
    scheme: Path,
    meeting: Path,
    kind: str,
    variation_from: Path | None = None,
    libraries: list[Path] | None = None,
) -> dict[str, Any]:
    """Build the report's tree from the report library and return the context its Word
    template is filled with."""
    from s75docs.model.meeting import ReportKind, load_meeting
    from s75docs.reports.build import ReportBuilder
    from s75docs.reports.context import template_context
    from s75docs.reports.facts import Cited
    from s75docs.reports.statutory import provisions
    from s75docs.transforms import Settings
    from s75docs.transforms.labels import Labels
    from s75docs.transforms.money import has_pence

    try:
        report_kind = ReportKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in ReportKind)
        raise UsageError(f"unknown report kind '{kind}' (choose from {choices})") from None
    for path in (scheme, meeting, variation_from):
        if path is not None and not path.is_file():
            raise UsageError("no such file", _loc(path), code="file-not-found")
    library = council_library(libraries, made_on(load_scheme(scheme)))
    variation = None
    if variation_from is not None:
        variation = load_variation(variation_from, scheme, library)
        check_records(variation_from, variation.old_data, scheme, variation.new_data)
        if not variation.changes:
            raise InputError(
                "the two scheme files describe the same agreement: there is nothing to vary",
                _field(scheme, "variations", len(variation.new_data.variations) - 1),
            )
        data, doc, old_doc = variation.new_data, variation.new, variation.old
    else:
        data = load_scheme(scheme)
        # the agreement exactly as `build` and `vary` make it, clause-level edits included,
        # so every clause number the report cites is the agreement's
        doc = old_doc = build_tree(data, library, variation_edits(scheme, data), scheme)
    details = load_meeting(meeting, data, report_kind)
    check_plan_decisions(meeting, details.previous_decisions, library.data.get("bcf") or {})
    # a variation report cites the agreement as it stands (as the deed does), by default
    now = Labels.of(old_doc)
    cited = Cited(now=now, varied=now if doc is old_doc else Labels.of(doc))
    money_format = data.agreement.money_format
    pence = has_pence(doc, old_doc)
    settings = Settings(
        money_format,
        pence=pence,
        external={"": cited.now, "varied": cited.varied},
        rounding_note=False,
    )
    findings = profile_findings(data, library, doc)  # the build refused any not met
    built = ReportBuilder(
        report_kind,
        details,
        data,
        library,
        cited,
        settings,
        variation=variation,
        requirements_met=len(findings),
        statutory_provisions=provisions(f.law for f in findings),
    ).build()
    check_currency(built.doc, details.date, "report")
    return template_context(built, millions=money_format == "millions", pence=pence)


def report(
    scheme: Path,
    meeting: Path,
    kind: str,
    output: Path | None = None,
    variation_from: Path | None = None,
    template: Path | None = None,
    libraries: list[Path] | None = None,
) -> Path:
    """A Board report approving the agreement (or, with variation_from, a deed of variation)."""
    from s75docs.files import build_timestamp, normalise_zip
    from s75docs.model.meeting import ReportKind
    from s75docs.reports.render import default_template, render_report, template_bytes

    if template is not None and not template.is_file():
        raise UsageError("no such file", _loc(template), code="file-not-found")
    context = report_context(scheme, meeting, kind, variation_from, libraries)
    if template is not None:
        body, name = template_bytes(template), str(template)
    else:
        body, name = default_template(ReportKind(kind)), f"default {kind} template"
    result = normalise_zip(render_report(body, context, name=name, stamp=build_timestamp()))
    suffix = "-variation" if variation_from is not None else ""
    target = output or Path("out") / f"{scheme.stem}{suffix}-{kind}-report.docx"
    if target.is_dir():
        target = target / f"{scheme.stem}{suffix}-{kind}-report.docx"
    write_atomic(target, result)
    return target
