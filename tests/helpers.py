"""Shared test helpers: the mini test library and scheme, and small library builders."""

from __future__ import annotations

import textwrap
from pathlib import Path

from s75docs.doctree.nodes import Document
from s75docs.library.loader import Library, load_library
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "roots" / "mini"
FAIRHAVEN = ROOT / "examples" / "fairhaven" / "scheme.yaml"


def example_libraries(scheme: Path) -> list[Path]:
    """The council library an example is built with (its period wording), if it has one:
    `examples/NAME/library/`, as the README's commands pass it with --library."""
    folder = scheme.parent / "library"
    return [folder] if folder.is_dir() else []


def example_library(scheme: Path) -> Library:
    return load_library(example_libraries(scheme))


def mini_library() -> Library:
    return load_library([MINI / "library"], defaults=False)


def mini_scheme() -> SchemeFile:
    return load_scheme(MINI / "scheme.yaml")


def mini_tree() -> Document:
    return build_tree(mini_scheme(), mini_library())


def write_library(root: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} into root; text is dedented."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root
