"""The Report page through the Flask test client: the meeting as a form generated from the
model, filled by hand or from a meeting file; the report written as a job for each kind, the
same paragraphs as `s75docs report` writes for the same inputs; a house template; a
variation report; mistakes shown beside their inputs, as the CLI's one-line messages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from s75docs.cli import main
from s75docs.model.meeting import Meeting, load_meeting
from s75docs.web import meeting_form
from s75docs.web.app import create_app
from s75docs.web.common import state
from s75docs.web.drafting import Draft
from tests.reports.conftest import HOUSE_HEADER, house_template

ROOT = Path(__file__).resolve().parent.parent.parent
FAIRHAVEN = ROOT / "examples" / "fairhaven"
SCHEME, SCHEME_V2 = FAIRHAVEN / "scheme.yaml", FAIRHAVEN / "scheme-v2.yaml"
MEETINGS = {
    "cabinet": FAIRHAVEN / "meeting.yaml",
    "executive": FAIRHAVEN / "meeting.yaml",
    "hwb": FAIRHAVEN / "meeting.yaml",
    "icb-board": FAIRHAVEN / "meeting-icb.yaml",
}
TOKEN = re.compile(r'name="token" value="([^"]+)"')
DOWNLOAD = re.compile(r'href="(/download/[^"]+)"')


class Page:
    """One browser session on the Report page."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.client: FlaskClient = app.test_client()
        found = TOKEN.search(self.client.get("/report").get_data(as_text=True))
        assert found is not None
        self.token = found.group(1)

    def post(self, values: dict[str, str], **files: Any) -> TestResponse:
        data: dict[str, Any] = {"token": self.token, **values}
        for role, given in files.items():
            items = given if isinstance(given, list) else [given]
            data[role] = [(io.BytesIO(p.read_bytes()), p.name) for p in items]
        return self.client.post("/report", data=data, content_type="multipart/form-data")

    def finish(self, response: TestResponse) -> dict[str, bytes]:
        """Follow a submitted report to its job, wait for it, and download its files."""
        assert response.status_code == 303, response.get_data(as_text=True)
        job_id = response.headers["Location"].rsplit("/", 1)[-1]
        with self.app.app_context():
            job = state().jobs.get(job_id, self.token)
            assert job is not None
            state().jobs.wait(job)
        page = self.client.get(f"/jobs/{job_id}").get_data(as_text=True)
        assert job.state == "done", page
        assert job.steps[:2] == [
            "Reading the scheme and the meeting details",
            "Building the agreement and writing the report",
        ]
        out = {}
        for href in DOWNLOAD.findall(page):
            got = self.client.get(href)
            assert got.status_code == 200
            name = re.search(r"filename=([^;]+)", got.headers["Content-Disposition"])
            assert name is not None
            out[name.group(1).strip('"')] = got.data
        return out


def values_of(meeting: Path) -> dict[str, str]:
    """The form's values for a meeting file, as a user types them in."""
    values = meeting_form.flatten(yaml.safe_load(meeting.read_text(encoding="utf-8")))
    counts = meeting_form.counts_of(values)
    return {**values, **{f"count.{k}": str(v) for k, v in counts.items()}}


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


@pytest.fixture(scope="module")
def app() -> Flask:
    return create_app()


@pytest.fixture()
def page(app: Flask) -> Page:
    return Page(app)


@pytest.fixture(scope="module")
def cli_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """`s75docs report` itself for each kind and for the variation: what the page must match."""
    folder = tmp_path_factory.mktemp("cli-reports")
    out = {}
    runs = {
        kind: [str(SCHEME), "--meeting", str(m), "--kind", kind] for kind, m in MEETINGS.items()
    }
    runs["variation"] = [
        str(SCHEME_V2),
        "--variation-from",
        str(SCHEME),
        "--meeting",
        str(FAIRHAVEN / "meeting-v2.yaml"),
        "--kind",
        "cabinet",
    ]
    for name, args in runs.items():
        target = folder / f"{name}.docx"
        result = CliRunner().invoke(main, ["report", *args, "-o", str(target)])
        assert result.exit_code == 0, result.output
        out[name] = target.read_bytes()
    return out


def test_the_form_has_an_input_for_every_field_of_the_meeting(page: Page) -> None:
    html = page.client.get("/report").get_data(as_text=True)
    nodes = meeting_form.build(meeting_form.defaults(), {})

    def fields(model: Any, prefix: str = "") -> list[str]:
        out: list[str] = []
        for name, info in model.model_fields.items():
            path = f"{prefix}.{name}" if prefix else name
            sub = meeting_form._model(meeting_form._unwrap(info.annotation)[0])
            out += fields(sub, path) if sub is not None else [path]
        return out

    shown = {node.path for node in meeting_form.walk(nodes)}
    for path in fields(Meeting):
        assert path in shown or f"{path.rsplit('.', 1)[0]}" in shown, path
        top = path.split(".")[0]
        assert f'id="{meeting_form.input_id(top)}' in html, top
    for name in (
        "authors[0].email",
        "consultations[0].outcome",
        "implications.finance_officer.role",
    ):
        assert f'name="{name}"' in html
    # every input has its label, and every hint is tied to its input
    for ident in re.findall(r'<(?:input|textarea) [^>]*id="([^"]+)"', html):
        assert f'for="{ident}"' in html, ident
    for hint in re.findall(r'id="([^"]+-hint)"', html):
        assert f'aria-describedby="{hint}' in html or f' {hint}"' in html, hint
    assert "The director (a role) whose report it is" in html  # hints from the model
    for label in ("Cabinet", "Executive", "Health and Wellbeing Board", "ICB Board"):
        assert f">{label}</label>" in html
    assert "Add another author" in html and "Add another consultation" in html
    assert 'value="All wards"' not in html and ">All wards</textarea>" in html  # the default


@pytest.mark.parametrize("kind", list(MEETINGS))
def test_each_kind_through_the_form_matches_the_cli(
    page: Page, kind: str, cli_reports: dict[str, bytes]
) -> None:
    values = {**values_of(MEETINGS[kind]), "kind": kind}
    files = page.finish(page.post(values, scheme=SCHEME))
    report = files[f"scheme-{kind}-report.docx"]
    assert paragraphs(report) == paragraphs(cli_reports[kind])
    text = text_of(report)
    date = "11 March 2026" if kind != "icb-board" else "12 March 2026"
    assert date in text
    assert re.search(r"£\d[\d,]*", text)  # the scheme's figures
    # the meeting file the form made is the same meeting as the one typed in
    kept = files["meeting.yaml"]
    assert yaml.safe_load(kept)["body"] == yaml.safe_load(MEETINGS[kind].read_text())["body"]


def test_the_meeting_file_the_form_writes_is_the_meeting_it_was_given(
    page: Page, tmp_path: Path
) -> None:
    files = page.finish(
        page.post({**values_of(MEETINGS["cabinet"]), "kind": "cabinet"}, scheme=SCHEME)
    )
    kept = tmp_path / "meeting.yaml"
    kept.write_bytes(files["meeting.yaml"])
    assert load_meeting(kept) == load_meeting(MEETINGS["cabinet"])
    assert kept.read_text(encoding="utf-8").startswith("# The meeting a Board report goes to")
    # the job page's "Back" returns to the form as it was sent, the scheme still held
    again = page.client.get("/report").get_data(as_text=True)
    assert 'name="authors[1].email" value="alison.marchetti@fairhaven.example.org"' in again
    assert "Using <strong>scheme.yaml</strong>, uploaded" in again


def test_a_meeting_file_fills_the_form_to_be_read_over(page: Page) -> None:
    response = page.post({"action": "load", "kind": "hwb"}, meeting=MEETINGS["cabinet"])
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'name="date" value="2026-03-11"' in html
    assert 'name="authors[1].name" value="Alison Marchetti"' in html
    assert 'name="count.authors" value="2"' in html
    delegates = "Director of Adult Social Care\nDirector of Law and Governance (Monitoring Officer)"
    assert f">{delegates}</textarea>" in html
    assert re.search(r'id="m-key-decision-yes" name="key_decision" value="yes" checked', html)
    assert re.search(r'id="kind-hwb" name="kind" value="hwb"[^>]*checked', html)
    # the decision is left to the kind: an HWB endorses, the others approve
    assert 'name="decision" value="approve" checked' not in html
    assert 'name="decision" value="endorse" checked' not in html
    assert "Last filled from <strong>meeting.yaml</strong>" in html
    # then, with the scheme, it writes the report straight from the filled form
    values = {**values_of(MEETINGS["cabinet"]), "kind": "hwb"}
    files = page.finish(page.post(values, scheme=SCHEME))
    assert "scheme-hwb-report.docx" in files


def test_a_meeting_file_with_a_mistake_fills_the_form_and_names_the_mistake(
    page: Page, tmp_path: Path
) -> None:
    wrong = tmp_path / "cabinet-meeting.yaml"
    wrong.write_text(
        MEETINGS["cabinet"].read_text(encoding="utf-8").replace("report_of:", "reports_of:"),
        encoding="utf-8",
    )
    html = page.post({"action": "load"}, meeting=wrong).get_data(as_text=True)
    assert (
        "cabinet-meeting.yaml:25: reports_of: unknown key &#39;reports_of&#39; (did you mean"
        " &#39;report_of&#39;?)" in html
    )
    assert 'name="body" value="Cabinet"' in html
    assert "/tmp" not in html


def test_the_scheme_being_drafted_can_be_used(page: Page, cli_reports: dict[str, bytes]) -> None:
    with page.app.app_context():
        state().drafts.put(page.token, Draft("fairhaven.yaml", SCHEME.read_text(encoding="utf-8")))
    html = page.client.get("/report").get_data(as_text=True)
    assert "Use the scheme being drafted: fairhaven.yaml" in html
    values = {**values_of(MEETINGS["cabinet"]), "kind": "cabinet", "source": "draft"}
    files = page.finish(page.post(values))
    assert paragraphs(files["fairhaven-cabinet-report.docx"]) == paragraphs(cli_reports["cabinet"])


def test_a_house_template_is_used(page: Page, tmp_path: Path) -> None:
    template = house_template(tmp_path / "northshire.docx")
    values = {**values_of(MEETINGS["cabinet"]), "kind": "cabinet"}
    files = page.finish(page.post(values, scheme=SCHEME, template=template))
    report = docx.Document(io.BytesIO(files["scheme-cabinet-report.docx"]))
    assert HOUSE_HEADER in report.sections[0].header.paragraphs[0].text
    styles = {p.style.name for p in report.paragraphs if p.style is not None}
    assert {"Northshire Title", "Northshire Heading", "Northshire Body"} <= styles
    assert any("Meeting: Cabinet, 11 March 2026" in p.text for p in report.paragraphs)


def test_a_variation_report(page: Page, cli_reports: dict[str, bytes]) -> None:
    values = {**values_of(FAIRHAVEN / "meeting-v2.yaml"), "kind": "cabinet"}
    response = page.post(
        values,
        scheme=SCHEME_V2,
        others=[FAIRHAVEN / "variation-2027.yaml", SCHEME],
        variation_from=SCHEME,
    )
    files = page.finish(response)
    report = files["scheme-v2-variation-cabinet-report.docx"]
    assert paragraphs(report) == paragraphs(cli_reports["variation"])
    assert "deed of variation" in text_of(report).lower()


def test_files_are_held_while_the_form_goes_back_and_forth(page: Page) -> None:
    values = {**values_of(MEETINGS["cabinet"]), "kind": "cabinet", "action": "add:authors"}
    html = page.post(values, scheme=SCHEME).get_data(as_text=True)
    assert 'name="authors[2].name" value=""' in html and "Author 3" in html
    assert re.search(r'id="m-authors-2-name" name="authors\[2\].name" value=""[^>]*autofocus', html)
    assert 'name="authors[1].name" value="Alison Marchetti"' in html
    assert "Using <strong>scheme.yaml</strong>, uploaded" in html
    # the empty third author is left out; the scheme is not chosen again
    values = {**values_of(MEETINGS["cabinet"]), "kind": "cabinet", "count.authors": "3"}
    assert "scheme-cabinet-report.docx" in page.finish(page.post(values))


def test_a_missing_field_is_shown_beside_its_input_with_the_values_kept(page: Page) -> None:
    values = {
        **values_of(MEETINGS["cabinet"]),
        "kind": "cabinet",
        "body": "",
        "lead_member": "",
        "report_of": "",
        "authors[0].email": "",
    }
    response = page.post(values, scheme=SCHEME)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'role="alert"' in html
    # named by the labels the user sees, not the meeting file's field paths
    assert '<a href="#m-body">Body: required field is missing</a>' in summary
    assert '<a href="#m-report-of">Report of: required field is missing</a>' in summary
    assert '<a href="#m-authors-0-email">Author 1, Email: required field is missing</a>' in summary
    assert "report_of" not in summary
    assert (
        'id="m-body-error"><span class="visually-hidden">Error: </span>required field is missing'
        in html
    )
    assert 'id="m-body" name="body" value="" aria-describedby="m-body-hint m-body-error"' in html
    assert 'name="lead_member" value=""' in html  # kept as left
    assert "<title>Error: " in html
    assert "/tmp" not in html and "s75docs-serve" not in html
    # with the body filled in, the kind's own rule: a cabinet report names its lead member
    values.update(body="Cabinet", report_of="Director of Adult Social Care")
    values["authors[0].email"] = "daniel.okoro@fairhaven.example.org"
    html = page.post(values).get_data(as_text=True)
    assert (
        '<a href="#m-lead-member">Lead member: a cabinet report names its lead member</a>' in html
    )


def test_a_bad_date_is_shown_beside_the_date(page: Page) -> None:
    values = {**values_of(MEETINGS["cabinet"]), "kind": "cabinet", "date": "2026-13-01"}
    html = page.post(values, scheme=SCHEME).get_data(as_text=True)
    found = re.search(r'<a href="#m-date">Date: ([^<]+)</a>', html)
    assert found is not None and "month" in found.group(1)
    assert 'id="m-date-error"' in html and 'value="2026-13-01"' in html


def test_nothing_chosen_names_the_scheme_and_the_kind(page: Page) -> None:
    html = page.post(values_of(MEETINGS["cabinet"])).get_data(as_text=True)
    assert '<a href="#scheme">choose a .yaml or .yml file for the scheme</a>' in html
    assert '<a href="#kind-cabinet">choose the kind of report</a>' in html


def test_a_scheme_with_a_mistake_is_named_as_the_cli_names_it(page: Page, tmp_path: Path) -> None:
    wrong = tmp_path / "fairhaven.yaml"
    wrong.write_text(
        SCHEME.read_text(encoding="utf-8").replace("area: Fairhaven", "areas: Fairhaven", 1),
        encoding="utf-8",
    )
    html = page.post({**values_of(MEETINGS["cabinet"]), "kind": "cabinet"}, scheme=wrong).get_data(
        as_text=True
    )
    assert re.search(
        r"<li class=\"message\">fairhaven.yaml:\d+: agreement.areas: unknown key", html
    )
    assert "/tmp" not in html


def test_a_bad_template_is_one_line(page: Page, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not Word", encoding="utf-8")
    values = {**values_of(MEETINGS["cabinet"]), "kind": "cabinet"}
    html = page.post(values, scheme=SCHEME, template=notes).get_data(as_text=True)
    assert '<a href="#template">notes.txt: the house template must be a .docx file</a>' in html
    broken = tmp_path / "house.docx"
    document = docx.Document()
    document.add_paragraph("{{ meeting.dat }}")
    document.save(str(broken))
    response = page.post(values, scheme=SCHEME, template=broken)
    assert response.status_code == 303
    job_id = response.headers["Location"].rsplit("/", 1)[-1]
    with page.app.app_context():
        job = state().jobs.get(job_id, page.token)
        assert job is not None
        state().jobs.wait(job)
    assert job.error == "house.docx: template error: 'dict object' has no attribute 'dat'"
    html = page.client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert (
        "house.docx: template error: &#39;dict object&#39; has no attribute &#39;dat&#39;" in html
    )


def test_an_error_shown_by_the_app_renders_the_page(tmp_path: Path) -> None:
    small = Page(create_app(max_upload=2048))
    response = small.post({"kind": "cabinet"}, scheme=SCHEME)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "too large to upload (the limit is 2 KB)" in html and "Back to the report form" in html


def test_libreoffice_opens_a_report_and_finds_its_title(
    cli_reports: dict[str, bytes], page: Page, tmp_path: Path
) -> None:
    office = shutil.which("soffice")
    if office is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext is not installed")
    values = {**values_of(MEETINGS["hwb"]), "kind": "hwb"}
    files = page.finish(page.post(values, scheme=SCHEME))
    source = tmp_path / "report.docx"
    source.write_bytes(files["scheme-hwb-report.docx"])
    title = next(p for p in paragraphs(source.read_bytes()) if p.strip())
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert " ".join(title.split()[:6]) in " ".join(text.split())


def test_an_optional_file_held_is_let_go_when_unticked(page: Page, tmp_path: Path) -> None:
    template = house_template(tmp_path / "northshire.docx")
    values = {"action": "add:timetable"}
    html = page.post(values, template=template, others=[SCHEME]).get_data(as_text=True)
    assert 'name="keep" value="template:northshire.docx" checked' in html
    assert 'name="keep" value="others:scheme.yaml" checked' in html
    html = page.post({**values, "keep": "others:scheme.yaml"}).get_data(as_text=True)
    assert "template:northshire.docx" not in html
    assert 'name="keep" value="others:scheme.yaml" checked' in html


def test_the_number_of_entries_has_a_limit(page: Page) -> None:
    values = {"count.authors": "999999", "authors[99999999].name": "x", "action": "add:authors"}
    html = page.post(values).get_data(as_text=True)
    assert html.count("<legend>Author ") <= 100


def test_the_hints_say_what_each_field_is_for(page: Page) -> None:
    html = page.client.get("/report").get_data(as_text=True)
    legal = html.split('id="m-implications-legal-officer"', 1)[1].split("</fieldset>", 1)[0]
    assert "Director of Law and Governance (Monitoring Officer)" in legal
    assert "Priya Shah" not in legal and "Section 151" not in legal
    assert "mayor and cabinet executive" in html and "leader and cabinet executive" in html
    assert "other executive arrangements" not in html
    assert "committee system" in html
    assert "docs/reports.md" not in html and "partner key" not in html
    assert "short label the scheme file gives each partner" in html
    assert "<h1>Write a decision report</h1>" in html  # Cabinet is not a board


def test_key_decision_is_required_looking_for_a_cabinet_report(page: Page) -> None:
    values = {**values_of(MEETINGS["cabinet"]), "kind": "cabinet", "key_decision": ""}
    html = page.post(values, scheme=SCHEME).get_data(as_text=True)
    assert '<label for="m-key-decision">' not in html  # a choice: its legend
    assert "<legend>Key decision</legend>" in html
    assert "<legend>Key decision (optional)</legend>" not in html
    assert "Key decision: say whether this is a key decision" in html
    values.update(kind="hwb", action="redisplay")  # the form again, nothing written
    html = page.post(values).get_data(as_text=True)
    assert "<legend>Key decision (optional)</legend>" in html
