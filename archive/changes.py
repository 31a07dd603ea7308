"""The change log behind ``/api/v1/changes/``: one ``Change`` row per change of
a curated resource, per audience, written by database triggers in the same
transaction as the change, so that every write path (the services, the admin,
the loader's bulk inserts and COPY, ``QuerySet.update``, the tallies'
triggers, a shell) is logged.

Two audiences, two logs:

- ``staff``: everything (staff see every article and annotation): a row
  inserted is ``created``, updated ``updated``, deleted ``deleted``.
- ``public``: the curated set. A row the public may see (``Tracked.public``)
  is ``created`` when it enters the set (inserted visible, an article
  published, an annotation approved on a published article, a source's first
  published article), ``updated`` while it stays, ``deleted`` when it leaves
  (deleted, an article unpublished, an annotation rejected or reopened).

A resource is registered once (``register``) with its table, its API key and
what makes it public; ``Membership`` says which other table's changes move
its rows in or out of the public set. The triggers are made from the
registry, for PostgreSQL and SQLite alike; like the tallies' they are
dropped before every ``migrate`` and created after it (``archive.apps``).

On PostgreSQL a transaction that logs a change takes an advisory lock until
it commits, so change ids are handed out in commit order: a reader that has
seen change *n* will never later find a change below *n* appear.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PUBLIC = "public"
STAFF = "staff"
AUDIENCES = (PUBLIC, STAFF)
CREATED, UPDATED, DELETED = "created", "updated", "deleted"
KINDS = (CREATED, UPDATED, DELETED)

TABLE = "archive_change"
LOCK_KEY = 7_315_015  # the advisory lock the change-writing transactions take (PostgreSQL)


@dataclass(frozen=True)
class Membership:
    """Rows of a tracked resource that enter or leave the public set when a
    row of another ``table`` changes: those ``rows`` selects (SQL after
    ``SELECT``'s columns: ``FROM … t WHERE …``, with ``{row}`` the changed row
    and ``t`` the resource's table), public before when ``was`` holds of the
    old row and after when ``now`` holds of the new one."""

    table: str
    rows: str
    was: str
    now: str


@dataclass(frozen=True)
class Tracked:
    """A curated resource in the changes feed."""

    resource: str  # as the feed names it: "article"
    table: str
    url_name: str  # the API's detail view
    key: str = "id"  # the column the API's URLs use (id or slug)
    public: str | None = None  # SQL on ``{row}``: the public sees it (None: always)
    memberships: tuple[Membership, ...] = field(default=())

    def public_sql(self, row: str) -> str:
        return "1 = 1" if self.public is None else f"({self.public.format(row=row)})"


_REGISTRY: dict[str, Tracked] = {}


def register(tracked: Tracked) -> None:
    """Add a resource to the feed (apps call it from ``AppConfig.ready``)."""
    _REGISTRY[tracked.resource] = tracked


def tracked_resources() -> list[Tracked]:
    return list(_REGISTRY.values())


def tracked(resource: str) -> Tracked:
    return _REGISTRY[resource]


# --- the triggers -------------------------------------------------------------

_NOW = {"postgresql": "now()", "sqlite": "strftime('%Y-%m-%d %H:%M:%f', 'now')"}


def _emit(vendor: str, audience: str, resource: str, row: str, key: str, kind, where: str) -> str:
    """One statement logging a change of ``row`` (or of the rows ``row``
    names, when it starts with FROM) when ``where`` holds."""
    kind_sql = kind if kind.startswith("CASE") else f"'{kind}'"
    if row.startswith("FROM"):
        source, id_sql, key_sql = row, "t.id", f"CAST(t.{key} AS TEXT)"
        where_sql = f"AND ({where})"
    else:
        source, id_sql, key_sql = "", f"{row}.id", f"CAST({row}.{key} AS TEXT)"
        where_sql = f"WHERE {where}"
    return (
        f'INSERT INTO {TABLE} (audience, resource, object_id, "key", kind, "at") '
        f"SELECT '{audience}', '{resource}', {id_sql}, {key_sql}, {kind_sql}, {_NOW[vendor]} "
        f"{source} {where_sql}"
    )


def _row_statements(vendor: str, t: Tracked) -> dict[str, list[str]]:
    """Per operation, the statements logging a change of a row of ``t.table``."""
    statements: dict[str, list[str]] = {"INSERT": [], "UPDATE": [], "DELETE": []}
    key_moved = None if t.key == "id" else f"OLD.{t.key} <> NEW.{t.key}"
    for audience in AUDIENCES:

        def emit(row, kind, where, audience=audience):
            return _emit(vendor, audience, t.resource, row, t.key, kind, where)

        if audience == STAFF or t.public is None:  # every row is visible
            statements["INSERT"].append(emit("NEW", CREATED, "1 = 1"))
            if key_moved is None:
                statements["UPDATE"].append(emit("NEW", UPDATED, "1 = 1"))
            else:  # a new slug is a new URL: the old one is gone
                statements["UPDATE"] += [
                    emit("OLD", DELETED, key_moved),
                    emit("NEW", UPDATED, f"NOT ({key_moved})"),
                    emit("NEW", CREATED, key_moved),
                ]
            statements["DELETE"].append(emit("OLD", DELETED, "1 = 1"))
            continue
        was, now = t.public_sql("OLD"), t.public_sql("NEW")
        moved = "" if key_moved is None else f" OR {key_moved}"
        stays = "" if key_moved is None else f" AND NOT ({key_moved})"
        statements["INSERT"].append(emit("NEW", CREATED, now))
        statements["UPDATE"] += [
            emit("OLD", DELETED, f"{was} AND (NOT {now}{moved})"),
            emit("NEW", UPDATED, f"{was} AND {now}{stays}"),
            emit("NEW", CREATED, f"{now} AND (NOT {was}{moved})"),
        ]
        statements["DELETE"].append(emit("OLD", DELETED, was))
    return statements


def _membership_statements(vendor: str, t: Tracked, m: Membership) -> dict[str, list[str]]:
    """Per operation on ``m.table``, the statements logging ``t``'s rows
    entering (``created``) or leaving (``deleted``) the public set."""

    def moved(row: str, was: str, now: str) -> str:
        kind = f"CASE WHEN {now} THEN '{CREATED}' ELSE '{DELETED}' END"
        rows = m.rows.format(row=row)
        return _emit(vendor, PUBLIC, t.resource, rows, t.key, kind, f"({was}) <> ({now})")

    was = m.was.format(row="OLD")
    now = m.now.format(row="NEW")
    return {
        "INSERT": [moved("NEW", "1 = 0", now)],
        "UPDATE": [moved("NEW", was, now)],
        "DELETE": [moved("OLD", was, "1 = 0")],
    }


def _triggers() -> list[tuple[str, str, dict[str, list[str]]]]:
    """(name, table, statements per operation) for every trigger, per vendor
    (the statements are the same SQL in both dialects)."""
    out = []
    for t in tracked_resources():
        out.append((f"change_log_{t.table}", t.table, t))
        for n, m in enumerate(t.memberships):
            out.append((f"change_log_{t.table}_m{n}", m.table, (t, m)))
    return out


def _statements(vendor: str, what) -> dict[str, list[str]]:
    if isinstance(what, Tracked):
        return _row_statements(vendor, what)
    return _membership_statements(vendor, *what)


def create_sql(vendor: str) -> list[str]:
    statements = []
    for name, table, what in _triggers():
        per_op = _statements(vendor, what)
        if vendor == "postgresql":
            body = "\n".join(
                f"IF TG_OP = '{op}' THEN {'; '.join(sql)}; END IF;" for op, sql in per_op.items()
            )
            statements += [
                f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  PERFORM pg_advisory_xact_lock({LOCK_KEY});
                  {body}
                  RETURN NULL;
                END $$""",
                f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()",
            ]
        else:
            for op, sql in per_op.items():
                statements.append(
                    f"CREATE TRIGGER {name}_{op.lower()} AFTER {op} ON {table} "
                    f"BEGIN {'; '.join(sql)}; END"
                )
    return statements


def drop_sql(vendor: str, tables: set[str] | None = None) -> list[str]:
    """Drop every trigger (on the ``tables`` that exist, when given)."""
    statements = []
    for name, table, _what in _triggers():
        if tables is not None and table not in tables:
            continue
        if vendor == "postgresql":
            statements += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"DROP FUNCTION IF EXISTS {name}()",
            ]
        else:
            statements += [
                f"DROP TRIGGER IF EXISTS {name}_{op}" for op in ("insert", "update", "delete")
            ]
    return statements


def _tables() -> set[str]:
    tables = {TABLE}
    for t in tracked_resources():
        tables.add(t.table)
        tables.update(m.table for m in t.memberships)
    return tables


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop(connection) -> None:
    """Remove the triggers (before a migrate rebuilds the tables)."""
    _run(connection, drop_sql(connection.vendor, set(connection.introspection.table_names())))


def install(connection) -> bool:
    """Create the triggers, when every table they touch exists."""
    if not _tables() <= set(connection.introspection.table_names()):
        return False
    _run(connection, drop_sql(connection.vendor) + create_sql(connection.vendor))
    return True


# --- reading and pruning -------------------------------------------------------


def prune(before, *, dry_run: bool = False) -> int:
    """Delete the changes logged before ``before`` (tombstones included),
    keeping each audience's newest row: the cursor of a mirror that is up to
    date stays valid however long nothing changes. Returns how many."""
    from archive.models import Change

    newest = [
        pk
        for audience in AUDIENCES
        for pk in Change.objects.filter(audience=audience)
        .order_by("-id")
        .values_list("id", flat=True)[:1]
    ]
    old = Change.objects.filter(at__lt=before).exclude(id__in=newest)
    if dry_run:
        return old.count()
    deleted, _ = old.delete()
    return deleted
