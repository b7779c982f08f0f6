"""The Luton 2013 and Leicestershire 2019 reconstructions cite the law of their own day:
with their period wording (examples/NAME/library) they build and check clean, and without
it the builder refuses, naming what did not yet exist."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from s75docs.doctree.nodes import inline_text, inlines_of
from s75docs.errors import ErrorList
from s75docs.library.loader import load_library
from s75docs.model.currency import stale_citations
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree, council_library, made_on
from tests.helpers import ROOT

LUTON = ROOT / "examples" / "luton-2013" / "scheme.yaml"
LEICESTERSHIRE = ROOT / "examples" / "leicestershire-bcf-2019" / "scheme.yaml"


def _text(scheme: Path) -> str:
    data = load_scheme(scheme)
    doc = build_tree(data, council_library([scheme.parent / "library"], made_on(data)))
    return "\n".join(inline_text(inlines_of(n)) for n in doc.walk())


@pytest.mark.parametrize(
    ("scheme", "refused"),
    [
        (
            LUTON,
            {
                "UK GDPR",
                "Data Protection Act 2018",
                "Care Act 2014",
                "Procurement Act 2023",
                "Provider Selection Regime",
                "Modern Slavery Act 2015",
                "Local Audit and Accountability Act 2014",
                "Local Government and Social Care Ombudsman",
                "NHS Resolution",
                "assimilated law",
            },
        ),
        (LEICESTERSHIRE, {"UK GDPR", "Procurement Act 2023", "assimilated law"}),
    ],
    ids=["luton-2013", "leicestershire-bcf-2019"],
)
def test_without_its_period_wording_the_build_is_refused(scheme: Path, refused: set[str]) -> None:
    with pytest.raises(ErrorList) as info:
        build_tree(load_scheme(scheme), load_library([]))
    named = {str(e).split("'")[1] for e in info.value.errors}
    assert refused <= named


@pytest.mark.parametrize("scheme", [LUTON, LEICESTERSHIRE], ids=lambda p: p.parent.name)
def test_with_it_nothing_is_anachronistic_or_stale(scheme: Path) -> None:
    text = _text(scheme)
    made = made_on(load_scheme(scheme))
    assert [c.text for c in stale_citations(text, made)] == []


def test_luton_cites_2013_law() -> None:
    text = _text(LUTON)
    for period in (
        "Data Protection Act 1998",
        "Public Contracts Regulations 2006",
        "National Health Service (Procurement, Patient Choice and Competition) (No. 2)"
        " Regulations 2013",
        "Audit Commission Act 1998",
        "Local Government Ombudsman",
        "NHS Litigation Authority",
        "National Health Service and Community Care Act 1990",
    ):
        assert period in text, period
    assert "Section 75 Agreement for Services" in text
    # the title no longer claims section 76 as a power of the agreement ("Section 75 and 76
    # Agreement"); the text cites section 76 only as the Council's power to pay for an aligned
    # budget, beside the CCG's section 256
    assert "75 and 76" not in text
    lines = [line for line in text.splitlines() if "section 76" in line.lower()]
    assert lines and all("section 256" in line for line in lines), lines


def test_leicestershire_cites_2019_law() -> None:
    text = _text(LEICESTERSHIRE)
    assert "General Data Protection Regulation" in text and "Data Protection Act 2018" in text
    assert "Public Contracts Regulations 2015" in text
    assert "UK GDPR" not in text


def test_the_period_libraries_are_the_tools_output() -> None:
    """examples/*/library is written by tools/period_libraries.py from the default library:
    a change to a default file that the period wording copies must be carried into it."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "period_libraries.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
