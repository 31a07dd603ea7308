"""``manage.py group_stories``: sign and group the articles that have no story
yet (those loaded before stories were kept). The loader does this for every
article it creates."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from archive.models import Article
from archive.stories import sign_and_group


class Command(BaseCommand):
    help = "Give every article without a story its signature and story (near copies grouped)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        total = 0
        while True:
            batch = list(Article.objects.filter(story=None).order_by("id")[:batch_size])
            if not batch:
                break
            total += sign_and_group(batch)
        self.stdout.write(f"{total} article{'' if total == 1 else 's'} grouped into stories.")
