"""The imports admin: uploads loaded by a background task, kept as import
records; a zip reaching outside its folder, a format the loader cannot read, a
dry run, and who may upload."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Article, ImportRecord
from tests import factories
from tests.importers.pages import TITLE, news_page

URL = "https://news.example.com/politics/2025/08/13/defence-training"


@pytest.fixture
def editor_client(db):
    return factories.client(factories.user("editor", "Editors"))


@pytest.fixture
def maintainer(db):
    return factories.user("maintainer", is_superuser=True)


@pytest.fixture(autouse=True)
def imports_dir(settings, tmp_path):
    settings.ARCHIVE_IMPORTS_DIR = tmp_path / "imports"
    return settings.ARCHIVE_IMPORTS_DIR


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Post files to the upload form; the load is queued once the upload is
    committed (and runs at once: the tests' task backend is immediate)."""

    def post(client, *files, **options):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/admin/archive/importrecord/add/",
                {"files": list(files), **{k: "on" for k, v in options.items() if v}},
                follow=True,
            )

    return post


@pytest.mark.django_db
def test_a_maintainer_uploads_files_and_a_zip_loaded_in_the_background(maintainer, upload):
    client = factories.client(maintainer)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("desk/page.html", news_page())
    records = "\n".join(
        [
            '{"title": "خبر أول", "text": "نص الخبر الأول عن افتتاح معرض للكتاب في المدينة بمشاركة دور نشر كثيرة."}',
            "not json",
        ]
    )
    response = upload(
        client,
        SimpleUploadedFile("desk.zip", buffer.getvalue()),
        SimpleUploadedFile("scraper.jsonl", records.encode()),
        publish=True,
    )
    assert response.status_code == 200
    record = ImportRecord.objects.get()
    assert (record.user, record.files, record.publish) == (
        maintainer,
        ["desk.zip", "scraper.jsonl"],
        True,
    )
    assert record.status == ImportRecord.Status.DONE
    assert (record.total, record.done) == (2, 3)
    assert record.counts == {"created": 2, "updated": 0, "unchanged": 0, "failed": 1}
    # Items that fail are reported as they are read, before the batch is written.
    assert [(r["name"], r["status"]) for r in record.report] == [
        ("scraper.jsonl:2", "failed"),
        ("page.html", "created"),
        ("scraper.jsonl:1", "created"),
    ]
    assert record.report[0]["detail"].startswith("line: not valid JSON (")
    assert record.error == "1 of 3 items failed"
    # The page the upload leads to showed the queued load, refreshing itself.
    assert b'http-equiv="refresh"' in response.content
    page = client.get(f"/admin/archive/importrecord/{record.pk}/change/")
    html = page.content.decode()
    assert 'http-equiv="refresh"' not in html
    assert "scraper.jsonl:2" in html and "2 created, 0 updated, 0 unchanged, 1 failed" in html
    assert Article.objects.get(url=URL).status == Article.Status.PUBLISHED
    assert Article.objects.get(url=URL).title == TITLE


@pytest.mark.django_db
def test_an_uploaded_zip_with_a_path_outside_the_folder_loads_nothing(
    maintainer, imports_dir, upload
):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.html", news_page())
        archive.writestr("../../evil.html", news_page())
    upload(factories.client(maintainer), SimpleUploadedFile("bad.zip", buffer.getvalue()))
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.FAILED
    assert (
        record.error == "bad.zip: ../../evil.html: a path outside the folder; nothing was unpacked"
    )
    assert not Article.objects.exists()
    assert list(imports_dir.rglob("*.html")) == []


@pytest.mark.django_db
def test_an_upload_the_loader_cannot_read_is_refused_naming_it(maintainer, upload):
    response = upload(factories.client(maintainer), SimpleUploadedFile("notes.docx", b"x"))
    assert b"notes.docx: the loader reads .txt, .html, .htm, .jsonl, .csv, .zip" in response.content
    assert not ImportRecord.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_upload_writes_no_article(maintainer, upload):
    upload(
        factories.client(maintainer),
        SimpleUploadedFile("page.html", news_page().encode()),
        dry_run=True,
    )
    record = ImportRecord.objects.get()
    assert record.counts["created"] == 1 and record.report[0]["detail"].startswith("would create")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_editors_may_not_upload(editor_client):
    response = editor_client.get("/admin/archive/importrecord/add/")
    assert response.status_code == 403
