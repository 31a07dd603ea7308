"""While an assignment is open, each of its editors sees only their own
passages on its articles: in the annotator, the admin's list and endpoints,
and the API. One rule (``agreement.permissions.annotations_hidden_from``, a restriction of
the curation policy), asked by all."""

from __future__ import annotations

import json

import pytest

from agreement.services import assignment_close
from annotations.models import Annotation
from archive.curation import Viewer
from tests import factories
from tests.agreement.conftest import BODY

pytestmark = pytest.mark.django_db

MOU = "مذكرة تفاهم للتدريب"
SDF = "قوات سوريا الديمقراطية"


@pytest.fixture
def passages(article, annotate, amal, bashir, assignment):
    """Each editor's passage on the assigned article, and a suggestion nobody owns."""
    return {
        "amal": annotate(article, MOU, amal),
        "bashir": annotate(article, SDF, bashir, topic="sdf-integration"),
        "suggestion": annotate(article, "دمشق", None, status="suggested"),
    }


def annotator_config(client, article) -> dict:
    response = client.get(f"/admin/archive/article/{article.pk}/change/")
    assert response.status_code == 200
    script_id = f"annotator-config-{article.pk}"
    html = response.content.decode()
    start = html.index(f'<script id="{script_id}" type="application/json">') + len(
        f'<script id="{script_id}" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_the_policy_hides_colleagues_and_suggestions_on_assigned_articles_only(
    passages, article, annotate, amal, bashir, reviewer
):
    elsewhere = factories.article(BODY)
    theirs_elsewhere = annotate(elsewhere, MOU, bashir)
    seen = set(Annotation.objects.visible_to(Viewer.of(amal)).values_list("pk", flat=True))
    assert seen == {passages["amal"].pk, theirs_elsewhere.pk}
    seen = set(Annotation.objects.visible_to(Viewer.of(bashir)).values_list("pk", flat=True))
    assert seen == {passages["bashir"].pk, theirs_elsewhere.pk}
    # The reviewer who made the assignment is not one of its editors: sees all.
    assert Viewer.of(reviewer).restriction("annotation") is None
    assert set(Annotation.objects.visible_to(Viewer.of(reviewer)).values_list("pk", flat=True)) == {
        passages["amal"].pk,
        passages["bashir"].pk,
        passages["suggestion"].pk,
        theirs_elsewhere.pk,
    }


def test_the_annotator_shows_only_ones_own_passages_and_says_so(passages, article, amal):
    client = factories.client(amal)
    config = annotator_config(client, article)
    assert [a["quote"] for a in config["annotations"]] == [MOU]
    assert config["hiddenNotice"] == (
        "Double annotation (MoU coverage): you see only your own passages on this "
        "article until a reviewer closes the assignment."
    )
    html = client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert 'class="annotator__hidden-notice" role="note"' in html


def test_the_annotator_shows_everything_to_the_reviewer_without_a_notice(
    passages, article, reviewer
):
    config = annotator_config(factories.client(reviewer), article)
    assert sorted(a["quote"] for a in config["annotations"]) == sorted([MOU, SDF, "دمشق"])
    assert config["hiddenNotice"] == ""


def test_the_admin_list_and_endpoints_treat_a_hidden_passage_as_absent(passages, amal):
    client = factories.client(amal)
    listed = client.get("/admin/annotations/annotation/").context["cl"].result_list
    assert [a.pk for a in listed] == [passages["amal"].pk]
    theirs = passages["bashir"].pk
    assert client.get(f"/admin/annotations/annotation/{theirs}/change/").status_code == 302
    # The workspace's reads, and its writes through the API with the session.
    assert client.get(f"/admin/annotations/annotation/api/{theirs}/").status_code == 404
    response = client.patch(
        f"/api/v1/annotations/{theirs}/",
        json.dumps({"note": "peeking"}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert client.delete(f"/api/v1/annotations/{theirs}/").status_code == 404
    passages["bashir"].refresh_from_db()
    assert passages["bashir"].note == ""


def test_the_api_hides_colleagues_passages_from_an_assigned_editor(passages, article, amal):
    client = factories.api_client(amal)
    listed = client.get("/api/v1/annotations/").json()["results"]
    assert [a["quote"] for a in listed] == [MOU]
    detail = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert [a["quote"] for a in detail["annotations"]] == [MOU]
    assert client.get(f"/api/v1/annotations/{passages['bashir'].pk}/").status_code == 404


def test_closing_the_assignment_lifts_the_rule(passages, assignment, amal, reviewer):
    client = factories.api_client(amal)
    assert len(client.get("/api/v1/annotations/").json()["results"]) == 1
    assignment_close(assignment, closed_by=reviewer)
    # The editors' drafts became their versions; the suggestion is visible again.
    listed = client.get("/api/v1/annotations/").json()["results"]
    assert [a["quote"] for a in listed] == ["دمشق"]
