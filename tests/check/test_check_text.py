"""s75docs check on text: clean on what s75docs builds, and finds seeded and real faults."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from s75docs.check.findings import Finding
from s75docs.check.run import check_document
from s75docs.diagnostics import Severity
from s75docs.errors import UsageError
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree, render_bytes
from tests.helpers import ROOT, example_library
from tests.test_property_build import library, schemes

EXAMPLES = sorted((ROOT / "examples").glob("*/scheme.yaml"))
REFERENCE = (
    ROOT.parent
    / "shared"
    / "reference"
    / ("hwb-minutes-and-bcf-s75-agreement-leicestershire-2019.txt")
)
_MD_CACHE: dict[Path, str] = {}


def built_markdown(scheme: Path) -> str:
    if scheme not in _MD_CACHE:
        doc = build_tree(load_scheme(scheme), example_library(scheme))
        _MD_CACHE[scheme] = render_bytes(doc, "md").decode("utf-8")
    return _MD_CACHE[scheme]


def check_text(tmp_path: Path, text: str, as_of: dt.date = dt.date(2026, 4, 1)) -> list[Finding]:
    path = tmp_path / "agreement.md"
    path.write_text(text, encoding="utf-8")
    return check_document(path, as_of).findings


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


@pytest.mark.parametrize("scheme", EXAMPLES, ids=lambda p: p.parent.name)
def test_what_s75docs_builds_checks_clean(tmp_path: Path, scheme: Path) -> None:
    data = load_scheme(scheme)
    made = data.agreement.date or data.agreement.commencement
    findings = check_text(tmp_path, built_markdown(scheme), as_of=made)
    assert [f"{f.line}: {f.code}: {f.message}" for f in findings] == []


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schemes())
def test_generated_agreements_check_clean(raw: dict[str, Any]) -> None:
    import tempfile

    data = SchemeFile.model_validate(raw)
    text = render_bytes(build_tree(data, library()), "md").decode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        findings = check_text(Path(tmp), text)
    assert [f"{f.line}: {f.code}: {f.message}" for f in findings] == []


# ------------------------------------------------------------------ seeded errors

FAIRHAVEN = ROOT / "examples" / "fairhaven" / "scheme.yaml"
_HEADING = re.compile(r'^(### <a id="[^"]+"></a>)(\d+) (.*)$')
_SUB = re.compile(r'^(<a id="[^"]+"></a>)?(\d+)((?:\.\d+)+ )')


def _renumbered(new: int) -> Any:
    return lambda s: f"{s.group(1) or ''}{new}{s.group(3)}"


def delete_clause(text: str, number: int) -> str:
    """Delete a clause and renumber what follows, as Word does, leaving typed references."""
    out: list[str] = []
    current = 0
    for line in text.splitlines():
        m = _HEADING.match(line)
        if m and line.startswith("### "):
            current = int(m.group(2))
            if current == number:
                continue
            if current > number:
                line = f"{m.group(1)}{current - 1} {m.group(3)}"
        elif line.startswith("## "):
            current = 0
        elif current == number:
            continue
        elif current > number:
            line = _SUB.sub(_renumbered(current - 1), line, count=1)
        out.append(line)
    return "\n".join(out) + "\n"


def test_deleting_a_clause_shows_drift_and_dangling_references(tmp_path: Path) -> None:
    findings = check_text(tmp_path, delete_clause(built_markdown(FAIRHAVEN), 10))
    suspects = [f for f in findings if f.code == "xref-suspect"]
    drifted = [f for f in suspects if "fit the clause 1 before the one they name" in f.message]
    assert len(drifted) > 50 and len(drifted) > 0.9 * len(suspects)
    for f in suspects:  # each suggests the clause one before the one named
        typed = re.match(r"Clauses? (\d+)", f.text)
        assert typed
        if f.suggestion.startswith("the clause it meant may have been removed"):
            assert typed.group(1) == "10"  # the clause deleted
        else:
            assert f.suggestion.startswith(f"probably Clause {int(typed.group(1)) - 1}")
    dangling = [f for f in findings if f.code == "xref-dangling"]
    assert dangling and all("does not exist" in f.message for f in dangling)
    selfs = [f for f in findings if f.code == "xref-self"]
    assert selfs and all(f.suggestion.startswith(f"this {f.clause.split('.')[0]}") for f in selfs)
    # nothing but references and the definition the deleted clause used
    assert set(codes(findings)) <= {"xref-suspect", "xref-dangling", "xref-self", "term-unused"}


def test_renaming_a_term_is_found_with_a_suggestion(tmp_path: Path) -> None:
    text = built_markdown(FAIRHAVEN).replace(
        "> **Host Partner** means", "> **Hosting Partner** means"
    )
    findings = check_text(tmp_path, text)
    unused = [f for f in findings if f.code == "term-unused"]
    assert [f.text for f in unused] == ["Hosting Partner"]
    undefined = [f for f in findings if f.code in ("term-undefined", "term-variant")]
    assert [(f.text, "Hosting Partner" in f.suggestion) for f in undefined] == [
        ("Host Partner", True)
    ]


def test_changing_a_figure_breaks_the_total(tmp_path: Path) -> None:
    text = built_markdown(FAIRHAVEN)
    row = next(line for line in text.splitlines() if line.startswith("| Council | Disabled"))
    amount = re.findall(r"£[\d,]+\.\d\d", row)[0]
    changed = text.replace(row, row.replace(amount, "£1,000,000.00", 1), 1)
    findings = [f for f in check_text(tmp_path, changed) if f.code == "money-total"]
    assert findings, "a changed figure must break a stated total"
    assert all("is not the sum" in f.message for f in findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The system stores int[] values and args[] lists.", []),
        ("Keys are kept as byte[][] arrays.", []),
        ("Signed: [ ] on behalf of the Council.", ["[ ]"]),
        ("Signed: [] on behalf of the Council.", ["[]"]),
        ("The sum of [  ] is due.", ["[  ]"]),
    ],
)
def test_empty_brackets_after_a_word_are_code_not_a_placeholder(
    tmp_path: Path, sentence: str, expected: list[str]
) -> None:
    text = built_markdown(FAIRHAVEN)
    at = text.index(" Business Days")
    end = text.index("\n", at)
    text = f"{text[:end]} {sentence}{text[end:]}"
    found = [f.text for f in check_text(tmp_path, text) if f.code == "placeholder"]
    assert found == expected


def test_inserted_placeholder_and_broken_this_reference(tmp_path: Path) -> None:
    text = built_markdown(FAIRHAVEN)
    at = text.index(" Business Days")
    text = text[:at] + " [INSERT]" + text[at:]
    m = re.search(r"\[this Clause (\d+)\]", text)
    assert m
    wrong = str(int(m.group(1)) + 1)
    text = text.replace(m.group(0), f"[this Clause {wrong}]", 1)
    findings = check_text(tmp_path, text)
    placeholders = [f for f in findings if f.code == "placeholder"]
    assert [f.text for f in placeholders] == ["[INSERT]"]
    selfs = [f for f in findings if f.code == "xref-self"]
    assert [(f.text, f.suggestion.split(" (")[0]) for f in selfs] == [
        (f"this Clause {wrong}", f"this Clause {m.group(1)}")
    ]


def test_a_duplicated_number_is_found(tmp_path: Path) -> None:
    lines = built_markdown(FAIRHAVEN).splitlines()
    i = next(i for i, line in enumerate(lines) if re.match(r"(<a[^>]+></a>)?12\.2 ", line))
    lines[i] = re.sub(r"12\.2 ", "12.1 ", lines[i], count=1)
    findings = [f for f in check_text(tmp_path, "\n".join(lines)) if f.code.startswith("num-")]
    assert ("num-duplicate", "12.1") in [(f.code, f.text) for f in findings]
    assert all(f.text.startswith("12.") for f in findings)  # nothing reported elsewhere


# ------------------------------------------------------------------ the real 2019 agreement


@pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference is not beside the repo")
def test_the_real_2019_agreement() -> None:
    result = check_document(REFERENCE, dt.date(2026, 11, 23))
    found = {(f.code, f.line) for f in result.findings}
    # each of these was read in the source and judged a true fault
    assert ("xref-dangling", 1762) in found  # "Schedule 7": there is no Schedule 7
    missing = next(f for f in result.findings if f.code == "xref-dangling" and f.line == 1762)
    assert missing.suggestion.startswith("probably Schedule 6")  # the conflicts policy
    assert ("xref-self", 4841) in found  # "this Schedule 7" inside Schedule 6
    assert ("xref-self", 4844) in found  # again in its paragraph 2 ("2. The Partners ...")
    assert ("num-order", 1790) in found  # 19.7 before 19.6: one swap, one finding
    assert ("num-gap", 1790) not in found and ("num-order", 1793) not in found
    assert ("placeholder", 1974) in found  # "[sixty (60) days]"
    assert ("placeholder", 3392) in found  # "[Clause 22]"
    assert ("money-malformed", 4470) in found
    malformed = next(f for f in result.findings if f.code == "money-malformed")
    assert malformed.suggestion.startswith("£4,745,020")
    assert ("term-variant", 1891) in found  # "Service Contract" beside "Services Contract"
    stale = {f.text: f for f in result.findings if f.code == "law-stale"}
    assert {"Sensitive Personal Data", "CCGs"} <= set(stale)
    # stale or wrong when signed: a misnamed Act, and a department merged into HMRC in 2005
    assert stale["Community Care Act 1990"].severity is Severity.ERROR
    assert stale["HM Customs and Excise"].severity is Severity.ERROR
    # stale when made: an error; one change, one provision: one finding for the body and its Act
    assert stale["Sensitive Personal Data"].severity is Severity.ERROR
    audit = stale["the Audit Commission and Audit Commission Act 1998"]
    assert audit.severity is Severity.ERROR and audit.line == 1657
    # its Initial Term ended on 31 March 2020 (typed "31\n\nst\n March 2020"): what changed
    # afterwards (CCGs, Public Health England, the 1972 Act's saving) is news only if extended
    for later in ("CCGs", "European Communities Act 1972"):
        assert stale[later].severity is Severity.INFO, later
        assert "after the Initial Term as stated ended (31 March 2020)" in stale[later].message
    # Public Health England is named only in a definition nothing uses: one finding says both
    unused = next(f for f in result.findings if f.code == "term-unused" and f.line == 1146)
    assert "Public Health England" not in stale and "is abolished" in unused.message
    assert ("num-gap", 2740) not in found  # "iii)" is there: read without its bracket
    assert len(result.findings) <= 40, "precision: a lawyer stops reading a noisy report"
    # read with its own outline: Schedule 4's paragraphs typed "1 The Lead Commissioner..."
    # are numbered, so its numbering is not reported irregular; the [INSERT] stands in its
    # own paragraph 8; the information sharing agreement's real gaps are each found
    assert not any(f.line == 4658 for f in result.findings)
    assert ("placeholder", 4714) in found
    assert ("num-gap", 5076) in found  # 7.1 to 7.4
    assert ("num-gap", 5147) not in found  # 8.2 is there, printed "2. 8.2" (a stray list number)
    # the pack binds a Board report after the agreement: said once, and nothing found in it
    assert ("outline-unplaced", 5447) in found
    assert all((f.line or 0) <= 5447 for f in result.findings)


@pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference is not beside the repo")
def test_the_real_2019_agreement_reads_with_its_own_outline() -> None:
    from s75docs.check.run import check_with_tree
    from s75docs.doctree.nodes import Body, Item, Schedule

    _, read = check_with_tree(REFERENCE, dt.date(2026, 11, 23))
    body = next(d for d in read.doc.children if isinstance(d, Body))
    clauses = [c for c in body.children if isinstance(c, Item)]
    assert [c.number for c in clauses] == [str(n) for n in range(1, 40)]
    assert clauses[0].title == "DEFINED TERMS AND INTERPRETATION"
    assert clauses[-1].title == "GOVERNING LAW AND JURISDICTION"
    schedules = {
        d.number for d in read.doc.children if isinstance(d, Schedule) and d.name == "Schedule"
    }
    assert sorted(schedules, key=int) == ["1", "2", "3", "4", "5", "6", "8"]  # there is no 7
    assert not read.outline.unplaced


# ------------------------------------------------------------------ unreadable input


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "the document is empty"),
        (b"\x00\x01\x02binary", "bin.txt", "not a text file"),
        (b"%PDF-1.7", "a.pdf", "PDF: extract its text first"),
        (b"old", "a.doc", "old Word .doc format"),
    ],
)
def test_unreadable_inputs(tmp_path: Path, content: bytes, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UsageError, match=re.escape(message)):
        check_document(path)


# ------------------------------------------------------------------ the command line


def test_cli_exit_statuses_and_json(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from s75docs.cli import main

    clean = tmp_path / "clean.md"
    clean.write_text(built_markdown(FAIRHAVEN), encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(main, ["check", str(clean)])
    assert ok.exit_code == 0 and "no findings" in ok.stdout
    dirty = tmp_path / "dirty.md"
    dirty.write_text(
        built_markdown(FAIRHAVEN).replace(" Business Days", " [INSERT] Business Days", 1),
        encoding="utf-8",
    )
    bad = runner.invoke(main, ["check", str(dirty), "--format", "json"])
    assert bad.exit_code == 1
    report = json.loads(bad.stdout)
    (finding,) = report["findings"]
    assert finding["code"] == "placeholder" and finding["severity"] == "error"
    assert finding["text"] == "[INSERT]" and finding["clause"] == "Clause 1.5"
    assert isinstance(finding["line"], int) and finding["suggestion"]
    assert report["summary"]["errors"] == 1
    assert runner.invoke(main, ["check", str(dirty), "--fail-on", "never"]).exit_code == 0
    missing = runner.invoke(main, ["check", str(tmp_path / "none.txt")])
    assert missing.exit_code == 2 and "Traceback" not in missing.stderr


def test_an_undated_agreement_is_judged_from_its_commencement_date(tmp_path: Path) -> None:
    """Law replaced since an undated 2013 agreement began is a warning, not an error."""
    text = (
        "Dated ...... 20..\n\n"
        "1 Definitions\n\n"
        "1.1 **Commencement Date** means 1 April 2013;\n\n"
        "1.2 The Partners will comply with the Data Protection Act 1998.\n"
    )
    found = [f for f in check_text(tmp_path, text) if f.code == "law-stale"]
    assert found and {f.severity.value for f in found if f.severity} == {"warning"}
    assert "since the agreement was made" in found[0].message


def test_a_paper_bound_after_the_agreement_is_not_read_as_its_schedule(tmp_path: Path) -> None:
    text = (
        "REPORT OF THE DIRECTOR OF CARE\n\nThe Board is asked to approve the agreement.\n\n"
        "THIS AGREEMENT is made on 1 April 2024\n\n1 OBLIGATIONS\n\n"
        "1.1 The Partners shall follow Schedule 1.\n\nSCHEDULE 1 GOVERNANCE\n\n"
        "1 The Board meets monthly.\n\n"
        "HEALTH AND WELLBEING BOARD: 23 JANUARY 2025\n\n"
        "1 The National Policy says so, as Clause 9 and [INSERT] show.\n"
    )
    path = tmp_path / "pack.txt"
    path.write_text(text, encoding="utf-8")
    found = check_document(path, dt.date(2025, 2, 1)).findings
    assert [(f.code, f.line) for f in found] == [("outline-unplaced", 15)]
    assert "another paper" in found[0].message


def test_the_starter_schemes_example_values_are_found_once_each(tmp_path: Path) -> None:
    """An agreement built from the untouched starter scheme is not a real agreement."""
    text = (
        "AGREEMENT\n\nBetween Exampleshire County Council of 1 Example Street, XX1 1AA and\n"
        "Exampleshire Integrated Care Board.\n\n1. Definitions\n\n1.1 The Lead Officer is Jane"
        " Example.\n\n1.2 Exampleshire means the area of Exampleshire.\n"
    )
    path = tmp_path / "starter.txt"
    path.write_text(text, encoding="utf-8")
    found = [
        f for f in check_document(path, dt.date(2026, 4, 1)).findings if f.code == "placeholder"
    ]
    assert [f.message for f in found] == [
        "example value 'Exampleshire' from a template or the starter scheme left in"
        " (and 3 more times)",
        "example value 'XX1 1AA' from a template or the starter scheme left in",
        "example value 'Jane Example' from a template or the starter scheme left in",
    ]
