"""Long work (a PDF, the variation of a large agreement) as a job: queued behind the one
worker, its progress shown on its own page, its downloads kept when it ends. A second
request while one runs waits its turn: queued, not lost.

A page submits work with `submit(owner, title, work)`; `work(progress)` runs on the worker
thread (inside the app's lock, so it never runs beside a check), calls `progress("Converting
to PDF")` as it goes, and returns a `Stored` (its downloads) or raises an S75Error, whose one
line the job's page shows. The browser is sent to `url_for("jobs.show", job_id=...)`.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from s75docs.errors import S75Error
from s75docs.web.results import Results, Stored

Progress = Callable[[str], None]
Work = Callable[[Progress], Stored]
State = Literal["queued", "running", "done", "failed"]
LOG = logging.getLogger(__name__)


@dataclass
class Job:
    id: str
    owner: str  # the session token of the browser that asked for it
    title: str  # "Build fairhaven.yaml as PDF"
    state: State = "queued"
    steps: list[str] = field(default_factory=list)  # progress so far, latest last
    error: str = ""  # the one-line message when it failed
    key: str = ""  # its downloads in Results when done
    back: str = ""  # the page to return to

    @property
    def step(self) -> str:
        return self.steps[-1] if self.steps else ""


class Jobs:
    """One worker thread running jobs in the order they came; the last `keep` are held."""

    def __init__(self, results: Results, lock: threading.Lock, keep: int = 64) -> None:
        self._results = results
        self._lock = lock  # the app's lock: heavy work one at a time
        self._keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._waiting: queue.Queue[tuple[Job, Work]] = queue.Queue()
        self._guard = threading.Lock()
        self._worker: threading.Thread | None = None

    def submit(self, owner: str, title: str, work: Work, back: str = "") -> Job:
        job = Job(secrets.token_urlsafe(16), owner, title, back=back)
        with self._guard:
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                oldest = next(iter(self._jobs.values()))
                if oldest.state in ("queued", "running"):
                    break  # never drop work not yet finished
                self._jobs.popitem(last=False)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="s75docs-jobs", daemon=True)
                self._worker.start()
        self._waiting.put((job, work))
        return job

    def get(self, job_id: str, owner: str) -> Job | None:
        with self._guard:
            job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None

    def ahead(self, job: Job) -> int:
        """How many jobs run or wait before this queued one (0 once it runs)."""
        if job.state != "queued":
            return 0
        with self._guard:
            earlier = []
            for other in self._jobs.values():
                if other is job:
                    break
                earlier.append(other)
        return sum(1 for other in earlier if other.state in ("queued", "running"))

    def wait(self, job: Job, timeout: float = 600) -> None:
        """Block until `job` has ended (for tests and the CLI-like client)."""
        import time

        end = time.monotonic() + timeout
        while job.state in ("queued", "running") and time.monotonic() < end:
            time.sleep(0.05)

    def _run(self) -> None:
        while True:
            job, work = self._waiting.get()
            with self._lock:
                job.state = "running"
                try:
                    stored = work(job.steps.append)
                    job.key = self._results.add(stored)
                    job.state = "done"
                except S75Error as exc:
                    job.error = str(exc)
                    job.state = "failed"
                except Exception as exc:  # shown as one line, logged in full
                    LOG.exception("internal error in %s", job.title)
                    job.error = f"internal error: {type(exc).__name__}: {exc} (please report it)"
                    job.state = "failed"
                finally:
                    self._waiting.task_done()
