"""`s75docs serve`: the app on a threaded WSGI server (each request its own thread; the
checks themselves run one at a time behind the app's lock)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, make_server

from s75docs.check.safe_zip import MAX_FILE_BYTES
from s75docs.errors import UsageError
from s75docs.web.app import create_app


def make(
    host: str, port: int, libraries: list[Path] | None = None, max_upload: int | None = None
) -> BaseWSGIServer:
    """The server, listening (port 0: any free port; see .port). A port that cannot be opened
    is one line (werkzeug would print two and exit). `max_upload` replaces the checker's own
    limit on an upload (for tests)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
        # the server takes a duplicate of the socket; this one is closed below
        app = create_app(libraries=libraries, max_upload=max_upload or MAX_FILE_BYTES)
        return make_server(host, port, app, threaded=True, fd=listener.fileno())
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    finally:
        listener.close()


def serve(
    host: str, port: int, say: Callable[[str], None], libraries: list[Path] | None = None
) -> None:
    server = make(host, port, libraries)
    shown = f"[{host}]" if ":" in host else host
    say(f"s75docs: the pages are at http://{shown}:{server.port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        server.server_close()
