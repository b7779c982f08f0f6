"""Stacked library folders: a council's own library over the default one, by id."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from s75docs.errors import InputError, UsageError
from s75docs.library.source import Kind, Source, parse_source
from s75docs.model.loader import read_yaml


def shipped_folder(name: str) -> Path:
    """A top-level library folder of the repository (setup.py LIBRARY_FOLDERS), as installed
    in the package (s75docs/defaults/NAME), or beside the package in a source checkout, which
    is what an editable install runs from."""
    package = files("s75docs")
    installed = package / "defaults" / name
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    if isinstance(package, Path):
        checkout = package.parent
        if (checkout / name).is_dir() and (checkout / "setup.py").is_file():
            return checkout / name
    raise UsageError(
        f"the default library folder '{name}' is not installed with s75docs (reinstall it,"
        " or name the library folders in S75DOCS_LIBRARY)"
    )


# the default library, in stacking order: clauses, schedules, report wording
DEFAULT_FOLDERS = ("clause_library", "schedule_templates", "report_library")


def default_dirs() -> list[Path]:
    """The shipped clause library and schedule templates (S75DOCS_LIBRARY overrides)."""
    env = os.environ.get("S75DOCS_LIBRARY")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    return [shipped_folder(name) for name in DEFAULT_FOLDERS]


@dataclass
class Library:
    """Every source by "kind:id"; later folders override earlier ones."""

    sources: dict[str, Source] = field(default_factory=dict)
    # data/*.yaml files (e.g. data/bcf.yaml: national conditions by year), by file stem
    data: dict[str, Any] = field(default_factory=dict)
    overridden: list[tuple[Source, Source]] = field(default_factory=list)
    data_files: dict[str, list[Path]] = field(default_factory=dict)  # by stem, in stack order

    def of_kind(self, kind: Kind) -> list[Source]:
        return sorted(
            (s for s in self.sources.values() if s.kind is kind),
            key=lambda s: (s.meta.order, s.id),
        )

    @property
    def definitions(self) -> dict[str, Source]:
        return {s.meta.term: s for s in self.of_kind(Kind.DEFINITION)}


def data_files(directory: Path) -> list[Path]:
    return sorted((directory / "data").glob("*.yaml")) if (directory / "data").is_dir() else []


def library_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise UsageError(f"library folder not found: {directory}")
    return sorted(p for p in directory.rglob("*.md") if p.name.lower() != "readme.md")


def load_library(extra: list[Path] | None = None, *, defaults: bool = True) -> Library:
    """Load the default library, then each extra folder over it."""
    dirs = (default_dirs() if defaults else []) + list(extra or [])
    lib = Library()
    for directory in dirs:
        local: dict[str, Source] = {}
        for path in library_files(directory):
            src = parse_source(path, root=directory)
            key = f"{src.kind.value}:{src.id}"
            if key in local:
                raise InputError(
                    f"{src.kind.value} id '{src.id}' is also used by {local[key].path}",
                    src.location(None),
                )
            local[key] = src
            if key in lib.sources:
                lib.overridden.append((lib.sources[key], src))
            lib.sources[key] = src
    lib.data, lib.data_files = stack_data(dirs)
    return lib


def stack_data(dirs: list[Path]) -> tuple[dict[str, Any], dict[str, list[Path]]]:
    """The library's data files by name, each later folder's merged over the earlier entry by
    entry (a council's `cabinet:` leaves the other kinds of report as they are), and the
    files each came from, in stacking order."""
    data: dict[str, Any] = {}
    files: dict[str, list[Path]] = {}
    for directory in dirs:
        for path in data_files(directory):
            value, _ = read_yaml(path)
            before = data.get(path.stem)
            if isinstance(before, dict) and isinstance(value, dict):
                value = {**before, **value}
            data[path.stem] = value
            files.setdefault(path.stem, []).append(path)
    return data, files
