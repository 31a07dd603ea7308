"""``manage.py suggest_annotations``: run the topics' keyword rules over articles."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from annotations.suggestions import articles_suggest
from archive.models import Article


class Command(BaseCommand):
    help = (
        "Suggest annotations: every sentence matching a topic's keyword rules becomes a "
        "'suggested' annotation for editors to accept or reject. Safe to re-run: a passage "
        "already annotated with the same topic is skipped."
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

    def handle(self, *args, article_ids=None, verbosity=1, **options):
        articles = Article.objects.order_by("pk")
        if article_ids:
            articles = articles.filter(pk__in=article_ids)
            missing = set(article_ids) - set(articles.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, sorted(missing)))}.")
        with transaction.atomic():
            report = articles_suggest(articles.iterator())
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{report.articles} article(s): {report.created} suggestion(s) created, "
                    f"{report.existing} already there."
                )
            )
