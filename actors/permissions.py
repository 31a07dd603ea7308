"""Who may do what to actors and mentions: one set of rules for the admin's
forms and actions, the API and the shell.

Editors (``change_mention``) confirm or reject the mentions the matcher
suggests and choose the actor of an ambiguous one; they add and edit
spellings (``add_alias``/``change_alias``). Reviewers also create and edit
actors and merge two of them (``merge_actor``)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser


def can_view_mentions(user: AbstractBaseUser) -> bool:
    """The annotator's mentions layer: staff who may view mentions."""
    return bool(user and user.is_active and user.is_staff and user.has_perm("actors.view_mention"))


def can_review_mentions(user: AbstractBaseUser) -> bool:
    return bool(user and user.is_active and user.has_perm("actors.change_mention"))


def can_add_alias(user: AbstractBaseUser) -> bool:
    return bool(user and user.is_active and user.has_perm("actors.add_alias"))


def can_merge(user: AbstractBaseUser) -> bool:
    return bool(
        user
        and user.is_active
        and user.has_perm("actors.merge_actor")
        and user.has_perm("actors.change_actor")
    )
