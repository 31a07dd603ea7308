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
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from archive.models import Article, ArticleSource, Source
from archive.parsing import ArticleFile
from archive.preparing import PreparedFile, prepare_files
from archive.search import search_index_refresh
from archive.services import (
    article_create,
    article_fields,
    article_update_from_file,
    source_links,
)

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"


class LoadError(Exception):
    """The paths given cannot be loaded at all (missing, or no .txt files)."""


@dataclass(frozen=True)
class FileResult:
    path: Path
    status: str
    detail: str = ""
    article_id: int | None = None


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


def article_paths(paths: Iterable[Path]) -> list[Path]:
    """The ``.txt`` files named by ``paths``: files as given, folders' ``.txt``
    files (not recursive) in name order. Raises ``LoadError`` for a path that
    does not exist or a folder with no ``.txt`` files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            files = sorted(
                Path(entry.path)
                for entry in os.scandir(path)
                if entry.is_file() and entry.name.lower().endswith(".txt")
            )
            if not files:
                raise LoadError(f"{path}: the folder has no .txt files.")
            found.extend(files)
        elif path.is_file():
            found.append(path)
        else:
            raise LoadError(f"{path}: no such file or folder.")
    return found


def _batches(items: list[Path], size: int) -> Iterator[list[Path]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _read_batches(paths: list[Path], batch_size: int) -> Iterator[list[PreparedFile]]:
    """Read and parse ``paths`` batch by batch.

    With more than one batch, a worker process parses the next batches while
    the caller writes this one to the database (two cores: parsing and writing
    overlap). At most three batches are in memory at once, whatever the total.
    """
    batches = _batches(paths, batch_size)
    if len(paths) <= batch_size:
        for batch in batches:
            yield prepare_files(batch, _known_hashes(batch))
        return
    # "spawn": the worker imports only the pure parser and never shares the
    # parent's database connection, as a forked child would.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        pending = deque(
            pool.submit(prepare_files, batch, _known_hashes(batch)) for batch in islice(batches, 2)
        )
        while pending:
            future = pending.popleft()
            for batch in islice(batches, 1):
                pending.append(pool.submit(prepare_files, batch, _known_hashes(batch)))
            yield future.result()


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
) -> LoadSummary:
    """Load ``paths`` (files, as from ``article_paths``); report each file."""
    summary = LoadSummary()
    cache: dict[str, Source] = {}
    seen: dict[str, Path] = {}

    def report(result: FileResult) -> None:
        summary.counts[result.status] += 1
        on_result(result)

    for batch in _read_batches(paths, batch_size):
        parsed: list[tuple[Path, ArticleFile]] = []
        search_texts: dict[str, str] = {}
        for prepared in batch:
            path, file = prepared.path, prepared.file
            if path.name in seen:
                detail = f"same file name as {seen[path.name]}, loaded in this run"
                report(FileResult(path, FAILED, detail))
                continue
            seen[path.name] = path
            if prepared.unchanged:
                report(FileResult(path, UNCHANGED))
            elif file is None:
                report(FileResult(path, FAILED, prepared.problem))
            else:
                parsed.append((path, file))
                search_texts[file.source_file] = prepared.search_text

        existing = {
            row["source_file"]: row
            for row in Article.objects.filter(
                source_file__in=[file.source_file for _, file in parsed]
            ).values("id", "source_file", "content_hash")
        }
        new: list[tuple[Path, ArticleFile]] = []
        for path, file in parsed:
            row = existing.get(file.source_file)
            if row is None:
                new.append((path, file))
            elif row["content_hash"] == file.content_hash:
                report(FileResult(path, UNCHANGED, "", row["id"]))
            elif dry_run:
                report(FileResult(path, UPDATED, "would update (dry run)", row["id"]))
            else:
                report(_update_one(path, file, row["id"], publish, cache))

        if dry_run:
            for path, file in new:
                report(FileResult(path, CREATED, f"would create (dry run): {file.parsed.title}"))
            continue
        for result in _create_many(new, publish, cache, search_texts):
            report(result)
    if summary.counts[CREATED] + summary.counts[UPDATED]:
        search_index_refresh()
    return summary


def _update_one(
    path: Path, file: ArticleFile, article_id: int, publish: bool, cache: dict[str, Source]
) -> FileResult:
    try:
        article = Article.objects.get(pk=article_id)
        relocation = article_update_from_file(article, file, publish=publish, cache=cache)
    except DatabaseError as error:
        cache.clear()  # rolled-back sources may be in it
        return FileResult(path, FAILED, f"database: {error}")
    except ValidationError as error:
        cache.clear()
        return FileResult(path, FAILED, _reasons(error))
    detail = f"annotations: {relocation.kept} kept, {relocation.moved} moved, {relocation.flagged} flagged"
    return FileResult(path, UPDATED, detail, article.pk)


def _create_many(
    new: list[tuple[Path, ArticleFile]],
    publish: bool,
    cache: dict[str, Source],
    search_texts: dict[str, str],
) -> list[FileResult]:
    """Create the batch's new articles in one transaction; on failure, one by one."""
    if not new:
        return []
    status = Article.Status.PUBLISHED if publish else Article.Status.DRAFT
    try:
        with transaction.atomic():
            articles = [
                Article(
                    **article_fields(file.parsed, search_texts.get(file.source_file)),
                    raw_text=file.raw_text,
                    source_file=file.source_file,
                    content_hash=file.content_hash,
                    status=status,
                )
                for _, file in new
            ]
            if connection.vendor == "postgresql":
                _copy_articles_with_history(articles)
            else:
                articles = bulk_create_with_history(articles, Article, batch_size=500)
            links = [
                link
                for article, (_, file) in zip(articles, new, strict=True)
                for link in source_links(article, file.parsed, cache)
            ]
            ArticleSource.objects.bulk_create(links, batch_size=1000)
    except DatabaseError:
        cache.clear()
        return [_create_one(path, file, publish, cache) for path, file in new]
    return [
        FileResult(path, CREATED, article.title, article.pk)
        for article, (path, _) in zip(articles, new, strict=True)
    ]


def _copy_articles_with_history(articles: list[Article]) -> None:
    """PostgreSQL: insert articles and their creation history rows with COPY.

    The same rows ``bulk_create_with_history`` writes, several times faster:
    COPY streams the long texts instead of binding them into one huge INSERT.
    Sets each article's primary key.
    """
    _copy_rows(Article, articles)
    ids = dict(
        Article.objects.filter(source_file__in=[a.source_file for a in articles]).values_list(
            "source_file", "id"
        )
    )
    for article in articles:
        article.pk = ids[article.source_file]
    history = Article.history.model
    now = timezone.now()
    _copy_rows(
        history,
        [
            history(
                history_date=now,
                history_user=None,
                history_change_reason="",
                history_type="+",
                **{
                    field.attname: getattr(article, field.attname)
                    for field in history.tracked_fields
                },
            )
            for article in articles
        ],
    )


def _copy_rows(model: type[models.Model], objects: list[models.Model]) -> None:
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objects:
            copy.write_row(
                [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
            )


def _create_one(
    path: Path, file: ArticleFile, publish: bool, cache: dict[str, Source]
) -> FileResult:
    try:
        article = article_create(file, publish=publish, cache=cache)
    except DatabaseError as error:
        cache.clear()
        return FileResult(path, FAILED, f"database: {error}")
    except ValidationError as error:
        cache.clear()
        return FileResult(path, FAILED, _reasons(error))
    return FileResult(path, CREATED, article.title, article.pk)


def _reasons(error: ValidationError) -> str:
    """``field: reason`` for each field a validation error names."""
    return "; ".join(f"{name}: {messages[0]}" for name, messages in error.message_dict.items())
