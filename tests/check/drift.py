"""Seeded drift: drop clauses from a built agreement as a careless edit of a template does (the
later clauses renumber, the typed references do not), then measure what the checker finds.

Each reference in the edited text is put in one class, known from the clauses dropped:
- right: it still names the provision it meant (no finding may be made on it);
- dangling: the number it names no longer exists (xref-dangling expected);
- self: "this Clause N" now standing in another clause (xref-self expected);
- wrong: it names an existing provision, but not the one meant, which is now numbered
  differently (xref-suspect expected, suggesting the new number);
- gone: it names an existing provision, but the one meant was dropped (any finding will do).

Run `python -m tests.check.drift` to print the figures.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from s75docs.check.findings import Finding
from s75docs.check.run import check_document

_CLAUSE_HEADING = re.compile(r'^(### (?:<a id="[^"]+"></a>)?)(\d+) (.*)$')
_SUB = re.compile(r'^(<a id="[^"]+"></a>)?(\d+)((?:\.\d+)+ )')
_TOC = re.compile(r"^- \[(\d+) ")
# a reference as the markdown renderer prints it: "[Clause 26.3](#...)", "[this Clause 14]"
_REF = re.compile(r"\[(?P<this>this )?Clauses? (?P<a>\d+(?:\.\d+)*)(?: to (?P<b>\d+(?:\.\d+)*))?\]")


@dataclass
class Edited:
    text: str
    origin: list[int]  # for each line of text, the index of the line it came from
    dropped: tuple[int, ...]  # the clause numbers dropped, in the original numbering
    added: tuple[int, ...] = ()  # a new clause put in before each of these (original numbers)


def drop_clauses(text: str, dropped: Iterable[int], added: Iterable[int] = ()) -> Edited:
    """Delete whole body clauses (original numbers), or put new ones in before them, and
    renumber those after them, in the clauses and in the contents list, leaving every typed
    reference as it was."""
    drops, adds = sorted(set(dropped)), sorted(set(added))
    lines = list(enumerate(text.splitlines()))
    steps = [(n, True) for n in drops] + [(n, False) for n in adds]
    for number, drop in sorted(steps, reverse=True):  # the highest first: lower ones stay
        lines = _drop_one(lines, number) if drop else _add_one(lines, number)
    return Edited(
        "\n".join(t for _, t in lines) + "\n", [i for i, _ in lines], tuple(drops), tuple(adds)
    )


# the clause a careless edit puts in: its own words, citing nothing
_NEW_CLAUSE = [
    "### {n} Modern slavery",
    "",
    "{n}.1 Each Partner will take reasonable steps to make sure that slavery and human"
    " trafficking are not taking place in its supply chains.",
    "",
    "{n}.2 Each Partner will tell the other promptly if it finds slavery or human trafficking"
    " in work done under this Agreement.",
    "",
]


@dataclass
class _Place:
    """Where a line of a built markdown agreement stands."""

    in_toc: bool = False  # in the contents list
    body: bool = False  # in the clauses ("## Agreed terms")
    seen_body: bool = False
    section: bool = False  # the line opens a "## " section


def _places(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str, _Place]]:
    place = _Place()
    for origin, line in lines:
        place.section = line.startswith("## ")
        if place.section:
            place.in_toc = line.strip() == "## Contents"
            place.body = line.strip() == "## Agreed terms"
            place.seen_body = place.seen_body or place.body
        yield origin, line, place


def _add_one(lines: list[tuple[int, str]], number: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    current = 0
    for origin, line, place in _places(lines):
        body, seen_body, in_toc = place.body, place.seen_body, place.in_toc
        if place.section:
            current = 0
        if in_toc:
            m = _TOC.match(line)
            if m and not seen_body and int(m.group(1)) >= number:
                n = int(m.group(1))
                if n == number:
                    out.append((-1, f"- [{n} Modern slavery](#modern-slavery)"))
                line = f"- [{n + 1} " + line[m.end() :]
            out.append((origin, line))
            continue
        m = _CLAUSE_HEADING.match(line) if body else None
        if m:
            current = int(m.group(2))
            if current == number:
                out += [(-1, t.format(n=number)) for t in _NEW_CLAUSE]
            if current >= number:
                line = f"{m.group(1)}{current + 1} {m.group(3)}"
        elif body and current >= number:
            line = _SUB.sub(
                lambda s: f"{s.group(1) or ''}{int(s.group(2)) + 1}{s.group(3)}", line, count=1
            )
        out.append((origin, line))
    return out


def _drop_one(lines: list[tuple[int, str]], number: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    current = 0
    for origin, line, place in _places(lines):
        body, seen_body, in_toc = place.body, place.seen_body, place.in_toc
        if place.section:
            current = 0
        if in_toc:
            m = _TOC.match(line)
            if m and not seen_body:
                n = int(m.group(1))
                if n == number:
                    continue
                if n > number:
                    line = f"- [{n - 1} " + line[m.end() :]
            out.append((origin, line))
            continue
        if not body:
            out.append((origin, line))
            continue
        m = _CLAUSE_HEADING.match(line)
        if m:
            current = int(m.group(2))
            if current == number:
                continue
            if current > number:
                line = f"{m.group(1)}{current - 1} {m.group(3)}"
        elif current == number:
            continue
        elif current > number:
            line = _SUB.sub(
                lambda s: f"{s.group(1) or ''}{int(s.group(2)) - 1}{s.group(3)}", line, count=1
            )
        out.append((origin, line))
    return out


def new_number(number: str, dropped: tuple[int, ...], added: tuple[int, ...] = ()) -> str | None:
    """Where a provision numbered `number` before the edit is numbered now (None: dropped)."""
    top, _, rest = number.partition(".")
    n = int(top)
    if n in dropped:
        return None
    moved = n - sum(1 for d in dropped if d < n) + sum(1 for a in added if a <= n)
    return f"{moved}.{rest}" if rest else str(moved)


@dataclass
class Reference:
    line: int  # 1-based line in the edited text
    text: str  # as the checker cites it: "Clause 26.3", "this Clause 14"
    typed: str
    meant: str | None  # its number now (None: the provision it meant was dropped)
    kind: str = ""  # right | dangling | self | wrong | gone


def references(edited: Edited, exists: set[str]) -> list[Reference]:
    out: list[Reference] = []
    for index, line in enumerate(edited.text.splitlines()):
        for m in _REF.finditer(line):
            typed = m.group("a")
            meant = new_number(typed, edited.dropped, edited.added)
            ref = Reference(index + 1, m.group(0)[1:-1], typed, meant)
            ends = [typed] + ([m.group("b")] if m.group("b") else [])
            ref.kind = _kind(any(e not in exists for e in ends), ref, bool(m.group("this")))
            out.append(ref)
    return out


def _kind(dangling: bool, ref: Reference, this: bool) -> str:
    """How a typed reference stands after the edit: its target gone, still right, a self
    reference ("this Clause"), its clause dropped, or pointing at the wrong clause."""
    if dangling:
        return "dangling"
    if ref.meant == ref.typed:
        return "right"
    if this:
        return "self"
    return "gone" if ref.meant is None else "wrong"


def numbers_in(text: str) -> set[str]:
    """Every body provision number in a built (or edited) markdown agreement."""
    found: set[str] = set()
    body = False
    for line in text.splitlines():
        if line.startswith("## "):
            body = line.strip() == "## Agreed terms"
        if not body:
            continue
        m = _CLAUSE_HEADING.match(line)
        if m:
            found.add(m.group(2))
            continue
        s = _SUB.match(line)
        if s:
            found.add(s.group(2) + s.group(3).strip())
    return found


@dataclass
class Tally:
    """Per class: references, those found as expected, and findings on right references."""

    total: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)  # any finding, right or not
    false: list[str] = field(default_factory=list)  # findings on references still right
    missed: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # findings on no reference of the seeding

    def add(self, other: Tally) -> None:
        self.total.update(other.total)
        self.found.update(other.found)
        self.flagged.update(other.flagged)
        self.false += other.false
        self.missed += other.missed
        self.other += other.other


_EXPECTED = {"dangling": "xref-dangling", "self": "xref-self", "wrong": "xref-suspect"}


def _within(text: str, words: str) -> bool:
    return re.search(rf"{re.escape(text)}(?![.\d])", words) is not None


def score(
    edited: Edited,
    findings: list[Finding],
    name: str = "",
    refs: list[Reference] | None = None,
    window: int = 0,
) -> Tally:
    """`window`: how many lines before a reference its finding may stand (a paragraph
    wrapped over lines is found at its first line)."""
    refs = references(edited, numbers_in(edited.text)) if refs is None else refs
    tally = Tally()
    on: dict[int | None, list[Finding]] = {}
    for f in findings:
        if f.code.startswith("xref-"):
            on.setdefault(f.line, []).append(f)
    owners: dict[int, list[Reference]] = {}  # a finding -> the references it is about
    for f in (f for fs in on.values() for f in fs):
        # "Clause 16.2 and Clause 16.3" is one reference to the checker: a finding on it is
        # about the one its message names, if it names one
        line = f.line or 0
        here = [r for r in refs if line <= r.line <= line + window and _within(r.text, f.text)]
        if here:  # the nearest line holding such a reference
            here = [r for r in here if r.line == min(r.line for r in here)]
        named = [r for r in here if _within(f"Clause {r.typed}", f.message)]
        owners[id(f)] = named or here
    used: set[int] = set()
    for ref in refs:
        tally.total[ref.kind] += 1
        near = [f for n in range(ref.line - window, ref.line + 1) for f in on.get(n, [])]
        mine = [f for f in near if ref in owners[id(f)]]
        used |= {id(f) for f in mine}
        where = f"{name} drop {edited.dropped} add {edited.added} line {ref.line} {ref.text}"
        if ref.kind == "right":
            tally.false += [f"{where}: {f.code}: {f.message} ({f.suggestion})" for f in mine]
            continue
        if mine:
            tally.flagged[ref.kind] += 1
        expected = _EXPECTED.get(ref.kind)
        if ref.kind == "gone":
            ok = bool(mine)
        elif ref.kind == "wrong":
            ok = any(
                f.code == expected
                and re.search(rf"\bClause {re.escape(str(ref.meant))}(?![.\d])", f.suggestion)
                for f in mine
            )
        else:
            ok = any(f.code == expected for f in mine)
        if ok:
            tally.found[ref.kind] += 1
        else:
            got = "; ".join(f"{f.code}: {f.suggestion}" for f in mine) or "nothing"
            tally.missed.append(f"{where} [{ref.kind}, meant {ref.meant}]: {got}")
    tally.other = [
        f"{name} drop {edited.dropped} add {edited.added} line {f.line}: {f.code}: {f.message}"
        for f in findings
        if id(f) not in used and f.code != "term-unused"
    ]
    return tally


def check_markdown(text: str, suffix: str = "md") -> list[Finding]:
    import datetime as dt

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"agreement.{suffix}"
        path.write_text(text, encoding="utf-8")
        return check_document(path, dt.date(2026, 4, 1)).findings


def clause_count(text: str) -> int:
    return len([n for n in numbers_in(text) if "." not in n])


def seedings(clauses: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """(dropped, added): one, two, then three clauses dropped at several places (never clause
    1, the definitions, which every other clause uses); one or two clauses put in; one
    dropped and one put in."""
    early, mid, late = max(2, clauses // 5), clauses // 2, clauses * 2 // 3
    return [
        ((early,), ()),
        ((mid,), ()),
        ((late,), ()),
        ((early, mid), ()),
        ((mid, mid + 1), ()),
        ((early, late), ()),
        ((early, mid, late), ()),
        ((early + 1, mid - 2, mid + 3), ()),
        ((), (mid,)),
        ((), (early, late)),
        ((early,), (late,)),
    ]


def measure(texts: dict[str, str]) -> tuple[Tally, dict[str, Tally]]:
    whole = Tally()
    each: dict[str, Tally] = {}
    for name, text in texts.items():
        for dropped, added in seedings(clause_count(text)):
            edited = drop_clauses(text, dropped, added)
            tally = score(edited, check_markdown(edited.text), name)
            each[f"{name} drop {dropped} add {added}"] = tally
            whole.add(tally)
    return whole, each


def summary(tally: Tally) -> list[str]:
    out = []
    for kind in ("dangling", "self", "wrong", "gone"):
        total, found = tally.total[kind], tally.found[kind]
        flagged = tally.flagged[kind]
        recall = f"{found / total:.1%}" if total else "-"
        out.append(
            f"{kind:9} references {total:4}  found as expected {found:4}  recall {recall}"
            f"  (any finding {flagged})"
        )
    right = tally.total["right"]
    wrongly = len(tally.false)
    out.append(f"right     references {right:4}  with a finding {wrongly}")
    hits = sum(tally.found.values())
    flagged_all = sum(tally.flagged.values())
    precision = flagged_all / (flagged_all + wrongly) if flagged_all + wrongly else 1.0
    out.append(
        f"precision (findings on faulty references / all reference findings): {precision:.1%}"
    )
    out.append(f"findings as expected {hits}; findings elsewhere {len(tally.other)}")
    return out


def main() -> None:
    from s75docs.model.loader import load_scheme
    from s75docs.pipeline import build_tree, render_bytes
    from tests.helpers import ROOT, example_library

    texts = {}
    for name in ("fairhaven", "kestrel"):
        scheme = ROOT / "examples" / name / "scheme.yaml"
        doc = build_tree(load_scheme(scheme), example_library(scheme))
        texts[name] = render_bytes(doc, "md").decode("utf-8")
    whole, each = measure(texts)
    reference = ROOT.parent / "shared" / "reference"
    real = reference / "hwb-minutes-and-bcf-s75-agreement-leicestershire-2019.txt"
    if real.exists():
        other, more = measure_text(real.read_text(encoding="utf-8"), "leicestershire-2019")
        each.update(more)
        print("\n".join(["the 2019 agreement (not ours):", *summary(other), ""]))
    for name, tally in each.items():
        print(
            f"== {name}: "
            + ", ".join(
                f"{k} {tally.found[k]}/{v}" for k, v in sorted(tally.total.items()) if k != "right"
            )
            + f", false {len(tally.false)}"
        )
    print()
    print("\n".join(summary(whole)))
    for line in whole.missed:
        print("MISSED", line)
    for line in whole.false:
        print("FALSE", line)
    for line in whole.other:
        print("OTHER", line)


# ------------------------------------------------------------------ a text agreement of others

_TEXT_HEADING = re.compile(r"^(\s*)(\d{1,2})( [A-Z][A-Z ,&]+\s*)$")
_TEXT_SUB = re.compile(r"^(\s*)(\d{1,2})((?:\.\d{1,2})+\s)")
_TEXT_REF = re.compile(
    r"\b(?P<this>this )?[Cc]lauses? (?P<a>\d{1,2}(?:\.\d{1,2})*)(?![\d.]*\d)"
    r"(?!\s?[A-Z]{1,2}\s+of\s+the\s)"  # "Clause 14 O of the ... Act" (14O): a statute's
)


def drop_text_clauses(text: str, dropped: Iterable[int], body: tuple[int, int]) -> Edited:
    """drop_clauses for a plain-text agreement whose body clauses (headings in capitals,
    "23 DISPUTE RESOLUTION") lie between lines body[0] and body[1] (0-based, end excluded)."""
    drops = sorted(set(dropped))
    out: list[tuple[int, str]] = []
    current = 0
    for index, line in enumerate(text.splitlines()):
        if not body[0] <= index < body[1]:
            out.append((index, line))
            continue
        m = _TEXT_HEADING.match(line)
        if m:
            current = int(m.group(2))
        if current in drops:
            continue
        moved = current - sum(1 for d in drops if d < current)
        if m:
            line = f"{m.group(1)}{moved}{m.group(3)}"
        else:
            s = _TEXT_SUB.match(line)
            if s and int(s.group(2)) == current:
                line = f"{s.group(1)}{moved}{s.group(3)}" + line[s.end() :]
        out.append((index, line))
    return Edited("\n".join(t for _, t in out) + "\n", [i for i, _ in out], tuple(drops))


def text_numbers(edited: Edited, body: tuple[int, int]) -> set[str]:
    found: set[str] = set()
    for index, line in zip(edited.origin, edited.text.splitlines(), strict=False):
        if not body[0] <= index < body[1]:
            continue
        m = _TEXT_HEADING.match(line)
        if m:
            found.add(m.group(2))
        s = _TEXT_SUB.match(line)
        if s:
            found.add(s.group(2) + s.group(3).strip())
    return found


def text_references(edited: Edited, exists: set[str]) -> list[Reference]:
    out: list[Reference] = []
    flat = edited.text.replace("\n", " ")  # a reference may wrap over two lines
    for m in _TEXT_REF.finditer(flat):
        typed = m.group("a")
        meant = new_number(typed, edited.dropped)
        line = edited.text.count("\n", 0, m.start()) + 1
        ref = Reference(line, " ".join(m.group(0).split()), typed, meant)
        ref.kind = _kind(typed not in exists, ref, bool(m.group("this")))
        out.append(ref)
    return out


def measure_text(text: str, name: str) -> tuple[Tally, dict[str, Tally]]:
    """Seeded drift in a plain-text agreement of others (the 2019 agreement in
    ../shared/reference): its body runs from "1 DEFINED TERMS..." to "SCHEDULE 1"."""
    lines = text.splitlines()
    start = next(i for i, t in enumerate(lines) if re.match(r"^\s*1 [A-Z]{4}", t))
    end = next(i for i, t in enumerate(lines) if i > start and re.match(r"^\s*SCHEDULE 1\b", t))
    clauses = max(int(m.group(2)) for t in lines[start:end] if (m := _TEXT_HEADING.match(t)))
    whole = Tally()
    each: dict[str, Tally] = {}
    for dropped, added in seedings(clauses):
        if added:
            continue
        edited = drop_text_clauses(text, dropped, (start, end))
        refs = text_references(edited, text_numbers(edited, (start, end)))
        tally = score(edited, check_markdown(edited.text, "txt"), name, refs, window=6)
        each[f"{name} drop {dropped}"] = tally
        whole.add(tally)
    return whole, each


if __name__ == "__main__":
    main()
