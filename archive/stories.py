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
from dataclasses import dataclass, field

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Min

from archive.models import Article, Story, StoryBand
from archive.signatures import NUM_PERM, SIGNATURE_BYTES, THRESHOLD, band_keys, signature

# Keys per query: SQLite allows 32,766 bound values, older builds 999.
_CHUNK = 900
# Candidate pairs compared at once.
_PAIRS = 8192
# Copies of one story whose band keys are indexed; later copies are grouped
# (they agree with those) but not indexed, so a key never names more than this
# many articles of one story, and grouping stays a few comparisons per article.
INDEXED_COPIES = 16


def _matrix(signatures: list[bytes]) -> np.ndarray:
    """Signatures as the rows of one array (``NUM_PERM`` values each)."""
    return np.frombuffer(b"".join(signatures), "<u4").reshape(len(signatures), NUM_PERM)


def _candidates(keys: set[int]) -> dict[int, set[int]]:
    """Articles already in the archive sharing any of ``keys``: key -> ids."""
    found: dict[int, set[int]] = {}
    ordered = sorted(keys)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one query, the keys as one array
            cursor.execute(
                "SELECT key, article_id FROM archive_storyband WHERE key = ANY(%s::bigint[])",
                [ordered],
            )
            rows = cursor.fetchall()
        else:
            rows = []
            for start in range(0, len(ordered), _CHUNK):
                chunk = ordered[start : start + _CHUNK]
                cursor.execute(
                    "SELECT key, article_id FROM archive_storyband "
                    f"WHERE key IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                rows += cursor.fetchall()
    for key, article_id in rows:
        found.setdefault(key, set()).add(article_id)
    return found


def _best(
    positions: np.ndarray, others: np.ndarray, scores: np.ndarray, count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per position, the best score among its ``(position, other)`` pairs and
    that other (of equal scores, the greatest other); -1 and -1 where none."""
    best_score = np.full(count, -1.0)
    best_other = np.full(count, -1, dtype=np.int64)
    if len(positions):
        order = np.lexsort((others, scores, positions))  # each position's last is its best
        ordered = positions[order]
        chosen = order[np.flatnonzero(np.r_[ordered[1:] != ordered[:-1], True])]
        best_score[positions[chosen]] = scores[chosen]
        best_other[positions[chosen]] = others[chosen]
    return best_score, best_other


def _scores(
    positions: np.ndarray, others: np.ndarray, rows: np.ndarray, of: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct ``(position, other)`` pairs, and the share of agreeing
    values (``similarity``) of ``rows[position]`` and ``of[other]`` for each."""
    width = max(len(of), 1)
    codes = np.unique(positions.astype(np.int64) * width + others)
    positions, others = np.divmod(codes, width)
    agree = np.empty(len(codes))
    for start in range(0, len(codes), _PAIRS):  # a few MB of comparisons at a time
        part = slice(start, start + _PAIRS)
        agree[part] = np.count_nonzero(rows[positions[part]] == of[others[part]], axis=1)
    return positions, others, agree / NUM_PERM


def _spans(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indices ``starts[i] .. starts[i] + counts[i] - 1`` of every ``i``, in order."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + (np.arange(total) - offsets)


def _occurrences(keys: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Every ``(key, position)`` of the batch, ordered by key then position."""
    flat_keys = np.fromiter((key for item in keys for key in item), dtype=np.int64)
    flat_positions = np.repeat(np.arange(len(keys)), [len(item) for item in keys])
    order = np.lexsort((flat_positions, flat_keys))
    return flat_keys[order], flat_positions[order]


def _best_archived(keys, known, stored_rows, stored, stored_story, batch_sigs):
    """Per article of the batch, its best-agreeing archived candidate (an
    archived article sharing a band key): the score and that candidate's
    story; -1 and -1 where it has none."""
    pairs = sorted(
        (key, stored_rows[pk])
        for key, members in known.items()
        for pk in members
        if pk in stored_rows
    )
    none = np.full(len(keys), -1.0), np.full(len(keys), -1, dtype=np.int64)
    if not pairs:
        return none
    known_keys, known_rows = np.array(pairs, dtype=np.int64).T
    batch_keys, batch_positions = _occurrences(keys)
    starts = np.searchsorted(known_keys, batch_keys, "left")
    counts = np.searchsorted(known_keys, batch_keys, "right") - starts
    found = _spans(starts, counts)
    if not len(found):
        return none
    positions = np.repeat(batch_positions, counts)
    score, row = _best(*_scores(positions, known_rows[found], batch_sigs, stored), len(keys))
    story = np.where(row >= 0, np.asarray(stored_story, dtype=np.int64)[row], -1)
    return score, story


def _best_in_batch(keys, valid, batch_sigs):
    """Per article of the batch, its best-agreeing earlier article of the batch
    among the first ``INDEXED_COPIES`` to have each of its band keys (the ones
    the index will hold): the score and that article's position; -1 and -1."""
    none = np.full(len(keys), -1.0), np.full(len(keys), -1, dtype=np.int64)
    if not keys:
        return none
    batch_keys, positions = _occurrences(keys)
    # Each occurrence's rank among the batch's articles with its key: the
    # first INDEXED_COPIES are the key's members, and an article's candidates
    # by a key are the members before it.
    first = np.r_[True, batch_keys[1:] != batch_keys[:-1]]
    run_start = np.maximum.accumulate(np.where(first, np.arange(len(batch_keys)), 0))
    rank = np.arange(len(batch_keys)) - run_start
    counts = np.minimum(rank, INDEXED_COPIES)
    others = positions[_spans(run_start, counts)]
    positions = np.repeat(positions, counts)
    ok = np.asarray(valid, dtype=bool)
    keep = ok[positions] & ok[others]
    if not keep.any():
        return none
    return _best(*_scores(positions[keep], others[keep], batch_sigs, batch_sigs), len(keys))


@dataclass
class Grouping:
    """The stories of articles about to be written, in their order: the story
    each joins (``story_ids``), their band keys, and the stories they found
    (story id -> the position of the article that stands for it)."""

    story_ids: list[int]
    keys: list[list[int]]
    founded: dict[int, int] = field(default_factory=dict)
    indexed: list[bool] = field(default_factory=list)  # whether its keys go in the index


def group(signatures: Sequence[bytes], keys: Sequence[Sequence[int]] | None = None) -> Grouping:
    """Find the story of each of a batch of articles by its signature, before
    they are written (so each is inserted with its story): the best-agreeing
    article sharing a band key, if it reaches ``THRESHOLD``; copies within
    the batch find each other as they find the archive's. ``keys``: each
    signature's ``band_keys`` when already computed (the loader's parse
    workers do). Creates the new stories; ``record`` completes them once the
    articles have ids."""
    keys = [band_keys(sig) for sig in signatures] if keys is None else [list(k) for k in keys]
    known = _candidates({key for item in keys for key in item})
    ids = sorted({pk for members in known.values() for pk in members})
    stored_rows: dict[int, int] = {}  # article id -> its row in ``stored``
    stored_sigs: list[bytes] = []
    stored_story: list[int] = []
    for start in range(0, len(ids), _CHUNK):
        rows = (
            Article.objects.filter(id__in=ids[start : start + _CHUNK])
            .exclude(story=None)
            .values_list("id", "signature", "story_id")
        )
        for pk, sig, story_id in rows:
            if len(sig) == SIGNATURE_BYTES:  # one never signed agrees with nothing
                stored_rows[pk] = len(stored_sigs)
                stored_sigs.append(bytes(sig))
                stored_story.append(story_id)
    stored = _matrix(stored_sigs)
    valid = [len(sig) == SIGNATURE_BYTES for sig in signatures]
    batch_sigs = _matrix(
        [sig if ok else bytes(SIGNATURE_BYTES) for sig, ok in zip(signatures, valid, strict=True)]
    )
    archived_score, archived_story = _best_archived(
        keys, known, stored_rows, stored, stored_story, batch_sigs
    )
    batch_score, batch_other = _best_in_batch(keys, valid, batch_sigs)
    joins: list[int | None] = []  # a story id, or None: founds its own (see ``founder``)
    founder: list[int] = []  # per position: the position whose new story it joins
    for position in range(len(signatures)):
        best_score, best_story, best_founder = THRESHOLD, None, position
        if valid[position]:
            # Of equal scores, a copy in this batch wins over the archive's.
            if archived_score[position] >= best_score:
                best_score = archived_score[position]
                best_story, best_founder = int(archived_story[position]), None
            if batch_other[position] >= 0 and batch_score[position] >= best_score:
                other = int(batch_other[position])
                best_story, best_founder = joins[other], founder[other]
        joins.append(best_story)
        founder.append(best_founder if best_story is None else -1)
    founding = sorted({f for story, f in zip(joins, founder, strict=True) if story is None})
    stories = Story.objects.bulk_create([Story() for _ in founding])
    new_id = {position: story.pk for position, story in zip(founding, stories, strict=True)}
    story_ids = [
        story if story is not None else new_id[f] for story, f in zip(joins, founder, strict=True)
    ]
    # A story's first INDEXED_COPIES copies are enough to find the next one:
    # the index stays small however often one report is run.
    sizes = _copies({s for s in joins if s is not None})
    indexed = []
    for story_id in story_ids:
        indexed.append(sizes.get(story_id, 0) < INDEXED_COPIES)
        sizes[story_id] = sizes.get(story_id, 0) + 1
    return Grouping(story_ids, keys, {new_id[f]: f for f in founding}, indexed)


def _copies(story_ids: set[int]) -> dict[int, int]:
    """How many articles each of ``story_ids`` has (the ones it has not, 0)."""
    found: dict[int, int] = {}
    ordered = sorted(story_ids)
    for start in range(0, len(ordered), _CHUNK):
        found.update(
            Article.objects.filter(story__in=ordered[start : start + _CHUNK])
            .values("story")
            .annotate(n=Count("id"))
            .values_list("story", "n")
        )
    return found


def record(grouping: Grouping, article_ids: Sequence[int]) -> None:
    """Once the articles of ``grouping`` are written: the new stories'
    representatives, and every article's band keys in the index."""
    founded = [(story_id, article_ids[position]) for story_id, position in grouping.founded.items()]
    if connection.vendor == "postgresql" and founded:  # one statement for the batch
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE archive_story AS s SET representative_id = v.article "
                "FROM unnest(%s::bigint[], %s::bigint[]) AS v(story, article) WHERE s.id = v.story",
                [[story for story, _ in founded], [article for _, article in founded]],
            )
    elif founded:
        # One prepared statement: the ORM's bulk_update builds a CASE of every
        # row, which SQLite evaluates per row (5 s for 6,000 stories).
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE archive_story SET representative_id = %s WHERE id = %s",
                [(article, story) for story, article in founded],
            )
    _insert_bands(
        [
            (pk, key)
            for pk, keys, indexed in zip(article_ids, grouping.keys, grouping.indexed, strict=True)
            if indexed
            for key in keys
        ]
    )


def assign_stories(articles: Sequence[Article]) -> None:
    """Give each of ``articles`` (saved, without a story) its story and index
    it: ``group`` and ``record`` for articles already written."""
    if not articles:
        return
    for article in articles:
        if len(bytes(article.signature)) != SIGNATURE_BYTES:
            article.signature = signature(article.body)
            Article.objects.filter(pk=article.pk).update(signature=article.signature)
    grouping = group([bytes(article.signature) for article in articles])
    for article, story_id in zip(articles, grouping.story_ids, strict=True):
        article.story_id = story_id
    by_story: dict[int, list[int]] = {}
    for article in articles:
        by_story.setdefault(article.story_id, []).append(article.pk)
    for story_id, members in by_story.items():
        Article.objects.filter(pk__in=members).update(story_id=story_id)
    record(grouping, [article.pk for article in articles])


def _insert_bands(rows: list[tuple[int, int]]) -> None:
    """Insert ``(article id, key)`` rows into the band index."""
    if connection.vendor == "postgresql":
        # Two integers a row need no escaping: the rows go as one text block.
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy("COPY archive_storyband (article_id, key) FROM STDIN") as copy,
        ):
            copy.write("".join(f"{article_id}\t{key}\n" for article_id, key in rows))
        return
    # One prepared statement for every row: the ORM's bulk_create builds an
    # object per row, which costs more than the insert. In key order, each
    # insert lands next to the last one in the key index.
    rows = sorted(rows, key=lambda row: row[1])
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                "INSERT INTO archive_storyband (article_id, key) VALUES (%s, %s)",
                rows[start : start + 5000],
            )


def resign(article: Article) -> None:
    """A changed body: a new signature and band keys; the story stays."""
    article.signature = signature(article.body)
    Article.objects.filter(pk=article.pk).update(signature=article.signature)
    StoryBand.objects.filter(article=article).delete()
    if article.story_id is None:
        assign_stories([article])  # loaded before stories were kept
        return
    keys = band_keys(article.signature)
    _insert_bands([(article.pk, key) for key in keys])


def sign_and_group(articles: Iterable[Article]) -> int:
    """Sign and group articles that have no story yet (loaded before stories
    existed: ``manage.py group_stories``). Returns how many."""
    pending = list(articles)
    with transaction.atomic():
        for article in pending:
            article.signature = signature(article.body)
            Article.objects.filter(pk=article.pk).update(signature=article.signature)
        # An article whose story was deleted still has its band keys: the new
        # ones replace them, as ``resign`` does.
        StoryBand.objects.filter(article__in=pending).delete()
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
