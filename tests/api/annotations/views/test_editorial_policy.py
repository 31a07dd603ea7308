"""The API writes only as the editorial policy allows (annotations.permissions,
applied by the services): what an editor's token could do before, refused
with a 403 that says why; nothing written; no text shown that the requester
may not read."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from annotations.models import Annotation
from tests import factories


@pytest.fixture(autouse=True)
def english():
    """The service's messages in English, as the clients ask; the language
    active before is restored after (requests activate their own)."""
    with translation.override("en"):
        yield


ANNOTATIONS = "/api/v1/annotations/"
OWN_DRAFTS_ONLY = "You may only edit your own drafts and open suggestions."


@pytest.fixture
def editors(corpus):
    """Two staff editors; the corpus's draft (on article 003) is the first one's."""
    amal = factories.user("amal", "Editors", password=None)
    basel = factories.user("basel", "Editors", password=None)
    Annotation.objects.filter(pk=corpus.annotations["draft"].pk).update(created_by=amal)
    Annotation.objects.filter(pk=corpus.annotations["mou"].pk).update(created_by=amal)
    return amal, basel


def _row(annotation):
    return Annotation.objects.values("status", "note", "topic__slug", "quote").get(pk=annotation.pk)


def test_an_editor_cannot_put_or_patch_a_colleagues_draft(corpus, editors):
    _amal, basel = editors
    draft = corpus.annotations["draft"]
    before = _row(draft)
    client = factories.api_client(basel, language="en")
    put = client.put(
        f"{ANNOTATIONS}{draft.pk}/",
        {
            "article": draft.article_id,
            "topic": "counter-terrorism",
            "start": draft.start,
            "end": draft.end,
            "quote": draft.quote,
            "note": "taken over",
        },
        format="json",
    )
    patch = client.patch(f"{ANNOTATIONS}{draft.pk}/", {"note": "taken over"}, format="json")
    assert (put.status_code, put.json()) == (403, {"detail": OWN_DRAFTS_ONLY})
    assert (patch.status_code, patch.json()) == (403, {"detail": OWN_DRAFTS_ONLY})
    assert _row(draft) == before


def test_an_editor_cannot_change_approved_work_or_its_status(corpus, editors):
    amal, _basel = editors
    approved = corpus.annotations["mou"]  # approved, and amal's
    before = _row(approved)
    client = factories.api_client(amal, language="en")
    edit = client.patch(
        f"{ANNOTATIONS}{approved.pk}/", {"note": "x", "topic": "counter-terrorism"}, format="json"
    )
    assert (edit.status_code, edit.json()) == (403, {"detail": OWN_DRAFTS_ONLY})
    for status in ("draft", "suggested"):
        response = client.patch(f"{ANNOTATIONS}{approved.pk}/", {"status": status}, format="json")
        assert response.status_code == 403
        assert response.json() == {
            "detail": f"You may not set this annotation's status to “{status}”."
        }
    deleted = client.delete(f"{ANNOTATIONS}{approved.pk}/")
    assert deleted.status_code == 403
    assert deleted.json() == {"detail": "You may only delete your own drafts and open suggestions."}
    assert _row(approved) == before


def test_an_editor_cannot_make_their_own_draft_a_suggestion(corpus, editors):
    amal, _basel = editors
    draft = corpus.annotations["draft"]
    response = factories.api_client(amal, language="en").patch(
        f"{ANNOTATIONS}{draft.pk}/", {"status": "suggested"}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "You may not set this annotation's status to “suggested”."}
    assert _row(draft)["status"] == "draft"


def test_an_editor_cannot_delete_a_colleagues_draft(corpus, editors):
    _amal, basel = editors
    draft = corpus.annotations["draft"]
    response = factories.api_client(basel, language="en").delete(f"{ANNOTATIONS}{draft.pk}/")
    assert response.status_code == 403
    assert Annotation.objects.filter(pk=draft.pk).exists()


NOT_STAFF = (
    "Only staff accounts may change annotations; ask an administrator for one in the Editors group."
)


def test_an_editors_group_member_without_staff_status_writes_nothing(corpus):
    outsider = factories.user("outsider", "Editors", is_staff=False, password=None)
    client = factories.api_client(outsider, language="en")
    article = corpus.articles["002"]
    quote = "يشار غولر"
    start = article.body.index(quote)
    created = client.post(
        ANNOTATIONS,
        {
            "article": article.pk,
            "topic": "training-mou",
            "start": start,
            "end": start + len(quote),
            "quote": quote,
        },
        format="json",
    )
    assert (created.status_code, created.json()) == (403, {"detail": NOT_STAFF})
    approved = corpus.annotations["mou"]
    edited = client.patch(f"{ANNOTATIONS}{approved.pk}/", {"note": "x"}, format="json")
    deleted = client.delete(f"{ANNOTATIONS}{approved.pk}/")
    assert (edited.status_code, edited.json()) == (403, {"detail": NOT_STAFF})
    assert (deleted.status_code, deleted.json()) == (403, {"detail": NOT_STAFF})
    assert Annotation.objects.count() == 7
    assert _row(approved)["note"] == ""


def test_a_quote_mismatch_never_shows_a_draft_articles_text(corpus):
    draft_article = corpus.articles["001"]
    secret = draft_article.body[100:180]
    probe = {"article": draft_article.pk, "topic": "training-mou", "start": 100, "end": 180}
    probe["quote"] = "x" * 80
    # A group member without staff status is refused before the data is read.
    outsider = factories.api_client(
        factories.user("outsider", "Editors", is_staff=False, password=None), language="en"
    )
    refused = outsider.post(ANNOTATIONS, probe, format="json")
    assert (refused.status_code, refused.json()) == (403, {"detail": NOT_STAFF})
    # A staff writer who may not read drafts finds no such article.
    writer = factories.user("writer", password=None)
    writer.user_permissions.set(
        Group.objects.get(name="Editors").permissions.exclude(codename="view_article")
    )
    response = factories.api_client(writer, language="en").post(ANNOTATIONS, probe, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "article": [f'Invalid pk "{draft_article.pk}" - object does not exist.']
    }
    assert secret not in response.content.decode()
    # An editor who may read drafts is told what the text there is.
    editor = factories.api_client(factories.user("amal", "Editors", password=None), language="en")
    told = editor.post(ANNOTATIONS, probe, format="json")
    assert told.status_code == 400 and secret in told.json()["quote"][0]


def test_the_browsable_form_lists_only_articles_the_user_may_see(corpus):
    writer = factories.user("writer", password=None)
    writer.user_permissions.set(
        Group.objects.get(name="Editors").permissions.exclude(codename="view_article")
    )
    client = factories.api_client(writer, language="en")
    page = client.get(ANNOTATIONS, HTTP_ACCEPT="text/html").content.decode()
    assert 'id="post-object-form"' in page  # the form is there, for a writer
    assert f'<option value="{corpus.articles["002"].pk}"' in page
    assert f'<option value="{corpus.articles["001"].pk}"' not in page
    assert corpus.articles["001"].title not in page
    # Who may not write gets no form at all.
    outsider = factories.api_client(
        factories.user("outsider", "Editors", is_staff=False, password=None), language="en"
    )
    page = outsider.get(ANNOTATIONS, HTTP_ACCEPT="text/html").content.decode()
    assert 'id="post-object-form"' not in page
    assert corpus.articles["001"].title not in page
