"""load_scheme: every validation error is reported as FILE:LINE: field.path: message."""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from s75docs.errors import Category, ErrorList, S75Error, UsageError
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile

REPO = Path(__file__).resolve().parents[2]
FAIRHAVEN = REPO / "examples" / "fairhaven" / "scheme.yaml"
STARTER = REPO / "s75docs" / "data" / "starter.yaml"

_MINIMAL: dict[str, Any] = {
    "agreement": {
        "title": "Test Partnership Agreement",
        "area": "Testshire",
        "commencement": dt.date(2026, 4, 1),
        "initial_term_end": dt.date(2027, 3, 31),
        "governance": {
            "health_and_wellbeing_board": "Testshire Health and Wellbeing Board",
            "joint_group": "Testshire Joint Commissioning Group",
        },
    },
    "partners": [
        {
            "key": "council",
            "legal_name": "Testshire Council",
            "short_name": "Council",
            "kind": "unitary_council",
            "address": {"lines": ["Town Hall", "Testtown"], "postcode": "XX1 1AA"},
            "contacts": [
                {"name": "A Officer", "role": "Director", "email": "a.officer@example.org"}
            ],
        },
        {
            "key": "icb",
            "legal_name": "NHS Testshire Integrated Care Board",
            "short_name": "ICB",
            "kind": "icb",
            "address": {"lines": ["ICB House", "Testtown"], "postcode": "XX1 1BB"},
            "contacts": [{"name": "B Officer", "role": "CFO", "email": "b.officer@example.org"}],
        },
    ],
    "schemes": [
        {
            "id": "pool",
            "name": "Pooled Fund",
            "flexibilities": ["pooled_fund"],
            "host": "council",
            "pooled_fund_manager": "Director of Adult Social Care",
            "people": ["adults who live in Testshire"],
            "functions": [
                {
                    "of": "icb",
                    "description": "arranging community health services",
                    "enactment": "section 3 of the 2006 Act",
                }
            ],
            "contributions": [
                {
                    "partner": "icb",
                    "line": "NHS contribution",
                    "year": "2026/27",
                    "amount": "10,000.00",
                },
                {
                    "partner": "council",
                    "line": "Council contribution",
                    "year": "2026/27",
                    "amount": "2,345.67",
                },
            ],
        }
    ],
}

_SECOND_SCHEME: dict[str, Any] = {
    "id": "aligned",
    "name": "Aligned Budget",
    "flexibilities": ["aligned"],
    "contributions": [
        {"partner": "council", "line": "Council share", "year": "2026/27", "amount": 500},
        {"partner": "icb", "line": "ICB share", "year": "2026/27", "amount": 500},
    ],
}


def minimal(two_schemes: bool = False) -> dict[str, Any]:
    """A fresh copy of a valid scheme file (optionally with a second scheme)."""
    data = copy.deepcopy(_MINIMAL)
    if two_schemes:
        data["schemes"].append(copy.deepcopy(_SECOND_SCHEME))
    return data


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write(tmp_path: Path, content: dict[str, Any] | str) -> tuple[Path, str]:
    """Write a scheme file; return its path and the exact text written."""
    text = content if isinstance(content, str) else dump(content)
    path = tmp_path / "scheme.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text: str, pattern: str) -> int:
    """The 1-based line matching a regex; the pattern must match exactly one line."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if re.search(pattern, line)]
    assert len(hits) == 1, f"{pattern!r} matches lines {hits} of:\n{text}"
    return hits[0]


def errors(path: Path) -> list[str]:
    with pytest.raises(ErrorList) as info:
        load_scheme(path)
    assert info.value.errors, "an ErrorList must hold at least one error"
    return [str(e) for e in info.value.errors]


# --- the minimal file itself --------------------------------------------------------------


def test_minimal_file_is_valid(tmp_path: Path) -> None:
    path, _ = write(tmp_path, minimal(two_schemes=True))
    scheme = load_scheme(path)
    assert isinstance(scheme, SchemeFile)
    assert scheme.total("2026/27") == Decimal("13345.67")


# --- unknown keys ---------------------------------------------------------------------------


def test_unknown_key_suggests_the_field(tmp_path: Path) -> None:
    data = minimal()
    agreement = data["agreement"]
    agreement["comencement"] = agreement.pop("commencement")
    path, text = write(tmp_path, data)
    line = line_of(text, r"^  comencement:")
    found = errors(path)
    assert (
        f"{path}:{line}: agreement.comencement: unknown key 'comencement'"
        " (did you mean 'commencement'?)"
    ) in found
    # A missing key has no line of its own: the error points at its mapping.
    first = line_of(text, r"^  title:")
    assert f"{path}:{first}: agreement.commencement: required field is missing" in found


def test_unknown_key_in_second_scheme_contribution(tmp_path: Path) -> None:
    data = minimal(two_schemes=True)
    contribution = data["schemes"][1]["contributions"][0]
    contribution["amout"] = contribution.pop("amount")
    path, text = write(tmp_path, data)
    line = line_of(text, r"^\s+amout:")
    found = errors(path)
    assert (
        f"{path}:{line}: schemes[1].contributions[0].amout: unknown key 'amout'"
        " (did you mean 'amount'?)"
    ) in found


def test_unknown_top_level_key(tmp_path: Path) -> None:
    data = minimal()
    data["schemez"] = data.pop("schemes")
    path, text = write(tmp_path, data)
    line = line_of(text, r"^schemez:")
    expected = f"{path}:{line}: schemez: unknown key 'schemez' (did you mean 'schemes'?)"
    assert expected in errors(path)


# --- references between partners ------------------------------------------------------------


def test_contribution_partner_must_exist(tmp_path: Path) -> None:
    data = minimal()
    data["schemes"][0]["contributions"][1]["partner"] = "councel"
    path, text = write(tmp_path, data)
    line = line_of(text, r"partner: councel$")
    assert errors(path) == [
        f"{path}:{line}: schemes[0].contributions[1].partner: contributing partner 'councel'"
        " is not a partner (did you mean 'council'?)"
    ]


def test_host_partner_must_be_a_partner(tmp_path: Path) -> None:
    data = minimal()
    data["schemes"][0]["host"] = "nhs-trust"
    path, text = write(tmp_path, data)
    line = line_of(text, r"^\s+host: nhs-trust$")
    assert errors(path) == [
        f"{path}:{line}: schemes[0].host: host partner 'nhs-trust' is not a partner"
    ]


def test_pooled_fund_needs_a_host(tmp_path: Path) -> None:
    data = minimal(two_schemes=True)
    del data["schemes"][0]["host"]
    path, text = write(tmp_path, data)
    # No host key to point at: the line is where the scheme starts.
    line = line_of(text, r"^- id: pool$")
    assert errors(path) == [f"{path}:{line}: schemes[0].host: a pooled fund needs a host partner"]


# --- dates ------------------------------------------------------------------------------------


def test_term_ending_before_it_starts(tmp_path: Path) -> None:
    data = minimal()
    data["agreement"]["initial_term_end"] = dt.date(2026, 3, 31)
    path, text = write(tmp_path, data)
    line = line_of(text, r"^  initial_term_end:")
    assert errors(path) == [
        f"{path}:{line}: agreement.initial_term_end: the initial term must end after it"
        " starts: it ends 2026-03-31, it starts 2026-04-01"
    ]


# --- money ------------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", [-5, "-5", "-1,234.50"])
def test_negative_money(tmp_path: Path, amount: int | str) -> None:
    data = minimal()
    data["schemes"][0]["contributions"][1]["amount"] = amount
    path, text = write(tmp_path, data)
    line = line_of(text, r"amount: '?-")
    shown = str(Decimal(str(amount).replace(",", "")))
    assert errors(path) == [
        f"{path}:{line}: schemes[0].contributions[1].amount: must be >= 0, got {shown}"
    ]


def test_malformed_money_string(tmp_path: Path) -> None:
    data = minimal()
    data["schemes"][0]["contributions"][0]["amount"] = "4,745,00"
    path, text = write(tmp_path, data)
    line = line_of(text, r"amount: '?4,745,00")
    assert errors(path) == [
        f"{path}:{line}: schemes[0].contributions[0].amount: malformed amount '4,745,00':"
        " write pounds as 1234567.89 or 1,234,567.89"
    ]


def with_amounts(first: str, second: str) -> str:
    """The minimal file with the two contribution amounts written exactly as given."""
    data = minimal()
    data["schemes"][0]["contributions"][0]["amount"] = "AMOUNT-ONE"
    data["schemes"][0]["contributions"][1]["amount"] = "AMOUNT-TWO"
    text = dump(data)
    assert "AMOUNT-ONE" in text and "AMOUNT-TWO" in text
    return text.replace("AMOUNT-ONE", first).replace("AMOUNT-TWO", second)


def test_money_with_more_than_two_decimal_places(tmp_path: Path) -> None:
    path, text = write(tmp_path, with_amounts("10000.005", "1"))
    line = line_of(text, r"amount: 10000\.005$")
    assert errors(path) == [
        f"{path}:{line}: schemes[0].contributions[0].amount: amount Decimal('10000.005')"
        " has more than two decimal places (pence)"
    ]


def test_decimal_amounts_are_exact(tmp_path: Path) -> None:
    path, _ = write(tmp_path, with_amounts("1234567.89", "0.10"))
    scheme = load_scheme(path)
    first, second = scheme.schemes[0].contributions
    assert type(first.amount) is Decimal
    assert first.amount == Decimal("1234567.89")
    assert str(first.amount) == "1234567.89"
    assert second.amount == Decimal("0.10")
    assert scheme.total("2026/27") == Decimal("1234567.99")


# --- financial years --------------------------------------------------------------------------


def test_financial_year_not_consecutive(tmp_path: Path) -> None:
    data = minimal()
    data["schemes"][0]["contributions"][1]["year"] = "2025/27"
    path, text = write(tmp_path, data)
    line = line_of(text, r"year: '?2025/27")
    assert errors(path) == [
        f"{path}:{line}: schemes[0].contributions[1].year: malformed financial year '2025/27':"
        " the second year must follow the first (did you mean '2025/26'?)"
    ]


def test_financial_year_with_two_digit_start(tmp_path: Path) -> None:
    data = minimal()
    data["schemes"][0]["contributions"][0]["year"] = "25/26"
    path, text = write(tmp_path, data)
    line = line_of(text, r"year: '?25/26")
    assert errors(path) == [
        f"{path}:{line}: schemes[0].contributions[0].year: malformed financial year '25/26':"
        " write it like '2025/26'"
    ]


# --- stated totals ----------------------------------------------------------------------------


def test_stated_total_differs_from_computed(tmp_path: Path) -> None:
    data = minimal()
    data["schemes"][0]["stated_totals"] = {"2026/27": "12,354.67"}
    path, text = write(tmp_path, data)
    line = line_of(text, r"^\s+'?2026/27'?: ")
    assert errors(path) == [
        f"{path}:{line}: schemes[0].stated_totals.2026/27: stated total £12,354.67 for 2026/27"
        " differs from the sum of the contributions, £12,345.67 (the stated total is £9.00 more):"
        " correct whichever is wrong"
    ]


def test_agreement_stated_total_below_computed(tmp_path: Path) -> None:
    data = minimal(two_schemes=True)
    data["agreement"]["stated_totals"] = {"2026/27": 13000}
    path, text = write(tmp_path, data)
    line = line_of(text, r"^\s+'?2026/27'?: ")
    (found,) = errors(path)
    assert found.startswith(f"{path}:{line}: agreement.stated_totals.2026/27: ")
    assert "£13,000.00" in found
    assert "£13,345.67" in found
    assert found.endswith("(the stated total is £345.67 less): correct whichever is wrong")


def test_stated_totals_that_match_are_accepted(tmp_path: Path) -> None:
    data = minimal(two_schemes=True)
    data["schemes"][0]["stated_totals"] = {"2026/27": "£12,345.67"}
    data["agreement"]["stated_totals"] = {"2026-27": 13345.67}
    path, _ = write(tmp_path, data)
    scheme = load_scheme(path)
    assert scheme.agreement.stated_totals == {"2026/27": Decimal("13345.67")}


# --- risk share -------------------------------------------------------------------------------


def test_fixed_split_must_add_up_to_100(tmp_path: Path) -> None:
    data = minimal()
    data["schemes"][0]["risk_share"] = {"rule": "fixed", "split": {"council": 60, "icb": 30}}
    path, text = write(tmp_path, data)
    line = line_of(text, r"^\s+split:")
    assert errors(path) == [
        f"{path}:{line}: schemes[0].risk_share.split: a fixed split must add up to 100, not 90"
    ]


def test_fixed_split_with_decimals_adding_to_100_is_accepted(tmp_path: Path) -> None:
    data = minimal()
    data["schemes"][0]["risk_share"] = {"rule": "fixed", "split": {"council": 33.33, "icb": 66.67}}
    path, text = write(tmp_path, data)
    assert "council: 33.33" in text
    scheme = load_scheme(path)
    assert scheme.schemes[0].risk_share.split == {
        "council": Decimal("33.33"),
        "icb": Decimal("66.67"),
    }


# --- YAML-level problems ----------------------------------------------------------------------


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    text = dump(minimal()).replace("  area: Testshire\n", "  area: Testshire\n  area: Otherville\n")
    path, _ = write(tmp_path, text)
    line = line_of(text, r"^  area: Otherville$")
    assert errors(path) == [f"{path}:{line}: agreement.area: duplicate key"]


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    text = dump(minimal()).replace("  area: Testshire\n", "  area: Testshire\n   bad: indent\n")
    path, _ = write(tmp_path, text)
    line = line_of(text, r"bad: indent")
    with pytest.raises(S75Error) as info:
        load_scheme(path)
    assert info.value.category is Category.INPUT
    assert info.value.exit_status == 1
    # libyaml says "...not allowed in this context", pure-Python PyYAML "...not allowed here"
    assert str(info.value).startswith(
        f"{path}:{line}: YAML syntax error: a colon and a space inside a value, or a line"
        " indented more than the one above it: put a value containing"
    )
    assert "(YAML: mapping values are not allowed" in str(info.value)  # its own words kept


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(UsageError) as info:
        load_scheme(path)
    assert info.value.exit_status == 2
    assert str(info.value) == f"{path}: no such file"


def test_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    path, _ = write(tmp_path, "- just\n- a list\n")
    with pytest.raises(S75Error) as info:
        load_scheme(path)
    assert str(info.value).startswith(f"{path}:1: a scheme file must be a YAML mapping")


# --- regressions: bugs found and fixed ---


def test_recursive_alias_is_an_input_error(tmp_path: Path) -> None:
    path, _ = write(tmp_path, dump(minimal()) + "loop: &loop\n  - *loop\n")
    with pytest.raises(S75Error):
        load_scheme(path)


def test_stated_totals_for_the_same_year_written_two_ways(tmp_path: Path) -> None:
    data = minimal()
    data["schemes"][0]["stated_totals"] = {"2026/27": "1.00", "2026-27": "12,345.67"}
    path, _ = write(tmp_path, data)
    with pytest.raises(ErrorList):
        load_scheme(path)


def test_stated_total_line_for_a_year_written_with_a_dash(tmp_path: Path) -> None:
    data = minimal()
    data["schemes"][0]["stated_totals"] = {"2026/27": "12,345.67", "2027-28": "1.00"}
    path, text = write(tmp_path, data)
    line = line_of(text, r"2027-28")
    (found,) = errors(path)
    # the field path names the key as written in the file
    assert found.startswith(f"{path}:{line}: schemes[0].stated_totals.2027-28: ")


@pytest.mark.parametrize(
    ("literal", "meant"), [("0750", Decimal(750)), ("1:30", None), ("0x2EE", None)]
)
def test_yaml11_integer_forms_are_not_reinterpreted(
    tmp_path: Path, literal: str, meant: Decimal | None
) -> None:
    path, _ = write(tmp_path, with_amounts("10000", literal))
    try:
        scheme = load_scheme(path)
    except S75Error:
        return  # rejecting the value is fine
    amount = scheme.schemes[0].contributions[1].amount
    assert meant is not None and amount == meant, f"{literal!r} loaded as £{amount}"


# --- the shipped files ------------------------------------------------------------------------


def test_fairhaven_example_loads() -> None:
    scheme = load_scheme(FAIRHAVEN)
    assert scheme.years == ["2026/27", "2027/28"]
    assert len(scheme.schemes) >= 3
    assert scheme.total("2026/27") == Decimal("80099061.37")
    assert scheme.total("2027/28") == Decimal("82471927.22")
    bcf = next(s for s in scheme.schemes if s.bcf)
    for year, stated in bcf.stated_totals.items():
        assert bcf.total(year) == stated
    assert scheme.total("2026/27", "council") + scheme.total("2026/27", "icb") == scheme.total(
        "2026/27"
    )


def test_starter_loads() -> None:
    scheme = load_scheme(STARTER)
    assert scheme.years == ["2026/27"]
    assert len(scheme.partners) == 2
    assert len(scheme.schemes) == 1
    assert scheme.agreement.date is None
    assert scheme.total() == scheme.agreement.stated_totals["2026/27"]


# --- codes for machines ---------------------------------------------------------------------


def _with_schemez(data: dict[str, Any]) -> dict[str, Any]:
    data["schemez"] = data.pop("schemes")
    return data


def _with_stranger(data: dict[str, Any]) -> dict[str, Any]:
    data["schemes"][0]["host"] = "nhs-trust"
    return data


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (
            dump(minimal()).replace("  area: Testshire\n", "  area: Testshire\n   bad: x\n"),
            "yaml-syntax",
        ),
        (
            dump(minimal()).replace("  area: Testshire\n", "  area: T\n  area: U\n"),
            "yaml-duplicate-key",
        ),
        ("- just\n- a list\n", "schema-invalid"),
        (_with_schemez(minimal()), "schema-invalid"),
        (_with_stranger(minimal()), "data-inconsistent"),
    ],
)
def test_each_error_says_what_kind_of_problem_it_is(
    tmp_path: Path, content: dict[str, Any] | str, code: str
) -> None:
    path, _ = write(tmp_path, content)
    with pytest.raises(S75Error) as info:
        load_scheme(path)
    assert info.value.code == code
    errors = info.value.errors if isinstance(info.value, ErrorList) else [info.value]
    assert {e.code for e in errors} == {code}


def test_a_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        load_scheme(tmp_path / "nowhere.yaml")
    assert info.value.code == "file-not-found"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("agreement:\n\ttitle: x\n", "indent with spaces, not tabs"),
        ("agreement:\n  title: 'x\n", "a quote that is opened and never closed"),
        ("agreement:\n  title: x\n area: y\n", "does not line up with the lines above"),
    ],
)
def test_yaml_slips_are_named_in_plain_words(tmp_path: Path, text: str, plain: str) -> None:
    path = tmp_path / "scheme.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(S75Error) as info:
        load_scheme(path)
    assert plain in str(info.value) and "(YAML: " in str(info.value)
