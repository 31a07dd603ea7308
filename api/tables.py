"""A resource's CSV columns, derived from its serializer: the one declaration of
its fields, which the list, the detail, the schema and the JSON Lines export
already write. A CSV row is the API's record laid flat, so its values are the
API's own (instants in UTC with ``Z``, URLs with their trailing slash) and a
field added to the serializer reaches the CSV with no second list to edit.

Scalars are written as they are, lists of scalars joined with ", ". A nested
object or a list of objects has no one flat form: its serializer says how, in
``Meta.csv_columns`` (``{field: [(column, cell), ...]}``, ``cell`` taking the
field's value); one it forgets is refused when a row meets it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from api.exports import csv_lines

Cell = Callable[[Any], Any]


def nested(name: str, serializer_class) -> list[tuple[str, Cell]]:
    """One column per field of the object ``name`` holds (``name_field``),
    empty when it is null."""
    return [
        (f"{name}_{key}", lambda value, key=key: None if value is None else value[key])
        for key in serializer_class().fields
    ]


def _plain(name: str) -> Cell:
    def cell(value):
        if isinstance(value, dict) or (
            isinstance(value, list) and any(isinstance(item, dict | list) for item in value)
        ):
            raise TypeError(f"{name}: say in Meta.csv_columns how a CSV writes it")
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return value

    return cell


def columns(serializer, *, extra: Sequence[str] = ()) -> list[tuple[str, str, Cell]]:
    """``(column, field, cell)`` for each CSV column of ``serializer`` (an
    instance, so that fields shown on request are as the request asks), in
    the order of its fields, then a plain column for each of ``extra`` (what
    an export adds to the list's record)."""
    declared = getattr(serializer.Meta, "csv_columns", {})
    found = []
    for name in [*serializer.fields, *extra]:
        for column, cell in declared.get(name, [(name, _plain(name))]):
            found.append((column, name, cell))
    return found


def header(table: Sequence[tuple[str, str, Cell]]) -> list[str]:
    return [column for column, _field, _cell in table]


def csv_of(records: Iterable[dict], table: Sequence[tuple[str, str, Cell]]) -> Iterator[str]:
    """The CSV of ``records`` (the serializer's): a column per ``table`` entry,
    null as an empty cell."""

    def rows():
        for record in records:
            row = [cell(record[field]) for _column, field, cell in table]
            yield [("" if value is None else value) for value in row]

    return csv_lines(header(table), rows())
