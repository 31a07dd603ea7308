"""``annotations/?q=``: passages found by their words, with the articles' rules,
curated like every list (on SQLite here; PostgreSQL's index in CI)."""

from __future__ import annotations

import json

import pytest

from annotations.models import Annotation

ANNOTATIONS = "/api/v1/annotations/"


def found(client, q, **params) -> list[int]:
    response = client.get(ANNOTATIONS, {"q": q, **params})
    assert response.status_code == 200, response.content
    return [a["id"] for a in response.json()["results"]]


def test_a_quote_is_found_by_a_spelling_variant(corpus, anon):
    # "مكافحة الإرهاب" typed without the hamza
    assert found(anon, "الارهاب") == [corpus.annotations["terror"].pk]


def test_a_note_is_searched_too(corpus, anon):
    assert found(anon, "separatist") == [corpus.annotations["sdf"].pk]


def test_a_phrase_matches_in_order_only(corpus, anon):
    mou = corpus.annotations["mou"].pk
    assert found(anon, '"للتدريب والاستشارات"') == [mou]
    assert found(anon, '"والاستشارات للتدريب"') == []
    assert found(anon, "تفاهم -للتدريب") == []


def test_the_public_finds_only_curated_passages(corpus, anon, staff):
    # "داعش" is approved on the draft article 001; "وزير الدفاع" is a draft.
    assert found(anon, "داعش") == [] and found(anon, "وزير الدفاع") == []
    assert found(staff, "داعش") == [corpus.annotations["on_draft_article"].pk]
    assert found(staff, "وزير الدفاع") == [corpus.annotations["draft"].pk]


def test_search_combines_with_filters_and_exports(corpus, anon):
    assert found(anon, "الارهاب", topic="training-mou") == []
    export = anon.get(ANNOTATIONS + "export.jsonl", {"q": "الارهاب"})
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [corpus.annotations["terror"].pk]


def test_only_exclusions_find_nothing(corpus, anon):
    assert found(anon, "-قسد") == []


def test_an_edit_of_the_note_is_searchable_at_once(corpus, anon):
    annotation = corpus.annotations["mou"]
    annotation.note = "اتفاق تدريب"
    annotation.save(update_fields=["note"])
    assert Annotation.objects.get(pk=annotation.pk).search_text.endswith("اتفاق تدريب")
    assert found(anon, "اتفاق") == [annotation.pk]


@pytest.mark.postgres
def test_postgres_ranks_passages(corpus, anon):
    response = anon.get(ANNOTATIONS, {"q": "الارهاب"}).json()
    assert response["results"][0]["id"] == corpus.annotations["terror"].pk
    assert response["count"] == 1


def test_a_search_of_annotations_answers(corpus, anon):
    response = anon.get("/api/v1/annotations/", {"q": "anything"})
    assert response.status_code == 200
    assert response.json()["results"] == []
