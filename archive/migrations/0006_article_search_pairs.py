"""PostgreSQL: phrase search without reading word positions.

Checking a phrase against ``search_vector`` means reading each candidate's
whole positional vector, kilobytes from TOAST: 35 ms for a phrase found in
6,000 of 20,000 articles. ``archive_search_pairs(search_text)`` is the set of
pairs of consecutive stems ("a+b"), and a GIN index over it answers a two-word
phrase by itself, as one entry (4 ms). Nothing is stored beside the index: the
pairs are derived from ``search_text`` when a row is indexed.

The index covers published articles, what the public searches. Keeping it
costs a quarter of the loader's speed, so drafts (what the loader creates)
are left out and an article enters it when it is published. Searches that
include drafts (staff) check phrases by word positions, as before. See
``archive.search``.
"""

from django.db import migrations

CREATE_FUNCTION = """
CREATE FUNCTION archive_search_pairs(search_text text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
-- About 0.1 ms an article: priced so that the planner looks pairs up in the
-- index rather than deriving them for every published article.
COST 10000 AS $$
    SELECT array_to_tsvector(coalesce(array_agg(first || '+' || second), '{}'))
      FROM (SELECT string_to_array(search_text, ' ') AS stems) AS text,
           unnest(stems[1:cardinality(stems) - 1], stems[2:]) AS pair(first, second)
$$
"""


def add_pairs_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    schema_editor.execute(
        "CREATE INDEX archive_article_search_pairs_idx ON archive_article "
        "USING gin (archive_search_pairs(search_text)) WHERE status = 'published'"
    )


def drop_pairs_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX archive_article_search_pairs_idx")
    schema_editor.execute("DROP FUNCTION archive_search_pairs(text)")


class Migration(migrations.Migration):
    dependencies = [("archive", "0005_article_rank_vector")]

    operations = [migrations.RunPython(add_pairs_index, drop_pairs_index)]
