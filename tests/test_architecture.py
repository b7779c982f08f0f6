"""Dependencies point one way (DESIGN.md): checked by walking every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "s75docs"

# what each layer may import from s75docs (besides itself)
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    # drafting words (lists joined with "and", dates, plurals): a leaf every layer may use
    "words": set(),
    # atomic writing and reproducible Word packages, for every layer that writes files
    "files": {"errors"},
    # OOXML namespaces and relationship types: the Word writer and the checker's readers
    "ooxml": set(),
    "diagnostics": {"errors"},
    "doctree": {"errors"},
    "model": {"errors", "words"},
    "library": {"errors", "words", "diagnostics", "model"},
    "transforms": {"errors", "doctree"},
    "render": {"errors", "doctree", "files", "ooxml"},
    "assemble": {"errors", "words", "model", "library", "doctree"},
    # the checker reads documents into the same tree and reuses the passes; it needs the
    # dated law table (model)
    "check": {
        "errors",
        "words",
        "diagnostics",
        "ooxml",
        "doctree",
        "transforms",
        "model",
        "files",
    },
    # a deed is built from two assembled trees and checked by carrying it out, which
    # renumbers and re-resolves with the passes
    "variation": {"errors", "words", "model", "assemble", "doctree", "transforms"},
    # the statutory profile: library data checked against the model and a resolved tree
    "statute": {"errors", "model", "library", "transforms"},
    # Board reports are assembled like an agreement from library text (library, assemble),
    # resolved by the passes against the agreement's labels (transforms), and read the one
    # change model of a variation (variation); rendered with docxtpl on A4 (ooxml); pipeline
    # writes files
    "reports": {
        "errors",
        "words",
        "ooxml",
        "model",
        "library",
        "assemble",
        "doctree",
        "transforms",
        "variation",
    },
    "pipeline": {
        "errors",
        "diagnostics",
        "files",
        "model",
        "library",
        "assemble",
        "doctree",
        "transforms",
        "render",
        "reports",
        "statute",
        "variation",
    },
    # where -o writes: folders and suffixes
    "outputs": {"errors"},
    # validate runs the pipeline's checks without writing; batch builds through it
    "validate": {"errors", "pipeline", "model", "assemble", "transforms"},
    "batch": {"errors", "outputs", "pipeline"},
    # the web app (s75docs serve): the CLI's work behind pages (check, draft, vary, report)
    "web": {
        "errors",
        "check",
        "pipeline",
        "validate",
        "outputs",
        "model",
        "library",
        "files",
        "variation",
        "reports",
        "diagnostics",
        "words",
        "statute",
    },
    "cli": {
        "web",
        "outputs",
        "validate",
        "batch",
        "errors",
        "words",
        "files",
        "pipeline",
        "model",
        "library",
        "check",
        "diagnostics",
        "statute",
    },
}


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "s75docs" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_dependencies_point_one_way() -> None:
    problems: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = _layer(path)
        if layer in ("__init__", "__main__"):
            continue
        allowed = ALLOWED.get(layer)
        assert allowed is not None, f"{path}: layer '{layer}' has no rule in this test"
        for target in _imports(path) - {layer, "__init__"}:
            if target not in allowed:
                problems.append(f"{path.relative_to(PACKAGE)} imports s75docs.{target}")
    assert problems == []


def test_render_never_sees_the_model() -> None:
    for path in (PACKAGE / "render").rglob("*.py"):
        assert "model" not in _imports(path), path
