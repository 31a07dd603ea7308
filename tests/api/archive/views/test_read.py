"""Read endpoints: the values served for the seeds, and the curation rule
(drafts, suggestions, rejected and draft annotations never reach the public)."""

from __future__ import annotations

import re

import pytest
from django.db import connection

ARTICLES = "/api/v1/articles/"
ANNOTATIONS = "/api/v1/annotations/"
# A list's count (api.pagination.count_rows): PostgreSQL asks the planner's
# estimate first and counts exactly below the threshold; SQLite just counts.
COUNT_QUERIES = 2 if connection.vendor == "postgresql" else 1


def leaked(text: str, corpus) -> list[str]:
    """Hidden articles or annotations named (by URL) in a response."""
    found = [
        f"article {pk}"
        for pk in corpus.hidden_article_ids
        if re.search(rf"/articles/{pk}(?![0-9])", text)
    ]
    found += [
        f"annotation {pk}"
        for pk in corpus.hidden_annotation_ids
        if re.search(rf"/annotations/{pk}(?![0-9])", text)
    ]
    found += [
        f"event {pk}"
        for pk in corpus.hidden_event_ids
        if re.search(rf"/events/{pk}(?![0-9])", text)
    ]
    return found


def test_article_list_serves_published_seeds_newest_id_first(corpus, anon):
    response = anon.get(ARTICLES)
    assert response.status_code == 200
    results = response.json()["results"]
    seeds = corpus.articles
    assert [a["id"] for a in results] == [seeds[n].pk for n in ("004", "003", "002", "000")]
    by_id = {a["id"]: a for a in results}
    a002 = by_id[seeds["002"].pk]
    assert a002["title"] == "سوريا وتركيا توقعان اتفاقية تعاون عسكري لتعزيز قدرات الجيش السوري"
    assert a002["published_on"] == "2025-08-13"
    assert a002["published_at"] == "2025-08-13T16:51:00Z"
    assert a002["topics"] == ["training-mou"]
    # One approved annotation; the rejected one on the same article is not counted.
    assert a002["annotation_count"] == 1
    assert "body" not in a002
    a000 = by_id[seeds["000"].pk]
    assert a000["published_on"] == "2025-08-14"
    assert a000["hijri_date_text"] == "20 صفر 1447 ﻫ"
    assert {(s["slug"], s["role"]) for s in a000["sources"]} == {
        ("reuters", "attribution"),
        ("agencies", "attribution"),
        ("reuters", "cited"),
        ("sana", "cited"),
    }
    # By role, then source name.
    links = [(s["role"], s["name"]) for s in a000["sources"]]
    assert links == sorted(links)
    # The suggestion on 000 is neither counted nor listed as a topic.
    assert a000["topics"] == ["sdf-integration"]
    assert a000["annotation_count"] == 1
    a003 = by_id[seeds["003"].pk]
    assert a003["title"] == "الدفاع التركية: نسعى للتعاون الدفاعي مع دمشق"
    assert a003["published_on"] == "2024-12-26"
    assert a003["topics"] == [] and a003["annotation_count"] == 0  # its annotation is a draft
    assert leaked(response.content.decode(), corpus) == []


def test_body_only_on_request(corpus, anon):
    results = anon.get(ARTICLES, {"include": "body"}).json()["results"]
    by_id = {a["id"]: a for a in results}
    assert by_id[corpus.articles["003"].pk]["body"] == corpus.articles["003"].body


def test_article_detail_nests_only_curated_annotations(corpus, anon):
    article = corpus.articles["000"]
    data = anon.get(f"{ARTICLES}{article.pk}/").json()
    assert data["body"] == article.body
    assert [a["quote"] for a in data["annotations"]] == ["الخطاب الانفصالي"]
    nested = data["annotations"][0]
    assert (nested["start"], nested["end"]) == (301, 317)
    assert article.body[301:317] == "الخطاب الانفصالي"
    assert nested["topic"] == "sdf-integration"
    assert list(nested) == [
        "id",
        "url",
        "topic",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        "note",
    ]
    assert nested["url"].endswith(f"/api/v1/annotations/{corpus.annotations['sdf'].pk}/")
    assert (data["topics"], data["annotation_count"]) == (["sdf-integration"], 1)
    event = data["events"][0]
    assert list(event) == [
        "id",
        "url",
        "title",
        "title_en",
        "kind",
        "starts_on",
        "ends_on",
        "place",
        "reported_date",
        "reported_date_text",
    ]
    assert event["title_en"] == "Signing of the training and consultancy MoU"
    assert event["reported_date"] == "2025-08-13"
    assert event["url"].endswith(f"/api/v1/events/{event['id']}/")


def test_draft_article_is_404_for_the_public_and_visible_to_staff(corpus, anon, reader, staff):
    draft = corpus.articles["001"]
    assert anon.get(f"{ARTICLES}{draft.pk}/").status_code == 404
    assert reader.get(f"{ARTICLES}{draft.pk}/").status_code == 404
    data = staff.get(f"{ARTICLES}{draft.pk}/").json()
    assert data["status"] == "draft" and data["published_on"] is None
    assert [(a["quote"], a["status"]) for a in data["annotations"]] == [("داعش", "approved")]
    # Its events by start date, each with the date this article gives it.
    assert [
        (e["title_en"], e["starts_on"], e["reported_date"], e["reported_date_text"])
        for e in data["events"]
    ] == [
        ("SDF integration agreement", "2025-03-10", "2025-03-10", "10 آذار"),
        ("Signing of the training and consultancy MoU", "2025-08-13", None, "اليوم الأربعاء"),
    ]


def test_staff_see_every_status(corpus, staff):
    response = staff.get(ANNOTATIONS, {"page_size": 200})
    results = response.json()["results"]
    assert len(results) == 7
    assert len(leaked(response.content.decode(), corpus)) == 5  # the check itself works
    statuses = staff.get(ANNOTATIONS, {"status": "rejected"}).json()["results"]
    assert [a["quote"] for a in statuses] == ["الجيش السوري"]
    articles = staff.get(ARTICLES).json()["results"]
    assert len(articles) == 5
    by_id = {a["id"]: a for a in articles}
    assert by_id[corpus.articles["000"].pk]["annotation_count"] == 2  # approved + suggested


def test_draft_readers_see_only_curated_annotations_without_the_annotation_permission(corpus):
    """Staff who may see draft articles but not uncurated annotations: a draft
    article's approved annotation is not curated (it is on a draft)."""
    from tests import factories

    client = factories.api_client(factories.user_with("draft-reader", "view_article"))
    draft = corpus.articles["001"]
    by_id = {a["id"]: a for a in client.get(ARTICLES).json()["results"]}
    assert by_id[draft.pk]["status"] == "draft"
    assert (by_id[draft.pk]["annotation_count"], by_id[draft.pk]["topics"]) == (0, [])
    assert by_id[corpus.articles["000"].pk]["topics"] == ["sdf-integration"]
    detail = client.get(f"{ARTICLES}{draft.pk}/").json()
    assert (detail["annotations"], detail["topics"], detail["annotation_count"]) == ([], [], 0)


def test_status_filter_cannot_reveal_drafts_to_the_public(corpus, anon):
    assert anon.get(ARTICLES, {"status": "draft"}).json()["results"] == []
    assert anon.get(ANNOTATIONS, {"status": "suggested"}).json()["results"] == []


def test_sources_list_and_detail(corpus, anon):
    sources = {s["slug"]: s for s in anon.get("/api/v1/sources/").json()["results"]}
    assert sources["sana"]["name"] == "سانا"
    # SANA is cited by 000, 001 (draft) and 002: the draft is not counted.
    assert sources["sana"]["article_count"] == 2
    assert sources["al-bawaba-news"]["article_count"] == 1
    assert anon.get("/api/v1/sources/reuters/").json()["name_en"] == "Reuters"


def test_events_list_reporting_articles_with_their_dates(corpus, anon):
    response = anon.get("/api/v1/events/")
    events = response.json()["results"]
    # Not the SDF agreement, which only the draft 001 reports, nor the suggested meeting.
    assert [e["starts_on"] for e in events] == ["2025-08-13"]
    mou = events[0]
    assert (mou["kind"], mou["place"]) == ("agreement", "أنقرة")
    assert [
        (r["article_id"], r["reported_date"], r["reported_date_text"]) for r in mou["reports"]
    ] == [
        (corpus.articles["000"].pk, "2025-08-13", ""),
        (corpus.articles["002"].pk, "2025-08-13", "13 آب"),
    ]
    assert leaked(response.content.decode(), corpus) == []


def test_cursor_pagination_walks_every_article_once(corpus, anon):
    seen, url = [], ARTICLES + "?page_size=1"
    while url:
        page = anon.get(url).json()
        seen += [a["id"] for a in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(a.pk for n, a in corpus.articles.items() if n != "001")


def test_page_size_is_capped(corpus, staff, monkeypatch):
    from api.pagination import ArchiveCursorPagination

    assert ArchiveCursorPagination.max_page_size == 200
    monkeypatch.setattr(ArchiveCursorPagination, "max_page_size", 3)  # 7 annotations exist
    page = staff.get(ANNOTATIONS, {"page_size": 100000}).json()
    assert len(page["results"]) == 3
    assert page["count"] == 7 and page["count_is_estimate"] is False


@pytest.mark.parametrize("size", [1, 2, 4])
def test_article_list_queries_do_not_grow_with_page_size(
    corpus, anon, size, django_assert_num_queries
):
    # the count, then the page with its sources and topics aggregated in SQL
    with django_assert_num_queries(COUNT_QUERIES + 1):
        response = anon.get(ARTICLES, {"page_size": size})
    assert len(response.json()["results"]) == size


def test_article_detail_query_count(corpus, anon, django_assert_num_queries):
    with django_assert_num_queries(1):  # sources, annotations and events aggregated in SQL
        anon.get(f"{ARTICLES}{corpus.articles['002'].pk}/")


def test_events_query_count(corpus, anon, django_assert_num_queries):
    with django_assert_num_queries(COUNT_QUERIES + 2):  # the count, the page, the reports
        anon.get("/api/v1/events/")


def test_precompiled_annotations_give_what_the_orm_gives(corpus):
    from django.contrib.auth.models import AnonymousUser

    from annotations.selectors import visible_annotation_count, visible_topics_json
    from archive.curation import Viewer
    from archive.expressions import annotate_precompiled
    from archive.models import Article
    from archive.selectors import source_links_json

    viewer = Viewer.of(AnonymousUser())
    expressions = {
        "annotation_count": visible_annotation_count(viewer=viewer),
        "sources_json": source_links_json(),
        "topics_json": visible_topics_json(viewer=viewer),
    }
    names = ["id", *expressions]
    plain = Article.objects.published().annotate(**expressions).order_by("id").values(*names)
    compiled = annotate_precompiled(Article.objects.published(), **expressions)
    rows = list(
        compiled.filter(source_links__role="cited").distinct().order_by("id").values(*names)
    )
    assert rows == [row for row in plain if row["id"] in {r["id"] for r in rows}]
    assert list(compiled.order_by("id").values(*names)) == list(plain)
    assert [r["annotation_count"] for r in plain] == [1, 1, 0, 1]
