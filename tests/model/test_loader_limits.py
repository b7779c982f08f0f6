"""Hostile scheme files end in one line each, fast and in little memory."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from s75docs.errors import S75Error
from s75docs.model.loader import read_yaml
from s75docs.ooxml import core_text


def errors_of(path: Path) -> list[str]:
    with pytest.raises(S75Error) as caught:
        read_yaml(path)
    return str(caught.value).splitlines()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        rows.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.monotonic()
    lines = errors_of(write(tmp_path, "\n".join(rows) + "\n"))
    assert time.monotonic() - start < 5
    assert lines == [
        f"{tmp_path / 's.yaml'}:1: the YAML aliases expand to more than 200,000 values:"
        " write the values out"
    ]


def test_too_many_aliases_are_refused(tmp_path: Path) -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 1001) + "]\n"
    assert "more than 1,000 YAML aliases" in errors_of(write(tmp_path, text))[0]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    for depth in (101, 20_000):
        text = "a: " + "[" * depth + "]" * depth + "\n"
        [line] = errors_of(write(tmp_path, text))
        assert line.startswith(f"{tmp_path / 's.yaml'}:1: ")


def test_shared_values_within_the_limits_are_read(tmp_path: Path) -> None:
    data, _ = read_yaml(write(tmp_path, "a: &a {x: 1}\nb: *a\nc: [*a, *a]\n"))
    assert data["c"][1] == {"x": 1}


def test_an_escaped_control_character_names_its_field(tmp_path: Path) -> None:
    text = 'agreement:\n  title: T\n  area: "Fair\\ahaven"\npartners: ["ok\\u0001"]\n'
    lines = errors_of(write(tmp_path, text))
    assert lines[0].endswith(
        "s.yaml:3: agreement.area: character U+0007 cannot be written in a Word document:"
        " remove it (position 5)"
    )
    assert "s.yaml:4: partners[0]: character U+0001" in lines[1]


def test_a_raw_control_character_gives_its_line(tmp_path: Path) -> None:
    [line] = errors_of(write(tmp_path, "a: 1\nb: x\x07y\n"))
    assert (
        line == f"{tmp_path / 's.yaml'}:2: character U+0007 is not allowed in a YAML file (nor in"
        " a Word document): remove it"
    )


def test_a_lone_surrogate_is_refused(tmp_path: Path) -> None:
    [line] = errors_of(write(tmp_path, 'a: 1\nb: "\\ud800"\n'))
    assert line.startswith(f"{tmp_path / 's.yaml'}:2: ")


def test_non_utf8_gives_a_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    assert errors_of(path) == [f"{path}:2: not UTF-8 text (byte 0xe9): save the file as UTF-8"]


@pytest.mark.parametrize("number", ["0777", "-0777", "00", "0_7"])
def test_a_leading_zero_is_refused_with_the_field_named(tmp_path: Path, number: str) -> None:
    [line] = errors_of(write(tmp_path, f"x:\n  amount: {number}\n"))
    assert f"s.yaml:2: x.amount: {number} has a leading zero" in line


def test_plain_and_quoted_numbers_are_read(tmp_path: Path) -> None:
    data, _ = read_yaml(write(tmp_path, "a: 777\nb: '0777'\nc: 0\nd: " + "9" * 5000 + "\n"))
    assert data["a"] == 777 and data["b"] == "0777" and data["c"] == 0
    assert data["d"] == "9" * 5000  # thousands of digits stay text (the model refuses them)


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a: " + "x" * 6_000_000 + "\n")
    assert "too large" in errors_of(path)[0]


def test_core_text_cuts_long_titles_at_a_word() -> None:
    short = "Section 75 Agreement"
    assert core_text(short) == short
    long = "Partnership agreement " * 20
    cut = core_text(long)
    assert len(cut) <= 255 and cut.endswith("\u2026") and cut.startswith("Partnership")
    assert core_text("x" * 400) == "x" * 254 + "\u2026"
