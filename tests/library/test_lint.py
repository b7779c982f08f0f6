"""library-lint: each finding with its code, file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.library.lint import lint_library
from tests.helpers import MINI, ROOT, write_library


@pytest.fixture(autouse=True)
def _mini_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("S75DOCS_LIBRARY", str(MINI / "library"))


def findings(tmp_path: Path, files: dict[str, str]) -> list[str]:
    return [str(d) for d in lint_library([write_library(tmp_path, files)])]


def test_the_mini_library_is_clean() -> None:
    assert lint_library() == []


def test_unknown_label_with_suggestion(tmp_path: Path) -> None:
    (line,) = findings(
        tmp_path, {"clauses/a.md": "---\nid: a\ntitle: A\n---\n- See [[termnation]].\n"}
    )
    assert line.endswith(
        "a.md:5: error lib-unknown-label: unknown label 'termnation' (did you mean 'termination'?)"
    )


def test_duplicate_label_across_files(tmp_path: Path) -> None:
    found = findings(tmp_path, {"clauses/a.md": "---\nid: a\ntitle: A\n---\n- {#term-start} X.\n"})
    assert len(found) == 1
    assert "lib-duplicate-label: label 'term-start' is also declared at" in found[0]
    assert "020-term.md:6" in found[0]


@pytest.mark.parametrize(
    "text", ["as set out in Clause 12", "see paragraph 3 of Schedule 7", "under Clauses 4.1"]
)
def test_typed_numbers(tmp_path: Path, text: str) -> None:
    found = findings(tmp_path, {"clauses/a.md": f"---\nid: a\ntitle: A\n---\n- Text {text}.\n"})
    assert found and all("a.md:5: error lib-typed-number" in f for f in found)


def test_statute_schedules_are_not_typed_numbers(tmp_path: Path) -> None:
    text = "- Processing under Schedule 1 to the Data Protection Act 2018 is lawful.\n"
    assert findings(tmp_path, {"clauses/a.md": f"---\nid: a\ntitle: A\n---\n{text}"}) == []


def test_undefined_term(tmp_path: Path) -> None:
    (line,) = findings(
        tmp_path,
        {"clauses/a.md": "---\nid: a\ntitle: A\n---\n- The *Partner*s and *Pooled Fnd*.\n"},
    )
    assert "a.md:5: error lib-undefined-term: term 'Pooled Fnd' is used but" in line


def test_jinja_syntax_error_names_the_file_line(tmp_path: Path) -> None:
    (line,) = findings(
        tmp_path, {"clauses/a.md": "---\nid: a\ntitle: A\n---\n- One.\n- {{ broken( }}\n"}
    )
    assert "a.md:6: error lib-jinja-syntax" in line


def test_front_matter_errors(tmp_path: Path) -> None:
    (line,) = findings(tmp_path, {"clauses/a.md": "---\nid: a\ntitel: A\n---\n- One.\n"})
    assert line.endswith(
        "a.md:3: error lib-front-matter: front matter: unknown key 'titel' (did you mean 'title'?)"
    )


def test_labels_inside_repeated_schedules_are_local(tmp_path: Path) -> None:
    files = {
        "schedules/s.md": "---\nid: s\ntitle: S\nrepeat: schemes\n---\n## A {#here}\n"
        "- See [[here]].\n",
        "clauses/c.md": "---\nid: c\ntitle: C\n---\n- See [[s-{{ schemes[0].id }}.here]].\n",
    }
    assert findings(tmp_path, files) == []


def test_a_line_ending_in_a_tag_is_flagged(tmp_path: Path) -> None:
    text = "- One {% if true %}extra{% endif %}\n- Two.\n"
    (line,) = findings(tmp_path, {"clauses/a.md": f"---\nid: a\ntitle: A\n---\n{text}"})
    assert "a.md:5: error lib-outline: text ends with a Jinja tag" in line


def test_stale_law_in_library_text(tmp_path: Path) -> None:
    text = "---\nid: a\ntitle: A\n---\n- The *Partner*s comply with the Data Protection Act 1998.\n"
    (line,) = findings(tmp_path, {"clauses/a.md": text})
    assert line.endswith(
        "a.md:5: error lib-stale-law: 'Data Protection Act 1998' is repealed with effect from"
        " 25 May 2018 (use the UK GDPR and the Data Protection Act 2018)"
    )
    report = "---\nid: r\npart: other\ntitle: Other\n---\n- The CCG agrees.\n"
    (line,) = findings(tmp_path / "r", {"reports/r.md": report})
    assert "r.md:6: error lib-stale-law: 'CCG' is abolished with effect from 1 July 2022" in line


def test_a_library_that_drops_a_label_the_profile_needs_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("S75DOCS_LIBRARY")
    source = ROOT / "clause_library" / "clauses" / "0800-pooled-fund-management.md"
    text = source.read_text("utf-8").replace("{#pfm-reports} ", "")
    council = write_library(tmp_path, {"clauses/0800-pooled-fund-management.md": text})
    found = [d for d in lint_library([council]) if d.code == "lib-profile"]
    assert [d.message for d in found] == [
        "requirement 'pooled-fund-manager' (a pooled fund manager, an officer of the host, who"
        " reports quarterly and annually) needs the label 'pfm-reports', which no library file"
        " declares"
    ]
    assert found[0].location.file.endswith("statutory_profile.yaml")
    assert found[0].location.line is not None
