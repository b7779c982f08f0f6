"""A draft's problems at their line and field, the preview when it builds, and no path
on the server in any message."""

from __future__ import annotations

from pathlib import Path

from s75docs.errors import InputError, Location, UsageError
from s75docs.web.common import upload_name, without_folder
from s75docs.web.drafting import Draft, Drafts, check_draft, starter_text

FAIRHAVEN = Path(__file__).parents[2] / "examples" / "fairhaven" / "scheme.yaml"


def test_the_starter_builds_and_its_preview_links_its_references() -> None:
    preview = check_draft(starter_text(), "scheme.yaml")
    assert preview.problems == [] and preview.html is not None
    assert 'href="#' in preview.html and "<h1" in preview.html


def test_an_error_is_given_at_its_line_and_field_without_the_server_folder() -> None:
    text = FAIRHAVEN.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("commencement:"))
    lines[at] = lines[at].split(":")[0] + ": 2026-02-30"
    preview = check_draft("\n".join(lines) + "\n", "fairhaven.yaml")
    assert preview.html is None and preview.problems
    [first, *_] = preview.problems
    assert first.line == at + 1 and "commencement" in first.field
    assert first.text.startswith(f"fairhaven.yaml:{at + 1}: ")
    assert "/tmp" not in first.text and "s75docs-serve-" not in first.text


def test_without_folder_strips_the_folder_from_location_and_message(tmp_path: Path) -> None:
    error = InputError(f"see {tmp_path}/in/x.yaml", Location(str(tmp_path / "x.yaml"), 4, "a.b"))
    assert str(without_folder(error, tmp_path)) == "x.yaml:4: a.b: see x.yaml"
    assert without_folder(UsageError("plain"), tmp_path).exit_status == 2


def test_drafts_are_kept_per_session_and_the_oldest_dropped() -> None:
    drafts = Drafts(keep=2)
    for owner in ("a", "b", "c"):
        drafts.put(owner, Draft("scheme.yaml", owner))
    assert drafts.get("a") is None and drafts.get("c") == Draft("scheme.yaml", "c")


def test_upload_names_keep_a_default_stem() -> None:
    assert upload_name("../../.yaml", "scheme") == "scheme.yaml"


def test_a_field_is_named_in_words_a_reader_counts_in() -> None:
    from s75docs.web.drafting import readable_field

    assert readable_field("schemes[0].contributions[7].amount") == (
        "scheme 1, contribution 8, amount"
    )
    assert readable_field("agreement.stated_totals.2026/27") == "agreement, stated totals, 2026/27"
    assert readable_field("variations[0].approvals[1].date") == "variation 1, approval 2, date"
    assert readable_field("partners[1].bodies[0]") == "partner 2, body 1"
