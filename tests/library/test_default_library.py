"""The shipped library: lint-clean, and every example builds with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.library.lint import lint_library
from s75docs.library.loader import default_dirs, library_files, load_library
from s75docs.library.source import Kind, parse_source
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree
from tests.helpers import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*/scheme*.yaml"))


def test_default_library_is_lint_clean() -> None:
    assert [str(d) for d in lint_library()] == []


@pytest.mark.parametrize("scheme", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_builds(scheme: Path) -> None:
    doc = build_tree(load_scheme(scheme), load_library([]))
    assert doc.schedules()


def test_starter_scheme_builds() -> None:
    build_tree(load_scheme(ROOT / "s75docs" / "data" / "starter.yaml"), load_library([]))


def test_file_names_start_with_the_order() -> None:
    """`1100-risk-share.md` has `order: 1100`, so a folder lists clauses as they print."""
    wrong = []
    for folder in default_dirs():
        for path in library_files(folder):
            src = parse_source(path, root=folder)
            named = path.name.startswith(f"{src.meta.order:04d}-")
            if src.kind in (Kind.CLAUSE, Kind.SCHEDULE) and not named:
                wrong.append(f"{path.name}: order {src.meta.order}")
    assert wrong == []
