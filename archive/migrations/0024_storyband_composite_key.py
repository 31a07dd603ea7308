"""The band index's rows are keyed by ``(key, article)``, with no row id: the
key's B-tree is the table (PostgreSQL: the primary key's index; SQLite: a
WITHOUT ROWID table), so an insert writes two B-trees (that one and the
article's) instead of three. Django cannot move a table to a composite
primary key in place: the rows wait in a side table while it is made anew."""

import django.db.models.deletion
from django.db import migrations, models

KEEP = "archive_storyband_keep"


def _without_rowid(apps, schema_editor):
    """On SQLite, make the new table again as WITHOUT ROWID, with its indexes."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'archive_storyband' "
            "AND type = 'index' AND sql IS NOT NULL"
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute("DROP TABLE archive_storyband")
        cursor.execute(
            'CREATE TABLE "archive_storyband" ("key" bigint NOT NULL, '
            '"article_id" bigint NOT NULL, PRIMARY KEY ("key", "article_id")) WITHOUT ROWID'
        )
        for sql in indexes:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0023_article_rank_keys"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE TABLE {KEEP} AS SELECT DISTINCT key, article_id FROM archive_storyband",
            [
                f"INSERT INTO archive_storyband (key, article_id) SELECT key, article_id FROM {KEEP}",
                f"DROP TABLE {KEEP}",
            ],
        ),
        migrations.DeleteModel(name="StoryBand"),
        migrations.CreateModel(
            name="StoryBand",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "key",
                        "article",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("key", models.BigIntegerField(verbose_name="band key")),
                (
                    "article",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="story_bands",
                        to="archive.article",
                    ),
                ),
            ],
            options={"verbose_name": "story band"},
        ),
        migrations.RunPython(_without_rowid, migrations.RunPython.noop),
        migrations.RunSQL(
            [
                f"INSERT INTO archive_storyband (key, article_id) SELECT key, article_id FROM {KEEP}",
                f"DROP TABLE {KEEP}",
            ],
            f"CREATE TABLE {KEEP} AS SELECT key, article_id FROM archive_storyband",
        ),
    ]
