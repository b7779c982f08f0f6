"""The labels library text declares (files, {#labels}, tables its directives make), so that a
citation of one can be checked before any agreement is built: by lint, and by a report."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from s75docs.library.directives import DIRECTIVES, table_label
from s75docs.library.source import Kind, Source

DECL = re.compile(r"^\s*-\s+\{#([a-z0-9][a-z0-9.-]*)\}|\{#([a-z0-9][a-z0-9.-]*)\}\s*$")
_DIRECTIVE_NAME = re.compile(r"^\s*::\s+([a-z][a-z0-9-]*)")


@dataclass
class Declared:
    """Every label declared, where; a repeated schedule's own labels are scoped to it."""

    places: dict[str, list[tuple[Source, int]]] = field(default_factory=lambda: defaultdict(list))
    local: dict[Path, set[str]] = field(default_factory=lambda: defaultdict(set))
    repeat: set[str] = field(default_factory=set)  # labels of schedules made once a scheme

    @classmethod
    def of(cls, sources: Iterable[Source]) -> Declared:
        out = cls()
        for src in sources:
            if src.kind in (Kind.CLAUSE, Kind.SCHEDULE):
                out.places[src.label].append((src, 0))
            if src.meta.repeat:
                out.repeat.add(src.label)
            for n, line in enumerate(src.body.split("\n"), start=1):
                made = _DIRECTIVE_NAME.match(line)
                if made and made.group(1) in DIRECTIVES and DIRECTIVES[made.group(1)].labels:
                    out.places[table_label(made.group(1))].append((src, n))
                for m in DECL.finditer(line):
                    name = m.group(1) or m.group(2)
                    if src.meta.repeat:
                        out.local[src.path].add(name)
                    else:
                        out.places[name].append((src, n))
        return out

    def unknown(self, name: str, within: Path | None = None) -> str | None:
        """Why `name` is no label of the library ("unknown label 'x'"), or None if it is one.
        A name built by Jinja ("scheme-{{ s.id }}") is known when a label starts so."""
        local = self.local.get(within, set()) if within is not None else set()
        if "{{" in name:
            prefix = name.split("{{")[0].rstrip("-")
            if prefix in self.repeat or any(label.startswith(prefix) for label in self.places):
                return None
        if name in local or name in self.places:
            return None
        scope, _, inner = name.partition(".")
        if inner and any(scope == r or scope.startswith(f"{r}-") for r in self.repeat):
            return None
        if any(name == r or name.startswith(f"{r}-") for r in self.repeat):
            return None  # a scheme's own schedule ("scheme-bcf")
        return f"unknown label '{name}'"

    def in_repeated(self, label: str) -> bool:
        """Whether a schedule made once a scheme declares this label ("spec-aims")."""
        return any(label in labels for labels in self.local.values())

    def suggestion(self, name: str, within: Path | None = None) -> str:
        local = self.local.get(within, set()) if within is not None else set()
        close = difflib.get_close_matches(name, [*self.places, *local], n=1, cutoff=0.6)
        return f"did you mean '{close[0]}'?" if close else "declare it with {#" + name + "}"
