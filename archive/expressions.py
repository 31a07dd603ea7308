"""Database expressions that let a page of the API come back in one query: the
rows related to each row (an article's sources, its topics) gathered into JSON
by the database, on PostgreSQL and SQLite alike."""

from __future__ import annotations

from django.db.models import Aggregate, Func, TextField


class JSONArrayAgg(Aggregate):
    """The values of an expression over a group's rows, as a JSON array in text
    (decode it with orjson); NULL when the group has no rows. In no particular
    order: callers sort after decoding (SQLite before 3.44 cannot order inside
    an aggregate). ``distinct=True`` drops repeated values."""

    function = "json_group_array"
    allow_distinct = True
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, function="json_agg", **extra_context)
        return f"({sql})::text", params


class JSONTuple(Func):
    """Several columns of one row as a JSON array (an element of ``JSONArrayAgg``)."""

    function = "json_array"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="json_build_array", **extra_context)
