"""Passage search: ``Annotation.search_text`` (the normalised stems of quote and
note, filled here for existing rows) and, on PostgreSQL, a GIN index over its
``tsvector``. See ``archive.search.search_passages``."""

from django.db import migrations, models


def fill_search_text(apps, schema_editor):
    from archive.search import passage_search_text

    Annotation = apps.get_model("annotations", "Annotation")
    batch = []
    for annotation in Annotation.objects.only("id", "quote", "note").iterator(chunk_size=1000):
        annotation.search_text = passage_search_text(annotation.quote, annotation.note)
        batch.append(annotation)
        if len(batch) >= 1000:
            Annotation.objects.bulk_update(batch, ["search_text"])
            batch = []
    Annotation.objects.bulk_update(batch, ["search_text"])


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX annotations_annotation_search_idx ON annotations_annotation "
        "USING gin (to_tsvector('simple'::regconfig, search_text))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS annotations_annotation_search_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0004_annotation_status_topic_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="annotation",
            name="search_text",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Normalised, stemmed words of the quote and note (archive.search).",
                verbose_name="search text",
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(add_index, drop_index),
    ]
