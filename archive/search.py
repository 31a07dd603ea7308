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
  same way as for the query. Ranked with ``ts_rank`` on a small inline vector
  of weighted stems: the title (A), the lede and the body's stems that recur
  three times or more (B), those that occur twice (C) (migration 0011). A two-word phrase is looked up as one
  entry of a second GIN index, over every pair of consecutive stems of
  ``search_text`` (``archive_search_pairs``, migration 0006): checking word
  positions instead means reading every candidate's whole vector from TOAST.
- SQLite (development and tests): a token match over the same column
  (``' ' || search_text || ' ' LIKE '% stem %'``); a phrase is consecutive
  stems, so it matches as a phrase. No index: SQLite serves the five seeds, not
  a corpus.

Query syntax (like ``websearch_to_tsquery``): words are ANDed, ``"a phrase"``
matches as a phrase, ``-word`` excludes. Snippets are made in Python on both
databases (``snippet``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from html import escape

import Stemmer
from django.db import connection, transaction
from django.db.models import BooleanField, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

from archive.normalization import normalize_arabic, normalize_arabic_with_offsets

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
    return [_stem(word) for word in _WORD.findall(normalize_arabic(text))]


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
    took half as long again. Nothing changes on SQLite.
    """
    if connection.vendor != "postgresql":
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('plan_cache_mode'), "
                "set_config('enable_seqscan', 'off', true), "
                "set_config('plan_cache_mode', 'force_custom_plan', true)"
            )
            seqscan, plan_cache_mode, *_ = cursor.fetchone()
        yield
        if nested:
            # Inside an outer transaction the settings would last until that
            # one ends: restore them. (On an error the rollback of this block
            # restores them; without an outer one, the commit does.)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('enable_seqscan', %s, true), "
                    "set_config('plan_cache_mode', %s, true)",
                    [seqscan, plan_cache_mode],
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
        where, params = [], []
        positional = clauses
        pairs = _pairs_tsquery(clauses) if published_only else ""
        if pairs:
            # A wanted two-word phrase is exactly its pair, so it needs no word
            # positions; longer phrases are narrowed by their pairs, then
            # checked. The pair index covers published articles only (the
            # condition on status is written out so the planner can see that).
            positional = [c for c in clauses if c.negated or len(c.terms) != 2]
            where.append(
                f"{table}.status = 'published' AND {PAIRS_VECTOR.format(table=table)} @@ %s::tsquery"
            )
            params.append(pairs)
        if positional:
            where.append(f"{table}.search_vector @@ to_tsquery('simple', %s)")
            params.append(_tsquery(positional))
        for condition, param in zip(where, params, strict=True):
            queryset = where_sql(queryset, condition, [param])
        return queryset.annotate(
            # Ranked on the small inline, weighted vector of the title, the
            # lede and the body's recurring stems (``article_search_fields``,
            # migration 0011), not on the whole body's: see prefer_search_index.
            search_rank=RawSQL(
                f"ts_rank({table}.rank_vector, to_tsquery('simple', %s))",
                [_tsquery(clauses)],
                output_field=FloatField(),
            ),
        )
    return _match_tokens(queryset, clauses)


def _match_tokens(queryset: QuerySet, clauses: list[Clause]) -> QuerySet:
    """SQLite: each clause as a token match over ``search_text`` (a phrase is
    consecutive stems, so it matches as a phrase); unranked."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    for clause in clauses:
        pattern = "% " + " ".join(_like_escape(t) for t in clause.terms) + " %"
        condition = f"(' ' || {table}.search_text || ' ') LIKE %s ESCAPE '\\'"
        if clause.negated:
            condition = f"NOT {condition}"
        queryset = where_sql(queryset, condition, [pattern])
    return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))


# What PostgreSQL's passage index is built on (annotations migration 0005).
PASSAGE_VECTOR = "to_tsvector('simple'::regconfig, {table}.search_text)"


def search_passages(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` of annotations narrowed to those whose quote or note matches
    ``query`` (the same syntax, normalisation and stems as article search),
    annotated with ``search_rank``. PostgreSQL answers from a GIN index over
    the passages' stems and ranks by ``ts_rank``; SQLite matches tokens."""
    clauses = parse_query(query)
    if not has_positive_clause(clauses):
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField())).none()
    if connection.vendor != "postgresql":
        return _match_tokens(queryset, clauses)
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    vector = PASSAGE_VECTOR.format(table=table)
    tsquery = _tsquery(clauses)
    return where_sql(queryset, f"{vector} @@ to_tsquery('simple', %s)", [tsquery]).annotate(
        search_rank=RawSQL(
            f"ts_rank({vector}, to_tsquery('simple', %s))", [tsquery], output_field=FloatField()
        )
    )


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
    marked. A single word is marked wherever it occurs."""
    clauses = [clause for clause in parse_query(query) if not clause.negated]
    tokens = list(_WORD.finditer(body))
    if not tokens:
        return ""
    stems = [_token_stem(token.group()) for token in tokens]
    marked = _matched_runs(stems, clauses)
    first = min(marked, default=(0, 0))[0]
    begin = max(0, first - words // 3)
    end = min(len(tokens), begin + words)
    out, position, index = [], tokens[begin].start(), begin
    runs = dict(marked)
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


def _matched_runs(stems: list[str], clauses: list[Clause]) -> list[tuple[int, int]]:
    """``(first, last + 1)`` token indexes of every match of ``clauses``, in
    text order, none overlapping."""
    runs: list[tuple[int, int]] = []
    for clause in clauses:
        length = len(clause.terms)
        head = clause.terms[0]
        for index, stem in enumerate(stems):
            if stem == head and tuple(stems[index : index + length]) == clause.terms:
                runs.append((index, index + length))
    runs.sort(key=lambda run: (run[0], -run[1]))
    kept: list[tuple[int, int]] = []
    for run in runs:
        if not kept or run[0] >= kept[-1][1]:
            kept.append(run)
    return kept
