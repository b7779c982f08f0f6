"""Defined terms: undefined (with near misses), unused, variants, alphabetical order."""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Sequence

from s75docs.check.context import Context, Place
from s75docs.doctree.nodes import Definition, Item, Schedule, inline_text, inlines_of
from s75docs.transforms.definitions import sort_key

_QUOTED = re.compile(
    r"\((?:the\s+|together\s+the\s+|each\s+a\s+)?[\"“‘']([A-Z][\w’' ()\-/&]{1,60}?)[\"”’']\)"
)
_PHRASE = re.compile(
    r"(?<![.:;!?]\s)(?<!^)\b((?:[A-Z][a-z]+)(?:\s+(?:and\s+|of\s+|the\s+)?[A-Z][a-z]+){1,3})\b"
)
_PROPER = re.compile(
    r"\b(Council|Councils|Group|Groups|Board|Act|Regulations|NHS|Trust|England|Government|"
    r"Department|Ombudsman|Commissioner|Court|Courts|Authority|Agency|Secretary|State|"
    r"Street|Road|House|Hall|Leicestershire|Rutland|Luton|Fairhaven|Parliament|Crown|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Day|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Schedule|Clause|Part|"
    r"Appendix|Annex|Care|Health|Service|Services|Fund|Plan)\b"
)


_OPENERS = {
    "The",
    "A",
    "An",
    "No",
    "Each",
    "Any",
    "All",
    "Either",
    "Neither",
    "This",
    "That",
    "These",
    "Those",
    "Such",
    "Both",
    "Where",
    "If",
    "In",
    "On",
    "For",
    "Subject",
    "Unless",
    "When",
    "Nothing",
    "Every",
    "Other",
    "Save",
    "Without",
    "Under",
    "Following",
}


def _pattern(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(term) + r"(?:s|es|ly|'s|’s)?(?![\w-])")


def check_terms(ctx: Context) -> None:
    definitions = ctx.read.definitions
    places = {id(p.node): p for p in ctx.places()}
    texts: list[tuple[Place, str]] = [
        (p, inline_text(inlines_of(p.node))) for p in ctx.places() if inlines_of(p.node)
    ]
    defined = {d.term: d for d, _ in definitions}
    for _p, text in texts:
        for m in _QUOTED.finditer(text):
            defined.setdefault(m.group(1).strip(), Definition(term=m.group(1).strip()))
    if not definitions:
        return
    _order(ctx, definitions, places)
    corpus = [(p, t) for p, t in texts]
    for term, entry in defined.items():
        used = any(_pattern(term).search(t) for p, t in corpus if p.node is not entry)
        if not used and (entry.location.file or id(entry) in places):
            variant = _used_as(term, entry, corpus)
            if variant is not None:
                phrase, where, count = variant
                ctx.add(
                    "term-variant",
                    f"'{phrase}' is used"
                    + (f" ({count} times)" if count > 1 else "")
                    + f" but the defined term is '{term}', which is never used",
                    where,
                    text=phrase,
                    suggestion=f"use the defined term '{term}' (or define it as it is used)",
                )
                continue
            ctx.add(
                "term-unused",
                f"'{term}' is defined but never used",
                places.get(id(entry)),
                text=term,
                suggestion="delete the definition, or use the term",
            )
    _variants(ctx, defined, corpus)


def _used_as(
    term: str, entry: Definition, corpus: list[tuple[Place, str]]
) -> tuple[str, Place, int] | None:
    """The form an unused term is used in instead, where it differs only by hyphens, the case
    of a later word or a number dropped: 'Non Recurrent Payments', 'Better Care Fund
    requirements', 'BCF 2017 Agreement' for 'BCF 2017-19 Agreement'."""
    words = re.split(r"[\s\-‑–]+", term)
    if len(words) < 2:
        return None
    pattern = re.escape(words[0])
    for word in words[1:]:
        piece = r"[\s\-‑–]+(?i:" + re.escape(word) + ")"
        pattern += f"(?:{piece})?" if word.isdigit() else piece
    loose = re.compile(r"(?<![\w-])" + pattern + r"(?:s|es)?(?![\w-])")
    found = [(m.group(0), p) for p, t in corpus if p.node is not entry for m in loose.finditer(t)]
    if not found:
        return None
    return found[0][0], found[0][1], len(found)


def _letters(term: str) -> tuple[str, ...]:
    """Letter-by-letter order (spaces and hyphens ignored): a list sorted either way (word by
    word is sort_key's) is in order."""
    return sort_key(re.sub(r"[\s\-‑–’']+", "", term))


def _order(
    ctx: Context, definitions: Sequence[tuple[Definition, object]], places: dict[int, Place]
) -> None:
    terms = [d.term for d, _ in definitions]
    for i, (before, after) in enumerate(itertools.pairwise(terms)):
        if sort_key(after) < sort_key(before) and _letters(after) < _letters(before):
            # where it belongs: before the first earlier term that sorts after it
            goes = next(t for t in terms[: i + 1] if sort_key(after) < sort_key(t))
            entry = next(d for d, _ in definitions if d.term == after)
            ctx.add(
                "term-order",
                f"'{after}' is defined after '{before}': the definitions are not in"
                " alphabetical order",
                places.get(id(entry)),
                text=after,
                suggestion=f"move '{after}' before '{goes}'",
            )


def _variants(
    ctx: Context, defined: dict[str, Definition], corpus: list[tuple[Place, str]]
) -> None:
    """Capitalised phrases close to a defined term but not it: 'Service Contract'."""
    counts: Counter[str] = Counter()
    first: dict[str, Place] = {}
    for place, text in corpus:
        if isinstance(place.node, Definition):
            continue
        for m in _PHRASE.finditer(text):
            phrase = m.group(1)
            if phrase.split()[0] in _OPENERS:
                continue  # "Each Partner", "The Partners": a sentence start, not a term
            if text[m.start() - 1 : m.start()] in ("-", "‑"):
                continue  # the tail of a hyphenated term ("Non-Pooled Funds")
            if re.search(
                r"[A-Z][\w’'-]*\s+(?:of\s+|and\s+|for\s+)?$", text[: m.start()]
            ) or re.match(r"\s+(?:of\s+)?[A-Z]", text[m.end() :]):
                continue  # part of a longer name ("Learning Disability Joint Commissioning")
            if phrase in defined or any(phrase in t for t in defined):
                continue
            counts[phrase] += 1
            first.setdefault(phrase, place)
    names = list(defined)
    titles = " | ".join(
        (n.title or "") for n in ctx.read.doc.walk() if isinstance(n, Item | Schedule)
    )
    for phrase, count in counts.items():
        if phrase.lower() in titles.lower():
            continue  # the name of a scheme or a schedule, not a defined term
        if any(
            form in defined
            for form in (phrase.removesuffix("s"), phrase.removesuffix("es"), phrase + "s")
        ):
            continue
        close = difflib.get_close_matches(phrase, names, n=1, cutoff=0.85)
        if close and _word_variant(phrase, close[0]):
            ctx.add(
                "term-variant",
                f"'{phrase}' is not defined but '{close[0]}' is"
                + (f" ({count} uses)" if count > 1 else ""),
                first[phrase],
                text=phrase,
                suggestion=f"use the defined term '{close[0]}'",
            )
        elif count >= 3 and not _PROPER.search(phrase) and " of " not in phrase:
            near = close or difflib.get_close_matches(phrase, names, n=1, cutoff=0.72)
            initials = [] if near else _initials(phrase, names)
            if near or initials:
                hint = (
                    f"define it, or use '{near[0]}' if that is meant"
                    if near
                    else f"define it; '{initials[0]}' is defined with the same initials, in"
                    " case it was renamed"
                )
                ctx.add(
                    "term-undefined",
                    f"'{phrase}' is used as a defined term ({count} uses) but is not defined",
                    first[phrase],
                    text=phrase,
                    suggestion=hint,
                )


def _initials(phrase: str, names: list[str]) -> list[str]:
    """A defined term whose words start with the same letters: "Scheme Specification" and
    "Summary Service Description" (a term renamed in one place and not the other)."""
    mine = "".join(w[0] for w in phrase.split())
    for name in names:
        theirs = "".join(w[0] for w in name.split() if w[0].isupper())
        if len(mine) >= 2 and mine != theirs and mine in theirs:
            return [name]
    return []


def _word_variant(a: str, b: str) -> bool:
    """Same words but for a plural, a possessive or one letter: not a different concept."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    diffs = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return len(diffs) == 1 and (
        diffs[0][0].rstrip("s") == diffs[0][1].rstrip("s")
        or difflib.SequenceMatcher(None, *diffs[0]).ratio() > 0.8
    )
