"""``?updated_since=``: every curated list and export gives the rows changed at
or after an instant, ordered by (updated_at, id), so that a mirror resumes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from actors.models import Actor
from annotations.models import Annotation, Topic
from archive.models import Article, Event, Source

T0 = dt.datetime(2025, 9, 1, 12, 0, tzinfo=dt.UTC)


def at(minutes: int, seconds: float = 0) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes, seconds=seconds)


@pytest.fixture
def stamped(corpus):
    """Every row at T0 but a few, moved later in a known order."""
    for model in (Article, Annotation, Event, Source, Topic, Actor):
        model.objects.update(updated_at=T0 - dt.timedelta(days=1))
    a = corpus.articles
    Article.objects.filter(pk=a["004"].pk).update(updated_at=at(5))
    Article.objects.filter(pk=a["000"].pk).update(updated_at=at(10))
    Article.objects.filter(pk=a["002"].pk).update(updated_at=at(10))  # a tie: by id
    Article.objects.filter(pk=a["001"].pk).update(updated_at=at(20))  # the draft
    n = corpus.annotations
    Annotation.objects.filter(pk=n["terror"].pk).update(updated_at=at(7))
    Annotation.objects.filter(pk=n["sdf"].pk).update(updated_at=at(3))
    Annotation.objects.filter(pk=n["rejected"].pk).update(updated_at=at(9))
    Event.objects.filter(pk=corpus.events["mou"].pk).update(updated_at=at(1))
    Source.objects.filter(slug="sana").update(updated_at=at(2))
    Topic.objects.filter(slug="training-mou").update(updated_at=at(4))
    Actor.objects.filter(slug=Actor.objects.order_by("slug").values("slug")[:1]).update(
        updated_at=at(6)
    )
    return corpus


def ids(response, key="id"):
    assert response.status_code == 200, response.content
    return [row[key] for row in response.json()["results"]]


def test_articles_since_an_instant_inclusive_in_update_order(anon, staff, stamped):
    a = stamped.articles
    response = anon.get("/api/v1/articles/", {"updated_since": "2025-09-01T12:05:00Z"})
    tied = sorted([a["000"].pk, a["002"].pk])
    assert ids(response) == [a["004"].pk, *tied]  # 12:05 is included; the draft is not public
    assert response.json()["results"][0]["updated_at"] == "2025-09-01T12:05:00Z"
    assert response.json()["count"] == 3
    # Staff see the draft too, last; an offset names the same instant.
    response = staff.get("/api/v1/articles/", {"updated_since": "2025-09-01T15:05:00+03:00"})
    assert ids(response) == [a["004"].pk, *tied, a["001"].pk]


def test_a_mirror_resumes_page_by_page(anon, stamped):
    a = stamped.articles
    seen = []
    url = "/api/v1/articles/?updated_since=2025-09-01T12:00:00Z&page_size=1"
    while url:
        page = anon.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert seen == [a["004"].pk, *sorted([a["000"].pk, a["002"].pk])]


def test_every_curated_list_reads_it(anon, stamped):
    n = stamped.annotations
    since = {"updated_since": "2025-09-01T12:00:00Z"}
    # The rejected annotation changed at 12:09 but is not curated.
    assert ids(anon.get("/api/v1/annotations/", since)) == [n["sdf"].pk, n["terror"].pk]
    assert ids(anon.get("/api/v1/events/", since)) == [stamped.events["mou"].pk]
    assert ids(anon.get("/api/v1/sources/", since), "slug") == ["sana"]
    assert ids(anon.get("/api/v1/topics/", since), "slug") == ["training-mou"]
    first_actor = Actor.objects.order_by("slug").values_list("slug", flat=True)[0]
    assert ids(anon.get("/api/v1/actors/", since), "slug") == [first_actor]
    assert ids(anon.get("/api/v1/topics/", {"updated_since": "2025-09-01T12:04:00.000001Z"})) == []


def test_exports_since_an_instant_in_update_order(anon, stamped):
    a, n = stamped.articles, stamped.annotations
    since = {"updated_since": "2025-09-01T12:05:00Z"}
    lines = anon.get("/api/v1/articles/export.jsonl", since).getvalue().decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["id"], r["updated_at"]) for r in records] == [
        (a["004"].pk, "2025-09-01T12:05:00Z"),
        *[(pk, "2025-09-01T12:10:00Z") for pk in sorted([a["000"].pk, a["002"].pk])],
    ]
    csv = anon.get("/api/v1/articles/export.csv", since).getvalue().decode("utf-8-sig")
    assert csv.splitlines()[0].split(",") == [
        "id",
        "url",
        "title",
        "title_derived",
        "summary",
        "published_on",
        "published_at",
        "published_precision",
        "published_text",
        "source_updated_at",
        "hijri_date_text",
        "language",
        "status",
        "updated_at",
        "address",
        "publisher",
        "story",
        "sources",
        "topics",
        "annotation_count",
        "actors",
    ]
    lines = anon.get(
        "/api/v1/annotations/export.jsonl", {"updated_since": "2025-09-01T12:00:00Z"}
    ).getvalue()
    assert [json.loads(line)["id"] for line in lines.decode().splitlines()] == [
        n["sdf"].pk,
        n["terror"].pk,
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("yesterday", "not an ISO 8601 instant: 'yesterday'; write e.g. 2025-08-13T13:51:00Z"),
        ("2025-09-01", "not an ISO 8601 instant: '2025-09-01'; write e.g. 2025-08-13T13:51:00Z"),
        (
            "2025-09-01T12:00:00",
            "'2025-09-01T12:00:00' has no time zone: add Z for UTC (2025-08-13T13:51:00Z)",
        ),
        (
            "2025-09-01T12:00:00 03:00",  # a "+" the URL did not encode
            "not an ISO 8601 instant: '2025-09-01T12:00:00 03:00'; write e.g. "
            "2025-08-13T13:51:00Z (in a URL, write + as %2B)",
        ),
        (
            "2025-02-30T12:00:00Z",
            "not an ISO 8601 instant: '2025-02-30T12:00:00Z'; write e.g. 2025-08-13T13:51:00Z",
        ),
        ("0001-01-01T00:00:00+01:00", "'0001-01-01T00:00:00+01:00' is out of range"),
    ],
)
def test_a_bad_instant_is_a_400_naming_the_parameter(anon, corpus, value, message):
    for path in ("/api/v1/articles/", "/api/v1/annotations/export.csv", "/api/v1/topics/"):
        response = anon.get(path, {"updated_since": value}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400
        assert response.json() == {"updated_since": [message]}


def test_not_with_an_ordering_nor_where_it_is_not_read(anon, corpus):
    response = anon.get(
        "/api/v1/articles/",
        {"updated_since": "2025-09-01T12:00:00Z", "ordering": "title"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {
        "updated_since": ["updated_since orders by (updated_at, id); give it without ordering."]
    }
    actor = Actor.objects.order_by("slug").first()
    response = anon.get(
        f"/api/v1/actors/{actor.slug}/mentions/", {"updated_since": "2025-09-01T12:00:00Z"}
    )
    assert response.status_code == 400
    assert "updated_since" in response.json()["unknown_parameters"][0]


def test_an_edit_moves_an_article_to_the_end(anon, stamped):
    a = stamped.articles
    article = Article.objects.get(pk=a["004"].pk)
    article.summary = "ملخص جديد"
    article.save()
    response = anon.get("/api/v1/articles/", {"updated_since": "2025-09-01T12:00:00Z"})
    assert ids(response)[-1] == a["004"].pk
    assert response.json()["results"][-1]["updated_at"] > "2025-09-01T12:10:00Z"


def test_stories_read_it_too(anon, corpus):
    from archive.models import Story

    story = Story.objects.create(representative=corpus.articles["000"])
    Article.objects.filter(pk=corpus.articles["000"].pk).update(story=story)
    Story.objects.update(updated_at=T0 - dt.timedelta(days=1))
    Story.objects.filter(pk=story.pk).update(updated_at=at(1))
    response = anon.get("/api/v1/stories/", {"updated_since": "2025-09-01T12:00:00Z"})
    assert ids(response) == [story.pk]
    assert response.json()["results"][0]["updated_at"] == "2025-09-01T12:01:00Z"
    response = anon.get("/api/v1/stories/", {"updated_since": "2025-09-01T12:01:00.000001Z"})
    assert ids(response) == []
