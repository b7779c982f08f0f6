"""Three versions of the Fairhaven agreement for the no-renumbering tests: v1 (as made), v2
(the example's 2027 variation: Schedule 6A, Clause 33.6A) and v3, written into a folder:
v3 inserts after the lettered Clause 33.6A and after Clause 33.1, and deletes Clause 33.5."""

from __future__ import annotations

import shutil
from pathlib import Path

from s75docs.library.loader import load_library
from s75docs.pipeline import load_variation
from s75docs.variation.vary import Variation

FAIRHAVEN = Path(__file__).resolve().parents[2] / "examples" / "fairhaven"

RECORD_V3 = """\
  - date: 2028-03-22
    effective: 2028-04-01
    reason: >-
      to publish the register of variations, to allow counterparts and to drop the
      rule that an operational change may instead be made by deed
    approvals:
      - body: Cabinet of Fairhaven Borough Council
        date: 2028-02-09
      - body: Board of NHS Fairhaven and Wyvern Integrated Care Board
        date: 2028-02-11
    edits: variation-2028.yaml
    varies: scheme-v2.yaml
"""

EDITS_V3 = """\
edits:
  - insert_after: variation-register
    label: variation-register-published
    text: >-
      The *Joint Commissioning Group* will publish the register kept under
      [[variation-register]] on each *Partner*'s website.
  - insert_after: variation-writing
    label: variation-writing-counterparts
    text: >-
      A *Structural Variation* may be executed in counterparts.
  - delete: variation-either-tier
"""


def write_chain(folder: Path) -> tuple[Path, Path, Path]:
    """scheme.yaml, scheme-v2.yaml and scheme-v3.yaml (with their edits files) in `folder`."""
    for name in ("scheme.yaml", "scheme-v2.yaml", "variation-2027.yaml"):
        shutil.copy(FAIRHAVEN / name, folder / name)
    v2 = folder / "scheme-v2.yaml"
    v3 = folder / "scheme-v3.yaml"
    v3.write_text(v2.read_text(encoding="utf-8").rstrip("\n") + "\n" + RECORD_V3, "utf-8")
    (folder / "variation-2028.yaml").write_text(EDITS_V3, encoding="utf-8")
    return folder / "scheme.yaml", v2, v3


def chain_variations(folder: Path) -> tuple[Variation, Variation]:
    """v1 -> v2 and v2 -> v3, as `s75docs vary` computes them (each old agreement numbered
    as its variations left it)."""
    v1, v2, v3 = write_chain(folder)
    library = load_library([])
    return load_variation(v1, v2, library), load_variation(v2, v3, library)
