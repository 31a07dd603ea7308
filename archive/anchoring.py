"""Re-anchoring passages after an article's body changes. Plain Python (no Django).

A passage (an annotation, an actor's mention, an event's evidence) is a span
``[start, end)`` of Unicode code points into the body, with its exact
``quote`` and the text around it (``prefix``, ``suffix``, as a W3C
TextQuoteSelector keeps them). When the body changes from ``old`` to ``new``,
each span is placed in the new body in three steps:

1. **The diff** of old and new body, an offset map: a span whose text no edit
   touched moves exactly (``kept`` when its offsets stay, else ``shifted``).
2. **The exact quote** elsewhere, scored by its context (``exact``): a
   paragraph moved, or was cut and pasted.
3. **Approximate matching** of the quote, its prefix and its suffix
   (``fuzzy 0.93``): the passage itself was edited, a typo fixed.

Every candidate gets a score in [0, 1]::

    score = 0.6 × quote similarity + 0.2 × prefix similarity + 0.2 × suffix similarity

(Levenshtein normalised similarity, ``rapidfuzz``). A span moves to its best
candidate when that scores at least ``THRESHOLD`` and no other candidate
elsewhere comes within ``MARGIN`` of it; otherwise it is an **orphan**, kept
with its best candidates for an editor to choose from. A passage is never
moved silently onto other text: a lookalike sentence with different
surroundings scores well below the threshold, and two equally good places
(a duplicated paragraph) make an orphan, not a guess.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

THRESHOLD = 0.8
MARGIN = 0.05
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT = 0.6, 0.2, 0.2
# Equal runs shorter than this, between two edits, are coincidences of the
# character diff (a shared letter in a rewritten sentence), not untouched text.
MIN_EQUAL = 8
# Candidates below this quote similarity are not worth showing an editor.
MIN_QUOTE_SIMILARITY = 0.5
MAX_CANDIDATES = 3
MAX_OCCURRENCES = 50
# Code points of context compared on each side (W3C TextQuoteSelector prefix, suffix).
CONTEXT = 32

# A line with the blank lines after it: blank lines alone would match each
# other across the texts and pull the paragraphs out of line.
_PARAGRAPH = re.compile(r"[^\n]*\n+|[^\n]+")

KEPT, SHIFTED, EXACT, FUZZY, ORPHAN = "kept", "shifted", "exact", "fuzzy", "orphan"


@dataclass(frozen=True)
class Span:
    """A passage as stored: offsets into the old body, its quote and context.

    ``key`` identifies it to its owner (a primary key, or the row); the
    algorithm never reads it. ``prefix`` and ``suffix`` are read only when the
    offsets no longer hold the quote (a passage orphaned by an earlier edit);
    otherwise the context is taken from the old body."""

    key: Hashable
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Candidate:
    """A place in the new body the passage might have gone to."""

    start: int
    end: int
    quote: str
    score: float
    quote_score: float
    context_score: float

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True)
class Placement:
    """Where a span went in the new body, and how it was found.

    For a span that moved (``kept``, ``shifted``, ``exact``, ``fuzzy``),
    ``start``, ``end`` and ``quote`` are its new place and text, and
    ``new_body[start:end] == quote``. For an ``orphan`` they are ``None`` and
    ``candidates`` holds the best places found (best first), ``reason`` why
    none was taken."""

    span: Span
    method: str
    score: float
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    candidates: tuple[Candidate, ...] = field(default=())
    reason: str = ""

    @property
    def orphaned(self) -> bool:
        return self.method == ORPHAN

    @property
    def moved(self) -> bool:
        return self.method not in (KEPT, ORPHAN)

    @property
    def quote_changed(self) -> bool:
        return self.quote is not None and self.quote != self.span.quote

    @property
    def label(self) -> str:
        """How it was placed, as recorded: ``shifted``, ``exact``, ``fuzzy 0.93``."""
        if self.method == FUZZY:
            return f"{FUZZY} {self.score:.2f}"
        return self.method


class OffsetMap:
    """The diff of two texts as a map from old offsets to new ones.

    Lines first (``rapidfuzz``'s Indel opcodes over the lists of lines, each
    with the blank lines after it: an unchanged paragraph costs nothing however
    long the text), then characters within each block of changed lines (a longest common subsequence). Equal
    character runs shorter than ``MIN_EQUAL`` inside a changed block are
    coincidences (a letter a rewritten sentence shares), not untouched text."""

    # Copies of a quote are looked for this far around each edit.
    WINDOW = 256

    def __init__(self, old: str, new: str):
        self.old, self.new = old, new
        if old == new:
            runs = [(0, len(old), 0)]
        else:
            runs = self._diff(old, new)
        self._runs = runs
        self._starts = [run[0] for run in runs]
        # The edits, as ranges of the new text (empty where text was only deleted).
        changes: list[tuple[int, int]] = []
        old_end = new_end = 0
        for run_start, run_end, dest in [*runs, (len(old), len(old), len(new))]:
            if run_start > old_end or dest > new_end:
                changes.append((new_end, dest))
            old_end, new_end = run_end, dest + run_end - run_start
        self.changes = changes
        self._windows: dict[int, str] = {}

    @staticmethod
    def _diff(old: str, new: str) -> list[tuple[int, int, int]]:
        old_lines, new_lines = _PARAGRAPH.findall(old), _PARAGRAPH.findall(new)
        old_at, new_at = _line_offsets(old_lines), _line_offsets(new_lines)
        pieces: list[
            tuple[int, int, int, bool]
        ] = []  # (old start, old end, new start, whole lines)

        def changed(a0: int, a1: int, b0: int, b1: int) -> None:
            for op in Indel.opcodes(old[a0:a1], new[b0:b1]):
                if op.tag == "equal":
                    pieces.append((a0 + op.src_start, a0 + op.src_end, b0 + op.dest_start, False))

        pending: tuple[int, int] | None = None
        for op in Indel.opcodes(old_lines, new_lines):
            if op.tag == "equal":
                if pending is not None:
                    changed(
                        old_at[pending[0]],
                        old_at[op.src_start],
                        new_at[pending[1]],
                        new_at[op.dest_start],
                    )
                    pending = None
                pieces.append(
                    (old_at[op.src_start], old_at[op.src_end], new_at[op.dest_start], True)
                )
            elif pending is None:
                pending = (op.src_start, op.dest_start)
        if pending is not None:
            changed(old_at[pending[0]], len(old), new_at[pending[1]], len(new))

        # Join runs that continue each other; drop coincidental short ones.
        merged: list[list] = []
        for run_start, run_end, dest, whole in pieces:
            if run_start == run_end:
                continue
            if merged:
                last = merged[-1]
                if last[1] == run_start and last[2] + last[1] - last[0] == dest:
                    last[1] = run_end
                    last[3] = last[3] or whole
                    continue
            merged.append([run_start, run_end, dest, whole])
        return [
            (run_start, run_end, dest)
            for run_start, run_end, dest, whole in merged
            if whole or run_end - run_start >= MIN_EQUAL or run_start == 0 or run_end == len(old)
        ]

    def may_hold_copy(self, quote: str) -> bool:
        """Whether the edits may have made a new copy of ``quote`` (one that
        overlaps, or straddles, an edit). ``False`` is certain."""
        pad = self.WINDOW if len(quote) <= self.WINDOW else len(quote)
        windows = self._windows.get(pad)
        if windows is None:
            windows = "\x00".join(
                self.new[max(0, start - pad) : end + pad] for start, end in self.changes
            )
            self._windows[pad] = windows
        return quote in windows

    def _run_at(self, position: int) -> int:
        """Index of the last run starting at or before ``position`` (-1 if none)."""
        return bisect.bisect_right(self._starts, position) - 1

    def untouched(self, start: int, end: int) -> int | None:
        """The new start of ``old[start:end]`` if no edit touched it, else ``None``."""
        index = self._run_at(start)
        if index < 0:
            return None
        run_start, run_end, dest = self._runs[index]
        if end <= run_end:
            return dest + start - run_start
        return None

    def project(self, start: int, end: int) -> tuple[int, int]:
        """Where ``old[start:end]`` is in the new text, edited or not: a
        boundary in untouched text maps exactly; one inside an edit maps to
        the edge of the edit's new text that keeps the edit inside the span."""
        return self._map(start, left=True), self._map(end, left=False)

    def _map(self, position: int, *, left: bool) -> int:
        index = self._run_at(position if left else position - 1)
        if index >= 0:
            run_start, run_end, dest = self._runs[index]
            if (left and position < run_end) or (not left and position <= run_end):
                return dest + position - run_start
            if left:  # inside the edit after this run: from where its new text starts
                return dest + run_end - run_start
        elif left:
            return 0
        following = index + 1
        if following < len(self._runs):  # inside the edit before that run: to where it ends
            return self._runs[following][2]
        return len(self.new)


def _line_offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return offsets


def similarity(a: str, b: str) -> float:
    """1 − Levenshtein distance ÷ the longer length (1.0 for two empty strings)."""
    return Levenshtein.normalized_similarity(a, b)


def _occurrences(text: str, quote: str) -> list[int]:
    found = []
    index = text.find(quote)
    while index != -1 and len(found) < MAX_OCCURRENCES:
        found.append(index)
        index = text.find(quote, index + 1)
    return found


class _Scorer:
    def __init__(self, span: Span, body: str):
        self.span, self.body = span, body

    def candidate(self, start: int, end: int) -> Candidate:
        body, span = self.body, self.span
        text = body[start:end]
        quote_score = 1.0 if text == span.quote else similarity(span.quote, text)
        prefix_score = similarity(span.prefix, body[max(0, start - len(span.prefix)) : start])
        if not span.prefix and start > 0:
            prefix_score = 0.0  # it stood at the very beginning
        suffix_score = similarity(span.suffix, body[end : end + len(span.suffix)])
        if not span.suffix and end < len(body):
            suffix_score = 0.0  # it stood at the very end
        context_score = (prefix_score + suffix_score) / 2
        score = (
            QUOTE_WEIGHT * quote_score + PREFIX_WEIGHT * prefix_score + SUFFIX_WEIGHT * suffix_score
        )
        return Candidate(start, end, text, score, quote_score, context_score)


def reanchor(
    old: str,
    new: str,
    spans: Iterable[Span],
    *,
    offset_map: OffsetMap | None = None,
) -> list[Placement]:
    """Place every span of ``old`` in ``new`` (see the module's docstring), in order."""
    if old == new:
        return [
            Placement(span, KEPT, 1.0, span.start, span.end, span.quote)
            if new[span.start : span.end] == span.quote and span.quote
            else place(span, old, new, offset_map or OffsetMap(old, new))
            for span in spans
        ]
    offset_map = offset_map or OffsetMap(old, new)
    return [place(span, old, new, offset_map) for span in spans]


def place(span: Span, old: str, new: str, offset_map: OffsetMap) -> Placement:
    """Place one span; see ``reanchor``."""
    length = len(span.quote)
    consistent = length > 0 and old[span.start : span.end] == span.quote
    mapped_start = offset_map.untouched(span.start, span.end) if consistent else None
    if consistent and mapped_start is None:
        # The quote whole where the diff puts the passage is the passage: the
        # character diff may align a letter of an adjacent edit inside it.
        start, end = offset_map.project(span.start, span.end)
        found = new.find(span.quote, max(0, start - length), end + length)
        mapped_start = found if found != -1 else None

    # 1. The diff: the passage's text is untouched and moves exactly, unless
    #    the edit also made a new copy of it (a duplicated paragraph) that fits
    #    as well: then an editor chooses.
    if mapped_start is not None and not offset_map.may_hold_copy(span.quote):
        method = KEPT if mapped_start == span.start else SHIFTED
        return Placement(span, method, 1.0, mapped_start, mapped_start + length, span.quote)

    # The context as the old body has it (a kind need not store it).
    if consistent:
        span_context = replace(
            span,
            prefix=old[max(0, span.start - CONTEXT) : span.start],
            suffix=old[span.end : span.end + CONTEXT],
        )
    else:
        span_context = span
    scorer = _Scorer(span_context, new)

    if mapped_start is not None:
        mapped = scorer.candidate(mapped_start, mapped_start + length)
        images = {
            offset_map.untouched(position, position + length)
            for position in _occurrences(old, span.quote)
        }
        rivals = [
            scorer.candidate(position, position + length)
            for position in _occurrences(new, span.quote)
            if position != mapped_start and position not in images
        ]
        rivals = [rival for rival in rivals if rival.score >= mapped.score - MARGIN]
        if rivals:
            return _orphan(
                span,
                [mapped, *rivals],
                f"The passage now occurs {len(rivals) + 1} times with the same "
                "surrounding text; an editor must choose.",
            )
        method = KEPT if mapped_start == span.start else SHIFTED
        return Placement(
            span, method, 1.0, mapped_start, mapped_start + length, span.quote, (mapped,)
        )

    # 2. The exact quote elsewhere, and 3. approximate matches: where the diff
    #    puts the edited passage, and, unless that is clearly it, the best
    #    matches anywhere.
    candidates = [
        scorer.candidate(position, position + length) for position in _occurrences(new, span.quote)
    ]
    projected = None
    if consistent:
        start, end = offset_map.project(span.start, span.end)
        # Where the quote occurs whole at that place, it is that occurrence
        # (the diff only aligned a letter of the edit next to it differently).
        if start < end and all(c.end <= start or c.start >= end for c in candidates):
            projected = scorer.candidate(start, end)
            candidates.append(projected)
    clearly_in_place = (
        projected is not None
        and not candidates[:-1]  # the old quote occurs nowhere
        and projected.score >= THRESHOLD
        and len(_occurrences(new, projected.quote)) == 1  # nor does the new one twice
    )
    if not clearly_in_place and not any(c.quote_score == 1.0 for c in candidates):
        candidates.extend(_approximate(scorer, new, span.quote))
    ranked = _distinct(candidates)
    if not ranked:
        return _orphan(span, [], "The passage's text is gone from the article.")
    best = ranked[0]
    runner_up = ranked[1] if len(ranked) > 1 else None
    if best.score >= THRESHOLD and (runner_up is None or best.score - runner_up.score >= MARGIN):
        method = EXACT if best.quote == span.quote else FUZZY
        return Placement(span, method, best.score, best.start, best.end, best.quote, (best,))
    if best.score >= THRESHOLD:
        reason = "Two places in the new text match the passage equally well; an editor must choose."
    elif best.quote_score == 1.0:
        reason = "The passage's text occurs only in other surroundings; an editor must confirm."
    else:
        reason = (
            f"No place in the new text matches the passage well enough (best {best.score:.2f})."
        )
    return _orphan(span, ranked, reason)


def _orphan(span: Span, candidates: list[Candidate], reason: str) -> Placement:
    shown = tuple(
        sorted(
            (c for c in candidates if c.quote_score >= MIN_QUOTE_SIMILARITY),
            key=lambda c: (-c.score, c.start),
        )[:MAX_CANDIDATES]
    )
    score = shown[0].score if shown else 0.0
    return Placement(span, ORPHAN, score, candidates=shown, reason=reason)


def _distinct(candidates: list[Candidate]) -> list[Candidate]:
    """Best first; of overlapping candidates only the best counts (one place)."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-c.score, c.start, c.end)):
        if candidate.quote_score < MIN_QUOTE_SIMILARITY:
            continue
        if all(candidate.end <= other.start or candidate.start >= other.end for other in kept):
            kept.append(candidate)
    return kept


def _approximate(scorer: _Scorer, body: str, quote: str, count: int = 2) -> list[Candidate]:
    """The ``count`` best approximate matches of ``quote`` anywhere in ``body``,
    not overlapping, boundaries refined to the closest text."""
    found: list[Candidate] = []
    masked = body
    for _ in range(count):
        if len(quote) >= len(masked):
            start, end = 0, len(body)
        else:
            alignment = fuzz.partial_ratio_alignment(
                quote, masked, score_cutoff=MIN_QUOTE_SIMILARITY * 100
            )
            if alignment is None:
                break
            start, end = alignment.dest_start, alignment.dest_end
        start, end = _refine(body, quote, start, end)
        if start >= end:
            break
        found.append(scorer.candidate(start, end))
        # Mask it (same length, so offsets hold) to find the next best elsewhere.
        masked = masked[:start] + "\x00" * (end - start) + masked[end:]
    return found


def _refine(body: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Move each boundary by up to a quarter of the quote (at most 16 code
    points) where that brings the text closer to ``quote``."""
    radius = min(16, len(quote) // 4 + 1)

    def sim(s: int, e: int) -> float:
        return similarity(quote, body[s:e]) if s < e else 0.0

    best = sim(start, end)
    for s in range(max(0, start - radius), min(len(body), start + radius) + 1):
        value = sim(s, end)
        if value > best:
            best, start = value, s
    for e in range(max(start + 1, end - radius), min(len(body), end + radius) + 1):
        value = sim(start, e)
        if value > best:
            best, end = value, e
    return start, end
