"""Long work as jobs: run in order behind one worker, progress shown, downloads kept,
errors as one line, and another browser's job never shown."""

from __future__ import annotations

import re
import threading
import time

from flask import Flask
from flask.testing import FlaskClient

from s75docs.errors import UsageError
from s75docs.web.app import create_app
from s75docs.web.common import state
from s75docs.web.jobs import Progress
from s75docs.web.results import Download, Stored

TOKEN = re.compile(r'name="token" value="([^"]+)"')


def _owner(client: FlaskClient) -> str:
    html = client.get("/").get_data(as_text=True)
    found = TOKEN.search(html)
    assert found is not None
    return found.group(1)


def test_jobs_run_in_order_one_at_a_time_and_show_their_progress() -> None:
    app = create_app()
    client = app.test_client()
    owner = _owner(client)
    gate = threading.Event()
    order: list[str] = []

    def slow(progress: Progress) -> Stored:
        progress("Building the agreement")
        gate.wait(10)
        order.append("first")
        return Stored(owner, "a.yaml", {"pdf": Download("a.pdf", b"%PDF-")})

    def quick(progress: Progress) -> Stored:
        order.append("second")
        return Stored(owner, "b.yaml", {"md": Download("b.md", b"# B")})

    with app.app_context():
        jobs = state().jobs
        first = jobs.submit(owner, "Build a.yaml as PDF", slow)
        second = jobs.submit(owner, "Build b.yaml", quick)
        while first.state == "queued":
            time.sleep(0.01)
        page = client.get(f"/jobs/{second.id}").get_data(as_text=True)
        assert "Waiting to start: 1 piece of work ahead of this one." in page
        running = client.get(f"/jobs/{first.id}").get_data(as_text=True)
        assert "Working: Building the agreement" in running
        assert client.get(f"/jobs/{first.id}/state").get_json()["state"] == "running"
        gate.set()
        jobs.wait(second)
    assert order == ["first", "second"]
    done = client.get(f"/jobs/{first.id}").get_data(as_text=True)
    link = re.search(r'href="(/download/[^"]+/pdf)"', done)
    assert link is not None and "Download a.pdf" in done
    assert client.get(link.group(1)).get_data() == b"%PDF-"


def test_a_failed_job_shows_the_one_line_error_and_the_worker_goes_on() -> None:
    app = create_app()
    client = app.test_client()
    owner = _owner(client)

    def bad(progress: Progress) -> Stored:
        raise UsageError("scheme.yaml:3: agreement.title: field required")

    def boom(progress: Progress) -> Stored:
        raise RuntimeError("no")

    jobs = app.extensions["s75docs"].jobs
    first, second = jobs.submit(owner, "Bad", bad), jobs.submit(owner, "Boom", boom)
    third = jobs.submit(owner, "Good", lambda p: Stored(owner, "c", {}))
    jobs.wait(third)
    assert (first.state, second.state, third.state) == ("failed", "failed", "done")
    page = client.get(f"/jobs/{first.id}").get_data(as_text=True)
    assert "scheme.yaml:3: agreement.title: field required" in page and "Traceback" not in page
    assert "internal error: RuntimeError: no" in client.get(f"/jobs/{second.id}").get_data(
        as_text=True
    )


def test_another_browser_never_sees_a_job() -> None:
    app: Flask = create_app()
    mine, theirs = app.test_client(), app.test_client()
    owner = _owner(mine)
    _owner(theirs)
    jobs = app.extensions["s75docs"].jobs
    job = jobs.submit(owner, "Mine", lambda p: Stored(owner, "m", {"md": Download("m.md", b"")}))
    jobs.wait(job)
    assert mine.get(f"/jobs/{job.id}").status_code == 200
    assert theirs.get(f"/jobs/{job.id}").status_code == 404
    assert theirs.get(f"/jobs/{job.id}/state").status_code == 404
