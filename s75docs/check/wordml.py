"""Small readers of WordprocessingML elements: tags, values, toggles (for the .docx reader)."""

from __future__ import annotations

import re

from lxml import etree

from s75docs.ooxml import W_NS

MAX_LEVEL = 8  # list levels run 0 to 8
MAX_LINKS = 8  # numStyleLink / basedOn chains longer than this are treated as cycles


_INT = re.compile(r"[-+]?[0-9]{1,9}")


def w_tag(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_W_PREFIX = f"{{{W_NS}}}"
_LOCAL: dict[str, str] = {}  # tag -> local name (a document uses a few dozen tags)
_LOCAL_LIMIT = 10_000  # a hostile document may invent many: stop remembering past this


def local_name(element: etree._Element) -> str:
    """The local name of a WordprocessingML element; "" for anything else."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    name = _LOCAL.get(tag)
    if name is None:
        name = tag[len(_W_PREFIX) :] if tag.startswith(_W_PREFIX) else ""
        if len(_LOCAL) < _LOCAL_LIMIT:
            _LOCAL[tag] = name
    return name


def attr_val(element: etree._Element | None, attr: str = "val") -> str | None:
    return None if element is None else element.get(w_tag(attr))


def int_of(text: str | None, default: int | None = None) -> int | None:
    """An integer attribute (w:start, w:ilvl, w:numId...): ASCII digits, at most nine, with
    an optional sign; anything else ("²", "2)", 5,000 digits) is the default."""
    if text is None or not _INT.fullmatch(text.strip()):
        return default
    return int(text)


def is_on(element: etree._Element | None) -> bool:
    """A WordprocessingML toggle: present and not val=false/0/off."""
    return element is not None and attr_val(element) not in ("false", "0", "off")
