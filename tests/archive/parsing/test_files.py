"""Reading one article file: the text exactly, its SHA-256, the parse; a file
over the limit refused before it is read; the loader's known hash skipping it."""

from __future__ import annotations

import hashlib

import pytest

from archive.parsing import MAX_FILE_BYTES, ParseError, read_article_file

TEXT = "أنقرة تدعم دمشق\n\nوقّع وزير الدفاع مذكرة تفاهم للتدريب العسكري المشترك مع نظيره.\n"


def test_a_file_is_read_with_its_hash_and_parse(tmp_path):
    path = tmp_path / "mou.txt"
    path.write_text(TEXT, encoding="utf-8")
    read = read_article_file(path)
    assert read.source_file == "mou.txt"
    assert read.raw_text == TEXT
    assert read.content_hash == hashlib.sha256(TEXT.encode()).hexdigest()
    assert read.parsed.title == "أنقرة تدعم دمشق"
    assert read.parsed.body == "وقّع وزير الدفاع مذكرة تفاهم للتدريب العسكري المشترك مع نظيره."


def test_the_known_hash_returns_none_without_parsing(tmp_path):
    path = tmp_path / "mou.txt"
    path.write_text(TEXT, encoding="utf-8")
    known = hashlib.sha256(path.read_bytes()).hexdigest()
    assert read_article_file(path, unless_hash=known) is None
    assert read_article_file(path, unless_hash="0" * 64) is not None


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, nothing read
    with pytest.raises(ParseError) as error:
        read_article_file(path)
    assert (error.value.field, error.value.reason) == (
        "file",
        "file is 5.0 MB; the limit is 5.0 MB",
    )


def test_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_article_file(tmp_path / "nowhere.txt")
