"""Inter-annotator agreement over passages, as plain Python (no Django import).

The input is a ``Study``: a continuum of ``length`` positions (the archive uses
the words of one article, or of a batch of articles laid end to end), the
coders who annotated all of it, and their ``Span``\\ s, each a run of positions
``[start, end)`` tagged with one topic. A passage carrying several topics is
several spans with the same positions, one per topic: every measure is computed
per topic, so such a passage counts once for each of its topics.

Measures, each per topic and overall:

- Krippendorff's unitizing alpha (``unitizing_alpha``): the span-level measure,
  following Krippendorff, *Content Analysis* (2nd ed., 2004, section 12.4):
  squared differences of the boundaries of overlapping units, the length of a
  unit that falls in another coder's gap. Overall, ``1 - sum(D_o) / sum(D_e)``
  over the topics.
- Krippendorff's nominal alpha (``nominal_alpha``), Cohen's kappa
  (``cohen_kappa``, two coders) and Fleiss' kappa (``fleiss_kappa``, any number)
  over positions: each position is a unit, each coder says 1 (inside a span of
  the topic) or 0. Overall, the units are the (position, topic) pairs.
- Span F1 (``span_f1``), pairwise, exact (same start and end) and overlap (a
  span counts as found when the other coder has one of the same topic sharing
  a position). Overall, spans of every topic pooled (micro F1).

A figure that is undefined (no variation at all: nobody tagged the topic, or
every coder tagged every position) is ``None``, never a made-up 0 or 1.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import krippendorff
import numpy as np


@dataclass(frozen=True, order=True)
class Span:
    """A run of positions ``[start, end)`` that ``coder`` tagged with ``topic``."""

    coder: str
    topic: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"A span needs 0 <= start < end, not {self.start}..{self.end}.")


@dataclass(frozen=True)
class Study:
    """Every coder's spans over one continuum of ``length`` positions."""

    length: int
    coders: tuple[str, ...]
    spans: tuple[Span, ...] = ()
    topics: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if len(set(self.coders)) != len(self.coders):
            raise ValueError("Each coder may appear only once.")
        for span in self.spans:
            if span.coder not in self.coders:
                raise ValueError(f"Span by {span.coder!r}, who is not one of the coders.")
            if span.end > self.length:
                raise ValueError(f"Span {span.start}..{span.end} ends past {self.length}.")
        if not self.topics:
            object.__setattr__(self, "topics", tuple(sorted({s.topic for s in self.spans})))
        by_coder_topic: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for span in self.spans:
            by_coder_topic.setdefault((span.coder, span.topic), []).append((span.start, span.end))
        object.__setattr__(self, "_runs", by_coder_topic)

    def units(self, coder: str, topic: str) -> list[tuple[int, int]]:
        """``coder``'s spans of ``topic`` as sorted, non-overlapping runs: a
        coder's overlapping or touching spans of one topic are merged, since
        unitizing allows a position to be in a topic's unit only once."""
        runs = sorted(self._runs.get((coder, topic), ()))
        merged: list[list[int]] = []
        for start, end in runs:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [(start, end) for start, end in merged]

    def marks(self, coder: str, topic: str) -> np.ndarray:
        """1 for each position inside one of ``coder``'s spans of ``topic``."""
        vector = np.zeros(self.length, dtype=np.int8)
        for start, end in self.units(coder, topic):
            vector[start:end] = 1
        return vector

    def pooled_marks(self, coder: str) -> np.ndarray:
        """``marks`` for every topic in turn: units are (position, topic) pairs."""
        if not self.topics:
            return np.zeros(0, dtype=np.int8)
        return np.concatenate([self.marks(coder, topic) for topic in self.topics])


# Krippendorff's unitizing alpha -------------------------------------------------


@dataclass(frozen=True)
class UnitizingResult:
    observed: float  # D_o
    expected: float  # D_e
    alpha: float | None


def _segments(units: list[tuple[int, int]], length: int) -> list[tuple[int, int, bool]]:
    """The continuum cut into ``(start, end, is_unit)``: the units and the gaps between."""
    segments, position = [], 0
    for start, end in units:
        if start > position:
            segments.append((position, start, False))
        segments.append((start, end, True))
        position = end
    if position < length:
        segments.append((position, length, False))
    return segments


def _distance(a: tuple[int, int, bool], b: tuple[int, int, bool]) -> int:
    """Krippendorff's squared distance between two coders' segments."""
    (a_start, a_end, a_unit), (b_start, b_end, b_unit) = a, b
    if a_unit and b_unit:
        if a_start < b_end and b_start < a_end:  # overlapping units
            return (a_start - b_start) ** 2 + (a_end - b_end) ** 2
        return 0
    if a_unit and not b_unit and b_start <= a_start and a_end <= b_end:
        return (a_end - a_start) ** 2  # a unit lying wholly in the other's gap
    if b_unit and not a_unit and a_start <= b_start and b_end <= a_end:
        return (b_end - b_start) ** 2
    return 0


def _observed(study: Study, topic: str) -> float:
    m, length = len(study.coders), study.length
    segmented = [_segments(study.units(coder, topic), length) for coder in study.coders]
    total = 0
    for first, second in combinations(segmented, 2):
        # Both are partitions of the continuum in order: walk them side by
        # side, meeting each overlapping pair of segments once.
        i = j = 0
        while i < len(first) and j < len(second):
            total += _distance(first[i], second[j])
            if first[i][1] <= second[j][1]:
                i += 1
            else:
                j += 1
    # Each unordered pair of coders stands for both orders.
    return 2 * total / (m * (m - 1) * length**2)


def _expected(study: Study, topic: str) -> float:
    m, length = len(study.coders), study.length
    units, gaps = [], []
    for coder in study.coders:
        for start, end, is_unit in _segments(study.units(coder, topic), length):
            (units if is_unit else gaps).append(end - start)
    n_units = len(units)
    gaps.sort()
    # suffix[k] = sum(gaps[k:]): the gaps at least as long as a unit, summed at once.
    suffix = [0] * (len(gaps) + 1)
    for k in range(len(gaps) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + gaps[k]
    total = 0.0
    for unit in units:
        total += (n_units - 1) / 3 * (2 * unit**3 - 3 * unit**2 + unit)
        # Places a unit of this length fits in the gaps: sum(gap - unit + 1).
        first = bisect_left(gaps, unit)
        total += unit**2 * (suffix[first] - (unit - 1) * (len(gaps) - first))
    denominator = m * length * (m * length - 1) - sum(unit * (unit - 1) for unit in units)
    return (2 / length) * total / denominator


def unitizing_alpha(study: Study, topic: str) -> UnitizingResult:
    """Krippendorff's unitizing alpha (u-alpha) of ``topic``: 1 when every coder
    marks the same units, 0 at chance, below 0 when disagreement is systematic."""
    _check_coders(study)
    observed, expected = _observed(study, topic), _expected(study, topic)
    alpha = None if expected == 0 else 1 - observed / expected
    return UnitizingResult(observed=observed, expected=expected, alpha=alpha)


def unitizing_alpha_overall(study: Study) -> UnitizingResult:
    """Unitizing alpha over every topic: ``1 - sum(D_o) / sum(D_e)``."""
    results = [unitizing_alpha(study, topic) for topic in study.topics]
    observed = sum(r.observed for r in results)
    expected = sum(r.expected for r in results)
    alpha = None if expected == 0 else 1 - observed / expected
    return UnitizingResult(observed=observed, expected=expected, alpha=alpha)


# Position-level coefficients ------------------------------------------------------


def nominal_alpha(matrix: np.ndarray) -> float | None:
    """Krippendorff's alpha for nominal data (the ``krippendorff`` package):
    ``matrix`` is coders × units. ``None`` when every value is the same."""
    if matrix.size == 0 or len(np.unique(matrix)) < 2:
        return None
    if set(np.unique(matrix)) <= {0, 1}:
        # Binary decisions: hand the package each unit's counts of 0 and 1
        # directly (it would otherwise count them itself, slowly, on long texts).
        ones = matrix.sum(axis=0)
        counts = np.stack([matrix.shape[0] - ones, ones], axis=1)
        return float(krippendorff.alpha(value_counts=counts, level_of_measurement="nominal"))
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))


def cohen_kappa(first: Sequence[int], second: Sequence[int]) -> float | None:
    """Cohen's kappa of two coders' binary decisions over the same units."""
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if a.shape != b.shape:
        raise ValueError("Both coders must judge the same units.")
    if a.size == 0:
        return None
    observed = float(np.mean(a == b))
    p_a, p_b = float(a.mean()), float(b.mean())
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def fleiss_kappa(matrix: np.ndarray) -> float | None:
    """Fleiss' kappa: ``matrix`` is coders × units of binary decisions."""
    raters, units = matrix.shape
    if units == 0 or raters < 2:
        return None
    ones = matrix.sum(axis=0).astype(float)
    counts = np.stack([raters - ones, ones])  # categories × units
    agreement = ((counts**2).sum(axis=0) - raters) / (raters * (raters - 1))
    observed = float(agreement.mean())
    shares = counts.sum(axis=1) / (units * raters)
    expected = float((shares**2).sum())
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


# Span F1 ----------------------------------------------------------------------------


@dataclass(frozen=True)
class F1:
    exact: float | None
    overlap: float | None


class _Index:
    """Spans of each topic by start, with the furthest end reached so far: is
    there one overlapping ``[start, end)``? in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[str, int, int]]) -> None:
        by_topic: dict[str, list[tuple[int, int]]] = {}
        for topic, start, end in spans:
            by_topic.setdefault(topic, []).append((start, end))
        self._starts: dict[str, list[int]] = {}
        self._reach: dict[str, list[int]] = {}
        for topic, runs in by_topic.items():
            runs.sort()
            reach, furthest = [], -1
            for _, end in runs:
                furthest = max(furthest, end)
                reach.append(furthest)
            self._starts[topic] = [start for start, _ in runs]
            self._reach[topic] = reach

    def overlaps(self, span: tuple[str, int, int]) -> bool:
        topic, start, end = span
        starts = self._starts.get(topic)
        if not starts:
            return False
        before = bisect_left(starts, end) - 1  # the last span starting before ``end``
        return before >= 0 and self._reach[topic][before] > start


def span_f1(first: Iterable[tuple[str, int, int]], second: Iterable[tuple[str, int, int]]) -> F1:
    """F1 of two coders' ``(topic, start, end)`` spans, either as the reference.

    Exact: a span counts only if the other coder has the same topic, start and
    end. Overlap: it counts if the other has a span of the topic sharing a
    position. ``None`` when neither coder has a span.
    """
    a, b = set(first), set(second)
    if not a and not b:
        return F1(exact=None, overlap=None)
    exact = 2 * len(a & b) / (len(a) + len(b))
    in_a, in_b = _Index(a), _Index(b)
    precision = sum(in_b.overlaps(span) for span in a) / len(a) if a else 0.0
    recall = sum(in_a.overlaps(span) for span in b) / len(b) if b else 0.0
    overlap = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return F1(exact=exact, overlap=overlap)


# A study's figures --------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """All the measures for one topic (or overall, ``topic`` = ``None``)."""

    topic: str | None
    spans: int
    unitizing_alpha: float | None
    nominal_alpha: float | None
    cohen_kappa: float | None  # two coders only
    fleiss_kappa: float | None
    f1_exact: float | None  # the mean over pairs of coders
    f1_overlap: float | None


@dataclass(frozen=True)
class PairFigures:
    """Two coders' figures for one topic (or overall)."""

    topic: str | None
    first: str
    second: str
    first_spans: int
    second_spans: int
    cohen_kappa: float | None
    f1_exact: float | None
    f1_overlap: float | None


def _check_coders(study: Study) -> None:
    if len(study.coders) < 2:
        raise ValueError("Agreement needs at least two coders.")
    if study.length == 0:
        raise ValueError("Agreement needs a continuum of at least one position.")


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _tuples(study: Study, coder: str, topic: str | None) -> set[tuple[str, int, int]]:
    topics = study.topics if topic is None else (topic,)
    return {(t, start, end) for t in topics for start, end in study.units(coder, t)}


def pair_figures(study: Study, topic: str | None = None) -> list[PairFigures]:
    """Cohen's kappa and span F1 for every pair of coders, on ``topic`` or
    (``None``) over every topic."""
    _check_coders(study)
    rows = []
    for first, second in combinations(study.coders, 2):
        if topic is None:
            marks_a, marks_b = study.pooled_marks(first), study.pooled_marks(second)
        else:
            marks_a, marks_b = study.marks(first, topic), study.marks(second, topic)
        spans_a, spans_b = _tuples(study, first, topic), _tuples(study, second, topic)
        f1 = span_f1(spans_a, spans_b)
        rows.append(
            PairFigures(
                topic=topic,
                first=first,
                second=second,
                first_spans=len(spans_a),
                second_spans=len(spans_b),
                cohen_kappa=cohen_kappa(marks_a, marks_b),
                f1_exact=f1.exact,
                f1_overlap=f1.overlap,
            )
        )
    return rows


def figures(study: Study, topic: str | None = None) -> Figures:
    """Every measure on ``topic``, or (``None``) over every topic."""
    _check_coders(study)
    if topic is None:
        matrix = np.stack([study.pooled_marks(coder) for coder in study.coders])
        unitizing = unitizing_alpha_overall(study)
    else:
        matrix = np.stack([study.marks(coder, topic) for coder in study.coders])
        unitizing = unitizing_alpha(study, topic)
    pairs = pair_figures(study, topic)
    return Figures(
        topic=topic,
        spans=sum(len(_tuples(study, coder, topic)) for coder in study.coders),
        unitizing_alpha=unitizing.alpha,
        nominal_alpha=nominal_alpha(matrix),
        cohen_kappa=pairs[0].cohen_kappa if len(study.coders) == 2 else None,
        fleiss_kappa=fleiss_kappa(matrix),
        f1_exact=_mean(p.f1_exact for p in pairs),
        f1_overlap=_mean(p.f1_overlap for p in pairs),
    )
