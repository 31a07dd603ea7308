"""``manage.py suggest_annotations``: keyword suggestions for every article
or one, created once, reported in a sentence."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from annotations.models import Annotation

pytestmark = pytest.mark.django_db


def test_command_creates_suggestions_once(loaded_seeds, topics, capsys):
    call_command("suggest_annotations")
    first = set(Annotation.objects.values_list("article_id", "topic_id", "start", "end"))
    call_command("suggest_annotations")

    assert Annotation.objects.count() == len(first) == 38
    assert set(Annotation.objects.values_list("status", flat=True)) == {"suggested"}
    assert set(Annotation.objects.values_list("created_by", flat=True)) == {None}
    output = capsys.readouterr().out
    assert "5 article(s): 38 suggestion(s) created, 0 already there." in output
    assert "5 article(s): 0 suggestion(s) created, 38 already there." in output
    for annotation in Annotation.objects.select_related("article"):
        assert annotation.article.body[annotation.start : annotation.end] == annotation.quote


def test_command_for_one_article(loaded_seeds, topics):
    article = loaded_seeds["003"]
    call_command("suggest_annotations", "--article", str(article.pk), verbosity=0)

    assert list(Annotation.objects.values_list("article_id", flat=True).order_by().distinct()) == [
        article.pk
    ]
    assert Annotation.objects.filter(topic__slug="counter-terrorism").count() == 3
