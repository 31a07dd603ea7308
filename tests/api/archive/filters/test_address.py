"""``?address=`` (``api.archive.filters.AddressFilter``): an article found by
any spelling of its web address; a bad address is a 400 naming it."""

from __future__ import annotations


def test_address_filter_reads_any_spelling_of_the_url(client, imported):
    spelled = "HTTPS://News.Example.com/politics/2025/08/13/defence-training?utm_source=x#top"
    found = client.get("/api/v1/articles/", {"address": spelled}).json()
    assert [a["id"] for a in found["results"]] == [imported.pk]
    none = client.get("/api/v1/articles/", {"address": "https://news.example.com/other"}).json()
    assert none["results"] == []


def test_a_bad_address_is_a_400_naming_it(client, imported):
    response = client.get(
        "/api/v1/articles/", {"address": "ftp://news.example.com/x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json()["address"] == ["Not a web address: not an http(s) address."]
