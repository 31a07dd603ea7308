"""Test-only shim: hypothesis-jsonschema 0.23.1 (pulled in by schemathesis 3.x)
drives ``hypothesis.internal.conjecture.utils.many`` through its old
``while elements.more(): … elements.reject()`` API, which the locked Hypothesis
(6.170) replaced by a context manager. Every object schema, and so every
operation with query parameters, fails with "'many' object has no attribute
'more'". This gives hypothesis-jsonschema the old API (without span
bookkeeping, which only helps shrinking). Drop it once the lock pins a
compatible pair."""

from __future__ import annotations

from hypothesis.internal.conjecture import utils as conjecture_utils


class LegacyMany:
    def __init__(self, data, min_size, max_size, average_size, **_):
        self.data = data
        self.min_size = min_size
        self.max_size = max_size
        self.p_continue = conjecture_utils._calc_p_continue(
            average_size - min_size, max_size - min_size
        )
        self.count = 0
        self.rejections = 0
        self.force_stop = False

    def more(self) -> bool:
        if self.min_size == self.max_size:
            go = self.count < self.min_size
        else:
            forced = None
            if self.force_stop:
                forced = False
            elif self.count < self.min_size:
                forced = True
            elif self.count >= self.max_size:
                forced = False
            go = self.data.draw_boolean(self.p_continue, forced=forced)
        if go:
            self.count += 1
        return go

    def reject(self, why=None) -> None:
        self.count -= 1
        self.rejections += 1
        if self.rejections > max(3, 2 * self.count):
            if self.count < self.min_size:
                self.data.mark_invalid(why)
            else:
                self.force_stop = True


def install() -> None:
    from hypothesis_jsonschema import _from_schema

    if not hasattr(conjecture_utils.many, "more"):

        class _Utils:
            def __getattr__(self, name):
                return getattr(conjecture_utils, name)

            many = LegacyMany

        _from_schema.cu = _Utils()
