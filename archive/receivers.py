"""Receivers: a load queues the event extractor over the articles it created
or updated; publishing or unpublishing an article, and any write of an event
report (the services, the admin, the shell), refreshes the events concerned
(conflicts, derived dates, whether the public sees them)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from archive.models import Article, Event, EventReport
from archive.signals import articles_loaded


@receiver(articles_loaded)
def _articles_loaded(sender, article_ids: list[int], **kwargs) -> None:
    from archive.tasks import start_extraction

    if article_ids:
        start_extraction(article_ids, reason="load")


@receiver(post_init, sender=Article)
def _remember_status(sender, instance: Article, **kwargs) -> None:
    instance._loaded_status = instance.__dict__.get("status")


@receiver(post_save, sender=Article)
def _article_saved(sender, instance: Article, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or created:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "status" not in update_fields:
        return  # the stored status is as it was (a deferred one may be read now)
    status = instance.__dict__.get("status")
    if status is not None and status != getattr(instance, "_loaded_status", status):
        from archive.events import article_status_changed

        article_status_changed(instance)
    instance._loaded_status = status


@receiver(post_save, sender=EventReport)
@receiver(post_delete, sender=EventReport)
def _report_changed(sender, instance: EventReport, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    from archive.events import event_refresh

    event = Event.objects.filter(pk=instance.event_id).first()
    if event is not None:  # not when the event itself is being deleted
        event_refresh(event, prune=False)


@receiver(post_save, sender=Event)
def _event_saved(sender, instance: Event, created: bool, raw: bool = False, **kwargs) -> None:
    """An editor's change of status or dates (the admin) refreshes the rest."""
    update_fields = kwargs.get("update_fields")
    if raw or (update_fields is not None and "is_public" in update_fields):
        return  # event_refresh's own save
    from archive.events import event_refresh

    stored = Event.objects.get(pk=instance.pk)  # the in-memory copy may be stale
    event_refresh(stored, prune=False)
    for name in ("conflicting", "conflicting_published", "is_public", "starts_on", "ends_on"):
        setattr(instance, name, getattr(stored, name))
