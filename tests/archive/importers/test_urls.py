"""One spelling per address: the identity of an imported article."""

from __future__ import annotations

import re

import pytest

from archive.importers.urls import BadURL, canonical_url, url_host


def test_arabic_path_and_lower_case_escapes_are_one_spelling():
    encoded = "https://www.youm7.com/story/%d9%88%d8%b2%d9%8a%d8%b1"
    assert canonical_url("https://WWW.Youm7.com/story/وزير") == canonical_url(encoded)
    assert canonical_url(encoded) == "https://www.youm7.com/story/%D9%88%D8%B2%D9%8A%D8%B1"


def test_fragment_tracking_parameters_and_default_port_are_dropped():
    assert (
        canonical_url("https://example.com:443/a?id=7&utm_source=fb&fbclid=XYZ#comments")
        == "https://example.com/a?id=7"
    )
    assert canonical_url("http://example.com") == "http://example.com/"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "empty"),
        ("ftp://example.com/file", "not an http(s) address"),
        ("/news/12", "not an http(s) address"),
        ("https://example.com/" + "a" * 2000, "longer than 2000 characters"),
    ],
)
def test_what_is_not_an_address_says_why(value, reason):
    with pytest.raises(BadURL, match=re.escape(reason)):
        canonical_url(value)


def test_host_without_www():
    assert url_host("https://www.hespress.com/politique/1.html") == "hespress.com"
    assert url_host("https://m.example.co.uk/x") == "example.co.uk"
    assert url_host("https://sana.sy/x") == "sana.sy"
