"""Search ranking that reaches past the lede.

``rank_terms`` (``archive.search.article_search_fields``) holds three groups of
stems: the title (weight A); the summary, the lede and the body's stems that
occur three times or more (B); those that occur twice (C). On PostgreSQL
``rank_vector`` becomes those groups with their weights, replacing the unweighted
opening of ``search_text`` (migration 0005): an article that keeps coming back
to the terms deep in its body no longer ranks 0 beside one that names them once.
"""

from django.db import migrations, models

WEIGHTED = (
    "setweight(to_tsvector('simple'::regconfig, split_part(rank_terms, '|', 1)), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, split_part(rank_terms, '|', 2)), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, split_part(rank_terms, '|', 3)), 'C')"
)
OPENING = "strip(to_tsvector('simple'::regconfig, left(search_text, 300)))"


def fill_rank_terms(apps, schema_editor):
    from archive.search import article_search_fields

    Article = apps.get_model("archive", "Article")
    batch = []
    for article in Article.objects.only("id", "title", "summary", "body").iterator(chunk_size=500):
        article.rank_terms = article_search_fields(article.title, article.summary, article.body)[1]
        batch.append(article)
        if len(batch) == 500:
            Article.objects.bulk_update(batch, ["rank_terms"])
            batch = []
    Article.objects.bulk_update(batch, ["rank_terms"])


def _rank_vector(schema_editor, expression: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE archive_article DROP COLUMN rank_vector")
    schema_editor.execute(
        "ALTER TABLE archive_article ADD COLUMN rank_vector tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED"
    )


def weighted(apps, schema_editor):
    _rank_vector(schema_editor, WEIGHTED)


def opening(apps, schema_editor):
    _rank_vector(schema_editor, OPENING)


class Migration(migrations.Migration):
    dependencies = [("archive", "0010_updated_at_index")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="rank_terms",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="The stems that rank the article in a search: title | lede | body (archive.search).",
                verbose_name="rank terms",
            ),
        ),
        migrations.RunPython(fill_rank_terms, migrations.RunPython.noop),
        migrations.RunPython(weighted, opening),
    ]
