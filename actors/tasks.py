"""Background work: finding mentions, through Django's task framework
(``django_tasks``; run by ``manage.py db_worker``, inline in tests)."""

from __future__ import annotations

from django_tasks import task

from actors import services

# Article ids per task: a task's arguments are stored as JSON.
IDS_PER_TASK = 5000


@task()
def find_mentions(article_ids: list[int] | None = None) -> dict:
    """Run the matcher over these articles (all of them when ``None``)."""
    report = services.articles_find_mentions(article_ids)
    return vars(report)


@task()
def find_mentions_for_aliases(texts: list[str]) -> dict:
    """After an alias edit: re-run the matcher on the articles whose body
    holds one of ``texts`` (the old and new spellings) or that have a mention
    matched through one of them."""
    ids = services.articles_containing(texts)
    report = services.articles_find_mentions(ids)
    return vars(report)


def enqueue_find_mentions(article_ids: list[int] | None = None) -> None:
    """Queue the matcher for these articles (all when ``None``), in tasks of
    ``IDS_PER_TASK``."""
    if article_ids is None:
        find_mentions.enqueue(None)
        return
    ids = sorted(set(article_ids))
    for index in range(0, len(ids), IDS_PER_TASK):
        find_mentions.enqueue(ids[index : index + IDS_PER_TASK])
