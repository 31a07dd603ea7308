"""The loader's per-file work that needs no database: read, parse, and compute
the search text. Imports no models, so ``archive.loading`` can run it in a
worker process while the main process writes to the database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archive.parsing import ArticleFile, read_article_files
from archive.search import article_search_text


@dataclass(frozen=True)
class PreparedFile:
    path: Path
    file: ArticleFile | None  # None when the file could not be read or parsed
    search_text: str
    problem: str  # "field: reason" when ``file`` is None


def prepare_files(paths: list[Path]) -> list[PreparedFile]:
    prepared = []
    for path, file, problem in read_article_files(paths):
        search_text = ""
        if file is not None:
            parsed = file.parsed
            search_text = article_search_text(parsed.title, parsed.summary, parsed.body)
        prepared.append(PreparedFile(path, file, search_text, problem))
    return prepared
