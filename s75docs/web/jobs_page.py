"""A job's page: waiting (and how many are ahead), running (its latest step), or ended (its
downloads, or its one-line error). It refreshes itself until the job ends: a small script
asks for the job's state each second; without scripts, the page reloads."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, render_template

from s75docs.web.common import form_token, state
from s75docs.web.jobs import Job

jobs = Blueprint("jobs", __name__)


def _job(job_id: str) -> Job:
    job = state().jobs.get(job_id, form_token())
    if job is None:
        abort(404)
    return job


@jobs.get("/jobs/<job_id>")
def show(job_id: str) -> tuple[str, int]:
    job = _job(job_id)
    stored = state().results.get(job.key) if job.key else None
    return render_template(
        "job.html", job=job, ahead=state().jobs.ahead(job), stored=stored, error=None
    ), 200


@jobs.get("/jobs/<job_id>/state")
def status(job_id: str) -> Response:
    job = _job(job_id)
    return jsonify(state=job.state, step=job.step, ahead=state().jobs.ahead(job))
