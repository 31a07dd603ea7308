"""PostgreSQL: a search's best matches without ranking every match.

Ranking reads each match's ``rank_vector`` (migration 0011), so a search costs
what its matches cost: 61 ms for a word in 30,000 of 200,000 articles, 140 ms
for two words in most of them. ``archive_rank_keys(rank_terms)`` is each stem
of ``rank_terms`` once, tagged with the best group it is in: ``a+stem`` (the
title), ``b+stem`` (summary, lede or recurring), ``c+stem`` (named twice). A GIN
index over it finds the articles whose headline names the terms, then those
whose lede or body keeps coming back to them, and so on, each group by
itself: a page of results reads the rows of the groups it shows, not every
match (``archive.search.ranked_page``).

Like the phrase index (migration 0006), it covers published articles only, so
that loading (which creates drafts) does not pay for it; nothing is stored
beside the index.
"""

from django.db import migrations

CREATE_FUNCTION = """
CREATE FUNCTION archive_rank_keys(rank_terms text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
-- About 0.1 ms an article: priced so that the planner looks keys up in the
-- index rather than deriving them for every published article.
COST 10000 AS $$
    SELECT array_to_tsvector(coalesce(array_agg(tier || '+' || stem), '{}'))
      FROM (SELECT DISTINCT ON (stem) stem, chr(96 + grp::int) AS tier
              FROM unnest(string_to_array(rank_terms, '|')) WITH ORDINALITY AS g(terms, grp),
                   unnest(string_to_array(terms, ' ')) AS stem
             WHERE stem <> ''
             ORDER BY stem, grp) AS best
$$
"""


def add_rank_keys_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    schema_editor.execute(
        "CREATE INDEX archive_article_rank_keys_idx ON archive_article "
        "USING gin (archive_rank_keys(rank_terms)) WHERE status = 'published'"
    )


def drop_rank_keys_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX archive_article_rank_keys_idx")
    schema_editor.execute("DROP FUNCTION archive_rank_keys(text)")


class Migration(migrations.Migration):
    dependencies = [("archive", "0022_storyband_no_constraint")]

    operations = [migrations.RunPython(add_rank_keys_index, drop_rank_keys_index)]
