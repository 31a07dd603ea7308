"""The loader under conditions a maintainer meets: a path it cannot read, two
runs at once on PostgreSQL, a database error from COPY, and being killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from archive import loading
from archive.models import Article
from archive.preparing import prepare_files

ROOT = Path(__file__).resolve().parents[3]


def load_failing(*paths):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as error:
        call_command("load_seeds", *[str(p) for p in paths], stdout=out, stderr=err)
    return str(error.value), out.getvalue() + err.getvalue()


@pytest.mark.django_db
def test_a_symlink_loop_in_a_folder_is_that_files_failure(tmp_path, seed_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path("000"), folder / "a.txt")
    os.symlink("loop.txt", folder / "loop.txt")  # points at itself
    summary, output = load_failing(folder)
    assert "failed    loop.txt: file: cannot read (Too many levels of symbolic links)" in output
    assert "created   a.txt: " in output
    assert summary.endswith("1 created, 0 updated, 0 unchanged, 1 failed.")
    assert Article.objects.filter(source_file="a.txt").exists()


@pytest.mark.django_db
def test_a_symlink_loop_given_by_name_is_its_failure(tmp_path, seed_path):
    os.symlink("loop.html", tmp_path / "loop.html")
    summary, output = load_failing(tmp_path / "loop.html", seed_path("002"))
    assert "failed    loop.html: file: cannot read (Too many levels of symbolic links)" in output
    assert summary.endswith("1 created, 0 updated, 0 unchanged, 1 failed.")


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_unique_violation_from_copy_is_retried_file_by_file(tmp_path, seed_path):
    """COPY raises psycopg's own UniqueViolation; the batch is retried one file at a
    time, and the file that conflicts fails on its own line."""
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    shutil.copy(seed_path("000"), first)
    shutil.copy(seed_path("002"), second)
    batch = prepare_files([first, second], {})
    shutil.copy(seed_path("000"), tmp_path / "other.txt")
    # Another run created first.txt since this batch was read.
    loading.load_article_files([first])
    results = loading._create_many(batch, False, {})
    assert [(r.path.name, r.status) for r in results] == [
        ("first.txt", "failed"),
        ("second.txt", "created"),
    ]
    # Checked again alone, the file is refused as the admin would refuse it.
    assert results[0].detail.startswith("source_file: ")
    assert Article.objects.filter(source_file="second.txt").count() == 1


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_parse_worker_exits_when_the_loader_is_killed(tmp_path, seed_path):
    """The loader's own pipeline (``_read_batches``: a spawned worker parsing ahead)
    in a process that is then killed with SIGKILL: its worker and multiprocessing's
    resource tracker end within seconds."""
    for number in range(30):
        shutil.copy(seed_path("000"), tmp_path / f"{number:03}.txt")
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from pathlib import Path
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        import django
        django.setup()
        from archive import loading
        loading._known_hashes = lambda batch: {{}}  # no database in this process
        paths = sorted(Path({str(tmp_path)!r}).glob("*.txt"))
        for batch in loading._read_batches(paths, 5):
            print("batch", len(batch), flush=True)
            time.sleep(120)
        """
    )
    loader = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"},
    )
    children: set[int] = set()
    try:
        assert loader.stdout.readline() == "batch 5\n"  # the worker has parsed a batch
        children = _children(loader.pid)
        # the parse workers and the resource tracker
        assert len(children) == loading.PARSE_WORKERS + 1
        loader.send_signal(signal.SIGKILL)
        loader.wait(timeout=10)
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in children if _alive(pid)] == []
    finally:
        if loader.poll() is None:
            loader.kill()
            loader.wait(timeout=10)
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        loader.stdout.close()


@pytest.mark.postgres
# serialized_rollback: the flush after it restores the migrations' rows instead
# of re-running post_migrate, which the serialized browser tests after it need.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_loads_at_once_on_postgresql_run_one_after_the_other(tmp_path, seed_path, settings):
    """Two ``load_seeds`` processes over the same 600 files, started while a third
    holds the load lock: both say they wait, then run one after the other; the
    second finds every article unchanged. No traceback, no failed file."""
    for number in range(600):
        text = seed_path(f"{number % 5:03}").read_text(encoding="utf-8")
        (tmp_path / f"{number:04}.txt").write_text(f"{text}\n\n{number}", encoding="utf-8")
    database = settings.DATABASES["default"]
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [loading.LOAD_LOCK])
    runs, logs = [], []
    try:
        for number in range(2):
            out, err = tmp_path / f"run{number}.out", tmp_path / f"run{number}.err"
            logs.append((out, err))
            with out.open("w") as stdout, err.open("w") as stderr:
                runs.append(
                    subprocess.Popen(
                        [sys.executable, "manage.py", "load_seeds", str(tmp_path)],
                        cwd=ROOT,
                        env=env,
                        stdout=stdout,
                        stderr=stderr,
                    )
                )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not all(
            "waiting for it to finish" in err.read_text() for _, err in logs
        ):
            time.sleep(0.2)
        for _, err in logs:
            assert err.read_text().startswith(
                "Another load_seeds run is writing to this database; waiting for it to finish"
            )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [loading.LOAD_LOCK])
        for run in runs:
            try:
                run.wait(timeout=300)
            except subprocess.TimeoutExpired:
                run.kill()
                run.wait(timeout=10)
    summaries = []
    for run, (out, err) in zip(runs, logs, strict=True):
        assert run.returncode == 0, err.read_text()[-3000:]
        assert "Traceback" not in err.read_text()
        summaries.append(out.read_text().strip().splitlines()[-1])
    endings = sorted(summary.split(": ", 1)[1] for summary in summaries)
    assert endings == [
        "0 created, 0 updated, 600 unchanged, 0 failed.",
        "600 created, 0 updated, 0 unchanged, 0 failed.",
    ]
    assert Article.objects.count() == 600
