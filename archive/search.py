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
  same way as for the query. Ranked with ``ts_rank``; the snippet is
  ``ts_headline`` over the body with PostgreSQL's own ``arabic`` configuration.
- SQLite (development and tests): a token match over the same column
  (``' ' || search_text || ' ' LIKE '% stem %'``); a phrase is consecutive
  stems, so it matches as a phrase. No index: SQLite serves the five seeds, not
  a corpus.

Query syntax (like ``websearch_to_tsquery``): words are ANDed, ``"a phrase"``
matches as a phrase, ``-word`` excludes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from django.db import connection, transaction
from django.db.models import F, FloatField, QuerySet, TextField, Value
from django.db.models.expressions import Func, RawSQL

from archive.normalization import normalize_arabic

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


def article_search_text(title: str, summary: str, body: str) -> str:
    """The value of ``Article.search_text`` for these fields."""
    return " ".join(search_terms(f"{title}\n{summary}\n{body}"))


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


def _tsquery(clauses: list[Clause]) -> str:
    def quote(term: str) -> str:
        return "'" + term.replace("'", "''") + "'"

    parts = []
    for clause in clauses:
        text = " <-> ".join(quote(term) for term in clause.terms)
        if len(clause.terms) > 1:
            text = f"({text})"
        parts.append(f"!{text}" if clause.negated else text)
    return " & ".join(parts)


@contextmanager
def prefer_search_index() -> Iterator[None]:
    """Run a ranked search with its GIN index, even when it matches most articles.

    PostgreSQL's planner does not count what a sequential scan pays to
    decompress every article's ``search_vector`` to test the match, so for a
    broad query it picks that scan: 100 ms where the index takes 15 ms on
    20,000 articles. Inside this block (one transaction) sequential scans are
    priced out. Nothing changes on SQLite.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
            )
            previous = cursor.fetchone()[0]
        yield
        # Restored explicitly: inside an outer transaction the setting would
        # otherwise last until that one ends. (On an error the rollback of
        # this block restores it.)
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


def search_index_refresh() -> None:
    """After a bulk load on PostgreSQL: move the GIN index's pending entries into
    the index proper (until then every search scans them) and refresh the
    planner's statistics."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list('archive_article_search_vector_idx'::regclass)"
        )
        cursor.execute("ANALYZE archive_article")


class TsHeadline(Func):
    function = "ts_headline"
    output_field = TextField()


def search_articles(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` narrowed to the articles matching ``query``, annotated with
    ``search_rank`` (higher is better) and, on PostgreSQL, ``search_snippet``."""
    clauses = parse_query(query)
    if not has_positive_clause(clauses):
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField())).none()
    if connection.vendor == "postgresql":
        table = queryset.model._meta.db_table
        tsquery = _tsquery(clauses)
        vector = f'"{table}"."search_vector"'
        matching = f"{vector} @@ to_tsquery('simple', %s)"
        return queryset.extra(where=[matching], params=[tsquery]).annotate(  # noqa: S610
            # Ranked on the small inline vector of title, summary and lede
            # (migration 0005), not on the whole body's: see prefer_search_index.
            search_rank=RawSQL(
                f'ts_rank("{table}"."rank_vector", to_tsquery(\'simple\', %s))',
                [tsquery],
                output_field=FloatField(),
            ),
            search_snippet=TsHeadline(
                Value("arabic"),
                F("body"),
                _headline_query(query),
                Value("MaxWords=24, MinWords=12, MaxFragments=1"),
            ),
        )
    for clause in clauses:
        pattern = "% " + " ".join(_like_escape(t) for t in clause.terms) + " %"
        condition = "(' ' || search_text || ' ') LIKE %s ESCAPE '\\'"
        if clause.negated:
            condition = f"NOT {condition}"
        queryset = queryset.extra(where=[condition], params=[pattern])  # noqa: S610
    return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))


def _headline_query(query: str) -> Func:
    # ts_headline parses the stored body with PostgreSQL's own arabic stemmer,
    # which meets the query as typed or as normalised (it folds less than we do).
    def websearch(text: str) -> Func:
        return Func(Value("arabic"), Value(text), function="websearch_to_tsquery")

    return Func(
        websearch(query),
        websearch(normalize_arabic(query)),
        template="(%(expressions)s)",
        arg_joiner=" || ",
    )


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def snippet(body: str, query: str, words: int = 24) -> str:
    """A short extract of ``body`` around the first match of ``query``, the
    matched words in ``<b>…</b>`` (as ``ts_headline`` marks them)."""
    wanted = {term for clause in parse_query(query) if not clause.negated for term in clause.terms}
    tokens = list(_WORD.finditer(body))
    if not tokens:
        return ""
    stems = [_stem(normalize_arabic(token.group())) for token in tokens]
    first = next((i for i, stem in enumerate(stems) if stem in wanted), 0)
    begin = max(0, first - words // 3)
    end = min(len(tokens), begin + words)
    out, position = [], tokens[begin].start()
    for i in range(begin, end):
        token = tokens[i]
        out.append(body[position : token.start()])
        out.append(f"<b>{token.group()}</b>" if stems[i] in wanted else token.group())
        position = token.end()
    return "".join(out)
