"""Sources and their counts follow the curation of articles (``SourceViewSet``):
a source that stands only behind a draft is not shown to the public anywhere."""

from __future__ import annotations

import pytest

from archive.models import Article, ArticleSource, Source


@pytest.fixture
def draft_only_source(corpus) -> Source:
    """A source cited only by the draft article 001."""
    source = Source.objects.create(slug="draft-only-agency", name="وكالة المسودة")
    ArticleSource.objects.create(
        article=corpus.articles["001"], source=source, role=ArticleSource.Role.CITED
    )
    return source


def public_sources(client) -> dict[str, int]:
    response = client.get("/api/v1/sources/", {"page_size": 200})
    assert response.status_code == 200
    return {s["slug"]: s["article_count"] for s in response.json()["results"]}


def test_a_source_cited_only_by_a_draft_is_not_public(draft_only_source, anon, reader, staff):
    for client in (anon, reader):
        listed = public_sources(client)
        assert "draft-only-agency" not in listed
        assert 0 not in listed.values()
        assert client.get("/api/v1/sources/draft-only-agency/").status_code == 404
        count = client.get("/api/v1/sources/", {"page_size": 1}).json()["count"]
        assert count == len(listed) == 7
    assert public_sources(staff)["draft-only-agency"] == 1
    assert staff.get("/api/v1/sources/draft-only-agency/").json()["article_count"] == 1


def test_filtering_by_a_draft_only_source_answers_as_for_an_unknown_one(
    draft_only_source, anon, staff
):
    hidden = anon.get(
        "/api/v1/articles/", {"source": "draft-only-agency"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    unknown = anon.get("/api/v1/articles/", {"source": "no-such-agency"}, HTTP_ACCEPT_LANGUAGE="en")
    assert hidden.status_code == unknown.status_code == 400
    assert hidden.json() == {
        "source": ["Select a valid choice. That choice is not one of the available choices."]
    }
    staff_view = staff.get("/api/v1/articles/", {"source": "draft-only-agency"}).json()
    assert [a["id"] for a in staff_view["results"]] == [
        draft_only_source.article_links.get().article_id
    ]


def test_a_source_leaves_the_public_list_when_its_last_article_is_unpublished(corpus, anon):
    article = corpus.articles["003"]
    only_003 = [
        slug
        for slug in public_sources(anon)
        if set(
            ArticleSource.objects.filter(
                source__slug=slug, article__status="published"
            ).values_list("article_id", flat=True)
        )
        == {article.pk}
    ]
    assert only_003  # al-ikhbariya stands only behind 003
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    listed = public_sources(anon)
    assert not set(only_003) & set(listed)
    assert 0 not in listed.values()
