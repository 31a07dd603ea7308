"""``manage.py prune_changes``: delete the changes feed's rows (tombstones
included) older than ``ARCHIVE_CHANGES_RETENTION_DAYS``. Run it daily."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from archive.changes import prune


class Command(BaseCommand):
    help = (
        "Delete changes-feed rows older than ARCHIVE_CHANGES_RETENTION_DAYS "
        "(each audience's newest row is kept, so an idle mirror's cursor stays valid)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Keep this many days (default {settings.ARCHIVE_CHANGES_RETENTION_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.ARCHIVE_CHANGES_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError(f"--days: must be at least 1 (got {days})")
        before = timezone.now() - dt.timedelta(days=days)
        count = prune(before, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {count} changes from before {before:%Y-%m-%dT%H:%M:%SZ}")
