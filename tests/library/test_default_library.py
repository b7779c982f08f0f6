"""The shipped library: lint-clean, and every example builds with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.doctree.nodes import Body, Definition, Document, Item, Ref, inlines_of
from s75docs.library.lint import lint_library
from s75docs.library.loader import default_dirs, library_files, load_library
from s75docs.library.source import Kind, parse_source
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree
from tests.helpers import ROOT, example_library

EXAMPLES = sorted((ROOT / "examples").glob("*/scheme*.yaml"))


def test_default_library_is_lint_clean() -> None:
    assert [str(d) for d in lint_library()] == []


def check_whole_agreement(doc: Document, schemes: int) -> None:
    """Numbered clauses from 1 with their definitions, a Scheme Specification a scheme, and
    every cross-reference resolved (most to a number; some read "this Schedule")."""
    body = next(n for n in doc.children if isinstance(n, Body))
    clauses = [n for n in body.children if isinstance(n, Item)]
    assert [c.number for c in clauses] == [str(i) for i in range(1, len(clauses) + 1)]
    assert clauses[0].title == "Definitions and interpretation"
    assert any(isinstance(n, Definition) for n in clauses[0].walk())
    specs = [s for s in doc.schedules() if (s.label or "").startswith("scheme-")]
    assert len(specs) == schemes
    refs = [i for n in doc.walk() for i in inlines_of(n) if isinstance(i, Ref)]
    assert refs and all(r.resolved and r.text for r in refs)
    assert sum(1 for r in refs if any(ch.isdigit() for ch in r.text)) > len(refs) // 2


@pytest.mark.parametrize("scheme", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_builds(scheme: Path) -> None:
    data = load_scheme(scheme)
    check_whole_agreement(build_tree(data, example_library(scheme)), len(data.schemes))


def test_starter_scheme_builds() -> None:
    data = load_scheme(ROOT / "s75docs" / "data" / "starter.yaml")
    check_whole_agreement(build_tree(data, load_library([])), len(data.schemes))


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


def test_the_readmes_smallest_scheme_builds_and_meets_the_profile(tmp_path: Path) -> None:
    import re

    from s75docs.pipeline import profile

    readme = (ROOT / "README.md").read_text("utf-8")
    found = re.search(r"The smallest useful scheme.*?```yaml\n(.*?)```", readme, re.S)
    assert found is not None
    scheme = tmp_path / "scheme.yaml"
    scheme.write_text(found.group(1), encoding="utf-8")
    findings = profile(scheme)
    assert findings and [f.explain() for f in findings if f.missing] == []
