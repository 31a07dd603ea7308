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
