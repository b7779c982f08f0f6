"""Cross-references: write "Clause 11.4", "paragraph 3 of Schedule 7", "this Clause 21"."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from s75docs.doctree.cite import Citation, CiteKind, Slot
from s75docs.doctree.nodes import (
    Document,
    Item,
    Ref,
    RefForm,
    RefPart,
    Schedule,
    Table,
    inlines_of,
    number_bookmark,
    typed_number,
)
from s75docs.errors import BuildError, S75Error
from s75docs.transforms.labels import Labels, Target
from s75docs.transforms.walk import Where, walk_with_context


def _find(name: str, scope: str | None, labels: Labels) -> Target | None:
    if scope and f"{scope}.{name}" in labels:
        return labels[f"{scope}.{name}"]
    return labels.get(name)


def _parts(ref: Ref, first: Target, last: Target | None, where: Where, own: bool) -> list[RefPart]:
    """The citation's pieces; its numbers are live fields only when the target is in the
    same document (`own`)."""
    cite = first.citation(last)
    here = own and (
        first.node is where.division
        if isinstance(first.node, Schedule)
        else first.division is where.division and isinstance(first.division, Schedule)
    )
    if isinstance(first.node, Schedule) and last is not None:
        here = False
    bookmarks = {
        Slot.TARGET: first.node.bookmark,
        Slot.END: last.node.bookmark if last is not None else None,
        Slot.SCHEDULE: first.division.bookmark if first.division is not None else None,
    }
    nodes = {
        Slot.TARGET: first.node,
        Slot.END: last.node if last is not None else None,
        Slot.SCHEDULE: first.division,
    }
    pieces = cite.pieces(this=ref.form is RefForm.THIS, here=here)
    out: list[RefPart] = []
    for p in pieces:
        mark = bookmarks[p.slot] if own and p.slot is not None else None
        node = nodes[p.slot] if p.slot is not None else None
        if mark is None or not typed_number(node):
            out.append(RefPart(p.text, mark))
        elif p.text == _own_number(node):  # a lettered provision: its typed number
            out.append(RefPart(p.text, number_bookmark(mark), typed=True))
        else:  # under a lettered provision, "13.1.3A(a)": no one field holds it
            out.append(RefPart(p.text))
    return out


def _own_number(node: object) -> str:
    """The text a typed number's bookmark holds: "13.1.3A", "Schedule 6A"."""
    if isinstance(node, Schedule):
        return f"{node.name} {node.number}"
    return node.number if isinstance(node, Item) else ""


def _listed(targets: list[Target]) -> list[RefPart]:
    """Several schedules: "Schedules 1 to 6" when three or more run on, else "Schedules 1,
    3 and 5" ("Schedules 1 and 2")."""
    numbers = [t.node.number for t in targets if isinstance(t.node, Schedule)]
    values = [int(n) for n in numbers if n.isdigit()]
    name = targets[0].node.name if isinstance(targets[0].node, Schedule) else "Schedule"
    run_on = values == list(range(values[0], values[0] + len(values))) if values else False
    if len(values) == len(numbers) > 2 and run_on:
        cite = Citation(CiteKind.SCHEDULE, numbers[0], numbers[-1], name=name)
    else:
        cite = Citation(CiteKind.SCHEDULE, name=name, numbers=tuple(numbers))
    return [RefPart(p.text) for p in cite.pieces()]


def resolve_references(
    doc: Document, labels: Labels, external: Mapping[str, Labels] | None = None
) -> list[S75Error]:
    """Fill every Ref's parts; unknown, mixed or backwards references are errors.

    `external` holds other documents' labels by domain ("" for the one cited by default,
    "varied" for the agreement as varied): a Board report cites its agreement so, as Sphinx
    resolves across documents. A reference to another document is words only, never a field.
    """
    errors: list[S75Error] = []
    others = dict(external or {})
    for node, where in walk_with_context(doc):
        for ref in (i for i in inlines_of(node) if isinstance(i, Ref)):
            loc = ref.location if ref.location.file else node.location
            table, own = labels, True
            if ref.domain:
                if ref.domain not in others:
                    errors.append(BuildError(f"unknown document '{ref.domain}:'", loc))
                    continue
                table, own = others[ref.domain], False
            elif "" in others and _find(ref.target, ref.scope, labels) is None:
                table, own = others[""], False
            first = _find(ref.target, ref.scope, table)
            last = _find(ref.end, ref.scope, table) if ref.end else None
            more = [_find(name, ref.scope, table) for name in ref.also]
            names = [ref.target, *([ref.end] if ref.end else []), *ref.also]
            found = [first, *([last] if ref.end else []), *more]
            missing = [name for name, t in zip(names, found, strict=True) if t is None]
            if missing or first is None:
                for name in missing:
                    close = difflib.get_close_matches(name, list(table), n=1, cutoff=0.6)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    message = f"unknown label '{name}'{hint}"
                    errors.append(BuildError(message, loc, code="lib-unknown-label"))
                continue
            if isinstance(first.node, Table) and not first.node.number:
                errors.append(
                    BuildError(
                        f"[[{ref.target}]] names a table, and this document does not number its"
                        " tables: cite the provision the table stands in",
                        loc,
                    )
                )
                continue
            if ref.also:
                listed = [first, *(t for t in more if t is not None)]
                if not all(isinstance(t.node, Schedule) for t in listed):
                    errors.append(
                        BuildError(f"[[{','.join(names)}]]: only schedules can be listed", loc)
                    )
                    continue
                ref.parts = _listed(listed)
                ref.resolved = first.node.label or ""
                continue
            if last is not None and isinstance(first.node, Schedule) and own:
                errors.append(
                    BuildError(
                        f"[[{ref.target}..{ref.end}]]: cite schedules one by one, not as a range",
                        loc,
                    )
                )
                continue
            if last is not None and (
                type(last.node) is not type(first.node)
                or (last.division is not first.division and not isinstance(first.node, Schedule))
            ):
                errors.append(
                    BuildError(f"range [[{ref.target}..{ref.end}]] spans different parts", loc)
                )
                continue
            if ref.form is RefForm.THIS and isinstance(first.node, Item):
                top = where.top
                if (
                    not own
                    or top is None
                    or (
                        top is not first.node
                        and node is not first.node
                        and not _contains(first.node, node)
                    )
                ):
                    errors.append(
                        BuildError(
                            f"[[{ref.target}|this]] is used outside the provision it names", loc
                        )
                    )
                    continue
            ref.parts = _parts(ref, first, last, where, own)
            ref.resolved = first.node.label or ""
    return errors


def _contains(outer: Item, inner: object) -> bool:
    return any(n is inner for n in outer.walk())
