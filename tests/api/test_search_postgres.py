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


def _plan(query: str, *, published_only: bool = True) -> str:
    articles = Article.objects.published() if published_only else Article.objects.all()
    queryset = search_articles(articles.order_by(), query, published_only=published_only)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def published_filler(corpus):
    """Two thousand published articles of other words, so that the planner
    does not find reading every published article cheaper than an index."""
    words = [f"كلمة{n}" for n in range(500)]
    Article.objects.bulk_create(
        Article(
            title=f"مقال {n}",
            body="-",
            raw_text="-",
            source_file=f"filler-{n}.txt",
            content_hash=f"{n:064d}",
            status=Article.Status.PUBLISHED,
            search_text=" ".join(words[(n * 7 + k) % 500] for k in range(40)),
        )
        for n in range(2000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_article")


def test_words_use_the_word_index_and_two_word_phrases_the_pair_index(published_filler):
    assert "archive_article_search_vector_idx" in _plan("تفاهم مشتركة", published_only=False)
    two_words = _plan('"تفاهم مشتركة"')
    assert "archive_article_search_pairs_idx" in two_words
    assert "search_vector" not in two_words  # exact from the pairs: no positions read
    three_words = _plan('"تفاهم مشتركة للتدريب"')
    assert "search_pairs" in three_words and "search_vector @@" in three_words  # pairs + order
    # The pair index covers published articles: a search that may include
    # drafts checks the phrase by word positions.
    with_drafts = _plan('"تفاهم مشتركة"', published_only=False)
    assert "search_pairs" not in with_drafts and "search_vector_idx" in with_drafts


def test_search_pairs_are_the_pairs_of_consecutive_stems(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT archive_search_pairs(%s)::text, archive_search_pairs('')::text, "
            "archive_search_pairs('وحيد')::text",
            ["مذكر تفاهم مشتر مذكر تفاهم"],
        )
        assert cursor.fetchone() == ("'تفاهم+مشتر' 'مذكر+تفاهم' 'مشتر+مذكر'", "", "")


def test_ranking(corpus):
    hits = list(search_articles(Article.objects.published(), "أنقرة دمشق").order_by("-search_rank"))
    assert hits and all(hit.search_rank > 0 for hit in hits)


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_prefer_search_index_prices_out_sequential_scans_for_one_block(db):
    from archive.search import prefer_search_index

    assert (_setting("enable_seqscan"), _setting("plan_cache_mode")) == ("on", "auto")
    with prefer_search_index():
        assert _setting("enable_seqscan") == "off"
        assert _setting("plan_cache_mode") == "force_custom_plan"
    assert (_setting("enable_seqscan"), _setting("plan_cache_mode")) == ("on", "auto")


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


def test_an_article_that_keeps_naming_the_term_deep_in_its_body_ranks_above_a_passing_mention(
    db,
):
    filler = "\n\n".join(["وقال المتحدث إن اللقاء تناول ملفات عدة."] * 12)
    passing = Article.objects.create(
        title="لقاء رسمي",
        body=filler + "\n\nوجرت الإشارة إلى منبج.",
        raw_text="x",
        source_file="passing.txt",
        content_hash="0" * 64,
        status=Article.Status.PUBLISHED,
    )
    deep = Article.objects.create(
        title="لقاء رسمي",
        body=filler + "\n\nوتصدر ملف منبج اللقاء. وناقشوا منبج. وختموا بملف منبج.",
        raw_text="x",
        source_file="deep.txt",
        content_hash="0" * 64,
        status=Article.Status.PUBLISHED,
    )
    headline = Article.objects.create(
        title="منبج: تطورات جديدة",
        body=filler + "\n\nوتحدثوا عن منبج.",
        raw_text="x",
        source_file="headline.txt",
        content_hash="0" * 64,
        status=Article.Status.PUBLISHED,
    )
    ranked = list(
        search_articles(Article.objects.published(), "منبج", published_only=True)
        .order_by("-search_rank")
        .values_list("pk", "search_rank")
    )
    assert [pk for pk, _ in ranked] == [headline.pk, deep.pk, passing.pk]
    ranks = dict(ranked)
    assert ranks[deep.pk] > 0 and ranks[passing.pk] == 0
