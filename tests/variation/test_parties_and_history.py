"""A party replaced by statutory transfer, and a second variation that lists the first."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from s75docs.doctree.nodes import Definition, Item, Recital, inline_text, inlines_of
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree, load_and_build, variation_edits
from s75docs.transforms import run_all
from s75docs.variation.changes import SubstitutePartner
from s75docs.variation.cite import CitationIndex
from s75docs.variation.deed import build_deed
from s75docs.variation.vary import compute, verify
from tests.test_property_build import library
from tests.variation.fairhaven_files import raw as _raw
from tests.variation.fairhaven_files import write

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fairhaven"
SUCCESSOR = "NHS Wyvern Coast Integrated Care Board"


def _text(doc: Any) -> str:
    return "\n".join(
        inline_text(n.inlines) for n in doc.walk() if isinstance(n, Item | Recital | Definition)
    )


def test_an_icb_replaced_by_its_successor_is_one_substitution() -> None:
    old_raw = _raw("scheme.yaml")
    new_raw = copy.deepcopy(old_raw)
    icb = next(p for p in new_raw["partners"] if p["key"] == "icb")
    icb["legal_name"] = SUCCESSOR
    icb["address"] = {"lines": ["Coast House", "2 Quay Street", "Wyvern"], "postcode": "WY1 2QS"}
    new_raw["variations"] = [
        {
            "date": dt.date(2026, 9, 1),
            "effective": dt.date(2026, 10, 1),
            "reason": "to record the transfer of the ICB's rights and duties to its successor",
        }
    ]
    old_data, new_data = SchemeFile.model_validate(old_raw), SchemeFile.model_validate(new_raw)
    old, new = build_tree(old_data, library()), build_tree(new_data, library())
    variation = compute(old_data, old, new_data, new)
    verify(variation)
    first, *rest = variation.changes.changes
    assert isinstance(first, SubstitutePartner)
    assert (first.old_name, first.new_name) == (
        "NHS Fairhaven and Wyvern Integrated Care Board",
        SUCCESSOR,
    )
    # the address changes where it is printed (the parties, the definition and the notices
    # clause); every other mention of the ICB is covered by the substitution
    index = CitationIndex(old)
    cited = {c.target.text: index.find(c.target) for c in rest if hasattr(c, "target")}
    assert len(cited) == 3
    assert {"paragraph (2) of the Parties", "the definition of “ICB” in Clause 1.1"} < set(cited)
    for node in cited.values():
        assert node is not None and "14 Harbour Road" in inline_text(inlines_of(node))
    deed = build_deed(variation)
    run_all(deed)
    assert (
        f"{SUCCESSOR} replaces NHS Fairhaven and Wyvern Integrated Care Board as a party to"
        " the Agreement." in _text(deed)
    )


def test_a_second_variation_lists_the_first(tmp_path: Path) -> None:
    v2 = _raw("scheme-v2.yaml")
    v3 = copy.deepcopy(v2)
    v3["agreement"]["termination_notice_months"] = 9
    v3["variations"].append(
        {
            "effective": dt.date(2028, 4, 1),
            "reason": "to lengthen the notice needed to end the agreement",
        }
    )
    # the first variation's edits file is found beside the scheme file, as in real use
    (tmp_path / "variation-2027.yaml").write_bytes((EXAMPLE / "variation-2027.yaml").read_bytes())
    path = tmp_path / "scheme-v3.yaml"
    write(path, v3)
    before = load_and_build(EXAMPLE / "scheme-v2.yaml")
    after = load_and_build(path)
    assert variation_edits(path, after.data)  # the 2027 edits still apply to the v3 text
    variation = compute(before.data, before.doc, after.data, after.doc)
    verify(variation)
    deed = build_deed(variation)
    run_all(deed)
    text = _text(deed)
    assert "The Agreement has been varied before, by a deed dated 24 March 2027." in text
    assert "as varied by a deed dated 24 March 2027;" in text
    assert "the word “six” is replaced with “nine”" in text
