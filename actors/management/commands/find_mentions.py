"""``manage.py find_mentions``: find the actors named in the articles."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from actors.services import articles_find_mentions, matcher_from_database
from actors.tasks import enqueue_find_mentions
from archive.models import Article


class Command(BaseCommand):
    help = (
        "Find every actor's aliases in the articles' bodies and suggest the mentions for "
        "editors to confirm. Safe to re-run: editors' decisions are kept, suggestions the "
        "aliases no longer support are removed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--article",
            type=int,
            action="append",
            dest="article_ids",
            metavar="ID",
            help="Only this article (repeatable). Default: every article.",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the work for the task worker (manage.py db_worker) instead.",
        )

    def handle(self, *args, article_ids=None, background=False, verbosity=1, **options):
        if article_ids:
            found = set(Article.objects.filter(pk__in=article_ids).values_list("pk", flat=True))
            missing = sorted(set(article_ids) - found)
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, missing))}.")
        if background:
            enqueue_find_mentions(article_ids)
            if verbosity >= 1:
                self.stdout.write(self.style.SUCCESS("Queued; a task worker will run it."))
            return
        total = len(article_ids) if article_ids else Article.objects.count()
        started = time.perf_counter()
        matcher = matcher_from_database()
        show_progress = verbosity >= 1 and total >= 1000 and sys.stderr.isatty()

        def on_progress(done: int) -> None:
            if show_progress:
                rate = done / max(time.perf_counter() - started, 1e-9)
                sys.stderr.write(f"\r{done}/{total} articles ({rate:,.0f} articles/s)")
                if done == total:
                    sys.stderr.write("\n")

        report = articles_find_mentions(article_ids, matcher=matcher, on_progress=on_progress)
        if verbosity >= 1:
            elapsed = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(f"{report} {matcher.alias_count} alias(es), {elapsed:.2f}s.")
            )
