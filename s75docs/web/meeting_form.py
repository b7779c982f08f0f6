"""The meeting file as a form: its inputs generated from the Meeting model's fields (labels
from the field names, hints from their descriptions, a fieldset for each part, repeatable
groups for lists of parts), the form's values written back as meeting YAML, and a meeting
file read into the form's values. Each input is named by its field path as the CLI's
messages write it ("authors[0].email"), so an error lands beside its input."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, Union

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from s75docs.model.meeting import Meeting

Shape = Literal["text", "textarea", "date", "lines", "yesno", "choice"]

# fields whose answer is a paragraph or more
LONG = {
    "decision",
    "comments",
    "outcome",
    "deadline_reason",
    "finance",
    "equality",
    "staffing",
    "environment",
    "community_safety",
    "data_protection",
    "procurement",
    "conflicts_of_interest",
}
# hints for fields the model leaves undescribed
HINTS = {
    "agenda_item": "e.g. '9'",
    "wards": "One per line (council reports).",
    "forward_plan_reference": "e.g. 'FP/2026/031' (cabinet and executive reports)",
    "consultations": "At least one: the Regulations require the partners to consult jointly.",
    "previous_decisions": "Decisions already taken on the matter, oldest first.",
    "timetable": "The meeting, the decision deadline, the signing and start dates are added"
    " from the data.",
    "background_papers": "Documents relied on in writing the report.",
    "implications": "Extra text for the implications sections; equality and finance are added"
    " after the standard paragraphs, the others replace the standard statement.",
    "email": "e.g. 'daniel.okoro@fairhaven.example.org'",
    "reference": "minute or decision number",
}
# hints for one field by its path, where the model's description (shared by the finance and
# legal officers, or written for the meeting file) would mislead on the form
PATH_HINTS = {
    "partner": "Which partner's meeting this is, by the short label the scheme file gives"
    " each partner under 'key' (for example 'council' or 'icb'). Leave it blank for the first"
    " council (Cabinet, Executive, Health and Wellbeing Board reports) or the first NHS body"
    " (ICB Board reports).",
    "implications.legal_officer.name": "The officer's name, e.g. 'Sam Adeyemi'",
    "implications.legal_officer.role": "The post and statutory role, e.g. 'Director of Law"
    " and Governance (Monitoring Officer)'",
    "key_decision": "Whether it is a key decision. Required for Cabinet and Executive reports.",
    "lead_member": "The cabinet member responsible. Required for Cabinet and Executive reports.",
}
SINGULAR = {
    "authors": "author",
    "consultations": "consultation",
    "previous_decisions": "previous decision",
    "timetable": "step",
    "background_papers": "background paper",
}
CHOICE_LABELS = {"approve": "Approve", "endorse": "Endorse (recommend to the partners)"}
_INDEX = re.compile(r"^(.*)\[(\d+)\]")
MAX_ENTRIES = 100  # entries of one list the form shows, at most (authors, consultations...)


def label_of(name: str) -> str:
    return name.replace("_", " ").capitalize()


def sentence(text: str) -> str:
    """A description as a hint: "the director (a role)..." -> "The director (a role)..."."""
    return text[:1].upper() + text[1:] if text else ""


def input_id(path: str) -> str:
    return "m-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type inside Optional[...] and Annotated[...], and whether None is allowed."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        else:
            return annotation, optional


def _model(annotation: Any) -> type[BaseModel] | None:
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


@dataclass
class Input:
    """One input: a field that holds text, a date, lines, yes/no or a choice."""

    path: str  # the field path, as the CLI's messages write it: "authors[0].email"
    label: str
    hint: str
    shape: Shape
    optional: bool
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    value: str = ""
    error: str = ""
    autofocus: bool = False

    @property
    def id(self) -> str:
        return input_id(self.path)

    @property
    def first_id(self) -> str:
        """The element an error links to (the first radio of a choice)."""
        return f"{self.id}-{self.choices[0][0]}" if self.choices else self.id


@dataclass
class Group:
    """A fieldset: a part of the meeting, one entry of a list of parts, or the list."""

    path: str
    legend: str
    hint: str
    optional: bool
    children: list[Input | Group] = field(default_factory=list)
    repeat: str = ""  # for a list: what one entry is called ("author"); "add another" adds one
    error: str = ""

    @property
    def id(self) -> str:
        return input_id(self.path)

    @property
    def first_id(self) -> str:
        return self.id


Node = Input | Group


def _default(info: FieldInfo) -> Any:
    if info.default_factory is not None:
        return info.default_factory()  # type: ignore[call-arg]
    return info.default


def _count(path: str, values: Mapping[str, str], counts: Mapping[str, int]) -> int:
    """How many entries of the list at `path` the form shows: those with values, or the
    count it showed last, and at least one."""
    most = counts.get(path, 1)
    prefix = path + "["
    for key in values:
        if key.startswith(prefix):
            index = key[len(prefix) :].split("]", 1)[0]
            if index.isdigit() and len(index) < 4:
                most = max(most, int(index) + 1)
    return min(max(most, 1), MAX_ENTRIES)


def build(
    values: Mapping[str, str],
    counts: Mapping[str, int],
    model: type[BaseModel] = Meeting,
    prefix: str = "",
) -> list[Node]:
    """The form's inputs for `model`, filled with `values` (by field path)."""
    nodes: list[Node] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        inner, none_ok = _unwrap(info.annotation)
        optional = none_ok or not info.is_required()
        hint = PATH_HINTS.get(path) or sentence(info.description or HINTS.get(name, ""))
        label = label_of(name)
        sub = _model(inner)
        if sub is not None:
            group = Group(path, label, hint, optional, build(values, counts, sub, path))
            nodes.append(group)
            continue
        if typing.get_origin(inner) is list:
            item, _ = _unwrap(typing.get_args(inner)[0])
            sub = _model(item)
            if sub is not None:
                one = SINGULAR.get(name, name)
                entries: list[Node] = [
                    Group(
                        f"{path}[{i}]",
                        f"{one.capitalize()} {i + 1}",
                        "",
                        False,
                        build(values, counts, sub, f"{path}[{i}]"),
                    )
                    for i in range(_count(path, values, counts))
                ]
                nodes.append(Group(path, label, hint, optional, entries, repeat=one))
                continue
            if "One per line" not in hint:
                hint = f"{hint}. One per line." if hint else "One per line."
            nodes.append(Input(path, label, hint, "lines", optional, value=values.get(path, "")))
            continue
        shape: Shape = "text"
        choices: list[tuple[str, str]] = []
        if inner is dt.date:
            shape = "date"
        elif inner is bool:
            shape, choices = "yesno", [("yes", "Yes"), ("no", "No")]
        elif typing.get_origin(inner) is Literal:
            shape = "choice"
            choices = [(str(c), CHOICE_LABELS.get(str(c), str(c))) for c in typing.get_args(inner)]
        elif isinstance(inner, type) and issubclass(inner, Enum):
            shape = "choice"
            choices = [(str(c.value), str(c.value)) for c in inner]
        elif name in LONG:
            shape = "textarea"
        nodes.append(Input(path, label, hint, shape, optional, choices, values.get(path, "")))
    return nodes


def walk(nodes: list[Node]) -> typing.Iterator[Node]:
    for node in nodes:
        yield node
        if isinstance(node, Group):
            yield from walk(node.children)


def defaults(model: type[BaseModel] = Meeting, prefix: str = "") -> dict[str, str]:
    """The values a blank form starts with: the model's defaults that say something."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        if info.is_required():
            continue
        value = _default(info)
        if isinstance(value, BaseModel) or not value:
            continue
        out.update(flatten({name: value}, model, prefix))
    return out


# ------------------------------------------------------------ form values -> meeting data


def _date(text: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text  # left as written: the loader names the field and the problem


def data_of(
    values: Mapping[str, str],
    counts: Mapping[str, int],
    model: type[BaseModel] = Meeting,
    prefix: str = "",
) -> dict[str, Any]:
    """The meeting as plain data, from the form's values: blanks left out (so the model's
    defaults apply, and a required field left blank is reported missing), empty entries of
    a list dropped."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        inner, _ = _unwrap(info.annotation)
        sub = _model(inner)
        if sub is not None:
            part = data_of(values, counts, sub, path)
            if part:
                out[name] = part
            continue
        if typing.get_origin(inner) is list:
            item, _ = _unwrap(typing.get_args(inner)[0])
            sub = _model(item)
            if sub is not None:
                entries = [
                    data_of(values, counts, sub, f"{path}[{i}]")
                    for i in range(_count(path, values, counts))
                ]
                if any(entries):
                    out[name] = [e for e in entries if e]
                continue
            lines = [line.strip() for line in values.get(path, "").splitlines()]
            if any(lines):
                out[name] = [line for line in lines if line]
            continue
        text = values.get(path, "").strip()
        if not text:
            continue
        if inner is dt.date:
            out[name] = _date(text)
        elif inner is bool:
            out[name] = {"yes": True, "no": False}.get(text, text)
        else:
            out[name] = text
    return out


def to_yaml(data: Mapping[str, Any]) -> str:
    """The meeting file the form makes, in the model's order, readable and editable."""
    head = (
        "# The meeting a Board report goes to (for `s75docs report --meeting`), as written\n"
        "# by the Report page of `s75docs serve`. Dates are YYYY-MM-DD.\n"
    )
    body = yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=88)
    return head + body


# ------------------------------------------------------------ meeting data -> form values


def flatten(
    data: Mapping[str, Any], model: type[BaseModel] = Meeting, prefix: str = ""
) -> dict[str, str]:
    """The form's values for meeting data read from a file (keys the model does not know are
    left out: the loader's own message names them)."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        if name not in data or data[name] is None:
            continue
        value = data[name]
        path = f"{prefix}.{name}" if prefix else name
        inner, _ = _unwrap(info.annotation)
        sub = _model(inner)
        if sub is not None:
            if isinstance(value, BaseModel):
                value = value.model_dump()
            if isinstance(value, Mapping):
                out.update(flatten(value, sub, path))
            continue
        if typing.get_origin(inner) is list:
            items = value if isinstance(value, list) else [value]
            item, _ = _unwrap(typing.get_args(inner)[0])
            sub = _model(item)
            if sub is not None:
                for i, entry in enumerate(items):
                    if isinstance(entry, Mapping):
                        out.update(flatten(entry, sub, f"{path}[{i}]"))
            else:
                out[path] = "\n".join(_text(v) for v in items)
            continue
        out[path] = _text(value)
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def counts_of(values: Mapping[str, str]) -> dict[str, int]:
    """How many entries of each list the values hold."""
    out: dict[str, int] = {}
    for key in values:
        for match in re.finditer(r"\[(\d{1,3})\]", key):
            path = key[: match.start()]
            out[path] = min(max(out.get(path, 0), int(match.group(1)) + 1), MAX_ENTRIES)
    return out


def label_of_node(nodes: list[Node], target: Node) -> str:
    """What the user sees the input called: its label, after the parts that hold it
    ("Legal officer, Name"; "Author 1, Email"; a list's own legend left out before an entry)."""

    def find(items: list[Node], trail: list[str]) -> list[str] | None:
        for node in items:
            own = node.label if isinstance(node, Input) else node.legend
            if node is target:
                return [*trail, own]
            if isinstance(node, Group):
                found = find(node.children, trail if node.repeat else [*trail, own])
                if found is not None:
                    return found
        return None

    return ", ".join(find(nodes, []) or [target.path])


def place(nodes: list[Node], field_path: str) -> Node | None:
    """The input (or fieldset) a message about `field_path` belongs beside: the field's own
    input, or the nearest part of the form that holds it."""
    by_path = {node.path: node for node in walk(nodes)}
    path = field_path
    while path:
        if path in by_path:
            return by_path[path]
        match = _INDEX.match(path) if path.endswith("]") else None
        path = match.group(1) if match else path.rpartition(".")[0]
    return None
