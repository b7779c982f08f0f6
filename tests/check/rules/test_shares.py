"""Percentages beside amounts in tables: shares of the table's own total, or left alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx

from s75docs.check.run import check_document

Rows = list[tuple[str, ...]]


def word_table(path: Path, rows: Rows, merge: tuple[int, int, int] | None = None) -> Path:
    """A small agreement with one table; `merge` = (row, first column, last column)."""
    d = docx.Document()
    d.add_paragraph("THIS AGREEMENT is made on 1 April 2026")
    d.add_paragraph("1. The Pooled Fund")
    d.add_paragraph("1.1 The Partners contribute to the Pooled Fund as follows.")
    table = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if merge is not None:
        r, first, last = merge
        merged = table.cell(r, first).merge(table.cell(r, last))
        merged.text = rows[r][first]
    d.add_paragraph("2. Other provisions")
    d.save(str(path))
    return path


def shares(path: Path) -> list[tuple[str, str, str]]:
    """(the percentage cited, the corrected figure, where) of each money-percent finding."""
    found = check_document(path, dt.date(2026, 4, 1)).findings
    return [(f.text, f.suggestion, f.place) for f in found if f.code == "money-percent"]


def check_rows(tmp_path: Path, rows: Rows, **kw: object) -> list[tuple[str, str, str]]:
    return shares(word_table(tmp_path / "t.docx", rows, **kw))  # type: ignore[arg-type]


SCHEMES: Rows = [
    ("Scheme", "Contribution", "Share"),
    ("Scheme A", "£1,200,000", "24%"),
    ("Scheme B", "£2,800,000", "56%"),
    ("Scheme C", "£1,000,000", "20%"),
    ("Total", "£5,000,000", "100%"),
]


def test_right_shares_give_nothing(tmp_path: Path) -> None:
    assert check_rows(tmp_path, SCHEMES) == []


def test_a_wrong_share_is_found_with_the_right_figure(tmp_path: Path) -> None:
    rows = list(SCHEMES)
    rows[1] = ("Scheme A", "£1,200,000", "25%")
    assert check_rows(tmp_path, rows) == [("25%", "24%", "table 1, row 2, column 3")]
    found = check_document(tmp_path / "t.docx", dt.date(2026, 4, 1)).findings
    assert found[0].message == "25% is not 1,200,000 as a share of the total 5,000,000: that is 24%"
    assert found[0].clause == "Clause 1.1"


def test_amounts_without_the_pound_sign_and_a_total_row_without_100(tmp_path: Path) -> None:
    rows: Rows = [
        ("Partner", "£", "%"),
        ("Council", "1,250,000", "25%"),
        ("ICB", "3,750,000", "70%"),  # 75%
        ("Total", "5,000,000", ""),
    ]
    assert check_rows(tmp_path, rows) == [("70%", "75%", "table 1, row 3, column 3")]


def test_decimals_are_checked_to_the_places_stated(tmp_path: Path) -> None:
    rows: Rows = [
        ("Scheme", "Contribution", "Share"),
        ("A", "£1,234,567", "24.69%"),  # 24.6913...: right
        ("B", "£2,765,433", "55.31%"),  # 55.3087: right
        ("C", "£1,000,000", "20.1%"),  # 20.0000: wrong at one place
        ("Total", "£5,000,000", "100.00%"),
    ]
    assert check_rows(tmp_path, rows) == [("20.1%", "20.0%", "table 1, row 4, column 3")]


def test_rounding_and_cutting_are_allowed(tmp_path: Path) -> None:
    rows: Rows = [
        ("Partner", "Amount", "Share"),
        ("Council", "£1,000", "33.3%"),
        ("ICB", "£1,000", "33.3%"),
        ("Trust", "£1,000", "33.4%"),  # adjusted by a unit so that the shares make 100%
        ("Total", "£3,000", "100%"),
    ]
    assert check_rows(tmp_path, rows) == []
    rows = [("Partner", "Amount", "Share"), ("Council", "£2", "66%"), ("ICB", "£1", "33%")]
    rows.append(("Total", "£3", "100%"))  # 66.67% cut to 66%, 33.33% rounded to 33%
    assert check_rows(tmp_path, rows) == []


def test_a_percentage_in_the_amount_s_own_cell(tmp_path: Path) -> None:
    rows: Rows = [
        ("Partner", "Contribution"),
        ("Council", "£600,000 (60%)"),
        ("ICB", "£400,000 (45%)"),
        ("Total", "£1,000,000"),
    ]
    assert check_rows(tmp_path, rows) == [("45%", "40%", "table 1, row 3, column 2")]


def test_a_merged_header_and_the_split_of_a_total_column(tmp_path: Path) -> None:
    """Columns of a contribution split: each partner's share of the row's own total."""
    rows: Rows = [
        ("Scheme", "Contributions", "", "", "Split", ""),  # merged over columns 2-4, 5-6
        ("Scheme", "Council £", "ICB £", "Total £", "Council %", "ICB %"),
        ("Equipment", "600,000", "400,000", "1,000,000", "60.0%", "40.0%"),
        ("Dementia", "250,000", "750,000", "1,000,000", "35.0%", "75.0%"),  # 25.0%
        ("Carers", "100,000", "300,000", "400,000", "25.0%", "75.0%"),
    ]
    found = check_rows(tmp_path, rows, merge=(0, 1, 3))
    assert found == [("35.0%", "25.0%", "table 1, row 4, column 5")]


def test_percentages_of_something_else_are_left_alone(tmp_path: Path) -> None:
    change: Rows = [
        ("Partner", "2025/26 £", "2026/27 £", "% change"),
        ("Council", "1,000,000", "1,050,000", "5%"),
        ("ICB", "2,000,000", "2,100,000", "7%"),
        ("Total", "3,000,000", "3,150,000", "5%"),
    ]
    assert check_rows(tmp_path, change) == []
    uplift: Rows = [
        ("Line", "Amount", "Uplift"),
        ("Staff", "£500,000", "3.2%"),
        ("Packages", "£700,000", "4%"),
        ("Total", "£1,200,000", "3.7%"),
    ]
    assert check_rows(tmp_path, uplift) == []
    targets: Rows = [  # as in the built agreements: targets, no amounts
        ("Indicator", "Target"),
        ("Discharged on their discharge ready date", "92%"),
        ("Equipment delivered within seven days", "95%"),
        ("Total admissions per 100,000", "no more than 560"),
    ]
    assert check_rows(tmp_path, targets) == []


def test_no_total_row_or_a_total_that_does_not_add_up_means_no_check(tmp_path: Path) -> None:
    no_total: Rows = [
        ("Scheme", "Amount", "Share"),
        ("A", "£1,200,000", "25%"),
        ("B", "£3,800,000", "76%"),
        ("C", "£1,000,000", "20%"),
    ]
    assert check_rows(tmp_path, no_total) == []
    wrong_total: Rows = [*no_total, ("Total", "£9,000,000", "100%")]
    assert check_rows(tmp_path, wrong_total) == []  # money-total says so, not this rule


def test_mostly_unrelated_percentages_are_left_alone(tmp_path: Path) -> None:
    """No 100% in the total row and most figures fit no total: not shares of it."""
    rows: Rows = [
        ("Service", "Budget", "Outcomes met"),
        ("Reablement", "£1,000,000", "81%"),
        ("Equipment", "£500,000", "92%"),
        ("Carers", "£500,000", "25%"),  # happens to be its share
        ("Total", "£2,000,000", ""),
    ]
    assert check_rows(tmp_path, rows) == []


def test_a_markdown_table(tmp_path: Path) -> None:
    text = (
        "THIS AGREEMENT is made on 1 April 2026\n\n"
        "1 THE POOLED FUND\n\n"
        "1.1 The Partners contribute as follows.\n\n"
        "| Partner | Contribution | Share |\n"
        "|---|---:|---:|\n"
        "| Council | £1,500,000 | 30% |\n"
        "| ICB | £3,500,000 | 75% |\n"
        "| **Total** | **£5,000,000** | **100%** |\n\n"
        "2 OTHER PROVISIONS\n"
    )
    path = tmp_path / "agreement.md"
    path.write_text(text, encoding="utf-8")
    found = check_document(path, dt.date(2026, 4, 1)).findings
    assert [(f.code, f.text, f.suggestion) for f in found if f.code.startswith("money")] == [
        ("money-percent", "75%", "70%")
    ]


PROSE = """THIS AGREEMENT is made on 1 April 2026

1 THE POOLED FUND

1.1 The Pooled Fund is £5,000,000 for the first Financial Year.

1.2 The Council contributes £1,200,000 (25% of the Pooled Fund) and the ICB £3,800,000
(76% of the Pooled Fund).

1.3 Equipment costs £600,000 (60% of £1,000,000) and carers £400,000, being 45% of
£1,000,000.

1.4 Dementia costs £1,000,000 (20% of the Better Care Fund), a fund stated nowhere.
"""


def test_shares_stated_in_prose(tmp_path: Path) -> None:
    path = tmp_path / "agreement.md"
    path.write_text(PROSE, encoding="utf-8")
    found = check_document(path, dt.date(2026, 4, 1)).findings
    assert [(f.clause, f.text, f.suggestion) for f in found] == [
        ("Clause 1.2", "25%", "24%"),
        ("Clause 1.3", "45%", "40%"),
    ]
    twice = PROSE.replace("1.4 Dementia", "1.4 From 2027 the Pooled Fund is £6,000,000. Dementia")
    path.write_text(twice, encoding="utf-8")  # which Pooled Fund? say nothing of it
    found = check_document(path, dt.date(2026, 4, 1)).findings
    assert [(f.clause, f.text) for f in found] == [("Clause 1.3", "45%")]


def test_a_named_total_from_a_table_row(tmp_path: Path) -> None:
    rows: Rows = [
        ("Partner", "Contribution", "Note"),
        ("Council", "£2,000,000", "The Council pays £2,000,000 (40% of the Pooled Fund)."),
        ("ICB", "£3,000,000", "The ICB pays £3,000,000 (65% of the Pooled Fund)."),
        ("Total Pooled Fund", "£5,000,000", ""),
    ]
    assert check_rows(tmp_path, rows) == [("65%", "60%", "table 1, row 3, column 3")]


def test_a_risk_share_agreed_apart_from_the_amounts_is_left_alone(tmp_path: Path) -> None:
    rows: Rows = [
        ("Partner", "Contribution", "Share"),
        ("Council", "£600,000", "50%"),
        ("ICB", "£400,000", "50%"),
        ("Total", "£1,000,000", "100%"),
    ]
    assert check_rows(tmp_path, rows) == []  # 100% in all, but none is the amount's share
    rows[0] = ("Partner", "Contribution", "Share of any overspend")
    rows[1] = ("Council", "£600,000", "60%")
    assert check_rows(tmp_path, rows) == []  # headed as a risk share
