"""The reports as LibreOffice reads them: every figure is the agreement's, every total adds up,
every required section is there, clause numbers are the agreement's, house style is kept."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from s75docs.doctree.nodes import Document, MoneyAmount, inlines_of
from s75docs.library.loader import load_library
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import load_and_build, load_variation
from s75docs.transforms.labels import Labels
from tests.reports.conftest import CASES, HOUSE_HEADER, SCHEME, SCHEME_V2

pytestmark = pytest.mark.libreoffice

MONEY = re.compile(r"[+\u2212]?£[\d,]+(?:\.\d{2})?")
REPORTS = [n for n in CASES if n != "house"]


@cache
def _tree(path: Path) -> Document:
    return load_and_build(path).doc


@cache
def _data(path: Path) -> SchemeFile:
    return load_scheme(path)


def _amount(text: str) -> Decimal:
    sign = -1 if text.startswith("\u2212") else 1
    return sign * Decimal(text.lstrip("+\u2212£").replace(",", ""))


def _printed(doc: Document) -> set[str]:
    """Every amount of money as the agreement prints it."""
    return {i.text for n in doc.walk() for i in inlines_of(n) if isinstance(i, MoneyAmount)}


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"  # Fairhaven shows pence


def _variation_figures() -> set[str]:
    """Figures a variation report may print besides the agreements': the differences, worked
    out here from the two data files with Decimal."""
    old, new = _data(SCHEME), _data(SCHEME_V2)
    out: set[str] = set()
    years = sorted(set(old.years) | set(new.years))
    for year in years:
        for key in [None, *(p.key for p in new.partners)]:
            out.add(_pounds(abs(new.total(year, key) - old.total(year, key))))
        for scheme in new.schemes:
            was = next((s for s in old.schemes if s.id == scheme.id), None)
            for c in scheme.contributions:
                if c.year != year:
                    continue
                before = next(
                    (
                        o.amount
                        for o in (was.contributions if was else [])
                        if (o.partner, o.line, o.year) == (c.partner, c.line, c.year)
                    ),
                    Decimal(0),
                )
                out.add(_pounds(abs(c.amount - before)))
    return out


def _uncapped_totals(path: Path) -> set[str]:
    """The one sum a report prints that the agreement does not: each partner's variable lines
    (paid at actual cost, with no cap) added up for each year, worked out here with Decimal."""
    data = _data(path)
    return {
        _pounds(
            sum(
                (
                    c.amount
                    for s in data.schemes
                    for c in s.contributions
                    if c.partner == p.key
                    and c.year == y
                    and c.share.value == "variable"
                    and not c.ring_fenced
                ),
                Decimal(0),
            )
        )
        for p in data.partners
        for y in data.years
    }


def _allowed(name: str) -> set[str]:
    case = CASES[name]
    allowed = _printed(_tree(case.scheme)) | _uncapped_totals(case.scheme)
    if case.old is not None:
        allowed |= _printed(_tree(case.old)) | _variation_figures()
    return allowed


def _paragraphs(read: dict[str, Any]) -> list[str]:
    return [b["text"] for b in read["blocks"] if "text" in b]


def _tables(read: dict[str, Any]) -> list[list[list[str]]]:
    return [b["table"] for b in read["blocks"] if "table" in b]


def _all_text(read: dict[str, Any]) -> str:
    cells = [c for t in _tables(read) for row in t for c in row]
    return "\n".join(_paragraphs(read) + cells)


# ------------------------------------------------------------ figures


@pytest.mark.parametrize("name", [*REPORTS, "house"])
def test_every_figure_is_the_agreements(lo_reports: dict[str, Any], name: str) -> None:
    text = _all_text(lo_reports[name])
    found = {m.group(0).lstrip("+\u2212") for m in MONEY.finditer(text)}
    assert found, "the report shows no figures"
    assert found - _allowed(name) == set()


@pytest.mark.parametrize("name", [*REPORTS, "house"])
def test_totals_add_up(lo_reports: dict[str, Any], name: str) -> None:
    checked = 0
    for table in _tables(lo_reports[name]):
        header = table[0]
        money_cols = [
            i
            for i in range(len(header))
            if any(MONEY.fullmatch(row[i]) for row in table[1:] if i < len(row))
        ]
        if not money_cols:
            continue
        pending: list[list[str]] = []
        subtotals: list[list[str]] = []
        for row in table[1:]:
            label = next((c for c in row if c.startswith("Total")), None)
            if label is None:
                if any(MONEY.fullmatch(row[i]) for i in money_cols):
                    pending.append(row)
                continue
            parts = subtotals if label == "Total, all partners" else pending
            for i in money_cols:
                if not MONEY.fullmatch(row[i]):
                    continue
                shown = sum((_amount(r[i]) for r in parts if MONEY.fullmatch(r[i])), Decimal(0))
                assert _amount(row[i]) == shown, (name, header[i], row)
                checked += 1
            subtotals.append(row)
            pending = []
        if "Change" in header:  # before, after, change: change = after - before
            b, a, c = (
                header.index("Now"),
                header.index("After the variation"),
                header.index("Change"),
            )
            for row in table[1:]:
                before = _amount(row[b]) if MONEY.fullmatch(row[b]) else Decimal(0)
                after = _amount(row[a]) if MONEY.fullmatch(row[a]) else Decimal(0)
                change = Decimal(0) if row[c] == "no change" else _amount(row[c])
                assert after - before == change, row
                checked += 1
    assert checked > 0


def test_the_figures_are_the_datas(lo_reports: dict[str, Any]) -> None:
    """The partner-by-year table of the cabinet report against the data, cell by cell."""
    data = _data(SCHEME)
    table = next(t for t in _tables(lo_reports["cabinet"]) if t[0][0] == "Partner")
    assert table[0][1:] == data.years
    for row in table[1:]:
        key = (
            None
            if row[0] == "Total"
            else next(p.key for p in data.partners if p.legal_name == row[0])
        )
        assert row[1:] == [_pounds(data.total(y, key)) for y in data.years]


def test_variation_table_compares_old_and_new(lo_reports: dict[str, Any]) -> None:
    old, new = _data(SCHEME), _data(SCHEME_V2)
    table = next(t for t in _tables(lo_reports["variation"]) if t[0][:2] == ["Year", "Partner"])
    assert len(table) == 1 + len(new.years) * (len(new.partners) + 1)
    for year, partner, now, after, _ in table[1:]:
        key = (
            None
            if partner == "Total"
            else next(p.key for p in new.partners if p.legal_name == partner)
        )
        assert now == _pounds(old.total(year, key))
        assert after == _pounds(new.total(year, key))
    text = _all_text(lo_reports["variation"])
    assert "£82,471,927.22 to £85,353,850.22, an increase of £2,881,923.00" in text
    lines = next(
        t for t in _tables(lo_reports["variation"]) if t[0][0].startswith("Individual scheme and")
    )
    assert len(lines) == 1 + 4  # two Better Care Fund lines change, two dementia lines are new


# ------------------------------------------------------------ sections and wording

REQUIRED = {
    "cabinet": [
        "Purpose of the report",
        "Recommendations",
        "Reasons for the recommendations",
        "Other options considered",
        "Timetable for decisions",
        "Policy framework and previous decisions",
        "Background",
        "The proposed agreement",
        "Financial implications",
        "Legal implications",
        "Risks and how the agreement manages them",
        "Equality and human rights implications",
        "Other implications",
        "Consultation",
        "Officers to contact",
        "Background papers",
        "Appendices",
    ],
    "hwb": [
        "Purpose of the report",
        "Recommendations",
        "Reasons for the recommendations",
        "Timetable for decisions",
        "Policy framework and previous decisions",
        "Background",
        "The proposed agreement",
        "Financial implications",
        "Legal implications",
        "Risks and how the agreement manages them",
        "Equality and human rights implications",
        "Other implications",
        "Consultation",
        "Officers to contact",
        "Background papers",
        "Appendices",
    ],
    "icb-board": [
        "Purpose and summary",
        "Recommendations",
        "Reasons for the recommendations",
        "Strategic context and previous decisions",
        "Background",
        "The proposed agreement",
        "Other options considered",
        "Financial implications",
        "Legal and governance implications",
        "Risks and how the agreement manages them",
        "Equality, health inequalities and human rights",
        "Patient and public involvement and consultation",
        "Other implications",
        "Conflicts of interest",
        "Timetable for decisions",
        "Report author and contacts",
        "Background papers",
        "Appendices",
    ],
}
REQUIRED["executive"] = REQUIRED["cabinet"]
REQUIRED["variation"] = [
    h.replace("The proposed agreement", "The proposed variation").replace(
        "Risks and how the agreement manages them", "Risks and how they are managed"
    )
    for h in REQUIRED["cabinet"]
]
REQUIRED["variation-icb"] = [
    h.replace("The proposed agreement", "The proposed variation").replace(
        "Risks and how the agreement manages them", "Risks and how they are managed"
    )
    for h in REQUIRED["icb-board"]
]


@pytest.mark.parametrize("name", REPORTS)
def test_required_sections_in_order(lo_reports: dict[str, Any], name: str) -> None:
    headings = [b["text"] for b in lo_reports[name]["blocks"] if b.get("style") == "Heading 1"]
    assert headings == [f"{n}.\t{h}" for n, h in enumerate(REQUIRED[name], start=1)]


@pytest.mark.parametrize("name", REPORTS)
def test_recommendations_are_worded_as_reports_word_them(
    lo_reports: dict[str, Any], name: str
) -> None:
    blocks = [b for b in lo_reports[name]["blocks"] if "text" in b]
    paras = [b["text"] for b in blocks]
    start = paras.index("2.\tRecommendations")
    lead = paras[start + 1]
    section = blocks[start + 2 : paras.index("3.\tReasons for the recommendations")]
    if CASES[name].kind == "icb-board":
        assert lead == "2.1\tThe Board is asked to:"
    elif name == "executive":
        assert lead == "2.1\tThe Executive is recommended to:"
    elif name == "hwb":
        assert lead == "2.1\tThe Board is asked to:"
    else:
        assert lead == "2.1\tCabinet is recommended to:"
    top = [b["text"] for b in section if b["style"] == "Report Point"]
    # a Health and Wellbeing Board endorses (it is not the council's executive): no delegation
    verbs = ["endorse", "note"] if name == "hwb" else ["approve", "delegate", "note"]
    assert [t.split("\t")[1].split()[0] for t in top] == verbs
    assert top[-1].endswith("financial implications.")
    assert top[-2].endswith("; and")
    assert "Appendix A" in top[0]
    if CASES[name].old is not None:
        assert "deed of variation" in top[0]
        subs = [b["text"] for b in section if b["style"] == "Report Sub Point"]
        # the 2027 deed: the BCF figures, the new scheme, the term (using one of the two
        # extensions), the number of extensions left, and the two dispute periods
        assert [s.split("\t")[0] for s in subs] == ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)"]
        assert any(
            "extends the Initial Term by one year" in s
            and "this uses one of the two extensions the Agreement allowed" in s
            and "cannot run beyond 31 March 2030" in s
            for s in subs
        )


def _citations(text: str) -> set[str]:
    found = set(re.findall(r"paragraph [\d.]+ of Schedule \d+", text))
    found |= set(re.findall(r"Clauses? [\d.]+(?:\([a-z]+\))?", text))
    found |= set(re.findall(r"Schedule \d+", re.sub(r"paragraph [\d.]+ of Schedule \d+", "", text)))
    return {c.replace("Clauses ", "Clause ") for c in found}


@pytest.mark.parametrize("name", REPORTS)
def test_clause_numbers_are_the_agreements(lo_reports: dict[str, Any], name: str) -> None:
    case = CASES[name]
    text = _all_text(lo_reports[name])
    cited = _citations(text)
    assert cited
    labels = Labels.of(_tree(case.old or case.scheme))
    texts = [t.citation().text for t in labels.values()]
    known = {*texts, *(t.split(".")[0] for t in texts)}
    if case.old is not None:  # the new scheme's schedule is cited "of the Agreement as varied"
        # numbered as the deed leaves it: Schedule 6A, so that no later schedule moves
        varied = load_variation(case.old, case.scheme, load_library([])).new
        added = Labels.of(varied).cite("scheme-dementia-support")
        assert added is not None and added.text == "Schedule 6A"
        assert f"becomes {added.text} of the Agreement as varied" in text
        known.add(added.text)
    assert cited - known == set()
    if case.old is None:

        def cite(label: str) -> str:
            found = labels.cite(label)
            assert found is not None
            return found.text

        assert f"shared ({cite('risk-share')})" in text
        assert cite("termination-notice") in text


# ------------------------------------------------------------ house style


def test_house_template_is_honoured(lo_reports: dict[str, Any]) -> None:
    read = lo_reports["house"]
    assert any(HOUSE_HEADER in h for h in read["headers"])
    assert read["graphics"], "the logo in the header is lost"
    styles = {b.get("style") for b in read["blocks"] if "text" in b}
    assert {"Northshire Title", "Northshire Heading", "Northshire Body"} <= styles
    assert not {s for s in styles if s and s.startswith("Report ")}
    paras = _paragraphs(read)
    assert (
        paras[0]
        == "Section 75 partnership agreement with NHS Fairhaven and Wyvern Integrated Care Board"
    )
    assert "Financial implications" in paras
    # the same context: the cabinet report's words and figures, in the house layout
    cabinet = _paragraphs_without_numbers(lo_reports["cabinet"])
    house_body = [p for p in paras if p]
    assert "Cabinet is recommended to:" in house_body
    assert set(cabinet) & set(house_body)


def _paragraphs_without_numbers(read: dict[str, Any]) -> list[str]:
    return [re.sub(r"^\d+\.\d+\t", "", p) for p in _paragraphs(read)]
