"""The Check page through Flask's test client: results, downloads, the token, refusals."""

from __future__ import annotations

import io
import json
import re
import threading
from pathlib import Path

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from s75docs.web.app import create_app
from s75docs.web.common import upload_name
from tests.web.client import page_token

MESSAGE = re.compile(r'<p class="message">([^<]*)</p>')
SUMMARY = re.compile(r'<p class="summary" id="summary">([^<]*)</p>')
DOWNLOAD = re.compile(r'href="(/download/[^"]+/(docx|json))"')


def token(client: FlaskClient) -> str:
    return page_token(client)


def upload(client: FlaskClient, data: bytes, name: str, send_token: bool = True) -> tuple[int, str]:
    form: dict[str, object] = {"document": (io.BytesIO(data), name)}
    if send_token:
        form["token"] = token(client)
    response = client.post("/check", data=form, content_type="multipart/form-data")
    return response.status_code, response.get_data(as_text=True)


def message(html: str) -> str:
    found = MESSAGE.search(html)
    assert found is not None, html
    return found.group(1)


def test_the_page_has_a_labelled_upload_form_and_no_outside_assets(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '<label for="document">' in html and 'id="document"' in html
    assert re.findall(r'(?:src|href)="(https?:)?//', html) == []
    with client.get("/static/s75.css") as css:
        assert css.status_code == 200 and "font-family" in css.get_data(as_text=True)


def test_fairhaven_checks_clean_with_outline_and_downloads(
    client: FlaskClient, fairhaven: bytes, tmp_path: Path
) -> None:
    status, html = upload(client, fairhaven, "fairhaven.docx")
    assert status == 200
    summary = SUMMARY.search(html)
    assert summary is not None
    assert summary.group(1).startswith("fairhaven.docx: no findings (")
    assert html.count("<details") > 5 and "Schedule 1" in html
    links = dict((kind, url) for url, kind in DOWNLOAD.findall(html))
    assert set(links) == {"docx", "json"}
    word = client.get(links["docx"])
    assert word.status_code == 200
    assert "fairhaven-checked.docx" in word.headers["Content-Disposition"]
    path = tmp_path / "checked.docx"
    path.write_bytes(word.data)
    assert len(docx.Document(str(path)).paragraphs) > 1000
    report = json.loads(client.get(links["json"]).data)
    assert report["findings"] == [] and report["summary"]["file"] == "fairhaven.docx"


def test_a_placeholder_is_found_shown_and_commented(
    client: FlaskClient, seeded: bytes, tmp_path: Path
) -> None:
    status, html = upload(client, seeded, "seeded.docx")
    assert status == 200
    summary = SUMMARY.search(html)
    assert summary is not None and "placeholder 1" in summary.group(1)
    rows = re.findall(r'<tr data-severity="([a-z]+)" data-code="([a-z-]+)">', html)
    assert rows == [("error", "placeholder")] or rows == [("warning", "placeholder")]
    assert "[INSERT]" in html
    links = dict((kind, url) for url, kind in DOWNLOAD.findall(html))
    path = tmp_path / "checked.docx"
    path.write_bytes(client.get(links["docx"]).data)
    assert docx.Document(str(path)).part.package  # opens
    with __import__("zipfile").ZipFile(path) as z:
        assert "placeholder" in z.read("word/comments.xml").decode("utf-8")
    (finding,) = json.loads(client.get(links["json"]).data)["findings"]
    assert finding["code"] == "placeholder" and "[INSERT]" in finding["text"]


def test_text_input_gives_json_but_no_word_download(client: FlaskClient) -> None:
    text = b"AGREEMENT\n\n1. Definitions\n\n1.1 The Fund means [INSERT].\n"
    status, html = upload(client, text, "notes.txt")
    assert status == 200
    kinds = {kind for _url, kind in DOWNLOAD.findall(html)}
    assert kinds == {"json"}


def test_a_post_without_the_token_is_refused(client: FlaskClient, fairhaven: bytes) -> None:
    status, html = upload(client, fairhaven, "a.docx", send_token=False)
    assert status == 403
    assert message(html).startswith("the form has expired or came from another site")
    token(client)  # a session with a token; a non-ASCII one sent is refused, not an error
    form = {"document": (io.BytesIO(b"1. Text"), "a.txt"), "token": "é"}
    assert client.post("/check", data=form).status_code == 403
    other = create_app().test_client()  # another session's token is not this one's
    form = {"document": (io.BytesIO(fairhaven), "a.docx"), "token": token(other)}
    assert client.post("/check", data=form).status_code == 403


def test_oversize_and_wrong_type_give_one_line_and_the_app_keeps_serving(
    client: FlaskClient, fairhaven: bytes
) -> None:
    # (an upload under 500 KB: the test client spools a larger one to a file it never closes)
    small = create_app(max_upload=64 * 1024).test_client()
    status, html = upload(small, b"x" * (128 * 1024), "big.txt")
    assert (status, message(html)) == (413, "too large to upload (the limit is 64 KB)")
    assert upload(small, b"1. The Fund [INSERT].\n", "small.txt")[0] == 200
    status, html = upload(client, b"%PDF-1.7", "agreement.pdf")
    assert status == 400
    assert message(html).startswith("agreement.pdf: PDF: extract its text first")
    status, html = upload(client, b"not a zip", "broken.docx")
    assert status == 400 and message(html).startswith("broken.docx: ")
    assert "Traceback" not in html and "/tmp" not in html
    status, html = upload(client, b"", "")
    assert status == 400 and message(html) == "choose a .docx, .txt or .md file to check"
    status, _html = upload(client, fairhaven, "fairhaven.docx")
    assert status == 200


def test_an_internal_error_is_one_line_not_a_traceback(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import s75docs.check.run

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("S75DOCS_DEBUG", raising=False)
    monkeypatch.setattr(s75docs.check.run, "check_with_tree", broken)
    status, html = upload(client, b"1. Text\n", "a.txt")
    assert (status, message(html)) == (500, "internal error: RuntimeError: boom (please report it)")
    assert "Traceback" not in html


def test_downloads_need_the_session_that_made_them(app: Flask, seeded: bytes) -> None:
    mine = app.test_client()
    _status, html = upload(mine, seeded, "a.docx")
    url = DOWNLOAD.findall(html)[0][0]
    assert mine.get(url).status_code == 200
    assert app.test_client().get(url).status_code == 404
    assert mine.get("/download/nonsense/json").status_code == 404


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.docx", "passwd.docx"),
        ("C:\\Users\\me\\Agreement v2.docx", "Agreement_v2.docx"),
        ("协议.docx", "agreement.docx"),
        ("notes", "notes"),
        (".docx", "agreement.docx"),
    ],
)
def test_an_upload_name_never_names_a_server_path(sent: str, kept: str) -> None:
    assert upload_name(sent) == kept


def test_checks_run_one_at_a_time(
    app: Flask, fairhaven: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import s75docs.check.run

    real = s75docs.check.run.check_with_tree
    running: list[int] = []
    overlap: list[int] = []

    def counted(*args: object) -> object:
        running.append(1)
        overlap.append(len(running))
        try:
            return real(*args)  # type: ignore[arg-type]
        finally:
            running.pop()

    monkeypatch.setattr(s75docs.check.run, "check_with_tree", counted)
    statuses: list[int] = []

    def one() -> None:
        statuses.append(upload(app.test_client(), fairhaven, "f.docx")[0])

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * 4 and max(overlap) == 1


def test_nothing_is_left_in_the_temporary_folder(
    client: FlaskClient, seeded: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert upload(client, seeded, "a.docx")[0] == 200
    assert upload(client, b"%PDF", "b.pdf")[0] == 400
    assert [p for p in tmp_path.iterdir() if p.name.startswith("s75docs-serve-")] == []


STALE = (
    b"AGREEMENT\n\n1. Definitions\n\n1.1 The Partners are the Council and the Primary Care"
    b" Trust.\n\n2. Term\n\n2.1 This Agreement runs from 1 April 2011 as set out in Clause 1.\n"
)


@pytest.mark.parametrize(
    ("as_of", "summary"),
    [
        ("", "1 finding(s): 1 error(s), 0 warning(s), 0 info; law-stale 1"),
        ("2012-01-01", "stale.txt: no findings (5 paragraphs read)"),
    ],
)
def test_law_is_judged_as_at_the_date_given(client: FlaskClient, as_of: str, summary: str) -> None:
    form = {"document": (io.BytesIO(STALE), "stale.txt"), "token": token(client), "as_of": as_of}
    response = client.post("/check", data=form, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    found = SUMMARY.search(html)
    assert response.status_code == 200 and found is not None and found.group(1) == summary
    assert f'value="{as_of}"' in html  # kept in the form


def test_a_bad_as_of_date_is_one_line(client: FlaskClient) -> None:
    form = {"document": (io.BytesIO(STALE), "s.txt"), "token": token(client), "as_of": "31/03"}
    response = client.post("/check", data=form, content_type="multipart/form-data")
    assert response.status_code == 400
    assert (
        message(response.get_data(as_text=True))
        == "as-of: &#39;31/03&#39; is not a date (YYYY-MM-DD)"
    )


def test_findings_are_listed_most_serious_first(client: FlaskClient) -> None:
    text = (
        b"AGREEMENT\n\n1. Definitions\n\n1.1 The Fund is set out in [Clause 2].\n\n2. Term\n\n"
        b"2.1 See Clause 9.\n"
    )
    form = {"document": (io.BytesIO(text), "mixed.txt"), "token": token(client)}
    html = client.post("/check", data=form, content_type="multipart/form-data").get_data(
        as_text=True
    )
    shown = re.findall(r'<tr data-severity="(\w+)"', html)
    order = ["error", "warning", "info"]
    assert len(set(shown)) > 1 and shown == sorted(shown, key=order.index), shown
