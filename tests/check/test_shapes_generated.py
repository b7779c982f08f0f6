"""Hypothesis-generated schemes, built as Word and rewritten by hand's ways (typed numbers,
bold headings): the outline read is the outline built, and nothing is found."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from s75docs.check.run import check_with_tree
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree, render_bytes
from tests.check.shapes import bold_headings, read_outline, true_outline, typed_numbers
from tests.test_property_build import library, schemes


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schemes())
def test_generated_agreements_typed_by_hand_read_in_full(raw: dict[str, Any]) -> None:
    data = SchemeFile.model_validate(raw)
    doc = build_tree(data, library())
    made = data.agreement.date or data.agreement.commencement
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "built.docx"
        built.write_bytes(render_bytes(doc, "docx"))
        typed, plain = Path(tmp) / "typed.docx", Path(tmp) / "plain.docx"
        typed_numbers(built, typed)
        bold_headings(typed, plain)
        for path in (built, typed, plain):
            result, read = check_with_tree(path, made)
            assert read_outline(read) == true_outline(doc), path.name
            assert [f"{f.paragraph}: {f.code}: {f.message}" for f in result.findings] == []
