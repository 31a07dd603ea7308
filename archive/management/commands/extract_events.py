"""``manage.py extract_events``: find dated event mentions in the articles'
bodies (suggestions for the editors), then group the confirmed mentions no
event holds yet. Runs here, with a progress line, or ``--background`` as a
task for ``manage.py db_worker``; either way an extraction run is recorded
with its report (admin: Extraction runs)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from archive.models import Article, ExtractionRun
from archive.tasks import extract_events, run_extraction


class Command(BaseCommand):
    help = "Find dated event mentions in article bodies and group the confirmed ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "article_ids", nargs="*", type=int, help="Only these articles (default: every one)."
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the run as a task (manage.py db_worker runs it) instead of running here.",
        )

    def handle(self, *args, article_ids, background, **options):
        ids = sorted(set(article_ids)) or None
        if ids is not None:
            missing = sorted(
                set(ids) - set(Article.objects.filter(id__in=ids).values_list("id", flat=True))
            )
            if missing:
                raise CommandError(f"no article with id {', '.join(map(str, missing))}")
        run = ExtractionRun.objects.create(
            article_ids=ids, total=len(ids) if ids else Article.objects.count(), reason="command"
        )
        if background:
            extract_events.enqueue(run.pk)
            self.stdout.write(f"queued extraction run {run.pk} ({run.total} articles)")
            return
        report = run_extraction(run, progress=self._progress)
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        e, g = report["extraction"], report["grouping"]
        self.stdout.write(
            f"{e['articles']} articles read: {e['found']} dated event mentions, "
            f"{e['created']} new (suggested), {e['existing']} known, "
            f"{e['unresolved']} of the new without a resolved date"
        )
        self.stdout.write(
            f"grouping: {g['mentions']} confirmed mentions without an event, "
            f"{g['joined']} joined one, {g['new_events']} new events, {g['ungrouped']} left"
        )

    def _progress(self, done: int, total: int) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"\r{done}/{total} articles")
            sys.stderr.flush()
