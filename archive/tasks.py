"""Background work of the archive, through Django's task framework
(``django_tasks``; run by ``manage.py db_worker``, inline in tests): loads
started from the admin and the event extractor's runs (each an
``ExtractionRun`` row: its progress while it runs, its report after). Export
jobs run in ``api.export_jobs``."""

from __future__ import annotations

import traceback

from django.utils import timezone
from django_tasks import task

from archive import events
from archive.models import ExtractionRun


@task()
def run_import(record_id: int) -> dict:
    """Load the files of the ``ImportRecord`` ``record_id``."""
    from archive.imports import import_run

    record = import_run(record_id)
    return {"status": record.status, "counts": record.counts}


@task()
def extract_events(run_id: int) -> dict:
    """Run the extractor over the run's articles, then group the confirmed
    mentions no event holds yet."""
    run = ExtractionRun.objects.get(pk=run_id)
    return run_extraction(run)


def run_extraction(run: ExtractionRun, progress=None) -> dict:
    """Run ``run`` here; ``progress(done, total)`` besides the row's counts."""
    run.status, run.started_at = ExtractionRun.Status.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])

    def step(done: int, total: int) -> None:
        ExtractionRun.objects.filter(pk=run.pk).update(done=done, total=total)
        if progress is not None:
            progress(done, total)

    try:
        extracted = events.articles_extract_events(run.article_ids, progress=step)
        grouped = events.group_mentions()
    except Exception:
        run.status, run.finished_at = ExtractionRun.Status.FAILED, timezone.now()
        run.error = traceback.format_exc()[-5000:]
        run.save(update_fields=["status", "finished_at", "error"])
        raise
    run.refresh_from_db(fields=["done", "total"])
    run.status, run.finished_at = ExtractionRun.Status.DONE, timezone.now()
    run.report = {"extraction": extracted.as_dict(), "grouping": grouped.as_dict()}
    run.done = run.total = extracted.articles
    run.save(update_fields=["status", "finished_at", "report", "done", "total"])
    return run.report


def start_extraction(
    article_ids: list[int] | None = None, *, reason: str = "", user=None
) -> ExtractionRun:
    """Queue a run over these articles (all when ``None``)."""
    ids = sorted(set(article_ids)) if article_ids is not None else None
    run = ExtractionRun.objects.create(
        article_ids=ids,
        total=len(ids) if ids is not None else 0,
        reason=reason[:100],
        requested_by=user if user is not None and user.is_authenticated else None,
    )
    extract_events.enqueue(run.pk)
    return run
