"""Arabic text normalisation for matching: one definition of "the same word".

Used by the loader (finding known outlets), search (index and query) and the
topic suggestions alike. It is for *matching only*: stored text is never
normalised. Plain Python, no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

# Harakat (fathatan .. sukun), combining maddah and hamza, superscript alef; tatweel.
REMOVED_MARKS = "".join(map(chr, range(0x064B, 0x0656))) + "\u0670\u0640"
_REMOVED = re.compile(f"[{REMOVED_MARKS}]+")
_LETTERS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))
_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Eastern Arabic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    }
)
_EASTERN_DIGITS = "".join(chr(0x0660 + d) + chr(0x06F0 + d) for d in range(10))
_HAS_DIGIT = re.compile(f"[{_EASTERN_DIGITS}]")


def normalize_arabic(text: str) -> str:
    """Fold the spelling variants Arabic news text mixes freely.

    NFKC folds presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) to base letters;
    then diacritics and tatweel go, alef variants become bare alef, alef maqsura
    becomes ya, ta marbuta becomes ha, and Eastern Arabic digits become ASCII.
    """
    if _CACHED_MIN <= len(text) <= _CACHED_MAX:
        return _normalize_long(text)
    return _normalize(text)


# An article's body is normalised several times in a row (its cited sources, its
# search terms, its signature): the last few long texts are kept.
_CACHED_MIN, _CACHED_MAX = 512, 100_000


@lru_cache(maxsize=4)
def _normalize_long(text: str) -> str:
    return _normalize(text)


_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (runs of word characters) as search and signatures split
    it, from text already normalised. A body's normalised text is split twice in a row
    (its search terms, its signature: the same text unless it has capitals): the last
    few long texts are kept."""
    if _CACHED_MIN <= len(text) <= _CACHED_MAX:
        return _words_long(text)
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=4)
def _words_long(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _normalize(text: str) -> str:
    # The cheap checks first: nearly all text is already NFKC and has no
    # Eastern digits; chained str.replace beats str.translate with a dict.
    if not unicodedata.is_normalized("NFKC", text):
        text = _nfkc(text)
    return _fold_letters(without_marks(text))


def _nfkc(text: str) -> str:
    """NFKC, line by line in a long text: a line break is a boundary no normalisation
    crosses (it never composes, reorders or decomposes), so only the lines that need it
    (a heading with a presentation form) pay for it."""
    if len(text) < 512 or "\n" not in text:
        return unicodedata.normalize("NFKC", text)
    return "\n".join(
        line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
        for line in text.split("\n")
    )


def has_marks(text: str) -> bool:
    """Whether ``text`` holds a character :func:`normalize_arabic` deletes."""
    return any(mark in text for mark in REMOVED_MARKS)


def without_marks(text: str) -> str:
    """``text`` without the harakat and tatweel. ``str.replace`` of each mark the text
    holds: several times faster on Arabic text than a regular expression, which asks
    every character whether it is a mark."""
    for mark in REMOVED_MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return text


def _fold_letters(text: str) -> str:
    """The one-for-one part: letters and digits.

    Text extracted from a PDF often writes the lam-alef ligature in the wrong order,
    alef first: "الإدارة" comes out as "اإلدارة", "وكالات" as "وكاالت". After the alef
    variants are folded that is "اال", which Arabic spelling never writes; it folds
    back to "الا", the same length.
    """
    for old, new in _LETTERS:
        if old in text:
            text = text.replace(old, new)
    if "اال" in text:
        text = text.replace("اال", "الا")  # see the docstring: reversed lam-alef
    # A long text is asked for each digit with ``in`` (cheaper per character than a
    # regular expression); a short one with one search (cheaper per call).
    if len(text) > 200:
        has_digit = any(digit in text for digit in _EASTERN_DIGITS)
    else:
        has_digit = _HAS_DIGIT.search(text) is not None
    if has_digit:
        text = text.translate(_DIGITS)
    return text


def normalize_arabic_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and map each output character back to its source.

    Returns ``(normalised, origin)`` where ``origin[i]`` is the code-point offset
    in ``text`` of the character that produced ``normalised[i]``, plus one final
    entry equal to ``len(text)``. Lets a match found in normalised text be stored
    as offsets into the original body.
    """
    if unicodedata.is_normalized("NFKC", text):
        # The common case, and fast: every change is one character for one
        # (letters, digits) except the removed marks, so the map is the
        # identity with the removed positions left out.
        origin: list[int] = []
        position = 0
        for match in _REMOVED.finditer(text):
            origin.extend(range(position, match.start()))
            position = match.end()
        origin.extend(range(position, len(text) + 1))
        return normalize_arabic(text), origin
    out: list[str] = []
    origin = []
    for index, char in enumerate(text):
        folded = normalize_arabic(char)
        out.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    normalised = "".join(out)
    if "اال" in normalised:  # the lam-alef rule spans characters: same length, same map
        normalised = normalised.replace("اال", "الا")
    return normalised, origin


def normalize_arabic_mapped(text: str) -> tuple[str, Callable[[int], int]]:
    """``normalize_arabic_with_offsets`` with the map as a function,
    ``origin(i)``, for callers that map a few positions back (a matcher's
    hits): on NFKC text, the usual case, it costs one scan for the removed
    marks and nothing per character."""
    if not unicodedata.is_normalized("NFKC", text):
        normalised, origin = normalize_arabic_with_offsets(text)
        return normalised, origin.__getitem__
    gaps = [match.span() for match in _REMOVED.finditer(text)]
    if not gaps:
        return _fold_letters(text), _identity
    # Each gap: where it falls in the normalised text, and how many characters
    # were removed up to and including it.
    positions: list[int] = []
    shifts: list[int] = []
    pieces: list[str] = []
    removed = previous = 0
    for start, end in gaps:
        pieces.append(text[previous:start])
        positions.append(start - removed)
        removed += end - start
        shifts.append(removed)
        previous = end
    pieces.append(text[previous:])

    def origin(index: int) -> int:
        gap = bisect_right(positions, index)
        return index + shifts[gap - 1] if gap else index

    return _fold_letters("".join(pieces)), origin


def _identity(index: int) -> int:
    return index
