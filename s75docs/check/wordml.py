"""Small readers of WordprocessingML elements: tags, values, toggles (for the .docx reader)."""

from __future__ import annotations

from lxml import etree

from s75docs.ooxml import W_NS

MAX_LEVEL = 8  # list levels run 0 to 8
MAX_LINKS = 8  # numStyleLink / basedOn chains longer than this are treated as cycles


def w_tag(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rpartition("}")[2] if tag.startswith(f"{{{W_NS}}}") else ""


def attr_val(element: etree._Element | None, attr: str = "val") -> str | None:
    return None if element is None else element.get(w_tag(attr))


def int_of(text: str | None, default: int | None = None) -> int | None:
    """A WordprocessingML number; one longer than Word's 32-bit values (a hostile w:start of
    thousands of digits, which int() and str() refuse past 4,300) is read as absent."""
    if text is None or len(text.strip()) > _MAX_DIGITS:
        return default
    try:
        return int(text)
    except ValueError:
        return default


_MAX_DIGITS = 11  # "-2147483648"


def is_on(element: etree._Element | None) -> bool:
    """A WordprocessingML toggle: present and not val=false/0/off."""
    return element is not None and attr_val(element) not in ("false", "0", "off")
