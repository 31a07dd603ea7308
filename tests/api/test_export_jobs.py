"""Export jobs: the same file as the streamed export, written in the
background, downloaded with its length, checksum and range requests."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest

from archive.models import ExportJob

JOBS = "/api/v1/exports/"


def streamed(client, url, params=None) -> bytes:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def downloaded(client, url, **headers):
    response = client.get(url, **headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def start(client, **body):
    return client.post(JOBS, body, format="json", HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize(
    ("kind", "export_format", "params"),
    [
        ("annotations", "jsonl", {"topic": "sdf-integration,training-mou"}),
        ("annotations", "csv", {}),
        ("annotations", "jsonld", {}),
        ("articles", "csv", {"source": "sana"}),
        ("articles", "jsonl", {"include": "body"}),
    ],
)
def test_a_job_writes_what_the_stream_gives(corpus, anon, kind, export_format, params):
    response = start(anon, kind=kind, format=export_format, params=params)
    assert response.status_code == 202, response.json()
    job = response.json()
    assert response["Location"] == job["url"] == f"http://testserver{JOBS}{job['id']}/"
    assert (job["status"], job["kind"], job["format"], job["params"]) == (
        "done",
        kind,
        export_format,
        params,
    )
    assert anon.get(job["url"]).json() == job
    expected = streamed(anon, f"/api/v1/{kind}/export.{export_format}/", params)
    file, body = downloaded(anon, job["download"])
    assert file.status_code == 200
    assert body == expected
    assert (int(file["Content-Length"]), job["size"]) == (len(expected), len(expected))
    assert job["sha256"] == hashlib.sha256(expected).hexdigest()
    assert file["ETag"] == f'"{job["sha256"]}"'
    assert file["Accept-Ranges"] == "bytes"
    assert file["Content-Disposition"] == f'attachment; filename="{kind}.{export_format}"'


def test_range_requests_resume_a_download(corpus, anon):
    job = start(anon, kind="annotations", format="jsonl").json()
    _, whole = downloaded(anon, job["download"])
    size = len(whole)
    part, body = downloaded(anon, job["download"], HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206
    assert (body, part["Content-Range"], part["Content-Length"]) == (
        whole[10:20],
        f"bytes 10-19/{size}",
        "10",
    )
    rest, body = downloaded(anon, job["download"], HTTP_RANGE="bytes=100-")
    assert (rest.status_code, body) == (206, whole[100:])
    tail, body = downloaded(anon, job["download"], HTTP_RANGE="bytes=-5")
    assert (tail.status_code, body, tail["Content-Range"]) == (
        206,
        whole[-5:],
        f"bytes {size - 5}-{size - 1}/{size}",
    )
    beyond, _ = downloaded(anon, job["download"], HTTP_RANGE=f"bytes={size}-")
    assert (beyond.status_code, beyond["Content-Range"]) == (416, f"bytes */{size}")
    stale, body = downloaded(
        anon, job["download"], HTTP_RANGE="bytes=10-19", HTTP_IF_RANGE='"another"'
    )
    assert (stale.status_code, body) == (200, whole)


def test_a_job_sees_what_its_creator_sees(corpus, anon, staff):
    staff_job = start(staff, kind="annotations", format="jsonl").json()
    _, body = downloaded(staff, staff_job["download"])
    assert len(body.splitlines()) == 7  # every status
    public_job = start(anon, kind="annotations", format="jsonl").json()
    _, body = downloaded(anon, public_job["download"])
    assert len(body.splitlines()) == 3  # the approved ones on published articles
    assert anon.get(staff_job["url"], HTTP_ACCEPT_LANGUAGE="en").status_code == 404
    assert anon.get(staff_job["download"]).status_code == 404
    assert ExportJob.objects.get(pk=staff_job["id"]).created_by.username == "staff"


def test_bad_parameters_are_named_and_start_no_job(corpus, anon):
    response = start(anon, kind="annotations", format="jsonl", params={"topic": "nope"})
    assert response.status_code == 400
    assert response.json() == {"params": {"topic": ["Unknown slug(s): nope."]}}
    response = start(anon, kind="articles", format="jsonld")
    assert response.json() == {"format": ["articles export as csv, jsonl."]}
    response = start(anon, kind="annotations", format="jsonl", params={"persn": "x"})
    assert list(response.json()["params"]) == ["unknown_parameters"]
    assert ExportJob.objects.count() == 0


def test_a_large_export_is_not_streamed_but_says_how_to_start_its_job(corpus, anon, settings):
    settings.ARCHIVE_EXPORT_STREAM_MAX_ROWS = 2
    response = anon.get(
        "/api/v1/annotations/export.csv",
        {"published_from": "2025-01-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "This export has about 3 rows, more than the 2 an export streams: start an "
        "export job (POST /api/v1/exports/) and download its file.",
        "export_job": {
            "kind": "annotations",
            "format": "csv",
            "params": {"published_from": "2025-01-01"},
        },
    }
    job = start(anon, **response.json()["export_job"]).json()
    assert job["status"] == "done"
    _, body = downloaded(anon, job["download"])
    assert len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))) == 4  # header, 3 rows
    assert streamed(anon, "/api/v1/annotations/export.csv", {"topic": "training-mou"})


def test_a_job_that_cannot_write_fails_with_its_reason(corpus, anon, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.ARCHIVE_EXPORTS_DIR = blocker / "exports"
    job = start(anon, kind="annotations", format="jsonl").json()
    assert job["status"] == "failed"
    assert job["error"].startswith("[Errno 20] Not a directory")
    assert (job["download"], job["size"], job["sha256"]) == (None, None, "")


def test_a_job_not_done_cannot_be_downloaded(corpus, anon):
    job = ExportJob.objects.create(
        kind="annotations", format="jsonl", base_url="http://testserver/"
    )
    response = anon.get(f"{JOBS}{job.pk}/download/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert response.json() == {"detail": "The export job is queued, not done."}
