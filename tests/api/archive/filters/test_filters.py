"""Filters, ordering, search, and 400s (never 500s) naming the bad parameter."""

from __future__ import annotations

import pytest

from archive.services import change_article_body

ARTICLES = "/api/v1/articles/"
ANNOTATIONS = "/api/v1/annotations/"


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_articles_by_date_range(corpus, anon):
    seeds = corpus.articles
    found = ids(anon.get(ARTICLES, {"published_from": "2025-08-01", "published_to": "2025-08-31"}))
    assert sorted(found) == sorted([seeds["000"].pk, seeds["002"].pk])


def test_articles_by_source_and_role(corpus, anon):
    seeds = corpus.articles
    assert sorted(ids(anon.get(ARTICLES, {"source": "sana"}))) == [seeds["000"].pk, seeds["002"].pk]
    assert ids(anon.get(ARTICLES, {"source": "reuters", "role": "attribution"})) == [
        seeds["000"].pk
    ]
    assert ids(anon.get(ARTICLES, {"source": "al-bawaba-news"})) == [seeds["003"].pk]


def test_articles_by_topic_counts_only_curated_annotations(corpus, anon, staff):
    seeds = corpus.articles
    assert ids(anon.get(ARTICLES, {"topic": "training-mou"})) == [seeds["002"].pk]
    # staff also see 003's draft training-mou annotation
    assert ids(staff.get(ARTICLES, {"topic": "training-mou"})) == [seeds["003"].pk, seeds["002"].pk]
    both = ids(anon.get(ARTICLES, {"topic": "training-mou,sdf-integration"}))
    assert both == ids(anon.get(f"{ARTICLES}?topic=training-mou&topic=sdf-integration"))
    assert both == [seeds["002"].pk, seeds["000"].pk]


def test_articles_by_event_and_has_annotations(corpus, anon):
    seeds = corpus.articles
    found = ids(anon.get(ARTICLES, {"event": corpus.events["mou"].pk}))
    assert found == [seeds["002"].pk, seeds["000"].pk]  # not the draft 001
    assert ids(anon.get(ARTICLES, {"has_annotations": "false"})) == [seeds["003"].pk]
    assert len(ids(anon.get(ARTICLES, {"has_annotations": "true"}))) == 3


def test_ordering_on_dates_and_titles(corpus, anon):
    seeds = corpus.articles
    by_date = ids(anon.get(ARTICLES, {"ordering": "published_on"}))
    assert by_date == [seeds[n].pk for n in ("003", "002", "000", "004")]
    by_date_desc = ids(anon.get(ARTICLES, {"ordering": "-published_on"}))
    assert by_date_desc == list(reversed(by_date))
    titles = [a["title"] for a in anon.get(ARTICLES, {"ordering": "title"}).json()["results"]]
    assert titles == sorted(titles)


def test_events_by_date_range_and_kind(corpus, anon):
    august = anon.get("/api/v1/events/", {"date_from": "2025-08-01", "date_to": "2025-08-31"})
    assert [e["id"] for e in august.json()["results"]] == [corpus.events["mou"].pk]
    assert anon.get("/api/v1/events/", {"kind": "meeting"}).json()["results"] == []
    agreements = anon.get("/api/v1/events/", {"kind": "agreement"}).json()
    # The SDF agreement is reported by a draft only: not for the public.
    assert len(agreements["results"]) == 1 and agreements["count"] == 1


@pytest.mark.parametrize(
    ("url", "params", "parameter"),
    [
        (ARTICLES, {"published_from": "2025-13-45"}, "published_from"),
        (ARTICLES, {"published_to": "yesterday"}, "published_to"),
        (ARTICLES, {"topic": "no-such-topic"}, "topic"),
        (ARTICLES, {"topic": "training-mou,nope"}, "topic"),
        (ARTICLES, {"topic": "\x00"}, "topic"),  # PostgreSQL text cannot hold NUL
        (ARTICLES, {"source": "no-such-source"}, "source"),
        (ARTICLES, {"event": "abc"}, "event"),
        (ARTICLES, {"event": "99999999999999999999999"}, "event"),
        (ARTICLES, {"has_annotations": "maybe"}, "has_annotations"),
        (ARTICLES, {"status": "lost"}, "status"),
        (ANNOTATIONS, {"topic": "nope"}, "topic"),
        (ANNOTATIONS, {"article": "1.5"}, "article"),
        (ANNOTATIONS, {"article": "99999999999999999999999"}, "article"),
        (ANNOTATIONS, {"published_from": "2025/08/01x"}, "published_from"),
        ("/api/v1/events/", {"date_from": "August"}, "date_from"),
        ("/api/v1/events/", {"kind": "war"}, "kind"),
    ],
)
def test_bad_values_are_400_naming_the_parameter(corpus, anon, url, params, parameter):
    response = anon.get(url, params)
    assert response.status_code == 400
    assert parameter in response.json()
    export = anon.get(url + "export.csv", params) if url != "/api/v1/events/" else None
    if export is not None:
        assert export.status_code == 400 and parameter in export.json()


def test_bad_cursor_and_page_size_are_not_server_errors(corpus, anon):
    assert anon.get(ARTICLES, {"cursor": "garbage"}).status_code == 404  # DRF: invalid cursor
    assert anon.get(ARTICLES, {"page_size": "many"}).status_code == 200
    ordering = anon.get(ARTICLES, {"ordering": "body"})
    assert ordering.status_code == 400
    assert "body" in ordering.json()["ordering"][0]


# --- search ---------------------------------------------------------------------------


def search(client, q, **params):
    response = client.get(ARTICLES, {"q": q, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_search_folds_alef_hamza(corpus, anon):
    with_hamza = {a["id"] for a in search(anon, "أنقرة")}
    without = {a["id"] for a in search(anon, "انقرة")}
    assert without == with_hamza
    assert corpus.articles["004"].pk in without  # "في أنقرة" in 004


def test_search_folds_hamza_under_alef(corpus, anon):
    found = {a["id"] for a in search(anon, "الارهاب")}
    assert corpus.articles["003"].pk in found  # "مكافحة الإرهاب"
    assert found == {a["id"] for a in search(anon, "الإرهاب")}


def test_syria_spelt_either_way(corpus, anon):
    # 004's body spells it سورية only
    body = corpus.articles["004"].body
    assert "سورية" in body
    found = {a["id"] for a in search(anon, "سوريا")}
    assert corpus.articles["004"].pk in found
    assert found == {a["id"] for a in search(anon, "سورية")}


def test_phrase_in_quotes_matches_as_a_phrase(corpus, anon):
    # Both words occur in 000 ("مذكرة التفاهم"), only 002 has them as "تفاهم مشتركة".
    loose = {a["id"] for a in search(anon, "تفاهم مشتركة")}
    phrase = [a["id"] for a in search(anon, '"تفاهم مشتركة"')]
    assert phrase == [corpus.articles["002"].pk]
    assert set(phrase) <= loose
    reversed_phrase = search(anon, '"مشتركة تفاهم"')
    assert reversed_phrase == []


def test_longer_and_excluded_phrases(corpus, anon):
    # 002: مذكرة “تفاهم مشتركة للتدريب والاستشارات”
    a002 = corpus.articles["002"].pk
    assert [a["id"] for a in search(anon, '"تفاهم مشتركة للتدريب"')] == [a002]
    assert search(anon, '"تفاهم للتدريب مشتركة"') == []  # every pair present, not in this order
    loose = {a["id"] for a in search(anon, "تفاهم")}
    assert a002 in loose and len(loose) > 1
    excluded = {a["id"] for a in search(anon, 'تفاهم -"تفاهم مشتركة"')}
    assert excluded == loose - {a002}


def test_a_phrase_search_follows_an_edited_body(corpus, anon):
    article = corpus.articles["002"]
    assert [a["id"] for a in search(anon, '"تفاهم مشتركة"')] == [article.pk]
    change_article_body(article, article.body.replace("تفاهم مشتركة", "تفاهم عسكرية"))
    assert search(anon, '"تفاهم مشتركة"') == []
    assert [a["id"] for a in search(anon, '"تفاهم عسكرية"')] == [article.pk]


def test_staff_find_phrases_in_drafts_too(corpus, anon, staff):
    # The draft 001 opens: "... أن الإدارة السورية طلبت دعماً رسمياً من أنقرة"
    draft = corpus.articles["001"]
    assert [a["id"] for a in search(staff, '"طلبت دعماً"')] == [draft.pk]
    assert [a["id"] for a in search(staff, '"طلبت دعماً رسمياً"')] == [draft.pk]
    assert search(staff, '"دعماً طلبت"') == []
    assert search(anon, '"طلبت دعماً"') == []


def test_search_excludes_with_minus_and_never_finds_drafts(corpus, anon, staff):
    # The typo تنيظم occurs in the draft 001 only.
    assert search(anon, "تنيظم") == []
    assert [a["id"] for a in search(staff, "تنيظم")] == [corpus.articles["001"].pk]
    with_minus = {a["id"] for a in search(anon, "أنقرة -فيدان")}
    assert corpus.articles["004"].pk not in with_minus


def test_search_results_have_a_snippet_with_the_match(corpus, anon):
    (hit,) = search(anon, '"تفاهم مشتركة"')
    assert "<b>" in hit["snippet"] and "تفاهم" in hit["snippet"]
    assert isinstance(hit["rank"], float)


def test_search_combines_with_filters(corpus, anon):
    found = search(anon, "دمشق", published_from="2025-01-01", published_to="2025-08-31")
    assert {a["id"] for a in found} == {corpus.articles["000"].pk, corpus.articles["002"].pk}


def test_search_with_only_exclusions_finds_nothing(corpus, anon):
    assert search(anon, "-دمشق") == []
    assert search(anon, "!!!") == []


def test_a_request_naming_no_filter_skips_the_filterset(corpus, anon, monkeypatch):
    from api.archive.filters import ArticleFilter

    def refuse(*args, **kwargs):
        raise AssertionError("a FilterSet was built")

    everything = ids(anon.get(ARTICLES))
    monkeypatch.setattr(ArticleFilter, "__init__", refuse)
    assert ids(anon.get(ARTICLES, {"page_size": 50, "ordering": "-id"})) == everything
    with pytest.raises(AssertionError, match="FilterSet was built"):
        anon.get(ARTICLES, {"published_from": "2025-08-01"})


def _filtered_lists():
    from config.api_urls import router

    for prefix, viewset, _basename in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        if filterset is not None:
            for name in filterset.base_filters:
                yield f"/api/v1/{prefix}/", name


@pytest.mark.parametrize(("url", "name"), list(_filtered_lists()))
def test_every_filter_ignores_an_empty_value(corpus, staff, url, name):
    """``ArchiveFilterBackend`` skips the FilterSet when a request names no
    filter: right only while an empty value filters nothing."""
    everything = staff.get(url, {"page_size": 200})
    assert everything.status_code == 200
    empty = staff.get(url, {"page_size": 200, name: ""})
    assert empty.status_code == 200, empty.content
    assert empty.json()["results"] == everything.json()["results"]
