"""The admin's text inputs: the direction of what is typed in them, right to
left for the fields that hold Arabic by design, nothing on fields of choices
or of other types."""

from __future__ import annotations

from django.contrib import admin

from archive.admin_display import TextDirectionMixin
from archive.models import Article


class ArticleAdmin(TextDirectionMixin, admin.ModelAdmin):
    rtl_fields = frozenset({"title"})


def direction(name: str) -> str | None:
    field = Article._meta.get_field(name)
    formfield = ArticleAdmin(Article, admin.site).formfield_for_dbfield(field, request=None)
    return formfield.widget.attrs.get("dir")


def test_arabic_by_design_reads_right_to_left_and_other_text_takes_what_is_typed():
    assert direction("title") == "rtl"
    assert direction("summary") == "auto"  # a text field not in rtl_fields
    assert direction("source_file") == "auto"


def test_choices_and_other_types_get_no_direction():
    assert direction("status") is None
    assert direction("published_on") is None


def test_the_article_admins_fields_are_rtl_on_its_page(editor_client):
    from tests import factories

    article = factories.article("نص المقال.")
    html = editor_client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert 'name="title"' in html
    title_input = html[html.index('name="title"') - 200 : html.index('name="title"') + 200]
    assert 'dir="rtl"' in title_input
