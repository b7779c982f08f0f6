"""The Draft page through Flask's test client: starting a draft (the starter scheme, or an
uploaded scheme file), the check as you type (problems at their line and field, in the CLI's
words, and never a server path), the preview, and the downloads: the scheme file at once,
the agreement as Word, PDF and Markdown from a job."""

from __future__ import annotations

import html
import io
import re
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from s75docs.web import draft_page
from s75docs.web.app import create_app
from s75docs.web.drafting import Draft, check_draft, starter_text
from tests.conftest import LibreOffice
from tests.web.client import page_token

FAIRHAVEN = Path(__file__).parents[2] / "examples" / "fairhaven" / "scheme.yaml"
TITLE = "Section 75 Partnership Agreement for Integrated Health and Social Care"
MESSAGE = re.compile(r'<p class="message">([^<]*)</p>')
TEXTAREA = re.compile(r'<textarea id="scheme-text"[^>]*>\n(.*?)</textarea>', re.S)
BAD_DATE = ("commencement: 2026-04-01", "commencement: 2026-02-30")


@pytest.fixture(scope="module")
def fairhaven_text() -> str:
    return FAIRHAVEN.read_text(encoding="utf-8")


def token(client: FlaskClient) -> str:
    return page_token(client)


def message(page: str) -> str:
    found = MESSAGE.search(page)
    assert found is not None, page
    return html.unescape(found.group(1))


def textarea(page: str) -> str:
    found = TEXTAREA.search(page)
    assert found is not None, page
    return html.unescape(found.group(1))


def upload(client: FlaskClient, data: bytes, name: str) -> Any:
    form = {"token": token(client), "scheme": (io.BytesIO(data), name)}
    return client.post("/draft/upload", data=form, content_type="multipart/form-data")


def check(client: FlaskClient, text: str) -> Any:
    return client.post(
        "/draft/check", data={"token": token(client), "text": text, "format": "json"}
    )


def draft_of(app: Flask, client: FlaskClient) -> Draft | None:
    held: Draft | None = app.extensions["s75docs"].drafts.get(token(client))
    return held


def test_without_a_draft_the_page_offers_the_starter_or_an_upload(client: FlaskClient) -> None:
    page = client.get("/draft").get_data(as_text=True)
    assert "Start from the starter scheme" in page and "<textarea" not in page
    assert '<label for="scheme-file">' in page and 'aria-describedby="scheme-file-hint"' in page
    assert 'accept=".yaml,.yml"' in page
    assert re.findall(r'(?:src|href)="(https?:)?//', page) == []


def test_new_puts_the_starter_scheme_in_the_editor(app: Flask, client: FlaskClient) -> None:
    response = client.post("/draft/new", data={"token": token(client)})
    assert response.status_code == 303 and response.headers["Location"] == "/draft"
    page = client.get("/draft").get_data(as_text=True)
    assert textarea(page) == starter_text()
    assert (
        '<label for="scheme-text">' in page and 'aria-describedby="scheme-hint caret-place"' in page
    )
    assert 'id="problem-count" class="problem-count" role="status">No problems<' in page
    assert 'sandbox="allow-same-origin"' in page and "started from the starter scheme" in page
    assert draft_of(app, client) == Draft("scheme.yaml", starter_text(), None)
    preview = client.get("/draft/preview?v=1")
    assert "Exampleshire Better Care Fund" in preview.get_data(as_text=True)


def test_an_uploaded_scheme_is_the_draft_and_its_original(
    app: Flask, client: FlaskClient, fairhaven_text: str
) -> None:
    response = upload(client, fairhaven_text.encode("utf-8"), "fairhaven.yaml")
    assert response.status_code == 303
    page = client.get("/draft").get_data(as_text=True)
    assert textarea(page) == fairhaven_text and "fairhaven.yaml" in page
    assert draft_of(app, client) == Draft("fairhaven.yaml", fairhaven_text, fairhaven_text)
    # Windows line endings are read as the text they are
    upload(client, fairhaven_text.replace("\n", "\r\n").encode("utf-8"), "windows.yml")
    assert draft_of(app, client) == Draft("windows.yml", fairhaven_text, fairhaven_text)


def test_a_check_gives_the_line_and_field_in_the_cli_words_and_no_server_path(
    app: Flask, client: FlaskClient, fairhaven_text: str
) -> None:
    upload(client, fairhaven_text.encode("utf-8"), "fairhaven.yaml")
    good = check(client, fairhaven_text).get_json()
    assert good == {"count": 0, "problems": [], "version": 1, "stale": False}
    broken = fairhaven_text.replace(*BAD_DATE)
    reply = check(client, broken)
    assert reply.status_code == 200
    body = reply.get_json()
    line = fairhaven_text.splitlines().index("  " + BAD_DATE[0]) + 1
    assert body["count"] == 1 and body["stale"] is True and body["version"] == 1
    [problem] = body["problems"]
    words = "not a date: 2026-02-30 (day is out of range for month)"
    assert problem == {
        "line": line,
        "field": "agreement.commencement",
        "message": words,
        "text": f"fairhaven.yaml:{line}: agreement.commencement: {words}",
        "label": f"Line {line}, agreement, commencement: {words}",
    }
    assert "/tmp" not in reply.get_data(as_text=True)
    assert "s75docs-serve-" not in reply.get_data(as_text=True)
    held = draft_of(app, client)  # the draft is saved on each check; its original kept
    assert held is not None and held.text == broken and held.original == fairhaven_text
    # the last good preview is kept, marked out of date on the page
    assert TITLE in client.get("/draft/preview?v=1").get_data(as_text=True)
    page = client.get("/draft").get_data(as_text=True)
    assert f'<a href="#scheme-text" data-line="{line}">Line {line}, agreement, commencement' in page
    assert "Out of date: fix the problems listed" in page and 'class="preview stale"' in page


def test_without_scripts_check_and_preview_shows_the_page_again(
    client: FlaskClient, fairhaven_text: str
) -> None:
    upload(client, fairhaven_text.encode("utf-8"), "fairhaven.yaml")
    broken = fairhaven_text.replace("  area: Fairhaven", "  arae: Fairhaven")
    response = client.post("/draft/check", data={"token": token(client), "text": broken})
    assert response.status_code == 303 and response.headers["Location"] == "/draft"
    page = client.get("/draft").get_data(as_text=True)
    assert textarea(page) == broken
    assert "2 problems: the agreement cannot be made until they are fixed" in page
    assert "agreement, arae: unknown key &#39;arae&#39; (did you mean &#39;area&#39;?)" in page
    assert "No preview yet: fix the problems listed" in page  # none has built in this session


def test_the_preview_runs_no_script_and_fetches_nothing(
    client: FlaskClient, fairhaven_text: str
) -> None:
    empty = client.get("/draft/preview")
    assert "No preview yet" in empty.get_data(as_text=True)
    upload(client, fairhaven_text.encode("utf-8"), "fairhaven.yaml")
    client.get("/draft")
    preview = client.get("/draft/preview?v=1")
    policy = preview.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox allow-same-origin" in policy
    body = preview.get_data(as_text=True)
    assert TITLE in body and "<script" not in body and 'href="#' in body
    # a new draft starts with no preview from the last one
    client.post("/draft/new", data={"token": token(client)})
    assert TITLE not in client.get("/draft/preview").get_data(as_text=True)


def test_the_scheme_file_downloads_as_it_is_in_the_editor(
    client: FlaskClient, fairhaven_text: str
) -> None:
    upload(client, fairhaven_text.encode("utf-8"), "fairhaven.yaml")
    edited = fairhaven_text.replace(*BAD_DATE)  # problems or not, the text is the user's
    response = client.post("/draft/scheme", data={"token": token(client), "text": edited})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=fairhaven.yaml"
    assert response.get_data(as_text=True) == edited


@pytest.mark.libreoffice
def test_the_agreement_is_made_as_word_pdf_and_markdown_by_a_job(
    app: Flask,
    client: FlaskClient,
    fairhaven_text: str,
    tmp_path: Path,
    libreoffice: LibreOffice,
) -> None:
    upload(client, fairhaven_text.encode("utf-8"), "fairhaven.yaml")
    response = client.post(
        "/draft/agreement", data={"token": token(client), "text": fairhaven_text}
    )
    assert response.status_code == 303
    job_id = response.headers["Location"].rsplit("/", 1)[-1]
    jobs = app.extensions["s75docs"].jobs
    job = jobs.get(job_id, token(client))
    jobs.wait(job)
    assert job.state == "done", job.error
    assert job.steps == [
        "Checking the scheme",
        "Building the agreement",
        "Writing Word",
        "Converting to PDF (LibreOffice)",
    ]
    page = client.get(f"/jobs/{job_id}").get_data(as_text=True)
    links = {kind: url for url, kind in re.findall(r'href="(/download/[^"]+/([a-z]+))"', page)}
    assert set(links) == {"docx", "pdf", "md", "yaml"}
    files = {kind: client.get(url) for kind, url in links.items()}
    assert "filename=fairhaven.docx" in files["docx"].headers["Content-Disposition"]
    word = tmp_path / "fairhaven.docx"
    word.write_bytes(files["docx"].data)
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert TITLE in paragraphs
    assert TITLE in files["md"].get_data(as_text=True)
    assert files["yaml"].get_data(as_text=True) == fairhaven_text
    pdf = tmp_path / "fairhaven.pdf"
    pdf.write_bytes(files["pdf"].data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    assert TITLE in " ".join(text.decode("utf-8").split())


def test_a_draft_with_problems_is_not_made_into_an_agreement(
    app: Flask, client: FlaskClient, fairhaven_text: str
) -> None:
    upload(client, fairhaven_text.encode("utf-8"), "fairhaven.yaml")
    broken = fairhaven_text.replace(*BAD_DATE)
    line = fairhaven_text.splitlines().index("  " + BAD_DATE[0]) + 1
    first = f"fairhaven.yaml:{line}: agreement.commencement: not a date: 2026-02-30"
    check(client, broken)  # its problems are known: refused at once, on the page
    response = client.post("/draft/agreement", data={"token": token(client), "text": broken})
    assert response.status_code == 400
    said = message(response.get_data(as_text=True))
    assert said.startswith(first) and said.endswith(": fix the scheme before making the agreement")
    assert textarea(response.get_data(as_text=True)) == broken
    # not checked yet (no scripts): the job finds the problems and says so in one line
    worse = fairhaven_text.replace("  area: Fairhaven", "  arae: Fairhaven")
    response = client.post("/draft/agreement", data={"token": token(client), "text": worse})
    job_id = response.headers["Location"].rsplit("/", 1)[-1]
    jobs = app.extensions["s75docs"].jobs
    job = jobs.get(job_id, token(client))
    jobs.wait(job)
    assert job.state == "failed" and "\n" not in job.error
    assert job.error.startswith("fairhaven.yaml:") and "agreement.area" in job.error
    assert job.error.endswith("(and 1 more problem): fix the scheme before making the agreement")
    assert "/tmp" not in job.error and "s75docs-serve-" not in job.error


@pytest.mark.parametrize(
    ("data", "name", "said"),
    [
        (b"agreement:\n", "scheme.txt", "scheme.txt: the scheme file must be a .yaml or .yml file"),
        (b"agreement:\n", "", "choose a .yaml or .yml file for the scheme file"),
        (
            b"agreement:\n  title: Caf\xe9\n",
            "latin1.yaml",
            "latin1.yaml:2: not UTF-8 text (byte 0xe9): save the file as UTF-8",
        ),
        (
            b"# " + b"x" * 3000 + b"\n",
            "long.yaml",
            "long.yaml: too large for a scheme file (3,003 bytes; at most 2,048)",
        ),
    ],
)
def test_a_refused_upload_is_one_line_and_the_app_goes_on(
    client: FlaskClient,
    fairhaven_text: str,
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    name: str,
    said: str,
) -> None:
    monkeypatch.setattr(draft_page, "MAX_DRAFT_BYTES", 2048)
    response = upload(client, data, name)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message(page) == said
    assert "Start from the starter scheme" in page and "Traceback" not in page
    assert client.post("/draft/new", data={"token": token(client)}).status_code == 303
    assert textarea(client.get("/draft").get_data(as_text=True)) == starter_text()


def test_an_upload_over_the_server_limit_and_a_post_without_the_token(
    fairhaven_text: str,
) -> None:
    small = create_app(max_upload=64 * 1024).test_client()
    response = upload(small, b"# " + b"x" * (128 * 1024), "big.yaml")
    page = response.get_data(as_text=True)
    assert (response.status_code, message(page)) == (
        413,
        "too large to upload (the limit is 64 KB)",
    )
    assert "Start from the starter scheme" in page  # the page's own template, with the error
    response = small.post("/draft/check", data={"text": "agreement:\n", "format": "json"})
    assert response.status_code == 403
    assert message(response.get_data(as_text=True)).startswith("the form has expired")
    assert upload(small, fairhaven_text.encode("utf-8"), "fairhaven.yaml").status_code == 303


def test_a_text_over_the_draft_limit_is_refused_in_one_line(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.post("/draft/new", data={"token": token(client)})
    monkeypatch.setattr(draft_page, "MAX_DRAFT_BYTES", 1000)
    reply = check(client, "# " + "x" * 2000)
    assert reply.status_code == 400
    assert reply.get_json() == {
        "error": "the scheme is too large (2,002 bytes; at most 1,000):"
        " a scheme file is tens of kilobytes"
    }
    response = client.post("/draft/check", data={"token": token(client), "text": "#" * 2000})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message(page).startswith("the scheme is too large")
    assert textarea(page) == starter_text()  # the page goes on with the draft as saved


def test_one_session_never_runs_two_checks_at_once(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    real = check_draft
    running: list[int] = []
    overlap: list[int] = []

    def counted(*args: Any) -> Any:
        running.append(1)
        overlap.append(len(running))
        try:
            return real(*args)
        finally:
            running.pop()

    monkeypatch.setattr(draft_page, "check_draft", counted)
    client.post("/draft/new", data={"token": token(client)})
    cookie = client.get_cookie("session")
    assert cookie is not None
    sent = token(client)
    statuses: list[int] = []

    def one(n: int) -> None:
        other = app.test_client()  # the same session, as a second tab would be
        other.set_cookie("session", cookie.value)
        text = starter_text().replace("Exampleshire", f"Exampleshire {n}")
        reply = other.post("/draft/check", data={"token": sent, "text": text, "format": "json"})
        statuses.append(reply.status_code)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 3 and len(overlap) == 3 and max(overlap) == 1


def test_every_bad_scheme_of_the_corpus_is_refused_or_listed_in_one_line_each(
    client: FlaskClient, tmp_path: Path
) -> None:
    """The bad scheme corpus (tests/bad_schemes.py: broken YAML, hostile aliases and nesting,
    control characters, wrong encodings, wrong fields) uploaded through the page."""
    from tests.bad_schemes import write_variants

    problem = re.compile(r'<li>(?:<a href="#scheme-text" data-line="\d+">)?([^<]*)</')
    listed = refused = 0
    variants = write_variants(tmp_path)
    for variant, path in variants.items():
        response = upload(client, path.read_bytes(), path.name)
        if response.status_code == 400:  # not UTF-8 text: refused at once, in one line
            said = message(response.get_data(as_text=True))
            assert said.startswith(f"{path.name}:") and "not UTF-8 text" in said, variant
            refused += 1
            continue
        assert response.status_code == 303, variant
        shown = client.get("/draft")
        page = shown.get_data(as_text=True)
        assert shown.status_code == 200, (variant, page)
        found = re.search(r'<ul id="problems" class="problem-list">(.*?)</ul>', page, re.S)
        assert found is not None, variant
        items = problem.findall(found.group(1))
        assert items and all(item.strip() and "\n" not in item for item in items), variant
        assert "/tmp" not in page and "s75docs-serve-" not in page and "Traceback" not in page
        listed += 1
    assert listed + refused == len(variants) > 60 and refused >= 2  # utf16, latin1


def test_start_again_offers_the_choice_and_keeps_the_draft_until_one_is_made(
    app: Flask, client: FlaskClient, fairhaven_text: str
) -> None:
    upload(client, fairhaven_text.encode("utf-8"), "fairhaven.yaml")
    editing = client.get("/draft").get_data(as_text=True)
    assert 'href="/draft?start=1" id="start-again"' in editing
    page = client.get("/draft?start=1").get_data(as_text=True)
    assert "<textarea" not in page and "Start from the starter scheme" in page
    assert "replaces the draft you are editing (fairhaven.yaml)" in page
    held = draft_of(app, client)
    assert held is not None and held.text == fairhaven_text
    client.post("/draft/new", data={"token": token(client)})
    assert draft_of(app, client) == Draft("scheme.yaml", starter_text(), None)
