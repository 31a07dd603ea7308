"""Arabic full-text search over articles, the same answers on PostgreSQL and SQLite.

Index and query go through the same steps, so they always agree on what "the
same word" is: ``normalize_arabic`` (alef variants, ة/ه, ى/ي, diacritics,
tatweel, presentation forms, digits), then one search-only fold (a final ``يا``
reads as ``يه``, so ``سوريا`` meets ``سورية``), then PyStemmer's ``arabic``
Snowball stemmer (the stemmer PostgreSQL's ``arabic`` configuration uses).

The result is kept in ``Article.search_text``: the stems, space separated, in
text order. ``Article.save()`` recomputes it whenever the title, summary or
body is saved; the loader's bulk inserts, which bypass ``save()``, take it from
``article_search_text`` run in the loader's worker (``archive.preparing``).

- PostgreSQL: a stored generated ``tsvector`` column ``search_vector`` =
  ``to_tsvector('simple', search_text)`` with a GIN index (migration 0002). The
  ``simple`` configuration only lower-cases: the stemming is already done, the
  same way as for the query. Ranked by where each wanted word stands in a
  small vector of weighted stems: the title (A), the lede and the body's stems
  that recur three times or more (B), those that occur twice (C) (migration
  0011); a page of the public's results is read from a third GIN index, of
  those stems tagged with their group (``ranked_page``, migration 0023). A
  two-word phrase is looked up as one entry of a second GIN index, over every
  pair of consecutive stems of ``search_text`` (``archive_search_pairs``,
  migration 0006): checking word positions instead means reading every
  candidate's whole vector from TOAST.
- SQLite (development and tests): a token match over the same column
  (``' ' || search_text || ' ' LIKE '% stem %'``); a phrase is consecutive
  stems, so it matches as a phrase. No index: SQLite serves the five seeds, not
  a corpus.

Query syntax (like ``websearch_to_tsquery``): words are ANDed, ``"a phrase"``
matches as a phrase, ``-word`` excludes. Snippets are made in Python on both
databases (``snippet``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from html import escape

import Stemmer
from django.db import connection, transaction
from django.db.models import BooleanField, F, FloatField, IntegerField, Max, Min, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from archive.normalization import normalize_arabic, normalize_arabic_with_offsets
from archive.normalization import words as normalized_words

_WORD = re.compile(r"\w+")
_STEMMER = Stemmer.Stemmer("arabic")


def _fold(word: str) -> str:
    # سوريا / سورية, تركيا / تركية: the same name in two spellings.
    if len(word) >= 4 and word.endswith("يا"):
        return word[:-1] + "ه"
    return word


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(_fold(word.lower()))


def search_terms(text: str) -> list[str]:
    """The stems of ``text``'s words, in order, as search indexes and matches them."""
    return list(map(_stem, normalized_words(normalize_arabic(text))))


def word_spans(text: str) -> list[tuple[int, int]]:
    """The words of ``text`` as ``search_terms`` finds them, each as its
    ``(start, end)`` code-point offsets into ``text`` itself. A word's harakat
    and tatweel are part of it (they never split it, as normalisation drops
    them before words are found)."""
    normalised, origin = normalize_arabic_with_offsets(text)
    # origin[end] is where the next kept character comes from: what lies
    # between (dropped diacritics) belongs to the word.
    return [(origin[m.start()], origin[m.end()]) for m in _WORD.finditer(normalised)]


def search_text(*parts: str) -> str:
    """The stems of ``parts``' words, space separated, in text order: what a
    ``search_text`` column holds."""
    return " ".join(search_terms("\n".join(parts)))


def article_search_text(title: str, summary: str, body: str) -> str:
    """The value of ``Article.search_text`` for these fields."""
    return article_search_fields(title, summary, body)[0]


# What ranks an article for a search (PostgreSQL's ``rank_vector``, migration
# 0011): three groups of stems, "|"-separated, weighted A, B and C.
LEDE_STEMS = 40  # the body's opening stems: its lede
RANK_GROUP_CAP = 80  # stems per group at most: the vector stays small (about 1 kB), inline
_RANK_MIN_LENGTH = 3  # shorter stems are particles (في, من): no evidence


def article_search_fields(title: str, summary: str, body: str) -> tuple[str, str]:
    """``(search_text, rank_terms)`` for these fields, from one pass over the
    words: the values of ``Article.search_text`` and ``Article.rank_terms``.

    ``rank_terms`` is what the article is about, as stems:

    - A: the title's stems;
    - B: the summary, the lede (the body's first ``LEDE_STEMS`` stems) and
      every body stem that occurs three times or more;
    - C: the body stems that occur twice.

    An article that names the terms in its headline ranks first, then one
    that keeps coming back to them deep in its body, then one that names
    them once in passing (rank 0). Ranking the whole body's vector instead
    would read kilobytes per match from TOAST (see migration 0005)."""
    title_terms, summary_terms, body_terms = (
        search_terms(title),
        search_terms(summary),
        search_terms(body),
    )
    counts: dict[str, int] = {}
    for term in body_terms:
        counts[term] = counts.get(term, 0) + 1
    frequent = [t for t, n in counts.items() if n >= 3 and len(t) >= _RANK_MIN_LENGTH]
    repeated = [t for t, n in counts.items() if n == 2 and len(t) >= _RANK_MIN_LENGTH]
    groups = (
        _distinct(title_terms),
        _distinct([*summary_terms, *body_terms[:LEDE_STEMS], *frequent]),
        _distinct(repeated),
    )
    rank_terms = "|".join(" ".join(group[:RANK_GROUP_CAP]) for group in groups)
    return " ".join([*title_terms, *summary_terms, *body_terms]), rank_terms


def _distinct(terms: list[str]) -> list[str]:
    return list(dict.fromkeys(terms))


def passage_search_text(quote: str, note: str) -> str:
    """The value of ``Annotation.search_text``: its passage and the editor's note."""
    return search_text(quote, note)


PAIR_JOINER = "+"  # not a word character: a pair is never mistaken for a stem

# What PostgreSQL's pair index is built on (migration 0006), for published
# articles: the pairs of consecutive stems of search_text, "a+b", as a tsvector
# without positions. A query without positions or weights is answered by a GIN
# index alone.
PAIRS_VECTOR = "archive_search_pairs({table}.search_text)"


@dataclass(frozen=True)
class Clause:
    terms: tuple[str, ...]  # one stem, or a phrase of consecutive stems
    negated: bool = False


_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def parse_query(query: str) -> list[Clause]:
    """Clauses of a search: words, "quoted phrases", -excluded words or phrases."""
    clauses = []
    for match in _QUERY_PART.finditer(query):
        if match.group(2) is not None:
            negated, text = bool(match.group(1)), match.group(2)
        else:
            negated, text = bool(match.group(3)), match.group(4)
        terms = tuple(search_terms(text))
        if terms:
            clauses.append(Clause(terms, negated))
    return clauses


def has_positive_clause(clauses: list[Clause]) -> bool:
    return any(not clause.negated for clause in clauses)


def _quote(term: str) -> str:
    return "'" + term.replace("'", "''") + "'"


def _tsquery(clauses: list[Clause]) -> str:
    parts = []
    for clause in clauses:
        text = " <-> ".join(_quote(term) for term in clause.terms)
        if len(clause.terms) > 1:
            text = f"({text})"
        parts.append(f"!{text}" if clause.negated else text)
    return " & ".join(parts)


def _pairs_tsquery(clauses: list[Clause]) -> str:
    """The pairs of consecutive stems every wanted phrase contains."""
    return " & ".join(
        _quote(PAIR_JOINER.join(pair))
        for clause in clauses
        if not clause.negated and len(clause.terms) > 1
        for pair in zip(clause.terms, clause.terms[1:], strict=False)
    )


@contextmanager
def prefer_search_index() -> Iterator[None]:
    """Run a ranked search with its GIN index, even when it matches most articles.

    PostgreSQL's planner does not count what a sequential scan pays to
    decompress every article's ``search_vector`` to test the match, so for a
    broad query it picks that scan: 100 ms where the index takes 15 ms on
    20,000 articles. Inside this block (one transaction) sequential scans are
    priced out, and each search is planned for its own terms: a prepared
    statement's generic plan, blind to how many articles the terms match,
    took half as long again. No parallel workers either: starting one took
    6 ms to read a span of ids that took 0.6. Nothing changes on SQLite.
    """
    if connection.vendor != "postgresql":
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('plan_cache_mode'), "
                "current_setting('max_parallel_workers_per_gather'), "
                "set_config('enable_seqscan', 'off', true), "
                "set_config('plan_cache_mode', 'force_custom_plan', true), "
                "set_config('max_parallel_workers_per_gather', '0', true)"
            )
            seqscan, plan_cache_mode, workers, *_ = cursor.fetchone()
        yield
        if nested:
            # Inside an outer transaction the settings would last until that
            # one ends: restore them. (On an error the rollback of this block
            # restores them; without an outer one, the commit does.)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('enable_seqscan', %s, true), "
                    "set_config('plan_cache_mode', %s, true), "
                    "set_config('max_parallel_workers_per_gather', %s, true)",
                    [seqscan, plan_cache_mode, workers],
                )


def search_index_refresh() -> None:
    """After a bulk load on PostgreSQL: move the GIN indexes' pending entries into
    the indexes proper (until then every search scans them) and refresh the
    planner's statistics."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for index in ("archive_article_search_vector_idx", "archive_article_search_pairs_idx"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE archive_article")


def search_articles(queryset: QuerySet, query: str, *, published_only: bool = False) -> QuerySet:
    """``queryset`` narrowed to the articles matching ``query``, annotated with
    ``search_rank`` (higher is better; 0 on SQLite). ``published_only``: the
    caller searches published articles only (the public), which PostgreSQL's
    phrase index covers."""
    clauses = parse_query(query)
    if not has_positive_clause(clauses):
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField())).none()
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(queryset.model._meta.db_table)
        vector_match = f"{table}.search_vector @@ to_tsquery('simple', %s)"
        matches = []  # (condition, its param, what the planner estimates instead)
        positional = clauses
        pairs = _pairs_tsquery(clauses) if published_only else ""
        if pairs:
            # A wanted two-word phrase is exactly its pair, so it needs no word
            # positions; longer phrases are narrowed by their pairs, then
            # checked. The pair index covers published articles only (the
            # condition on status is written out so the planner can see that).
            positional = [c for c in clauses if c.negated or len(c.terms) != 2]
            phrases = [c for c in clauses if not c.negated and len(c.terms) > 1]
            matches.append(
                (
                    f"{table}.status = 'published' AND "
                    f"{PAIRS_VECTOR.format(table=table)} @@ %s::tsquery",
                    pairs,
                    (vector_match, [_tsquery(phrases)]),
                )
            )
        if positional:
            matches.append((vector_match, _tsquery(positional), None))
        for condition, param, planned_as in matches:
            queryset = where_sql(queryset, condition, [param])
            match = queryset.query.where.children[-1]
            match.search_match = True  # see without_search_match
            if planned_as is not None:
                match.planned_as = planned_as  # see planner_view
        return queryset.annotate(search_rank=_rank_expression(table, clauses))
    return _match_tokens(queryset, clauses)


def planner_view(queryset: QuerySet) -> QuerySet:
    """``queryset`` (maybe a ``search_articles`` result) as the planner should
    estimate it: its phrases tested on ``search_vector``, whose statistics
    PostgreSQL keeps, rather than by the pair index, whose statistics it
    ignores (a partial index's), guessing 0.5% of the articles for any pair:
    950 for a phrase in 59,791 of 200,000, which the list then counted
    (27 ms). For an EXPLAIN only: the rows are the same, not the plan."""
    view = queryset.all()
    where = view.query.where
    stand_ins = [child.planned_as for child in where.children if hasattr(child, "planned_as")]
    if not stand_ins:
        return queryset
    where.children = [child for child in where.children if not hasattr(child, "planned_as")]
    for sql, params in stand_ins:
        view = where_sql(view, sql, params)
    return view


def without_search_match(queryset: QuerySet) -> QuerySet:
    """``queryset`` (a ``search_articles`` result on PostgreSQL, maybe filtered
    further) without the match itself, its other filters and ``search_rank``
    kept: for reading rows already known to match, whose match would be tested
    again row by row (each article's search vector read from TOAST)."""
    unmatched = queryset.all()
    where = unmatched.query.where
    assert where.connector == "AND" and not where.negated, "a search is ANDed to its filters"
    kept = [child for child in where.children if not getattr(child, "search_match", False)]
    assert len(kept) < len(where.children), "a search match"
    where.children = kept
    return unmatched


# An article's rank for a search (PostgreSQL): how far up its ``rank_terms``
# each wanted word or phrase is, from the small weighted vector of the
# title (A), the lede and recurring stems (B) and those named twice (C)
# (``article_search_fields``, migration 0011), never the whole body's: 3 for a
# clause the title names, 2 for one the lede names or the body keeps coming
# back to, 1 for one named twice, 0 for a passing mention; their sum over the
# wanted clauses, divided by its maximum, is ``search_rank`` (1.0: every
# clause in the headline). Ties go to the newest article. The same levels are
# the groups of the rank-key index (migration 0023), so that ``ranked_page``
# reads a page of the best matches without ranking every match.
LEVELS = 3
_LEVEL_WEIGHTS = {3: "A", 2: "AB", 1: ""}  # tsquery weight restrictions ("" = any group)
_LEVEL_TAGS = {3: "a", 2: "ab", 1: "abc"}  # the rank keys' group tags (migration 0023)


def _wanted(clauses: list[Clause]) -> list[Clause]:
    return [clause for clause in clauses if not clause.negated]


def _rank_expression(table: str, clauses: list[Clause]) -> RawSQL:
    sql, params = _score_sql(table, clauses)
    maximum = LEVELS * len(_wanted(clauses))
    return RawSQL(f"(({sql})::float / {maximum})", params, output_field=FloatField())


def _score_sql(table: str, clauses: list[Clause]) -> tuple[str, list[str]]:
    """SQL of an article's score (the sum of its wanted clauses' levels), and its params."""
    levels, params = [], []
    for clause in _wanted(clauses):
        cases = []
        for level in (3, 2, 1):
            weight = f":{_LEVEL_WEIGHTS[level]}" if _LEVEL_WEIGHTS[level] else ""
            cases.append(f"WHEN {table}.rank_vector @@ to_tsquery('simple', %s) THEN {level}")
            params.append(" & ".join(_quote(term) + weight for term in clause.terms))
        levels.append(f"(CASE {' '.join(cases)} ELSE 0 END)")
    return " + ".join(levels), params


# What PostgreSQL's rank-key index is built on (migration 0023), for published
# articles: each stem of ``rank_terms`` once, tagged with the best group it is
# in ("a+stem" the title, "b+stem" lede and recurring, "c+stem" named twice).
RANK_KEYS = "archive_rank_keys({table}.rank_terms)"
RANKED_CLAUSES_MAX = 3  # 4 ** 3 combinations of levels at most


@dataclass(frozen=True)
class RankedPosition:
    """Where a page of ``ranked_page`` starts: after the article ``id`` of rank
    ``score`` (the sum of its clauses' levels)."""

    score: int
    id: int


def ranked_page(
    queryset: QuerySet,
    query: str,
    *,
    after: RankedPosition | None,
    limit: int,
    reverse: bool = False,
    matches: int | None = None,
) -> list[RankedPosition] | None:
    """The next ``limit`` articles of ``queryset`` (a ``search_articles``
    result for the public, ``published_only``) in rank order, best first, then
    newest: ``(score, id)`` of each, strictly after ``after``; with
    ``reverse``, the ``limit`` before it, nearest first. ``None`` where this
    cannot be done (SQLite, more than ``RANKED_CLAUSES_MAX`` wanted clauses):
    order by ``search_rank`` instead.

    Ranking every match reads every match's rank vector (2.5 s for a word in
    30,000 of 200,000 articles on a loaded machine). Here each score is read
    by itself, best first, from the rank keys' GIN index (migration 0023), the
    newest first, span of ids by span (``_newest_first``), until the page is
    full: a page of a broad search reads a few dozen rows of the articles
    whose headline names the terms, not every match. Only the last group,
    passing mentions, is told apart row by row (the matches the index does
    not hold: a page reaches it when the better groups hold fewer rows than
    it needs). ``matches``, the search's count or estimate, when given and
    under ``RANKED_WHOLE_BELOW``: no group holds more, and each is read in one
    query (a word in one week's 1,798 articles took three spans of 4 ms each,
    every one building the word's whole bitmap)."""
    if connection.vendor != "postgresql":
        return None
    clauses = parse_query(query)
    wanted = _wanted(clauses)
    if not 1 <= len(wanted) <= RANKED_CLAUSES_MAX:
        return None
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    scores = range(LEVELS * len(wanted), -1, -1)
    if reverse:
        scores = reversed(scores)
    bounds = queryset.model.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return []
    # Where every clause has a level above 0, the rank keys name every wanted
    # word: there the match itself needs testing only for phrases (the order of
    # their words), row by row in the few rows the keys find, and excluded
    # words. A phrase is tested as its consecutive stems in search_text (0.04
    # ms a row) rather than by deriving the row's pairs (0.33 ms: a phrase in
    # 60,000 of 200,000 articles took 20 ms for 48 rows).
    if any(clause.negated for clause in clauses):
        keyed = queryset
    else:
        keyed = without_search_match(queryset)
        for clause in clauses:
            if len(clause.terms) > 1:
                keyed = where_sql(keyed, *_token_condition(table, clause))
    whole = matches is not None and matches < RANKED_WHOLE_BELOW
    found: list[RankedPosition] = []
    for score in scores:
        if after is not None and (score < after.score if reverse else score > after.score):
            continue
        # A clause of level 0 is not in the keys: its articles must match it.
        every_clause_keyed = score >= LEVELS * (len(wanted) - 1) + 1
        base = keyed if every_clause_keyed else queryset
        group = base.filter(_score_condition(table, wanted, score))
        start = after.id if after is not None and score == after.score else None
        ids = _newest_first(
            group, bounds, start=start, limit=limit - len(found), reverse=reverse, whole=whole
        )
        found.extend(RankedPosition(score, pk) for pk in ids)
        if len(found) >= limit:
            break
    return found


RANKED_WINDOW = 1024  # ids: the first span of ids a group is read in
RANKED_WHOLE_BELOW = 5000  # matches: fewer, and a group is read in one query


# Matches: a search with fewer is scored in one query. Scoring reads each
# match's rank vector from TOAST: 34 matches (a name) took 68 ms against 250 a
# group at a time, 1,798 (a word in one week) 300 ms against 130.
RANKED_SCORED_BELOW = 500


def scored_matches(
    queryset: QuerySet, query: str, *, after: RankedPosition | None, reverse: bool = False
) -> QuerySet | None:
    """``queryset`` (as for ``ranked_page``) with each row's ``search_score``,
    in rank order, strictly after ``after`` (before it, nearest first, with
    ``reverse``): for a search with fewer than ``RANKED_SCORED_BELOW`` matches,
    which one query scores from their rank vectors, rows and all, sooner than
    ``ranked_page`` reads them a group at a time. ``None`` where
    ``ranked_page`` would give ``None``."""
    clauses = parse_query(query)
    if connection.vendor != "postgresql" or not 1 <= len(_wanted(clauses)) <= RANKED_CLAUSES_MAX:
        return None
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    sql, params = _score_sql(table, clauses)
    scored = queryset.annotate(search_score=RawSQL(sql, params, output_field=IntegerField()))
    if after is not None:
        beyond = "gt" if reverse else "lt"
        scored = scored.filter(
            Q(**{f"search_score__{beyond}": after.score})
            | Q(search_score=after.score, **{f"pk__{beyond}": after.id})
        )
    return scored.order_by(*(("search_score", "pk") if reverse else ("-search_score", "-pk")))


def _newest_first(
    group: QuerySet, bounds: dict, *, start: int | None, limit: int, reverse: bool, whole: bool
):
    """Up to ``limit`` ids of ``group``, from the newest (the oldest with
    ``reverse``), strictly beyond ``start`` when given, read span of ids by
    span: a group of thousands of articles (the headlines naming a common word)
    is not read whole to find the newest twenty. Each span of ids is four
    times the last, or as wide as the ids still wanted need at the density
    the last span had (twice over), or sixteen times it after a span that held
    none: a group of a few hundred rows among 200,000 is read in three spans,
    not five (each query costs a millisecond or two, whatever it finds).
    ``whole``: the group is small; one span holds every id."""
    low, high = bounds["low"], bounds["high"]
    edge = start if start is not None else (low - 1 if reverse else high + 1)
    # Ordered by an expression, not the key: walking the primary key backwards
    # and testing each row (its whole search_vector read from TOAST) is the
    # plan the planner likes for ORDER BY id LIMIT 21, and took 6.8 s for a name
    # in 34 of 200,000 articles.
    order = F("pk") + 0
    width = high - low + 1 if whole else RANKED_WINDOW
    while limit > 0 and (edge < high if reverse else edge > low):
        if reverse:
            span = group.filter(pk__gt=edge, pk__lte=edge + width).order_by(order.asc())
            edge += width
        else:
            span = group.filter(pk__lt=edge, pk__gte=edge - width).order_by(order.desc())
            edge -= width
        ids = list(span.values_list("pk", flat=True)[:limit])
        yield from ids
        limit -= len(ids)
        width = max(width * 4, -(-width * 2 * limit // len(ids))) if ids else width * 16


def _score_condition(table: str, wanted: list[Clause], score: int) -> RawSQL:
    """SQL true for the published articles whose clauses' levels sum to ``score``."""
    if score == 0:
        # No clause in any rank group: told row by row, from the rank vector.
        return RawSQL(
            " AND ".join(f"NOT {table}.rank_vector @@ to_tsquery('simple', %s)" for _ in wanted),
            [" & ".join(_quote(term) for term in clause.terms) for clause in wanted],
            output_field=BooleanField(),
        )
    combinations = [
        levels
        for levels in itertools.product(range(LEVELS + 1), repeat=len(wanted))
        if sum(levels) == score
    ]
    keys = " | ".join(
        "("
        + " & ".join(
            _level_keys(clause, level) for clause, level in zip(wanted, levels, strict=True)
        )
        + ")"
        for levels in combinations
    )
    return RawSQL(
        f"{table}.status = 'published' AND {RANK_KEYS.format(table=table)} @@ %s::tsquery",
        [keys],
        output_field=BooleanField(),
    )


def _at_least(clause: Clause, level: int) -> str:
    """Rank keys (tsquery): every stem of ``clause`` is in a group of ``level`` or better."""
    return " & ".join(
        "(" + " | ".join(_quote(f"{tag}+{term}") for tag in _LEVEL_TAGS[level]) + ")"
        for term in clause.terms
    )


def _level_keys(clause: Clause, level: int) -> str:
    """Rank keys (tsquery): ``clause``'s level is exactly ``level``."""
    if level == LEVELS:
        return _at_least(clause, level)
    if level == 0:
        return f"!({_at_least(clause, 1)})"
    if len(clause.terms) == 1:
        # A stem has one key, tagged with its best group: its level's key.
        return _quote(f"{_LEVEL_TAGS[level][-1]}+{clause.terms[0]}")
    return f"({_at_least(clause, level)}) & !({_at_least(clause, level + 1)})"


def _match_tokens(queryset: QuerySet, clauses: list[Clause]) -> QuerySet:
    """SQLite: each clause as a token match over ``search_text`` (a phrase is
    consecutive stems, so it matches as a phrase); unranked."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    for clause in clauses:
        condition, params = _token_condition(table, clause)
        if clause.negated:
            condition = f"NOT {condition}"
        queryset = where_sql(queryset, condition, params)
    return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))


def _token_condition(table: str, clause: Clause) -> tuple[str, list[str]]:
    """SQL true where ``table``'s ``search_text`` holds ``clause``'s stems one
    after another (a phrase as a phrase), and its params."""
    pattern = "% " + " ".join(_like_escape(t) for t in clause.terms) + " %"
    return f"(' ' || {table}.search_text || ' ') LIKE %s ESCAPE '\\'", [pattern]


# What PostgreSQL's passage index is built on (annotations migration 0005).
PASSAGE_VECTOR = "to_tsvector('simple'::regconfig, {table}.search_text)"


def search_passages(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` of annotations narrowed to those whose quote or note matches
    ``query`` (the same syntax, normalisation and stems as article search).
    PostgreSQL answers from a GIN index over the passages' stems; SQLite
    matches tokens. Not ranked: a passage is a sentence or two, which names a
    word once or not at all, and ranking 95,000 matches of a word among
    2,000,000 passages took 10 s (``ts_rank`` over each one's vector); the
    list gives the newest first, as without a search."""
    clauses = parse_query(query)
    if not has_positive_clause(clauses):
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField())).none()
    if connection.vendor != "postgresql":
        return _match_tokens(queryset, clauses)
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    vector = PASSAGE_VECTOR.format(table=table)
    return where_sql(
        queryset, f"{vector} @@ to_tsquery('simple', %s)", [_tsquery(clauses)]
    ).annotate(search_rank=Value(0.0, output_field=FloatField()))


def where_sql(queryset: QuerySet, sql: str, params: list) -> QuerySet:
    """``queryset`` narrowed by the condition ``sql`` (on its table, named
    in full): the WHERE clause ``.extra(where=…)`` wrote, as a supported
    expression."""
    return queryset.filter(RawSQL(sql, params, output_field=BooleanField()))


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=131072)
def _token_stem(token: str) -> str:
    return _stem(normalize_arabic(token))


def snippet(body: str, query: str, words: int = 24) -> str:
    """A short extract of ``body`` around the first match of ``query``, on one
    line, as HTML: the text escaped, each match in ``<b>…</b>``.

    A quoted phrase is a match only where its words stand together, and is
    marked as one run (``<b>مذكرة التفاهم</b>``); its words elsewhere are not
    marked. A single word is marked wherever it occurs.

    The body is read and stemmed only as far as the extract needs: up to the
    first match and the ``words`` after it (200 articles of 2,400 characters
    of the 200,000-article benchmark: 0.11 ms an article against 0.16 when
    every word was stemmed; with no match in the body, all of it is read, in
    0.17 ms against 0.15)."""
    clauses = [clause for clause in parse_query(query) if not clause.negated]
    longest = max((len(clause.terms) for clause in clauses), default=1)
    heads = {clause.terms[0] for clause in clauses}
    scanner = _WORD.finditer(body)
    tokens: list[re.Match] = []
    stems: list[str] = []

    def read(upto: int) -> bool:
        """Tokens (and their stems) up to index ``upto``, read in runs that
        double (64, 64, 128, …); False at the body's end."""
        if len(tokens) < upto:
            more = list(itertools.islice(scanner, max(upto - len(tokens), len(tokens), 64)))
            tokens.extend(more)
            stems.extend([_token_stem(token.group()) for token in more])
        return len(tokens) >= upto

    first, read_to = None, 0
    while first is None and read(read_to + 1):
        stop = len(stems)
        for at in [at for at in range(read_to, stop) if stems[at] in heads]:
            read(at + longest)
            if any(_matches_at(stems, at, clause) for clause in clauses):
                first = at
                break
        read_to = stop
    if not tokens:
        return ""
    first = 0 if first is None else first  # no match: the opening
    begin = max(0, first - words // 3)
    read(begin + words + longest - 1)  # a phrase begun in the extract, read whole
    end = min(len(tokens), begin + words)
    runs = dict(_matched_runs(stems, clauses, first, end))
    out, position, index = [], tokens[begin].start(), begin
    while index < end:
        token = tokens[index]
        out.append(escape(_SPACES.sub(" ", body[position : token.start()]), quote=False))
        run_end = min(runs.get(index, index), end)
        if run_end > index:
            text = body[token.start() : tokens[run_end - 1].end()]
            out.append(f"<b>{escape(_SPACES.sub(' ', text), quote=False)}</b>")
            position, index = tokens[run_end - 1].end(), run_end
        else:
            out.append(escape(token.group(), quote=False))
            position, index = token.end(), index + 1
    return "".join(out)


def _matches_at(stems: list[str], index: int, clause: Clause) -> bool:
    """Whether ``clause``'s terms stand at ``stems[index:]``."""
    terms = clause.terms
    return stems[index] == terms[0] and tuple(stems[index : index + len(terms)]) == terms


def _matched_runs(
    stems: list[str], clauses: list[Clause], start: int, stop: int
) -> list[tuple[int, int]]:
    """``(first, last + 1)`` token indexes of every match of ``clauses`` that
    begins in ``start .. stop - 1``, in text order, none overlapping (none
    begins before ``start``: it is the first match's)."""
    runs = [
        (index, index + len(clause.terms))
        for clause in clauses
        for index in range(start, min(stop, len(stems)))
        if _matches_at(stems, index, clause)
    ]
    runs.sort(key=lambda run: (run[0], -run[1]))
    kept: list[tuple[int, int]] = []
    for run in runs:
        if not kept or run[0] >= kept[-1][1]:
            kept.append(run)
    return kept
