"""Counts the public reads on every list page, kept by the database itself.

``SourceTally`` (published articles per source) and ``annotations.TopicTally``
(approved annotations on published articles per topic) are maintained by
triggers, on PostgreSQL and SQLite alike, so that every write path (the
services, the loader's bulk inserts, ``QuerySet.update``, a shell) keeps them
right in the same transaction. ``fill_*`` recomputes them from scratch (the
migrations call it, and so does a test after every kind of change).

Django's deletes remove an article's source links and annotations before the
article itself, so deleting is counted by the link and annotation triggers.

The triggers are not created by a migration: on SQLite a later migration that
rebuilds one of these tables would drop or break them. Instead they are
dropped before every ``migrate`` and created anew after it, and the tallies
recounted from the rows (``archive.apps``): a migrate costs one grouped count.
"""

from __future__ import annotations

from archive import curation

PUBLISHED = f"'{curation.PUBLISHED}'"  # the public's sets (archive.curation)
APPROVED = f"'{curation.APPROVED}'"


def _published(article: str) -> str:
    return f"EXISTS (SELECT 1 FROM archive_article a WHERE a.id = {article} AND a.status = {PUBLISHED})"


def _other_link(row: str) -> str:
    """Another link of the same article to the same source (each article counts once)."""
    return (
        "EXISTS (SELECT 1 FROM archive_articlesource l WHERE l.article_id = "
        f"{row}.article_id AND l.source_id = {row}.source_id AND l.id <> {row}.id)"
    )


SOURCE_UPSERT = (
    "INSERT INTO archive_sourcetally (source_id, published_articles) {rows} "
    "ON CONFLICT (source_id) DO UPDATE SET "
    "published_articles = archive_sourcetally.published_articles + excluded.published_articles"
)
TOPIC_UPSERT = (
    "INSERT INTO annotations_topictally (topic_id, curated) {rows} "
    "ON CONFLICT (topic_id) DO UPDATE SET "
    "curated = annotations_topictally.curated + excluded.curated"
)


def _source_link_change(row: str, sign: int) -> str:
    return SOURCE_UPSERT.format(
        rows=f"SELECT {row}.source_id, {sign} WHERE {_published(f'{row}.article_id')} "
        f"AND NOT {_other_link(row)}"
    )


def _source_article_change(row: str) -> str:
    delta = f"(CASE WHEN {row}.status = {PUBLISHED} THEN 1 ELSE -1 END)"
    return SOURCE_UPSERT.format(
        rows=f"SELECT DISTINCT source_id, {delta} FROM archive_articlesource "
        f"WHERE article_id = {row}.id"
    )


def _topic_annotation_change(row: str, sign: int) -> str:
    return TOPIC_UPSERT.format(
        rows=f"SELECT {row}.topic_id, {sign} WHERE {row}.status = {APPROVED} "
        f"AND {_published(f'{row}.article_id')}"
    )


def _topic_article_change(row: str) -> str:
    delta = f"(CASE WHEN {row}.status = {PUBLISHED} THEN 1 ELSE -1 END)"
    return TOPIC_UPSERT.format(
        rows=f"SELECT topic_id, {delta} * count(*) FROM annotations_annotation "
        f"WHERE article_id = {row}.id AND status = {APPROVED} GROUP BY topic_id"
    )


STATUS_FLIPS = f"(OLD.status = {PUBLISHED}) <> (NEW.status = {PUBLISHED})"


def _triggers(
    table: str, name: str, *, on_delete: str, on_insert: str, watched: str, article_change: str
) -> dict[str, list[str]]:
    """The same trigger bodies in each database's dialect."""
    postgresql = [
        f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN {on_delete}; END IF;
          IF TG_OP <> 'DELETE' THEN {on_insert}; END IF;
          RETURN NULL;
        END $$""",
        f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR UPDATE OF {watched} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {name}()",
        f"""CREATE FUNCTION {name}_article() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF {STATUS_FLIPS} THEN {article_change}; END IF;
          RETURN NULL;
        END $$""",
        f"CREATE TRIGGER {name}_article AFTER UPDATE OF status ON archive_article "
        f"FOR EACH ROW EXECUTE FUNCTION {name}_article()",
    ]
    sqlite = [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {on_insert}; END",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {on_delete}; END",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {watched} ON {table} "
        f"BEGIN {on_delete}; {on_insert}; END",
        f"CREATE TRIGGER {name}_article AFTER UPDATE OF status ON archive_article "
        f"WHEN {STATUS_FLIPS} BEGIN {article_change}; END",
    ]
    drop = {
        "postgresql": [
            f"DROP TRIGGER IF EXISTS {name}_article ON archive_article",
            f"DROP FUNCTION IF EXISTS {name}_article()",
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"DROP FUNCTION IF EXISTS {name}()",
        ],
        "sqlite": [
            f"DROP TRIGGER IF EXISTS {name}_{suffix}"
            for suffix in ("insert", "delete", "update", "article")
        ],
    }
    return {"postgresql": postgresql, "sqlite": sqlite, "drop": drop}


# PostgreSQL fires row triggers at the end of the statement, when every row
# of a multi-row delete is already gone: "no other link of this article to
# this source" cannot be asked row by row there. Its source-link triggers are
# per statement instead, over the transition tables: for each (article,
# source) pair touched, the article counts once if it has a link now and
# did not before (+1), or had one before and has none now (-1).
_NO_ROWS = "(SELECT NULL::bigint AS article_id, NULL::bigint AS source_id WHERE false)"


def _pairs_delta(new: str, old: str) -> str:
    def links(table: str) -> str:
        return (
            f"(SELECT count(*) FROM {table} r WHERE r.article_id = k.article_id "
            "AND r.source_id = k.source_id)"
        )

    after = "CASE WHEN p.now_n > 0 THEN 1 ELSE 0 END"
    before = "CASE WHEN p.now_n - p.new_n + p.old_n > 0 THEN 1 ELSE 0 END"
    return SOURCE_UPSERT.format(
        rows=(
            f"SELECT p.source_id, sum({after} - {before}) FROM ("
            f"SELECT k.source_id, {links('archive_articlesource')} AS now_n, "
            f"{links(new)} AS new_n, {links(old)} AS old_n FROM ("
            f"SELECT article_id, source_id FROM {new} n UNION "
            f"SELECT article_id, source_id FROM {old} o) k "
            f"JOIN archive_article a ON a.id = k.article_id AND a.status = {PUBLISHED}"
            f") p WHERE true GROUP BY p.source_id HAVING sum({after} - {before}) <> 0"
        )
    )


def _postgresql_link_statement_triggers() -> list[str]:
    statements = []
    for op, referencing, new, old in [
        ("INSERT", "NEW TABLE AS new_rows", "new_rows", _NO_ROWS),
        ("DELETE", "OLD TABLE AS old_rows", _NO_ROWS, "old_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "new_rows", "old_rows"),
    ]:
        name = f"archive_source_tally_{op.lower()}"
        statements += [
            f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN {_pairs_delta(new, old)}; RETURN NULL; END $$""",
            f"CREATE TRIGGER {name} AFTER {op} ON archive_articlesource "
            f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    return statements


SOURCE_TRIGGERS = _triggers(
    "archive_articlesource",
    "archive_source_tally",
    on_delete=_source_link_change("OLD", -1),
    on_insert=_source_link_change("NEW", 1),
    watched="article_id, source_id",
    article_change=_source_article_change("NEW"),
)
# On PostgreSQL the link triggers are the statement-level ones above; the
# article trigger stays per row.
SOURCE_TRIGGERS["postgresql"] = (
    _postgresql_link_statement_triggers() + SOURCE_TRIGGERS["postgresql"][2:]
)
SOURCE_TRIGGERS["drop"]["postgresql"] += [
    statement
    for op in ("insert", "delete", "update")
    for statement in (
        f"DROP TRIGGER IF EXISTS archive_source_tally_{op} ON archive_articlesource",
        f"DROP FUNCTION IF EXISTS archive_source_tally_{op}()",
    )
]

TOPIC_TRIGGERS = _triggers(
    "annotations_annotation",
    "annotations_topic_tally",
    on_delete=_topic_annotation_change("OLD", -1),
    on_insert=_topic_annotation_change("NEW", 1),
    watched="status, topic_id, article_id",
    article_change=_topic_article_change("NEW"),
)

FILL_SOURCES = [
    "DELETE FROM archive_sourcetally",
    "INSERT INTO archive_sourcetally (source_id, published_articles) "
    "SELECT l.source_id, count(DISTINCT l.article_id) FROM archive_articlesource l "
    f"JOIN archive_article a ON a.id = l.article_id WHERE a.status = {PUBLISHED} "
    "GROUP BY l.source_id",
]
FILL_TOPICS = [
    "DELETE FROM annotations_topictally",
    "INSERT INTO annotations_topictally (topic_id, curated) "
    "SELECT n.topic_id, count(*) FROM annotations_annotation n "
    f"JOIN archive_article a ON a.id = n.article_id WHERE a.status = {PUBLISHED} "
    f"AND n.status = {APPROVED} GROUP BY n.topic_id",
]


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


TABLES = {
    "archive_article",
    "archive_articlesource",
    "archive_sourcetally",
    "annotations_annotation",
    "annotations_topictally",
}


def drop(connection) -> None:
    """Remove the triggers (before a migrate rebuilds the tables)."""
    for triggers in (SOURCE_TRIGGERS, TOPIC_TRIGGERS):
        _run(connection, triggers["drop"][connection.vendor])


def install(connection) -> bool:
    """Create the triggers and recount the tallies, when the tables exist."""
    if not TABLES <= set(connection.introspection.table_names()):
        return False
    drop(connection)
    for triggers in (SOURCE_TRIGGERS, TOPIC_TRIGGERS):
        _run(connection, triggers[connection.vendor])
    refill(connection)
    return True


def refill(connection) -> None:
    """Recompute both tallies from the rows (after a restore, say)."""
    _run(connection, FILL_SOURCES + FILL_TOPICS)
