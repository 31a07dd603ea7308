"""The loader's per-file work that needs no database: read, parse, and compute
the search text. Imports no models, so ``archive.loading`` can run it in a
worker process while the main process writes to the database."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from archive.importers import ItemDetails, ItemProblem, read_items
from archive.parsing import ArticleFile, ParseError, read_article_file
from archive.search import article_search_fields
from archive.signatures import SIGNATURE_BYTES, band_keys, signature


@dataclass(frozen=True)
class PreparedFile:
    """One article read (a text file, a saved page, a JSON Lines or CSV record)."""

    path: Path
    file: ArticleFile | None  # None when unchanged, or when it could not be read or parsed
    search_text: str = ""
    rank_terms: str = ""
    problem: str = ""  # "field: reason" when the file could not be read or parsed
    unchanged: bool = False  # same SHA-256 as the article already loaded from it
    label: str = ""  # where, when not the whole file: "export.jsonl:12"
    details: ItemDetails | None = None  # address, site, language, meta (imports)
    signature: bytes = b""  # the body's near-duplicate signature (archive.signatures)
    band_keys: tuple[int, ...] = ()  # its LSH band keys, what the archive indexes

    @property
    def name(self) -> str:
        return self.label or self.path.name

    @property
    def identity(self) -> str:
        """The article's identity in the archive (``Article.source_file``)."""
        return self.file.source_file if self.file is not None else self.name


def prepare_files(paths: list[Path], known_hashes: dict[str, str]) -> list[PreparedFile]:
    """Read, parse and index a batch. ``known_hashes`` maps file names already in
    the archive to their content hash: such a text file, unchanged, is not parsed."""
    prepared = []
    for path in paths:
        try:
            if path.suffix.lower() != ".txt":
                prepared.extend(_prepare_items(path))
                continue
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
        prepared.append(PreparedFile(path, file, *_search_fields(file), **_signed(file)))
    return prepared


def _prepare_items(path: Path) -> list[PreparedFile]:
    label = "" if path.suffix.lower() in (".html", ".htm") else None
    prepared = []
    for item in read_items(path):
        if isinstance(item, ItemProblem):
            own = "" if item.label == path.name else item.label
            prepared.append(PreparedFile(path, None, problem=item.message, label=own))
        else:
            own = label if label is not None else item.label
            prepared.append(
                PreparedFile(
                    path,
                    item.file,
                    *_search_fields(item.file),
                    label=own,
                    details=item.details,
                    **_signed(item.file),
                )
            )
    return prepared


def _search_fields(file: ArticleFile) -> tuple[str, str]:
    parsed = file.parsed
    return article_search_fields(parsed.title, parsed.summary, parsed.body)


def exit_with_parent(parent: int, interval: float = 0.5) -> None:
    """In a worker process: end it as soon as ``parent`` is gone (the worker is
    then adopted by another process). A daemon thread looks every ``interval``
    seconds; a worker blocked waiting for work would otherwise wait for ever,
    and keep multiprocessing's resource tracker alive with it."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _signature(file: ArticleFile) -> bytes:
    return signature(file.parsed.body)


def _signed(file: ArticleFile) -> dict:
    sig = _signature(file)
    keys = tuple(band_keys(sig)) if len(sig) == SIGNATURE_BYTES else ()
    return {"signature": sig, "band_keys": keys}
