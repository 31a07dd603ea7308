"""The annotation list's filters (``api.annotations.filters.AnnotationFilter``):
by topics, article, source and the articles' dates."""

from __future__ import annotations

ANNOTATIONS = "/api/v1/annotations/"


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_annotations_by_topics_article_source_and_dates(corpus, anon):
    a = corpus.annotations
    assert ids(anon.get(ANNOTATIONS, {"topic": "sdf-integration"})) == [a["sdf"].pk]
    two = ids(anon.get(f"{ANNOTATIONS}?topic=sdf-integration&topic=training-mou"))
    assert two == [a["mou"].pk, a["sdf"].pk]
    assert ids(anon.get(ANNOTATIONS, {"topic": "sdf-integration,training-mou"})) == two
    assert ids(anon.get(ANNOTATIONS, {"article": corpus.articles["004"].pk})) == [a["terror"].pk]
    assert ids(anon.get(ANNOTATIONS, {"source": "reuters"})) == [a["sdf"].pk]
    in_range = ids(
        anon.get(
            ANNOTATIONS,
            {
                "topic": "sdf-integration",
                "published_from": "2025-03-01",
                "published_to": "2025-10-31",
            },
        )
    )
    assert in_range == [a["sdf"].pk]
    assert ids(anon.get(ANNOTATIONS, {"published_to": "2025-08-13"})) == [a["mou"].pk]
