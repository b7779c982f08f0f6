"""The Draft page (to be built: issue 15)."""

from __future__ import annotations

from flask import Blueprint, render_template

page = Blueprint("draft", __name__)


@page.get("/draft")
def index() -> str:
    return render_template("draft.html", error=None)
