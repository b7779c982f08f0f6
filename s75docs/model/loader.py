"""Load a scheme file from YAML and map every error to FILE:LINE: field.path: message."""

from __future__ import annotations

import difflib
import re
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from s75docs.errors import ErrorList, InputError, Location, S75Error, UsageError
from s75docs.model.currency import kind_ended
from s75docs.model.edits import Edit, EditsFile
from s75docs.model.execution import execution_errors
from s75docs.model.money import parse_financial_year
from s75docs.model.scheme import Flexibility, RiskRule, SchemeFile
from s75docs.model.scheme_checks import scheme_errors

PathKey = tuple[str | int, ...]


_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _Loader(_Base):  # type: ignore[misc]
    """Safe YAML with decimals kept exact and duplicate keys refused."""


def _construct_float(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    try:
        return Decimal(text.replace("_", ""))
    except ArithmeticError:
        return loader.construct_yaml_float(node)  # type: ignore[arg-type]


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """Only plain decimal integers: YAML 1.1 reads 0750 as octal and 1:30 as base 60,
    which would silently change an amount of money. A leading zero (0777: octal to some
    readers, 777 to others) is refused; anything else stays text."""
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    if re.fullmatch(r"[-+]?0[0-9_]+", text):
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"{text} has a leading zero, which YAML may read as an octal number: write"
            f" {text.lstrip('+-0_') or '0'} for the number, or quote it ('{text}') for text",
            node.start_mark,
        )
    if re.fullmatch(r"[-+]?\d+", text) and len(text) <= MAX_DIGITS:
        return int(text, 10)
    return text


MAX_BYTES = 5_000_000  # a scheme file is tens of kilobytes
MAX_DIGITS = 30  # more is no amount of money (and int() refuses over 4,300)
MAX_ALIASES = 1_000  # aliases (*name) in one file
MAX_NODES = 200_000  # values once every alias is expanded ("billion laughs")
MAX_DEPTH = 100  # nesting of mappings and lists

# characters a Word document (XML 1.0) cannot hold: C0 controls other than tab, line feed
# and carriage return, lone surrogates, and the two non-characters U+FFFE and U+FFFF
_NOT_IN_WORD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _shape_errors(text: str, name: str) -> None:
    """Refuse, before anything is built from it, a file whose aliases or nesting would take
    time or memory out of all proportion to its size."""
    aliases = depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise InputError(
                    f"more than {MAX_ALIASES:,} YAML aliases: write the values out",
                    Location(name, _line(event.start_mark)),
                    code="yaml-syntax",
                )
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(
                    f"nested more than {MAX_DEPTH} levels deep",
                    Location(name, _line(event.start_mark)),
                    code="yaml-syntax",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def _expanded_size(root: yaml.Node) -> int:
    """How many values the document holds once every alias is expanded (each shared node
    counted once per use), without expanding it."""
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        children = _children(node)
        if done:
            open_.discard(id(node))
            size[id(node)] = min(1 + sum(size.get(id(c), 0) for c in children), MAX_NODES + 1)
            continue
        if id(node) in size or id(node) in open_:
            continue
        open_.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size and id(c) not in open_)
    return size.get(id(root), 0)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _word_errors(data: Any, name: str, lines: LineMap) -> list[S75Error]:
    """Each text value (or key) holding a character Word cannot hold, at its field."""
    errors: list[S75Error] = []
    stack: list[tuple[Any, PathKey]] = [(data, ())]
    while stack and len(errors) < 50:
        value, path = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                stack.append((item, (*path, str(key))))
                stack.append((key, (*path, str(key))))
        elif isinstance(value, list):
            stack.extend((item, (*path, i)) for i, item in enumerate(value))
        elif isinstance(value, str):
            bad = _NOT_IN_WORD.search(value)
            if bad is not None:
                errors.append(
                    InputError(
                        f"character U+{ord(bad.group()):04X} cannot be written in a Word"
                        f" document: remove it (position {bad.start() + 1})",
                        Location(name, lines.line(path), format_path(path)),
                        code="schema-invalid",
                    )
                )
    return sorted(errors, key=lambda e: (e.location.line or 0, e.location.field))


class BadDate(str):
    """A date that cannot exist (2026-02-30), kept as its text with the reason, so that the
    file's other problems are found with it (load_model); any other reader refuses it."""

    reason: str

    def __new__(cls, text: str, reason: str) -> BadDate:
        made = super().__new__(cls, text)
        made.reason = reason
        return made


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A date that cannot exist (2026-02-30) is an error at its line, not a crash."""
    try:
        return loader.construct_yaml_timestamp(node)  # type: ignore[arg-type]
    except ValueError as exc:
        return BadDate(str(node.value), f"not a date: {node.value} ({exc})")


def bad_dates(data: Any, path: PathKey = ()) -> list[tuple[PathKey, BadDate]]:
    """Every date in the data that cannot exist, with its path."""
    if isinstance(data, BadDate):
        return [(path, data)]
    if isinstance(data, dict):
        return [f for k, v in data.items() for f in bad_dates(v, (*path, k))]
    if isinstance(data, list):
        return [f for i, v in enumerate(data) for f in bad_dates(v, (*path, i))]
    return []


def _date_errors(data: Any, name: str, lines: LineMap) -> list[S75Error]:
    return [
        InputError(
            bad.reason, Location(name, lines.line(at), format_path(at)), code="schema-invalid"
        )
        for at, bad in bad_dates(data)
    ]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def format_path(path: PathKey) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class LineMap:
    """Where each value of a YAML document starts (1-based line)."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.lines: dict[PathKey, int] = {}
        self.key_lines: dict[PathKey, int] = {}
        self.duplicates: list[tuple[PathKey, int]] = []
        self.recursive: list[tuple[PathKey, int]] = []
        self._open: set[int] = set()
        if root is not None:
            self._walk(root, ())

    def _walk(self, node: yaml.Node, path: PathKey) -> None:
        self.lines[path] = node.start_mark.line + 1
        if id(node) in self._open:  # an alias that contains itself
            self.recursive.append((path, node.start_mark.line + 1))
            return
        self._open.add(id(node))
        self._walk_children(node, path)
        self._open.discard(id(node))

    def _walk_children(self, node: yaml.Node, path: PathKey) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = (*path, key)
                if key in seen:
                    self.duplicates.append((child, key_node.start_mark.line + 1))
                seen.add(key)
                self.key_lines[child] = key_node.start_mark.line + 1
                self._walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._walk(item, (*path, index))

    def year_key(self, parent: PathKey, year: str) -> PathKey:
        """The path as written of a financial-year key ("2027-28" for "2027/28")."""
        for path in self.key_lines:
            if path[:-1] == parent and isinstance(path[-1], str):
                try:
                    if parse_financial_year(path[-1]) == year:
                        return path
                except ValueError:
                    continue
        return (*parent, year)

    def line(self, path: PathKey) -> int | None:
        """The line of the path, or of its nearest ancestor that exists."""
        for cut in range(len(path), -1, -1):
            sub = path[:cut]
            if sub in self.key_lines and cut == len(path):
                return self.key_lines[sub]
            if sub in self.lines:
                return self.lines[sub]
        return None


# PyYAML's words for common slips, and what a person who does not write code should do
_PLAIN_YAML = (
    (
        "mapping values are not allowed",
        "a colon and a space inside a value, or a line indented more than the one above"
        ' it: put a value containing ": " in double quotes (title: "Exampleshire: North")'
        " and line up the indentation",
    ),
    (
        "cannot start any token",
        "a tab or other character that cannot start a value: indent"
        " with spaces, not tabs, and put a value starting with @ or ` in double quotes",
    ),
    (
        "did not find expected key",
        "the indentation here does not line up with the lines above: check the spaces at the"
        " start of this line",
    ),
    (
        "expected <block end>",
        "the indentation here does not line up with the lines above: check the spaces at the"
        " start of this line",
    ),
    ("found unexpected end of stream", "a quote that is opened and never closed"),
    (
        "did not find expected '-' indicator",
        "a list item whose '-' is not lined up with the others",
    ),
)


def plain_yaml(problem: str) -> str:
    """PyYAML's problem in plain words, its own words kept in brackets."""
    for words, plain in _PLAIN_YAML:
        if words in problem:
            return f"{plain} (YAML: {problem})"
    return problem


def read_yaml(path: Path, *, bad_dates_kept: bool = False) -> tuple[Any, LineMap]:
    """Parse YAML text into plain data and a line map; a syntax error names its line. A date
    that cannot exist is an error too, unless `bad_dates_kept` (then it is a BadDate)."""
    name = str(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise UsageError("no such file", Location(name), code="file-not-found") from None
    except IsADirectoryError:
        raise UsageError("is a folder, not a file", Location(name), code="usage") from None
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}): save the file as UTF-8",
            Location(name, raw.count(b"\n", 0, exc.start) + 1),
            code="file-unreadable",
        ) from None
    except OSError as exc:
        raise UsageError(
            f"cannot read file: {exc}", Location(name), code="file-unreadable"
        ) from None
    if len(text) > MAX_BYTES:
        raise InputError(
            f"too large for a scheme, meeting or edits file ({len(text):,} characters; at"
            f" most {MAX_BYTES:,})",
            Location(name),
            code="yaml-syntax",
        )
    try:
        _shape_errors(text, name)
        root = yaml.compose(text, Loader=_Loader)
        if root is not None and _expanded_size(root) > MAX_NODES:
            raise InputError(
                f"the YAML aliases expand to more than {MAX_NODES:,} values: write the values out",
                Location(name, 1),
                code="yaml-syntax",
            )
        lines = LineMap(root)
        if lines.recursive:
            where, at = lines.recursive[0]
            raise InputError(
                "recursive YAML alias", Location(name, at, format_path(where)), code="yaml-syntax"
            )
        data = yaml.load(text, Loader=_Loader)
        if not bad_dates_kept and (dates := _date_errors(data, name, lines)):
            raise dates[0]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):  # a value, not the syntax
            paths = [p for p, at in lines.lines.items() if at == line]
            field = format_path(max(paths, key=len)) if paths else ""
            raise InputError(problem, Location(name, line, field), code="schema-invalid") from None
        raise InputError(
            f"YAML syntax error: {plain_yaml(problem)}", Location(name, line), code="yaml-syntax"
        ) from None
    except yaml.reader.ReaderError as exc:  # a control character in the text itself
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError(
            f"character U+{ord(char):04X} is not allowed in a YAML file (nor in a Word"
            " document): remove it",
            Location(name, text.count("\n", 0, exc.position) + 1),
            code="yaml-syntax",
        ) from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        raise InputError(
            f"YAML syntax error: {message}", Location(name), code="yaml-syntax"
        ) from None
    found = _word_errors(data, name, lines)
    if found:
        raise ErrorList(found)
    if lines.duplicates:
        raise ErrorList(
            [
                InputError(
                    "duplicate key", Location(name, line, format_path(p)), code="yaml-duplicate-key"
                )
                for p, line in lines.duplicates
            ]
        )
    return data, lines


def _unwrap(annotation: Any) -> Any:
    """Strip Optional / Annotated to the model or container inside."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation


def _model_at(model: type[BaseModel], path: PathKey) -> type[BaseModel] | None:
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    current = _unwrap(current)
    if typing.get_origin(current) in (list, dict) and isinstance(path[-1] if path else 0, str):
        current = _unwrap(typing.get_args(current)[-1])
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def pydantic_errors(
    exc: ValidationError, name: str, lines: LineMap, root: type[BaseModel] = SchemeFile
) -> list[S75Error]:
    errors: list[S75Error] = []
    for err in exc.errors():
        loc: PathKey = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            parent = _model_at(root, loc[:-1])
            fields = parent.model_fields.keys() if parent else []
            message = f"unknown key '{loc[-1]}'{did_you_mean(str(loc[-1]), fields)}"
        elif kind == "missing":
            message = "required field is missing"
        elif kind == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            got = err.get("input")
            message = f"'{got}' is not one of {expected}"
            if isinstance(got, str):
                choices = [c.strip(" '") for c in str(expected).replace(" or ", ",").split(",")]
                message += did_you_mean(got, choices)
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            message = f"{err.get('input')!r} is not one of {expected}"
        elif kind == "too_short":
            least = int(err.get("ctx", {}).get("min_length", 1))
            message = "give at least one entry" if least == 1 else f"give at least {least} entries"
        else:
            message = err["msg"].removeprefix("Value error, ")
            if kind == "string_pattern_mismatch":
                message = f"{message}, got {err.get('input')!r}"
        where = Location(name, lines.line(loc), format_path(loc))
        errors.append(InputError(message, where, code="schema-invalid"))
    return errors


M = TypeVar("M", bound=BaseModel)


def load_model(path: Path, model: type[M], shape: str) -> tuple[M, LineMap]:
    """A YAML file validated as `model`; every problem as FILE:LINE: field: message.
    `shape` says what the file must be ("a scheme file must be a YAML mapping with ...")."""
    data, lines = read_yaml(path, bad_dates_kept=True)
    name = str(path)
    if not isinstance(data, dict):
        raise InputError(shape, Location(name, 1), code="schema-invalid")
    dates = _date_errors(data, name, lines)  # listed with the other fields' problems
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        said = {e.location.field for e in dates}
        others = [
            e for e in pydantic_errors(exc, name, lines, model) if e.location.field not in said
        ]
        both = sorted([*dates, *others], key=lambda e: (e.location.line or 0, e.location.field))
        raise ErrorList(both) from None
    if dates:  # a text field took it (no date field there): still not a date
        raise ErrorList(dates)
    return validated, lines


def raise_problems(path: Path, lines: LineMap, problems: list[tuple[PathKey, str]]) -> None:
    """Checks across fields (and files): each problem at its field's line."""
    if problems:
        raise ErrorList(
            [
                InputError(
                    msg,
                    Location(str(path), lines.line(p), format_path(p)),
                    code="data-inconsistent",
                )
                for p, msg in problems
            ]
        )


def load_scheme(path: Path | str) -> SchemeFile:
    """Load and validate a scheme file; raise ErrorList with every problem found."""
    path = Path(path)
    shape = "a scheme file must be a YAML mapping with agreement, partners, schemes"
    scheme, lines = load_model(path, SchemeFile, shape)
    raise_problems(path, lines, semantic_errors(scheme, lines))
    return scheme


def load_edits(path: Path) -> list[tuple[Edit, Location]]:
    """Load a file of clause-level edits; each edit comes with where it was written."""
    parsed, lines = load_model(
        path, EditsFile, "an edits file must be a YAML mapping with 'edits:'"
    )
    return [
        (
            edit,
            Location(str(path), lines.line(("edits", i, edit.action)), f"edits[{i}].{edit.action}"),
        )
        for i, edit in enumerate(parsed.edits)
    ]


def semantic_errors(s: SchemeFile, lines: LineMap | None = None) -> list[tuple[PathKey, str]]:
    """Checks that span several fields: references between partners, dates and totals."""
    out: list[tuple[PathKey, str]] = []
    lines = lines or LineMap(None)
    keys = [p.key for p in s.partners]
    for i, p in enumerate(s.partners):
        if keys.index(p.key) != i:
            out.append((("partners", i, "key"), f"partner key '{p.key}' is used twice"))
    if not any(p.kind.is_council for p in s.partners):
        out.append((("partners",), "at least one partner must be a council"))
    if all(p.kind.is_council for p in s.partners):
        out.append((("partners",), "at least one partner must be an NHS body"))
    out += execution_errors(s)
    a = s.agreement
    made = a.date or a.commencement
    for i, p in enumerate(s.partners):
        stale = kind_ended(p.kind.value)
        if stale is not None and stale.applies_on(made):
            out.append(
                (
                    ("partners", i, "kind"),
                    f"'{p.kind.value}' bodies were {stale.describe()} ({stale.authority}),"
                    f" {'after' if stale.not_yet else 'before'} this agreement ({made}): use"
                    f" {stale.replacement}",
                )
            )
    for key in a.dispute.senior_officers:
        if key not in keys:
            out.append(
                (
                    ("agreement", "dispute", "senior_officers", key),
                    f"'{key}' is not a partner{did_you_mean(key, keys)}",
                )
            )
    for i, post in enumerate(a.joint_posts):
        if post.employer not in keys:
            out.append(
                (
                    ("agreement", "joint_posts", i, "employer"),
                    f"employer '{post.employer}' is not a partner"
                    + did_you_mean(post.employer, keys),
                )
            )
        for key in post.funding:
            if key not in keys:
                out.append(
                    (
                        ("agreement", "joint_posts", i, "funding", key),
                        f"'{key}' is not a partner{did_you_mean(key, keys)}",
                    )
                )
        total = sum(post.funding.values(), Decimal(0))
        if total != 100:
            out.append(
                (
                    ("agreement", "joint_posts", i, "funding"),
                    f"funding must add up to 100, not {total}",
                )
            )
    if a.initial_term_end <= a.commencement:
        out.append(
            (
                ("agreement", "initial_term_end"),
                f"the initial term must end after it starts: it ends {a.initial_term_end},"
                f" it starts {a.commencement}",
            )
        )

    def ref(path: PathKey, key: str | None, what: str) -> None:
        if key is not None and key not in keys:
            out.append((path, f"{what} '{key}' is not a partner{did_you_mean(key, keys)}"))

    ids: list[str] = []
    for si, sch in enumerate(s.schemes):
        base: PathKey = ("schemes", si)
        if sch.id in ids:
            out.append(((*base, "id"), f"scheme id '{sch.id}' is used twice"))
        ids.append(sch.id)
        ref((*base, "host"), sch.host, "host partner")
        ref((*base, "lead_commissioner"), sch.lead_commissioner, "lead commissioner")
        ref((*base, "provider"), sch.provider, "provider")
        if sch.uses(Flexibility.POOLED_FUND):
            if sch.host is None:
                out.append(((*base, "host"), "a pooled fund needs a host partner"))
            if not sch.pooled_fund_manager:
                out.append(((*base, "pooled_fund_manager"), "a pooled fund needs a manager role"))
        if sch.uses(Flexibility.LEAD_COMMISSIONING) and sch.lead_commissioner is None:
            out.append(((*base, "lead_commissioner"), "lead commissioning needs a lead"))
        if sch.uses(Flexibility.INTEGRATED_PROVISION) and sch.provider is None:
            out.append(((*base, "provider"), "integrated provision needs a providing partner"))
        out.extend(scheme_errors(s, si, sch))
        seen: set[tuple[str, str, str]] = set()
        for ci, c in enumerate(sch.contributions):
            ref((*base, "contributions", ci, "partner"), c.partner, "contributing partner")
            ident = (c.partner, c.line, c.year)
            if ident in seen:
                out.append(
                    (
                        (*base, "contributions", ci),
                        f"{c.partner} already contributes to '{c.line}' in {c.year}",
                    )
                )
            seen.add(ident)
        for year, stated in sch.stated_totals.items():
            where = lines.year_key((*base, "stated_totals"), year)
            _total_error(out, where, stated, sch.total(year), year)
        if sch.dfg_pass_through and not sch.bcf:
            out.append(
                ((*base, "dfg_pass_through"), "DFG pass-through belongs to a scheme with bcf: true")
            )
        rs = sch.risk_share
        for key in rs.split:
            ref((*base, "risk_share", "split", key), key, "risk share partner")
        if rs.rule is RiskRule.FIXED:
            added = sum(rs.split.values(), Decimal(0))
            if added != 100:
                out.append(
                    (
                        (*base, "risk_share", "split"),
                        f"a fixed split must add up to 100, not {added}",
                    )
                )
        elif rs.split:
            out.append(((*base, "risk_share", "split"), "a split only applies to rule 'fixed'"))
        if rs.rule is RiskRule.HOST and sch.host is None:
            out.append(((*base, "risk_share", "rule"), "rule 'host' needs a host partner"))
    for year, stated in a.stated_totals.items():
        where = lines.year_key(("agreement", "stated_totals"), year)
        _total_error(out, where, stated, s.total(year), year)
    return out


def _total_error(
    out: list[tuple[PathKey, str]], path: PathKey, stated: Decimal, computed: Decimal, year: str
) -> None:
    if stated != computed:
        diff = stated - computed
        sign = "more" if diff > 0 else "less"
        out.append(
            (
                path,
                f"stated total £{stated:,.2f} for {year} differs from the sum of the"
                f" contributions, £{computed:,.2f} (the stated total is £{abs(diff):,.2f} {sign}):"
                " correct whichever is wrong",
            )
        )
