"""Arabic full-text search: ``Article.search_text`` (normalised stems, filled
here for existing rows) and, on PostgreSQL, a generated ``tsvector`` column over
it with a GIN index. See ``archive.search``."""

from django.db import migrations, models


def fill_search_text(apps, schema_editor):
    from archive.search import article_search_text

    Article = apps.get_model("archive", "Article")
    batch = []
    for article in Article.objects.only("id", "title", "summary", "body").iterator(chunk_size=500):
        article.search_text = article_search_text(article.title, article.summary, article.body)
        batch.append(article)
        if len(batch) >= 500:
            Article.objects.bulk_update(batch, ["search_text"])
            batch = []
    Article.objects.bulk_update(batch, ["search_text"])


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE archive_article ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX archive_article_search_vector_idx ON archive_article USING gin (search_vector)"
    )


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE archive_article DROP COLUMN search_vector")


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_text",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Normalised, stemmed words of title, summary and body (archive.search).",
                verbose_name="search text",
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(add_vector, drop_vector),
    ]
