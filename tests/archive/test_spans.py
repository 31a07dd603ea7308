"""The registry of passage kinds re-anchored when a body changes, and the one
check every passage's offsets and quote pass."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from archive.spans import (
    check_quote,
    register_span_kind,
    span_kind_registered,
    span_kinds,
    unregister_span_kind,
)

BODY = "وقّع غولر مذكرة تفاهم"


class Kind:
    def __init__(self, name):
        self.name = name

    def spans(self, article):
        return []

    def apply(self, article, placements, user, old_body):
        pass


def names():
    return [kind.name for kind in span_kinds()]


def test_the_apps_register_their_kinds_at_start():
    # archive's own (events' evidence) first: its AppConfig is the first installed.
    assert names() == ["event_mentions", "annotations", "mentions"]


def test_a_kind_registered_for_a_block_is_gone_after_it():
    before = names()
    with span_kind_registered(Kind("probe")) as kind:
        assert names() == [*before, "probe"]
        assert kind.name == "probe"
    assert names() == before


def test_registering_a_name_again_replaces_it_in_its_place():
    first, second = Kind("probe"), Kind("probe")
    try:
        assert register_span_kind(first) is first
        register_span_kind(Kind("other-probe"))
        register_span_kind(second)
        kinds = span_kinds()
        assert [k.name for k in kinds][-2:] == ["probe", "other-probe"]
        assert kinds[-2] is second
    finally:
        unregister_span_kind("probe")
        unregister_span_kind("other-probe")
    unregister_span_kind("never-registered")  # no error


def test_a_block_restores_the_kind_it_shadowed():
    original = Kind("probe")
    register_span_kind(original)
    try:
        with span_kind_registered(Kind("probe")):
            assert span_kinds()[-1] is not original
        assert span_kinds()[-1] is original
    finally:
        unregister_span_kind("probe")


def test_a_quote_matching_the_body_passes():
    start = BODY.index("مذكرة")
    check_quote(BODY, start, start + len("مذكرة تفاهم"), "مذكرة تفاهم")
    check_quote(BODY, 0, 4, "وقّع")  # the shadda is a code point of its own


@pytest.mark.parametrize(
    ("start", "end", "quote", "field", "message"),
    [
        (-1, 3, "وقّ", "start", "The start offset cannot be negative."),
        (3, 3, "", "end", "The end offset must be greater than the start offset."),
        (0, 99, BODY, "end", "The end offset 99 is past the end of the body (21 characters)."),
        (
            0,
            3,
            "وقع",
            "quote",
            "The quote does not match the article text at 0–3: the text there is “وقّ”.",
        ),
    ],
)
def test_bad_offsets_or_quote_say_which_field_and_why(start, end, quote, field, message):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            check_quote(BODY, start, end, quote)
        assert error.value.message_dict == {field: [message]}
