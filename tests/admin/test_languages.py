"""The admin in Arabic (default, right-to-left) and English, switchable."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_admin_is_arabic_and_rtl_by_default(editor, loaded_seeds):
    client = factories.client(editor, language=None)

    html = client.get("/admin/archive/article/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "أرشيف الأخبار العربية" in html  # the project's own label
    assert "يحتاج إلى تاريخ" in html  # the "needs a date" filter
    assert "تغيير" in html or "اختر" in html  # Django's own Arabic


def test_editor_switches_to_english_and_article_text_stays_rtl(editor, loaded_seeds):
    client = factories.client(editor, language=None)

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/admin/archive/article/"})
    assert response.status_code == 302
    html = client.get(f"/admin/archive/article/{loaded_seeds['000'].pk}/change/").content.decode()

    assert '<html lang="en" dir="ltr">' in html
    assert "Arabic news archive" in html
    assert 'class="annotator__text" dir="rtl" lang="ar"' in html
    assert 'name="language" value="ar" lang="ar">العربيّة</button>' in html


@pytest.mark.parametrize(
    ("url", "labels"),
    [
        (
            "/admin/archive/event/timeline/",
            ["الخط الزمني للأحداث", "كل الجهات الفاعلة", "فقط حيث تتعارض الروايات"],
        ),
        (
            "/admin/archive/eventmention/",
            [
                "الإشارات إلى الأحداث",
                "المفاتيح: j / k للتنقل بين الاقتراحات",
                "قبول الإشارات المحددة",
            ],
        ),
        ("/admin/archive/story/", ["القصص الإخبارية", "دمج القصص الإخبارية المحددة"]),
        ("/admin/archive/importrecord/add/", ["رفع مقالات", "تشغيل تجريبي", "الرفع والتحميل"]),
        ("/admin/actors/actor/", ["الجهات الفاعلة", "دمج جهتين فاعلتين محددتين"]),
        ("/admin/actors/mention/", ["ملتبس: اختر الجهة الفاعلة", "تأكيد الإشارات المحددة"]),
    ],
)
def test_the_newer_admin_pages_are_arabic_by_default(admin_client, loaded_seeds, url, labels):
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    for label in labels:
        assert label in html, label
