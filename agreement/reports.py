"""Agreement figures for assignments: per batch, over a date range, per topic
and overall, and pairwise. The admin's report page, the API and the CSV are
all made from ``agreement_report``.

Positions are words: the archive's one tokenisation (``archive.search.
word_spans``) cuts each article's body into words, and a passage covers the
words it touches. A boundary one character off inside a word, or a trailing
full stop, is the same passage; one word more or less is not. A batch's
articles are laid end to end as one continuum.

Over a date range (the articles' publication dates), assignments are pooled:
for the alphas and Fleiss' kappa the editors of each assignment stand as its
first, second, … coder (these measures do not need coders to be the same
people), so assignments are pooled by their number of editors; Cohen's kappa
and span F1 are computed for each pair of editors on the articles they both
annotated.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from agreement import measures
from agreement.models import Assignment
from agreement.selectors import Passage, assignment_passages
from annotations.models import Topic
from archive.models import Article
from archive.search import word_spans


@dataclass(frozen=True)
class TopicFigures:
    topic: str | None  # None: every topic together
    figures: measures.Figures


@dataclass(frozen=True)
class PairRow:
    scope: str  # an assignment's title, or "all" for the pooled pairs
    assignment_id: int | None
    first: str
    second: str
    figures: measures.PairFigures


@dataclass
class BatchReport:
    assignment: Assignment
    editors: list[str]
    articles: int
    words: int
    topics: list[TopicFigures] = field(default_factory=list)
    pairs: list[PairRow] = field(default_factory=list)


@dataclass
class PooledReport:
    editors_per_article: int
    assignments: int
    articles: int
    words: int
    topics: list[TopicFigures] = field(default_factory=list)


@dataclass
class Report:
    published_from: dt.date | None
    published_to: dt.date | None
    batches: list[BatchReport]
    pooled: list[PooledReport]
    pairs: list[PairRow]  # every pair of editors, pooled over the batches
    topic_names: dict[str, str]

    def pair_rows(self) -> list[PairRow]:
        """Every pairwise row: per batch, then pooled."""
        return [row for batch in self.batches for row in batch.pairs] + self.pairs


class _Words:
    """Each article's words, cut once per report."""

    def __init__(self) -> None:
        self._spans: dict[int, tuple[list[int], list[int]]] = {}

    def count(self, article: Article) -> int:
        return len(self._get(article)[0])

    def _get(self, article: Article) -> tuple[list[int], list[int]]:
        if article.pk not in self._spans:
            spans = word_spans(article.body)
            self._spans[article.pk] = ([s for s, _ in spans], [e for _, e in spans])
        return self._spans[article.pk]

    def covered(self, article: Article, start: int, end: int) -> tuple[int, int] | None:
        """The words ``[first, last + 1)`` that ``body[start:end]`` touches, if any."""
        starts, ends = self._get(article)
        first = bisect_right(ends, start)  # the first word ending after start
        last = bisect_left(starts, end)  # the words starting before end
        return (first, last) if first < last else None


def _study(
    pieces: list[tuple[Article, dict[str, list[Passage]]]], coders: tuple[str, ...], words: _Words
) -> measures.Study | None:
    """One continuum of the ``pieces``' articles end to end, with each coder's
    passages on them as spans of words."""
    spans, offset = [], 0
    for article, by_coder in pieces:
        for coder, passages in by_coder.items():
            for passage in passages:
                covered = words.covered(article, passage.start, passage.end)
                if covered is not None:
                    spans.append(
                        measures.Span(
                            coder, passage.topic, offset + covered[0], offset + covered[1]
                        )
                    )
        offset += words.count(article)
    if offset == 0:
        return None
    return measures.Study(length=offset, coders=coders, spans=tuple(spans))


def _topic_figures(study: measures.Study) -> list[TopicFigures]:
    rows = [TopicFigures(topic, measures.figures(study, topic)) for topic in study.topics]
    rows.append(TopicFigures(None, measures.figures(study)))
    return rows


def _in_range(articles, published_from, published_to):
    if published_from is not None:
        articles = articles.filter(published_on__gte=published_from)
    if published_to is not None:
        articles = articles.filter(published_on__lte=published_to)
    return articles


def agreement_report(
    *,
    assignments=None,
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
) -> Report:
    """The agreement of ``assignments`` (all by default), counting only their
    articles published in the range when one is given."""
    if assignments is None:
        assignments = Assignment.objects.all()
    assignments = list(assignments.prefetch_related("editors").order_by("created_at", "id"))
    words = _Words()
    batches: list[BatchReport] = []
    pooled_pieces: dict[int, list] = defaultdict(list)
    pooled_assignments: dict[int, set[int]] = defaultdict(set)
    pair_pieces: dict[tuple[str, str], list] = defaultdict(list)
    for assignment in assignments:
        editors = sorted(assignment.editors.all(), key=lambda u: u.get_username())
        names = {editor.pk: editor.get_username() for editor in editors}
        coders = tuple(names.values())
        articles = list(
            _in_range(assignment.articles.all(), published_from, published_to).order_by("pk")
        )
        if not articles or len(coders) < 2:
            continue
        by_article: dict[int, dict[str, list[Passage]]] = {
            a.pk: {name: [] for name in coders} for a in articles
        }
        for passage in assignment_passages(assignment):
            if passage.article_id in by_article and passage.editor_id in names:
                by_article[passage.article_id][names[passage.editor_id]].append(passage)
        pieces = [(article, by_article[article.pk]) for article in articles]
        study = _study(pieces, coders, words)
        if study is None:
            continue
        batch = BatchReport(
            assignment=assignment,
            editors=list(coders),
            articles=len(articles),
            words=study.length,
            topics=_topic_figures(study),
        )
        for topic in (*study.topics, None):
            for pair in measures.pair_figures(study, topic):
                batch.pairs.append(
                    PairRow(assignment.title, assignment.pk, pair.first, pair.second, pair)
                )
        batches.append(batch)
        slots = tuple(str(n) for n in range(1, len(coders) + 1))
        for article, by_coder in pieces:
            pooled_pieces[len(coders)].append(
                (article, dict(zip(slots, by_coder.values(), strict=True)))
            )
            for first, second in _pairs(coders):
                pair_pieces[first, second].append(
                    (article, {first: by_coder[first], second: by_coder[second]})
                )
        pooled_assignments[len(coders)].add(assignment.pk)

    pooled = []
    for count in sorted(pooled_pieces):
        pieces = pooled_pieces[count]
        study = _study(pieces, tuple(str(n) for n in range(1, count + 1)), words)
        pooled.append(
            PooledReport(
                editors_per_article=count,
                assignments=len(pooled_assignments[count]),
                articles=len(pieces),
                words=study.length,
                topics=_topic_figures(study),
            )
        )
    pairs = []
    for (first, second), pieces in sorted(pair_pieces.items()):
        study = _study(pieces, (first, second), words)
        for topic in (*study.topics, None):
            (pair,) = measures.pair_figures(study, topic)
            pairs.append(PairRow("all", None, first, second, pair))
    return Report(
        published_from=published_from,
        published_to=published_to,
        batches=batches,
        pooled=pooled,
        pairs=pairs,
        topic_names={t.slug: t.name_en for t in Topic.objects.all()},
    )


def _pairs(coders: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(coders) for b in coders[i + 1 :]]


FIGURE_FIELDS = (
    "unitizing_alpha",
    "nominal_alpha",
    "cohen_kappa",
    "fleiss_kappa",
    "f1_exact",
    "f1_overlap",
)
PAIR_FIELDS = ("cohen_kappa", "f1_exact", "f1_overlap")


def _rounded(value: float | None) -> float | None:
    # + 0.0: a kappa of -8e-17 (floating-point noise for "no agreement beyond
    # chance") rounds to -0.0, which a report would print as "-0.0".
    return None if value is None else round(value, 4) + 0.0


def _topic_dict(row: TopicFigures) -> dict:
    return {
        "topic": row.topic,
        "spans": row.figures.spans,
        **{name: _rounded(getattr(row.figures, name)) for name in FIGURE_FIELDS},
    }


def pair_dict(row: PairRow) -> dict:
    return {
        "scope": row.scope,
        "assignment": row.assignment_id,
        "topic": row.figures.topic,
        "first": row.first,
        "second": row.second,
        "first_spans": row.figures.first_spans,
        "second_spans": row.figures.second_spans,
        **{name: _rounded(getattr(row.figures, name)) for name in PAIR_FIELDS},
    }


def report_dict(report: Report) -> dict:
    """The report as JSON-ready data (figures rounded to four places; an
    undefined figure is ``None``)."""
    return {
        "published_from": report.published_from,
        "published_to": report.published_to,
        "batches": [
            {
                "assignment": batch.assignment.pk,
                "title": batch.assignment.title,
                "status": batch.assignment.status,
                "editors": batch.editors,
                "articles": batch.articles,
                "words": batch.words,
                "topics": [_topic_dict(row) for row in batch.topics],
                "pairs": [pair_dict(row) for row in batch.pairs],
            }
            for batch in report.batches
        ],
        "pooled": [
            {
                "editors_per_article": pooled.editors_per_article,
                "assignments": pooled.assignments,
                "articles": pooled.articles,
                "words": pooled.words,
                "topics": [_topic_dict(row) for row in pooled.topics],
            }
            for pooled in report.pooled
        ],
        "pairs": [pair_dict(row) for row in report.pairs],
    }
