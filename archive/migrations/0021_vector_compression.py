"""PostgreSQL: compress the stored search vectors with lz4 instead of pglz.

``search_vector`` (migration 0002) is the longest column an article has,
longer than its body (4.3 kB on average against 2.6 kB), and was left with
pglz when 0003 moved the texts to lz4: inserting 1,000 articles took 1.5 to
1.9 times as long with it (``EXPLAIN ANALYZE`` of the insert). A server built
without lz4 keeps pglz.
"""

from django.db import migrations

from archive.column_compression import lz4_columns

COLUMNS = [
    ("archive_article", "search_vector"),
    ("archive_article", "rank_vector"),
]


class Migration(migrations.Migration):
    dependencies = [("archive", "0020_event_mention_permissions")]

    operations = [lz4_columns(COLUMNS)]
