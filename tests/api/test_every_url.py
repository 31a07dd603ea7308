"""Every GET the schema documents, walked for each kind of viewer: never a
server error, and nothing hidden from the public reaches anonymous users or
logged-in readers, whatever the endpoint (new resources included)."""

from __future__ import annotations

import itertools
import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from annotations.models import Annotation
from archive.models import Article

SECRET = "سري-لا-يُنشر"


def get_operations() -> list[tuple[str, dict]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (path, operation["get"])
        for path, operation in sorted(schema["paths"].items())
        if "get" in operation
    ]


def urls_for(path: str, operation: dict, corpus) -> list[str]:
    """``path`` with its parameters filled by real and hidden keys."""
    resource = path.split("/")[3]
    ids = {
        "articles": [*corpus.hidden_article_ids, corpus.articles["000"].pk],
        "annotations": [*corpus.hidden_annotation_ids, corpus.annotations["sdf"].pk],
        "events": [e.pk for e in corpus.events.values()],
    }.get(resource, [1])
    slugs = {"sources": ["sana"], "topics": ["training-mou"]}.get(resource, ["x"])
    choices = {}
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "path":
            continue
        name = parameter["name"]
        enum = parameter.get("schema", {}).get("enum")
        if enum:
            choices[name] = enum
        elif name in ("id", "pk") or name.endswith("_id"):
            choices[name] = ids
        else:
            choices[name] = slugs
    names = list(choices)
    urls = []
    for values in itertools.product(*(choices[n] for n in names)):
        filled = dict(zip(names, values, strict=True))
        urls.append(re.sub(r"\{(\w+)\}", lambda m, filled=filled: str(filled[m[1]]), path))
    return urls


@pytest.fixture
def marked(corpus):
    """A marker in every hidden annotation's note and the hidden article's title."""
    for annotation in Annotation.objects.filter(pk__in=corpus.hidden_annotation_ids):
        annotation.note = f"{SECRET} {annotation.pk}"
        annotation.save()
    for article in Article.objects.filter(pk__in=corpus.hidden_article_ids):
        article.title = f"{SECRET} {article.title}"
        article.save()
    return corpus


def test_the_schema_documents_the_resources():
    paths = {path for path, _ in get_operations()}
    assert {"/api/v1/articles/", "/api/v1/annotations/", "/api/v1/topics/"} <= paths


@pytest.mark.parametrize("viewer", ["anon", "reader"])
def test_no_url_shows_the_public_what_is_hidden(marked, viewer, request):
    client = request.getfixturevalue(viewer)
    seen = []
    for path, operation in get_operations():
        for url in urls_for(path, operation, marked):
            response = client.get(url)
            assert response.status_code < 500, (url, response.status_code)
            body = (
                b"".join(response.streaming_content) if response.streaming else response.content
            ).decode("utf-8", "replace")
            assert SECRET not in body, url
            seen.append((url, response.status_code))
    hidden_article = f"/api/v1/articles/{next(iter(marked.hidden_article_ids))}/"
    assert (hidden_article, 404) in seen
    assert ("/api/v1/articles/", 200) in seen


def test_staff_see_what_is_hidden_from_the_public(marked, staff):
    hidden_article = next(iter(marked.hidden_article_ids))
    response = staff.get(f"/api/v1/articles/{hidden_article}/")
    assert response.status_code == 200 and SECRET in response.json()["title"]
    for path, operation in get_operations():
        for url in urls_for(path, operation, marked):
            assert staff.get(url).status_code < 500, url
