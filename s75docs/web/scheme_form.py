"""The Draft page's form, generated from the scheme's JSON Schema (`s75docs schema`): each
field the schema gives a plain value (text, date, number, money, a choice, yes/no) becomes an
input, labelled with the field's title and hinted with its description, valued as the YAML
writes it. Partners and schemes are a fieldset each; a scheme's contributions are a table
(partner and line by financial year). Fields the form does not cover (lists of text, maps)
are listed as kept in the YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from s75docs.model.loader import format_path
from s75docs.model.money import parse_financial_year

PathKey = tuple[str | int, ...]
Schema = dict[str, Any]

TRUE = {"true", "yes", "on", "y"}
_ACRONYMS = {"bcf": "BCF", "icb": "ICB", "nhs": "NHS", "cqc": "CQC", "dfg": "DFG", "id": "ID"}
PARTNER_KEYS = {
    "host",
    "lead_commissioner",
    "provider",
    "employer",
    "of",
    "to",
    "holder",
    "provided_by",
    "used_by",
    "cqc_registered",
}  # fields that name a partner by its key
MAX_DEPTH = 4  # agreement > joint_posts > [0] > funding: deeper objects are kept as written


@cache
def schema() -> Schema:
    from s75docs.model.scheme import SchemeFile

    return SchemeFile.model_json_schema()


def _def(ref: str) -> Schema:
    found: Schema = schema()["$defs"][ref.rsplit("/", 1)[-1]]
    return found


def _resolve(prop: Schema) -> Schema:
    """The property's own schema: a $ref followed, 'or null' dropped."""
    if "$ref" in prop:
        return {**_def(prop["$ref"]), **{k: v for k, v in prop.items() if k != "$ref"}}
    options = [p for p in prop.get("anyOf", []) if p.get("type") != "null"]
    if len(options) == 1:
        return _resolve({**options[0], **{k: v for k, v in prop.items() if k != "anyOf"}})
    return prop


def kind_of(prop: Schema) -> str | None:
    """The input a property gets, or None when the form does not cover it."""
    resolved = _resolve(prop)
    types = {p.get("type") for p in resolved.get("anyOf", [])} - {"null"}
    if types == {"number", "string"}:
        return "money"
    if "enum" in resolved:
        return "select"
    kind = resolved.get("type")
    if kind == "string":
        return "date" if resolved.get("format") == "date" else "text"
    if kind == "integer":
        return "integer"
    if kind == "number":
        return "money"
    if kind == "boolean":
        return "checkbox"
    if kind == "object" and "properties" in resolved:
        return "object"
    if kind == "array":
        items = _resolve(resolved.get("items", {}))
        if "enum" in items:
            return "choices"
        if items.get("type") == "object" and "properties" in items:
            return "objects"
    return None


def label_of(name: str) -> str:
    words = [_ACRONYMS.get(w, w) for w in name.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def dom_id(path: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")


@dataclass
class Field:
    path: str  # the CLI's field path: "partners[0].legal_name"
    label: str
    hint: str
    kind: str  # text, date, integer, money, select, checkbox, choices
    required: bool
    value: str  # as the YAML writes it ("" when absent); "true"/"false" for a checkbox
    options: list[str] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)  # a "choices" field's values
    present: bool = True
    default: Any = None
    long: bool = False  # a textarea
    partner_key: bool = False  # names a partner by its key: the keys are offered
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return dom_id(self.path)

    @property
    def name(self) -> str:
        return "v:" + self.path


@dataclass
class Group:
    title: str
    path: str
    items: list[Field | Group]
    kept: list[str]  # fields written in the YAML that the form does not show
    index: int | None = None  # a partner's or scheme's place in its list

    @property
    def id(self) -> str:
        return dom_id(self.path)

    def fields(self) -> list[Field]:
        found: list[Field] = []
        for item in self.items:
            found.extend([item] if isinstance(item, Field) else item.fields())
        return found


@dataclass
class Cell:
    entry: int | None  # the contribution's index in the scheme's list
    value: str
    id: str
    errors: list[str] = field(default_factory=list)


@dataclass
class Row:
    key: int | None  # its place in the table as the YAML gives it (None: a new row)
    partner: str
    line: str
    cells: list[Cell]
    errors: dict[str, list[str]] = field(default_factory=dict)  # "partner"/"line"


@dataclass
class Column:
    key: int | None
    year: str
    errors: list[str] = field(default_factory=list)


@dataclass
class Table:
    scheme: int
    partners: list[str]
    rows: list[Row]
    columns: list[Column]
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"t{self.scheme}"


@dataclass
class Form:
    keys: list[str]  # the partners' keys
    agreement: Group | None
    partners: list[Group]
    schemes: list[tuple[Group, Table | None]]
    kept: list[str]  # top-level parts not covered


# -- reading the YAML as nodes (the text as written, with its positions) -----------------


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if k.value == key:
                return v  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]  # type: ignore[no-any-return]
    return None


def node_at(root: yaml.Node | None, path: PathKey) -> yaml.Node | None:
    node = root
    for part in path:
        node = child(node, part)
    return node


def items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def scalar(node: yaml.Node | None) -> str:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null":
            return ""
        return str(node.value)
    return ""


def year_of(text: str) -> str:
    try:
        return parse_financial_year(text)
    except ValueError:
        return text.strip()


# -- the form from the schema and the nodes ------------------------------------------------


def _field(
    name: str, prop: Schema, kind: str, node: yaml.Node | None, path: str, req: bool
) -> Field:
    resolved = _resolve(prop)
    hint = str(prop.get("description") or resolved.get("description") or "")
    hint = hint if len(hint) < 400 else ""  # a class docstring, not a hint
    made = Field(path, label_of(name), hint, kind, req, scalar(node), present=node is not None)
    made.default = prop.get("default")
    if kind == "select":
        made.options = [str(o) for o in resolved["enum"]]
    elif kind == "choices":
        made.options = [str(o) for o in _resolve(resolved["items"])["enum"]]
        if isinstance(node, yaml.SequenceNode):
            made.chosen = [scalar(n) for n in node.value]
        elif node is not None:
            made.chosen = [scalar(node)]
    elif kind == "checkbox":
        value = made.value.lower() if node is not None else str(made.default).lower()
        made.value = "true" if value in TRUE else "false"
    made.partner_key = kind == "text" and name in PARTNER_KEYS
    made.long = kind == "text" and (
        len(made.value) > 70
        or (isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"))
        or name in ("funds", "description", "previous_agreement", "agreement", "charge")
    )
    return made


def group(
    title: str,
    definition: Schema,
    node: yaml.Node | None,
    path: PathKey,
    depth: int,
    skip: tuple[str, ...] = (),
) -> Group:
    """The fields of one object: its plain values as inputs, its objects (written, or
    required) as nested groups, its lists of objects as a group per item."""
    made = Group(title, format_path(path), [], [])
    required = set(definition.get("required", []))
    written = {k.value for k, _ in node.value} if isinstance(node, yaml.MappingNode) else set()
    for name, prop in definition.get("properties", {}).items():
        if name in skip:
            continue
        kind = kind_of(prop)
        value = child(node, name)
        here = (*path, name)
        if kind in (None, "object", "objects") and depth >= MAX_DEPTH:
            kind = None
        if kind == "object":
            if value is None and name not in required:
                continue
            if value is not None and not isinstance(value, yaml.MappingNode):
                made.kept.append(name)
                continue
            made.items.append(group(label_of(name), _resolve(prop), value, here, depth + 1))
        elif kind == "objects":
            if value is None:
                continue
            entries = items(value)
            if not isinstance(value, yaml.SequenceNode) or any(
                not isinstance(e, yaml.MappingNode) for e in entries
            ):
                made.kept.append(name)
                continue
            item_def = _resolve(_resolve(prop)["items"])
            label = label_of(name)
            for i, entry in enumerate(entries):
                made.items.append(group(f"{label} {i + 1}", item_def, entry, (*here, i), depth + 1))
        elif kind is None:
            if name in written:
                made.kept.append(name)
        else:
            if value is not None and not isinstance(value, yaml.ScalarNode) and kind != "choices":
                made.kept.append(name)
                continue
            made.items.append(_field(name, prop, kind, value, format_path(here), name in required))
    return made


def table(index: int, node: yaml.Node | None, partners: list[str]) -> Table | None:
    """A scheme's contributions as rows (partner and line) by columns (financial years)."""
    entries = items(node)
    if node is not None and not isinstance(node, yaml.SequenceNode):
        return None
    if any(not isinstance(e, yaml.MappingNode) for e in entries):
        return None
    rows: dict[tuple[str, str], dict[str, int]] = {}
    years: set[str] = set()
    for k, entry in enumerate(entries):
        if not all(
            isinstance(child(entry, f), (yaml.ScalarNode, type(None)))
            for f in ("partner", "line", "year", "amount")
        ):
            return None
        key = (scalar(child(entry, "partner")), scalar(child(entry, "line")))
        year = year_of(scalar(child(entry, "year")))
        years.add(year)
        rows.setdefault(key, {}).setdefault(year, k)
    columns = [Column(q, y) for q, y in enumerate(sorted(years))]
    made = Table(index, partners, [], columns)
    for p, ((partner, line), cells) in enumerate(rows.items()):
        row = Row(p, partner, line, [])
        for q, column in enumerate(columns):
            at = cells.get(column.year)
            value = scalar(child(entries[at], "amount")) if at is not None else ""
            row.cells.append(Cell(at, value, f"t{index}-r{p}-c{q}"))
        made.rows.append(row)
    return made


def describe(text: str) -> Form:
    """The form for a draft's text (which must parse as YAML)."""
    root = compose(text)
    top = schema()
    keys = [scalar(child(p, "key")) for p in items(child(root, "partners"))]
    agreement = None
    if isinstance(child(root, "agreement"), yaml.MappingNode):
        agreement = group(
            "Agreement", _def("Agreement"), child(root, "agreement"), ("agreement",), 1
        )
    partners = []
    for i, node in enumerate(items(child(root, "partners"))):
        made = group(f"Partner {i + 1}", _def("Partner"), node, ("partners", i), 1)
        made.index = i
        partners.append(made)
    schemes: list[tuple[Group, Table | None]] = []
    for i, node in enumerate(items(child(root, "schemes"))):
        contributions = child(node, "contributions")
        made_table = table(i, contributions, keys)
        skip = ("contributions",) if made_table is not None else ()
        made = group(f"Scheme {i + 1}", _def("Scheme"), node, ("schemes", i), 1, skip)
        made.index = i
        schemes.append((made, made_table))
    kept = [
        str(k.value)
        for k, _ in (root.value if isinstance(root, yaml.MappingNode) else [])
        if k.value not in top["properties"] or k.value == "variations"
    ]
    if agreement is None and child(root, "agreement") is not None:
        kept.append("agreement")
    return Form(keys, agreement, partners, schemes, kept)


def money_total(values: list[str]) -> str | None:
    """The total of amounts as the model reads them, as "£1,234.56"; None if one is invalid."""
    from decimal import Decimal

    from s75docs.model.money import parse_money

    total = Decimal(0)
    for value in values:
        if not value.strip():
            continue
        try:
            amount = parse_money(value)
        except ValueError:
            return None
        if amount < 0:
            return None
        total += amount
    return f"£{total:,.2f}"
