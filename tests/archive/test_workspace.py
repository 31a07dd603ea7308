"""The article workspace page: the text first, the metadata aside."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from actors.services import article_find_mentions
from annotations.suggestions import articles_suggest
from tests import factories
from tests.archive.admin.test_article_admin import config_of

pytestmark = pytest.mark.django_db


def url(article):
    return f"/admin/archive/article/{article.pk}/workspace/"


def test_the_workspace_shows_the_text_and_folds_the_metadata(editor_client, loaded_seeds):
    article = loaded_seeds["000"]
    articles_suggest([article])
    response = editor_client.get(url(article))
    assert response.status_code == 200
    html = response.content.decode()
    title = article.title.replace('"', "&quot;")
    assert f'<h1 class="workspace__title" dir="rtl" lang="ar">{title}</h1>' in html
    assert '<details class="workspace__details">' in html  # folded: nothing in doubt
    assert f'href="/admin/archive/article/{article.pk}/change/">Edit all fields</a>' in html
    assert 'id="nav-sidebar"' not in html  # the text needs the width
    config = config_of(response, article)
    suggestion = config["annotations"][0]
    assert suggestion["status"] == "suggested"
    assert [a["name"] for a in suggestion["actions"]] == ["accept", "dismiss"]
    assert config["keys"][0] == ["j / k", "next / previous passage"]


def test_the_metadata_opens_when_the_loader_doubted(editor_client, loaded_seeds):
    article = loaded_seeds["001"]
    article.published_on = None
    article.title_derived = True
    article.save()
    html = editor_client.get(url(article)).content.decode()
    assert '<details class="workspace__details" open>' in html
    assert "The file states no publication date: set one if you can." in html
    assert "The title was taken from the text: check it." in html
    assert '<strong class="workspace__missing">none stated</strong>' in html


def test_the_change_form_links_back_to_the_workspace(editor_client, loaded_seeds):
    article = loaded_seeds["002"]
    html = editor_client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert f'<a href="{url(article)}" class="viewlink">Read and annotate</a>' in html


def embedded_mentions(response):
    """The mentions layer's data embedded in an article page, or None."""
    found = re.search(
        r'<script id="mentions-layer-data" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(found.group(1)) if found else None


def test_the_mentions_layer_comes_with_the_page_for_who_may_view_it(editor_client, loaded_seeds):
    article = loaded_seeds["000"]
    article_find_mentions(article)
    endpoint = editor_client.get(f"/admin/actors/mention/article/{article.pk}/json/").json()
    for page in ("workspace", "change"):
        data = embedded_mentions(editor_client.get(f"/admin/archive/article/{article.pk}/{page}/"))
        assert data == endpoint  # one shape, from actors.selectors.mentions_layer
    assert [m["quote"] for m in data["mentions"]][:2] == ["وزارة الدفاع التركية", "سوريا"]
    assert {"slug": "sdf", "name": "قوات سوريا الديمقراطية (Syrian Democratic Forces (SDF))"} in (
        data["actors"]
    )
    # Staff who may view articles but not mentions get the text without the layer.
    reader = factories.client(factories.user_with("reader", "view_article"))
    response = reader.get(url(article))
    assert response.status_code == 200
    assert embedded_mentions(response) is None


def test_the_changelist_title_opens_the_workspace(editor_client, loaded_seeds):
    article = loaded_seeds["002"]
    html = editor_client.get("/admin/archive/article/").content.decode()
    title = article.title.replace('"', "&quot;")
    assert f'<a href="{url(article)}" dir="rtl" lang="ar">{title}</a>' in html


def test_unknown_article_and_anonymous(editor_client, loaded_seeds):
    assert editor_client.get("/admin/archive/article/999999/workspace/").status_code == 404
    anonymous = Client().get(url(loaded_seeds["000"]))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")


def test_the_loaders_other_doubts_open_the_metadata(editor_client, loaded_seeds):
    article = loaded_seeds["002"]
    article.loader_findings = {"doubts": {"body": "no paragraph of prose"}}
    article.save()
    html = editor_client.get(url(article)).content.decode()
    assert '<details class="workspace__details" open>' in html
    assert "<li>Text: no paragraph of prose</li>" in html
