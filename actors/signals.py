"""Receivers: an alias edit re-runs the matcher on the articles it may change;
a new text (an article loaded, a body changed) runs it on that article."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from actors.models import Alias
from archive.signals import article_bodies_changed

_DEFERRED = threading.local()


@contextmanager
def aliases_edited_together():
    """Within it, alias edits queue one re-run at the end instead of one each
    (an admin form with several aliases inline, a merge)."""
    outer = getattr(_DEFERRED, "texts", None)
    if outer is not None:
        yield
        return
    _DEFERRED.texts = set()
    try:
        yield
        texts = _DEFERRED.texts
    finally:
        _DEFERRED.texts = None
    if texts:
        _queue(texts)


def _queue(texts) -> None:
    from actors.tasks import find_mentions_for_aliases

    find_mentions_for_aliases.enqueue(sorted(texts))


def _alias_changed(*texts: str) -> None:
    texts = {text for text in texts if text}
    if not texts:
        return
    pending = getattr(_DEFERRED, "texts", None)
    if pending is not None:
        pending.update(texts)
    else:
        _queue(texts)


@receiver(post_init, sender=Alias)
def _remember_spelling(sender, instance: Alias, **kwargs) -> None:
    instance._loaded = (instance.normalized, instance.actor_id, instance.allows_article)


@receiver(post_save, sender=Alias)
def _alias_saved(sender, instance: Alias, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    loaded = getattr(instance, "_loaded", (None, None, None))
    now = (instance.normalized, instance.actor_id, instance.allows_article)
    if created or loaded != now:
        _alias_changed(loaded[0] or "", instance.normalized)
    instance._loaded = now


@receiver(post_delete, sender=Alias)
def _alias_deleted(sender, instance: Alias, **kwargs) -> None:
    _alias_changed(instance.normalized)


@receiver(article_bodies_changed)
def _bodies_changed(sender, article_ids: list[int], **kwargs) -> None:
    from actors.tasks import enqueue_find_mentions

    if article_ids:
        enqueue_find_mentions(article_ids)
