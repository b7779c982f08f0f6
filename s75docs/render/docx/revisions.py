"""Word-level revisions: runs cut into tokens, written back as w:ins and w:del, and the small
facts about paragraphs and tables the comparison writer needs."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from s75docs.ooxml import XML_NS

# figures ("£1,250,000.50", "2027/28" is three tokens), words, runs of space, punctuation
TOKEN = re.compile(r"£?\d+(?:[.,]\d+)*|\w+|\s+|[^\w\s]")
_P, _R, _T, _TBL, _TR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:tbl"), qn("w:tr")
_PPR, _RPR, _TRPR = qn("w:pPr"), qn("w:rPr"), qn("w:trPr")
_INS, _DEL = qn("w:ins"), qn("w:del")
_XML_SPACE = f"{{{XML_NS}}}space"


@dataclass(frozen=True)
class Token:
    """A word, space or punctuation mark of one run, or a whole break or tab."""

    key: str
    rpr: etree._Element | None
    text: str | None  # None for an element token
    el: etree._Element | None = None


def run_tokens(p: etree._Element) -> list[Token]:
    out: list[Token] = []
    for run in p.iter(_R):
        rpr = run.find(_RPR)
        rkey = xml_key(rpr) if rpr is not None else ""
        for child in run:
            if child.tag == _RPR:
                continue
            if child.tag == _T:
                out += [Token(f"{rkey}\0{w}", rpr, w) for w in tokens_of_text(child.text or "")]
            else:
                out.append(Token(f"{rkey}\0{xml_key(child)}", rpr, None, child))
    return out


def cleaned(
    opcodes: Sequence[tuple[str, int, int, int, int]], a: list[Token], b: list[Token]
) -> Iterator[tuple[str, list[Token], list[Token]]]:
    """Opcodes as (tag, old tokens, new tokens); a space left alone between two changes
    joins them, so "A B" -> "C D" reads as one change rather than two."""
    parts = [(tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in opcodes]
    merged: list[tuple[str, list[Token], list[Token]]] = []
    for k, (tag, old, new) in enumerate(parts):
        lone_space = (
            tag == "equal"
            and 0 < k < len(parts) - 1
            and all(t.text is not None and not t.text.strip() for t in new)
        )
        if lone_space:
            tag = "change"
        if tag != "equal" and merged and merged[-1][0] != "equal":
            _prev, old0, new0 = merged.pop()
            merged.append(("change", old0 + old, new0 + new))
        else:
            merged.append((tag if tag == "equal" else "change", old, new))
    yield from merged


def append_runs(parent: etree._Element, tokens: list[Token], *, deleted: bool = False) -> None:
    """Runs for the tokens: one run per stretch with the same run properties."""
    run: etree._Element | None = None
    run_key: str | None = None
    text: etree._Element | None = None
    for token in tokens:
        rkey = token.key.split("\0", 1)[0]
        if run is None or rkey != run_key:
            run = etree.SubElement(parent, _R)
            run_key = rkey
            text = None
            if token.rpr is not None:
                run.append(copy.deepcopy(token.rpr))
        if token.el is not None:
            element = copy.deepcopy(token.el)
            run.append(element)
            text = None
            if deleted:
                as_deleted(run)
        else:
            if text is None:
                text = etree.SubElement(run, qn("w:delText") if deleted else _T)
                text.set(_XML_SPACE, "preserve")
            text.text = (text.text or "") + (token.text or "")


def as_deleted(run: etree._Element) -> None:
    for child in run:
        if child.tag == _T:
            child.tag = qn("w:delText")
        elif child.tag == qn("w:instrText"):
            child.tag = qn("w:delInstrText")


def join_adjacent_tables(root: etree._Element) -> None:
    """A deleted table straight before an inserted one becomes one table of both rows (Word
    would join two adjacent tables anyway); the later table's properties are kept."""
    for el in list(root):
        prev = el.getprevious()
        if el.tag == _TBL and prev is not None and prev.tag == _TBL:
            rows = prev.findall(_TR)
            first = el.find(_TR)
            for row in rows:
                if first is not None:
                    first.addprevious(row)
                else:
                    el.append(row)
            root.remove(prev)


def mark_change(p: etree._Element) -> etree._Element | None:
    """The w:ins or w:del on a paragraph's mark, if any."""
    rpr = p.find(f"{_PPR}/{_RPR}")
    if rpr is None:
        return None
    found = rpr.find(qn("w:ins"))
    return found if found is not None else rpr.find(qn("w:del"))


def ends_with_insertion(p: etree._Element) -> bool:
    """The paragraph's text ends with inserted runs while its mark is kept."""
    mark = mark_change(p)
    content = [c for c in p if c.tag != _PPR]
    return bool(content) and content[-1].tag == _INS and (mark is None or mark.tag != _INS)


def starts_with_insertion(p: etree._Element) -> bool:
    content = [c for c in p if c.tag != _PPR]
    if content:
        return content[0].tag == _INS
    mark = mark_change(p)
    return mark is not None and mark.tag == _INS


def text_of(el: etree._Element) -> str:
    """A paragraph's text; a table's or cell's paragraphs one a line."""
    if el.tag == _P:
        return "".join(t.text or "" for t in el.iter(_T))
    return "\n".join(text_of(p) for p in el.iter(_P))


def tokens_of_text(text: str) -> list[str]:
    return TOKEN.findall(text)


def xml_key(el: etree._Element) -> str:
    """A key for an element's content: tags, attributes and text, whatever the namespace
    declarations in scope (a copied element declares fewer)."""
    attrs = "".join(f" {k!r}={v!r}" for k, v in sorted(el.attrib.items()))
    inner = "".join(xml_key(child) for child in el)
    return f"<{el.tag}{attrs}>{el.text or ''}{inner}</>{el.tail or ''}"
