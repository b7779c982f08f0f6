"""Carry out clause-level edits by label on an assembled (not yet numbered) agreement."""

from __future__ import annotations

from difflib import get_close_matches

from s75docs.assemble.directives import none_allowed
from s75docs.assemble.outline import OutlineParser
from s75docs.doctree.nodes import Block, Document, Item, Node
from s75docs.errors import ErrorList, InputError, Location, S75Error
from s75docs.model.edits import Edit


def _outline(text: str, level: int, loc: Location) -> list[Block]:
    parser = OutlineParser(loc.file, (loc.line or 1) - 1, none_allowed, headings=False, base=level)
    return parser.parse(text)


def _parse(edit: Edit, level: int, loc: Location) -> list[Item]:
    """The edit's text as one provision: its first line is the provision's own text, and
    '- ' lines under it are its sub-provisions."""
    label = f"{{#{edit.label}}} " if edit.label else ""
    lines = edit.text.strip().split("\n")
    text = "\n".join([f"- {label}{lines[0]}", *(f"  {line}" for line in lines[1:])])
    blocks = _outline(text, level, loc)
    items = [b for b in blocks if isinstance(b, Item)]
    if len(items) != 1 or len(blocks) != 1:
        raise InputError("the text must be one provision (nest sub-provisions with '- ')", loc)
    return items


def apply_edits(doc: Document, edits: list[tuple[Edit, Location]]) -> None:
    """Replace, insert, append or delete labelled provisions; every problem is reported."""
    errors: list[S75Error] = []
    for edit, loc in edits:
        try:
            _apply(doc, edit, loc)
        except S75Error as exc:
            errors.append(exc)
    if errors:
        raise ErrorList(errors)


def _apply(doc: Document, edit: Edit, loc: Location) -> None:
    parents: dict[int, Node] = {id(c): p for p in [doc, *doc.walk()] for c in p.children}
    found = [n for n in doc.walk() if isinstance(n, Item) and n.label == edit.target]
    if not found:
        labels = sorted({n.label for n in doc.walk() if isinstance(n, Item) and n.label})
        close = get_close_matches(edit.target, labels, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise InputError(f"no provision is labelled '{edit.target}'{hint}", loc)
    node = found[0]
    siblings = parents[id(node)].children
    at = [id(c) for c in siblings].index(id(node))
    if edit.action == "delete":
        del siblings[at]
    elif edit.action == "insert_after":
        siblings[at + 1 : at + 1] = _parse(edit, node.level, loc)
    elif edit.action == "append_to":
        if node.level >= 5:
            raise InputError("a provision at the fifth level cannot have sub-provisions", loc)
        node.children += _parse(edit, node.level + 1, loc)
    elif node.level == 1:  # a clause keeps its heading; the text is its sub-clauses ('- ' lines)
        blocks = _outline(edit.text.strip(), 2, loc)
        if not blocks or not all(isinstance(b, Item) for b in blocks):
            raise InputError("write a clause's new text as sub-clauses, each starting '- '", loc)
        node.children = blocks
    else:
        (fresh,) = _parse(edit, node.level, loc)
        fresh.label = node.label
        siblings[at] = fresh
