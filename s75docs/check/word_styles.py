"""Word's styles as the .docx reader needs them: names, outline levels, list numbering."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from s75docs.check.wordml import MAX_LINKS, attr_val, int_of, w_tag

# Word stores these built-in names in lower case; python-docx (and Word's UI) show them so
_UI_NAMES = {
    "caption": "Caption",
    "footer": "Footer",
    "header": "Header",
    **{f"heading {n}": f"Heading {n}" for n in range(1, 10)},
}
# the heading styles s75docs writes (a Word file we built, read back)
OUR_HEADINGS = {"S75 Clause Heading", "S75 Schedule Heading", "S75 Paragraph Heading"}


@dataclass(frozen=True)
class StyleDef:
    """One w:style: its name and what a paragraph inherits from it."""

    style_id: str
    name: str
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


class StyleSheet:
    """styles.xml: names by id, the default paragraph style, basedOn inheritance."""

    def __init__(self, styles: dict[str, StyleDef], default_paragraph: str | None) -> None:
        self.styles = styles
        self.default_paragraph = default_paragraph

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> StyleSheet:
        styles: dict[str, StyleDef] = {}
        default: str | None = None
        for element in [] if root is None else root.iterchildren(w_tag("style")):
            style = _style_def(element)
            styles[style.style_id] = style
            if element.get(w_tag("type")) == "paragraph" and _on_attr(element, "default"):
                default = default or style.style_id
        return cls(styles, default)

    def paragraph_style(self, style_id: str | None) -> StyleDef | None:
        """The style a paragraph has: its pStyle, or the default when absent or unknown."""
        if style_id is not None and style_id in self.styles:
            return self.styles[style_id]
        return self.styles.get(self.default_paragraph or "")

    def chain(self, style: StyleDef | None) -> Iterator[StyleDef]:
        seen: set[str] = set()
        while style is not None and style.style_id not in seen and len(seen) < MAX_LINKS:
            seen.add(style.style_id)
            yield style
            style = self.styles.get(style.based_on or "")

    def numbering(self, style: StyleDef | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph of this style inherits, following basedOn."""
        num_id: str | None = None
        ilvl: int | None = None
        for link in self.chain(style):
            num_id = num_id if num_id is not None else link.num_id
            ilvl = ilvl if ilvl is not None else link.ilvl
        return num_id, ilvl

    def outline(self, style: StyleDef | None) -> int | None:
        return next((s.outline for s in self.chain(style) if s.outline is not None), None)


def _on_attr(element: etree._Element, attr: str) -> bool:
    return element.get(w_tag(attr)) in ("1", "true", "on")


def _style_def(element: etree._Element) -> StyleDef:
    style_id = element.get(w_tag("styleId")) or ""
    name = attr_val(element.find(w_tag("name"))) or style_id
    ppr = element.find(w_tag("pPr"))
    num_pr = None if ppr is None else ppr.find(w_tag("numPr"))
    return StyleDef(
        style_id=style_id,
        name=_UI_NAMES.get(name, name),
        based_on=attr_val(element.find(w_tag("basedOn"))),
        num_id=None if num_pr is None else attr_val(num_pr.find(w_tag("numId"))),
        ilvl=None if num_pr is None else int_of(attr_val(num_pr.find(w_tag("ilvl")))),
        outline=None if ppr is None else int_of(attr_val(ppr.find(w_tag("outlineLvl")))),
    )
