"""The lists a Word writer defines in numbering.xml, known by name rather than by id."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from s75docs.render.docx import _oxml as x

# per level: (number format, level text, left indent, hanging indent)
Levels = list[tuple[str, str, int, int]]


@dataclass(frozen=True)
class ListInstance:
    """What a w:num is: an instance of the named list, restarting its first levels at 1."""

    name: str
    restarts: int


class ListRegistry:
    """Defines each named list once (w:abstractNum) and hands out instances of it (w:num).

    Ids continue after those the reference document already uses. Ids differ between two
    builds, so a reader that compares documents (the comparison writer) asks the registry
    which list and which restarts an id stands for.
    """

    def __init__(self, numbering: etree._Element) -> None:
        self._numbering = numbering
        # new ids follow those the reference document uses (one without an id counts for none)
        abstracts = [
            int(a.get(qn("w:abstractNumId"), "-1")) for a in numbering.iterfind(qn("w:abstractNum"))
        ]
        nums = [int(n.get(qn("w:numId"), "0")) for n in numbering.iterfind(qn("w:num"))]
        self._next_abstract = max(abstracts, default=-1) + 1
        self._next_num = max(nums, default=0) + 1
        self._defined: dict[str, tuple[int, Levels]] = {}
        self.instances: dict[int, ListInstance] = {}

    def define(self, name: str, levels: Levels) -> None:
        """Define the named list, unless this registry has defined it already."""
        if name in self._defined:
            return
        ident = self._next_abstract
        self._next_abstract += 1
        element = etree.fromstring(x.abstract_num(ident, levels, name))
        # the schema puts every w:abstractNum before the first w:num
        first_num = self._numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self._numbering.append(element)
        self._defined[name] = (ident, levels)

    def levels(self, name: str) -> Levels:
        return self._defined[name][1]

    def instance(self, name: str, restarts: int = 0) -> int:
        """The numId of a new instance of a defined list; `restarts` > 0 starts its first
        levels again at 1 (each schedule numbers its paragraphs from 1)."""
        ident = self._next_num
        self._next_num += 1
        abstract = self._defined[name][0]
        self._numbering.append(etree.fromstring(x.num(ident, abstract, restart_levels=restarts)))
        self.instances[ident] = ListInstance(name, restarts)
        return ident
