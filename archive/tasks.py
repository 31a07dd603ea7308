"""Background work of the archive: loads started from the admin and export
jobs (``archive.export_jobs``), through Django's task framework
(``django_tasks``; run by ``manage.py db_worker``, inline in tests)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(record_id: int) -> dict:
    """Load the files of the ``ImportRecord`` ``record_id``."""
    from archive.imports import import_run

    record = import_run(record_id)
    return {"status": record.status, "counts": record.counts}


@task()
def run_export(job_id: str) -> dict:
    """Write an export job's file; the job records the outcome."""
    from archive.export_jobs import export_job_run

    job = export_job_run(job_id)
    return {"status": job.status, "size": job.size, "sha256": job.sha256}
