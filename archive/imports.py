"""Loads started from the admin: the files a maintainer uploads are kept in
``ARCHIVE_IMPORTS_DIR`` under the import's id, then loaded by a background
task (``archive.tasks.run_import``) through the same path as ``load_seeds``,
with its per-item report kept on the ``ImportRecord``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePath

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from archive.importers import SUFFIXES
from archive.loading import (
    FAILED,
    FileResult,
    LoadError,
    article_paths,
    load_article_files,
    unpack_zips,
)
from archive.models import ImportRecord

UPLOAD_SUFFIXES = (*SUFFIXES, ".zip")
# Progress is saved every this many items (and at the end).
PROGRESS_EVERY = 50


class UploadError(ValueError):
    """An upload refused before anything is stored; the message names the file."""


def upload_name(name: str) -> str:
    """The name an uploaded file is kept under: its own name, without any
    folder a browser may send. Raises ``UploadError`` naming it and why."""
    base = PurePath(name.replace("\\", "/")).name
    if not base or base in (".", "..") or base != name.replace("\\", "/").split("/")[-1]:
        raise UploadError(f"{name}: not a file name")
    if "\x00" in base:
        raise UploadError(f"{name!r}: a NUL character in the name")
    if not base.lower().endswith(UPLOAD_SUFFIXES):
        raise UploadError(f"{base}: the loader reads {', '.join(UPLOAD_SUFFIXES)}")
    return base


def imports_dir(record: ImportRecord) -> Path:
    return Path(settings.ARCHIVE_IMPORTS_DIR) / str(record.pk)


def import_create(uploads, *, user, publish: bool = False, dry_run: bool = False) -> ImportRecord:
    """Keep ``uploads`` (objects with ``name`` and ``chunks()``: Django's
    uploaded files) for an import by ``user`` and queue its load. Two uploads
    of one name are refused, as is a name the loader does not read."""
    from archive.tasks import run_import

    names = [upload_name(upload.name) for upload in uploads]
    if not names:
        raise UploadError("no file was uploaded")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UploadError(f"{', '.join(twice)}: uploaded twice")
    with transaction.atomic():
        record = ImportRecord.objects.create(
            user=user, files=names, publish=publish, dry_run=dry_run
        )
        folder = imports_dir(record)
        folder.mkdir(parents=True, exist_ok=True)
        for upload, name in zip(uploads, names, strict=True):
            with (folder / name).open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
        transaction.on_commit(lambda: run_import.enqueue(record.pk))
    return record


def import_run(record_id: int) -> ImportRecord:
    """Load an import's files; keep its progress and report on the record.
    A zip with a member outside its folder fails the import, naming it, with
    nothing loaded."""
    record = ImportRecord.objects.get(pk=record_id)
    folder = imports_dir(record)
    record.status = ImportRecord.Status.RUNNING
    record.started_at = timezone.now()
    record.save(update_fields=["status", "started_at"])
    try:
        with tempfile.TemporaryDirectory(prefix="import-") as unpacked:
            given = [folder / name for name in record.files]
            files = article_paths(unpack_zips(given, Path(unpacked)))
            record.total = len(files)
            record.save(update_fields=["total"])

            def on_result(result: FileResult) -> None:
                record.report.append(
                    {"name": result.name, "status": result.status, "detail": result.detail}
                )
                record.done = len(record.report)
                if record.done % PROGRESS_EVERY == 0:
                    record.save(update_fields=["report", "done"])

            summary = load_article_files(
                files, dry_run=record.dry_run, publish=record.publish, on_result=on_result
            )
    except LoadError as error:
        record.status = ImportRecord.Status.FAILED
        record.error = str(error)
    except Exception as error:
        record.status = ImportRecord.Status.FAILED
        record.error = f"the load stopped: {error}"
        record.finished_at = timezone.now()
        record.save()
        raise
    else:
        record.counts = summary.counts
        record.status = ImportRecord.Status.DONE
        if summary.counts[FAILED]:
            record.error = f"{summary.counts[FAILED]} of {summary.total} items failed"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    record.done = len(record.report)
    record.finished_at = timezone.now()
    record.save()
    return record
