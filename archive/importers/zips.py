"""A ``.zip`` of article files, unpacked for the loader: every member must stay
inside the folder it is unpacked into (no absolute path, no ``..``, no link),
else nothing of the archive is unpacked."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

from archive.importers import MAX_RECORDS_FILE_BYTES, SUFFIXES

MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # what a zip may unpack to, in all


class BadArchive(ValueError):
    """A zip that cannot be unpacked safely; the message names the member and why."""


def unpack_zip(path: Path, into: Path) -> list[Path]:
    """Unpack the article files of ``path`` into the folder ``into``; return
    them in name order. Raises ``BadArchive`` (nothing unpacked) when a member
    names a path outside the folder, is a link, or the zip is not one."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BadArchive(f"{path.name}: not a readable zip ({error})") from None
    with archive:
        members = []
        total = 0
        for info in archive.infolist():
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or ":" in (parts[0] if parts else "") or ".." in parts:
                raise BadArchive(
                    f"{path.name}: {name}: a path outside the folder; nothing was unpacked"
                )
            if stat.S_ISLNK(info.external_attr >> 16):
                raise BadArchive(f"{path.name}: {name}: a link; nothing was unpacked")
            if info.is_dir() or not name.lower().endswith(SUFFIXES):
                continue
            if parts[-1].startswith("."):
                continue  # __MACOSX/._page.html and the like
            total += info.file_size
            if info.file_size > MAX_RECORDS_FILE_BYTES or total > MAX_UNPACKED_BYTES:
                raise BadArchive(f"{path.name}: {name}: unpacks to more than the loader takes")
            members.append((info, into.joinpath(*parts)))
        root = into.resolve()
        for info, target in members:
            if not target.resolve().is_relative_to(root):
                raise BadArchive(f"{path.name}: {info.filename}: a path outside the folder")
        for info, target in members:
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, target.open("wb") as out:
                while chunk := source.read(1024 * 1024):
                    out.write(chunk)
    return sorted((target for _, target in members), key=lambda p: (p.name, str(p)))
