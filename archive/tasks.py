"""Background work of the archive: loads started from the admin, through
Django's task framework (``django_tasks``; run by ``manage.py db_worker``,
inline in tests)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(record_id: int) -> dict:
    """Load the files of the ``ImportRecord`` ``record_id``."""
    from archive.imports import import_run

    record = import_run(record_id)
    return {"status": record.status, "counts": record.counts}
