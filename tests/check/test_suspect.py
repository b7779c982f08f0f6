"""xref-suspect: a reference that resolves, but to the wrong clause, found from the words
around it and the drift of the references after clauses were dropped (rules/suspect.py)."""

# ruff: noqa: E501  (the hand-written contract reads better a sentence a line)
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from s75docs.check.findings import Finding
from s75docs.check.run import check_document
from tests.check.drift import measure, measure_text, summary
from tests.check.test_check_text import built_markdown
from tests.helpers import ROOT

# ------------------------------------------------------------------ seeded drift


def test_seeded_drift_in_built_agreements() -> None:
    """Drop one, two, three clauses at several places from Fairhaven and Kestrel, keep the
    typed references: every dangling and self reference found, at least 90% of the wrong
    targets reported with the clause meant, no finding on a reference still right."""
    texts = {
        name: built_markdown(ROOT / "examples" / name / "scheme.yaml")
        for name in ("fairhaven", "kestrel")
    }
    whole, _ = measure(texts)
    report = "\n".join(summary(whole))
    assert whole.found["dangling"] == whole.total["dangling"] > 0, report
    assert whole.found["self"] == whole.total["self"] > 0, report
    assert whole.total["wrong"] > 1000
    assert whole.found["wrong"] >= 0.9 * whole.total["wrong"], report
    assert whole.false == [], report  # precision: no finding on a reference still right
    assert whole.other == [], report


REFERENCE = ROOT.parent / "shared" / "reference"
REAL = REFERENCE / "hwb-minutes-and-bcf-s75-agreement-leicestershire-2019.txt"


@pytest.mark.skipif(not REAL.exists(), reason="../shared/reference is not beside the repo")
def test_seeded_drift_in_the_real_2019_agreement() -> None:
    """The same seeding in an agreement we did not write (its PDF text: other headings,
    other wording, 38 clause references)."""
    whole, _ = measure_text(REAL.read_text(encoding="utf-8"), "leicestershire-2019")
    report = "\n".join(summary(whole))
    assert whole.found["dangling"] == whole.total["dangling"] > 0, report
    assert whole.found["self"] == whole.total["self"] > 0, report
    assert whole.found["wrong"] >= 0.8 * whole.total["wrong"] > 0, report  # 86% now
    assert whole.false == [], report


# ------------------------------------------------------------------ hand-written agreements

# a supply contract in words and headings of its own (not the template's), to show the rule
# reads content, not our wording
CLAUSES = [
    (
        "DEFINITIONS",
        [
            "In this contract the following words have these meanings.",
            "Headings do not affect interpretation.",
        ],
    ),
    (
        "DURATION",
        [
            "The contract begins on the Start Date and runs for three years unless ended earlier under Clause 9.",
            "The parties may extend it once by agreement in writing.",
        ],
    ),
    (
        "CHARGES AND INVOICING",
        [
            "The Buyer pays the charges within thirty days of a valid invoice.",
            "Disputed invoices are dealt with under the dispute procedure in Clause 12.",
        ],
    ),
    (
        "SUPPLIER WARRANTIES",
        [
            "The Supplier warrants that the goods are fit for purpose and of satisfactory quality.",
            "A breach of warranty entitles the Buyer to a refund of the charges paid for the defective goods.",
        ],
    ),
    (
        "LIMITATION OF LIABILITY",
        [
            "Neither party limits liability for death or personal injury caused by negligence.",
            "Subject to Clause 5.1, each party's total liability is capped at the charges paid in the year.",
        ],
    ),
    (
        "INSURANCE COVER",
        [
            "The Supplier keeps public liability insurance cover of at least five million pounds.",
            "On request the Supplier produces evidence of the insurance cover required by Clause 6.1.",
        ],
    ),
    (
        "CONFIDENTIALITY",
        [
            "Each party keeps the other's confidential information secret and uses it only for this contract.",
            "The duty of secrecy in Clause 7.1 does not apply to information that is already public.",
        ],
    ),
    (
        "DATA PROTECTION",
        [
            "Each party complies with data protection law when processing personal data.",
            "Personal data breaches are reported within forty-eight hours.",
        ],
    ),
    (
        "TERMINATION",
        [
            "Either party may end this contract on six months' written notice.",
            "Either party may end it at once if the other commits a material breach it does not remedy within thirty days.",
        ],
    ),
    (
        "EFFECT OF ENDING",
        [
            "On ending, the Supplier returns the Buyer's property and the Buyer pays charges due for goods delivered.",
            "Clause 7 (Confidentiality) and Clause 5 (Limitation of Liability) survive ending.",
        ],
    ),
    (
        "FORCE MAJEURE",
        [
            "Neither party is liable for delay caused by events beyond its reasonable control such as flood, fire or war.",
            "If such an event lasts more than ninety days, either party may end the contract under Clause 9.2.",
        ],
    ),
    (
        "RESOLVING DISPUTES",
        [
            "Disputes are first discussed by the contract managers, then escalated to directors.",
            "If the directors cannot agree within twenty days, the dispute goes to mediation.",
        ],
    ),
    (
        "NOTICES",
        [
            "Notices are given in writing by hand or recorded post to the address in the contract.",
            "A notice served by email is effective only if confirmed by post.",
        ],
    ),
    (
        "ASSIGNMENT",
        [
            "Neither party may assign or transfer this contract without the other's consent.",
            "A permitted assignee takes subject to Clause 6 (Insurance Cover) and Clause 8.",
        ],
    ),
    (
        "GENERAL",
        [
            "Any notice of termination under Clause 9 must be served in accordance with Clause 13.",
            "A party claiming relief for events beyond its control must notify the other as soon as possible, as Clause 11.1 requires.",
            "If mediation fails, the courts of England decide under Clause 12.2.",
            "Personal data shared under this contract is protected as Clause 8 provides, and the refund for defective goods under Clause 4.2 is the Buyer's only remedy for breach of warranty.",
            "The insurance cover under Clause 6 and the liability cap in Clause 5.2 are reviewed yearly.",
            "Confidential information is returned on ending as Clause 10.1 sets out.",
        ],
    ),
]


def render(clauses: list[tuple[str, list[str]]], style: str) -> str:
    out = [
        "SUPPLY CONTRACT",
        "",
        "THIS CONTRACT is made on 1 May 2024 between A Ltd and B Council.",
        "",
    ]
    for n, (head, subs) in enumerate(clauses, 1):
        out += [style.format(n=n, head=head, title=head.capitalize()), ""]
        for i, s in enumerate(subs, 1):
            out += [f"{n}.{i} {s}", ""]
    return "\n".join(out)


STYLES = [("{n} {head}", "txt"), ("{n}. {head}", "txt"), ("## {n} {title}", "md")]


def check(tmp_path: Path, text: str, suffix: str) -> list[Finding]:
    path = tmp_path / f"contract.{suffix}"
    path.write_text(text, encoding="utf-8")
    return check_document(path, dt.date(2024, 6, 1)).findings


@pytest.mark.parametrize(("style", "suffix"), STYLES)
def test_a_hand_written_contract_checks_clean(tmp_path: Path, style: str, suffix: str) -> None:
    findings = check(tmp_path, render(CLAUSES, style), suffix)
    assert [f"{f.line}: {f.code}: {f.message}" for f in findings] == []


@pytest.mark.parametrize(("style", "suffix"), STYLES)
def test_a_clause_dropped_from_a_hand_written_contract(
    tmp_path: Path, style: str, suffix: str
) -> None:
    """Clause 4 (warranties) dropped: clauses 5 to 15 become 4 to 14, references do not."""
    text = render(CLAUSES[:3] + CLAUSES[4:], style)
    findings = check(tmp_path, text, suffix)
    suspects = [f for f in findings if f.code == "xref-suspect"]
    assert len(suspects) >= 12  # of 21 references to Clauses 5 to 13
    removed = [f for f in suspects if "may have been removed" in f.suggestion]
    # "the refund for defective goods under Clause 4.2": the warranties clause was dropped
    assert [f.text for f in removed] == ["Clause 4.2"]
    for f in suspects:
        if f in removed:
            continue
        typed = re.match(r"Clauses? (\d+)", f.text)
        assert typed, f.text
        meant = int(typed.group(1)) - 1
        assert re.match(rf"probably Clause {meant}\b", f.suggestion), (f.text, f.suggestion)
        assert "fit the clause 1 before the one they name" in f.message
    said = {(f.text, f.suggestion) for f in suspects}
    assert ("Clause 12", "probably Clause 11 (Resolving disputes)") in said  # "dispute procedure"
    assert ("Clause 6.1", "probably Clause 5.1 (Insurance cover)") in said
    assert ("Clause 11.1", "probably Clause 10.1 (Force majeure)") in said
    # nothing on the references to the clauses before the one dropped
    assert not [f for f in findings if re.match(r"Clause [1-3]\b", f.text)]


def test_a_reference_named_by_another_clause_s_heading(tmp_path: Path) -> None:
    """No drift, one wrong reference: the words by it name another clause's heading."""
    clauses = [(h, list(s)) for h, s in CLAUSES]
    clauses[11] = ("DISPUTE RESOLUTION", clauses[11][1])
    clauses[2][1][1] = "Disputed invoices go to the dispute resolution procedure in Clause 11."
    clauses[13][1][1] = "A permitted assignee takes subject to Clause 7 (Insurance Cover)."
    findings = check(tmp_path, render(clauses, "{n} {head}"), "txt")
    got = [(f.code, f.text, f.suggestion) for f in findings]
    assert got == [
        ("xref-suspect", "Clause 11", "probably Clause 12 (Dispute resolution)"),
        ("xref-suspect", "Clause 7", "probably Clause 6 (Insurance cover)"),
    ]
    assert "name the heading of Clause 12 (Dispute resolution)" in findings[0].message
