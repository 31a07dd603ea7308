"""The newsroom log's template filters (``annotations.templatetags.newsroom_history``):
who did it, what they did, and each field's label and value as an editor reads
them (choices by name, relations by their text, nothing as "—")."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import annotation_set_status, annotation_update
from annotations.templatetags.newsroom_history import (
    history_label,
    history_value,
    history_verb,
    history_who,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def records(emoji_article, make_annotation, editor):
    editor.first_name, editor.last_name = "Amal", "Haddad"
    editor.save()
    annotation = make_annotation(emoji_article, "مذكرة تفاهم", created_by=editor)
    annotation = annotation_update(annotation, by=editor, note="تفاهم عسكري")
    annotation_set_status(annotation, status=Annotation.Status.REJECTED, by=SYSTEM)
    created, edited, rejected = annotation.history.order_by("history_id")
    return created, edited, rejected


def test_who_and_what(records):
    created, edited, rejected = records
    assert (history_who(created), history_verb(created)) == ("the system", "Created")
    assert (history_who(edited), history_verb(edited)) == ("Amal Haddad", "Changed")
    assert history_who(rejected) == "the system"


def test_each_value_as_an_editor_reads_it(records):
    created, edited, rejected = records
    assert history_value(created, "status") == "draft"  # a choice by its name
    assert history_value(rejected, "status") == "rejected"
    assert history_value(edited, "note") == "تفاهم عسكري"
    assert history_value(created, "topic") == "مذكرة التفاهم للتدريب / Training MoU"
    assert history_value(created, "note") == "—"  # empty
    assert history_value(created, "reviewed_by") == "—"  # no one
    assert history_value(created, "flagged") == "no"
    assert history_value(created, "quote") == "مذكرة تفاهم"


def test_each_label_from_the_model_or_the_name_as_given(records):
    created, _edited, _rejected = records
    assert history_label(created, "reviewed_by") == "Reviewed by"
    assert history_label(created, "start") == "Start"
    assert history_label(created, "no_such_field") == "no_such_field"


def test_the_filters_load_in_a_template(records):
    _created, edited, _rejected = records
    rendered = Template(
        "{% load newsroom_history %}{{ r|history_who }}: {{ r|history_verb }}, "
        "{{ r|history_label:'status' }} {{ r|history_value:'status' }}"
    ).render(Context({"r": edited}))
    assert rendered == "Amal Haddad: Changed, Status draft"
