"""The Flask app: the session token every form carries, one check at a time, and errors
as the CLI's one-line messages (never a traceback page)."""

from __future__ import annotations

import os
import secrets
import threading

from flask import Flask, render_template, request, session
from werkzeug.exceptions import Forbidden, HTTPException, RequestEntityTooLarge

from s75docs.check.safe_zip import MAX_FILE_BYTES
from s75docs.errors import S75Error
from s75docs.web.results import Results, WebState

MB = 1024 * 1024
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
EXPIRED = "the form has expired or came from another site: reload the page and try again"


def _size(count: int) -> str:
    return f"{count // MB} MB" if count >= MB else f"{count // 1024} KB"


def form_token() -> str:
    """This browser session's token: every form posts it back (no cross-site requests)."""
    token = session.get("token")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["token"] = token
    return token


def create_app(*, max_upload: int = MAX_FILE_BYTES, keep_results: int = 32) -> Flask:
    """The app. `max_upload` is the checker's own limit on a file (safe_zip) unless a test
    gives a smaller one; the last `keep_results` results stay in memory for their downloads."""
    from s75docs.web.check_page import page

    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),  # a new key each start: old sessions just expire
        MAX_CONTENT_LENGTH=max_upload,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
    )
    app.extensions["s75docs"] = WebState(Results(keep_results), threading.Lock())
    app.jinja_env.globals["form_token"] = form_token
    app.register_blueprint(page)

    @app.before_request
    def _require_token() -> None:
        if request.method == "POST":
            sent = request.form.get("token", "")
            token = session.get("token")
            same = isinstance(token, str) and secrets.compare_digest(sent.encode(), token.encode())
            if not same:
                raise Forbidden(EXPIRED)

    def _error(message: str, status: int) -> tuple[str, int]:
        return render_template("check.html", error=message, result=None), status

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_exc: RequestEntityTooLarge) -> tuple[str, int]:
        return _error(f"too large to upload (the limit is {_size(max_upload)})", 413)

    @app.errorhandler(Forbidden)
    def _forbidden(_exc: Forbidden) -> tuple[str, int]:
        return _error(EXPIRED, 403)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> tuple[str, int]:
        status = exc.code or 500
        return _error(f"{status} {exc.name}", status)

    @app.errorhandler(S75Error)
    def _s75(exc: S75Error) -> tuple[str, int]:
        return _error(str(exc), 400)

    @app.errorhandler(Exception)
    def _internal(exc: Exception) -> tuple[str, int]:
        if os.environ.get("S75DOCS_DEBUG"):
            raise exc
        app.logger.exception("internal error")
        return _error(f"internal error: {type(exc).__name__}: {exc} (please report it)", 500)

    return app
