"""The loader's per-file work that needs no database: read, parse, and compute
the search text. Imports no models, so ``archive.loading`` can run it in a
worker process while the main process writes to the database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archive.parsing import ArticleFile, ParseError, read_article_file
from archive.search import article_search_text


@dataclass(frozen=True)
class PreparedFile:
    path: Path
    file: ArticleFile | None  # None when unchanged, or when it could not be read or parsed
    search_text: str = ""
    problem: str = ""  # "field: reason" when the file could not be read or parsed
    unchanged: bool = False  # same SHA-256 as the article already loaded from it


def prepare_files(paths: list[Path], known_hashes: dict[str, str]) -> list[PreparedFile]:
    """Read, parse and index a batch. ``known_hashes`` maps file names already in
    the archive to their content hash: such a file, unchanged, is not parsed."""
    prepared = []
    for path in paths:
        try:
            file = read_article_file(path, unless_hash=known_hashes.get(path.name))
        except ParseError as error:
            prepared.append(PreparedFile(path, None, problem=f"{error.field}: {error.reason}"))
            continue
        except OSError as error:
            problem = f"file: cannot read ({error.strerror or error})"
            prepared.append(PreparedFile(path, None, problem=problem))
            continue
        if file is None:
            prepared.append(PreparedFile(path, None, unchanged=True))
            continue
        parsed = file.parsed
        search_text = article_search_text(parsed.title, parsed.summary, parsed.body)
        prepared.append(PreparedFile(path, file, search_text))
    return prepared
