"""Defined terms: generate the definitions list from the terms the document uses."""

from __future__ import annotations

import difflib
import re

from s75docs.doctree.nodes import (
    Definition,
    DefinitionsList,
    Document,
    Inline,
    Term,
    inlines_of,
)
from s75docs.errors import BuildError, Location, S75Error
from s75docs.transforms.walk import walk_with_context


def sort_key(term: str) -> tuple[str, ...]:
    """Alphabetical as a lawyer expects: case-insensitive, numbers by value first."""
    parts = re.split(r"(\d+)", term.casefold())
    return tuple(p.zfill(8) if p.isdigit() else p for p in parts)


def _terms(inlines: list[Inline]) -> list[Term]:
    return [i for i in inlines if isinstance(i, Term)]


def _definition_terms(entry: Definition) -> list[Term]:
    found = _terms(entry.inlines)
    for limb in entry.children:
        found += _terms(inlines_of(limb))
    return found


def _singular(name: str, available: dict[str, Definition]) -> str:
    """*Schedules* is a use of the defined term "Schedule" (drafters write both forms)."""
    if name in available:
        return name
    for cut in ("s", "es"):
        if name.endswith(cut) and name[: -len(cut)] in available:
            return name[: -len(cut)]
    return name


def expand_definitions(doc: Document) -> list[S75Error]:
    """Fill each DefinitionsList with the used terms; an undefined term is an error."""
    lists = [n for n in doc.walk() if isinstance(n, DefinitionsList)]
    available: dict[str, Definition] = {}
    for dl in lists:
        available.update(dl.library)
    for node in [*doc.walk(), *(d for dl in lists for d in dl.library.values())]:
        for limb in [node, *node.walk()]:
            for t in _terms(inlines_of(limb)):
                t.name = _singular(t.name, available)
    used: dict[str, Location] = {}
    for node, where in walk_with_context(doc):
        if where.in_definitions:
            continue
        for t in _terms(inlines_of(node)):
            used.setdefault(t.name, node.location)
    errors: list[S75Error] = []
    needed: dict[str, Location] = {}
    queue = list(used.items())
    while queue:
        name, loc = queue.pop()
        if name in needed:
            continue
        needed[name] = loc
        entry = available.get(name)
        if entry is None:
            continue
        queue += [(t.name, entry.location) for t in _definition_terms(entry) if t.name != name]
    for name, loc in sorted(needed.items()):
        if name not in available:
            close = difflib.get_close_matches(name, list(available), n=1, cutoff=0.7)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            message = f"term '{name}' is used but not defined{hint}"
            errors.append(BuildError(message, loc, code="lib-undefined-term"))
    if not lists:
        return errors
    chosen = sorted((n for n in needed if n in available), key=sort_key)
    target = lists[0]
    target.children = [available[name] for name in chosen]
    for other in lists[1:]:
        other.children = []
    return errors
