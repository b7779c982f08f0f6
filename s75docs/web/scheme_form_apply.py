"""The form's values written back into the draft's YAML, keeping the user's text: a changed
value replaces only its own scalar (so every comment survives); a value given for a field
the YAML leaves out is added as one line; a contribution or partner added or removed is one
item of its list written or taken out, and the notes say what changed that way."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from s75docs.web.scheme_form import (
    TRUE,
    Cell,
    Column,
    Field,
    Form,
    Group,
    PathKey,
    Row,
    Table,
    child,
    compose,
    items,
    node_at,
    scalar,
    year_of,
)

Get = Callable[[str], str | None]
GetList = Callable[[str], list[str]]


@dataclass
class Edit:
    start: int
    end: int
    text: str


@dataclass
class Applied:
    text: str
    notes: list[str]


_PLAIN_TEXT = re.compile(r"^[A-Za-z0-9(£][^#:\n\"'{}\[\]]*$")


def _plain(text: str) -> bool:
    """Whether `text` may be written without quotes and read back as the same text."""
    if not _PLAIN_TEXT.match(text) or text != text.strip():
        return False
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def scalar_text(kind: str, value: str, was_plain: bool = True) -> str:
    """How the YAML writes a value the form gives."""
    if kind == "checkbox":
        return "true" if value in TRUE else "false"
    if kind == "integer":
        return value if re.fullmatch(r"\d{1,9}", value) else quoted(value)
    if kind == "date":
        return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else quoted(value)
    if kind == "money":
        plain = re.fullmatch(r"\d+(\.\d+)?", value) and was_plain
        return value if plain else quoted(value)
    return value if _plain(value) else quoted(value)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_after(text: str, index: int) -> int:
    """The start of the line after the one `index` is on (or `index` at a line's start)."""
    if index == 0 or text[index - 1] == "\n":
        return index
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def end_of(text: str, node: yaml.Node) -> int:
    """Where the node's last line ends (its trailing comments are not part of it)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return end_of(text, node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return end_of(text, node.value[-1])
    return _line_after(text, node.end_mark.index)


class Writer:
    """Edits of the draft's text, made against its node positions, applied at once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.root = compose(text)
        self.edits: list[Edit] = []
        self.in_place = 0
        self.notes: list[str] = []

    def replace(self, node: yaml.Node, new: str) -> None:
        start, end = node.start_mark.index, node.end_mark.index
        block = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
        if block or (isinstance(node, yaml.SequenceNode) and not node.flow_style):
            end = end_of(self.text, node)
            new += "\n"
        self.edits.append(Edit(start, end, new))
        self.in_place += 1

    def add_key(self, parent: yaml.Node | None, key: str, new: str) -> bool:
        if not isinstance(parent, yaml.MappingNode) or parent.flow_style or not parent.value:
            return False
        indent = parent.value[0][0].start_mark.column
        at = end_of(self.text, parent)
        self.edits.append(Edit(at, at, f"{' ' * indent}{key}: {new}\n"))
        self.in_place += 1
        return True

    def remove_key(self, parent: yaml.Node | None, key: str) -> None:
        if not isinstance(parent, yaml.MappingNode) or parent.flow_style:
            return
        for k, v in parent.value:
            if k.value == key:
                self.edits.append(
                    Edit(_line_start(self.text, k.start_mark.index), end_of(self.text, v), "")
                )
                self.in_place += 1

    def remove_item(self, node: yaml.Node) -> None:
        self.edits.append(
            Edit(_line_start(self.text, node.start_mark.index), end_of(self.text, node), "")
        )

    def append_item(self, sequence: yaml.Node | None, lines: list[str]) -> bool:
        """Add an item (`lines`, as "- key: value" and "  key: value") after the last."""
        if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style:
            return False
        if not sequence.value:
            return False
        first = sequence.value[0].start_mark
        start = _line_start(self.text, first.index)
        dash = self.text.rfind("-", start, first.index) - start
        at = end_of(self.text, sequence)
        self.edits.append(Edit(at, at, "".join(f"{' ' * dash}{line}\n" for line in lines)))
        return True

    def result(self) -> str:
        text = self.text
        removed = [(e.start, e.end) for e in self.edits if e.start < e.end and not e.text]
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end), reverse=True):
            inside = any(
                s <= edit.start and edit.end <= e and (s, e) != (edit.start, edit.end)
                for s, e in removed
            )
            if inside:
                continue
            text = text[: edit.start] + edit.text + text[edit.end :]
        return text


def _path(path: str) -> PathKey:
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        parts.append(int(index) if index else name)
    return tuple(parts)


def _fields(writer: Writer, fields: list[Field], get: Get, get_list: GetList) -> None:
    for f in fields:
        path = _path(f.path)
        parent = node_at(writer.root, path[:-1])
        node = child(parent, path[-1])
        if f.kind == "choices":
            if get("seen:" + f.path) is None:
                continue
            ticked = get_list(f.name)
            chosen = [c for c in f.chosen if c in ticked] + [c for c in ticked if c not in f.chosen]
            if set(chosen) != set(f.chosen):
                new = "[" + ", ".join(chosen) + "]"
                if node is not None:
                    writer.replace(node, new)
                else:
                    writer.add_key(parent, str(path[-1]), new)
            continue
        posted = get(f.name)
        if f.kind == "checkbox":
            if get("seen:" + f.path) is None:
                continue
            posted = "true" if posted is not None else "false"
        if posted is None:
            continue
        posted = posted.replace("\r\n", "\n").strip()
        if posted == f.value.strip():
            continue
        if node is None:
            if posted == "" or (f.kind == "checkbox" and posted == str(f.default).lower()):
                continue
            if not writer.add_key(parent, str(path[-1]), scalar_text(f.kind, posted)):
                writer.notes.append(f"{f.path} could not be added here: add it in the YAML editor")
        elif posted == "" and not f.required and f.kind != "checkbox":
            writer.remove_key(parent, str(path[-1]))
        else:
            plain = isinstance(node, yaml.ScalarNode) and node.style is None
            writer.replace(node, scalar_text(f.kind, posted, plain))


def _entry_lines(partner: str, line: str, year: str, amount: str) -> list[str]:
    return [
        f"- partner: {scalar_text('text', partner)}",
        f"  line: {scalar_text('text', line)}",
        f"  year: {scalar_text('text', year)}",
        f"  amount: {quoted(amount)}",
    ]


def _table(writer: Writer, t: Table, get: Get) -> None:
    """The contributions table posted back: changed amounts, partners, lines and years in
    place; a new amount a new contribution; a cleared amount its contribution removed."""
    i = t.scheme
    sequence = node_at(writer.root, ("schemes", i, "contributions"))
    entries = items(sequence)

    def at(k: int, name: str) -> yaml.Node | None:
        return child(entries[k], name)

    def count(name: str) -> int:
        text = get(name) or "0"
        return min(int(text), 500) if text.isdigit() else 0

    def key(name: str, size: int) -> int | None:
        text = get(name) or ""
        return int(text) if text.isdigit() and int(text) < size else None

    rows = [
        (
            key(f"t{i}-r{p}-id", len(t.rows)),
            (get(f"t{i}-r{p}-partner") or "").strip(),
            (get(f"t{i}-r{p}-line") or "").strip(),
        )
        for p in range(count(f"t{i}-rows"))
    ]
    columns = [
        (key(f"t{i}-y{q}-id", len(t.columns)), (get(f"t{i}-y{q}") or "").strip())
        for q in range(count(f"t{i}-cols"))
    ]
    added = removed = 0
    for c, year in columns:
        if c is None or year == t.columns[c].year:
            continue
        for row in t.rows:
            k = row.cells[c].entry
            if k is not None and at(k, "year") is not None:
                node = at(k, "year")
                assert node is not None
                writer.replace(node, scalar_text("text", year))
    for p, (r, partner, line) in enumerate(rows):
        known = t.rows[r] if r is not None else None
        if known is not None:
            for cell in known.cells:
                k = cell.entry
                for name, new, old in (
                    ("partner", partner, known.partner),
                    ("line", line, known.line),
                ):
                    node = at(k, name) if k is not None else None
                    if node is not None and new != old:
                        writer.replace(node, scalar_text("text", new))
        for q, (c, year) in enumerate(columns):
            value = (get(f"t{i}-r{p}-c{q}") or "").strip()
            here = known.cells[c] if known is not None and c is not None else None
            k = here.entry if here is not None else None
            if k is not None:
                node = at(k, "amount")
                if not value:
                    writer.remove_item(entries[k])
                    removed += 1
                elif node is not None and value != scalar(node):
                    plain = isinstance(node, yaml.ScalarNode) and node.style is None
                    writer.replace(node, scalar_text("money", value, plain))
            elif value:
                if writer.append_item(sequence, _entry_lines(partner, line, year, value)):
                    added += 1
                else:
                    writer.notes.append(
                        f"schemes[{i}].contributions: a new amount could not be added here:"
                        " add it in the YAML editor"
                    )
    name = scheme_name(writer, i)
    if added:
        writer.notes.append(
            f"{added} contribution{'s' if added > 1 else ''} added at the end of"
            f" {name}'s list of contributions."
        )
    if removed:
        them = "them" if removed > 1 else "it"
        writer.notes.append(
            f"{removed} contribution{'s' if removed > 1 else ''} removed from"
            f" {name} (an amount was cleared), with any other fields and"
            f" comments in {them}."
        )


def scheme_name(writer: Writer, i: int) -> str:
    node = node_at(writer.root, ("schemes", i))
    return scalar(child(node, "name")) or scalar(child(node, "id")) or f"scheme {i + 1}"


NEW_PARTNER = [
    "- key: {key}",
    '  legal_name: ""',
    '  short_name: ""',
    "  kind: {kind}",
    "  address:",
    "    lines:",
    '      - ""',
    '    postcode: ""',
    "  contacts:",
    '    - name: ""',
    '      role: ""',
    '      email: ""',
]


def apply(text: str, form: Form, get: Get, get_list: GetList, action: str = "") -> Applied:
    """The draft's text with the form's values (and one `action`) written into it."""
    writer = Writer(text)
    groups: list[Group] = [g for g in (form.agreement,) if g is not None]
    groups += form.partners + [g for g, _ in form.schemes]
    for g in groups:
        _fields(writer, g.fields(), get, get_list)
    for _, t in form.schemes:
        if t is not None:
            _table(writer, t, get)
    partners = node_at(writer.root, ("partners",))
    if action == "add-partner":
        keys = {scalar(child(p, "key")) for p in items(partners)}
        number = next(n for n in range(len(keys) + 1, len(keys) + 100) if f"partner{n}" not in keys)
        lines = [line.format(key=f"partner{number}", kind="icb") for line in NEW_PARTNER]
        if writer.append_item(partners, lines):
            writer.notes.append(
                f"Partner partner{number} added at the end of the partners: fill"
                " in its fields below (its address lines are in"
                " the YAML editor)."
            )
    elif action.startswith("remove-partner:"):
        index = action.split(":", 1)[1]
        node = child(partners, int(index)) if index.isdigit() else None
        if node is not None:
            writer.remove_item(node)
            writer.notes.append(
                f"Partner {scalar(child(node, 'key')) or int(index) + 1} removed,"
                " with the comments written inside it."
            )
    new = writer.result()
    if writer.in_place:
        writer.notes.insert(
            0,
            f"{writer.in_place} value{'s' if writer.in_place > 1 else ''}"
            " changed in place in the YAML: its comments are kept.",
        )
    return Applied(new, writer.notes)


def carry(form: Form, get: Get) -> None:
    """Keep in the tables the rows and years the form posted that hold no amount yet (a row
    or year just added), so they are still there to fill in."""
    for _, t in form.schemes:
        if t is None:
            continue
        i = t.scheme
        rows = int(get(f"t{i}-rows") or 0) if (get(f"t{i}-rows") or "").isdigit() else 0
        cols = int(get(f"t{i}-cols") or 0) if (get(f"t{i}-cols") or "").isdigit() else 0
        have = {year_of(c.year) for c in t.columns}
        for q in range(min(cols, 50)):
            year = (get(f"t{i}-y{q}") or "").strip()
            if year_of(year) not in have or not year:
                have.add(year_of(year))
                add_column(t, year)
        known = {(r.partner, r.line) for r in t.rows}
        for p in range(min(rows, 500)):
            partner = (get(f"t{i}-r{p}-partner") or "").strip()
            line = (get(f"t{i}-r{p}-line") or "").strip()
            if (partner, line) not in known:
                known.add((partner, line))
                add_row(t, partner, line)


def add_row(t: Table, partner: str = "", line: str = "") -> None:
    p = len(t.rows)
    cells = [Cell(None, "", f"t{t.scheme}-r{p}-c{q}") for q in range(len(t.columns))]
    t.rows.append(Row(None, partner, line, cells))


def add_column(t: Table, year: str = "") -> None:
    q = len(t.columns)
    t.columns.append(Column(None, year))
    for p, row in enumerate(t.rows):
        row.cells.append(Cell(None, "", f"t{t.scheme}-r{p}-c{q}"))
