"""The sandboxed Jinja2 environment: StrictUndefined, no autoescape, errors with lines."""

from __future__ import annotations

import contextlib
import difflib
import functools
import hashlib
import pydoc
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import (
    BaseLoader,
    Environment,
    FileSystemBytecodeCache,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from s75docs.errors import BuildError, InputError, Location
from s75docs.library.cache import cache_dir
from s75docs.library.source import Source

_OPTIONS: dict[str, Any] = {
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    # "{#label}" marks labels in the outline, so Jinja comments are written {## ... ##}
    "comment_start_string": "{##",
    "comment_end_string": "##}",
}
# compiled code depends on Jinja's version and these options as well as on the source
_FLAVOUR = hashlib.sha256(f"{jinja2.__version__}{sorted(_OPTIONS.items())}".encode()).hexdigest()


class LibraryLoader(BaseLoader):
    """Library text by template name, the library file's path: Jinja asks for a template by
    name as from any loader and gets its text, file name and a check that it is current.
    The text is the file's body, so Jinja's line numbers count from the body's first line
    (Source.location adds the front matter)."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def offer(self, name: str, text: str) -> None:
        """The text the template NAME has now (a library file's body, as rendered)."""
        self._texts[name] = text

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        text = self._texts.get(template)
        if text is None:
            raise TemplateNotFound(template)
        return text, template, lambda: self._texts.get(template) == text


class _BytecodeCache(FileSystemBytecodeCache):
    """Jinja's own on-disk cache; a folder that cannot be written means no cache, not an error."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@functools.lru_cache(maxsize=8)
def _environment(folder: Path | None) -> ImmutableSandboxedEnvironment:
    cache = None
    if folder is not None:
        with contextlib.suppress(OSError):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            cache = _BytecodeCache(str(folder), f"{_FLAVOUR[:16]}-%s.cache")
    return ImmutableSandboxedEnvironment(
        loader=LibraryLoader(), bytecode_cache=cache, undefined=StrictUndefined, **_OPTIONS
    )


def environment() -> ImmutableSandboxedEnvironment:
    """The environment for the cache folder now set (S75DOCS_CACHE=0: no disk cache)."""
    folder = cache_dir()
    return _environment(None if folder is None else folder / "jinja")


def _template(env: ImmutableSandboxedEnvironment, src: Source, text: str) -> Template:
    return _named(env, str(src.path), text)


def _named(env: ImmutableSandboxedEnvironment, name: str, text: str) -> Template:
    loader = env.loader
    assert isinstance(loader, LibraryLoader)
    loader.offer(name, text)
    return env.get_template(name)


@functools.lru_cache(maxsize=1024)
def _expression(env: ImmutableSandboxedEnvironment, expr: str) -> Any:
    return env.compile_expression(expr, undefined_to_none=False)


def syntax_error(src: Source) -> InputError | None:
    """Parse without rendering; the error names the file line."""
    try:
        _environment(None).parse(src.body)
    except TemplateSyntaxError as exc:
        return InputError(f"Jinja syntax error: {exc.message}", src.location(exc.lineno))
    return None


def _line_of(exc: BaseException, filename: str) -> int | None:
    """The template line Jinja gives the innermost frame of the template's own code."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render(src: Source, context: Mapping[str, Any], text: str | None = None) -> str:
    """Render a body (or the same file's body as prepared for the outline: same lines)."""
    body = src.body if text is None else text
    if "{{" not in body and "{%" not in body and "{##" not in body:
        return body  # plain text (most definitions): nothing to compile
    name = str(src.path)
    try:
        return _template(environment(), src, body).render(**context)
    except TemplateSyntaxError as exc:
        raise InputError(f"Jinja syntax error: {exc.message}", src.location(exc.lineno)) from None
    except (UndefinedError, SecurityError) as exc:
        line = _line_of(exc, name)
        raise BuildError(f"template error: {explain(exc, context)}", src.location(line)) from None
    except TemplateError as exc:
        raise BuildError(f"template error: {exc}", src.location(_line_of(exc, name))) from None
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise BuildError(f"template error: {exc}", src.location(_line_of(exc, name))) from None


_NO_ATTRIBUTE = re.compile(r"^'(?P<cls>[\w.]+) object' has no attribute '(?P<name>\w+)'$")
_UNDEFINED = re.compile(r"^'(?P<name>\w+)' is undefined$")


def explain(exc: BaseException, context: Mapping[str, Any]) -> str:
    """Jinja's message for a misspelt name, in the words of the data: "the Meeting has no
    field 'implication' (did you mean 'implications'?)", "'wee' is undefined (did you mean
    'we'?)"."""
    message = str(exc)
    found = _NO_ATTRIBUTE.match(message)
    if found:
        cls = found.group("cls")
        kind = pydoc.locate(cls) if cls.startswith("s75docs.") else None
        fields = list(getattr(kind, "model_fields", {}) or [])
        if fields:
            what = cls.rsplit(".", 1)[-1]
            close = difflib.get_close_matches(found.group("name"), fields, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return f"the {what} has no field '{found.group('name')}'{hint}"
        return message
    found = _UNDEFINED.match(message)
    if found:
        close = difflib.get_close_matches(found.group("name"), list(context), n=1)
        if close:
            return f"{message} (did you mean '{close[0]}'?)"
    return message


def condition(src: Source, context: Mapping[str, Any]) -> bool:
    """Evaluate the file's `when` expression."""
    expr = src.meta.when.strip()
    if expr in ("true", "True", ""):
        return True
    try:
        compiled = _expression(environment(), expr)
        return bool(compiled(**context))
    except TemplateSyntaxError as exc:
        raise InputError(
            f"'when' is not a valid expression: {exc.message}", src.location(None)
        ) from None
    except (TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise BuildError(f"'when' failed: {exc}", src.location(None)) from None


def render_text(text: str, context: Mapping[str, Any], location: Location) -> str:
    """Render a short template that is not a library file of its own (a value's wording in
    a library data file); an error names where the text came from."""
    name = f"{location.file}#{hashlib.sha256(text.encode()).hexdigest()[:16]}"
    try:
        return _named(environment(), name, text).render(**context)
    except TemplateSyntaxError as exc:
        raise InputError(f"Jinja syntax error: {exc.message}", location) from None
    except (TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise BuildError(f"template error: {exc}", location) from None


def macros(src: Source, context: Mapping[str, Any]) -> Any:
    """A library file of macros as a module (`phrases.rule(s)`), run with the context."""
    try:
        return _template(environment(), src, src.body).make_module(dict(context))
    except TemplateSyntaxError as exc:
        raise InputError(f"Jinja syntax error: {exc.message}", src.location(exc.lineno)) from None
    except (TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        line = _line_of(exc, str(src.path))
        raise BuildError(f"template error: {exc}", src.location(line)) from None
