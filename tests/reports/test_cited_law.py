"""The original Cabinet report cites the agreement's provisions by label (the audit clause,
the Better Care Fund block on termination), attributes the statutory officers' comments, and
keeps its references apart from the Forward Plan's."""

from __future__ import annotations

import yaml

from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree, report_context
from s75docs.transforms.labels import Labels
from tests.reports.conftest import FAIRHAVEN, SCHEME, context_lines


def _cite(label: str) -> str:
    found = Labels.of(build_tree(load_scheme(SCHEME), load_library([]))).cite(label)
    assert found is not None
    return found.text


def test_audit_and_termination_are_cited_by_label() -> None:
    lines = context_lines(report_context(SCHEME, FAIRHAVEN / "meeting.yaml", "cabinet"))
    hosting = next(line for line in lines if "will host the pooled funds" in line)
    assert f"has them audited with its own accounts ({_cite('audit-pooled')})" in hosting
    ending = next(line for line in lines if line.startswith("Ending the agreement"))
    assert f"notice takes effect only as {_cite('termination-bcf')} provides" in ending
    leaving = next(line for line in lines if line.startswith("A partner wants to leave"))
    assert _cite("termination-bcf") in leaving


def test_statutory_officers_are_named_with_their_comments() -> None:
    lines = context_lines(report_context(SCHEME, FAIRHAVEN / "meeting.yaml", "cabinet"))
    meeting = yaml.safe_load((FAIRHAVEN / "meeting.yaml").read_text(encoding="utf-8"))
    for key in ("finance_officer", "legal_officer"):
        officer = meeting["implications"][key]
        said = f"Comments of {officer['name']}, {officer['role']}: "
        (line,) = [x for x in lines if x.startswith(said)]
        assert officer["comments"].split()[0] in line
    assert not any("comments are included" in x for x in lines)


def test_references_are_not_copies_of_the_forward_plan_reference() -> None:
    for name in ("meeting.yaml", "meeting-v2.yaml", "meeting-icb.yaml"):
        meeting = yaml.safe_load((FAIRHAVEN / name).read_text(encoding="utf-8"))
        forward = str(meeting.get("forward_plan_reference") or "")
        number = forward.split("/", 1)[-1] if forward else None
        for decision in meeting.get("previous_decisions", []):
            reference = str(decision.get("reference") or "")
            assert not number or not reference.endswith(number), (name, reference)
        assert "CAB/2026/031" not in (FAIRHAVEN / name).read_text(encoding="utf-8")
