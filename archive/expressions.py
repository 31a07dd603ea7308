"""Database expressions that let a page of the API come back in one query: the
rows related to each row (an article's sources, its topics) gathered into JSON
by the database, on PostgreSQL and SQLite alike."""

from __future__ import annotations

from django.db.models import Aggregate, Expression, Func, QuerySet, TextField


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


class PrecompiledNestedError(RuntimeError):
    """A precompiled expression compiled in a query other than the outermost
    one it was compiled for (a subquery, a combined query): its SQL names a
    table alias that query does not have, and would silently correlate to
    another row."""


class Precompiled(Expression):
    """SQL compiled once, reused as is (see ``annotate_precompiled``), in a
    query whose base table is ``alias`` (raises ``PrecompiledNestedError``
    in any other)."""

    def __init__(self, sql: str, params: tuple, output_field, alias: str):
        super().__init__(output_field=output_field)
        self.sql, self.params, self.alias = sql, tuple(params), alias

    def __repr__(self) -> str:
        return f"Precompiled({self.sql!r}, {self.params!r}, alias={self.alias!r})"

    def as_sql(self, compiler, connection):
        found = compiler.query.base_table
        if found != self.alias:
            raise PrecompiledNestedError(
                f"A precompiled expression (annotate_precompiled) names the table {self.alias!r} "
                f"but is compiled in a query on {found!r}: evaluate its queryset as the "
                "outermost query, never inside another (a subquery, __in, Exists, a union)."
            )
        return self.sql, self.params

    def get_group_by_cols(self):
        return []


def annotate_precompiled(queryset: QuerySet, **expressions) -> QuerySet:
    """``queryset.annotate(**expressions)``, with each expression compiled to SQL
    now rather than at every evaluation. For correlated subqueries on a queryset
    built once (``archive.curation.built_once``) and evaluated at every request:
    compiling three of them cost the ORM half a millisecond each time.

    The SQL names the outer table, so the queryset must be evaluated as the
    outermost query (never nested in another), as the API's list pages are:
    compiled anywhere else, the expression raises ``PrecompiledNestedError``.
    (Counting the queryset, or narrowing it by ids, is fine: neither compiles
    the expressions in another query.)"""
    probe = queryset.annotate(**expressions)
    compiler = probe.query.get_compiler(probe.db)
    compiled = {}
    for name in expressions:
        annotation = probe.query.annotations[name]
        sql, params = compiler.compile(annotation)
        compiled[name] = Precompiled(sql, params, annotation.output_field, probe.query.base_table)
    return queryset.annotate(**compiled)
