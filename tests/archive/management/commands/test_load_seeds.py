"""``manage.py load_seeds [PATH ...]``: a line per file and the summary line,
the seeds folder by default, a dry run saying so, a failure raising with the
summary, and paths it cannot load refused before anything is read."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article
from tests import factories

PAGE = "خبر عن افتتاح معرض الكتاب\n\nافتتح اليوم معرض الكتاب في المدينة بمشاركة دور نشر كثيرة من بلدان عدة.\n"


@pytest.mark.django_db
def test_one_file_is_one_line_and_a_singular_summary(tmp_path):
    (tmp_path / "fair.txt").write_text(PAGE, encoding="utf-8")
    out, err = factories.run_load_seeds(tmp_path / "fair.txt")
    first, summary = out.splitlines()
    assert first == "created   fair.txt: خبر عن افتتاح معرض الكتاب (no date stated)"
    assert summary.startswith("1 file in ")
    assert summary.endswith("s: 1 created, 0 updated, 0 unchanged, 0 failed.")
    assert err == ""
    again, _ = factories.run_load_seeds(tmp_path / "fair.txt")
    assert again.splitlines()[0] == "unchanged fair.txt"


@pytest.mark.django_db
def test_without_paths_it_loads_the_seeds_folder(settings, tmp_path):
    settings.ARCHIVE_SEEDS_DIR = tmp_path
    (tmp_path / "fair.txt").write_text(PAGE, encoding="utf-8")
    out, _ = factories.run_load_seeds(verbosity=0)
    assert out == ""
    assert list(Article.objects.values_list("source_file", flat=True)) == ["fair.txt"]


@pytest.mark.django_db
def test_a_dry_run_says_so_and_writes_nothing(tmp_path):
    (tmp_path / "fair.txt").write_text(PAGE, encoding="utf-8")
    out, _ = factories.run_load_seeds(tmp_path, dry_run=True)
    assert out.splitlines()[-1].startswith("Dry run: 1 file in ")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_failed_file_goes_to_stderr_and_the_summary_is_the_error(tmp_path):
    (tmp_path / "fair.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as error:
        call_command("load_seeds", str(tmp_path), stdout=out, stderr=err)
    assert str(error.value).startswith("2 files in ")
    assert str(error.value).endswith("s: 1 created, 0 updated, 0 unchanged, 1 failed.")
    assert err.getvalue().startswith("failed    empty.txt: ")
    assert out.getvalue() == "created   fair.txt: خبر عن افتتاح معرض الكتاب (no date stated)\n"
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_missing_path_and_empty_folder(tmp_path):
    message, _ = factories.run_load_seeds_failing(tmp_path / "nowhere")
    assert message == f"{tmp_path / 'nowhere'}: no such file or folder."
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("x")
    message, _ = factories.run_load_seeds_failing(tmp_path / "empty")
    assert message == (
        f"{tmp_path / 'empty'}: the folder has no article files (.txt, .html, .htm, .jsonl, .csv)."
    )
