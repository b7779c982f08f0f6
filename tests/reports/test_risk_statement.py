"""What a report tells the deciding partner about its risk, its CQC registration and the limits
of the statutory check: every figure worked out from the data, every status from the data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from s75docs.model.loader import load_scheme
from s75docs.pipeline import report_context
from s75docs.reports.exposure import percent
from s75docs.reports.statutory import provisions
from tests.reports.conftest import FAIRHAVEN, SCHEME, context_lines

MEETING = FAIRHAVEN / "meeting.yaml"
ICB_MEETING = FAIRHAVEN / "meeting-icb.yaml"


def _scheme(tmp_path: Path, change: Any) -> Path:
    """Fairhaven's data with `change(data)` applied to it."""
    data = yaml.safe_load(SCHEME.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "scheme.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _scheme_entry(data: dict[str, Any], sid: str) -> dict[str, Any]:
    entry: dict[str, Any] = next(s for s in data["schemes"] if s["id"] == sid)
    return entry


def _lines(scheme: Path = SCHEME, meeting: Path = MEETING, kind: str = "cabinet") -> list[str]:
    return context_lines(report_context(scheme, meeting, kind))


def _row(lines: list[str], name: str) -> str:
    """The row of the risk-by-scheme table for a scheme."""
    return next(x for x in lines if x.startswith(f"{name} | ") and "bears" in x)


def test_the_councils_share_is_the_computed_one_and_leaves_out_ring_fenced_lines(
    tmp_path: Path,
) -> None:
    data = load_scheme(SCHEME)
    bcf = next(s for s in data.schemes if s.id == "bcf")
    shares = [bcf.risk_percentages(y)["council"] for y in bcf.years]
    row = _row(_lines(), bcf.name)
    first, second = (percent(p) for p in shares)
    assert f"The Council bears {first} of any overspend in 2026/27 and {second} in 2027/28" in row
    assert "ring-fenced line, Disabled Facilities Grant, is outside the sharing" in row
    # the same figure, worked out by hand: the Council's fixed lines that are not ring-fenced
    fixed = {
        c.partner: c.amount
        for c in bcf.contributions
        if c.year == "2026/27" and c.share.value == "fixed" and not c.ring_fenced
    }
    assert first == f"{(fixed['council'] * 100 / sum(fixed.values())).quantize(Decimal('0.01'))}%"

    # unmark the grant: it joins the sharing, and the printed share follows the data
    def unfence(d: dict[str, Any]) -> None:
        for c in _scheme_entry(d, "bcf")["contributions"]:
            c.pop("ring_fenced", None)

    path = _scheme(tmp_path, unfence)
    bcf2 = next(s for s in load_scheme(path).schemes if s.id == "bcf")
    now = percent(bcf2.risk_percentages("2026/27")["council"])
    assert now != first
    row = _row(_lines(path), bcf.name)
    assert f"The Council bears {now} of any overspend in 2026/27" in row
    assert "ring-fenced" not in row


def test_each_rule_is_stated_for_the_deciding_partner() -> None:
    lines = _lines()
    assert "The Council, as host, bears all of any overspend" in _row(
        lines, "Integrated Community Equipment Service"
    )
    assert "on its own fixed line (Learning disability care and support)" in _row(
        lines, "Learning Disability Joint Commissioning"
    )
    assert "The Council bears 50% of any overspend" in _row(
        lines, "Mental Health Section 117 Aftercare"
    )
    assert "on its own fixed line (Social work and care management)" in _row(
        lines, "Integrated Community Learning Disability Team"
    )
    children = _row(lines, "Children and Young People with Complex Needs")
    assert "In proportion to the estimates of the variable shares" in children
    # the wrong generic sentence is gone
    text = "\n".join(lines)
    assert "in proportion to the partners' fixed contributions" not in text
    # the ICB Board's report states the ICB's side of the same rules
    icb = _lines(meeting=ICB_MEETING, kind="icb-board")
    assert "The ICB bears 50% of any overspend" in _row(icb, "Mental Health Section 117 Aftercare")


def test_a_partner_with_the_only_fixed_share_bears_all_of_a_proportionate_overspend(
    tmp_path: Path,
) -> None:
    def only_council_fixed(d: dict[str, Any]) -> None:
        ld = _scheme_entry(d, "learning-disability")
        ld["risk_share"] = {"rule": "proportionate"}
        for c in ld["contributions"]:
            if c["partner"] != "council":
                c["share"] = "variable"

    path = _scheme(tmp_path, only_council_fixed)
    name = "Learning Disability Joint Commissioning"
    assert "The Council bears all of any overspend" in _row(_lines(path), name)
    icb = _lines(path, ICB_MEETING, "icb-board")
    assert "The ICB bears none of a shared overspend" in _row(icb, name)


def test_a_variable_line_counts_in_the_uncapped_total(tmp_path: Path) -> None:
    data = load_scheme(SCHEME)
    ours = [
        c
        for s in data.schemes
        for c in s.contributions
        if c.partner == "council" and c.year == "2026/27" and c.share.value == "variable"
    ]
    total = sum((c.amount for c in ours), Decimal(0))
    text = "\n".join(_lines())
    assert f"They total £{total:,.2f} in 2026/27" in text
    # the risks section gives the same total
    assert f"which it pays at actual cost with no cap, total £{total:,.2f} in 2026/27" in text
    # the children's line is committed by the ICB, which leads the scheme
    assert "; the ICB, as lead commissioner, commits the spending on it" in text

    # the Council's fixed line for learning disability becomes variable: the total grows by it
    def vary(d: dict[str, Any]) -> None:
        for c in _scheme_entry(d, "learning-disability")["contributions"]:
            if c["partner"] == "council":
                c["share"] = "variable"

    ld = next(s for s in data.schemes if s.id == "learning-disability")
    more = total + ld.total("2026/27", "council")
    text = "\n".join(_lines(_scheme(tmp_path, vary)))
    assert f"They total £{more:,.2f} in 2026/27" in text
    assert (
        "Learning Disability Joint Commissioning, Learning disability care and support: £" in text
    )


def test_a_package_panel_is_named_where_another_partner_commits_the_spending(
    tmp_path: Path,
) -> None:
    def panel(d: dict[str, Any]) -> None:
        _scheme_entry(d, "children-complex-needs")["packages"] = {
            "panel": "Children's Joint Funding Panel"
        }

    text = "\n".join(_lines(_scheme(tmp_path, panel)))
    assert (
        "the ICB, as lead commissioner, commits the spending on it through the Children's Joint"
        " Funding Panel, which approves each package" in text
    )


def test_the_share_of_each_line_is_in_the_contributions_table() -> None:
    lines = _lines()
    assert (
        "Fairhaven Better Care Fund | Disabled Facilities Grant | fixed, ring-fenced"
        in "\n".join(lines)
    )
    assert any(x.startswith("Mental Health Section 117 Aftercare | Section 117") for x in lines)
    s117 = [x for x in lines if x.startswith("Mental Health Section 117 Aftercare | Section 117")]
    assert all(" | variable | " in x for x in s117)


def _regulation(tmp_path: Path, **fields: str) -> list[str]:
    def change(d: dict[str, Any]) -> None:
        reg = _scheme_entry(d, "ld-community-team")["regulation"]
        for key in ("registration", "evidence", "until_registered"):
            reg.pop(key, None)
        reg.update(fields)

    return _lines(_scheme(tmp_path, change))


def test_cqc_registration_held_applied_or_not_stated(tmp_path: Path) -> None:
    held = "\n".join(_lines())
    assert "and it holds that registration; the evidence is a certificate of registration" in held
    assert "must hold that registration before the service starts" not in held

    until = "the Trust carries on the regulated activity under its own registration"
    applied = "\n".join(_regulation(tmp_path, registration="applied", until_registered=until))
    assert "It has applied for that registration" in applied
    assert "The regulated service starts only when the registration takes effect" in applied
    assert f"Until then, {until}." in applied

    unknown = _regulation(tmp_path)
    text = "\n".join(unknown)
    assert "It must be confirmed before the service starts" in text
    assert "the agreement is not to be sealed until it is" in text
    delegate = next(x for x in unknown if x.startswith("delegate authority"))
    assert "once the Council's registration with the Care Quality Commission for the" in delegate


def test_the_statutory_assurance_names_what_it_covers() -> None:
    text = "\n".join(_lines())
    assert "regulations 4 to 9" not in text
    assert (
        "section 75 of the 2006 Act, regulations 4, 5, 6, 7, 8 and 9 of the Regulations and"
        " section 223GA of the 2006 Act place on what a partnership agreement contains" in text
    )
    # the software made the check: it is put to the legal officer, not given as an assurance
    assert "[Legal officer to confirm:]" in text
    assert "This covers only those requirements: it says nothing about the commercial terms" in text


def test_provisions_are_read_from_the_profiles_law() -> None:
    laws = [
        "section 75(1) of the 2006 Act; regulation 4(1) of the Regulations",
        "regulations 7(2) and 9(2) of the Regulations (and the equivalent in regulation 8)",
        "regulation 10(1)",
    ]
    assert provisions(laws) == (
        "section 75 of the 2006 Act and regulations 4, 7, 8, 9 and 10 of the Regulations"
    )
    assert provisions(["regulation 7(3)(a)"]) == "regulation 7 of the Regulations"
    assert percent(Decimal("32.8666")) == "32.87%" and percent(Decimal("50")) == "50%"


def test_later_years_and_provisional_bcf_figures_are_worded_as_the_agreement_has_them() -> None:
    lines = _lines()
    text = "\n".join(lines)
    assert "are agreed before it starts" not in text
    assert "Contributions are agreed before each year starts" not in text
    assert "the partners will try to agree the contributions before it starts (Clause" in text
    assert "The Better Care Fund figures for 2027/28 are provisional" in text
    assert "figures for 2026/27" not in text
    note = next(x for x in lines if x.startswith("note that the partners' contributions"))
    assert "(the Better Care Fund figures for 2027/28 being provisional" in note
