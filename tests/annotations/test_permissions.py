"""The editorial policy itself (``annotations.permissions``): who may create,
edit, move and delete which annotation, and the message a refusal gives. (That
every interface gives the same answer is tests/annotations/test_policy_matrix.py.)"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from annotations import permissions
from annotations.models import Annotation
from annotations.permissions import SYSTEM, WorkflowDenied
from tests import factories

pytestmark = pytest.mark.django_db
S = Annotation.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def people(db):
    return {
        "editor": factories.user("editor", "Editors"),
        "colleague": factories.user("colleague", "Editors"),
        "reviewer": factories.user("reviewer", "Editors", "Reviewers"),
        "staff": factories.user("staff"),  # staff, in no group
        "outsider": factories.user("outsider", "Editors", is_staff=False),
        "gone": factories.user("gone", "Editors", is_active=False),
    }


def passage(status, owner=None) -> Annotation:
    return Annotation(status=status, created_by_id=owner.pk if owner else None)


def test_only_active_staff_accounts_write(people):
    assert [name for name, user in people.items() if permissions.is_writer(user)] == [
        "editor",
        "colleague",
        "reviewer",
        "staff",
    ]
    assert permissions.is_writer(AnonymousUser()) is False
    assert permissions.is_writer(None) is False


def test_the_statuses_a_new_annotation_may_start_in(people):
    assert permissions.creatable_statuses(people["editor"]) == [S.DRAFT]
    assert permissions.creatable_statuses(people["reviewer"]) == [S.DRAFT, S.APPROVED, S.REJECTED]
    assert permissions.creatable_statuses(people["staff"]) == []
    assert permissions.creatable_statuses(people["outsider"]) == []


def test_own_work_is_ones_own_draft_or_a_suggestion_nobody_owns(people):
    editor, colleague = people["editor"], people["colleague"]
    assert permissions.is_own_work(editor, passage(S.SUGGESTED)) is True
    assert permissions.is_own_work(editor, passage(S.SUGGESTED, editor)) is True
    assert permissions.is_own_work(editor, passage(S.SUGGESTED, colleague)) is False
    assert permissions.is_own_work(editor, passage(S.DRAFT, editor)) is True
    assert permissions.is_own_work(editor, passage(S.DRAFT, colleague)) is False
    assert permissions.is_own_work(editor, passage(S.APPROVED, editor)) is False


def test_editors_edit_and_delete_their_own_work_reviewers_anyones(people):
    editor, colleague, reviewer = people["editor"], people["colleague"], people["reviewer"]
    cases = [passage(S.DRAFT, editor), passage(S.DRAFT, colleague), passage(S.APPROVED, editor)]
    assert [permissions.can_edit(editor, a) for a in cases] == [True, False, False]
    assert [permissions.can_delete(editor, a) for a in cases] == [True, False, False]
    assert [permissions.can_edit(reviewer, a) for a in cases] == [True, True, True]
    assert [permissions.can_delete(reviewer, a) for a in cases] == [True, True, True]
    assert permissions.can_edit(people["staff"], passage(S.SUGGESTED)) is False


@pytest.mark.parametrize(
    ("who", "status", "owned", "expected"),
    [
        ("editor", S.SUGGESTED, False, [S.SUGGESTED, S.DRAFT, S.REJECTED]),
        ("editor", S.DRAFT, True, [S.DRAFT]),  # approving is a reviewer's
        ("editor", S.APPROVED, True, [S.APPROVED]),
        ("reviewer", S.SUGGESTED, False, [S.SUGGESTED, S.DRAFT, S.APPROVED, S.REJECTED]),
        ("reviewer", S.APPROVED, False, [S.APPROVED, S.DRAFT, S.REJECTED]),
        ("staff", S.SUGGESTED, False, [S.SUGGESTED]),
        ("gone", S.SUGGESTED, False, [S.SUGGESTED]),
    ],
)
def test_the_statuses_one_may_move_to_current_first(people, who, status, owned, expected):
    user = people[who]
    annotation = passage(status, user if owned else None)
    assert permissions.allowed_statuses(user, annotation) == expected
    assert permissions.can_set_status(user, annotation, S.SUGGESTED) is (status == S.SUGGESTED)


def test_accepting_a_suggestion_approves_it_for_a_reviewer_only(people):
    assert permissions.accept_status(people["editor"]) == S.DRAFT
    assert permissions.accept_status(people["reviewer"]) == S.APPROVED


@pytest.mark.parametrize(
    ("who", "kind", "message"),
    [
        (None, "add", "Log in with a staff account to change annotations."),
        ("anonymous", "change", "Log in with a staff account to change annotations."),
        (
            "outsider",
            "delete",
            "Only staff accounts may change annotations; ask an administrator for one "
            "in the Editors group.",
        ),
        ("staff", "add", "You may not create annotations (your groups do not allow it)."),
        ("staff", "change", "You may not change annotations (your groups do not allow it)."),
        ("staff", "delete", "You may not delete annotations (your groups do not allow it)."),
        ("editor", "delete", None),
        ("system", "add", None),
    ],
)
def test_why_one_may_not_write_at_all(people, who, kind, message):
    others = {None: None, "anonymous": AnonymousUser(), "system": SYSTEM}
    user = others[who] if who in others else people[who]
    assert permissions.write_refusal(user, kind) == message


def test_the_checks_refuse_with_the_reason(people):
    editor, colleague = people["editor"], people["colleague"]
    refusals = [
        (lambda: permissions.check_create(editor, status=S.APPROVED),
         "You may not create an annotation with the status “approved”."),
        (lambda: permissions.check_edit(editor, passage(S.DRAFT, colleague)),
         "You may only edit your own drafts and open suggestions."),
        (lambda: permissions.check_set_status(editor, passage(S.DRAFT, editor), S.APPROVED),
         "You may not set this annotation's status to “approved”."),
        (lambda: permissions.check_delete(editor, passage(S.APPROVED, editor)),
         "You may only delete your own drafts and open suggestions."),
        (lambda: permissions.check_create(people["staff"]),
         "You may not create annotations (your groups do not allow it)."),
    ]  # fmt: skip
    for check, message in refusals:
        with pytest.raises(WorkflowDenied) as refused:
            check()
        assert refused.value.message == message


def test_the_archive_itself_and_a_status_left_alone_pass_every_check(people):
    approved = passage(S.APPROVED, people["colleague"])
    permissions.check_create(SYSTEM, status=S.SUGGESTED)
    permissions.check_edit(SYSTEM, approved)
    permissions.check_set_status(SYSTEM, approved, S.SUGGESTED)
    permissions.check_delete(SYSTEM, approved)
    permissions.check_set_status(AnonymousUser(), approved, S.APPROVED)  # no change asked
    assert repr(SYSTEM) == "SYSTEM"
