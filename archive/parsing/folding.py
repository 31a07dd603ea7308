"""Normalised text for matching, with a map back to the original offsets.

Labels, month names and source names are matched on ``normalize_arabic`` text, but what
the parser keeps (a date's source text, a cited name as written) must be the original
characters. ``fold`` returns both, cheaply: for text already in NFKC (nearly all text) the
map is a short list of the places where harakat/tatweel were removed, not one entry per
character.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from archive.normalization import (
    REMOVED_MARKS,
    has_marks,
    normalize_arabic,
    normalize_arabic_with_offsets,
)

# What normalize_arabic deletes once the text is in NFKC: harakat and tatweel.
_REMOVED = re.compile(f"[{REMOVED_MARKS}]+")


# normalize_arabic is already fast on long text; the name stays for the parser's callers.
fold_text = normalize_arabic


class Folded:
    """``normalize_arabic(original)`` plus a way back to original offsets."""

    __slots__ = ("original", "text", "_origin", "_breaks", "_shifts")

    def __init__(
        self,
        original: str,
        text: str,
        origin: list[int] | None = None,
        breaks: list[int] | None = None,
        shifts: list[int] | None = None,
    ) -> None:
        self.original = original
        self.text = text
        self._origin = origin  # per character (rare path), or None
        self._breaks = breaks or []  # folded index from which ...
        self._shifts = shifts or []  # ... this many removed characters lie before it

    def start(self, index: int) -> int:
        """Original offset of the folded character at ``index``."""
        if index >= len(self.text):
            return len(self.original)
        if self._origin is not None:
            return self._origin[index]
        k = bisect_right(self._breaks, index)
        return index + (self._shifts[k - 1] if k else 0)

    def end(self, index: int) -> int:
        """Original offset ending a span whose folded end is ``index``.

        Harakat and tatweel after the last folded character belong to it ("مساءً", "هـ").
        """
        if index <= 0:
            return 0
        if index >= len(self.text):
            return len(self.original)
        if self._origin is not None:
            return max(self._origin[index], self._origin[index - 1] + 1)
        return self.start(index)

    def span(self, start: int, end: int) -> str:
        """The original text behind the folded span ``[start, end)``."""
        return self.original[self.start(start) : self.end(end)]


def fold(original: str) -> Folded:
    """Normalise ``original`` for matching and remember where each character came from."""
    if unicodedata.is_normalized("NFKC", original):
        breaks: list[int] = []
        shifts: list[int] = []
        removed = 0
        if has_marks(original):  # most lines have none: no scan for them
            for match in _REMOVED.finditer(original):
                removed += match.end() - match.start()
                breaks.append(match.end() - removed)
                shifts.append(removed)
        text = normalize_arabic(original)  # one-to-one once the removals are known
        return Folded(original, text, None, breaks, shifts)
    # Rare: presentation forms, ligatures, compatibility characters. One char at a time.
    text, origin = normalize_arabic_with_offsets(original)
    return Folded(original, text, origin[:-1])
