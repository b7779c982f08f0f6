"""load_meeting: the meeting file is checked like a scheme file (FILE:LINE: field: message)."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.errors import ErrorList, S75Error, UsageError
from s75docs.model.loader import load_scheme
from s75docs.model.meeting import ReportKind, deciding_partner, load_meeting
from s75docs.model.scheme import SchemeFile

REPO = Path(__file__).resolve().parents[2]
FAIRHAVEN = REPO / "examples" / "fairhaven"
MEETING = FAIRHAVEN / "meeting.yaml"


@pytest.fixture(scope="module")
def data() -> SchemeFile:
    return load_scheme(FAIRHAVEN / "scheme.yaml")


def _messages(exc: S75Error) -> list[str]:
    return [str(e) for e in exc.errors] if isinstance(exc, ErrorList) else [str(exc)]


def _edit(tmp_path: Path, old: str, new: str, source: Path = MEETING) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "meeting.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("meeting.yaml", ReportKind.CABINET),
        ("meeting.yaml", ReportKind.EXECUTIVE),
        ("meeting.yaml", ReportKind.HWB),
        ("meeting-icb.yaml", ReportKind.ICB_BOARD),
    ],
)
def test_example_meetings_are_valid(data: SchemeFile, name: str, kind: ReportKind) -> None:
    meeting = load_meeting(FAIRHAVEN / name, data, kind)
    assert meeting.authors
    assert deciding_partner(meeting, data, kind).kind.is_council == kind.council


def test_variation_meeting_is_valid() -> None:
    data = load_scheme(FAIRHAVEN / "scheme-v2.yaml")
    assert load_meeting(FAIRHAVEN / "meeting-v2.yaml", data, ReportKind.CABINET).date.year == 2027


def test_unknown_key_names_its_line_and_suggests(tmp_path: Path) -> None:
    path = _edit(tmp_path, "lead_member:", "lead_membr:")
    with pytest.raises(ErrorList) as info:
        load_meeting(path)
    line = _line(path, "lead_membr:")
    assert _messages(info.value) == [
        f"{path}:{line}: lead_membr: unknown key 'lead_membr' (did you mean 'lead_member'?)"
    ]


def test_nested_errors_point_at_the_value(tmp_path: Path) -> None:
    path = _edit(tmp_path, "email: daniel.okoro@fairhaven.example.org", "email: not-an-email")
    path.write_text(
        path.read_text(encoding="utf-8").replace("date: 2026-01-30", "date: soon"),
        encoding="utf-8",
    )
    with pytest.raises(ErrorList) as info:
        load_meeting(path)
    messages = _messages(info.value)
    assert len(messages) == 2
    email, date = messages
    assert email.startswith(f"{path}:{_line(path, 'not-an-email')}: authors[0].email: ")
    assert "not-an-email" in email
    assert date.startswith(f"{path}:{_line(path, 'date: soon')}: consultations[0].date: ")


def test_an_impossible_date_names_its_line(tmp_path: Path) -> None:
    path = _edit(tmp_path, "date: 2026-01-30", "date: 2026-02-30")
    with pytest.raises(S75Error) as info:
        load_meeting(path)
    assert str(info.value) == (
        f"{path}:{_line(path, '2026-02-30')}: consultations[0].date: not a date: 2026-02-30"
        " (day is out of range for month)"
    )


def test_missing_required_field(tmp_path: Path) -> None:
    path = _edit(tmp_path, "report_of: Director of Adult Social Care\n", "")
    with pytest.raises(ErrorList) as info:
        load_meeting(path)
    first = _line(path, "body: Cabinet")  # a missing key is reported at the mapping's start
    assert _messages(info.value) == [f"{path}:{first}: report_of: required field is missing"]


def test_consultation_is_required(tmp_path: Path) -> None:
    text = MEETING.read_text(encoding="utf-8")
    start = text.index("consultations:\n")
    end = text.index("# Decisions already taken")
    path = tmp_path / "meeting.yaml"
    path.write_text(text[:start] + "consultations: []\n" + text[end:], encoding="utf-8")
    with pytest.raises(ErrorList) as info:
        load_meeting(path)
    line = _line(path, "consultations: []")
    assert _messages(info.value) == [f"{path}:{line}: consultations: give at least one entry"]


def test_decision_must_be_approve_or_endorse(tmp_path: Path) -> None:
    path = _edit(tmp_path, "body: Cabinet\n", "body: Cabinet\ndecision: rubber-stamp\n")
    with pytest.raises(ErrorList) as info:
        load_meeting(path)
    (message,) = _messages(info.value)
    assert message.startswith(f"{path}:{_line(path, 'rubber-stamp')}: decision: 'rubber-stamp'")
    assert "'approve'" in message and "'endorse'" in message


def test_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "meeting.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(S75Error) as info:
        load_meeting(path)
    assert str(info.value).startswith(f"{path}:1: a meeting file must be a YAML mapping")


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_meeting(tmp_path / "nope.yaml")


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = _edit(tmp_path, 'agenda_item: "9"', "agenda_item: [9")
    with pytest.raises(S75Error) as info:
        load_meeting(path)
    assert "YAML syntax error" in str(info.value)
    assert str(info.value).startswith(f"{path}:")


def test_checks_against_the_scheme_and_kind(tmp_path: Path, data: SchemeFile) -> None:
    path = _edit(tmp_path, "partner: council", "partner: councl")
    with pytest.raises(ErrorList) as info:
        load_meeting(path, data, ReportKind.CABINET)
    assert _messages(info.value) == [
        f"{path}:{_line(path, 'partner: councl')}: partner: 'councl' is not a partner"
        " (did you mean 'council'?)"
    ]
    with pytest.raises(ErrorList) as info:
        load_meeting(MEETING, data, ReportKind.ICB_BOARD)
    (message,) = _messages(info.value)
    assert "partner: a icb-board report is for an NHS body, and 'council' is a unitary" in message


def test_cabinet_needs_lead_member_key_decision_and_delegation(
    tmp_path: Path, data: SchemeFile
) -> None:
    text = MEETING.read_text(encoding="utf-8")
    for cut in ("lead_member: ", "key_decision: ", "forward_plan_reference: "):
        start = text.index(cut)
        text = text[:start] + text[text.index("\n", start) + 1 :]
    start = text.index("delegate_to:")
    text = text[:start] + "delegate_to: []\n" + text[text.index("in_consultation_with:") :]
    path = tmp_path / "meeting.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ErrorList) as info:
        load_meeting(path, data, ReportKind.CABINET)
    messages = _messages(info.value)
    assert [m.split(": ")[1] for m in messages] == ["lead_member", "key_decision", "delegate_to"]
    assert messages[2] == (
        f"{path}:{_line(path, 'delegate_to: []')}: delegate_to: name the officers (roles) who"
        " will finalise and complete the document"
    )
    # an ICB Board has no lead member or key decision
    icb = load_meeting(FAIRHAVEN / "meeting-icb.yaml", data, ReportKind.ICB_BOARD)
    assert icb.lead_member == "" and icb.key_decision is None


def test_dates_and_decision_kinds(tmp_path: Path, data: SchemeFile) -> None:
    path = _edit(tmp_path, "decision_deadline: 2026-03-20", "decision_deadline: 2026-03-01")
    with pytest.raises(ErrorList) as info:
        load_meeting(path, data, ReportKind.CABINET)
    assert _messages(info.value) == [
        f"{path}:{_line(path, 'decision_deadline:')}: decision_deadline: the decision is needed"
        " by 2026-03-01, before the meeting (2026-03-11)"
    ]
    path = _edit(tmp_path, "body: Cabinet\n", "body: Cabinet\ndecision: endorse\n")
    with pytest.raises(ErrorList) as info:
        load_meeting(path, data, ReportKind.CABINET)
    assert "decision: a cabinet decides: 'endorse' is for hwb reports" in _messages(info.value)[0]
    hwb = load_meeting(path, data, ReportKind.HWB)
    assert hwb.decision == "endorse"
