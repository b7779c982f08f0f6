"""Cross-references: write "Clause 11.4", "paragraph 3 of Schedule 7", "this Clause 21"."""

from __future__ import annotations

import difflib

from s75docs.doctree.nodes import Body, Document, Item, Ref, RefForm, RefPart, Schedule, inlines_of
from s75docs.errors import BuildError, S75Error
from s75docs.transforms.labels import Target
from s75docs.transforms.walk import Where, walk_with_context


def _find(ref_label: str, scope: str | None, labels: dict[str, Target]) -> Target | None:
    if scope and f"{scope}.{ref_label}" in labels:
        return labels[f"{scope}.{ref_label}"]
    return labels.get(ref_label)


def _number(target: Target) -> RefPart:
    node = target.node
    if isinstance(node, Schedule):
        return RefPart(f"Schedule {node.number}", node.bookmark)
    return RefPart(node.full_number, node.bookmark)


def _noun(target: Target, plural: bool) -> str:
    if isinstance(target.division, Body):
        return "Clauses" if plural else "Clause"
    return "paragraphs" if plural else "paragraph"


def _parts(ref: Ref, first: Target, last: Target | None, where: Where) -> list[RefPart]:
    node = first.node
    if isinstance(node, Schedule):
        if ref.form is RefForm.THIS or (where.division is node and last is None):
            return [RefPart("this Schedule")]
        return [_number(first)]  # ranges of schedules are refused by resolve_references
    parts: list[RefPart] = []
    if ref.form is RefForm.THIS:
        parts.append(RefPart("this "))
    parts.append(RefPart(_noun(first, last is not None) + " "))
    parts.append(_number(first))
    if last is not None:
        parts += [RefPart(" to "), _number(last)]
    division = first.division
    if isinstance(division, Schedule) and ref.form is not RefForm.THIS:
        if where.division is division:
            parts.append(RefPart(" of this Schedule"))
        else:
            parts += [RefPart(" of "), RefPart(f"Schedule {division.number}", division.bookmark)]
    return parts


def resolve_references(doc: Document, labels: dict[str, Target]) -> list[S75Error]:
    """Fill every Ref's parts; unknown, mixed or backwards references are errors."""
    errors: list[S75Error] = []
    known = list(labels)
    for node, where in walk_with_context(doc):
        for ref in (i for i in inlines_of(node) if isinstance(i, Ref)):
            loc = ref.location if ref.location.file else node.location
            first = _find(ref.target, ref.scope, labels)
            last = _find(ref.end, ref.scope, labels) if ref.end else None
            missing = [x for x, t in ((ref.target, first), (ref.end, last)) if x and t is None]
            if missing or first is None:
                for name in missing:
                    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    errors.append(BuildError(f"unknown label '{name}'{hint}", loc))
                continue
            if last is not None and isinstance(first.node, Schedule):
                errors.append(
                    BuildError(
                        f"[[{ref.target}..{ref.end}]]: cite schedules one by one, not as a range",
                        loc,
                    )
                )
                continue
            if last is not None and (
                last.division is not first.division or type(last.node) is not type(first.node)
            ):
                errors.append(
                    BuildError(f"range [[{ref.target}..{ref.end}]] spans different parts", loc)
                )
                continue
            if ref.form is RefForm.THIS and isinstance(first.node, Item):
                top = where.top
                if top is None or (
                    top is not first.node
                    and node is not first.node
                    and not _contains(first.node, node)
                ):
                    errors.append(
                        BuildError(
                            f"[[{ref.target}|this]] is used outside the provision it names", loc
                        )
                    )
                    continue
            ref.parts = _parts(ref, first, last, where)
            ref.resolved = first.node.label or ""
    return errors


def _contains(outer: Item, inner: object) -> bool:
    return any(n is inner for n in outer.walk())
