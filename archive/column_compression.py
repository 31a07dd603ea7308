"""PostgreSQL column compression for the migrations that choose it (0003, 0021).

``lz4_columns(columns)`` is the migration operation: each ``(table, column)``
compressed with lz4 instead of pglz, back to the server's default on reverse.
A server built without lz4 keeps pglz; other databases are left as they are.
"""

from __future__ import annotations

from django.db import migrations


def lz4_columns(columns: list[tuple[str, str]]) -> migrations.RunPython:
    def use_lz4(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in columns:
            schema_editor.execute(
                f"""
                DO $$ BEGIN
                    ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4;
                EXCEPTION WHEN feature_not_supported THEN NULL;
                END $$;
                """
            )

    def use_default(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in columns:
            schema_editor.execute(
                f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION DEFAULT"
            )

    return migrations.RunPython(use_lz4, use_default)
