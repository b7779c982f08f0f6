"""The Vary page (to be built: issue 15)."""

from __future__ import annotations

from flask import Blueprint, render_template

page = Blueprint("vary", __name__)


@page.get("/vary")
def index() -> str:
    return render_template("vary.html", error=None)
