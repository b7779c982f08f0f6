"""The report context: citations follow the tree, changes come from the data, every variable is
documented, the shipped templates are the script's output, the output is reproducible."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest

from s75docs.errors import ErrorList, InputError
from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.model.meeting import ReportKind
from s75docs.pipeline import build_tree, load_variation, report, report_context
from s75docs.reports.render import default_template
from s75docs.transforms.labels import Labels
from tests.reports.conftest import FAIRHAVEN, REPO, SCHEME, SCHEME_V2, context_lines

MEETING = FAIRHAVEN / "meeting.yaml"


def _context(
    kind: ReportKind = ReportKind.CABINET,
    libraries: list[Path] | None = None,
    meeting: Path = MEETING,
    scheme: Path = SCHEME,
    old: Path | None = None,
) -> dict[str, Any]:
    """The context of a report (of a variation from `old` to SCHEME_V2 when `old` is given)."""
    if old is not None:
        scheme = SCHEME_V2
    return report_context(scheme, meeting, kind.value, old, libraries)


def _cite(doc_scheme: Path, label: str, libraries: list[Path] | None = None) -> str:
    tree = build_tree(load_scheme(doc_scheme), load_library(libraries or []))
    found = Labels.of(tree).cite(label)
    assert found is not None
    return found.text


def _text(context: dict[str, Any]) -> str:
    return "\n".join(context_lines(context))


def test_citations_follow_the_numbering_not_typed_text(tmp_path: Path) -> None:
    """A council clause inserted before the risk share clause moves every later citation."""
    before = _text(_context())
    extra = tmp_path / "council" / "clauses"
    extra.mkdir(parents=True)
    (extra / "025-local.md").write_text(
        "---\nid: local-priorities\ntitle: Local priorities\norder: 250\n---\n"
        "- {#local-first} The Partners will agree local priorities each year.\n",
        encoding="utf-8",
    )
    after = _text(_context(libraries=[tmp_path / "council"]))
    council = [tmp_path / "council"]
    assert _cite(SCHEME, "risk-share") == "Clause 15"
    assert _cite(SCHEME, "risk-share", council) == "Clause 16"
    assert "shared (Clause 15)" in before and "shared (Clause 16)" in after
    assert _cite(SCHEME, "termination-notice") == "Clause 25.1"
    assert _cite(SCHEME, "termination-notice", council) == "Clause 26.1"
    assert "(Clause 25.1)" in before and "(Clause 26.1)" in after


def test_a_missing_provision_is_a_clear_error(tmp_path: Path) -> None:
    """Report wording that cites a provision the agreement does not have: one line naming
    the file, the line and the label, and no report."""
    folder = tmp_path / "council" / "reports"
    folder.mkdir(parents=True)
    (folder / "conflicts.md").write_text(
        "---\nid: report-conflicts\npart: conflicts\ntitle: Conflicts of interest\n---\n"
        "- Members declare interests under the code ([[no-such-provision]]).\n",
        encoding="utf-8",
    )
    with pytest.raises(ErrorList) as info:
        report(
            SCHEME,
            FAIRHAVEN / "meeting-icb.yaml",
            "icb-board",
            tmp_path / "r.docx",
            libraries=[tmp_path / "council"],
        )
    assert str(info.value) == (
        f"{folder / 'conflicts.md'}:6: unknown label 'no-such-provision'"
        " (declare it with {#no-such-provision})"
    )
    assert not (tmp_path / "r.docx").exists()


def test_changes_from_the_two_data_sets() -> None:
    variation = load_variation(SCHEME, SCHEME_V2, load_library([]))
    ch = variation.facts
    assert ch is not None
    assert ch.record.effective.isoformat() == "2027-04-01"
    assert [s.id for s in ch.added] == ["dementia-support"]
    assert ch.removed == []
    assert [(lc.scheme.id, lc.line, lc.year) for lc in ch.lines] == [
        ("bcf", "NHS minimum contribution", "2027/28"),
        ("bcf", "Local Authority Better Care Grant", "2027/28"),
        ("dementia-support", "Dementia advisers and carers' support", "2027/28"),
        ("dementia-support", "Memory assessment and post-diagnostic support", "2027/28"),
    ]
    assert [(t.key, t.before, t.after) for t in ch.terms] == [
        ("initial_term_end", dt.date(2028, 3, 31), dt.date(2029, 3, 31)),
        ("extension.max_extensions", 2, 1),  # the extension uses one of the two allowed
        ("dispute.escalation_days", 20, 15),
        ("dispute.senior_escalation_days", 20, 15),
    ]
    assert not ch.renumbered  # the new Scheme Specification is Schedule 6A: nothing moves
    table = _context(ReportKind.CABINET, meeting=FAIRHAVEN / "meeting-v2.yaml", old=SCHEME)
    rows = [[c["text"] for c in r["cells"]] for r in table["tables"]["changes"]["rows"]]
    assert rows[:4] == [
        ["End of the Initial Term", "31 March 2028", "31 March 2029", "Clause 2.1"],
        ["Number of extensions allowed", "two", "one", "Clause 2.2"],
        [
            "Time for Authorised Officers to meet on a dispute",
            "twenty Business Days",
            "fifteen Business Days",
            "Clause 26.2",
        ],
        [
            "Time for senior officers to meet on a dispute (and before it may go to mediation)",
            "twenty Business Days",
            "fifteen Business Days",
            "Clause 26.4",
        ],
    ]


def _v2_without_record(tmp_path: Path) -> Path:
    text = SCHEME_V2.read_text(encoding="utf-8")
    path = tmp_path / "scheme-v2.yaml"
    path.write_text(text[: text.index("\nvariations:")] + "\n", encoding="utf-8")
    return path


def test_a_variation_needs_its_record(tmp_path: Path) -> None:
    path = _v2_without_record(tmp_path)
    with pytest.raises(InputError) as info:
        report(path, FAIRHAVEN / "meeting-v2.yaml", "cabinet", tmp_path / "r.docx", SCHEME)
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines.index("agreement:") + 1  # no 'variations:' key: the file's first key
    assert str(info.value).startswith(
        f"{path}:{first}: variations: add one record for this variation after the 0 already made"
    )
    assert not (tmp_path / "r.docx").exists()


def test_nothing_to_vary(tmp_path: Path) -> None:
    text = SCHEME.read_text(encoding="utf-8")
    record = SCHEME_V2.read_text(encoding="utf-8")
    path = tmp_path / "same.yaml"
    record = record[record.index("\nvariations:") :]
    record = record[: record.index("    # clause-level edits")]  # no wording edits either
    path.write_text(text + record, encoding="utf-8")
    with pytest.raises(InputError, match="nothing to vary"):
        report(path, FAIRHAVEN / "meeting-v2.yaml", "cabinet", tmp_path / "r.docx", SCHEME)


def _paths(value: Any, prefix: str = "") -> set[str]:
    """Every variable of the context as docs/reports.md writes it (a.b[].c)."""
    out: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if prefix in ("s", "tables"):
                name = f"{prefix}.<{'id' if prefix == 's' else 'key'}>"
                out.add(name)
                continue
            if not isinstance(child, dict):  # a mapping is documented by its members
                out.add(name)
            out |= _paths(child, name)
    elif isinstance(value, list):
        for child in value:
            out |= _paths(child, f"{prefix}[]")
    return out


def test_every_context_variable_is_documented(tmp_path: Path) -> None:
    docs = (REPO / "docs" / "reports.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_<>.\[\]]+)`", docs))
    contexts = [_context(k) for k in (ReportKind.CABINET, ReportKind.HWB)]
    contexts.append(_context(ReportKind.ICB_BOARD, meeting=FAIRHAVEN / "meeting-icb.yaml"))
    contexts.append(_context(meeting=FAIRHAVEN / "meeting-v2.yaml", old=SCHEME))
    names: set[str] = set()
    ids: set[str] = set()
    keys: set[str] = set()
    for context in contexts:
        names |= _paths(context)
        ids |= set(context["s"])
        keys |= set(context["tables"])
    # points[].sub[] repeats points[] (documented once, as "sub")
    names = {n for n in names if "sub[]." not in n}
    assert names - documented == set()
    assert {i for i in ids if f"`{i}`" not in docs} == set()
    assert {k for k in keys if f"`{k}`" not in docs} == set()


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_report_templates", REPO / "tools" / "make_report_templates.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", list(ReportKind))
def test_shipped_templates_are_the_scripts_output(kind: ReportKind) -> None:
    assert _generator().build(kind.value) == default_template(kind), (
        "run .venv/bin/python tools/make_report_templates.py and commit the templates"
    )


def test_same_input_same_bytes(tmp_path: Path) -> None:
    first = report(SCHEME, MEETING, "cabinet", tmp_path / "a.docx").read_bytes()
    second = report(SCHEME, MEETING, "cabinet", tmp_path / "b.docx").read_bytes()
    assert first == second


def test_millions_format_and_rounding_note(tmp_path: Path) -> None:
    text = SCHEME.read_text(encoding="utf-8").replace(
        "money_format: pounds", "money_format: millions"
    )
    path = tmp_path / "scheme.yaml"
    path.write_text(text, encoding="utf-8")
    body = _text(_context(scheme=path))
    assert "£80.099m in 2026/27" in body
    assert "£" not in re.sub(r"£[\d,]+\.\d{3}m|in £m", "", body)
    assert "totals are calculated from the unrounded amounts" in body


def test_a_board_that_endorses_does_not_delegate(tmp_path: Path) -> None:
    text = MEETING.read_text(encoding="utf-8").replace(
        "\nbody: Cabinet\n", "\nbody: Fairhaven Health and Wellbeing Board\ndecision: endorse\n", 1
    )
    path = tmp_path / "hwb.yaml"
    path.write_text(text, encoding="utf-8")
    context = _context(ReportKind.HWB, meeting=path)
    (lead,) = context["s"]["recommendations"]["blocks"]
    assert lead["text"] == "The Board is asked to:"
    points = [p["text"] for p in lead["points"]]
    assert [p.split()[0] for p in points] == ["endorse", "note"]
    assert points[0].startswith(
        "endorse the partnership agreement between the Council and the ICB under section 75"
    )
    assert points[0].endswith("and recommend that the Council and the ICB enter into it; and")
    assert context["s"]["purpose"]["blocks"][0]["text"].startswith(
        "This report asks the Board to endorse"
    )


def test_text_is_escaped_for_word(tmp_path: Path) -> None:
    import docx

    text = MEETING.read_text(encoding="utf-8").replace(
        'agenda_item: "9"', 'agenda_item: "9"\ntitle: Health & Care <Integration> "2026"', 1
    )
    path = tmp_path / "meeting.yaml"
    path.write_text(text, encoding="utf-8")
    target = report(SCHEME, path, "cabinet", tmp_path / "r.docx")
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    assert 'Health & Care <Integration> "2026"' in paragraphs
