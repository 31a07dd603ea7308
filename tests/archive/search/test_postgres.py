"""PostgreSQL-only search facts: the generated tsvector column and its GIN index."""

from __future__ import annotations

import pytest
from django.db import connection

from archive.models import Article
from archive.search import search_articles
from tests import factories

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
    # 000 and 004 name both words in their lede (2 + 2 of 6); 002 names them
    # in passing, deep in its body.
    hits = search_articles(Article.objects.published(), "أنقرة دمشق").order_by("-search_rank", "pk")
    ranks = {article.pk: number for number, article in corpus.articles.items()}
    assert [(ranks[hit.pk], hit.search_rank) for hit in hits] == [
        ("000", 2 / 3),
        ("004", 2 / 3),
        ("002", 0.0),
    ]


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_prefer_search_index_prices_out_sequential_scans_for_one_block(db):
    from archive.search import prefer_search_index

    names = ("enable_seqscan", "plan_cache_mode", "max_parallel_workers_per_gather")
    before = tuple(_setting(name) for name in names)
    assert before[:2] == ("on", "auto") and before[2] != "0"
    with prefer_search_index():
        assert tuple(_setting(name) for name in names) == ("off", "force_custom_plan", "0")
    assert tuple(_setting(name) for name in names) == before


def test_the_applications_connections_compile_no_query_just_in_time(db):
    assert _setting("jit") == "off"


def test_headline_and_lede_rank_above_a_mention_deep_in_the_body(db):
    filler = " ".join(["وبحث الجانبان سبل تعزيز التعاون في مجالات عدة."] * 40)
    deep = factories.article(
        f"{filler} وعاد الوفد إلى أنقرة مساء اليوم.",
        title="اجتماع عسكري في دمشق",
        raw_text="-",
        status=Article.Status.PUBLISHED,
    )
    lede = factories.article(
        f"وصل إلى أنقرة وفد عسكري سوري. {filler}",
        title="أنقرة تستقبل وفداً عسكرياً سورياً",
        raw_text="-",
        status=Article.Status.PUBLISHED,
    )
    hits = list(search_articles(Article.objects.published(), "انقرة").order_by("-search_rank"))
    assert [hit.pk for hit in hits] == [lede.pk, deep.pk]
    assert hits[0].search_rank > hits[1].search_rank == 0


def test_an_article_that_keeps_naming_the_term_deep_in_its_body_ranks_above_a_passing_mention(
    db,
):
    filler = "\n\n".join(["وقال المتحدث إن اللقاء تناول ملفات عدة."] * 12)
    passing = factories.article(
        filler + "\n\nوجرت الإشارة إلى منبج.",
        title="لقاء رسمي",
        raw_text="x",
        status=Article.Status.PUBLISHED,
    )
    deep = factories.article(
        filler + "\n\nوتصدر ملف منبج اللقاء. وناقشوا منبج. وختموا بملف منبج.",
        title="لقاء رسمي",
        raw_text="x",
        status=Article.Status.PUBLISHED,
    )
    headline = factories.article(
        filler + "\n\nوتحدثوا عن منبج.",
        title="منبج: تطورات جديدة",
        raw_text="x",
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


@pytest.fixture
def levels(db):
    """Articles naming منبج at every level, two of each, oldest first; a draft."""
    return factories.ranked_levels()


def test_rank_keys_tag_each_stem_with_its_best_group(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT archive_rank_keys(%s)::text, archive_rank_keys('')::text",
            ["منبج تطور|منبج ملف لقاء|لقاء عاد"],
        )
        assert cursor.fetchone() == ("'a+تطور' 'a+منبج' 'b+لقاء' 'b+ملف' 'c+عاد'", "")


def _index_scans(index: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_get_xact_numscans(%s::regclass)", [index])
        return cursor.fetchone()[0]


def test_a_page_of_the_best_matches_is_read_from_the_rank_keys(published_filler):
    from archive.search import ranked_page

    queryset = search_articles(Article.objects.published(), "تفاهم", published_only=True)
    before = _index_scans("archive_article_rank_keys_idx")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    found = ranked_page(queryset, "تفاهم", after=None, limit=1)
    assert len(found) == 1
    assert _index_scans("archive_article_rank_keys_idx") > before


@pytest.mark.parametrize("matches", [None, 3], ids=["in spans", "each group whole"])
def test_ranked_pages_of_a_broad_search_walk_the_groups_span_by_span(
    corpus, levels, monkeypatch, matches
):
    # As for a search of thousands of matches: each group read in spans of ids
    # (two ids wide at first here, then wider), forwards and back; or, told
    # the search has few matches, each group in one query.
    from archive import search
    from archive.search import ranked_page

    monkeypatch.setattr(search, "RANKED_WINDOW", 2)
    queries = (
        "منبج",
        "انقرة دمشق",
        '"مذكرة التفاهم"',
        '"وزير الدفاع" انقرة',
        "منبج -تطورات",
        "تركيا سوريا دمشق",
    )
    for query in queries:
        queryset = search_articles(Article.objects.published(), query, published_only=True)
        expected = list(queryset.order_by("-search_rank", "-id").values_list("search_rank", "pk"))
        walked, after = [], None
        while page := ranked_page(queryset, query, after=after, limit=2, matches=matches):
            walked.extend(page)
            after = page[-1]
        maximum = 3 * len([c for c in search.parse_query(query) if not c.negated])
        assert [(p.score / maximum, p.id) for p in walked] == expected, query
        assert expected, query
        back = []
        while page := ranked_page(
            queryset, query, after=after, limit=2, reverse=True, matches=matches
        ):
            back.extend(page)
            after = page[-1]
        assert list(reversed(back)) == walked[:-1], query


def test_the_planner_estimates_a_phrase_from_the_search_vector_and_finds_the_same_rows(corpus):
    # PostgreSQL keeps no statistics for the pair index (a partial index's), so
    # the count's estimate reads the phrase from search_vector's instead.
    from archive.search import planner_view

    queryset = search_articles(
        Article.objects.published(), '"مذكرة التفاهم" -داعش', published_only=True
    )
    sql, params = queryset.query.sql_with_params()
    planned = planner_view(queryset)
    planned_sql, planned_params = planned.query.sql_with_params()
    assert "archive_search_pairs" in sql
    assert "'مذكر+تفاهم'" in params
    assert "archive_search_pairs" not in planned_sql
    assert planned_sql.count("search_vector @@ to_tsquery('simple', %s)") == 2
    assert "('مذكر' <-> 'تفاهم')" in planned_params
    assert "!'داعش'" in planned_params
    rows = sorted(queryset.values_list("pk", flat=True))
    assert rows == sorted(planned.values_list("pk", flat=True))
    assert rows  # seed 002 names the MoU
    words = search_articles(Article.objects.published(), "تفاهم", published_only=True)
    assert planner_view(words) is words
