"""Loading article files into the archive: the work behind ``load_seeds``.

Every file is read, checked and parsed before anything is written, so a file
that fails never reaches the database. New files are then written in batches
(one transaction per batch, bulk inserts: fast); if a batch write fails, it is
retried file by file, each file in its own transaction, so one bad file never
takes the others with it and a file is written whole or not at all. Changed
files are always written one transaction per file, since their annotations
must be re-anchored.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from archive.importers import SUFFIXES
from archive.importers.zips import BadArchive, unpack_zip
from archive.models import Article, ArticleSource, Source
from archive.preparing import PreparedFile, exit_with_parent, prepare_files
from archive.search import search_index_refresh
from archive.services import (
    article_create,
    article_fields,
    article_source_rows,
    article_update_from_file,
    body_changes_announced_later,
    import_fields,
)
from archive.signals import article_bodies_changed, articles_loaded
from archive.stories import assign_stories, group, record, resign

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"


class LoadError(Exception):
    """The paths given cannot be loaded at all (missing, or no article files)."""


@dataclass(frozen=True)
class FileResult:
    path: Path
    status: str
    detail: str = ""
    article_id: int | None = None
    label: str = ""  # the item, when a file holds many: "export.jsonl:12"
    new_text: bool = False  # created, or its body changed

    @property
    def name(self) -> str:
        return self.label or self.path.name


@dataclass
class LoadSummary:
    counts: dict[str, int] = field(
        default_factory=lambda: {CREATED: 0, UPDATED: 0, UNCHANGED: 0, FAILED: 0}
    )

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def failed(self) -> int:
        return self.counts[FAILED]


def _listed_file(entry: os.DirEntry) -> bool:
    """A folder entry the loader reads: a file with a suffix it knows, or one
    that cannot even be looked at (a symlink loop, a link into a folder it may
    not enter), which is then reported as that file's failure when read."""
    if not entry.name.lower().endswith(SUFFIXES):
        return False
    try:
        return entry.is_file()
    except OSError:
        return True


def article_paths(paths: Iterable[Path]) -> list[Path]:
    """The article files named by ``paths``: files as given, folders' files
    (not recursive) with a suffix the loader reads (``SUFFIXES``), in name order.
    A path that exists but cannot be read (a symlink loop, no permission) is
    kept, to fail on its own report line. Raises ``LoadError`` for a path that
    does not exist, a folder with no article files, or one that cannot be listed."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            try:
                with os.scandir(path) as entries:
                    files = sorted(Path(entry.path) for entry in entries if _listed_file(entry))
            except OSError as error:
                raise LoadError(
                    f"{path}: cannot list the folder ({error.strerror or error})."
                ) from None
            if not files:
                raise LoadError(f"{path}: the folder has no article files ({', '.join(SUFFIXES)}).")
            found.extend(files)
        elif path.is_file() or os.path.lexists(path):
            found.append(path)
        else:
            raise LoadError(f"{path}: no such file or folder.")
    return found


def unpack_zips(paths: Iterable[Path], into: Path) -> list[Path]:
    """``paths`` with each ``.zip`` replaced by the article files it holds,
    unpacked under ``into`` (one folder per zip). Raises ``LoadError`` naming
    the member when a zip holds a path outside its folder, or none."""
    found: list[Path] = []
    for number, path in enumerate(paths):
        if not (path.is_file() and path.suffix.lower() == ".zip"):
            found.append(path)
            continue
        try:
            files = unpack_zip(path, into / f"{number}-{path.stem}")
        except BadArchive as error:
            raise LoadError(str(error)) from None
        if not files:
            raise LoadError(f"{path}: the zip has no article files ({', '.join(SUFFIXES)}).")
        found.extend(files)
    return found


def _batches(items: list[Path], size: int) -> Iterator[list[Path]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Processes parsing ahead of the writes. Parsing costs more per file than
# writing it (benchmarks/load_seeds.py), so two workers keep the writer busy;
# on a machine of one core they share it with the writer.
PARSE_WORKERS = 2


def _read_batches(paths: list[Path], batch_size: int) -> Iterator[list[PreparedFile]]:
    """Read and parse ``paths`` batch by batch.

    With more than one batch, worker processes parse the next batches while
    the caller writes this one to the database (parsing and writing overlap).
    At most ``PARSE_WORKERS + 2`` batches are in memory at once, whatever the
    total.
    """
    batches = _batches(paths, batch_size)
    if len(paths) <= batch_size:
        for batch in batches:
            yield prepare_files(batch, _known_hashes(batch))
        return
    # "spawn": the workers import only the pure parser and never share the
    # parent's database connection, as a forked child would. They exit when
    # the parent dies (a killed load_seeds leaves no process behind).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=PARSE_WORKERS,
        mp_context=context,
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        pending = deque(
            pool.submit(prepare_files, batch, _known_hashes(batch))
            for batch in islice(batches, PARSE_WORKERS + 1)
        )
        while pending:
            future = pending.popleft()
            for batch in islice(batches, 1):
                pending.append(pool.submit(prepare_files, batch, _known_hashes(batch)))
            yield future.result()


# The PostgreSQL advisory lock that serialises loads (any 64-bit number that
# nothing else uses: "load_seeds" in ASCII).
LOAD_LOCK = 0x6C6F61645F736565


@contextmanager
def load_lock(on_wait: Callable[[str], None] = lambda message: None) -> Iterator[None]:
    """Held while a load writes, so that two loads on PostgreSQL run one after
    the other (the second then finds the first one's articles unchanged);
    ``on_wait`` is told when another load holds it. A session lock: released on
    leaving, or by the server when the process dies. Nothing on SQLite, which
    lets one writer in at a time anyway."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOAD_LOCK])
        if not cursor.fetchone()[0]:
            on_wait("Another load_seeds run is writing to this database; waiting for it to finish…")
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOAD_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOAD_LOCK])


def _known_hashes(batch: list[Path]) -> dict[str, str]:
    return dict(
        Article.objects.filter(source_file__in=[path.name for path in batch]).values_list(
            "source_file", "content_hash"
        )
    )


def load_article_files(
    paths: list[Path],
    *,
    dry_run: bool = False,
    publish: bool = False,
    batch_size: int = 500,
    on_result: Callable[[FileResult], None] = lambda result: None,
    on_wait: Callable[[str], None] = lambda message: None,
) -> LoadSummary:
    """Load ``paths`` (files, as from ``article_paths``); report each file.
    One load writes at a time (``load_lock``; ``on_wait`` hears of a wait).
    At the end, ``articles_loaded`` names the articles created or updated,
    and ``article_bodies_changed`` those created or whose body changed."""
    if dry_run:
        return _load(
            paths, dry_run=True, publish=publish, batch_size=batch_size, on_result=on_result
        )
    with load_lock(on_wait), body_changes_announced_later():
        return _load(
            paths, dry_run=False, publish=publish, batch_size=batch_size, on_result=on_result
        )


def _load(
    paths: list[Path],
    *,
    dry_run: bool,
    publish: bool,
    batch_size: int,
    on_result: Callable[[FileResult], None],
) -> LoadSummary:
    summary = LoadSummary()
    cache: dict[str, Source] = {}
    seen: dict[str, tuple[str, str]] = {}  # identity -> (where, content hash)
    changed: list[int] = []
    new_texts: list[int] = []

    def report(result: FileResult) -> None:
        summary.counts[result.status] += 1
        if result.status in (CREATED, UPDATED) and result.article_id and not dry_run:
            changed.append(result.article_id)
            if result.new_text:
                new_texts.append(result.article_id)
        on_result(result)

    for batch in _read_batches(paths, batch_size):
        parsed: list[PreparedFile] = []
        for prepared in batch:
            path, file = prepared.path, prepared.file
            if prepared.identity in seen:
                report(_seen_again(prepared, *seen[prepared.identity]))
                continue
            seen[prepared.identity] = (prepared.name, file.content_hash if file else "")
            if prepared.unchanged:
                report(FileResult(path, UNCHANGED))
            elif file is None:
                report(FileResult(path, FAILED, prepared.problem, label=prepared.label))
            else:
                parsed.append(prepared)

        existing = {
            row["source_file"]: row
            for row in Article.objects.filter(
                source_file__in=[prepared.identity for prepared in parsed]
            ).values("id", "source_file", "content_hash")
        }
        new: list[PreparedFile] = []
        for prepared in parsed:
            row = existing.get(prepared.identity)
            if row is None:
                new.append(prepared)
            elif row["content_hash"] == prepared.file.content_hash:
                report(_result(prepared, UNCHANGED, "", row["id"]))
            elif dry_run:
                report(_result(prepared, UPDATED, "would update (dry run)", row["id"]))
            else:
                report(_update_one(prepared, row["id"], publish, cache))

        if dry_run:
            for prepared in new:
                detail = _with_note(
                    f"would create (dry run): {prepared.file.parsed.title}", prepared
                )
                report(_result(prepared, CREATED, detail))
            continue
        for result in _create_many(new, publish, cache):
            report(result)
    if summary.counts[CREATED] + summary.counts[UPDATED]:
        search_index_refresh()
    if changed:
        articles_loaded.send(sender=load_article_files, article_ids=changed)
    if new_texts:
        article_bodies_changed.send(sender=load_article_files, article_ids=new_texts)
    return summary


def _result(
    prepared: PreparedFile, status: str, detail: str = "", article_id=None, new_text=False
) -> FileResult:
    return FileResult(prepared.path, status, detail, article_id, prepared.label, new_text)


def _seen_again(prepared: PreparedFile, where: str, content_hash: str) -> FileResult:
    """An identity read twice in one run: the same file name twice, or one
    article's URL in two items (the same text: nothing to do; another text:
    which one is right is for a person to say)."""
    if prepared.file is None or not prepared.file.source_file.startswith(("http:", "https:")):
        return _result(prepared, FAILED, f"same file name as {where}, loaded in this run")
    if prepared.file.content_hash == content_hash:
        return _result(prepared, UNCHANGED, f"same URL and text as {where}, loaded in this run")
    return _result(
        prepared,
        FAILED,
        f"url: {prepared.identity} was read from {where} in this run with another text",
    )


def _update_one(
    prepared: PreparedFile, article_id: int, publish: bool, cache: dict[str, Source]
) -> FileResult:
    try:
        article = Article.objects.get(pk=article_id)
        with transaction.atomic():
            change = article_update_from_file(
                article, prepared.file, publish=publish, cache=cache, details=prepared.details
            )
            if change.changed or bytes(article.signature) != prepared.signature:
                resign(article)
    except DatabaseError as error:
        cache.clear()  # rolled-back sources may be in it
        return _result(prepared, FAILED, f"database: {error}")
    except ValidationError as error:
        cache.clear()
        return _result(prepared, FAILED, _reasons(error))
    detail = _with_note(change.summary(), prepared)
    return _result(prepared, UPDATED, detail, article.pk, new_text=change.changed)


def _create_many(
    new: list[PreparedFile], publish: bool, cache: dict[str, Source]
) -> list[FileResult]:
    """Create the batch's new articles in one transaction; on failure, one by one."""
    if not new:
        return []
    status = Article.Status.PUBLISHED if publish else Article.Status.DRAFT
    try:
        with transaction.atomic():
            grouping = group(
                [prepared.signature for prepared in new], [prepared.band_keys for prepared in new]
            )
            articles = [
                Article(
                    **article_fields(
                        prepared.file.parsed, (prepared.search_text, prepared.rank_terms)
                    ),
                    **import_fields(prepared.details),
                    raw_text=prepared.file.raw_text,
                    source_file=prepared.file.source_file,
                    content_hash=prepared.file.content_hash,
                    status=status,
                    signature=prepared.signature,
                    story_id=story_id,
                )
                for prepared, story_id in zip(new, grouping.story_ids, strict=True)
            ]
            if connection.vendor == "postgresql":
                _copy_articles_with_history(articles)
            else:
                articles = bulk_create_with_history(articles, Article, batch_size=500)
            links = [
                link
                for article, prepared in zip(articles, new, strict=True)
                for link in article_source_rows(
                    article, prepared.file.parsed, cache, prepared.details
                )
            ]
            ArticleSource.objects.bulk_create(links, batch_size=1000)
            record(grouping, [article.pk for article in articles])
    except DatabaseError:
        cache.clear()
        return [_create_one(prepared, publish, cache) for prepared in new]
    return [
        _result(prepared, CREATED, _with_note(article.title, prepared), article.pk, new_text=True)
        for article, prepared in zip(articles, new, strict=True)
    ]


def _copy_articles_with_history(articles: list[Article]) -> None:
    """PostgreSQL: insert articles and their creation history rows with COPY.

    The same rows ``bulk_create_with_history`` writes, several times faster:
    COPY streams the long texts instead of binding them into one huge INSERT.
    Sets each article's primary key, taken from the table's sequence before
    the COPY, so each article's values are made once, for both tables.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Article._meta.db_table, len(articles)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
    fields = Article._meta.concrete_fields
    rows = []
    for article, pk in zip(articles, ids, strict=True):
        article.pk = pk
        rows.append(
            [field.get_db_prep_save(field.pre_save(article, True), connection) for field in fields]
        )
    _copy_rows(Article, fields, rows)
    history = Article.history.model
    position = {field.attname: n for n, field in enumerate(fields)}
    tracked = [position[field.attname] for field in history.tracked_fields]
    now = timezone.now()
    own = {  # the history row's own columns (any other would fail here, not go unset)
        "history_date": now,
        "history_user_id": None,
        "history_change_reason": "",
        "history_type": "+",
    }
    names = {field.attname for field in history.tracked_fields}
    extra = [
        f for f in history._meta.concrete_fields if not f.primary_key and f.attname not in names
    ]
    extra_values = [f.get_db_prep_save(own[f.attname], connection) for f in extra]
    _copy_rows(
        history,
        [*(history._meta.get_field(f.name) for f in history.tracked_fields), *extra],
        [[row[n] for n in tracked] + extra_values for row in rows],
    )


def _copy_rows(model: type[models.Model], fields: list, rows: list[list]) -> None:
    """COPY ``rows`` (values ready for the database, in the order of ``fields``)."""
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    # psycopg's own COPY raises psycopg's errors: wrapped, they are Django's
    # (an IntegrityError), which the per-file retry catches.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _create_one(prepared: PreparedFile, publish: bool, cache: dict[str, Source]) -> FileResult:
    try:
        with transaction.atomic():
            article = article_create(
                prepared.file, publish=publish, cache=cache, details=prepared.details
            )
            article.signature = prepared.signature
            Article.objects.filter(pk=article.pk).update(signature=article.signature)
            assign_stories([article])
    except DatabaseError as error:
        cache.clear()
        return _result(prepared, FAILED, f"database: {error}")
    except ValidationError as error:
        cache.clear()
        return _result(prepared, FAILED, _reasons(error))
    detail = _with_note(article.title, prepared)
    return _result(prepared, CREATED, detail, article.pk, new_text=True)


def _with_note(detail: str, prepared: PreparedFile) -> str:
    """The report line says what the parser was unsure of: ``title (no date stated)``."""
    note = prepared.file.parsed.note
    return f"{detail} ({note})" if note else detail


def _reasons(error: ValidationError) -> str:
    """``field: reason`` for each field a validation error names."""
    return "; ".join(f"{name}: {messages[0]}" for name, messages in error.message_dict.items())
