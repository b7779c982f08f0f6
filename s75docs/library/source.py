"""One library file: front matter (id, title, conditions) and its outline body."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from s75docs.errors import InputError, Location

_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster


class Kind(StrEnum):
    CLAUSE = "clause"
    SCHEDULE = "schedule"
    DEFINITION = "definition"
    RECITALS = "recitals"
    REPORT = "report"  # wording of a Board report: a section, its title, front sheet...


class FrontMatter(BaseModel):
    """The metadata block at the top of every library file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Kind | None = None
    title: str = ""
    term: str = ""
    order: int = 0
    when: str = "true"
    repeat: Literal["schemes"] | None = None
    label: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")
    toc: bool = True
    notes: str = ""
    # a report file: the part of the report it writes (a section id such as "legal", or
    # "title", "summary", "appendix", "changes")
    part: str = Field(default="", pattern=r"^([a-z][a-z0-9-]*)?$")


@dataclass(frozen=True)
class Source:
    """A parsed library file."""

    meta: FrontMatter
    kind: Kind
    body: str
    path: Path
    body_line: int  # 1-based line of the file where the body starts

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def label(self) -> str:
        return self.meta.label or self.meta.id

    def location(self, body_line: int | None = None) -> Location:
        line = None if body_line is None else self.body_line + body_line - 1
        return Location(str(self.path), line)


def _kind_from_path(path: Path) -> Kind:
    """From the folders between the library folder and the file (all of them when the
    library folder is not known)."""
    parts = {p.lower() for p in path.parts[:-1]}
    if "definitions" in parts:
        return Kind.DEFINITION
    if "recitals" in parts:
        return Kind.RECITALS
    if any(p.startswith("report") for p in parts):
        return Kind.REPORT
    if any(p.startswith("schedule") for p in parts):
        return Kind.SCHEDULE
    return Kind.CLAUSE


def parse_source(path: Path, text: str | None = None, root: Path | None = None) -> Source:
    """Split front matter from body and validate the front matter. `root` is the library
    folder: its name and the folders inside it decide what kind of file this is, never the
    folders it stands in."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read library file: {exc}", Location(str(path))) from None
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise InputError("library file must start with '---' front matter", Location(str(path), 1))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise InputError("front matter is not closed by '---'", Location(str(path), 1)) from None
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=_YAML) or {}
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 2 if exc.problem_mark else 1
        hint = ""
        if "mapping values are not allowed" in str(exc.problem):
            hint = " (a value that holds ': ' goes in quotes: title: \"Scrutiny: call-in\")"
        raise InputError(f"front matter: {exc.problem}{hint}", Location(str(path), line)) from None
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping", Location(str(path), 2))
    try:
        meta = FrontMatter.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        line = next(
            (i + 1 for i in range(1, end) if lines[i].split(":")[0].strip() == str(err["loc"][0])),
            2,
        )
        if err["type"] == "extra_forbidden":
            close = difflib.get_close_matches(key, list(FrontMatter.model_fields), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            msg = f"unknown key '{key}'{hint}"
        else:
            msg = f"{key}: {err['msg']}"
        raise InputError(f"front matter: {msg}", Location(str(path), line)) from None
    inside = path
    if root is not None and path.is_relative_to(root):
        inside = Path(root.name) / path.relative_to(root)  # the library folder's own name too
    # only a report file has a part: where it stands does not make it a clause
    kind = meta.kind or (Kind.REPORT if meta.part else _kind_from_path(inside))
    if kind is Kind.DEFINITION and not meta.term:
        raise InputError("a definition needs 'term'", Location(str(path), 2, "term"))
    if kind is not Kind.DEFINITION and not meta.title:
        raise InputError("a clause or schedule needs 'title'", Location(str(path), 2, "title"))
    if kind is Kind.REPORT and not meta.part:
        raise InputError(
            "a report file needs 'part' (the section it writes, e.g. 'legal')",
            Location(str(path), 2, "part"),
        )
    body = "\n".join(lines[end + 1 :]) + "\n"
    return Source(meta=meta, kind=kind, body=body, path=path, body_line=end + 2)
