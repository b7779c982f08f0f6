"""Numbers held as tuples and formatted late: decimal paths, letters and Roman numerals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_ROMAN_TEXT = re.compile(r"^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_MAX_ORDINAL = 10_000  # no list in a document is longer; a bigger "number" is not one


def roman(n: int) -> str:
    """Lower-case Roman numerals, as Word's lowerRoman prints them (1 -> i, 14 -> xiv)."""
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def alpha(n: int) -> str:
    """a..z, then aa, bb... zz, aaa, as Word's lowerLetter prints them."""
    letter = _LETTERS[(n - 1) % 26]
    return letter * ((n - 1) // 26 + 1)


def parse_roman(text: str) -> int | None:
    """The value of a lower-case Roman numeral written the canonical way, else None."""
    text = text.lower()
    if not text or len(text) > 15 or not _ROMAN_TEXT.match(text):
        return None
    value = 0
    rest = text
    for number, letters in _ROMAN:
        while rest.startswith(letters):
            value += number
            rest = rest[len(letters) :]
    return value or None


def parse_alpha(text: str) -> int | None:
    """The position of a Word letter number ("c" -> 3, "aa" -> 27), else None."""
    text = text.lower()
    if not text or len(text) > 4 or text[0] not in _LETTERS or text != text[0] * len(text):
        return None
    return (len(text) - 1) * 26 + _LETTERS.index(text[0]) + 1


def parse_decimal(text: str) -> tuple[int, ...] | None:
    """ "11.4.2" -> (11, 4, 2); None unless every part is a small whole number."""
    parts = text.split(".")
    if not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
        return None
    values = tuple(int(p) for p in parts)
    return values if all(0 < v < _MAX_ORDINAL for v in values) else None


class Format(Enum):
    """How one level of a list prints its number."""

    DECIMAL = "decimal"  # joined to the decimals above it: 11.4
    LETTER = "lowerLetter"  # in brackets after them: 11.4(a)
    ROMAN = "lowerRoman"  # 11.4(a)(ii)
    UPPER_LETTER = "upperLetter"  # (A)

    def ordinal(self, n: int) -> str:
        if self is Format.DECIMAL:
            return str(n)
        if self is Format.LETTER:
            return alpha(n)
        if self is Format.ROMAN:
            return roman(n)
        return alpha(n).upper()

    def parse(self, text: str) -> int | None:
        """The position a printed ordinal stands for ("iv" -> 4 as Roman, 9 as a letter)."""
        if self is Format.DECIMAL:
            found = parse_decimal(text)
            return found[0] if found and len(found) == 1 else None
        if self is Format.ROMAN:
            return parse_roman(text)
        return parse_alpha(text)


@dataclass(frozen=True)
class Scheme:
    """The levels of a numbered list. Decimal levels join the decimals above them ("11.4");
    any other level stands in brackets after its parent ("11.4(a)", "(A)")."""

    formats: tuple[Format, ...]

    def format_at(self, level: int) -> Format:
        return self.formats[min(level, len(self.formats)) - 1]

    def own(self, path: tuple[int, ...]) -> str:
        """What is printed at the start of the paragraph: "11.4" or "(a)"."""
        return self.own_of(self.ordinals(path))

    def full(self, path: tuple[int, ...]) -> str:
        """The number in full context: "11.4(a)(ii)"."""
        return self.full_of(self.ordinals(path))

    def ordinals(self, path: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(self.format_at(level).ordinal(n) for level, n in enumerate(path, start=1))

    def own_of(self, ordinals: tuple[str, ...]) -> str:
        """As `own`, from each level's ordinal as printed (a lettered one is "3A" or "ba")."""
        if self.format_at(len(ordinals)) is Format.DECIMAL:
            return ".".join(ordinals[: self._decimals(len(ordinals))])
        return f"({ordinals[-1]})"

    def full_of(self, ordinals: tuple[str, ...]) -> str:
        """As `full`, from each level's ordinal as printed."""
        decimals = self._decimals(len(ordinals))
        return ".".join(ordinals[:decimals]) + "".join(f"({o})" for o in ordinals[decimals:])

    def _decimals(self, depth: int) -> int:
        count = 0
        for level in range(1, depth + 1):
            if self.format_at(level) is not Format.DECIMAL:
                break
            count = level
        return count


# clauses 1 / 1.1 / 1.1.1 / (a) / (i); each schedule's paragraphs restart
AGREEMENT = Scheme((Format.DECIMAL, Format.DECIMAL, Format.DECIMAL, Format.LETTER, Format.ROMAN))
# a Board report: sections 1, paragraphs 1.1, points (a), sub-points (i)
REPORT = Scheme((Format.DECIMAL, Format.DECIMAL, Format.LETTER, Format.ROMAN))
RECITALS = Scheme((Format.UPPER_LETTER,))
LIMBS = Scheme((Format.LETTER,))
BULLET = "\u2022"
