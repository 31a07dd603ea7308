"""The editorial workflow is one policy below every interface: for each kind of
user and each write, the service (what the shell calls), the REST API and the
admin give the same answer, and that answer is the one written down here.

Six kinds of user × fifteen writes × three interfaces. Each interface acts on
its own fresh copy of the passage, so one interface's change never decides
another's case. A refusal changes nothing; through the API it is a 403 whose
message is the service's own (401 for anonymous), never a 200.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from annotations import services
from annotations.models import Annotation, Topic
from annotations.permissions import WorkflowDenied
from archive.models import Article
from tests import factories


@pytest.fixture(autouse=True)
def english():
    """The service's messages in English, as the clients ask; the language
    active before is restored after (requests activate their own)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db
Status = Annotation.Status

BODY = (
    "أكدت وزارة الدفاع التركية دعمها وحدة سوريا وسلامة أراضيها.\n\n"
    "ووقع الجانبان مذكرة تفاهم مشتركة للتدريب والاستشارات العسكرية."
)
PASSAGE = "وزارة الدفاع التركية"
OTHER_PASSAGE = "مذكرة تفاهم مشتركة"
NEW_NOTE = "ملاحظة جديدة"

USERS = ["anonymous", "outsider", "editor", "colleague", "reviewer", "superuser"]
WRITERS = {"editor", "colleague", "reviewer", "superuser"}
REVIEWERS = {"reviewer", "superuser"}
OWNER = {"editor", "reviewer", "superuser"}  # the draft is the editor's own


@dataclass(frozen=True)
class Action:
    """One write: the passage it starts from (``None``: it creates one), what
    it does, and who may do it."""

    name: str
    start_status: str | None
    allowed: frozenset[str]
    change: dict
    applied: Callable[[Annotation | None, dict], bool]


def _status_is(status):
    return lambda annotation, _expect: annotation is not None and annotation.status == status


ACTIONS = [
    Action(
        "create a draft",
        None,
        frozenset(WRITERS),
        {"status": Status.DRAFT},
        lambda annotation, _e: annotation is not None and annotation.status == Status.DRAFT,
    ),
    Action(
        "create an approved annotation",
        None,
        frozenset(REVIEWERS),
        {"status": Status.APPROVED},
        lambda annotation, _e: annotation is not None and annotation.status == Status.APPROVED,
    ),
    Action(
        "edit the editor's draft (own / another's)",
        Status.DRAFT,
        frozenset(OWNER),
        {"note": NEW_NOTE},
        lambda annotation, _e: annotation.note == NEW_NOTE,
    ),
    Action(
        "move the editor's draft to another passage",
        Status.DRAFT,
        frozenset(OWNER),
        {"passage": OTHER_PASSAGE},
        lambda annotation, _e: annotation.quote == OTHER_PASSAGE,
    ),
    Action(
        "edit an approved annotation",
        Status.APPROVED,
        frozenset(REVIEWERS),
        {"note": NEW_NOTE},
        lambda annotation, _e: annotation.note == NEW_NOTE,
    ),
    Action(
        "approve a draft",
        Status.DRAFT,
        frozenset(REVIEWERS),
        {"status": Status.APPROVED},
        _status_is(Status.APPROVED),
    ),
    Action(
        "reject a draft",
        Status.DRAFT,
        frozenset(REVIEWERS),
        {"status": Status.REJECTED},
        _status_is(Status.REJECTED),
    ),
    Action(
        "move a draft to suggested",
        Status.DRAFT,
        frozenset(),
        {"status": Status.SUGGESTED},
        _status_is(Status.SUGGESTED),
    ),
    Action(
        "reopen an approved annotation as a draft",
        Status.APPROVED,
        frozenset(REVIEWERS),
        {"status": Status.DRAFT},
        _status_is(Status.DRAFT),
    ),
    Action(
        "move an approved annotation to suggested",
        Status.APPROVED,
        frozenset(),
        {"status": Status.SUGGESTED},
        _status_is(Status.SUGGESTED),
    ),
    Action(
        "reject an approved annotation",
        Status.APPROVED,
        frozenset(REVIEWERS),
        {"status": Status.REJECTED},
        _status_is(Status.REJECTED),
    ),
    Action(
        "delete the editor's draft",
        Status.DRAFT,
        frozenset(OWNER),
        {"delete": True},
        lambda annotation, _e: annotation is None,
    ),
    Action(
        "delete an approved annotation",
        Status.APPROVED,
        frozenset(REVIEWERS),
        {"delete": True},
        lambda annotation, _e: annotation is None,
    ),
    Action(
        "accept a suggestion",
        Status.SUGGESTED,
        frozenset(WRITERS),
        {"accept": True},
        # A reviewer's acceptance approves it; an editor's makes it their draft.
        lambda annotation, expect: annotation.status == expect["accepted"],
    ),
    Action(
        "dismiss a suggestion",
        Status.SUGGESTED,
        frozenset(WRITERS),
        {"status": Status.REJECTED},
        _status_is(Status.REJECTED),
    ),
]


@pytest.fixture
def world(db):
    users = {
        "anonymous": AnonymousUser(),
        # in the group, without staff status
        "outsider": factories.user("outsider", "Editors", is_staff=False, password=None),
        "editor": factories.user("editor", "Editors", password=None),
        "colleague": factories.user("colleague", "Editors", password=None),
        "reviewer": factories.user("reviewer", "Editors", "Reviewers", password=None),
        "superuser": factories.user("superuser", is_superuser=True, password=None),
    }
    article = factories.article(BODY, title="وزارة الدفاع التركية", status=Article.Status.PUBLISHED)
    return users, article, Topic.objects.get(slug="training-mou")


def _passage(article, topic, status, owner, note="") -> Annotation:
    return factories.annotation_on(
        article,
        PASSAGE,
        topic,
        note=note,
        status=status,
        created_by=None if status == Status.SUGGESTED else owner,  # a suggestion is no one's
    )


def _fresh(annotation: Annotation | None) -> Annotation | None:
    if annotation is None:
        return None
    return Annotation.objects.filter(pk=annotation.pk).first()


def _created(marker: str) -> Annotation | None:
    return Annotation.objects.filter(note=marker).first()


def _offsets(passage: str) -> dict:
    start = BODY.index(passage)
    return {"start": start, "end": start + len(passage), "quote": passage}


# ---- the three interfaces ------------------------------------------------


def by_service(user, action: Action, target, article, topic, marker) -> tuple[bool, str]:
    """The shell's way: call the service as ``user``."""
    change = action.change
    try:
        if target is None:
            services.annotation_create(
                by=user,
                article=article,
                topic=topic,
                note=marker,
                status=change["status"],
                **_offsets(OTHER_PASSAGE),
            )
        elif change.get("delete"):
            services.annotation_delete(target, by=user)
        elif change.get("accept"):
            services.suggestion_accept(target, by=user)
        elif "passage" in change:
            services.annotation_update(target, by=user, **_offsets(change["passage"]))
        elif "note" in change:
            services.annotation_update(target, by=user, note=change["note"])
        else:
            services.annotation_set_status(target, by=user, status=change["status"])
    except WorkflowDenied as refusal:
        assert refusal.message, "a refusal says why"
        return False, refusal.message
    return True, ""


def by_api(user, action: Action, target, article, topic, marker, expected_message):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user.is_authenticated:
        client.force_authenticate(user)
    change = action.change
    if target is None:
        response = client.post(
            "/api/v1/annotations/",
            {
                "article": article.pk,
                "topic": topic.slug,
                "note": marker,
                "status": change["status"],
                **_offsets(OTHER_PASSAGE),
            },
            format="json",
        )
    elif change.get("delete"):
        response = client.delete(f"/api/v1/annotations/{target.pk}/")
    else:
        if change.get("accept"):
            accepted = (
                Status.APPROVED if user.has_perm("annotations.review_annotation") else "draft"
            )
            data = {"status": accepted}
        elif "passage" in change:
            data = _offsets(change["passage"])
        else:
            data = dict(change)
        response = client.patch(f"/api/v1/annotations/{target.pk}/", data, format="json")
    if response.status_code in (200, 201, 204):
        return True
    if not user.is_authenticated:
        assert response.status_code == 401, response.content
        return False
    assert response.status_code == 403, (response.status_code, response.content)
    # The API's refusal is the policy's own sentence.
    assert response.json() == {"detail": expected_message}
    return False


def by_admin(user, action: Action, target, article, topic, marker) -> None:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    change = action.change
    base = "/admin/annotations/annotation/"
    if target is None:
        client.post(
            f"{base}add/",
            {
                "article": article.pk,
                "topic": topic.pk,
                "note": marker,
                "status": change["status"],
                **_offsets(OTHER_PASSAGE),
            },
        )
    elif change.get("delete"):
        client.post(f"{base}{target.pk}/delete/", {"post": "yes"})
    elif change.get("accept"):
        client.post(base, {"action": "accept_suggestions", "_selected_action": [target.pk]})
    else:
        form = {
            "article": article.pk,
            "topic": topic.pk,
            "note": target.note,
            "status": target.status,
            "opened_version": target.version,
            **_offsets(PASSAGE),
        }
        if "passage" in change:
            form.update(_offsets(change["passage"]))
        else:
            form.update(change)
        client.post(f"{base}{target.pk}/change/", form)


# ---- the matrix ----------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
@pytest.mark.parametrize("kind", USERS)
def test_every_interface_gives_the_policys_answer(world, kind, action):
    users, article, topic = world
    user = users[kind]
    expected = kind in action.allowed
    expect = {"accepted": Status.APPROVED if kind in REVIEWERS else Status.DRAFT}

    def target():
        if action.start_status is None:
            return None
        return _passage(article, topic, action.start_status, users["editor"], note="")

    def outcome(marker, annotation):
        found = _created(marker) if annotation is None else _fresh(annotation)
        if action.start_status is None:
            return found is not None and action.applied(found, expect)
        if action.change.get("delete"):
            return found is None
        return action.applied(found, expect)

    service_target = target()
    applied_by_service, message = by_service(
        user, action, service_target, article, topic, "service"
    )
    assert applied_by_service == outcome("service", service_target) == expected

    api_target = target()
    applied_by_api = by_api(user, action, api_target, article, topic, "api", message)
    assert applied_by_api == outcome("api", api_target) == expected

    admin_target = target()
    by_admin(user, action, admin_target, article, topic, "admin")
    assert outcome("admin", admin_target) == expected
    if not expected and admin_target is not None:
        # Refused: the passage is as it was, not half changed.
        after = _fresh(admin_target)
        assert (after.status, after.note, after.quote) == (
            action.start_status,
            "",
            PASSAGE,
        )
