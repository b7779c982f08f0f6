"""diagnostics.CODES is the one table of codes: every code used is in it, and it holds no
code nobody uses (found by walking the AST of every module of s75docs)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from s75docs.check.findings import Finding
from s75docs.diagnostics import CODES, Diagnostic, Severity
from s75docs.errors import (
    BuildError,
    ErrorList,
    InputError,
    Location,
    S75Error,
    ToolError,
    UsageError,
)

PACKAGE = Path(__file__).resolve().parent.parent / "s75docs"
# calls whose first argument is a code: Diagnostic, Finding and the checker's ctx.add
_CODE_FIRST = {"Diagnostic", "Finding", "add"}


def _strings(node: ast.expr | None) -> set[str]:
    """The literal strings an expression can be: "x", or "x" if c else "y"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    return set()


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _codes_in(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found |= {s for k in node.keywords if k.arg == "code" for s in _strings(k.value)}
            named = _name(node.func)
            if named in _CODE_FIRST and node.args and (named != "add" or _is_context(node.func)):
                found |= _strings(node.args[0])
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_name(t) == "code" for t in targets if isinstance(t, ast.Name | ast.Attribute)):
                found |= _strings(node.value)
    return found


def _is_context(func: ast.expr) -> bool:
    """ctx.add(...), the checker's Context.add (not a set's add)."""
    return isinstance(func, ast.Attribute) and _name(func.value) == "ctx"


def used_codes() -> set[str]:
    found: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        found |= _codes_in(ast.parse(path.read_text(encoding="utf-8")))
    return found


def test_every_code_used_is_in_the_table() -> None:
    assert used_codes() - set(CODES) == set()


def test_the_table_has_no_code_nobody_uses() -> None:
    assert set(CODES) - used_codes() == set()


def test_the_walk_finds_codes_however_they_are_passed() -> None:
    source = """
class E(S75Error):
    code = "class-default"
ctx.add("finding", "message", place)
seen.add("not-a-code")
Finding(code="keyword", message="m")
Diagnostic("positional", "m", where)
raise UsageError("m", where, code="a" if missing else "b")
"""
    assert _codes_in(ast.parse(source)) == {
        "class-default",
        "finding",
        "keyword",
        "positional",
        "a",
        "b",
    }


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (S75Error("m"), "input-invalid"),
        (InputError("m"), "input-invalid"),
        (BuildError("m"), "build-failed"),
        (UsageError("m"), "usage"),
        (ToolError("m"), "tool-failed"),
        (UsageError("m", code="file-not-found"), "file-not-found"),
        (
            ErrorList([BuildError("a", code="lib-unknown-label"), InputError("b")]),
            "lib-unknown-label",
        ),
    ],
)
def test_every_error_carries_a_code_of_the_table(error: S75Error, code: str) -> None:
    assert error.code == code and code in CODES
    assert CODES[code][0] is Severity.ERROR


def test_a_code_changes_no_message() -> None:
    error = UsageError("no such file", Location("x.yaml"), code="file-not-found")
    assert str(error) == "x.yaml: no such file"


def test_findings_and_diagnostics_take_their_severity_from_the_table() -> None:
    assert Finding("term-unused", "m").level is Severity.INFO
    assert Finding("term-unused", "m", severity=Severity.ERROR).level is Severity.ERROR
    assert Diagnostic("lib-outline", "m", Location("f")).severity is Severity.ERROR
