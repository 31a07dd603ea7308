"""Stories: grouping near copies of one report, and the editors' corrections.

On load, each new article's signature (``archive.signatures``) is looked up by
its LSH band keys in ``StoryBand`` (an index lookup: only articles sharing a
key are compared); when the best-agreeing candidate reaches ``THRESHOLD``,
the article joins that candidate's story, else it starts a story of its own
and stands for it. Editors split an article out of its story or merge
stories; a changed body gets a new signature but keeps its story (grouping
never undoes an editor's decision).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models import Count, Min

from archive.models import Article, Story, StoryBand
from archive.signatures import SIGNATURE_BYTES, THRESHOLD, band_keys, signature, similarity

# Keys per query: SQLite allows 32,766 bound values, older builds 999.
_CHUNK = 900


def _candidates(keys: set[int]) -> dict[int, set[int]]:
    """Articles already in the archive sharing any of ``keys``: key -> ids."""
    found: dict[int, set[int]] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), _CHUNK):
        rows = StoryBand.objects.filter(key__in=ordered[start : start + _CHUNK]).values_list(
            "key", "article_id"
        )
        for key, article_id in rows:
            found.setdefault(key, set()).add(article_id)
    return found


def assign_stories(articles: Sequence[Article]) -> None:
    """Give each of ``articles`` (saved, with ``signature`` set, no story yet)
    its story, and index its band keys. Copies within ``articles`` find each
    other as they find the archive's. Call inside the transaction that
    created them, so an article is never written without its story."""
    if not articles:
        return
    for article in articles:
        if len(bytes(article.signature)) != SIGNATURE_BYTES:
            article.signature = signature(article.body)
            Article.objects.filter(pk=article.pk).update(signature=article.signature)
    keys = {article.pk: band_keys(bytes(article.signature)) for article in articles}
    known = _candidates({key for article_keys in keys.values() for key in article_keys})
    ids = {pk for members in known.values() for pk in members}
    stored = {
        row[0]: (bytes(row[1]), row[2])
        for start in range(0, len(ids), _CHUNK)
        for row in Article.objects.filter(id__in=sorted(ids)[start : start + _CHUNK])
        .exclude(story=None)
        .values_list("id", "signature", "story_id")
    }
    signatures = {article.pk: bytes(article.signature) for article in articles}
    own: dict[int, set[int]] = {}  # key -> ids among ``articles`` seen so far
    story_of: dict[int, Story] = {}  # their story, new or existing
    new_stories: list[Story] = []
    for article in articles:
        sig = signatures[article.pk]
        best, best_score = None, THRESHOLD
        for key in keys[article.pk]:
            for other in known.get(key, set()) | own.get(key, set()):
                if other in story_of:
                    other_sig, story = signatures[other], story_of[other]
                elif other in stored:
                    other_sig, story = stored[other][0], stored[other][1]
                else:
                    continue
                score = similarity(sig, other_sig)
                if score >= best_score:
                    best, best_score = story, score
        if best is None:
            best = Story(representative_id=article.pk)
            new_stories.append(best)
        story_of[article.pk] = best
        for key in keys[article.pk]:
            own.setdefault(key, set()).add(article.pk)
    Story.objects.bulk_create(new_stories)
    by_story: dict[int, list[int]] = {}
    for pk, story in story_of.items():
        story_id = story if isinstance(story, int) else story.pk
        by_story.setdefault(story_id, []).append(pk)
    for story_id, members in by_story.items():
        Article.objects.filter(pk__in=members).update(story_id=story_id)
    for article in articles:
        story = story_of[article.pk]
        article.story_id = story if isinstance(story, int) else story.pk
    bands = [
        StoryBand(article_id=pk, key=key)
        for pk, article_keys in keys.items()
        for key in article_keys
    ]
    _insert_bands(bands)


def _insert_bands(bands: list[StoryBand]) -> None:
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy("COPY archive_storyband (article_id, key) FROM STDIN") as copy,
        ):
            for band in bands:
                copy.write_row((band.article_id, band.key))
        return
    StoryBand.objects.bulk_create(bands, batch_size=2000)


def resign(article: Article) -> None:
    """A changed body: a new signature and band keys; the story stays."""
    article.signature = signature(article.body)
    Article.objects.filter(pk=article.pk).update(signature=article.signature)
    StoryBand.objects.filter(article=article).delete()
    if article.story_id is None:
        assign_stories([article])  # loaded before stories were kept
        return
    keys = band_keys(article.signature)
    _insert_bands([StoryBand(article_id=article.pk, key=key) for key in keys])


def sign_and_group(articles: Iterable[Article]) -> int:
    """Sign and group articles that have no story yet (loaded before stories
    existed: ``manage.py group_stories``). Returns how many."""
    pending = list(articles)
    with transaction.atomic():
        for article in pending:
            article.signature = signature(article.body)
            Article.objects.filter(pk=article.pk).update(signature=article.signature)
        assign_stories(pending)
    return len(pending)


def _refresh_representative(story: Story) -> None:
    """The story's representative is one of its copies: the earliest published
    (then the first loaded) when the one it had left."""
    members = Article.objects.filter(story=story)
    if story.representative_id and members.filter(pk=story.representative_id).exists():
        return
    first = members.order_by("published_on", "id").values_list("pk", flat=True).first()
    if first is None:
        story.delete()
        return
    story.representative_id = first
    story.save(update_fields=["representative", "updated_at"])


def story_split(article: Article) -> Story:
    """Take ``article`` out of its story, into a story of its own."""
    with transaction.atomic():
        old = Story.objects.select_for_update().filter(pk=article.story_id).first()
        if old is not None and Article.objects.filter(story=old).count() == 1:
            return old  # already alone
        story = Story.objects.create(representative=article)
        Article.objects.filter(pk=article.pk).update(story=story)
        article.story = story
        if old is not None:
            _refresh_representative(old)
        return story


def story_merge(stories: Sequence[Story], into: Story | None = None) -> Story:
    """Merge ``stories`` into ``into`` (default: the one with the most copies,
    then the oldest); the others are deleted. Its representative stays."""
    stories = list(stories)
    if not stories:
        raise ValueError("no stories to merge")
    with transaction.atomic():
        if into is None:
            sizes = dict(
                Article.objects.filter(story__in=stories)
                .values("story")
                .annotate(n=Count("id"))
                .values_list("story", "n")
            )
            into = sorted(stories, key=lambda s: (-sizes.get(s.pk, 0), s.pk))[0]
        others = [s.pk for s in stories if s.pk != into.pk]
        Article.objects.filter(story__in=others).update(story=into)
        Story.objects.filter(pk__in=others).delete()
        _refresh_representative(into)
        return into


def first_copies(articles):
    """The ids of one article per story among ``articles`` (a queryset): the
    first loaded of the story's copies there."""
    return articles.exclude(story=None).values("story").annotate(first=Min("id")).values("first")
