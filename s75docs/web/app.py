"""The Flask app: the session token every form carries, one check at a time, and errors
as the CLI's one-line messages (never a traceback page)."""

from __future__ import annotations

import os
import secrets
import threading
from pathlib import Path

from flask import Flask, render_template, request, session
from werkzeug.exceptions import Forbidden, HTTPException, RequestEntityTooLarge

from s75docs.check.safe_zip import MAX_FILE_BYTES
from s75docs.errors import S75Error
from s75docs.web.common import form_token
from s75docs.web.drafting import Drafts
from s75docs.web.jobs import Jobs
from s75docs.web.results import Results, WebState

MB = 1024 * 1024
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
EXPIRED = "the form has expired or came from another site: reload the page and try again"


def _size(count: int) -> str:
    return f"{count // MB} MB" if count >= MB else f"{count // 1024} KB"


PAGES = {"check": "check.html", "draft": "draft.html", "vary": "vary.html", "report": "report.html"}
PAGES["draft_form"] = "draft_form.html"  # the Draft page's form view


def create_app(
    *,
    max_upload: int = MAX_FILE_BYTES,
    keep_results: int = 32,
    libraries: list[Path] | None = None,
) -> Flask:
    """The app. `max_upload` is the checker's own limit on a file (safe_zip) unless a test
    gives a smaller one; the last `keep_results` results stay in memory for their downloads;
    `libraries` are the council libraries of `serve --library`, stacked over the default."""
    from s75docs.web import check_page, draft_form_page, draft_page, report_page, vary_page
    from s75docs.web.common import files
    from s75docs.web.jobs_page import jobs

    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),  # a new key each start: old sessions just expire
        MAX_CONTENT_LENGTH=max_upload,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
    )
    results, lock = Results(keep_results), threading.Lock()
    app.extensions["s75docs"] = WebState(
        results, lock, list(libraries or []), Jobs(results, lock), Drafts()
    )
    app.jinja_env.globals["form_token"] = form_token
    for blueprint in (
        check_page.page,
        draft_page.page,
        draft_form_page.page,
        vary_page.page,
        report_page.page,
        files,
        jobs,
    ):
        app.register_blueprint(blueprint)

    @app.before_request
    def _require_token() -> None:
        if request.method == "POST":
            sent = request.form.get("token", "")
            token = session.get("token")
            same = isinstance(token, str) and secrets.compare_digest(sent.encode(), token.encode())
            if not same:
                raise Forbidden(EXPIRED)

    def _error(message: str, status: int) -> tuple[str, int]:
        """The error on the page the request came from, as the CLI's one-line message."""
        page = PAGES.get(request.blueprint or "", "check.html")
        return render_template(page, error=message, result=None), status

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
