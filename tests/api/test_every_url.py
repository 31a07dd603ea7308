"""Every GET the schema documents, walked for each kind of viewer the
curation policy tells apart (``archive.curation``): never a server error, and
nothing hidden from the public (draft articles and their stories, uncurated
annotations, events and mentions) reaches anonymous users, logged-in readers
or staff without the view permissions, whatever the endpoint (new resources
included); staff who hold them see it."""

from __future__ import annotations

import itertools
import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from actors.models import Actor, Mention
from annotations.models import Annotation
from archive.models import Article, Event, Story
from tests import factories

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
        "stories": [corpus.stories["hidden"].pk, corpus.stories["public"].pk],
    }.get(resource, [1])
    slugs = {"sources": ["sana"], "topics": ["training-mou"], "actors": [ACTOR]}.get(
        resource, ["x"]
    )
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


ACTOR = "sdf-every-url"


@pytest.fixture
def marked(corpus):
    """A marker in every hidden annotation's note, the hidden article's title
    (so its story's), the hidden events' titles and the quotes of the hidden
    mentions; a story of the hidden article alone and one of a published one."""
    for annotation in Annotation.objects.filter(pk__in=corpus.hidden_annotation_ids):
        annotation.note = f"{SECRET} {annotation.pk}"
        annotation.save()
    for article in Article.objects.filter(pk__in=corpus.hidden_article_ids):
        article.title = f"{SECRET} {article.title}"
        article.story = Story.objects.create()
        article.save()
        corpus.stories = {"hidden": article.story}
    published = corpus.articles["000"]
    published.story = corpus.stories["public"] = Story.objects.create()
    published.save()
    for event in Event.objects.filter(pk__in=corpus.hidden_event_ids):
        event.title = f"{SECRET} {event.title}"
        event.save()
    actor = Actor.objects.create(slug=ACTOR, kind="armed_group", name_ar="قسد")
    draft = Article.objects.get(pk=next(iter(corpus.hidden_article_ids)))
    for article, status, offset in (
        (published, Mention.Status.CONFIRMED, 0),
        (draft, Mention.Status.CONFIRMED, 0),
        (published, Mention.Status.SUGGESTED, 1),
        (published, Mention.Status.REJECTED, 2),
    ):
        shown = article == published and status == Mention.Status.CONFIRMED
        Mention.objects.create(
            article=article,
            actor=actor,
            start=offset,
            end=offset + 3,
            quote=article.body[offset : offset + 3] if shown else SECRET,
            status=status,
        )
    return corpus


@pytest.fixture
def staff_without_permissions(db) -> APIClient:
    """A staff account holding none of the view permissions: sees what the public sees."""
    return factories.api_client(factories.user_with("staff-plain", "add_annotation"))


@pytest.fixture
def staff_with_every_permission(db) -> APIClient:
    codenames = ("view_article", "view_annotation", "view_event", "view_mention")
    return factories.api_client(factories.user_with("staff-all", *codenames))


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def test_the_schema_documents_the_resources():
    paths = {path for path, _ in get_operations()}
    assert {"/api/v1/articles/", "/api/v1/annotations/", "/api/v1/topics/"} <= paths


@pytest.mark.parametrize("viewer", ["anon", "reader", "staff_without_permissions"])
def test_no_url_shows_the_public_what_is_hidden(marked, viewer, request):
    client = request.getfixturevalue(viewer)
    seen = []
    for path, operation in get_operations():
        for url in urls_for(path, operation, marked):
            response = client.get(url)
            assert response.status_code < 500, (url, response.status_code)
            assert SECRET not in body_of(response), url
            seen.append((url, response.status_code))
    hidden_article = f"/api/v1/articles/{next(iter(marked.hidden_article_ids))}/"
    assert (hidden_article, 404) in seen
    assert (f"/api/v1/stories/{marked.stories['hidden'].pk}/", 404) in seen
    for event_id in marked.hidden_event_ids:
        assert (f"/api/v1/events/{event_id}/", 404) in seen
    for url in ("/api/v1/articles/", f"/api/v1/stories/{marked.stories['public'].pk}/"):
        assert (url, 200) in seen
    assert (f"/api/v1/actors/{ACTOR}/mentions/", 200) in seen


@pytest.mark.parametrize("viewer", ["staff", "staff_with_every_permission"])
def test_staff_see_what_is_hidden_from_the_public(marked, viewer, request):
    client = request.getfixturevalue(viewer)
    hidden_article = next(iter(marked.hidden_article_ids))
    response = client.get(f"/api/v1/articles/{hidden_article}/")
    assert response.status_code == 200 and SECRET in response.json()["title"]
    story = client.get(f"/api/v1/stories/{marked.stories['hidden'].pk}/")
    assert story.status_code == 200 and SECRET in story.json()["title"]
    mentions = client.get(f"/api/v1/actors/{ACTOR}/mentions/").json()["results"]
    every = viewer == "staff_with_every_permission"
    # Without the mentions' permission, staff see the confirmed ones of every article.
    assert sorted(m["quote"] == SECRET for m in mentions) == [
        False,
        True,
        *([True] if every else []),
    ]
    suggested = marked.events["suggested"].pk
    assert client.get(f"/api/v1/events/{suggested}/").status_code == (200 if every else 404)
    for path, operation in get_operations():
        for url in urls_for(path, operation, marked):
            assert client.get(url).status_code < 500, url
