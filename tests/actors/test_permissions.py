"""Who may do what to actors and mentions (``actors.permissions``): editors
review mentions and add spellings, reviewers also merge; no one inactive or
anonymous does anything."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from actors.permissions import (
    can_add_alias,
    can_merge,
    can_review_mentions,
    can_view_mentions,
)
from tests import factories

pytestmark = pytest.mark.django_db


def rights(user) -> tuple[bool, bool, bool]:
    return can_review_mentions(user), can_add_alias(user), can_merge(user)


def test_editors_review_and_add_spellings_and_reviewers_also_merge():
    assert rights(factories.user("editor", "Editors")) == (True, True, False)
    assert rights(factories.user("reviewer", "Editors", "Reviewers")) == (True, True, True)


def test_no_one_inactive_anonymous_or_without_a_group_may():
    assert rights(factories.user("gone", "Editors", "Reviewers", is_active=False)) == (
        False,
        False,
        False,
    )
    assert rights(AnonymousUser()) == (False, False, False)
    assert rights(None) == (False, False, False)
    assert rights(factories.user("staff")) == (False, False, False)


def test_merging_needs_the_change_permission_beside_the_merge_one():
    assert can_merge(factories.user_with("merger", "merge_actor")) is False
    assert can_merge(factories.user_with("both", "merge_actor", "change_actor")) is True


def test_the_mentions_layer_is_for_staff_who_may_view_mentions():
    assert can_view_mentions(factories.user("editor", "Editors")) is True
    assert can_view_mentions(factories.user_with("reader", "view_mention")) is True
    assert can_view_mentions(factories.user_with("out", "view_mention", is_staff=False)) is False
    assert can_view_mentions(factories.user_with("staff")) is False
    assert can_view_mentions(AnonymousUser()) is False
    assert can_view_mentions(None) is False
