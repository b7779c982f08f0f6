"""The Report page (to be built: issue 15)."""

from __future__ import annotations

from flask import Blueprint, render_template

page = Blueprint("report", __name__)


@page.get("/report")
def index() -> str:
    return render_template("report.html", error=None)
