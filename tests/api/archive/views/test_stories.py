"""Stories in the API: curated like the rest (the public counts and sees only
published copies), story= on articles and annotations, unique_stories=true on
lists, searches and exports."""

from __future__ import annotations

import json

import pytest

from annotations.models import Annotation
from archive.models import Article
from tests import factories


def publish(*articles):
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(status=Article.Status.PUBLISHED)


@pytest.fixture
def mou_copies(loaded_seeds, tmp_path):
    """The seeds loaded, then seven wire copies of 002 (one story)."""
    return loaded_seeds, factories.mou_copies(loaded_seeds, tmp_path / "outlets")


@pytest.fixture
def staff_client(db):
    user = factories.user_with("staff", "view_article", "view_annotation")
    return factories.client(user, language=None)


@pytest.mark.django_db
def test_the_public_sees_a_story_by_its_published_copies(client, mou_copies):
    seeds, copies = mou_copies
    mou = Article.objects.get(pk=seeds["002"].pk)
    publish(copies[2], copies[4], copies[5])  # the seed itself stays a draft
    listed = client.get("/api/v1/stories/").json()
    assert listed["count"] == 1
    (story,) = listed["results"]
    assert (story["id"], story["copies"]) == (mou.story_id, 3)
    # The representative (seed 002) is a draft: the earliest published copy stands.
    assert story["representative"] == copies[2].pk
    assert story["title"] == copies[2].title
    assert story["articles_url"].endswith(f"/api/v1/articles/?story={mou.story_id}")
    detail = client.get(f"/api/v1/stories/{mou.story_id}/").json()
    assert [a["id"] for a in detail["articles"]] == [copies[2].pk, copies[4].pk, copies[5].pk]
    # A story with no published copy is not there for the public.
    other = Article.objects.get(pk=seeds["000"].pk).story_id
    assert client.get(f"/api/v1/stories/{other}/").status_code == 404


@pytest.mark.django_db
def test_staff_see_every_copy(staff_client, mou_copies):
    seeds, copies = mou_copies
    mou = Article.objects.get(pk=seeds["002"].pk)
    story = staff_client.get(f"/api/v1/stories/{mou.story_id}/").json()
    assert (story["copies"], story["representative"]) == (8, mou.pk)
    assert staff_client.get("/api/v1/stories/").json()["count"] == 5
    assert staff_client.get("/api/v1/stories/", {"min_copies": 2}).json()["count"] == 1


@pytest.mark.django_db
def test_story_filter_on_articles_and_annotations(client, mou_copies, topics):
    seeds, copies = mou_copies
    publish(*copies)
    story = copies[0].story_id
    found = client.get("/api/v1/articles/", {"story": story}).json()
    assert sorted(a["id"] for a in found["results"]) == sorted(c.pk for c in copies)
    assert {a["story"] for a in found["results"]} == {story}
    quote = "اتفاقية تعاون عسكري"
    copy = Article.objects.get(pk=copies[1].pk)
    annotation = factories.annotation_on(
        copy, quote, topics["training-mou"], status=Annotation.Status.APPROVED
    )
    listed = client.get("/api/v1/annotations/", {"story": story}).json()
    assert [a["id"] for a in listed["results"]] == [annotation.pk]
    assert (
        client.get("/api/v1/annotations/", {"story": seeds["000"].story_id}).json()["results"] == []
    )


@pytest.mark.django_db
def test_unique_stories_keeps_one_copy_per_story_with_its_count(client, mou_copies):
    seeds, copies = mou_copies
    publish(*seeds.values(), *copies)
    everything = client.get("/api/v1/articles/").json()
    assert everything["count"] == 12
    unique = client.get("/api/v1/articles/", {"unique_stories": "true"}).json()
    assert unique["count"] == 5
    by_id = {a["id"]: a["story_copies"] for a in unique["results"]}
    assert by_id == {seeds[n].pk: (8 if n == "002" else 1) for n in seeds}
    assert client.get("/api/v1/articles/", {"unique_stories": "false"}).json()["count"] == 12
    assert client.get("/api/v1/articles/", {"unique_stories": "yes"}).status_code == 400
    lines = client.get("/api/v1/articles/export.jsonl", {"unique_stories": "true"}).getvalue()
    records = [json.loads(line) for line in lines.decode().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(a.pk for a in seeds.values())


@pytest.mark.django_db
def test_search_results_collapse_by_story(client, mou_copies):
    seeds, copies = mou_copies
    publish(*seeds.values(), *copies)
    found = client.get("/api/v1/articles/", {"q": "مذكرة تفاهم"}).json()
    collapsed = client.get(
        "/api/v1/articles/", {"q": "مذكرة تفاهم", "unique_stories": "true"}
    ).json()
    stories = {a["story"] for a in found["results"]}
    assert found["count"] > collapsed["count"] == len(stories)
    assert {a["story"] for a in collapsed["results"]} == stories


@pytest.mark.django_db
def test_unique_stories_counts_only_what_the_public_may_see(client, mou_copies):
    seeds, copies = mou_copies
    publish(copies[0], copies[1])
    unique = client.get("/api/v1/articles/", {"unique_stories": "true"}).json()
    assert [(a["id"], a["story_copies"]) for a in unique["results"]] == [(copies[0].pk, 2)]
