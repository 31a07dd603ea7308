"""The pairwise agreement figures as CSV (UTF-8 with a BOM, for spreadsheets)."""

from __future__ import annotations

from collections.abc import Iterator

from agreement.reports import PAIR_FIELDS, Report, pair_dict
from api.exports import csv_lines

PAIR_HEADER = [
    "scope",
    "assignment",
    "topic",
    "first",
    "second",
    "first_spans",
    "second_spans",
    *PAIR_FIELDS,
]


def pair_csv_lines(report: Report) -> Iterator[str]:
    """One line per pair of editors, topic (empty: every topic) and scope (an
    assignment's title, or ``all`` pooled over the report's assignments).
    Cells a spreadsheet would run as formulas are escaped by ``csv_lines``."""
    rows = (
        ["" if value is None else value for value in (pair_dict(row)[name] for name in PAIR_HEADER)]
        for row in report.pair_rows()
    )
    return csv_lines(PAIR_HEADER, rows)
