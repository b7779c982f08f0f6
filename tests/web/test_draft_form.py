"""The Draft page's form view: the form generated from the schema holds the draft's values;
"Apply and preview" writes them back into the YAML in place (comments kept), adds rows and
years, and puts the CLI's message for an invalid value beside its input."""

from __future__ import annotations

import difflib
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from s75docs.web.app import create_app
from s75docs.web.drafting import Draft

FAIRHAVEN = Path(__file__).parents[2] / "examples" / "fairhaven" / "scheme.yaml"
TEXT = FAIRHAVEN.read_text(encoding="utf-8")


class Inputs(HTMLParser):
    """The values a browser would post from the page's form (no button pressed)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self.ids: dict[str, dict[str, str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids[a["id"]] = {"tag": tag, **a}
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") != "submit":
            if a.get("type") != "checkbox" or "checked" in a:
                self.values.append((name, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = name
            self.values.append((name, ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values.append((self._select, a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, value = self.values[-1]
            self.values[-1] = (name, value + data)


def parse(html: str) -> Inputs:
    found = Inputs()
    found.feed(html)
    return found


class Page:
    """A session with fairhaven loaded as its draft, posting the page's own form back."""

    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self.app, self.client = app, client
        first = client.get("/draft/form").get_data(as_text=True)
        match = re.search(r'name="token" value="([^"]+)"', first)
        assert match
        self.token = match.group(1)
        app.extensions["s75docs"].drafts.put(self.token, Draft("scheme.yaml", TEXT, None))
        self.html = client.get("/draft/form").get_data(as_text=True)

    @property
    def text(self) -> str:
        draft = self.app.extensions["s75docs"].drafts.get(self.token)
        assert draft is not None
        return str(draft.text)

    def post(self, changes: dict[str, str], action: str = "apply", **extra: str) -> Any:
        data = MultiDict(parse(self.html).values)
        for name, value in changes.items():
            data.setlist(name, [value])
        data["action"] = action
        for name, value in extra.items():
            data[name] = value
        response = self.client.post("/draft/form", data=data)
        assert response.status_code == 200
        if "format" not in extra:
            self.html = response.get_data(as_text=True)
        return response


@pytest.fixture
def page() -> Page:
    app = create_app()
    return Page(app, app.test_client())


def changed(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_form_holds_the_partners_schemes_and_contributions(page: Page) -> None:
    ids = parse(page.html).ids
    assert ids["f-agreement-title"]["value"].startswith("Section 75 Partnership Agreement")
    assert ids["f-agreement-commencement"]["value"] == "2026-04-01"
    assert ids["f-partners-0-legal-name"]["value"] == "Fairhaven Borough Council"
    assert ids["f-partners-1-key"]["value"] == "icb"
    assert ids["f-schemes-0-id"]["value"] == "bcf"
    assert ids["f-schemes-5-id"]["value"] == "children-complex-needs"
    assert "checked" in ids["f-schemes-0-bcf"]
    # the first scheme's table: NHS minimum contribution from the ICB, by year
    assert ids["t0-r0-partner"]["value"] == "icb"
    assert ids["t0-r0-line"]["value"] == "NHS minimum contribution"
    assert ids["t0-y0"]["value"] == "2026/27" and ids["t0-y1"]["value"] == "2027/28"
    assert ids["t0-r0-c0"]["value"] == "24,318,612.00"
    # labels tied to inputs, required marked, hints by aria-describedby
    assert '<label for="f-agreement-title">Title <span class="required">(required)' in page.html
    assert 'aria-describedby="f-agreement-date-hint"' in page.html
    assert '<option value="unitary_council" selected>' in page.html
    assert "Kept as written in the YAML" in page.html and "<iframe" in page.html


def test_the_totals_are_shown_per_year_and_per_partner(page: Page) -> None:
    # the BCF pool in 2026/27: 24,318,612 + 2,650,418.37 from the ICB; the council's three
    from decimal import Decimal

    icb = Decimal("24318612.00") + Decimal("2650418.37")
    assert f"£{icb:,.2f}" in page.html
    council = Decimal("3247981.00") + Decimal("11905340.00") + Decimal("4120000.00")
    assert f"£{council:,.2f}" in page.html
    assert f"£{icb + council:,.2f}" in page.html


def test_posting_the_form_unchanged_leaves_the_yaml_as_it_was(page: Page) -> None:
    page.post({})
    assert page.text == TEXT


def test_editing_an_amount_changes_only_its_line_and_the_preview(page: Page) -> None:
    page.post({"t0-r0-c0": "25,123,456.78"})
    assert changed(TEXT, page.text) == [
        '-        amount: "24,318,612.00"',
        '+        amount: "25,123,456.78"',
    ]
    assert page.text.count("#") == TEXT.count("#")  # every comment kept
    assert "changed in place in the YAML: its comments are kept" in page.html
    # the totals stated in the file no longer match: that is the problem, in the summary
    assert "stated_totals" in page.html and 'srcdoc=""' in page.html
    # moved between two lines, the totals match again: the preview shows the new figures
    page.post({"t0-r0-c0": "24,318,613.00", "t0-r1-c0": "3,247,980.00"})
    assert len(changed(TEXT, page.text)) == 4
    preview = re.search(r'srcdoc="([^"]*)"', page.html)
    assert preview and "24,318,613.00" in preview.group(1) and "3,247,980.00" in preview.group(1)


def test_a_text_field_is_edited_in_place(page: Page) -> None:
    page.post({"v:partners[0].legal_name": "Fairhaven City Council"})
    assert changed(TEXT, page.text) == [
        "-    legal_name: Fairhaven Borough Council",
        "+    legal_name: Fairhaven City Council",
    ]


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("12.345", "malformed amount '12.345'"),
        ("-5", "must be >= 0"),
        ("abc", "malformed amount 'abc'"),
    ],
)
def test_an_invalid_amount_is_shown_beside_its_input(page: Page, amount: str, message: str) -> None:
    page.post({"t0-r0-c0": amount})
    html = unescape(page.html)
    box = re.search(r'<p class="error-message" id="t0-r0-c0-error">(.*?)</p>', html)
    assert box, html[:2000]
    line = TEXT.splitlines().index('        amount: "24,318,612.00"') + 1
    assert f"scheme.yaml:{line}: schemes[0].contributions[0].amount: " in box.group(1)
    assert message in box.group(1)
    cell = parse(page.html).ids["t0-r0-c0"]
    assert cell["aria-invalid"] == "true" and "t0-r0-c0-error" in cell["aria-describedby"]
    assert '<a href="#t0-r0-c0">' in page.html  # the summary links to it
    assert "The preview appears once the draft has no problems" in page.html


def test_adding_a_row_and_a_year_without_javascript(page: Page) -> None:
    page.post({}, "add-row:0")
    ids = parse(page.html).ids
    assert "t0-r5-partner" in ids and "t0-r5-c1" in ids
    page.post({"t0-r5-partner": "icb", "t0-r5-line": "Winter pressures", "t0-r5-c1": "1,500.00"})
    added = changed(TEXT, page.text)
    assert added == [
        "+      - partner: icb",
        "+        line: Winter pressures",
        "+        year: 2027/28",
        '+        amount: "1,500.00"',
    ]
    assert "1 contribution added at the end of Fairhaven Better Care Fund" in page.html
    page.post({}, "add-year:0")
    assert "t0-y2" in parse(page.html).ids
    page.post({"t0-y2": "2028/29", "t0-r0-c2": "25,000,000.00"})
    new = page.text
    assert '        year: 2028/29\n        amount: "25,000,000.00"\n' in new
    ids = parse(page.html).ids
    assert ids["t0-y2"]["value"] == "2028/29" and ids["t0-r0-c2"]["value"] == "25,000,000.00"
    assert "£25,000,000.00" in page.html


def test_clearing_an_amount_removes_its_contribution(page: Page) -> None:
    page.post({"t0-r1-c1": ""})  # the DFG in 2027/28
    removed = changed(TEXT, page.text)
    assert removed and all(line.startswith("-") for line in removed)
    assert any("Disabled Facilities Grant" in line for line in removed)
    assert "removed from Fairhaven Better Care Fund" in page.html


def test_a_partner_is_added_and_removed(page: Page) -> None:
    page.post({}, "add-partner")
    assert "  - key: partner3\n" in page.text
    assert parse(page.html).ids["f-partners-2-key"]["value"] == "partner3"
    page.post({}, "remove-partner:2")
    assert page.text == TEXT


def test_the_json_apply_gives_problems_and_preview(page: Page) -> None:
    response = page.post({"t0-r0-c0": "abc"}, format="json")
    result = response.get_json()
    [problem] = result["problems"]
    assert problem["id"] == "t0-r0-c0" and "malformed amount 'abc'" in problem["text"]
    assert result["preview"] is None
    page.html = page.html.replace(parse(page.html).ids["t0-r0-c0"]["value"], "abc", 1)
    page.html = re.sub(
        r'name="base" value="[^"]+"', f'name="base" value="{result["base"]}"', page.html
    )
    result = page.post({"t0-r0-c0": "24,318,612.00"}, format="json").get_json()
    assert result["problems"] == [] and "24,318,612.00" in result["preview"]
    assert page.text == TEXT


def test_a_stale_form_is_not_applied(page: Page) -> None:
    page.app.extensions["s75docs"].drafts.put(page.token, Draft("scheme.yaml", TEXT + "\n", None))
    page.post({"t0-r0-c0": "1.00"})
    assert "changed elsewhere" in page.html and page.text == TEXT + "\n"


def test_the_starter_draft_is_shown_when_there_is_none() -> None:
    client = create_app().test_client()
    html = client.get("/draft/form").get_data(as_text=True)
    assert 'id="scheme-form"' in html and "scheme.yaml" in html


def test_an_expired_form_shows_the_error_on_this_page() -> None:
    client = create_app().test_client()
    response = client.post("/draft/form", data={"token": "x"})
    assert response.status_code == 403
    assert "the form has expired" in response.get_data(as_text=True)


def test_a_field_left_out_is_added_and_a_cleared_one_removed(page: Page) -> None:
    page.post({"v:agreement.default_remedy_days": "30", "v:schemes[0].pooled_fund_manager": ""})
    assert sorted(changed(TEXT, page.text)) == [
        "+  default_remedy_days: 30",
        "-    pooled_fund_manager: Director of Adult Social Care",
    ]
    assert parse(page.html).ids["f-agreement-default-remedy-days"]["value"] == "30"


def test_a_folded_text_and_the_flexibilities_are_rewritten_in_place(page: Page) -> None:
    page.post(
        {
            "v:agreement.previous_agreement": "the agreement of 2024: now replaced",
            "v:schemes[0].flexibilities": "pooled_fund",
        }
    )
    new = page.text
    assert '  previous_agreement: "the agreement of 2024: now replaced"\n  # Optional: posts' in new
    assert "    flexibilities: [pooled_fund]\n    lead_commissioner: council\n" in new
    assert new.count("#") == TEXT.count("#")


def test_a_number_of_months_that_is_not_a_number_gets_the_cli_message(page: Page) -> None:
    page.post({"v:agreement.termination_notice_months": "six"})
    html = unescape(page.html)
    box = re.search(
        r'<p class="error-message" id="f-agreement-termination-notice-months-error">'
        r"<span>([^<]*)</span>",
        html,
    )
    assert box and "agreement.termination_notice_months: " in box.group(1)
    assert '  termination_notice_months: "six"\n' in page.text


def test_a_draft_that_is_not_yaml_sends_the_user_to_the_editor() -> None:
    app = create_app()
    client = app.test_client()
    first = client.get("/draft/form").get_data(as_text=True)
    match = re.search(r'name="token" value="([^"]+)"', first)
    assert match
    app.extensions["s75docs"].drafts.put(match.group(1), Draft("mine.yaml", "agreement: [\n"))
    html = unescape(client.get("/draft/form").get_data(as_text=True))
    assert "is not YAML the form can read" in html and 'id="scheme-form"' not in html
    assert "mine.yaml:2: YAML syntax error" in html


def test_fields_naming_a_partner_offer_the_keys(page: Page) -> None:
    ids = parse(page.html).ids
    assert ids["f-schemes-0-host"]["list"] == "partner-keys"
    assert '<datalist id="partner-keys"><option value="council"><option value="icb">' in page.html


def test_a_choice_the_schema_does_not_know_is_kept_until_changed(page: Page) -> None:
    text = TEXT.replace("    kind: unitary_council\n", "    kind: unitary\n", 1)
    page.app.extensions["s75docs"].drafts.put(page.token, Draft("scheme.yaml", text, None))
    page.html = page.client.get("/draft/form").get_data(as_text=True)
    assert '<option value="unitary" selected>unitary (not one of the choices)' in page.html
    box = re.search(r'id="f-partners-0-kind-error"><span>([^<]*)<', unescape(page.html))
    assert box and ": partners[0].kind: " in box.group(1)  # the CLI's message, beside it
    page.post({"v:partners[0].legal_name": "Fairhaven City Council"})
    assert "    kind: unitary\n" in page.text
    page.post({"v:partners[0].kind": "unitary_council"})
    assert "    kind: unitary_council\n" in page.text
