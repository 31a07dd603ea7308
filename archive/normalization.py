"""Arabic text normalisation for matching: one definition of "the same word".

Used by the loader (finding known outlets), search (index and query) and the
topic suggestions alike. It is for *matching only*: stored text is never
normalised. Plain Python, no Django import.
"""

from __future__ import annotations

import re
import unicodedata

# Harakat (fathatan .. sukun), combining maddah and hamza, superscript alef.
_DIACRITICS = re.compile("[\u064b-\u0655\u0670]")
_TATWEEL = "\u0640"
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Eastern Arabic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    }
)


def normalize_arabic(text: str) -> str:
    """Fold the spelling variants Arabic news text mixes freely.

    NFKC folds presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) to base letters;
    then diacritics and tatweel go, alef variants become bare alef, alef maqsura
    becomes ya, ta marbuta becomes ha, and Eastern Arabic digits become ASCII.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    return text.translate(_FOLD)


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
