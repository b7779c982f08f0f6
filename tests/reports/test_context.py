"""The report context: citations follow the tree, changes come from the data, every variable is
documented, the shipped templates are the script's output, the output is reproducible."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest

from s75docs.errors import BuildError, InputError
from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.model.meeting import ReportKind, load_meeting
from s75docs.pipeline import build_tree, load_and_build, report
from s75docs.reports.changes import compute_changes
from s75docs.reports.cite import Citations
from s75docs.reports.context import ReportWriter, build_context
from s75docs.reports.render import default_template
from tests.reports.conftest import FAIRHAVEN, REPO, SCHEME, SCHEME_V2

MEETING = FAIRHAVEN / "meeting.yaml"


def _context(
    kind: ReportKind = ReportKind.CABINET,
    libraries: list[Path] | None = None,
    meeting: Path = MEETING,
) -> dict[str, Any]:
    library = load_library(libraries or [])
    data = load_scheme(SCHEME)
    doc = build_tree(data, library)
    writer = ReportWriter(
        kind,
        load_meeting(meeting, data, kind),
        data,
        doc,
        bcf_policy=dict(library.data.get("bcf") or {}),
    )
    return build_context(writer)


def _text(context: dict[str, Any]) -> str:
    out: list[str] = []
    for sec in context["sections"]:
        for block in sec["blocks"]:
            out.append(block["text"])
            for p in block["points"]:
                out += [p["text"], *(s["text"] for s in p["sub"])]
            if block["table"]:
                out += [c["text"] for r in block["table"]["rows"] for c in r["cells"]]
    return "\n".join(out)


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
    default = Citations(load_and_build(SCHEME).doc)
    moved = Citations(build_tree(load_scheme(SCHEME), load_library([tmp_path / "council"])))
    assert default("risk-share") == "Clause 15" and moved("risk-share") == "Clause 16"
    assert "shared (Clause 15)" in before and "shared (Clause 16)" in after
    assert f"({default('termination-notice')})" in before
    assert f"({moved('termination-notice')})" in after
    assert default("termination-notice") == "Clause 25.1"
    assert moved("termination-notice") == "Clause 26.1"


def test_a_missing_provision_is_a_clear_error() -> None:
    """A council library without a provision the report cites: one line naming the label."""
    cite = Citations(load_and_build(SCHEME).doc, "council.yaml")
    with pytest.raises(BuildError) as info:
        cite("no-such-provision")
    assert str(info.value) == (
        "council.yaml: the report cites the provision labelled 'no-such-provision', which this"
        " agreement does not have (a council library may have replaced it)"
    )
    assert cite.optional("no-such-provision") == ""


def test_changes_from_the_two_data_sets() -> None:
    old, new = load_scheme(SCHEME), load_scheme(SCHEME_V2)
    old_doc, new_doc = build_tree(old, load_library([])), build_tree(new, load_library([]))
    ch = compute_changes(old, new, Citations(old_doc), Citations(new_doc))
    assert ch.record.effective.isoformat() == "2027-04-01"
    assert [s.id for s in ch.added] == ["dementia-support"]
    assert ch.removed == []
    assert [(lc.scheme.id, lc.line, lc.year) for lc in ch.lines] == [
        ("bcf", "NHS minimum contribution", "2027/28"),
        ("bcf", "Local Authority Better Care Grant", "2027/28"),
        ("dementia-support", "Dementia advisers and carers' support", "2027/28"),
        ("dementia-support", "Memory assessment and post-diagnostic support", "2027/28"),
    ]
    assert [(t.what, t.before, t.after, t.where) for t in ch.terms] == [
        ("End of the Initial Term", "31 March 2028", "31 March 2029", "Clause 2.1"),
        (
            "Time for Authorised Officers to meet on a dispute",
            "twenty Business Days",
            "fifteen Business Days",
            "Clause 26.2",
        ),
        (
            "Time for senior officers to meet on a dispute (and before it may go to mediation)",
            "twenty Business Days",
            "fifteen Business Days",
            "Clause 26.3",
        ),
    ]
    assert ch.renumbered  # the new Scheme Specification moves the later schedules


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
    assert str(info.value).startswith(f"{path}:{first}: variations: record this variation")
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
    old, new = load_scheme(SCHEME), load_scheme(SCHEME_V2)
    old_doc, new_doc = build_tree(old, load_library([])), build_tree(new, load_library([]))
    changes = compute_changes(old, new, Citations(old_doc), Citations(new_doc))
    meeting = load_meeting(FAIRHAVEN / "meeting-v2.yaml", new, ReportKind.CABINET)
    writer = ReportWriter(
        ReportKind.CABINET, meeting, new, new_doc, old=old, old_doc=old_doc, changes=changes
    )
    contexts.append(build_context(writer))
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
    data = load_scheme(path)
    doc = build_tree(data, load_library([]))
    context = build_context(
        ReportWriter(ReportKind.CABINET, load_meeting(MEETING, data, ReportKind.CABINET), data, doc)
    )
    body = _text(context)
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
