"""PostgreSQL column compression (``archive.column_compression``): the long
article columns are lz4 after the migrations, and the operation sets lz4 and
puts the server's default back on reverse; other databases are left alone."""

from __future__ import annotations

import pytest
from django.db import connection

from archive.column_compression import lz4_columns


@pytest.mark.postgres
@pytest.mark.django_db
def test_long_article_columns_are_compressed_with_lz4():
    """Migrations 0003 and 0021: pglz compressing them was most of an insert."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attname, attcompression FROM pg_attribute "
            "WHERE attrelid IN ('archive_article'::regclass, 'archive_historicalarticle'::regclass) "
            "AND attcompression <> '' ORDER BY 1, 2"
        )
        assert cursor.fetchall() == [
            ("archive_article", "body", "l"),
            ("archive_article", "rank_vector", "l"),
            ("archive_article", "raw_text", "l"),
            ("archive_article", "search_text", "l"),
            ("archive_article", "search_vector", "l"),
            ("archive_historicalarticle", "body", "l"),
        ]


class RecordingEditor:
    """A schema editor on another database: whatever it is told to run."""

    class connection:
        vendor = "sqlite"

    def __init__(self):
        self.statements = []

    def execute(self, sql):
        self.statements.append(sql)


def test_on_another_database_nothing_is_run_either_way():
    operation = lz4_columns([("archive_article", "body")])
    editor = RecordingEditor()
    operation.code(None, editor)
    operation.reverse_code(None, editor)
    assert editor.statements == []
    assert operation.reversible


def column_compression(table: str) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attcompression FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 ORDER BY attnum",
            [table],
        )
        return cursor.fetchall()


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_operation_sets_lz4_and_reverses_to_the_default():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE compression_probe (kept text, squeezed text)")
    operation = lz4_columns([("compression_probe", "squeezed")])
    with connection.schema_editor(atomic=False) as editor:
        operation.code(None, editor)
    assert column_compression("compression_probe") == [("kept", ""), ("squeezed", "l")]
    with connection.schema_editor(atomic=False) as editor:
        operation.reverse_code(None, editor)
    assert column_compression("compression_probe") == [("kept", ""), ("squeezed", "")]
