"""Variations that follow real events: a scheme ended (its past kept), a past figure
corrected (or refused), a scheme added after joint consultation, a partner succeeded by a
merged ICB, the term extended (and what becomes of the options), and the dates a variation
must keep to."""

from __future__ import annotations

import copy
import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from s75docs.doctree.nodes import Definition, Document, Item, Recital, inline_text, inlines_of
from s75docs.errors import ErrorList, S75Error
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree, check_records, load_and_build, load_variation, report
from s75docs.transforms import run_all
from s75docs.variation.deed import build_deed
from s75docs.variation.vary import Variation, compute, verify
from tests.test_property_build import library
from tests.variation.fairhaven_files import raw as _raw
from tests.variation.fairhaven_files import write as _write

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fairhaven"
OLD_ICB = "NHS Fairhaven and Wyvern Integrated Care Board"
MERGED = "NHS Wyvern and Brackenmoor Integrated Care Board"


def _record(**extra: Any) -> list[dict[str, Any]]:
    return [
        {
            "date": dt.date(2027, 3, 24),
            "effective": dt.date(2027, 4, 1),
            "reason": "to record an event",
            **extra,
        }
    ]


def _unstated(raw: dict[str, Any]) -> dict[str, Any]:
    """Without the totals stated elsewhere, which a figure change would contradict."""
    raw["agreement"].pop("stated_totals", None)
    for scheme in raw["schemes"]:
        scheme.pop("stated_totals", None)
    return raw


def _scheme(raw: dict[str, Any], sid: str) -> dict[str, Any]:
    found = next(s for s in raw["schemes"] if s["id"] == sid)
    assert isinstance(found, dict)
    return found


def _text(doc: Document) -> str:
    return "\n".join(
        inline_text(n.inlines) for n in doc.walk() if isinstance(n, Item | Recital | Definition)
    )


def _deed(old_raw: dict[str, Any], new_raw: dict[str, Any]) -> tuple[Variation, str]:
    old_data, new_data = SchemeFile.model_validate(old_raw), SchemeFile.model_validate(new_raw)
    old, new = build_tree(old_data, library()), build_tree(new_data, library())
    variation = compute(old_data, old, new_data, new)
    verify(variation)
    deed = build_deed(variation)
    run_all(deed)
    return variation, _text(deed)


def _refusals(tmp_path: Path, new_raw: dict[str, Any], old: Path | None = None) -> list[str]:
    """The one-line errors `vary` gives for NEW over OLD (default: the Fairhaven agreement)."""
    old = old or EXAMPLE / "scheme.yaml"
    new = _write(tmp_path / "new.yaml", new_raw)
    with pytest.raises(S75Error) as info:
        check_records(old, load_scheme(old), new, load_scheme(new))
    errors = info.value.errors if isinstance(info.value, ErrorList) else [info.value]
    return [str(e) for e in errors]


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), start=1) if text in line)


# ---------------------------------------------------------------- a scheme ended


def _ended() -> tuple[dict[str, Any], dict[str, Any]]:
    old = _raw("scheme.yaml")
    new = _unstated(copy.deepcopy(old))
    ld = _scheme(new, "learning-disability")
    ld["end"] = dt.date(2027, 3, 31)
    ld["contributions"] = [c for c in ld["contributions"] if c["year"] == "2026/27"]
    new["variations"] = _record(reason="to end the Learning Disability scheme")
    return old, new


def test_an_ended_scheme_keeps_its_past_and_applies_the_exit_provisions() -> None:
    old, new = _ended()
    variation, text = _deed(old, new)
    assert (
        "The Individual Scheme in Schedule 3 to the Agreement (the Learning Disability Joint"
        " Commissioning) ends at the end of 31 March 2027" in text
    )
    assert "the Financial Contributions for 2026/27, which this Deed does not change" in text
    # the exit provisions by citation: the termination consequences clause and spec-exit
    assert (
        "Clause 25.11 of the Agreement and paragraph 12 of Schedule 3 to the Agreement apply to"
        " its ending" in text
    )
    assert not any(line.startswith("Schedule 3") for line in text.splitlines())  # not deleted
    facts = variation.facts
    assert facts is not None
    assert [s.id for s in facts.ended] == ["learning-disability"]
    assert facts.removed == []
    assert {line.year for line in facts.lines} == {"2027/28"}  # no 2026/27 figure changes


def test_deleting_a_scheme_that_ran_is_refused(tmp_path: Path) -> None:
    new = _unstated(_raw("scheme.yaml"))
    new["schemes"] = [s for s in new["schemes"] if s["id"] != "learning-disability"]
    new["variations"] = _record()
    (error,) = _refusals(tmp_path, new)
    assert "schemes: the scheme 'learning-disability' ran before the Variation Date" in error
    assert "give it an end date (end:) instead of deleting it" in error


def test_a_scheme_cannot_be_ended_before_the_variation_date(tmp_path: Path) -> None:
    _, new = _ended()
    _scheme(new, "learning-disability")["end"] = dt.date(2026, 12, 31)
    new["variations"][0]["effective"] = dt.date(2027, 4, 1)
    errors = _refusals(tmp_path, new)
    assert any(
        "schemes[2].end: a variation taking effect on 2027-04-01 cannot end a scheme before it" in e
        for e in errors
    )


# ---------------------------------------------------------------- past figures


def _past_change(**record: Any) -> dict[str, Any]:
    new = _unstated(_raw("scheme.yaml"))
    _scheme(new, "learning-disability")["contributions"][0]["amount"] = Decimal("1000.00")
    new["variations"] = _record(**record)
    return new


def test_a_figure_of_a_year_already_ended_is_refused(tmp_path: Path) -> None:
    (error,) = _refusals(tmp_path, _past_change())
    path = tmp_path / "new.yaml"
    line = _line_of(path, "amount: '1000.00'") - 3  # the contribution's first line
    assert error.startswith(f"{path}:{line}: schemes[2].contributions[0]: the 2026/27 figures")
    assert "that year ended before the Variation Date (2027-04-01)" in error
    assert "corrections:" in error


def test_a_correction_is_allowed_and_the_deed_says_so() -> None:
    old = _raw("scheme.yaml")
    reason = "an arithmetical error in the Council's residential care line"
    new = _past_change(
        corrections=[{"scheme": "learning-disability", "year": "2026/27", "reason": reason}]
    )
    SchemeFile.model_validate(new)
    _, text = _deed(old, new)
    assert (
        "The changes this Deed makes to the figures for 2026/27 of the Learning Disability Joint"
        f" Commissioning (Schedule 3 to the Agreement) correct {reason}." in text
    )
    assert "the corrected figures apply to the whole of 2026/27" in text


def test_a_correction_that_changes_nothing_is_refused(tmp_path: Path) -> None:
    new = _unstated(_raw("scheme.yaml"))
    _scheme(new, "bcf")["name"] += " (BCF)"
    new["variations"] = _record(
        corrections=[{"scheme": "learning-disability", "year": "2026/27", "reason": "a slip"}]
    )
    (error,) = _refusals(tmp_path, new)
    assert "variations[0].corrections[0]: no figure of 'learning-disability' for 2026/27" in error


# ---------------------------------------------------------------- a scheme added


def _with_dementia(**record: Any) -> dict[str, Any]:
    new = _raw("scheme-v2.yaml")
    new["variations"] = _record(**record)
    return new


def test_a_scheme_added_cannot_start_before_the_variation_date(tmp_path: Path) -> None:
    new = _with_dementia(consultation=_raw("scheme-v2.yaml")["variations"][0]["consultation"])
    _scheme(new, "dementia-support").pop("start")
    (error,) = _refusals(tmp_path, new)
    assert "a scheme added by a variation starts no earlier than the Variation Date" in error
    assert "(the Commencement Date, by default): give it start: 2027-04-01 or later" in error


def test_a_scheme_added_needs_the_joint_consultation(tmp_path: Path) -> None:
    (error,) = _refusals(tmp_path, _with_dementia())
    assert error.endswith(
        "variations[0]: this variation adds a scheme: record the joint consultation regulation"
        " 4(2) of the 2000 Regulations requires (consultation: consulted, start, end)"
    )


def test_the_deed_recites_the_consultation_and_the_improvement_test() -> None:
    built = load_variation(EXAMPLE / "scheme.yaml", EXAMPLE / "scheme-v2.yaml", library())
    deed = build_deed(built)
    run_all(deed)
    text = _text(deed)
    assert (
        "From 21 October 2026 to 18 November 2026, the Partners jointly consulted people living"
        " with dementia in Fairhaven and their carers, Fairhaven Dementia Alliance and Fairhaven"
        " and Wyvern Mental Health NHS Foundation Trust, being the persons who appeared to them"
        " to be affected by the arrangements for the Dementia Support Service, as regulation"
        " 4(2) of the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000"
        " and Clause 6.4 of the Agreement require." in text
    )
    assert (
        "are likely to lead to an improvement in the way in which the functions concerned are"
        " exercised, as section 75(1) of the National Health Service Act 2006" in text
    )
    # the extension of the term uses one of the two options (Fairhaven v2's max_extensions)
    assert (
        "The extension of the Initial Term to 31 March 2029 takes the place of one of the two"
        " extensions Clause 2.2 of the Agreement allowed: the Initial Term may be extended once"
        " more, by a year, and with that extension, the Agreement cannot continue beyond"
        " 31 March 2030, except as Clause 25.4 of the Agreement provides, without a further"
        " Structural Variation." in text
    )


def test_an_extension_that_keeps_the_options_says_they_are_additional() -> None:
    old = _raw("scheme.yaml")
    new = _unstated(copy.deepcopy(old))
    new["agreement"]["initial_term_end"] = dt.date(2029, 3, 31)
    new["variations"] = _record(reason="to extend the term")
    _, text = _deed(old, new)
    assert (
        "The extension of the Initial Term to 31 March 2029 is in addition to the extensions"
        " Clause 2.2 of the Agreement allows, which are unchanged: the Initial Term may be"
        " extended up to two more times, by a year each time, and with those extensions, the"
        " Agreement cannot continue beyond 31 March 2031, except as Clause 25.4 of the"
        " Agreement provides, without a further Structural Variation." in text
    )


# ---------------------------------------------------------------- a successor


def test_an_icb_merger_is_recited_as_a_succession() -> None:
    before = load_and_build(EXAMPLE / "scheme-v2.yaml")
    after = load_and_build(EXAMPLE / "scheme-v3.yaml")
    variation = compute(before.data, before.doc, after.data, after.doc)
    verify(variation)
    deed = build_deed(variation)
    run_all(deed)
    text = _text(deed)
    assert f"was made between Fairhaven Borough Council and {OLD_ICB}." in text
    assert (
        "With effect from 1 October 2027, the Integrated Care Boards (Wyvern and Brackenmoor)"
        f" (Establishment and Abolition) Order 2027 transferred the functions of {OLD_ICB} and"
        f" NHS Brackenmoor Integrated Care Board to {MERGED}." in text
    )
    assert (
        "The parties to this Deed (the Partners) are Fairhaven Borough Council (a party to the"
        f" Agreement) and {MERGED} (the successor of {OLD_ICB})." in text
    )
    assert "are parties to the Agreement" not in text
    assert (
        f"As the successor of {OLD_ICB}, {MERGED} has taken its place as a party to the"
        " Agreement."
        f" Every reference in the Agreement to {OLD_ICB}, other than one that this Deed inserts"
        f" to record the succession and other than in the execution of the Agreement, is to be"
        f" read as a reference to {MERGED}." in text
    )
    # the Parties still record who made the Agreement
    assert (
        f"which succeeded {OLD_ICB}, the party that made this Agreement, on 1 October 2027"
        in " ".join(inline_text(inlines_of(n)) for n in deed.walk())
    )
    # and the deed's own Parties, which cite the Agreement, say so in the deed's terms
    assert (
        f"(the ICB), which succeeded {OLD_ICB}, the party that made the Agreement, on 1 October"
        " 2027." in " ".join(inline_text(inlines_of(n)) for n in deed.children)
    )
    assert "as a reference to the ICB" not in text  # no circular substitution
    # the transfer scheme carries the Agreement; the successor is bound from the transfer,
    # not only from the Variation Date
    assert (
        f"Under the transfer scheme made by NHS England under section 14Z28(3) of the 2006 Act"
        f" in connection with the abolition of {OLD_ICB}, dated 15 September 2027, the rights"
        f" and liabilities of {OLD_ICB} under the Agreement passed to {MERGED} on 1 October 2027."
    ) in text
    assert (
        f"from 1 October 2027, {MERGED} has been bound by, and has had the benefit of, the"
        f" Agreement as a Partner in place of {OLD_ICB}"
    ) in text
    # what passed is what arose before the transfer, not what arose after it
    assert (
        f"including any right or liability of {OLD_ICB} under the Agreement that arose before"
        " 1 October 2027, such as an invoice raised or a payment that fell due before then"
    ) in text
    assert "on or after 1 October 2027" not in text
    # and the scheme ended mid-term in the same deed, its past untouched
    assert "ends at the end of 31 March 2028" in text
    # its exit arrangements keep the section 75 arrangements alive, for a limited time
    assert (
        "For those exit arrangements only, the arrangements under section 75 of the National"
        " Health Service Act 2006 in the scheme" in text
    )
    # no cliff: the section 75 cover runs for each placement until it is taken over; six
    # months is the deadline, with a referral and an indemnity after it; no contribution
    assert (
        "continue, for each person and contract not yet taken over, until the Partner that is"
        " to take it over has done so" in text
    )
    assert "Each Partner will take over what it is to take over by 30 September 2028" in text
    assert (
        "A delay beyond that date is treated as a dispute referred to the senior officers under"
        " Clause 26.3 of the Agreement, without a Dispute Notice" in text
    )
    assert "No Financial Contribution to the scheme is payable for any period after it ends" in text
    assert "this indemnity survives the end of the scheme" in text
    assert "in any case until no later than" not in text
    assert "for no longer than six months" not in text
    facts = variation.facts
    assert facts is not None and facts.lines == []


def test_the_report_calls_a_succession_a_succession(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    report(
        EXAMPLE / "scheme-v3.yaml",
        EXAMPLE / "meeting-v3.yaml",
        "cabinet",
        out,
        EXAMPLE / "scheme-v2.yaml",
    )
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    text = " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    assert "change the name" not in text and "changes the name" not in text
    assert "(a succession, not a change of name)" in text
    # the deed records a succession that took effect by law: it does not make the party
    assert (
        f"records that {MERGED} has been a party to the Agreement in place of {OLD_ICB} since"
        " 1 October 2027" in text
    )
    assert f"makes {MERGED} a party" not in text
    assert f"Fairhaven Borough Council and {OLD_ICB} entered into the Agreement" in text
    assert "Partner (by succession)" in text


def test_a_successor_must_succeed_a_party(tmp_path: Path) -> None:
    new = _raw("scheme-v3.yaml")
    icb = next(p for p in new["partners"] if p["key"] == "icb")
    icb["succeeds"]["body"] = "NHS Nowhere Integrated Care Board"
    icb["succeeds"]["date"] = dt.date(2027, 11, 2)
    errors = _refusals(tmp_path, new, EXAMPLE / "scheme-v2.yaml")
    assert any(
        "partners[1].succeeds.body: 'NHS Nowhere Integrated Care Board' is not a party" in e
        for e in errors
    )
    assert any("partners[1].succeeds.date: " in e and "cannot make the deed" in e for e in errors)


def test_an_icb_successor_names_the_transfer_scheme(tmp_path: Path) -> None:
    new = _raw("scheme-v3.yaml")
    icb = next(p for p in new["partners"] if p["key"] == "icb")
    del icb["succeeds"]["transfer_scheme"]
    errors = _refusals(tmp_path, new, EXAMPLE / "scheme-v2.yaml")
    assert any(
        "partners[1].succeeds.transfer_scheme: an integrated care board's rights and"
        " liabilities pass to its successor by a transfer scheme of NHS England under section"
        " 14Z28(3)" in e
        for e in errors
    )


# ---------------------------------------------------------------- dates


def test_a_variation_must_take_effect_within_the_term(tmp_path: Path) -> None:
    new = _unstated(_raw("scheme.yaml"))
    _scheme(new, "bcf")["name"] += " (BCF)"
    new["variations"] = _record(effective=dt.date(2026, 3, 27))
    (early,) = _refusals(tmp_path, new)
    assert early.endswith(
        "variations[0].effective: the variation takes effect on 2026-03-27, before the Agreement"
        " starts (2026-04-01)"
    )
    new["variations"] = _record(effective=dt.date(2035, 4, 1), date=dt.date(2035, 3, 1))
    (late,) = _refusals(tmp_path, new)
    path = tmp_path / "new.yaml"
    assert late.startswith(f"{path}:{_line_of(path, 'effective: 2035-04-01')}: variations[0]")
    assert "after the Initial Term ends (2028-03-31)" in late


def test_no_contribution_after_the_term(tmp_path: Path) -> None:
    new = _unstated(_raw("scheme.yaml"))
    extra = copy.deepcopy(_scheme(new, "s117-aftercare")["contributions"][0])
    extra["year"] = "2028/29"
    _scheme(new, "s117-aftercare")["contributions"].append(extra)
    new["variations"] = _record()
    errors = _refusals(tmp_path, new)
    assert any(
        ".year: a contribution for 2028/29 falls after the Initial Term ends (2028-03-31)" in e
        for e in errors
    )


def test_vary_refuses_with_one_line_errors_and_writes_nothing(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from s75docs.cli import main

    new = _write(tmp_path / "new.yaml", _past_change())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["vary", str(EXAMPLE / "scheme.yaml"), str(new), "-o", str(out)]
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{new}:")
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())
