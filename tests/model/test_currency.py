"""The dated table of law and bodies, and the builder's refusal to cite dead ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from s75docs.errors import ErrorList
from s75docs.model.currency import currency_table, stale_citations
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree
from tests.helpers import MINI, mini_library, write_library


def test_table_covers_the_primer() -> None:
    ids = {e.id for e in currency_table()}
    assert {
        "ccg",
        "pct",
        "dpa-1998",
        "sensitive-personal-data",
        "eca-1972",
        "audit-commission-act",
        "audit-commission",
        "phe",
        "nhsla",
        "lgo",
        "health-act-1999-s31",
        "mha-s117-wrong-year",
        "hsca-2014",
        "pcr-2015",
    } <= ids


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("the CCG shall pay", dt.date(2022, 7, 1), ["CCG"]),
        ("the CCG shall pay", dt.date(2022, 6, 30), []),
        (
            "Clinical Commissioning Groups and PCTs",
            dt.date(2026, 1, 1),
            ["Clinical Commissioning Groups", "PCTs"],
        ),
        ("under the Data Protection Act 1998", dt.date(2019, 4, 1), ["Data Protection Act 1998"]),
        (
            "section 117 of the Mental Health Act 2007",
            dt.date(2000, 1, 1),
            ["Mental Health Act 2007"],
        ),
        ("the Local Government and Social Care Ombudsman", dt.date(2026, 1, 1), []),
        ("the Local Government Ombudsman", dt.date(2026, 1, 1), ["Local Government Ombudsman"]),
        ("the Health and Social Care Act 2012", dt.date(2026, 1, 1), []),
    ],
)
def test_stale_citations(text: str, day: dt.date, expected: list[str]) -> None:
    assert [c.text for c in stale_citations(text, day)] == expected


def test_describe_gives_the_date() -> None:
    (cite,) = stale_citations("a PCT", dt.date(2014, 1, 1))
    assert cite.entry.describe() == "abolished with effect from 1 April 2013"
    assert "Integrated Care Board" in cite.entry.replacement


def test_a_partner_of_an_abolished_kind_is_refused(tmp_path: Path) -> None:
    text = (MINI / "scheme.yaml").read_text(encoding="utf-8").replace("kind: icb", "kind: ccg")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ErrorList) as info:
        load_scheme(path)
    (error,) = info.value.errors
    assert str(error).startswith(f"{path}:")
    assert "partners[1].kind: 'ccg' bodies were abolished with effect from 1 July 2022" in str(
        error
    )
    assert "use the Integrated Care Board (ICB) for the area" in str(error)


def test_a_ccg_is_accepted_for_an_agreement_made_before_2022(tmp_path: Path) -> None:
    text = (MINI / "scheme.yaml").read_text(encoding="utf-8").replace("kind: icb", "kind: ccg")
    text = text.replace("date: 2026-03-01", "date: 2019-03-01")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_scheme(path).partners[1].kind.value == "ccg"


def test_the_builder_refuses_library_text_citing_a_repealed_statute(tmp_path: Path) -> None:
    lib = write_library(
        tmp_path,
        {
            "clauses/900-old.md": "---\nid: old\ntitle: Old\norder: 900\n---\n"
            "- Personal data is processed under the Data Protection Act 1998.\n"
        },
    )
    from s75docs.library.loader import load_library

    library = load_library([MINI / "library", lib], defaults=False)
    with pytest.raises(ErrorList) as info:
        build_tree(load_scheme(MINI / "scheme.yaml"), library)
    (error,) = info.value.errors
    assert str(error) == (
        f"{tmp_path / 'clauses/900-old.md'}:6: 'Data Protection Act 1998' is repealed with"
        " effect from 25 May 2018, before this agreement (2026-03-01): use the UK GDPR and"
        " the Data Protection Act 2018"
    )
    assert mini_library()  # the mini library on its own stays clean
