"""A browser-less client of a running Check page (stdlib only): open the page for its
session cookie and form token, then upload a file. For the loopback load test and bench."""

from __future__ import annotations

import http.client
import re
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask.testing import FlaskClient
from werkzeug.serving import BaseWSGIServer

from s75docs.web.server import make

_TOKEN = re.compile(r'name="token" value="([^"]+)"')
SUMMARY = re.compile(r'<p class="summary" id="summary">([^<]*)</p>')
MESSAGE = re.compile(r'<p class="message">([^<]*)</p>')


@contextmanager
def running_server(max_upload: int | None = None) -> Iterator[BaseWSGIServer]:
    """`s75docs serve` on a free loopback port, in a thread, stopped afterwards."""
    server = make("127.0.0.1", 0, max_upload=max_upload)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass(frozen=True)
class Checked:
    status: int
    summary: str  # the page's summary line, "" when it shows none
    seconds: float
    messages: tuple[str, ...] = ()  # the error summary's lines, when the page shows one
    html: str = ""


def check_upload(port: int, name: str, data: bytes, timeout: float = 600) -> Checked:
    """One user: open the page, upload `data` as `name`, read the summary line."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/")
        page = connection.getresponse()
        html = page.read().decode("utf-8")
        cookie = (page.getheader("Set-Cookie") or "").split(";")[0]
        match = _TOKEN.search(html)
        assert match is not None and cookie, "the page gave no form token or session cookie"
        boundary = secrets.token_hex(16)
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="token"\r\n\r\n'
                f"{match.group(1)}\r\n"
                f'--{boundary}\r\nContent-Disposition: form-data; name="document";'
                f' filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Cookie": cookie,
        }
        connection.request("POST", "/check", body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        found = SUMMARY.search(text)
        return Checked(
            response.status,
            found.group(1) if found else "",
            time.perf_counter() - start,
            tuple(MESSAGE.findall(text)),
            text,
        )
    finally:
        connection.close()


def page_token(client: FlaskClient, path: str = "/") -> str:
    """The form token a page gives this test client's session (Flask's test client)."""
    found = _TOKEN.search(client.get(path).get_data(as_text=True))
    assert found is not None, f"{path} gave no form token"
    return found.group(1)
