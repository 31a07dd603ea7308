"""The archive's background tasks (run inline in tests): an extraction run
queued over the articles named, its progress, report and failure kept on its
row; an import run returning its status and counts."""

from __future__ import annotations

import datetime as dt

import pytest

from archive import events, tasks
from archive.models import ExtractionRun, ImportRecord
from tests import factories

pytestmark = pytest.mark.django_db

BODY = "أعلنت الوزارة أن المؤتمر سيعقد في 20 أغسطس 2025 في أنقرة بمشاركة وفود عدة."


def test_a_run_over_named_articles_is_queued_run_and_reported():
    article = factories.article(BODY, published_on=dt.date(2025, 8, 13))
    run = tasks.start_extraction([article.pk, article.pk], reason="x" * 150, user=None)
    run.refresh_from_db()
    assert run.article_ids == [article.pk]
    assert (run.status, run.reason, run.requested_by) == (
        ExtractionRun.Status.DONE,
        "x" * 100,
        None,
    )
    assert run.report["extraction"]["articles"] == 1
    assert run.report["extraction"]["found"] == run.report["extraction"]["created"] >= 1
    assert set(run.report["grouping"]) == {"mentions", "joined", "new_events", "ungrouped"}
    assert (run.done, run.total) == (1, 1)
    assert run.started_at <= run.finished_at


def test_run_extraction_calls_progress_and_records_who_asked(editor):
    article = factories.article(BODY, published_on=dt.date(2025, 8, 13))
    run = ExtractionRun.objects.create(article_ids=[article.pk], requested_by=editor)
    seen = []
    report = tasks.run_extraction(run, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (1, 1)
    assert report == ExtractionRun.objects.get(pk=run.pk).report
    assert ExtractionRun.objects.get(pk=run.pk).requested_by == editor


def test_a_failing_run_keeps_its_traceback_and_raises(monkeypatch):
    def broken(ids, progress=None):
        raise RuntimeError("extractor broke")

    monkeypatch.setattr(events, "articles_extract_events", broken)
    run = ExtractionRun.objects.create(article_ids=[1])
    with pytest.raises(RuntimeError, match="extractor broke"):
        tasks.run_extraction(run)
    run.refresh_from_db()
    assert run.status == ExtractionRun.Status.FAILED
    assert run.error.rstrip().endswith("RuntimeError: extractor broke")
    assert run.finished_at is not None


def test_the_import_task_returns_the_records_status_and_counts(settings, tmp_path):
    settings.ARCHIVE_IMPORTS_DIR = tmp_path
    record = ImportRecord.objects.create(files=["gone.txt"])
    result = tasks.run_import.call(record.pk)
    assert result == {"status": "failed", "counts": {}}
