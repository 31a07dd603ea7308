"""Imports started from the admin, without the admin: the names an upload is
kept under, what is refused before anything is stored, and a run's record
(its report, counts and error) with the uploaded files removed after."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.imports import UploadError, import_create, import_run, imports_dir, upload_name
from archive.models import Article, ImportRecord
from tests import factories

PAGE = (
    "خبر عن معرض الكتاب\n\nافتتح اليوم معرض الكتاب في المدينة بمشاركة دور نشر كثيرة من بلدان عدة.\n"
)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("page.html", "page.html"),
        ("مقال.TXT", "مقال.TXT"),
        ("desk.zip", "desk.zip"),
        # The folders a browser may send are dropped.
        ("folder/page.html", "page.html"),
        ("C:\\docs\\page.html", "page.html"),
    ],
)
def test_an_uploads_own_name_is_kept(name, kept):
    assert upload_name(name) == kept


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("folder/", "folder/: not a file name"),
        ("..", "..: not a file name"),
        ("", ": not a file name"),
        ("a\x00.txt", "'a\\x00.txt': a NUL character in the name"),
        ("notes.docx", "notes.docx: the loader reads .txt, .html, .htm, .jsonl, .csv, .zip"),
    ],
)
def test_a_name_the_loader_cannot_take_is_refused_naming_it(name, message):
    with pytest.raises(UploadError) as error:
        upload_name(name)
    assert str(error.value) == message


@pytest.fixture
def maintainer(db, settings, tmp_path):
    settings.ARCHIVE_IMPORTS_DIR = tmp_path / "imports"
    return factories.user("maintainer", is_superuser=True)


def test_nothing_or_a_name_twice_is_refused_and_nothing_is_stored(maintainer, tmp_path):
    with pytest.raises(UploadError, match="^no file was uploaded$"):
        import_create([], user=maintainer)
    twice = [SimpleUploadedFile("a.txt", b"x"), SimpleUploadedFile("a.txt", b"y")]
    with pytest.raises(UploadError, match=r"^a\.txt: uploaded twice$"):
        import_create(twice, user=maintainer)
    assert not ImportRecord.objects.exists()
    assert not (tmp_path / "imports").exists()


def test_an_import_is_kept_then_loaded_and_its_files_removed(
    maintainer, django_capture_on_commit_callbacks
):
    uploads = [
        SimpleUploadedFile("fair.txt", PAGE.encode()),
        SimpleUploadedFile("empty.txt", b""),
    ]
    with django_capture_on_commit_callbacks() as queued:
        record = import_create(uploads, user=maintainer, publish=True)
    folder = imports_dir(record)
    assert sorted(p.name for p in folder.iterdir()) == ["empty.txt", "fair.txt"]
    assert (folder / "fair.txt").read_bytes() == PAGE.encode()
    assert (record.status, record.files, len(queued)) == (
        ImportRecord.Status.QUEUED,
        ["fair.txt", "empty.txt"],
        1,
    )
    done = import_run(record.pk)
    assert done.status == ImportRecord.Status.DONE
    assert done.counts == {"created": 1, "updated": 0, "unchanged": 0, "failed": 1}
    assert [(item["name"], item["status"]) for item in done.report] == [
        ("empty.txt", "failed"),
        ("fair.txt", "created"),
    ]
    assert (done.done, done.error) == (2, "1 of 2 items failed")
    assert done.started_at <= done.finished_at
    assert Article.objects.get().status == Article.Status.PUBLISHED
    assert not folder.exists()


def test_an_import_whose_files_are_gone_fails_saying_why(maintainer):
    record = ImportRecord.objects.create(user=maintainer, files=["gone.txt"])
    done = import_run(record.pk)
    assert done.status == ImportRecord.Status.FAILED
    assert done.error == f"{imports_dir(record) / 'gone.txt'}: no such file or folder."
    assert (done.counts, done.report, done.done) == ({}, [], 0)
