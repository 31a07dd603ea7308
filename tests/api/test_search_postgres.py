"""PostgreSQL-only search facts: the generated tsvector column and its GIN index."""

from __future__ import annotations

import pytest
from django.db import connection

from archive.models import Article
from archive.search import search_articles

pytestmark = pytest.mark.postgres


def test_search_vector_is_generated_from_search_text(corpus):
    article = corpus.articles["004"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM archive_article WHERE id = %s", [article.pk]
        )
        (vector,) = cursor.fetchone()
    assert "'انقر'" in vector  # أنقرة, normalised and stemmed
    assert "'سوره'" in vector or "'سور'" in vector  # سورية


def test_search_uses_the_gin_index(corpus):
    queryset = search_articles(Article.objects.order_by(), '"تفاهم مشتركة"')
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "archive_article_search_vector_idx" in plan


def test_ranking_and_headline(corpus):
    hits = list(search_articles(Article.objects.published(), "أنقرة دمشق").order_by("-search_rank"))
    assert hits and all(hit.search_rank > 0 for hit in hits)
    assert any("<b>" in hit.search_snippet for hit in hits)


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_prefer_search_index_prices_out_sequential_scans_for_one_block(db):
    from archive.search import prefer_search_index

    assert _setting("enable_seqscan") == "on"
    with prefer_search_index():
        assert _setting("enable_seqscan") == "off"
    assert _setting("enable_seqscan") == "on"


def test_headline_and_lede_rank_above_a_mention_deep_in_the_body(db):
    filler = " ".join(["وبحث الجانبان سبل تعزيز التعاون في مجالات عدة."] * 40)
    deep = Article.objects.create(
        title="اجتماع عسكري في دمشق",
        body=f"{filler} وعاد الوفد إلى أنقرة مساء اليوم.",
        raw_text="-",
        source_file="deep.txt",
        content_hash="d" * 64,
        status=Article.Status.PUBLISHED,
    )
    lede = Article.objects.create(
        title="أنقرة تستقبل وفداً عسكرياً سورياً",
        body=f"وصل إلى أنقرة وفد عسكري سوري. {filler}",
        raw_text="-",
        source_file="lede.txt",
        content_hash="e" * 64,
        status=Article.Status.PUBLISHED,
    )
    hits = list(search_articles(Article.objects.published(), "انقرة").order_by("-search_rank"))
    assert [hit.pk for hit in hits] == [lede.pk, deep.pk]
    assert hits[0].search_rank > hits[1].search_rank == 0
