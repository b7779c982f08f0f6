"""One list of directives: what each takes and where it may stand, for builders and lint."""

from __future__ import annotations

import pytest

from s75docs.assemble.directives import Directives, none_allowed
from s75docs.errors import InputError, Location
from s75docs.library.directives import AGREEMENT, DIRECTIVES, REPORT, unknown


def test_what_a_directive_call_may_be() -> None:
    assert unknown("contributions-table", {"scheme": "bcf"}, AGREEMENT) is None
    typo = unknown("contributions-tabel", {}, AGREEMENT)
    assert typo == (
        "unknown directive ':: contributions-tabel' (did you mean 'contributions-table'?)"
    )
    assert unknown("changes", {}, AGREEMENT) == (
        "':: changes' belongs in report text, not in agreement text"
    )
    assert unknown("changes", {"colour": "red"}, REPORT) == (
        "':: changes' takes no parameter 'colour' (it takes: bullets, end, last)"
    )


def test_a_builder_must_handle_exactly_its_directives() -> None:
    agreement = [n for n, s in DIRECTIVES.items() if AGREEMENT in s.documents]
    with pytest.raises(AssertionError):
        Directives(AGREEMENT, {name: lambda call: [] for name in agreement[1:]})
    table = Directives(AGREEMENT, {name: lambda call: [] for name in agreement})
    assert table("definitions", {}, Location("f.md", 2)) == []
    with pytest.raises(InputError, match=r"f\.md:2: unknown directive ':: nothing'"):
        table("nothing", {}, Location("f.md", 2))
    with pytest.raises(InputError, match="cannot be used in an edit"):
        none_allowed("definitions", {}, Location("e.yaml", 3))
