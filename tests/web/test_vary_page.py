"""The Vary page through Flask's test client: Fairhaven's first variation (scheme.yaml to
scheme-v2.yaml, with the edits file it names) as a job; its deed, conformed copy and
comparison downloaded and opened; its changes as the CLI counts them; one-line refusals."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from s75docs.cli import main
from s75docs.web.app import create_app
from s75docs.web.common import state
from s75docs.web.drafting import Draft
from tests.conftest import LibreOffice
from tests.web.client import page_token

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fairhaven"
MESSAGE = re.compile(r'<p class="message">([^<]*)</p>')
SUMMARY = re.compile(r'<p class="summary" id="summary">([^<]*)</p>')
DOWNLOAD = re.compile(r'href="(/download/[^"]+/([a-z.]+))"')
STEPS = [
    "Reading the two versions",
    "Proving the deed on the agreement",
    "Writing the deed",
    "Writing the conformed copy",
    "Writing the comparison",
]


def token(client: FlaskClient) -> str:
    return page_token(client, "/vary")


def example(name: str, as_name: str | None = None) -> tuple[io.BytesIO, str]:
    return io.BytesIO((EXAMPLE / name).read_bytes()), as_name or name


@dataclass
class Done:
    status: int  # of the page the job ended on
    html: str
    steps: list[str]
    where: str = ""  # the job's page


def vary(client: FlaskClient, app: Flask, **form: object) -> Done:
    """Post the form, follow to the job's page, wait for the job, and read its page."""
    posted = client.post(
        "/vary", data={"token": token(client), **form}, content_type="multipart/form-data"
    )
    if posted.status_code != 303:
        return Done(posted.status_code, posted.get_data(as_text=True), [])
    where = posted.headers["Location"]
    waiting = client.get(where).get_data(as_text=True)
    assert 'id="progress"' in waiting or 'id="summary"' in waiting or 'id="error"' in waiting
    jobs = app.extensions["s75docs"].jobs
    job = jobs.get(where.rsplit("/", 1)[1], token(client))
    assert job is not None
    jobs.wait(job)
    page = client.get(where)
    return Done(page.status_code, page.get_data(as_text=True), list(job.steps), where)


def message(html: str) -> str:
    found = MESSAGE.findall(html)
    assert found, html
    return " / ".join(found)


def fairhaven_form(**more: object) -> dict[str, object]:
    return {
        "old": example("scheme.yaml"),
        "new": example("scheme-v2.yaml"),
        "others": [example("variation-2027.yaml")],
        **more,
    }


@pytest.fixture(scope="module")
def app() -> Flask:
    return create_app(max_upload=4 * 1024 * 1024)


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def varied(app: Flask, client: FlaskClient) -> Done:
    return vary(client, app, **fairhaven_form())


@pytest.fixture(scope="module")
def downloads(varied: Done, client: FlaskClient) -> dict[str, bytes]:
    out = {}
    for url, kind in DOWNLOAD.findall(varied.html):
        got = client.get(url)
        assert got.status_code == 200, url
        out[kind] = got.data
    return out


@pytest.fixture(scope="module")
def cli_changes(tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many variations `s75docs vary` counts for the same two versions."""
    out = tmp_path_factory.mktemp("cli-vary")
    ran = CliRunner().invoke(
        main,
        ["vary", str(EXAMPLE / "scheme.yaml"), str(EXAMPLE / "scheme-v2.yaml"), "-o", str(out)],
    )
    assert ran.exit_code == 0, ran.output
    found = re.search(r"(\d+) variation\(s\)", ran.output)
    assert found is not None, ran.output
    return int(found.group(1))


def test_the_form_has_labelled_inputs_and_no_outside_assets(client: FlaskClient) -> None:
    html = client.get("/vary").get_data(as_text=True)
    for field in ("old", "new", "others", "style-record", "style-letters", "style-restate", "pdf"):
        assert f'<label for="{field}">' in html and f'id="{field}"' in html
    assert 'name="others" accept=".yaml,.yml" multiple' in html
    assert 'aria-describedby="others-hint"' in html and 'id="others-hint"' in html
    assert re.findall(r'(?:src|href)="(https?:)?//', html) == []
    assert "Vary the draft" not in html  # no draft in this session


def test_fairhaven_v2_gives_the_deed_preview_changes_and_downloads(
    varied: Done, cli_changes: int
) -> None:
    assert varied.status == 200
    assert varied.steps == STEPS
    summary = SUMMARY.search(varied.html)
    assert summary is not None
    assert summary.group(1).startswith(f"{cli_changes} variations: scheme.yaml to scheme-v2.yaml")
    rows = re.findall(r"<tr>\s*<td data-label=\"Deed clause\">", varied.html)
    assert len(rows) == cli_changes == 23
    assert '<td data-label="Provision">Schedule 6A</td>' in varied.html
    assert "figures changed" in varied.html and "inserted" in varied.html
    assert "In Clause 26.2, the word “twenty” is replaced with “fifteen”." in varied.html
    assert "A new Clause 4.2.7 is inserted after Clause 4.2.6: “4.2.7 Dementia" in varied.html
    frame = re.search(r'<iframe class="deed-preview"[^>]*sandbox srcdoc="([^"]*)"', varied.html)
    assert frame is not None and "Deed of Variation" in frame.group(1)
    assert "&lt;html" in frame.group(1) or "&lt;!DOCTYPE" in frame.group(1)  # escaped, in place
    assert "/tmp/" not in varied.html and "s75docs-serve-" not in varied.html


def test_the_downloads_open_in_word(downloads: dict[str, bytes], tmp_path: Path) -> None:
    assert set(downloads) == {"deed.docx", "conformed.docx", "comparison.docx"}
    texts = {}
    for kind, data in downloads.items():
        path = tmp_path / kind
        path.write_bytes(data)
        texts[kind] = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Deed of Variation" in texts["deed.docx"]
    assert "dated 27 March 2026" in texts["deed.docx"]  # cites the agreement varied
    assert "Conformed copy" in texts["conformed.docx"]
    body = zipfile.ZipFile(io.BytesIO(downloads["comparison.docx"])).read("word/document.xml")
    assert b"<w:ins " in body and b"<w:del " in body


@pytest.mark.libreoffice
def test_pdf_chosen_gives_the_deed_through_libreoffice(
    app: Flask, client: FlaskClient, libreoffice: LibreOffice, tmp_path: Path
) -> None:
    done = vary(client, app, **fairhaven_form(pdf="1", style="letters"))
    assert done.steps == [*STEPS, "Converting to PDF"]
    links = {kind: url for url, kind in DOWNLOAD.findall(done.html)}
    assert set(links) == {
        "deed.docx",
        "conformed.docx",
        "comparison.docx",
        "deed.pdf",
        "conformed.pdf",
    }
    got = client.get(links["deed.pdf"])
    assert "scheme-v2-deed.pdf" in got.headers["Content-Disposition"]
    path = tmp_path / "deed.pdf"
    path.write_bytes(got.data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, timeout=120
    ).stdout.decode("utf-8")
    assert "Deed of Variation" in text and "27 March 2026" in text


def test_restate_style_lists_the_same_changes_without_deed_numbers(
    app: Flask, client: FlaskClient, cli_changes: int
) -> None:
    done = vary(client, app, **fairhaven_form(style="restate"))
    assert "a deed of variation and restatement" in done.html
    assert done.html.count('<td data-label="Provision">') == cli_changes
    assert 'data-label="Deed clause"' not in done.html


def cli_message(tmp_path: Path, old: str, new: str, files: dict[str, bytes]) -> str:
    """The one line `s75docs vary` prints for these files, its folder taken out."""
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    ran = CliRunner().invoke(
        main, ["vary", str(tmp_path / old), str(tmp_path / new), "-o", str(tmp_path / "out")]
    )
    assert ran.exit_code != 0
    return ran.output.strip().replace(f"{tmp_path}/", "")


def test_a_missing_named_file_is_the_clis_one_line_and_the_server_goes_on(
    app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    done = vary(client, app, old=example("scheme.yaml"), new=example("scheme-v2.yaml"))
    files = {n: (EXAMPLE / n).read_bytes() for n in ("scheme.yaml", "scheme-v2.yaml")}
    expected = cli_message(tmp_path, "scheme.yaml", "scheme-v2.yaml", files)
    assert message(done.html) == expected + " / " + ADD_EDITS
    assert expected.startswith("scheme-v2.yaml:") and "variation-2027.yaml" in expected
    assert 'id="old"' in done.html  # the form again, to try once more
    assert client.get("/vary").status_code == 200


ADD_EDITS = (
    "scheme-v2.yaml names variation-2027.yaml (the edits it makes): choose it under &#39;Other"
    " files the versions name&#39; and write the deed again. The files already chosen are kept."
)


def test_after_a_missing_file_only_that_file_is_chosen_again(app: Flask) -> None:
    client = app.test_client()  # a browser of its own: nothing held yet
    done = vary(client, app, old=example("scheme.yaml"), new=example("scheme-v2.yaml"))
    assert message(done.html).endswith(ADD_EDITS)
    assert "Using <strong>scheme.yaml</strong>, uploaded" in done.html
    assert "Using <strong>scheme-v2.yaml</strong>, uploaded" in done.html
    assert re.search(r'<input type="file" id="old"[^>]*required', done.html) is None
    assert "Other files the versions name (needed when a version names other files)" in done.html
    again = vary(client, app, others=[example("variation-2027.yaml")])
    summary = SUMMARY.search(again.html)
    assert summary is not None, again.html
    assert summary.group(1).startswith("23 variations: scheme.yaml to scheme-v2.yaml")
    form = client.get("/vary").get_data(as_text=True)  # the other file is offered, ticked
    assert 'name="keep" value="variation-2027.yaml" checked' in form
    unticked = vary(client, app)  # not ticked: let go, so missing again
    assert message(unticked.html).endswith(ADD_EDITS)
    # an other file chosen beside a wrong version is held all the same
    wrong: dict[str, object] = {"token": token(client), "new": (io.BytesIO(b"PK"), "new.docx")}
    wrong["others"] = [example("variation-2027.yaml")]
    posted = client.post("/vary", data=wrong, content_type="multipart/form-data")
    assert posted.status_code == 400
    assert 'name="keep" value="variation-2027.yaml" checked' in posted.get_data(as_text=True)
    unticked = vary(client, app, keep="variation-2027.yaml")
    assert SUMMARY.search(unticked.html) is not None, unticked.html
    unticked = vary(client, app)
    assert message(unticked.html).endswith(ADD_EDITS)


def test_the_files_the_wrong_way_round_are_named_as_such(app: Flask) -> None:
    client = app.test_client()
    done = vary(
        client,
        app,
        old=example("scheme-v2.yaml"),
        new=example("scheme.yaml"),
        others=[example("variation-2027.yaml")],
    )
    assert message(done.html).endswith(
        "scheme.yaml has fewer variation records (0) than scheme-v2.yaml (1): are the two"
        " files the wrong way round? The agreement as it stands goes first, and the"
        " agreement as it will be once varied second."
    )


def test_a_scheme_with_an_error_is_the_clis_message(
    app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    broken = (EXAMPLE / "scheme-v2.yaml").read_text(encoding="utf-8")
    broken = broken.replace("  commencement: 2026-04-01", "  commencement: 2026-13-01", 1)
    done = vary(
        client,
        app,
        old=example("scheme.yaml"),
        new=(io.BytesIO(broken.encode("utf-8")), "scheme-v2.yaml"),
        others=[example("variation-2027.yaml")],
    )
    files = {
        "scheme.yaml": (EXAMPLE / "scheme.yaml").read_bytes(),
        "scheme-v2.yaml": broken.encode("utf-8"),
        "variation-2027.yaml": (EXAMPLE / "variation-2027.yaml").read_bytes(),
    }
    expected = cli_message(tmp_path, "scheme.yaml", "scheme-v2.yaml", files)
    assert message(done.html) == expected.replace("\n", " / ")
    assert "scheme-v2.yaml:" in expected and "commencement" in expected
    assert client.get("/vary").status_code == 200


def test_a_wrong_type_or_a_missing_version_is_one_line(app: Flask) -> None:
    client = app.test_client()  # a browser of its own: no version held from other tests
    for form, expected in (
        (
            {
                "old": (io.BytesIO(b"PK\x03\x04"), "agreement.docx"),
                "new": example("scheme-v2.yaml"),
            },
            "agreement.docx: the agreement as it stands must be a .yaml or .yml file",
        ),
        (
            {"old": example("scheme.yaml")},
            "choose a .yaml or .yml file for the agreement as it will be once varied",
        ),
        (
            fairhaven_form(others=[(io.BytesIO(b"%PDF-1.7"), "scan.pdf")]),
            "scan.pdf: the other file must be a .yaml or .yml file",
        ),
        (
            {"old": example("scheme.yaml"), "new": example("scheme-v2.yaml", "scheme.yaml")},
            "scheme.yaml: the two versions have the same name: rename one (the varied version's"
            " record names the one it varies)",
        ),
        (
            fairhaven_form(style="sideways"),
            "unknown style 'sideways' (choose from letters, restate)",
        ),
    ):
        posted = client.post(
            "/vary", data={"token": token(client), **form}, content_type="multipart/form-data"
        )
        html = posted.get_data(as_text=True)
        assert posted.status_code == 400 and message(html) == expected.replace("'", "&#39;")
        assert 'id="new"' in html  # the form, to try again
    assert client.get("/vary").status_code == 200


def test_two_versions_making_the_same_agreement_are_nothing_to_vary(
    app: Flask, client: FlaskClient
) -> None:
    done = vary(client, app, old=example("scheme.yaml"), new=example("scheme.yaml", "copy.yaml"))
    assert done.status == 200 and 'id="error"' not in done.html
    summary = SUMMARY.search(done.html)
    assert summary is not None
    assert summary.group(1) == (
        "scheme.yaml and copy.yaml make the same agreement: there is nothing for a deed to vary."
    )
    assert '<h2 id="result-title">Nothing to vary</h2>' in done.html
    assert DOWNLOAD.findall(done.html) == []


def test_another_browser_cannot_see_the_result(varied: Done, app: Flask) -> None:
    found = re.search(r'href="(/download/[^"]+)"', varied.html)
    assert found is not None
    other = app.test_client()
    assert other.get(found.group(1)).status_code == 404
    assert varied.where.startswith("/vary/result/")
    assert other.get(varied.where).status_code == 404


@pytest.fixture()
def drafting() -> Iterator[tuple[Flask, FlaskClient]]:
    app = create_app()
    client = app.test_client()
    owner = token(client)
    with app.app_context():
        state().drafts.put(
            owner,
            Draft(
                "scheme.yaml",
                (EXAMPLE / "scheme-v2.yaml").read_text(encoding="utf-8"),
                (EXAMPLE / "scheme.yaml").read_text(encoding="utf-8"),
            ),
        )
    yield app, client


def test_the_draft_varies_against_the_file_it_started_from(
    drafting: tuple[Flask, FlaskClient], cli_changes: int
) -> None:
    app, client = drafting
    form = client.get("/vary").get_data(as_text=True)
    assert '<label for="source-draft">Vary the draft against the file it started from' in form
    assert 'id="source-draft" name="source" value="draft" checked' in form
    assert "vary.js" in form
    done = vary(client, app, source="draft", others=[example("variation-2027.yaml")])
    summary = SUMMARY.search(done.html)
    assert summary is not None, done.html
    assert summary.group(1).startswith(f"{cli_changes} variations: scheme.yaml to scheme-edited")


def test_an_oversize_upload_is_one_line_on_this_page() -> None:
    client = create_app(max_upload=64 * 1024).test_client()
    posted = client.post(
        "/vary",
        data={"token": token(client), **fairhaven_form()},
        content_type="multipart/form-data",
    )
    html = posted.get_data(as_text=True)
    assert posted.status_code == 413 and message(html) == "too large to upload (the limit is 64 KB)"
    assert "<h1>Vary an agreement</h1>" in html and 'id="old"' in html
    assert client.get("/vary").status_code == 200


def test_a_second_variation_takes_the_earlier_version_it_names(
    app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    missing = vary(
        client,
        app,
        old=example("scheme-v2.yaml"),
        new=example("scheme-v3.yaml"),
        others=[example("variation-2027.yaml")],
    )
    files = {n: (EXAMPLE / n).read_bytes() for n in ("scheme-v2.yaml", "scheme-v3.yaml")}
    files["variation-2027.yaml"] = (EXAMPLE / "variation-2027.yaml").read_bytes()
    expected = cli_message(tmp_path, "scheme-v2.yaml", "scheme-v3.yaml", files)
    assert "no such scheme file: scheme.yaml" in expected
    assert message(missing.html) == expected + (
        " / scheme-v2.yaml names scheme.yaml (the earlier version it varies): choose it under"
        " &#39;Other files the versions name&#39; and write the deed again. The files already"
        " chosen are kept."
    )
    done = vary(
        client,
        app,
        old=example("scheme-v2.yaml"),
        new=example("scheme-v3.yaml"),
        others=[example("variation-2027.yaml"), example("scheme.yaml")],
    )
    summary = SUMMARY.search(done.html)
    assert summary is not None, done.html
    assert summary.group(1).startswith("8 variations: scheme-v2.yaml to scheme-v3.yaml")
    assert "party replaced" in done.html and "As the successor of NHS Fairhaven" in done.html


def test_a_word_file_named_yaml_is_the_clis_message(
    app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    word = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xc1\xa0"
    done = vary(client, app, old=example("scheme.yaml"), new=(io.BytesIO(word), "scheme-v2.yaml"))
    files = {"scheme.yaml": (EXAMPLE / "scheme.yaml").read_bytes(), "scheme-v2.yaml": word}
    expected = cli_message(tmp_path, "scheme.yaml", "scheme-v2.yaml", files)
    assert message(done.html) == expected and expected.startswith("scheme-v2.yaml:")
    assert client.get("/vary").status_code == 200
