"""A ranked search paged by the article list (``api.pagination``'s ranked
cursor through ``archive.search.ranked_page``): the headline first, then the
recurring mentions, then the rest, newest first, every page once forwards and
back; staff see drafts in the same order. On PostgreSQL."""

from __future__ import annotations

import pytest

from archive.models import Article
from archive.search import search_articles
from tests import factories

pytestmark = pytest.mark.postgres


@pytest.fixture
def levels(db):
    """Articles naming منبج at every level, two of each, oldest first; a draft."""
    return factories.ranked_levels()


def _walk(client, params: dict) -> tuple[list[dict], list[list[int]]]:
    """Every result of a search, following ``next``; and the pages met going
    back from the last one by ``previous``."""
    results, pages = [], []
    url, query = "/api/v1/articles/", params
    while url:
        body = client.get(url, query).json()
        results.extend(body["results"])
        pages.append([hit["id"] for hit in body["results"]])
        url, query, last = body["next"], None, body
    back = []
    url = last["previous"]
    while url:
        body = client.get(url).json()
        back.append([hit["id"] for hit in body["results"]])
        url = body["previous"]
    assert list(reversed(back)) == pages[:-1]
    return results, pages


def test_a_public_search_lists_the_headline_then_the_recurring_then_the_rest_newest_first(
    levels, anon
):
    results, pages = _walk(anon, {"q": "منبج", "page_size": 3})
    names = {article.pk: name for name, article in levels.items()}
    assert [names[hit["id"]] for hit in results] == [
        "headline2",
        "headline1",
        "deep2",
        "deep1",
        "twice2",
        "twice1",
        "passing2",
        "passing1",
    ]
    assert [hit["rank"] for hit in results] == [1.0, 1.0, 2 / 3, 2 / 3, 1 / 3, 1 / 3, 0.0, 0.0]
    assert [len(page) for page in pages] == [3, 3, 2]
    first = anon.get("/api/v1/articles/", {"q": "منبج", "page_size": 3}).json()
    assert (first["count"], first["count_is_estimate"]) == (8, False)


def test_ranked_pages_follow_the_order_of_the_rank(corpus, levels, anon):
    for query in ("منبج", "انقرة دمشق", '"مذكرة التفاهم"', "منبج -تطورات", "تركيا سوريا دمشق"):
        expected = list(
            search_articles(Article.objects.published(), query, published_only=True)
            .order_by("-search_rank", "-id")
            .values_list("pk", flat=True)
        )
        results, _pages = _walk(anon, {"q": query, "page_size": 2})
        assert [hit["id"] for hit in results] == expected, query
        assert expected, query


def test_staff_searches_include_drafts_in_the_same_order(levels, staff):
    hits = staff.get("/api/v1/articles/", {"q": "منبج", "page_size": 3}).json()["results"]
    assert [hit["id"] for hit in hits] == [
        levels["draft"].pk,
        levels["headline2"].pk,
        levels["headline1"].pk,
    ]
