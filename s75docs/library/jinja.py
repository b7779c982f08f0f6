"""The sandboxed Jinja2 environment: StrictUndefined, no autoescape, errors with lines."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from s75docs.errors import BuildError, InputError, Location
from s75docs.library.source import Source

_ENV = ImmutableSandboxedEnvironment(
    undefined=StrictUndefined,
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    # "{#label}" marks labels in the outline, so Jinja comments are written {## ... ##}
    comment_start_string="{##",
    comment_end_string="##}",
)


def environment() -> ImmutableSandboxedEnvironment:
    return _ENV


def _cache_dir() -> Path | None:
    """Where compiled templates are kept between runs (S75DOCS_CACHE=0 turns it off)."""
    setting = os.environ.get("S75DOCS_CACHE")
    if setting == "0":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "s75docs" / "jinja"


@functools.lru_cache(maxsize=4096)
def _compiled(text: str) -> Template:
    """Compiling is the slow part of rendering: compiled code is kept in memory for the
    process and on disk between runs (like __pycache__), keyed by the exact source and the
    Python and Jinja versions, so a stale entry can never be used."""
    folder = _cache_dir()
    key = hashlib.sha256(f"{sys.version}\0{jinja2.__version__}\0{text}".encode()).hexdigest()
    code: Any = None
    if folder is not None:
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            code = marshal.loads((folder / f"{key}.bin").read_bytes())
    if code is None:
        code = _ENV.compile(text)
        if folder is not None:
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
                tmp = folder / f".{key}.{os.getpid()}.tmp"
                tmp.write_bytes(marshal.dumps(code))
                os.replace(tmp, folder / f"{key}.bin")
    return _ENV.template_class.from_code(_ENV, code, _ENV.make_globals(None), None)


@functools.lru_cache(maxsize=1024)
def _expression(expr: str) -> Any:
    return _ENV.compile_expression(expr, undefined_to_none=False)


def syntax_error(src: Source) -> InputError | None:
    """Parse without rendering; the error names the file line."""
    try:
        _ENV.parse(src.body)
    except TemplateSyntaxError as exc:
        return InputError(f"Jinja syntax error: {exc.message}", src.location(exc.lineno))
    return None


def _line_of(exc: BaseException) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render(src: Source, context: Mapping[str, Any], text: str | None = None) -> str:
    """Render a body (or another string of the same file, e.g. its `when`)."""
    body = src.body if text is None else text
    if "{{" not in body and "{%" not in body and "{##" not in body:
        return body  # plain text (most definitions): nothing to compile
    try:
        template = _compiled(body)
        return template.render(**context)
    except TemplateSyntaxError as exc:
        raise InputError(f"Jinja syntax error: {exc.message}", src.location(exc.lineno)) from None
    except (UndefinedError, SecurityError) as exc:
        line = _line_of(exc) if text is None else None
        raise BuildError(f"template error: {exc}", src.location(line)) from None
    except TemplateError as exc:
        raise BuildError(f"template error: {exc}", src.location(_line_of(exc))) from None
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise BuildError(f"template error: {exc}", src.location(_line_of(exc))) from None


def condition(src: Source, context: Mapping[str, Any]) -> bool:
    """Evaluate the file's `when` expression."""
    expr = src.meta.when.strip()
    if expr in ("true", "True", ""):
        return True
    try:
        compiled = _expression(expr)
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
    try:
        return _compiled(text).render(**context)
    except TemplateSyntaxError as exc:
        raise InputError(f"Jinja syntax error: {exc.message}", location) from None
    except (TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise BuildError(f"template error: {exc}", location) from None


def macros(src: Source, context: Mapping[str, Any]) -> Any:
    """A library file of macros as a module (`phrases.rule(s)`), run with the context."""
    try:
        return _compiled(src.body).make_module(dict(context))
    except TemplateSyntaxError as exc:
        raise InputError(f"Jinja syntax error: {exc.message}", src.location(exc.lineno)) from None
    except (TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise BuildError(f"template error: {exc}", src.location(_line_of(exc))) from None
