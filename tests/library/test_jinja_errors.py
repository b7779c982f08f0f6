"""Template errors keep their messages and FILE:LINE locations, as the builder renders them."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.assemble.outline import mark_lines
from s75docs.errors import BuildError, InputError, S75Error
from s75docs.library.jinja import condition, render
from s75docs.library.source import parse_source

CONTEXT = {"x": "abc", "partners": {}}

# body -> (error class, message after "FILE[:LINE]: ", file line) for the body as it is
# (render's default) and for the line-marked body the builder renders: the same line
BODIES: dict[str, tuple[str, type[S75Error], str, int | None, int | None]] = {
    "undefined": ("- one\n- {{ missing }}\n", BuildError, "'missing' is undefined", 6, 6),
    "attribute": (
        "- one\n\n- {{ partners.nope }}\n",
        BuildError,
        "'dict object' has no attribute 'nope'",
        7,
        7,
    ),
    "type": (
        "- one\n- two\n- {{ 'a' + 1 }}\n",
        BuildError,
        'can only concatenate str (not "int") to str',
        7,
        7,
    ),
    "syntax": (
        "- one\n{% if x %}\n- two\n",
        InputError,
        "Unexpected end of template. Jinja was looking for the following tags: 'elif' or"
        " 'else' or 'endif'. The innermost block that needs to be closed is 'if'.",
        7,
        7,
    ),
    "filter": ("- one\n- {{ x | nope }}\n", InputError, "No filter named 'nope'.", 6, 6),
    "unsafe": (
        "- {{ ''.__class__.__mro__ }}\n",
        BuildError,
        "access to attribute '__class__' of 'str' object is unsafe.",
        5,
        5,
    ),
    "loop": (
        "{% for p in [1, 2] %}\n- item {{ p }}\n{% endfor %}\n- {{ p.q.r }}\n",
        BuildError,
        "'p' is undefined",
        8,
        8,
    ),
    "call": (
        "- a\n- {{ x.upper(1, 2) }}\n",
        BuildError,
        "str.upper() takes no arguments (2 given)",
        6,
        6,
    ),
    "macro": (
        "{% macro m(v) %}{{ v.nope }}{% endmacro %}\n- a\n- {{ m(x) }}\n",
        BuildError,
        "'str object' has no attribute 'nope'",
        5,
        5,
    ),
}

WHENS: dict[str, tuple[str, type[S75Error], str]] = {
    "syntax": (
        "x ==",
        InputError,
        "'when' is not a valid expression: unexpected 'end of template'",
    ),
    "undefined": ("missing.attr", BuildError, "'when' failed: 'missing' is undefined"),
    "type": (
        "1 + 'a'",
        BuildError,
        "'when' failed: unsupported operand type(s) for +: 'int' and 'str'",
    ),
}


def _where(path: Path, line: int | None) -> str:
    return str(path) if line is None else f"{path}:{line}"


@pytest.mark.parametrize("case", sorted(BODIES))
def test_body_errors_name_the_file_line(case: str, tmp_path: Path) -> None:
    body, kind, message, line, marked_line = BODIES[case]
    path = tmp_path / f"{case}.md"
    path.write_text(f"---\nid: {case}\ntitle: T\n---\n{body}", encoding="utf-8")
    src = parse_source(path)
    for text, expected_line in ((None, line), (mark_lines(src.body), marked_line)):
        with pytest.raises(kind) as caught:
            render(src, CONTEXT, text)
        what = "Jinja syntax error" if kind is InputError else "template error"
        assert str(caught.value) == f"{_where(path, expected_line)}: {what}: {message}"


@pytest.mark.parametrize("case", sorted(WHENS))
def test_when_errors_name_the_file(case: str, tmp_path: Path) -> None:
    expr, kind, message = WHENS[case]
    path = tmp_path / f"{case}.md"
    path.write_text(f'---\nid: {case}\ntitle: T\nwhen: "{expr}"\n---\n- a\n', encoding="utf-8")
    with pytest.raises(kind) as caught:
        condition(parse_source(path), CONTEXT)
    assert str(caught.value) == f"{path}: {message}"


def test_rendering_and_conditions_still_work(tmp_path: Path) -> None:
    path = tmp_path / "ok.md"
    path.write_text(
        "---\nid: ok\ntitle: T\nwhen: \"x == 'abc'\"\n---\n{## a comment ##}\n"
        "{% for i in [1, 2] %}\n- {{ i }} {{ x }}\n{% endfor %}\n",
        encoding="utf-8",
    )
    src = parse_source(path)
    assert condition(src, CONTEXT) is True
    assert render(src, CONTEXT) == "- 1 abc\n- 2 abc\n"
    marked = render(src, CONTEXT, mark_lines(src.body))
    assert marked == "\ue0021\ue003\n- 1 abc\ue0023\ue003\n- 2 abc\ue0023\ue003\n"


def test_a_misspelt_name_is_explained_in_the_words_of_the_data(tmp_path: Path) -> None:
    from s75docs.model.meeting import load_meeting

    path = tmp_path / "r.md"
    path.write_text("---\nid: r\ntitle: T\n---\n- a\n- {{ meeting.implication }}\n- {{ wee }}\n")
    src = parse_source(path)
    meeting = load_meeting(Path(__file__).parents[2] / "examples" / "fairhaven" / "meeting.yaml")
    with pytest.raises(BuildError) as caught:
        render(src, {"meeting": meeting, "we": "the Council"})
    assert str(caught.value) == (
        f"{path}:6: template error: the Meeting has no field 'implication'"
        " (did you mean 'implications'?)"
    )
    path.write_text("---\nid: r\ntitle: T\n---\n- a\n- {{ wee }}\n")
    with pytest.raises(BuildError) as caught:
        render(parse_source(path), {"we": "the Council"})
    assert str(caught.value) == f"{path}:6: template error: 'wee' is undefined (did you mean 'we'?)"
