"""Inline markup of library text: [[references]], *terms*, **definitions**, money, escapes."""

from __future__ import annotations

import re
from decimal import Decimal

from s75docs.doctree.nodes import Inline, MoneyAmount, Ref, RefForm, Term, TermDef, Text
from s75docs.errors import InputError, Location

MONEY_OPEN = "\ue000"
MONEY_CLOSE = "\ue001"
# characters a backslash makes literal (data that must never be read as markup)
ESCAPABLE = "\\*[]|{}#:-"

_INLINE = re.compile(
    r"\\(?P<esc>[\\*\[\]|{}#:\-])"
    r"|\[\[(?P<ref>[^\]]+)\]\]"
    r"|\*\*(?P<def>[^*]+)\*\*"
    r"|\*(?P<term>[^*\s][^*]*)\*(?P<suffix>(?:es|s)\b)?"
    rf"|{MONEY_OPEN}(?P<money>[^{MONEY_CLOSE}]+){MONEY_CLOSE}"
)
_NAME = r"[a-z0-9](?:[a-z0-9-]|\.(?!\.))*"
_REF_BODY = re.compile(
    rf"^(?:(?P<domain>[a-z]+):)?(?P<a>{_NAME})"
    rf"(?:\.\.(?P<b>{_NAME})|(?P<more>(?:,{_NAME})+))?(?:\|(?P<form>this))?$"
)


def money(amount: Decimal | int | str, *, signed: bool = False) -> str:
    """A money marker the parser turns into a MoneyAmount (formatted by the money pass);
    a signed one is a change, printed "+£1,000", "−£1,000" or "no change"."""
    sign = "±" if signed else ""
    return f"{MONEY_OPEN}{sign}{Decimal(str(amount))}{MONEY_CLOSE}"


def escape(text: object) -> str:
    """Data as literal text: nothing in it is read as markup."""
    return "".join(f"\\{c}" if c in ESCAPABLE else c for c in str(text))


def _ref(body: str, location: Location, scope: str | None) -> Ref:
    m = _REF_BODY.match(body)
    if not m:
        raise InputError(f"malformed cross-reference [[{body}]]", location)
    return Ref(
        target=m.group("a"),
        end=m.group("b"),
        form=RefForm.THIS if m.group("form") else RefForm.FULL,
        location=location,
        scope=scope,
        domain=m.group("domain") or "",
        also=tuple(m.group("more").split(",")[1:]) if m.group("more") else (),
    )


def _money(text: str) -> MoneyAmount:
    signed = text.startswith("±")
    return MoneyAmount(Decimal(text.lstrip("±")), signed=signed)


def parse_inlines(text: str, location: Location, scope: str | None = None) -> list[Inline]:
    """Split text into Text, Ref, Term, TermDef and MoneyAmount inlines."""
    out: list[Inline] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            out.append(Text(text[pos : match.start()]))
        pos = match.end()
        if match.group("esc") is not None:
            out.append(Text(match.group("esc")))
        elif match.group("ref") is not None:
            out.append(_ref(match.group("ref").strip(), location, scope))
        elif match.group("def") is not None:
            out.append(TermDef(match.group("def").strip()))
        elif match.group("term") is not None:
            name = match.group("term").strip()
            out.append(Term(name, name + (match.group("suffix") or "")))
        else:
            out.append(_money(match.group("money")))
    if pos < len(text):
        out.append(Text(text[pos:]))
    return merge_text(out)


def merge_text(inlines: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return out
