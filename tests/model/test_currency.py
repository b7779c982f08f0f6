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


# ------------------------------------------------------------ the other direction: not yet

NOT_YET = {
    "uk-gdpr": dt.date(2021, 1, 1),
    "gdpr": dt.date(2018, 5, 25),
    "dpa-2018": dt.date(2018, 5, 25),
    "special-category-data": dt.date(2018, 5, 25),
    "care-act-2014": dt.date(2015, 4, 1),
    "laaa-2014": dt.date(2014, 1, 30),
    "modern-slavery-act": dt.date(2015, 3, 26),
    "pcr-2015-made": dt.date(2015, 2, 26),
    "procurement-act-2023": dt.date(2025, 2, 24),
    "psr-2023": dt.date(2024, 1, 1),
    "procurement-patient-choice-2013-made": dt.date(2013, 4, 1),
    "lgsco": dt.date(2017, 6, 19),
    "nhs-resolution": dt.date(2017, 4, 1),
    "assimilated-law": dt.date(2024, 1, 1),
    "icb": dt.date(2022, 7, 1),
    "hca-2022": dt.date(2022, 4, 28),
    "dhsc": dt.date(2018, 1, 9),
}


def test_the_table_dates_what_did_not_yet_exist() -> None:
    table = {e.id: e for e in currency_table()}
    for key, began in NOT_YET.items():
        entry = table[key]
        assert (entry.status, entry.began, entry.ended) == ("not-yet", began, None), key
    for entry in table.values():  # every entry says where its date comes from
        assert entry.authority, entry.id
        if entry.not_yet:
            assert entry.source, entry.id


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("the UK GDPR", "UK GDPR"),
        ("the Data Protection Act 2018", "Data Protection Act 2018"),
        ("section 2 of the Care Act 2014", "Care Act 2014"),
        ("the Procurement Act 2023", "Procurement Act 2023"),
        ("the Health Care Services (Provider Selection Regime) Regulations 2023", "Health Care"),
        ("the Modern Slavery Act 2015", "Modern Slavery Act 2015"),
        ("the Local Audit and Accountability Act 2014", "Local Audit and Accountability"),
        ("the Local Government and Social Care Ombudsman", "Local Government and Social"),
        ("a scheme of NHS Resolution", "NHS Resolution"),
        ("any assimilated law", "assimilated law"),
        ("the Integrated Care Board", "Integrated Care Board"),
        ("the Health and Care Act 2022", "Health and Care Act 2022"),
    ],
)
def test_a_2013_agreement_cannot_cite_later_law(text: str, cited: str) -> None:
    found = stale_citations(text, dt.date(2013, 4, 1))
    assert found and found[0].text.startswith(cited)
    assert found[0].entry.problem(dt.date(2013, 4, 1)).endswith("after this agreement (2013-04-01)")
    assert stale_citations(text, dt.date(2026, 3, 27)) == []  # current law today


@pytest.mark.parametrize("key", sorted(NOT_YET))
def test_each_date_is_the_first_day_it_may_be_cited(key: str) -> None:
    entry = next(e for e in currency_table() if e.id == key)
    began = NOT_YET[key]
    assert entry.applies_on(began - dt.timedelta(days=1))
    assert not entry.applies_on(began)


def test_period_law_is_accepted_in_its_period_and_refused_after() -> None:
    """Luton's 2013 wording is right in 2013 and stale now; the 2026 wording the reverse."""
    period = "the Data Protection Act 1998 and the Local Government Ombudsman"
    assert stale_citations(period, dt.date(2013, 4, 1)) == []
    assert [c.text for c in stale_citations(period, dt.date(2026, 1, 1))] == [
        "Data Protection Act 1998",
        "Local Government Ombudsman",
    ]


def test_the_builder_refuses_law_not_yet_in_force(tmp_path: Path) -> None:
    lib = write_library(
        tmp_path,
        {
            "clauses/900-new.md": "---\nid: new\ntitle: New\norder: 900\n---\n"
            "- Personal data is processed under the UK GDPR.\n"
        },
    )
    from s75docs.library.loader import load_library

    text = (MINI / "scheme.yaml").read_text(encoding="utf-8")
    scheme = tmp_path / "s.yaml"
    text = text.replace("date: 2026-03-01", "date: 2019-03-01").replace("kind: icb", "kind: ccg")
    scheme.write_text(text, encoding="utf-8")
    library = load_library([MINI / "library", lib], defaults=False)
    with pytest.raises(ErrorList) as info:
        build_tree(load_scheme(scheme), library)
    # (the mini scheme's partner is still named an Integrated Care Board, refused as well)
    (error,) = [e for e in info.value.errors if "900-new.md" in str(e)]
    assert str(error).startswith(
        f"{tmp_path / 'clauses/900-new.md'}:6: 'UK GDPR' is not in force until 1 January 2021,"
        " after this agreement (2019-03-01): use "
    )


def test_an_icb_is_refused_for_an_agreement_made_before_2022(tmp_path: Path) -> None:
    text = (MINI / "scheme.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("date: 2026-03-01", "date: 2019-03-01"), encoding="utf-8")
    with pytest.raises(ErrorList) as info:
        load_scheme(path)
    (error,) = info.value.errors
    assert "partners[1].kind: 'icb' bodies were not established until 1 July 2022" in str(error)
    assert "after this agreement (2019-03-01)" in str(error)


def test_the_checker_reports_anachronisms_where_it_knows_the_date(tmp_path: Path) -> None:
    from s75docs.check.run import check_document

    body = "1 Data\n\n1.1 Each Partner will comply with the UK GDPR.\n"
    dated = tmp_path / "dated.md"
    dated.write_text("This Agreement is dated 1 April 2013.\n\n" + body, encoding="utf-8")
    undated = tmp_path / "undated.md"
    undated.write_text(body, encoding="utf-8")
    (finding,) = [f for f in check_document(dated).findings if f.code == "law-stale"]
    assert finding.message == (
        "'UK GDPR' is not in force until 1 January 2021, after this agreement (2013-04-01)"
    )
    assert finding.severity is not None and finding.severity.value == "error"
    assert [f for f in check_document(undated).findings if f.code == "law-stale"] == []


def test_a_council_library_is_linted_for_its_agreement_date(tmp_path: Path) -> None:
    """Period wording (the Data Protection Act 1998) is right for a 2013 agreement and wrong
    for one made today; 2026 wording (the UK GDPR) is wrong for 2013."""
    from s75docs.library.lint import lint_library

    lib = write_library(
        tmp_path,
        {
            "clauses/old.md": "---\nid: old-dp\ntitle: Old\norder: 9000\n---\n"
            "- Personal data is processed under the Data Protection Act 1998.\n",
            "clauses/new.md": "---\nid: new-dp\ntitle: New\norder: 9001\n---\n"
            "- Personal data is processed under the UK GDPR.\n",
        },
    )

    def stale(on: dt.date) -> list[str]:
        return sorted(
            d.message.split("'")[1] for d in lint_library([lib], on) if d.code == "lib-stale-law"
        )

    assert stale(dt.date(2013, 4, 1)) == ["UK GDPR"]
    assert stale(dt.date(2026, 4, 1)) == ["Data Protection Act 1998"]


def test_every_pattern_opens_at_a_word_boundary() -> None:
    """The one scan for citations (currency._any_citation) tries the patterns only where a
    word begins; a pattern that does not open with \\b (after lookbehinds) would make every
    scan twenty times slower, and a YAML escape gone wrong ("\\b" read as a backspace in a
    double-quoted string) would never match at all."""
    from s75docs.model.currency import _LEADING, currency_table

    for entry in currency_table():
        for pattern in entry.patterns:
            assert _LEADING.match(pattern.pattern), (entry.id, pattern.pattern)
            assert "\x08" not in pattern.pattern, entry.id


def test_her_majestys_customs_and_excise_is_found() -> None:
    from s75docs.model.currency import citations_in

    found = {
        c.entry.id for c in citations_in("VAT as agreed with Her Majesty's Customs and Excise.")
    }
    assert "hm-customs-and-excise" in found
