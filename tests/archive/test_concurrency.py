"""Optimistic concurrency: every save bumps ``version``, and a copy read before
someone else's save (or a delete) is refused, saying which, never written."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from django.utils import translation

from archive.concurrency import StaleVersion
from archive.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_save_bumps_the_version_even_with_update_fields():
    article = factories.article("نص المقال.")
    assert article.version == 1
    article.title = "عنوان"
    article.save()
    article.summary = "ملخص"
    article.save(update_fields=["summary"])
    assert article.version == 3
    assert Article.objects.get(pk=article.pk).version == 3


def test_a_copy_read_before_another_save_is_refused_and_writes_nothing():
    article = factories.article("نص المقال.")
    mine, theirs = Article.objects.get(pk=article.pk), Article.objects.get(pk=article.pk)
    theirs.title = "عنوانهم"
    theirs.save()
    mine.title = "عنواني"
    with translation.override("en"), pytest.raises(StaleVersion) as error:
        with transaction.atomic():
            mine.save()
    assert str(error.value) == (
        "This article was changed by someone else since it was read "
        "(version 1, now 2); reload it and make the change again."
    )
    assert (error.value.expected, error.value.current, error.value.pk) == (1, 2, article.pk)
    assert isinstance(error.value, DatabaseError)
    assert mine.version == 1  # the refused copy keeps the version it was read at
    assert Article.objects.get(pk=article.pk).title == "عنوانهم"


def test_a_copy_of_a_deleted_row_is_not_revived():
    article = factories.article("نص المقال.")
    copy = Article.objects.get(pk=article.pk)
    Article.objects.filter(pk=article.pk).delete()
    with translation.override("en"), pytest.raises(StaleVersion) as error:
        with transaction.atomic():
            copy.save()
    assert error.value.message == "This article was deleted since it was read."
    assert error.value.current is None
    assert not Article.objects.filter(pk=article.pk).exists()
