"""Arabic text normalisation for matching: one definition of "the same word".

Used by the loader (finding known outlets), search (index and query) and the
topic suggestions alike. It is for *matching only*: stored text is never
normalised. Plain Python, no Django import.
"""

from __future__ import annotations

import re
import unicodedata

# Harakat (fathatan .. sukun), combining maddah and hamza, superscript alef; tatweel.
_REMOVED = re.compile("[\u064b-\u0655\u0670\u0640]+")
_LETTERS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))
_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Eastern Arabic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    }
)
_HAS_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def normalize_arabic(text: str) -> str:
    """Fold the spelling variants Arabic news text mixes freely.

    NFKC folds presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) to base letters;
    then diacritics and tatweel go, alef variants become bare alef, alef maqsura
    becomes ya, ta marbuta becomes ha, and Eastern Arabic digits become ASCII.
    """
    # The cheap checks first: nearly all text is already NFKC and has no
    # Eastern digits; chained str.replace beats str.translate with a dict.
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _REMOVED.sub("", text)
    for old, new in _LETTERS:
        if old in text:
            text = text.replace(old, new)
    if _HAS_DIGIT.search(text):
        text = text.translate(_DIGITS)
    return text


def normalize_arabic_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and map each output character back to its source.

    Returns ``(normalised, origin)`` where ``origin[i]`` is the code-point offset
    in ``text`` of the character that produced ``normalised[i]``, plus one final
    entry equal to ``len(text)``. Lets a match found in normalised text be stored
    as offsets into the original body.
    """
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = normalize_arabic(char)
        out.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return "".join(out), origin
