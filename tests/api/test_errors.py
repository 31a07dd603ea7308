"""Errors a researcher meets: named, in the requester's language, never ignored."""

import pytest

ARTICLES = "/api/v1/articles/"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/",
        "/api/v1/articles/export.csv",
        "/api/v1/annotations/",
        "/api/v1/sources/",
        "/api/v1/topics/",
        "/api/v1/events/",
    ],
)
def test_an_unknown_parameter_is_a_400_naming_it(corpus, anon, url):
    response = anon.get(url, {"persn": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    message = response.json()["unknown_parameters"][0]
    assert message.startswith("Unknown query parameter(s): persn. Known: ")


def test_known_parameters_pass(corpus, anon):
    response = anon.get(ARTICLES, {"page_size": 1, "ordering": "-published_on", "include": "body"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_a_bad_ordering_names_the_field_and_the_choices(corpus, anon):
    response = anon.get(ARTICLES, {"ordering": "title,-body"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "ordering": [
            "Cannot order by -body. Order by: id, published_on, title (prefix - to reverse)."
        ]
    }


@pytest.mark.parametrize(("language", "detail"), [("ar", "غير موجود."), ("en", "Not found.")])
def test_404s_follow_accept_language(corpus, anon, language, detail):
    for url in [
        "/api/v1/articles/999999/",
        "/api/v1/sources/no-such-source/",
        "/api/v1/topics/no-such-topic/",
        "/api/v1/no-such-resource/",
    ]:
        response = anon.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 404, url
        assert response.json() == {"detail": detail}, url


def test_arabic_is_the_default_language_of_errors(corpus, anon):
    assert anon.get("/api/v1/articles/999999/").json() == {"detail": "غير موجود."}


def test_405_follows_accept_language(corpus, admin_client):
    response = admin_client.delete("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 405
    assert response.json() == {"detail": 'طريقة "DELETE" غير مسموح بها.'}
