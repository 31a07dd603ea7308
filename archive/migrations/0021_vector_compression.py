"""PostgreSQL: compress the stored search vectors with lz4 instead of pglz.

``search_vector`` (migration 0002) is the longest column an article has,
longer than its body (4.3 kB on average against 2.6 kB), and was left with
pglz when 0003 moved the texts to lz4: inserting 1,000 articles took 1.5 to
1.9 times as long with it (``EXPLAIN ANALYZE`` of the insert). A server built
without lz4 keeps pglz.
"""

from django.db import migrations

COLUMNS = [
    ("archive_article", "search_vector"),
    ("archive_article", "rank_vector"),
]


def use_lz4(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in COLUMNS:
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
    for table, column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION DEFAULT")


class Migration(migrations.Migration):
    dependencies = [("archive", "0020_event_mention_permissions")]

    operations = [migrations.RunPython(use_lz4, use_default)]
