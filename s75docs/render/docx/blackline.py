"""Comparison (blackline) Word document: the new agreement, every difference as a tracked change.

Both trees go through the normal writer's block walk (so paragraphs, styles and list
numbering are the ones it writes); the two paragraph sequences are aligned with difflib and
written as native ``w:ins`` / ``w:del`` revisions (paragraph marks and table rows included),
so accepting every change gives the new agreement and rejecting every change the old one.
Kept simple on purpose: cross-references are plain text (no REF fields or bookmarks), the
contents list (and the page break after it) is left out, and the page header reads
"Comparison: the Agreement as varied against the Agreement as made" (the body holds only
the two agreements' own text). When the agreements differ in their very last paragraph, one
untracked empty paragraph ends the document, since Word cannot delete the last paragraph mark.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from lxml import etree

from s75docs.doctree.nodes import Block, Document, PageBreak, Ref, Toc
from s75docs.ooxml import XML_NS, core_text
from s75docs.render.docx import _oxml as x
from s75docs.render.docx.alignment import Op, Written, align, best_pairs, row_similarity
from s75docs.render.docx.revisions import (
    append_runs,
    as_deleted,
    cleaned,
    ends_with_insertion,
    join_adjacent_tables,
    mark_change,
    run_tokens,
    starts_with_insertion,
    text_of,
    tokens_of_text,
    xml_key,
)
from s75docs.render.docx.writer import DocxWriter

COMPARISON_NOTE = "Comparison: the Agreement as varied against the Agreement as made"
_P, _R, _T, _TBL, _TR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:tbl"), qn("w:tr")
_PPR, _RPR, _TRPR = qn("w:pPr"), qn("w:rPr"), qn("w:trPr")
_INS, _DEL = qn("w:ins"), qn("w:del")
_XML_SPACE = f"{{{XML_NS}}}space"
_NUMID = f"{_PPR}/{qn('w:numPr')}/{qn('w:numId')}"
_VAL = qn("w:val")


def render_comparison(
    old: Document,
    new: Document,
    *,
    author: str,
    date: dt.datetime,
    reference_docx: Path | None = None,
) -> bytes:
    """The new agreement as .docx; its tracked changes (by `author` on `date`), all rejected,
    give the old one."""
    before = _Capture(old, reference_docx)
    after = _Capture(new, reference_docx)
    writer = _ComparisonWriter(new, reference_docx)
    merger = _Merger(before, after, writer, author, _iso(date))
    writer.elements = merger.elements()
    return writer.render()


def _iso(date: dt.datetime) -> str:
    if date.tzinfo is not None:
        date = date.astimezone(dt.UTC).replace(tzinfo=None)
    return date.strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------ the two agreements


class _Capture(DocxWriter):
    """The normal writer's block walk, kept as elements: references as plain text, no
    bookmarks, no contents list."""

    def __init__(self, doc: Document, reference: Path | None) -> None:
        super().__init__(doc, reference)
        self._after_toc = False

    def ref(self, node: Ref, *, bold: bool = False) -> str:
        return "".join(x.run(part.text, bold=bold) for part in node.parts)

    def bookmarked(self, name: str | None, content: str) -> str:
        return content

    def dispatch(self, node: Document | Block, *args: Any, **kwargs: Any) -> None:
        if isinstance(node, Toc):
            self._after_toc = True  # the contents and the page break that follows it
            return
        skip = self._after_toc and isinstance(node, PageBreak)
        self._after_toc = False
        if not skip:
            super().dispatch(node, *args, **kwargs)

    def blocks(self) -> list[Written]:
        return [self._describe(el) for el in self.body_elements()]

    def _describe(self, el: etree._Element) -> Written:
        text = tokens_of_text(text_of(el))
        if el.tag != _P:
            return Written(el, None, "table", xml_key(el), text)
        num_el = el.find(_NUMID)
        num = int(num_el.get(_VAL, "0")) if num_el is not None else None
        if num == 0:  # out of any list: a lettered provision's typed number
            num = None
        ppr = el.find(_PPR)
        shape = ""
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            found = ppr.find(f"{qn('w:numPr')}/{qn('w:numId')}")
            if found is not None and num is not None:
                # the kind of list, not which instance of it
                listed = self.lists.instances.get(num)
                found.set(_VAL, f"{listed.name}:{listed.restarts}" if listed else f"?:{num}")
            shape = xml_key(ppr)
        content = "".join(xml_key(child) for child in el if child.tag != _PPR)
        return Written(el, num, shape, shape + content, text)


class _ComparisonWriter(DocxWriter):
    """The output package: the normal writer's styles, numbering, footer and properties."""

    elements: list[etree._Element]

    def body_elements(self) -> list[etree._Element]:
        return self.elements

    def _footer(self) -> None:
        super()._footer()
        header = self.word.sections[0].header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        if paragraph.text:  # a reference document's own header stays
            paragraph = header.add_paragraph()
        paragraph.style = self.word.styles["S75 Body"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(COMPARISON_NOTE).bold = True

    def _settings(self) -> None:
        """No REF or TOC fields to update on opening (the normal writer asks Word to)."""

    def _properties(self) -> None:
        super()._properties()
        self.word.core_properties.title = core_text(f"Comparison: {self.doc.title}")


# ------------------------------------------------------------------ writing the changes


class _Merger:
    def __init__(
        self,
        before: _Capture,
        after: _Capture,
        writer: _ComparisonWriter,
        author: str,
        date: str,
    ) -> None:
        self.before, self.after, self.writer = before, after, writer
        self.author, self.date = author, date
        self.revision = 0

    # -------------------------------------------------------------- list numbering
    def _numbering(self, ops: list[Op]) -> list[Op]:
        """Give each list instance of the old agreement at most one of the new agreement.

        A paragraph kept in both must carry one w:numId that counts right after accepting
        (the new list) and after rejecting (the old one); list instances are matched by how
        many kept paragraphs they share, and a kept paragraph whose lists are not matched is
        written as deleted and inserted instead.
        """
        fixed = {self.writer.body_num, self.writer.schedule_head_num, self.writer.recital_num}
        old_to_new = {n: n for n in fixed}
        new_to_old = dict(old_to_new)
        shared: Counter[tuple[int, int]] = Counter()
        for op in ops:
            if op.old and op.new and op.old.num is not None and op.new.num is not None:
                shared[(op.old.num, op.new.num)] += 1
        for (o, n), _count in sorted(shared.items(), key=lambda kv: -kv[1]):
            if o not in old_to_new and n not in new_to_old:
                old_to_new[o], new_to_old[n] = n, o
        out: list[Op] = []
        for op in ops:
            if op.old and op.new:
                was, now = op.old.num, op.new.num
                if (was is None) != (now is None) or (
                    was is not None and old_to_new.get(was) != now
                ):
                    out += [Op("deleted", old=op.old), Op("inserted", new=op.new)]
                    continue
            out.append(op)
        self.old_to_new = old_to_new
        self.merged_num: dict[tuple[str, int], int] = {("new", n): n for n in fixed}
        return out

    def _num_for(self, block: Written, side: str) -> int | None:
        if block.num is None:
            return None
        key = ("new", block.num)
        capture = self.after
        if side == "old":
            capture = self.before
            mapped = self.old_to_new.get(block.num)
            key = ("new", mapped) if mapped is not None else ("old", block.num)
        if key not in self.merged_num:
            listed = capture.lists.instances[block.num]
            self.writer.lists.define(listed.name, capture.lists.levels(listed.name))
            self.merged_num[key] = self.writer.lists.instance(listed.name, listed.restarts)
        return self.merged_num[key]

    # -------------------------------------------------------------- the body
    def elements(self) -> list[etree._Element]:
        ops = self._numbering(align(self.before.blocks(), self.after.blocks()))
        root = etree.fromstring(f"<w:body {x.NSDECL}/>")
        for op in ops:
            if op.kind == "same" and op.new is not None:
                root.append(self._renumbered(op.new, "new"))
            elif op.kind == "inserted" and op.new is not None:
                root.append(self._whole(self._renumbered(op.new, "new"), "ins"))
            elif op.kind == "deleted" and op.old is not None:
                root.append(self._whole(self._renumbered(op.old, "old"), "del"))
            elif op.old is not None and op.new is not None:
                if op.new.el.tag == _TBL:
                    root.append(self._table(op.old.el, op.new.el))
                else:
                    renumbered = self._renumbered(op.new, "new")
                    root.append(self._paragraph(op.old.el, renumbered))
        join_adjacent_tables(root)
        for before, after in itertools.pairwise(root):
            if before.tag != _P or after.tag != _P:
                continue
            if ends_with_insertion(before) and starts_with_insertion(after):
                self._end_with_deletion(before)
        for ident, revision in enumerate(root.iter(qn("w:ins"), qn("w:del")), 1):
            revision.set(qn("w:id"), str(ident))
        last = root[-1] if len(root) else None
        if last is None or last.tag == _TBL or mark_change(last) is not None:
            root.append(etree.fromstring(f"<w:p {x.NSDECL}>{self._ppr('S75 Body')}</w:p>"))
        return list(root)

    def _ppr(self, style: str) -> str:
        return x.ppr(self.writer.style(style))

    def _renumbered(self, block: Written, side: str) -> etree._Element:
        el = copy.deepcopy(block.el)
        num = self._num_for(block, side)
        found = el.find(_NUMID)
        if found is not None and num is not None:
            found.set(_VAL, str(num))
        return el

    def _mark(self, tag: str) -> etree._Element:
        """A w:ins or w:del revision with the next id, the author and the date."""
        self.revision += 1
        el = etree.Element(qn(f"w:{tag}"))
        el.set(qn("w:id"), str(self.revision))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        return el

    def _whole(self, el: etree._Element, tag: str) -> etree._Element:
        """A paragraph or table inserted or deleted as a whole."""
        if el.tag == _TBL:
            for row in el.iter(_TR):
                self._mark_row(row, tag)
                for p in row.iter(_P):
                    self._wrap_runs(p, tag)
            return el
        ppr = el.find(_PPR)
        if ppr is None:
            ppr = etree.Element(_PPR)
            el.insert(0, ppr)
        rpr = ppr.find(_RPR)
        if rpr is None:
            rpr = etree.SubElement(ppr, _RPR)  # last child of pPr (no sectPr here)
        rpr.append(self._mark(tag))
        self._wrap_runs(el, tag)
        return el

    def _mark_row(self, row: etree._Element, tag: str) -> None:
        trpr = row.find(_TRPR)
        if trpr is None:
            trpr = etree.Element(_TRPR)
            row.insert(0, trpr)
        trpr.append(self._mark(tag))

    def _wrap_runs(self, p: etree._Element, tag: str) -> None:
        """Put each stretch of runs in a w:ins or w:del (with w:delText for deleted text)."""
        wrapper: etree._Element | None = None
        for child in list(p):
            if child.tag != _R:
                wrapper = None
                continue
            if wrapper is None:
                wrapper = self._mark(tag)
                child.addprevious(wrapper)
            if tag == "del":
                as_deleted(child)
            wrapper.append(child)

    def _end_with_deletion(self, p: etree._Element) -> None:
        """Make a paragraph whose text ends with an insertion end with a deletion instead.

        LibreOffice joins two insertions that meet across an unchanged paragraph mark into
        one, and rejecting it then removes that mark too; Word is not affected. The last
        change is rewritten with the same meaning: its deletions moved after its insertions,
        or, with nothing deleted, the word before it deleted and inserted again.
        """
        content = [c for c in p if c.tag != _PPR]
        tail: list[etree._Element] = []
        for child in reversed(content):
            if child.tag not in (_INS, _DEL):
                break
            tail.insert(0, child)
        if any(c.tag == _DEL for c in tail):
            for wrapper in [c for c in tail if c.tag == _DEL]:
                p.append(wrapper)  # moved to the end, after the insertions
            return
        before = content[len(content) - len(tail) - 1] if len(content) > len(tail) else None
        if before is None or before.tag != _R:
            return
        inner = [c for c in before if c.tag != _RPR]
        last = inner[-1] if inner and inner[-1].tag == _T else None
        words = tokens_of_text(last.text or "") if last is not None else []
        if last is not None and words and (len(words) > 1 or len(inner) > 1):
            # move only the run's last word
            moved = etree.Element(_R)
            rpr = before.find(_RPR)
            if rpr is not None:
                moved.append(copy.deepcopy(rpr))
            word = etree.SubElement(moved, _T)
            word.text = words[-1]
            word.set(_XML_SPACE, "preserve")
            last.text = (last.text or "")[: -len(words[-1])]
            if not last.text:
                before.remove(last)
        else:
            moved = before
        tail[0].insert(0, moved)
        deleted = copy.deepcopy(moved)
        as_deleted(deleted)
        wrapper = self._mark("del")
        wrapper.append(deleted)
        p.append(wrapper)

    # -------------------------------------------------------------- word-level changes
    def _paragraph(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """The new paragraph (its properties) with the words changed from the old one."""
        out = etree.Element(_P)
        ppr = new.find(_PPR)
        if ppr is not None:
            out.append(copy.deepcopy(ppr))
        a, b = run_tokens(old), run_tokens(new)
        matcher = SequenceMatcher(None, [t.key for t in a], [t.key for t in b], autojunk=False)
        for tag, old_part, new_part in cleaned(matcher.get_opcodes(), a, b):
            if tag == "equal":
                append_runs(out, new_part)
                continue
            if old_part:
                wrapper = self._mark("del")
                append_runs(wrapper, old_part, deleted=True)
                out.append(wrapper)
            if new_part:
                wrapper = self._mark("ins")
                append_runs(wrapper, new_part)
                out.append(wrapper)
        return out

    def _table(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """The new table with rows inserted, deleted, or changed cell by cell."""
        out = copy.deepcopy(new)
        for row in out.findall(_TR):
            out.remove(row)
        old_rows, new_rows = old.findall(_TR), new.findall(_TR)
        matcher = SequenceMatcher(
            None, [xml_key(r) for r in old_rows], [xml_key(r) for r in new_rows], autojunk=False
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.extend(copy.deepcopy(r) for r in new_rows[j1:j2])
                continue
            olds, news = old_rows[i1:i2], new_rows[j1:j2]
            pairs = best_pairs(olds, news, row_similarity)
            i = j = 0
            for pi, pj in [*pairs, (len(olds), len(news))]:
                for row in olds[i:pi]:
                    out.append(self._whole_row(row, "del"))
                for row in news[j:pj]:
                    out.append(self._whole_row(row, "ins"))
                if pi < len(olds):
                    out.append(self._row(olds[pi], news[pj]))
                i, j = pi + 1, pj + 1
        return out

    def _whole_row(self, row: etree._Element, tag: str) -> etree._Element:
        row = copy.deepcopy(row)
        self._mark_row(row, tag)
        for p in row.iter(_P):
            self._wrap_runs(p, tag)
        return row

    def _row(self, old: etree._Element, new: etree._Element) -> etree._Element:
        row = copy.deepcopy(new)
        old_paras = [c.findall(_P) for c in old.findall(qn("w:tc"))]
        for cell, before in zip(row.findall(qn("w:tc")), old_paras, strict=True):
            for p, old_p in zip(cell.findall(_P), before, strict=True):
                if xml_key(p) != xml_key(old_p):
                    p.addprevious(self._paragraph(old_p, p))
                    cell.remove(p)
        return row
