"""The annotation and topic read endpoints (``api.annotations.views``): the
values served for the seeds' curated passages, uncurated ones 404 for the
public, the topics' curated counts, and a query count that does not grow with
the page."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.api.archive.views.test_read import leaked

ANNOTATIONS = "/api/v1/annotations/"
COUNT_QUERIES = 2 if connection.vendor == "postgresql" else 1


def test_annotation_list_values(corpus, anon):
    response = anon.get(ANNOTATIONS)
    results = response.json()["results"]
    assert [a["quote"] for a in results] == [
        "مكافحة الإرهاب",
        "تفاهم مشتركة للتدريب والاستشارات",
        "الخطاب الانفصالي",
    ]
    sdf = results[2]
    assert sdf["topic"] == {
        "slug": "sdf-integration",
        "name_ar": "اندماج قسد",
        "name_en": sdf["topic"]["name_en"],
    }
    assert sdf["prefix"].endswith("مشيرة إلى أن “")
    assert sdf["suffix"].startswith("” الذي أطلقته")
    assert sdf["note"] == "Turkey calls the Hasakah conference's rhetoric separatist."
    assert sdf["article"]["id"] == corpus.articles["000"].pk
    assert sdf["article"]["published_on"] == "2025-08-14"
    assert sdf["article"]["title"].startswith("وزارة الدفاع التركية تؤكد")
    assert {s["slug"] for s in sdf["article"]["sources"]} == {"reuters", "agencies", "sana"}
    assert "status" not in sdf
    assert leaked(response.content.decode(), corpus) == []


@pytest.mark.parametrize("key", ["suggested", "rejected", "draft", "on_draft_article"])
def test_uncurated_annotation_detail_is_404_for_the_public(corpus, anon, staff, key):
    pk = corpus.annotations[key].pk
    assert anon.get(f"{ANNOTATIONS}{pk}/").status_code == 404
    assert staff.get(f"{ANNOTATIONS}{pk}/").json()["status"] == corpus.annotations[key].status


def test_topics_count_curated_annotations(corpus, anon, staff):
    public = {
        t["slug"]: t["annotation_count"] for t in anon.get("/api/v1/topics/").json()["results"]
    }
    assert public == {"counter-terrorism": 1, "sdf-integration": 1, "training-mou": 1}
    everything = {
        t["slug"]: t["annotation_count"] for t in staff.get("/api/v1/topics/").json()["results"]
    }
    assert everything == {"counter-terrorism": 4, "sdf-integration": 1, "training-mou": 2}
    detail = anon.get("/api/v1/topics/training-mou/").json()
    assert detail["name_ar"] == "مذكرة التفاهم للتدريب" and detail["annotation_count"] == 1


@pytest.mark.parametrize("size", [1, 3, 7])
def test_annotation_list_queries_do_not_grow_with_page_size(
    corpus, staff, staff_user, size, django_assert_num_queries
):
    # token + user, user and group permissions, whether an open assignment hides
    # colleagues' passages from the user, the count, the page with its articles' sources
    with django_assert_num_queries(5 + COUNT_QUERIES):
        response = staff.get(ANNOTATIONS, {"page_size": size})
    assert len(response.json()["results"]) == size


def test_topic_counts_follow_curation(corpus, anon, reader):
    for client in (anon, reader):
        topics = {
            t["slug"]: t["annotation_count"]
            for t in client.get("/api/v1/topics/").json()["results"]
        }
        # counter-terrorism: one approved on 004; the approved one on the draft 001,
        # the suggestion on 000 and the rejected one on 002 are not counted.
        assert topics == {"counter-terrorism": 1, "sdf-integration": 1, "training-mou": 1}
