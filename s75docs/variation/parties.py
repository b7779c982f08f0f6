"""Which party of the new version is which party of the old one (a CCG replaced by an ICB
keeps its place), and the substitutions a deed makes when a party is replaced."""

from __future__ import annotations

from s75docs.model.scheme import SchemeFile
from s75docs.variation.atoms import Vocabulary
from s75docs.variation.changes import SubstitutePartner
from s75docs.variation.checks import new_successors


def pair_partners(
    old: SchemeFile, new: SchemeFile
) -> tuple[Vocabulary, Vocabulary, list[SubstitutePartner]]:
    """A successor pairs with the partner it succeeds; other partners pair by key; one
    unpaired partner on each side of the same sort (council or NHS body) is taken as a
    replacement of one by the other."""
    pairs = new_successors(old, new)
    paired_old = {id(o) for o, _ in pairs}
    paired_new = {id(p) for _, p in pairs}
    new_by_key = {p.key: p for p in new.partners if id(p) not in paired_new}
    olds = [p for p in old.partners if id(p) not in paired_old]
    left = [p for p in olds if p.key not in new_by_key]
    right = [p for p in new_by_key.values() if p.key not in {q.key for q in olds}]
    for p in olds:
        if p.key in new_by_key:
            pairs.append((p, new_by_key[p.key]))
    for council in (True, False):
        lo = [p for p in left if p.kind.is_council == council]
        ro = [p for p in right if p.kind.is_council == council]
        if len(lo) == 1 and len(ro) == 1:
            pairs.append((lo[0], ro[0]))
    old_vocab, new_vocab = Vocabulary(), Vocabulary()
    substitutions: list[SubstitutePartner] = []
    for n, (o, p) in enumerate(pairs):
        identity = f"party-{n}"
        old_vocab.names[o.legal_name] = new_vocab.names[p.legal_name] = identity
        old_vocab.shorts[o.short_name] = new_vocab.shorts[p.short_name] = identity
        if (o.legal_name, o.short_name) != (p.legal_name, p.short_name):
            substitutions.append(
                SubstitutePartner(
                    o.legal_name, p.legal_name, o.short_name, p.short_name, id(p) in paired_new
                )
            )
    return old_vocab, new_vocab, substitutions
