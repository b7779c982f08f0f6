"""References that resolve, but to the wrong clause: the words around a reference against
the clause it names and every other, and a drift model (after a dropped clause the typed
references shift by one, after two by two), to report `xref-suspect` with the clause meant."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from s75docs.check.context import Context, Place
from s75docs.check.numbers import int_or
from s75docs.check.similarity import Scorer, stems
from s75docs.doctree.nodes import Block, Body, Cited, Item, inline_text, inlines_of

SHIFTS = (-3, -2, -1, 0, 1, 2, 3)
_DOTTED = re.compile(r"\d{1,3}(?:\.\d{1,3})*")
_PAREN = re.compile(r"\s*\(([A-Za-z][^()]{2,60})\)")
# "the dispute resolution procedure in": words naming the provision by what it is about
_NAMING = re.compile(
    r"(?:^|\bthe\s+|\bits\s+)(?P<h>(?:[A-Za-z&-]+\s+){1,5}?)(?:procedures?|provisions?|process"
    r"|arrangements|requirements|rules)\s+(?:(?:set\s+out|contained|described)\s+)?"
    r"(?:in|under|of|at)\s*$"
)
# "Clause 14 O of the National Health Service Act" (14O split by a PDF): a statute's section
_STATUTE = re.compile(r"\s?[A-Z]{1,2}\s+of\s+the\s")
_BOUNDARY = re.compile(r"(?<=[.;:])\s+(?=\S)|\n")
CHANGE = 1.6  # what a change of shift between clauses costs the drift model, in references
PRIOR = 0.05  # what a shift costs each reference (ties go to "no shift")
PREFER = 1.5  # how much better the clause meant must fit than the clause named
LEAST = 2.5  # the least score (BM25) that counts as a fit
HEADING_WEIGHT = 3  # a heading's words count this many times in its provision
HEADING_BONUS = 0.5  # and a query word in it adds this much of its weight again
RUN = 4  # the fewest references clearly off the same way that make a drift run


@dataclass
class Ref:
    place: Place
    cite: Cited
    words: str  # the words around it, as printed
    query: list[str]
    top: int  # the clause it names
    rest: str  # the rest of the number it names: ".3", "" for a whole clause
    holders: set[str] = field(default_factory=set)  # the provisions holding the reference
    near: str = ""  # the few words just before it and a heading in brackets just after it
    scores: dict[int, float] = field(default_factory=dict)  # shift -> fit of that clause

    @property
    def key(self) -> str:
        return f"{self.top}{self.rest}"

    def shifted(self, d: int) -> str:
        return f"{self.top + d}{self.rest}"


@dataclass
class Provisions:
    """The body's numbered provisions as bags of words, one scorer per depth."""

    items: dict[str, Item]
    headings: dict[str, str]  # clause number -> its heading
    scorers: dict[int, Scorer]
    heads: dict[str, Counter[str]]  # the words of each provision's heading (weighted)

    def depth(self, key: str) -> int:
        return key.count(".") + 1

    def score(self, ref: Ref, key: str) -> float:
        scorer = self.scorers.get(self.depth(key))
        if scorer is None or key not in self.items:
            return 0.0
        # a provision holding the reference shares its words: only its heading counts
        bag = self.heads[key] if key in ref.holders else None
        named = set(ref.query) & set(self.heads[key])  # its heading's words count again
        return scorer.score(ref.query, key, bag) + HEADING_BONUS * sum(
            scorer.idf.get(s, 0.0) for s in named
        )

    def name(self, key: str) -> str:
        heading = self.headings.get(key.split(".")[0], "").strip()
        return f"Clause {key} ({heading.capitalize()})" if heading else f"Clause {key}"


def _dotted(number: str) -> str:
    m = _DOTTED.match(number.replace(" ", ""))
    return m.group(0) if m else ""


def _text(node: object) -> str:
    """A node's words without the references in them."""
    inlines = inlines_of(node)  # type: ignore[arg-type]
    return " ".join(" " if isinstance(i, Cited) else inline_text([i]) for i in inlines)


def provisions(body: Body) -> Provisions:
    items: dict[str, Item] = {}
    for node in body.walk():
        if isinstance(node, Item) and node.number[:1].isdigit():
            key = _dotted(node.full_number or node.number)
            if key and key == (node.full_number or node.number):
                items.setdefault(key, node)
    headings = {k: (i.title or "") for k, i in items.items() if "." not in k}
    bags: dict[int, dict[str, Counter[str]]] = {}
    heads: dict[str, Counter[str]] = {}
    words: dict[int, Counter[str]] = {}

    def own(node: Block) -> Counter[str]:
        """A node's own words (its text, and a sub-heading), read once."""
        if id(node) not in words:
            title = node.title if isinstance(node, Item) and node.title else ""
            words[id(node)] = Counter(stems(_text(node) + " " + title))
        return words[id(node)]

    for key, item in items.items():
        bag: Counter[str] = Counter()
        heading = headings.get(key.split(".")[0], "")
        for _ in range(HEADING_WEIGHT if "." not in key else 1):
            bag.update(stems(heading))
        if item.title and "." in key:
            bag.update(stems(item.title) * HEADING_WEIGHT)
        heads[key] = Counter(bag)
        bag.update(own(item))
        for node in item.walk():
            bag.update(own(node))
        bags.setdefault(key.count(".") + 1, {})[key] = bag
    return Provisions(items, headings, {d: Scorer(b) for d, b in bags.items()}, heads)


def _around(text: str, start: int, end: int, cites: list[tuple[int, int]]) -> str:
    """The words that describe a reference: its sentence (or list limb), from the reference
    before it to the one after it, and a heading in brackets just after it."""
    lo = max([m.end() for m in _BOUNDARY.finditer(text[:start])] + [0])
    nxt = _BOUNDARY.search(text, end)
    hi = nxt.start() if nxt else len(text)
    for a, b in cites:
        if b <= start and b > lo:
            heading = _PAREN.match(text, b)
            lo = heading.end() if heading and heading.end() <= start else b
        if a >= end and a < hi:
            hi = a
    before = " ".join(text[lo:start].split()[-15:])
    after = " ".join(text[end:hi].split()[:15])
    m = _PAREN.match(text[end:])
    if m and m.group(1) not in after:
        after = m.group(1) + " " + after
    return f"{before} … {after}".strip()


def references(ctx: Context, body: Body, found: Provisions) -> list[Ref]:
    out: list[Ref] = []
    for place in ctx.places():
        inlines = inlines_of(place.node)
        text = "".join(inline_text([i]) for i in inlines)
        spans: list[tuple[int, int, Cited]] = []
        pos = 0
        for i in inlines:
            size = len(inline_text([i]))
            if isinstance(i, Cited):
                spans.append((pos, pos + size, i))
            pos += size
        cites = [(a, b) for a, b, _ in spans]
        for a, b, cite in spans:
            if cite.kind != "clause" or cite.this or cite.external or _STATUTE.match(text, b):
                continue
            number = _dotted(cite.number)
            ends = [number] + ([_dotted(cite.end)] if cite.end else [])
            if not number or any(e not in found.items for e in ends):
                continue  # dangling: another rule's
            words = _around(text, a, b, cites)
            after = _PAREN.match(text, b)
            named = _NAMING.search(text[max(0, a - 80) : a])
            near = (after.group(1) if after else "") + (" " + named.group("h") if named else "")
            top, _, rest = number.partition(".")
            ref = Ref(place, cite, words, stems(words), int_or(top, 0), f".{rest}" if rest else "")
            ref.near = near
            here = (
                _dotted(place.item.full_number)
                if place.item and isinstance(place.division, Body)
                else ""
            )
            parts = here.split(".") if here else []
            ref.holders = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
            out.append(ref)
    return out


def drift(refs: list[Ref]) -> dict[int, int]:
    """The shift for each clause number named: the best account of the fits as a run of
    shifts that changes seldom (a dynamic programme over the clause numbers named)."""
    tops = sorted({r.top for r in refs})
    if not tops:
        return {}
    gain: dict[int, dict[int, float]] = {t: dict.fromkeys(SHIFTS, 0.0) for t in tops}
    for r in refs:
        best = max(r.scores.values(), default=0.0)
        if best <= 0:
            continue
        for d in SHIFTS:
            gain[r.top][d] += r.scores.get(d, 0.0) / best - (PRIOR if d else 0.0)
    value = {d: gain[tops[0]][d] - (CHANGE if d else 0.0) for d in SHIFTS}
    back: list[dict[int, int]] = []
    for t in tops[1:]:
        best_d = max(value, key=lambda d: value[d])
        step: dict[int, int] = {}
        new: dict[int, float] = {}
        for d in SHIFTS:
            stay, move = value[d], value[best_d] - CHANGE
            step[d] = d if stay >= move else best_d
            new[d] = max(stay, move) + gain[t][d]
        back.append(step)
        value = new
    d = max(value, key=lambda k: (value[k], k == 0))
    shift = {tops[-1]: d}
    for t, step in zip(reversed(tops[:-1]), reversed(back), strict=True):
        d = step[d]
        shift[t] = d
    return shift


def check_suspects(ctx: Context) -> None:
    body = next((d for d in ctx.read.doc.children if isinstance(d, Body)), None)
    if body is None:
        return
    found = provisions(body)
    if len(found.headings) < 4:
        return
    refs = references(ctx, body, found)
    for r in refs:
        for d in SHIFTS:
            if r.shifted(d) in found.items and r.top + d > 0:
                r.scores[d] = found.score(r, r.shifted(d))
    shift = drift(refs)
    tops = sorted(shift)
    segment: dict[int, int] = {}  # clause named -> the first clause of its run of one shift
    for i, t in enumerate(tops):
        same = i and shift[tops[i - 1]] == shift[t]
        segment[t] = segment[tops[i - 1]] if same else t
    strong: Counter[int] = Counter()
    inside: dict[int, tuple[int, int]] = {}  # run -> the first and last clause that drift clearly
    for r in refs:
        d = shift.get(r.top, 0)
        if d and _prefers(r, d):
            run = segment[r.top]
            strong[run] += 1
            lo, hi = inside.get(run, (r.top, r.top))
            inside[run] = (min(lo, r.top), max(hi, r.top))
    removed = _removed(refs, shift, segment, strong, inside)
    for r in refs:
        d = shift.get(r.top, 0)
        run = segment.get(r.top, r.top)
        lo, hi = inside.get(run, (0, 0))
        if not d or strong[run] < RUN or r.shifted(d) not in found.items:
            said = None
        elif _prefers(r, d) or _leans(r, d, strong[run]):
            said = True
        elif strong[run] >= 5 and lo < r.top < hi and _silent(r, d):
            said = False
        else:
            said = None
        if said is None:
            if r.top in removed and _astray(r):
                _report_removed(ctx, found, r, removed[r.top])
            else:
                _by_heading(ctx, found, r)
            continue
        span = [t for t in tops if segment[t] == run]
        _report(ctx, found, r, d, strong[run], span, said)


def _removed(
    refs: list[Ref],
    shift: dict[int, int],
    segment: dict[int, int],
    strong: Counter[int],
    inside: dict[int, tuple[int, int]],
) -> dict[int, int]:
    """The clause numbers named between the last reference that clearly fits the clause it
    names and the first that clearly drifts back (a long run): a clause named there may be
    the one removed. -> number -> the drift after it."""
    settled = sorted(r.top for r in refs if _fits(r))
    out: dict[int, int] = {}
    for run, count in strong.items():
        d = shift[run]
        if d >= 0 or count < 5:
            continue
        first = inside[run][0]
        before = [t for t in settled if t < first]
        start = before[-1] if before else 0
        for t in range(start + 1, first):
            out[t] = d
    return out


def _fits(r: Ref) -> bool:
    here = r.scores.get(0, 0.0)
    others = [v for d, v in r.scores.items() if d]
    return here >= LEAST and here >= PREFER * max(others, default=0.0)


def _astray(r: Ref) -> bool:
    """Its words say something, and fit neither the clause named nor those around it."""
    return len(set(r.query)) >= 3 and max(r.scores.values(), default=0.0) < LEAST


def _report_removed(ctx: Context, found: Provisions, r: Ref, d: int) -> None:
    ctx.add(
        "xref-suspect",
        f"{r.cite.text} is {found.name(r.key)}, but the words around it ('{_short(r.words)}')"
        " fit neither it nor the clauses around it, and the references to the clauses after"
        f" it fit the clause {abs(d)} before the one they name: the clause it meant may have"
        " been removed",
        r.place,
        text=r.cite.text,
        suggestion="the clause it meant may have been removed: cite the provision meant",
    )


def _report(
    ctx: Context, found: Provisions, r: Ref, d: int, strong: int, span: list[int], said: bool
) -> None:
    meant = r.shifted(d)
    also = ""
    if r.cite.end:
        end = _dotted(r.cite.end)
        top, _, rest = end.partition(".")
        also = f" to Clause {int_or(top, 0) + d}{'.' + rest if rest else ''}"
    ctx.add(
        "xref-suspect",
        f"{r.cite.text} is {found.name(r.key)}, but the words around it ('{_short(r.words)}')"
        + (
            f" fit {found.name(meant)} better ({', '.join(_shared(found, r, meant))}); "
            if said
            else " do not say which clause is meant, and "
        )
        + f"{strong}"
        f" references to Clauses {span[0]} to {span[-1]} fit the clause {abs(d)} "
        f"{'before' if d < 0 else 'after'} the one they name, as if"
        f" {'clauses were removed' if d < 0 else 'clauses were added'} and the references"
        " not renumbered",
        r.place,
        text=r.cite.text,
        suggestion=f"probably {found.name(meant)}{also}",
    )


def _prefers(r: Ref, d: int) -> bool:
    """This reference's own words fit the shifted clause clearly better."""
    here, there = r.scores.get(0, 0.0), r.scores.get(d, 0.0)
    return there >= LEAST and there >= PREFER * here and there == max(r.scores.values())


def _leans(r: Ref, d: int, strong: int) -> bool:
    """In a long run of references that clearly drift, its words fit the shifted clause
    better than the one named, if not by much."""
    here, there = r.scores.get(0, 0.0), r.scores.get(d, 0.0)
    return (
        strong >= 5
        and there > here * 1.1
        and there >= LEAST / 2
        and there >= 0.6 * max(r.scores.values())
    )


def _by_heading(ctx: Context, found: Provisions, r: Ref) -> None:
    """The words by the reference name another clause by its heading ("the dispute
    resolution procedure in Clause 23", "Clause 23 (Dispute Resolution)"), and none of the
    words of the heading of the clause it names."""
    near = set(stems(r.near))
    if not near or near & set(stems(found.headings.get(str(r.top), ""))):
        return
    named = [
        (len(set(stems(h))), k)
        for k, h in found.headings.items()
        if stems(h) and set(stems(h)) <= near
    ]
    if not named:
        return
    size, key = max(named)
    if [n for n, _ in named].count(size) > 1 or key == str(r.top):
        return
    meant = f"{key}{r.rest}" if r.rest and f"{key}{r.rest}" in found.items else key
    what = found.name(meant) if meant == key else f"a provision of {found.name(key)}"
    ctx.add(
        "xref-suspect",
        f"{r.cite.text} is {found.name(r.key)}, but the words by it ('{_short(r.near)}') name"
        f" the heading of {found.name(key)}",
        r.place,
        text=r.cite.text,
        suggestion=f"probably {what}",
    )


def _silent(r: Ref, d: int) -> bool:
    """Its words fit neither the clause named nor the shifted one."""
    return r.scores.get(0, 0.0) < LEAST / 2 and r.scores.get(d, 0.0) >= r.scores.get(0, 0.0)


def _shared(found: Provisions, r: Ref, key: str) -> list[str]:
    scorer = found.scorers[found.depth(key)]
    common = scorer.shared(r.query, key)[:3]
    words = re.findall(r"[A-Za-z]{3,}", r.words)
    out = []
    for s in common:
        w = next((w for w in words if stems(w) == [s]), s)
        out.append(f"'{w}'")
    return out or ["its words"]


def _short(words: str) -> str:
    return words if len(words) <= 80 else words[:77] + "..."
