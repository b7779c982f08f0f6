"""Hypothesis-generated schemes, built as Word and rewritten by hand's ways (typed numbers,
bold headings) or converted by pandoc: the outline read is the outline built, and nothing
is found."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from s75docs.check.run import check_with_tree
from s75docs.doctree.nodes import Document
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree, render_bytes
from tests.check.shapes import bold_headings, read_outline, true_outline, typed_numbers
from tests.test_property_build import library, schemes


def built_from(raw: dict[str, Any]) -> tuple[Document, dt.date]:
    """A generated scheme's agreement as a tree, and the day it was made (its date or its
    Commencement Date), as of which it is checked."""
    data = SchemeFile.model_validate(raw)
    return build_tree(data, library()), data.agreement.date or data.agreement.commencement


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schemes())
def test_generated_agreements_typed_by_hand_read_in_full(raw: dict[str, Any]) -> None:
    doc, made = built_from(raw)
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


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="needs pandoc")
@settings(
    max_examples=4,
    phases=[Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(schemes())
def test_generated_agreements_through_pandoc_read_in_full(raw: dict[str, Any]) -> None:
    """pandoc's plain text and Markdown of a generated agreement: Word's numbers read back
    from pandoc's list places (whatever clauses, schedules and lists the scheme gives)."""
    doc, made = built_from(raw)
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "built.docx"
        built.write_bytes(render_bytes(doc, "docx"))
        for to, suffix in (("plain", ".txt"), ("markdown", ".md")):
            out = Path(tmp) / f"pandoc{suffix}"
            subprocess.run(
                ["pandoc", "-f", "docx", "-t", to, str(built), "-o", str(out)],
                check=True,
                timeout=120,
            )
            result, read = check_with_tree(out, made)
            assert read_outline(read) == true_outline(doc), to
            assert [f"{f.line}: {f.code}: {f.message}" for f in result.findings] == [], to
