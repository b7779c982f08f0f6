"""Defined terms: undefined (with near misses), unused, variants, alphabetical order."""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Sequence

from s75docs.check.context import Context, Place
from s75docs.check.near_names import NearNames
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
    used = _used(defined, corpus)
    looked = 0  # unused terms searched for a variant form (one pass each: bounded)
    for term, entry in defined.items():
        if term not in used and (entry.location.file or id(entry) in places):
            variant = _used_as(term, entry, corpus) if looked < VARIANTS_LOOKED_FOR else None
            looked += 1
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
    _joined_differently(ctx, defined, corpus, used)


_SEPARATOR = re.compile(r"[\s\-‑]+")


def _joined_differently(
    ctx: Context, defined: dict[str, Definition], corpus: list[tuple[Place, str]], used: set[str]
) -> None:
    """A used term also written with a hyphen for a space, or a space for a hyphen ("Non-Pooled
    Fund" beside "Non Pooled Fund"): one scan of the text for every such term at once."""
    joined = [t for t in defined if t in used and len(_SEPARATOR.split(t)) > 1]
    if not joined or len(joined) > TERMS_JOINED_LOOKED_FOR:
        return
    forms = {_SEPARATOR.sub(" ", t): t for t in joined}
    alternatives = sorted(
        (r"[\s\-‑]+".join(re.escape(w) for w in _SEPARATOR.split(t)) for t in joined),
        key=len,
        reverse=True,
    )
    scan = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    found: dict[str, tuple[str, Place, int]] = {}
    for place, text in corpus:
        if isinstance(place.node, Definition):
            continue
        for m in scan.finditer(text):
            # "Non- Pooled Fund": a hyphen at a line's end in extracted text is still one
            written = re.sub(r"([\-‑])\s+", r"\1", " ".join(m.group(0).split()))
            term = forms.get(_SEPARATOR.sub(" ", written))
            if term is None or written == term or written in defined:
                continue
            _, first, count = found.get(written, (term, place, 0))
            found[written] = (term, first, count + 1)
    for written, (term, place, count) in found.items():
        ctx.add(
            "term-variant",
            f"'{written}' is not defined but '{term}' is"
            + (f" ({count} uses)" if count > 1 else ""),
            place,
            text=written,
            suggestion=f"use the defined term '{term}'",
        )


TERMS_JOINED_LOOKED_FOR = 500  # beyond this many, one scan would be too slow to be worth it
VARIANTS_LOOKED_FOR = 100  # beyond this many unused terms, each is simply reported unused


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


_WORD = re.compile(r"(?<![\w-])\w+")


def _used(defined: dict[str, Definition], corpus: list[tuple[Place, str]]) -> set[str]:
    """The terms used somewhere other than in their own definition, in one pass over the
    words of the text: each word is looked up among the terms beginning with it (a plural
    or "-ly" form of a one-word term too), and only those are tried there. One search per
    term over every paragraph made 3,000 terms cost minutes."""
    by_first: dict[str, list[str]] = {}
    rest: list[str] = []  # terms that do not begin with a word character
    for term in defined:
        first = re.match(r"\w+", term)
        if first is None:
            rest.append(term)
        else:
            by_first.setdefault(first.group(0), []).append(term)
    used: set[str] = set()
    for place, text in corpus:
        for word in _WORD.finditer(text):
            w = word.group(0)
            candidates = by_first.get(w, [])
            for suffix in ("s", "es", "ly"):
                if w.endswith(suffix):
                    candidates = candidates + by_first.get(w[: -len(suffix)], [])
            for term in candidates:
                if term in used or defined[term] is place.node:
                    continue
                if _uses_at(text, word.start(), term):
                    used.add(term)
    for term in rest:
        if any(_pattern(term).search(t) for p, t in corpus if p.node is not defined[term]):
            used.add(term)
    return used


def _uses_at(text: str, start: int, term: str) -> bool:
    """Whether _pattern(term) matches at `start`, where a word begins."""
    if not text.startswith(term, start):
        return False
    end = start + len(term)
    return any(
        text.startswith(suffix, end) and not _word_char(text, end + len(suffix))
        for suffix in _SUFFIXES
    )


_SUFFIXES = ("s", "es", "ly", "'s", "’s", "")


def _word_char(text: str, index: int) -> bool:
    """Whether text[index] exists and is what [\\w-] matches."""
    return index < len(text) and (text[index].isalnum() or text[index] in "_-")


def _order(
    ctx: Context, definitions: Sequence[tuple[Definition, object]], places: dict[int, Place]
) -> None:
    terms = [d.term for d, _ in definitions]
    first: dict[str, Definition] = {}
    for d, _ in definitions:
        first.setdefault(d.term, d)
    keys = [sort_key(t) for t in terms]
    for i, (before, after) in enumerate(itertools.pairwise(terms)):
        if keys[i + 1] < keys[i] and _letters(after) < _letters(before):
            # where it belongs: before the first earlier term that sorts after it
            goes = next(terms[j] for j in range(i + 1) if keys[i + 1] < keys[j])
            entry = first[after]
            ctx.add(
                "term-order",
                f"'{after}' is defined after '{before}': the definitions are not in"
                " alphabetical order",
                places.get(id(entry)),
                text=after,
                suggestion=f"move '{after}' before '{goes}'",
            )


# a capitalised word (and "of", "and", "for") just before a phrase: looked for in the last
# characters before it only, so that a paragraph of many phrases is not searched from its start
# for each
_NAME_BEFORE = re.compile(r"[A-Z][\w’'-]*\s+(?:of\s+|and\s+|for\s+)?$")
_NAME_AFTER = re.compile(r"\s+(?:of\s+)?[A-Z]")
_LOOK_BACK = 200


def _variants(
    ctx: Context, defined: dict[str, Definition], corpus: list[tuple[Place, str]]
) -> None:
    """Capitalised phrases close to a defined term but not it: 'Service Contract'."""
    counts: Counter[str] = Counter()
    first: dict[str, Place] = {}
    all_terms = "\0".join(defined)  # one substring search, not one per term
    for place, text in corpus:
        if isinstance(place.node, Definition):
            continue
        for m in _PHRASE.finditer(text):
            phrase = m.group(1)
            if phrase.split()[0] in _OPENERS:
                continue  # "Each Partner", "The Partners": a sentence start, not a term
            if text[m.start() - 1 : m.start()] in ("-", "‑"):
                continue  # the tail of a hyphenated term ("Non-Pooled Funds")
            if _NAME_BEFORE.search(text, max(0, m.start() - _LOOK_BACK), m.start()) or (
                _NAME_AFTER.match(text, m.end())
            ):
                continue  # part of a longer name ("Learning Disability Joint Commissioning")
            if phrase in defined or phrase in all_terms:
                continue
            counts[phrase] += 1
            first.setdefault(phrase, place)
    names = NearNames(list(defined), len(counts))
    titles = " | ".join(
        (n.title or "") for n in ctx.read.doc.walk() if isinstance(n, Item | Schedule)
    )
    titles = titles.lower()
    for phrase, count in counts.items():
        if phrase.lower() in titles:
            continue  # the name of a scheme or a schedule, not a defined term
        if any(
            form in defined
            for form in (phrase.removesuffix("s"), phrase.removesuffix("es"), phrase + "s")
        ):
            continue
        close = names.close(phrase, 0.85)
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
            near = close or names.close(phrase, 0.72)
            initials = [] if near else names.same_initials(phrase)
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
