"""The review buttons follow the permission policy: names and keys per status and user."""

from __future__ import annotations

import pytest
from django.utils import translation

from annotations.models import Annotation
from annotations.review import review_actions
from tests import factories

pytestmark = pytest.mark.django_db
Status = Annotation.Status


@pytest.fixture
def people():
    return {
        "editor": factories.user("editor", "Editors"),
        "other": factories.user("other", "Editors"),
        "reviewer": factories.user("reviewer", "Editors", "Reviewers"),
    }


@pytest.fixture
def passage(loaded_seeds, topics):
    article = loaded_seeds["000"]
    phrase = "في حربها ضد الإرهاب"

    def make(status, created_by=None):
        return factories.annotation_on(
            article, phrase, topics["counter-terrorism"], status=status, created_by=created_by
        )

    return make


def moves(user, annotation):
    return [(a["name"], a["status"], a["key"]) for a in review_actions(user, annotation)]


def test_an_editor_accepts_or_dismisses_a_suggestion(people, passage):
    suggestion = passage(Status.SUGGESTED)
    assert moves(people["editor"], suggestion) == [
        ("accept", "draft", "a"),
        ("dismiss", "rejected", "d"),
    ]
    with translation.override("en"):
        labels = [a["label"] for a in review_actions(people["editor"], suggestion)]
    assert labels == ["Accept", "Dismiss"]


def test_a_reviewer_accepting_a_suggestion_approves_it(people, passage):
    assert moves(people["reviewer"], passage(Status.SUGGESTED)) == [
        ("accept", "approved", "a"),
        ("dismiss", "rejected", "d"),
    ]


def test_an_editor_may_not_review_drafts(people, passage):
    draft = passage(Status.DRAFT, created_by=people["editor"])
    assert moves(people["editor"], draft) == []
    assert moves(people["other"], draft) == []


def test_a_reviewer_approves_rejects_and_reopens(people, passage):
    draft = passage(Status.DRAFT, created_by=people["editor"])
    assert moves(people["reviewer"], draft) == [
        ("approve", "approved", "a"),
        ("reject", "rejected", "r"),
    ]
    assert moves(people["reviewer"], passage(Status.APPROVED, people["editor"])) == [
        ("reject", "rejected", "r"),
        ("reopen", "draft", "o"),
    ]
    assert moves(people["reviewer"], passage(Status.REJECTED, people["editor"])) == [
        ("approve", "approved", "a"),
        ("reopen", "draft", "o"),
    ]
