"""``manage.py load_seeds [PATH ...]``: load article text files into the archive."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.loading import (
    CREATED,
    FAILED,
    UNCHANGED,
    UPDATED,
    FileResult,
    LoadError,
    article_paths,
    load_article_files,
    unpack_zips,
)


class Command(BaseCommand):
    help = (
        "Load article files (.txt, saved web pages .html/.htm, JSON Lines .jsonl, CSV .csv), "
        "folders of them or .zip files of them into the archive. Re-running is safe: unchanged articles are "
        "skipped, changed ones update their article."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            type=Path,
            help=f"Files or folders of article files (default: {settings.ARCHIVE_SEEDS_DIR}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report; write nothing."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Loaded articles become published."
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="New files written per transaction."
        )

    def handle(self, *args, paths, dry_run, publish, batch_size, verbosity, **options):
        with tempfile.TemporaryDirectory(prefix="load_seeds-") as unpacked:
            try:
                given = paths or [Path(settings.ARCHIVE_SEEDS_DIR)]
                files = article_paths(unpack_zips(given, Path(unpacked)))
            except LoadError as error:
                raise CommandError(str(error)) from None
            self.load(files, dry_run, publish, batch_size, verbosity)

    def load(self, files, dry_run, publish, batch_size, verbosity):
        total = len(files)
        show_progress = verbosity >= 1 and total >= 200 and sys.stderr.isatty()
        styles = {
            CREATED: self.style.SUCCESS,
            UPDATED: self.style.WARNING,
            UNCHANGED: str,
            FAILED: self.style.ERROR,
        }
        done = 0
        started = time.perf_counter()

        def on_result(result: FileResult) -> None:
            nonlocal done
            done += 1
            if result.status == FAILED or verbosity >= 2 or (verbosity >= 1 and not show_progress):
                line = f"{result.status:<9} {result.name}"
                if result.detail:
                    line += f": {result.detail}"
                out = self.stderr if result.status == FAILED else self.stdout
                out.write(styles[result.status](line))
            if show_progress and (done % 200 == 0 or done == total):
                rate = done / max(time.perf_counter() - started, 1e-9)
                sys.stderr.write(f"\r{done}/{total} files ({rate:,.0f} files/s)")
                if done == total:
                    sys.stderr.write("\n")

        summary = load_article_files(
            files,
            dry_run=dry_run,
            publish=publish,
            batch_size=batch_size,
            on_result=on_result,
            on_wait=lambda message: self.stderr.write(self.style.WARNING(message)),
        )
        elapsed = time.perf_counter() - started
        counts = summary.counts
        line = (
            f"{'Dry run: ' if dry_run else ''}{summary.total} file{'' if summary.total == 1 else 's'} in {elapsed:.2f}s: "
            f"{counts[CREATED]} created, {counts[UPDATED]} updated, "
            f"{counts[UNCHANGED]} unchanged, {counts[FAILED]} failed."
        )
        if summary.failed:
            raise CommandError(line)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(line))
