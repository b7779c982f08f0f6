"""One variation: the two versions, the changes between them (the deed's, and the data's for
its report), worked out once and checked by carrying them out."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from s75docs.doctree.nodes import Document, Item, inline_text
from s75docs.model.edits import Edit
from s75docs.model.scheme import SchemeFile
from s75docs.transforms.money import keep_pence
from s75docs.variation.apply import VariationError, agreement_text, apply_changes, reresolve
from s75docs.variation.atoms import Vocabulary
from s75docs.variation.changes import ChangeSet
from s75docs.variation.diff import Differ
from s75docs.variation.facts import DataChanges, data_changes
from s75docs.variation.letters import Pinning, pin
from s75docs.variation.parties import pair_partners

OPENING_WORDS = 12  # how much of an edited provision a report quotes
LETTERS = "letters"  # the default: no number moves (new provisions lettered)
RESTATE = "restate"  # a deed of variation and restatement: the agreement restated, renumbered
STYLES = (LETTERS, RESTATE)


@dataclass(frozen=True)
class WordingEdit:
    """A clause-level edit the partners agreed (beyond the data), as a report describes it."""

    action: str  # replace | insert_after | append_to | delete
    label: str  # the provision: in the agreement as varied, or as it stands if deleted
    opening: str  # its first words


@dataclass
class Variation:
    old_data: SchemeFile
    new_data: SchemeFile
    old: Document
    new: Document
    changes: ChangeSet
    old_vocab: Vocabulary
    new_vocab: Vocabulary
    facts: DataChanges | None = None  # None until the new data records this variation
    wording: list[WordingEdit] = field(default_factory=list)
    style: str = LETTERS
    pinning: Pinning | None = None  # default style: which old provision each new one is


def pin_numbers(
    old_data: SchemeFile, old: Document, new_data: SchemeFile, new: Document
) -> Pinning:
    """Give `new` (built afresh from the new data) the numbers it has after a deed in the
    default style: every number of `old` kept, new provisions lettered, deleted ones left
    as "[Not used]". `new` is renumbered and its references brought up to date."""
    old_vocab, new_vocab, _ = pair_partners(old_data, new_data)
    pinning = pin(old, new, Differ(old, new, old_vocab, new_vocab).align)
    errors = reresolve(new, new_data.agreement.money_format)
    if errors:
        raise VariationError(f"the agreement as varied does not resolve: {errors[0]}")
    return pinning


def compute(
    old_data: SchemeFile,
    old: Document,
    new_data: SchemeFile,
    new: Document,
    edits: list[Edit] | None = None,
    style: str = LETTERS,
) -> Variation:
    """The deed's changes and, when the new data records the variation, the data's. In the
    default style `new` first takes the numbers of `old` (see `pin_numbers`)."""
    # pence once shown stay shown, as the deed carried out on `old` keeps them (apply.py)
    keep_pence(new, old, new_data.agreement.money_format)
    old_vocab, new_vocab, substitutions = pair_partners(old_data, new_data)
    pinning = pin_numbers(old_data, old, new_data, new) if style == LETTERS else None
    changes = Differ(old, new, old_vocab, new_vocab, pinning).run(substitutions)
    facts = None
    if len(new_data.variations) > len(old_data.variations):
        facts = data_changes(old_data, old, new_data, new)
    wording = [w for w in (_wording(e, old, new) for e in edits or []) if w is not None]
    return Variation(
        old_data, new_data, old, new, changes, old_vocab, new_vocab, facts, wording, style, pinning
    )


def _wording(edit: Edit, old: Document, new: Document) -> WordingEdit | None:
    label = edit.label if edit.action in ("insert_after", "append_to") else edit.target
    doc = old if edit.action == "delete" else new
    node = next((n for n in doc.walk() if isinstance(n, Item) and n.label == label), None)
    if node is None or label is None:
        return None
    opening = " ".join(inline_text(node.inlines).split()[:OPENING_WORDS])
    return WordingEdit(edit.action, label, opening)


def verify(variation: Variation) -> Document:
    """Carry the deed out on the old agreement; it must read exactly as the new one."""
    varied = apply_changes(
        variation.old,
        variation.changes,
        variation.old_vocab,
        variation.new_data.agreement.money_format,
    )
    got, want = agreement_text(varied), agreement_text(variation.new)
    if got != want:
        diff = [d for d in difflib.unified_diff(want, got, lineterm="", n=0) if d[:1] in "+-"]
        raise VariationError(
            "the deed does not turn the old agreement into the new one at: " + " / ".join(diff[2:6])
        )
    return varied
