"""`s75docs serve`: its options, the warning for another host, a port already taken."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

import s75docs.web.server
from s75docs.cli import main
from s75docs.errors import UsageError

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_serve_listens_on_this_computer_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, int, list[Path]]] = []
    monkeypatch.setattr(
        s75docs.web.server, "serve", lambda h, p, _say, libs: calls.append((h, p, libs))
    )
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 0 and result.stderr == "" and calls == [("127.0.0.1", 8075, [])]


def test_serve_takes_council_libraries_and_refuses_a_missing_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[list[Path]] = []
    monkeypatch.setattr(s75docs.web.server, "serve", lambda h, p, _say, libs: calls.append(libs))
    library = EXAMPLES / "leicestershire-bcf-2019" / "library"
    result = CliRunner().invoke(main, ["serve", "--library", str(library)])
    assert result.exit_code == 0 and calls == [[library]]
    result = CliRunner().invoke(main, ["serve", "--library", str(tmp_path / "none")])
    assert result.exit_code == 2 and len(calls) == 1
    assert result.stderr == f"{tmp_path / 'none'}: library folder not found\n"


def test_another_host_is_warned_about(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(s75docs.web.server, "serve", lambda h, p, _say, _l: calls.append((h, p)))
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "9000"])
    assert result.exit_code == 0 and calls == [("0.0.0.0", 9000)]
    assert result.stderr.startswith("warning: --host 0.0.0.0 lets other computers reach")


def test_a_port_in_use_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UsageError, match=rf"^cannot listen on 127\.0\.0\.1:{port}: "):
            s75docs.web.server.make("127.0.0.1", port)
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
        assert result.exit_code == 2 and result.stderr.startswith("cannot listen on")
