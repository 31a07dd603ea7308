"""Large exports as background jobs: the export is written once to a file by a
task (``run_export``, through Django's Tasks API), then served
with its ``Content-Length``, its SHA-256 and HTTP range requests, so that a
slow or cut download holds no database cursor, is seen to be short, and
resumes where it stopped.

A job produces exactly what the streamed export would for the same user and
query parameters: it runs the same view (``articles/export.*``,
``annotations/export.*``) on a request rebuilt from what the job stored, as
its creator (anonymous: what the public sees)."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from rest_framework.authentication import BaseAuthentication

from archive.models import ExportJob

# The formats each export is written in: the streamed export's URL, its
# schema, the job's choices and its check all read them from here.
FORMATS = {
    ExportJob.Kind.ARTICLES: ("csv", "jsonl"),
    ExportJob.Kind.ANNOTATIONS: ("csv", "jsonl", "jsonld"),
}
ALL_FORMATS = tuple(dict.fromkeys(name for names in FORMATS.values() for name in names))


def format_path(kind: str) -> str:
    """The streamed export's URL path (a router ``url_path``): ``export.csv`` and its siblings."""
    return rf"export\.(?P<export_format>{'|'.join(FORMATS[kind])})"


def formats_text(kind: str) -> str:
    """``csv, jsonl or jsonld``."""
    *others, last = FORMATS[kind]
    return f"{', '.join(others)} or {last}" if others else last


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "jsonld": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
}
CHUNK = 64 * 1024


def stream_max_rows() -> int | None:
    """Exports of more rows than this are not streamed: they are jobs."""
    return settings.ARCHIVE_EXPORT_STREAM_MAX_ROWS


def is_job_request(request) -> bool:
    """True inside a job: the streamed export's row limit does not apply."""
    return bool(getattr(getattr(request, "_request", request), "export_job", False))


class JobOwnerAuthentication(BaseAuthentication):
    """The job's creator, as the rebuilt request's user."""

    def authenticate(self, request):
        user = getattr(request._request, "export_job_user", None)
        return (user, None) if user is not None and user.is_authenticated else None


def _export_view(kind: str):
    from api.annotations.views import AnnotationViewSet
    from api.archive.views import ArticleViewSet

    viewset = ArticleViewSet if kind == ExportJob.Kind.ARTICLES else AnnotationViewSet
    return viewset.as_view(
        {"get": "export"},
        authentication_classes=[JobOwnerAuthentication],
        throttle_classes=[],
    )


def _export_request(job: ExportJob):
    name = "api:article-export" if job.kind == ExportJob.Kind.ARTICLES else "api:annotation-export"
    parts = urlsplit(job.base_url)
    request = RequestFactory().get(
        reverse(name, kwargs={"export_format": job.format}),
        data=job.params,
        HTTP_HOST=parts.netloc,
        secure=parts.scheme == "https",
    )
    request.export_job = True
    request.export_job_user = job.created_by or AnonymousUser()
    return request


def _run_view(job: ExportJob):
    with timezone.override(dt.UTC):  # as APIInUTCMiddleware does for /api/
        return _export_view(job.kind)(_export_request(job), export_format=job.format)


def export_job_check(job: ExportJob) -> dict | None:
    """The errors the export would answer for ``job``'s parameters (a dict
    keyed by parameter, as a 400 gives them), or ``None`` when it would run."""
    response = _run_view(job)
    if response.status_code != 200:
        return dict(response.data)
    _release(response)
    return None


def _release(response) -> None:
    """Close what an export response holds (its rows' generator, and with it
    any database cursor) without ``HttpResponse.close``, which would also send
    ``request_finished`` and so close the database connection of the request
    or task that is still using it."""
    for closer in response._resource_closers:
        closer()
    response._resource_closers.clear()


def export_path(job: ExportJob) -> Path:
    return Path(settings.ARCHIVE_EXPORTS_DIR) / f"{job.pk}.{job.format}"


def export_job_run(job_id) -> ExportJob:
    """Write ``job``'s file (a ``.part`` file renamed when whole), with its
    size and SHA-256; a failure marks the job failed with the reason and
    leaves no file."""
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ExportJob.Status.QUEUED:
        return job
    job.status, job.started_at = ExportJob.Status.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    final = export_path(job)
    part = final.with_name(final.name + ".part")
    digest, size = hashlib.sha256(), 0
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        response = _run_view(job)
        try:
            if response.status_code != 200:
                raise ValueError(f"the export answered {response.status_code}: {response.data}")
            with part.open("wb") as out:
                for chunk in response.streaming_content:
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
        finally:
            _release(response)
        os.replace(part, final)
    except Exception as error:  # noqa: BLE001 - any failure is the job's, with its reason
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        job.status, job.error, job.finished_at = ExportJob.Status.FAILED, str(error), timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return job
    job.status, job.finished_at = ExportJob.Status.DONE, timezone.now()
    job.file, job.size, job.sha256 = final.name, size, digest.hexdigest()
    job.save(update_fields=["status", "finished_at", "file", "size", "sha256"])
    return job


@task()
def run_export(job_id: str) -> dict:
    """Write an export job's file; the job records the outcome."""
    job = export_job_run(job_id)
    return {"status": job.status, "size": job.size, "sha256": job.sha256}


def export_job_start(*, user, kind: str, export_format: str, params: dict, base_url: str):
    """A new job, queued, or the errors its parameters would get (then no job)."""
    job = ExportJob(
        created_by=user if user is not None and user.is_authenticated else None,
        kind=kind,
        format=export_format,
        params=params,
        base_url=base_url,
    )
    errors = export_job_check(job)
    if errors:
        return None, errors
    job.save()
    run_export.enqueue(str(job.pk))
    job.refresh_from_db()
    return job, None


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(first, last) of a single ``Range: bytes=…``; ``None`` when the header
    asks for no range this server serves (several ranges: the whole file is
    sent); ``False`` when the range is unsatisfiable."""
    match = _RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return False
    return start, end


def _read_range(path: Path, start: int, length: int):
    with path.open("rb") as handle:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


def file_response(request, job: ExportJob) -> HttpResponse:
    """The job's file: 200 with ``Content-Length``, or 206 for a satisfiable
    ``Range`` (416 otherwise); ``ETag`` and ``Repr-Digest`` carry its SHA-256;
    ``If-Range`` with another tag gets the whole file."""
    path = export_path(job)
    size = job.size
    etag = f'"{job.sha256}"'
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Repr-Digest": "sha-256=:" + base64.b64encode(bytes.fromhex(job.sha256)).decode() + ":",
        "Content-Disposition": f'attachment; filename="{job.filename}"',
    }
    wanted = request.META.get("HTTP_RANGE")
    if_range = request.META.get("HTTP_IF_RANGE")
    byte_range = _byte_range(wanted, size) if wanted and if_range in (None, etag) else None
    content_type = CONTENT_TYPES[job.format]
    if byte_range is False:
        response = HttpResponse(status=416, content_type=content_type)
        response["Content-Range"] = f"bytes */{size}"
        for name, value in headers.items():
            response[name] = value
        return response
    if byte_range is None:
        response = FileResponse(path.open("rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        start, end = byte_range
        response = StreamingHttpResponse(
            _read_range(path, start, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    for name, value in headers.items():
        response[name] = value
    return response


def too_large_message(rows: int, limit: int) -> str:
    return _(
        "This export has about %(rows)s rows, more than the %(limit)s an export streams: "
        "start an export job (POST /api/v1/exports/) and download its file."
    ) % {"rows": f"{rows:,}", "limit": f"{limit:,}"}


def job_params(request) -> dict:
    """The query parameters of ``request`` as a job stores them."""
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in request.query_params.lists()
    }


def check_streamable(request, queryset, *, kind: str, export_format: str) -> None:
    """A 400 for a streamed export of more than ``stream_max_rows()`` rows,
    saying how to start the job that writes it (the body's ``export_job``
    is what to POST to /api/v1/exports/)."""
    from rest_framework.exceptions import ValidationError

    from api.pagination import count_rows

    limit = stream_max_rows()
    if limit is None or is_job_request(request):
        return
    rows, _estimate = count_rows(queryset)
    if rows > limit:
        raise ValidationError(
            {
                "detail": too_large_message(rows, limit),
                "export_job": {
                    "kind": kind,
                    "format": export_format,
                    "params": job_params(request),
                },
            }
        )
