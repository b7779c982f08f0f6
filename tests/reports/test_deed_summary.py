"""The variation report and the deed cannot disagree: the report gives the deed's own count
of numbered variations and describes the wording edits it makes."""

from __future__ import annotations

from pathlib import Path

import docx

from s75docs.pipeline import load_and_build, report
from s75docs.variation.vary import compute

FAIRHAVEN = Path(__file__).resolve().parents[2] / "examples" / "fairhaven"


def test_report_counts_the_deeds_variations_and_names_its_wording_edit(tmp_path: Path) -> None:
    old = load_and_build(FAIRHAVEN / "scheme.yaml")
    new = load_and_build(FAIRHAVEN / "scheme-v2.yaml")
    count = len(compute(old.data, old.doc, new.data, new.doc).changes.changes)
    out = report(
        FAIRHAVEN / "scheme-v2.yaml",
        FAIRHAVEN / "meeting-v2.yaml",
        "cabinet",
        tmp_path / "report.docx",
        FAIRHAVEN / "scheme.yaml",
    )
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert f"The deed makes these changes in {count} numbered variations" in text
    register = next(n for n in new.doc.walk() if getattr(n, "label", None) == "variation-register")
    number = getattr(register, "full_number", "")
    opening = "Besides the register of Operational Variations"
    assert f"it inserts a new Clause {number} (“{opening}" in text
