"""One variation: the two versions, the changes between them, checked by carrying them out."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from s75docs.doctree.nodes import Document
from s75docs.model.scheme import SchemeFile
from s75docs.variation.apply import VariationError, agreement_text, apply_changes
from s75docs.variation.atoms import Vocabulary
from s75docs.variation.changes import ChangeSet
from s75docs.variation.diff import Differ
from s75docs.variation.parties import pair_partners


@dataclass
class Variation:
    old_data: SchemeFile
    new_data: SchemeFile
    old: Document
    new: Document
    changes: ChangeSet
    old_vocab: Vocabulary
    new_vocab: Vocabulary


def compute(old_data: SchemeFile, old: Document, new_data: SchemeFile, new: Document) -> Variation:
    old_vocab, new_vocab, substitutions = pair_partners(old_data, new_data)
    changes = Differ(old, new, old_vocab, new_vocab).run(substitutions)
    return Variation(old_data, new_data, old, new, changes, old_vocab, new_vocab)


def verify(variation: Variation) -> Document:
    """Carry the deed out on the old agreement; it must read exactly as the new one."""
    varied = apply_changes(
        variation.old, variation.changes, variation.old_vocab,
        variation.new_data.agreement.money_format,
    )
    got, want = agreement_text(varied), agreement_text(variation.new)
    if got != want:
        diff = [d for d in difflib.unified_diff(want, got, lineterm="", n=0) if d[:1] in "+-"]
        raise VariationError(
            "the deed does not turn the old agreement into the new one at: " + " / ".join(diff[2:6])
        )
    return varied
