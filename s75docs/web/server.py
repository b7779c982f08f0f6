"""`s75docs serve`: the app on a threaded WSGI server (each request its own thread; the
checks themselves run one at a time behind the app's lock)."""

from __future__ import annotations

from collections.abc import Callable

from werkzeug.serving import BaseWSGIServer, make_server

from s75docs.errors import UsageError
from s75docs.web.app import create_app


def make(host: str, port: int) -> BaseWSGIServer:
    """The server, listening (port 0: any free port; see .server_port)."""
    try:
        return make_server(host, port, create_app(), threaded=True)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def serve(host: str, port: int, say: Callable[[str], None]) -> None:
    server = make(host, port)
    shown = f"[{host}]" if ":" in host else host
    say(f"s75docs: the Check page is at http://{shown}:{server.server_port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        server.server_close()
