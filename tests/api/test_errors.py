"""Errors a researcher meets: named, in the requester's language, never ignored."""

import pytest
from django.core.cache import cache

from api.throttling import WindowRateThrottle
from archive.models import ExportJob

ARTICLES = "/api/v1/articles/"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/",
        "/api/v1/articles/export.csv",
        "/api/v1/annotations/",
        "/api/v1/sources/",
        "/api/v1/topics/",
        "/api/v1/events/",
    ],
)
def test_an_unknown_parameter_is_a_400_naming_it(corpus, anon, url):
    response = anon.get(url, {"persn": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    message = response.json()["unknown_parameters"][0]
    assert message.startswith("Unknown query parameter(s): persn. Known: ")


def test_known_parameters_pass(corpus, anon):
    response = anon.get(ARTICLES, {"page_size": 1, "ordering": "-published_on", "include": "body"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_a_bad_ordering_names_the_field_and_the_choices(corpus, anon):
    response = anon.get(ARTICLES, {"ordering": "title,-body"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "ordering": [
            "Cannot order by -body. Order by: id, published_on, title (prefix - to reverse)."
        ]
    }


@pytest.mark.parametrize(("language", "detail"), [("ar", "غير موجود."), ("en", "Not found.")])
def test_404s_follow_accept_language(corpus, anon, language, detail):
    for url in [
        "/api/v1/articles/999999/",
        "/api/v1/sources/no-such-source/",
        "/api/v1/topics/no-such-topic/",
        "/api/v1/no-such-resource/",
    ]:
        response = anon.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 404, url
        assert response.json() == {"detail": detail}, url


def test_arabic_is_the_default_language_of_errors(corpus, anon):
    assert anon.get("/api/v1/articles/999999/").json() == {"detail": "غير موجود."}


def test_405_follows_accept_language(corpus, admin_client):
    response = admin_client.delete("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 405
    assert response.json() == {"detail": 'طريقة "DELETE" غير مسموح بها.'}


def answers(send, status: int) -> tuple[dict, dict]:
    """The JSON bodies ``send(**headers)`` gets in Arabic and in English, each
    with ``status``; a request that names no language gets the Arabic one."""
    bodies = {}
    for language in ("ar", "en", None):
        headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
        response = send(**headers)
        assert response.status_code == status, (language, response.content)
        bodies[language] = response.json()
    assert bodies[None] == bodies["ar"]
    return bodies["ar"], bodies["en"]


def test_400_unknown_parameter_and_ordering_in_both_languages(corpus, anon):
    ar, en = answers(lambda **h: anon.get("/api/v1/topics/", {"persn": "x"}, **h), 400)
    assert ar == {
        "unknown_parameters": [
            "معاملات استعلام غير معروفة: persn. "
            "المعاملات المعروفة: cursor, format, page_size, updated_since."
        ]
    }
    assert en == {
        "unknown_parameters": [
            "Unknown query parameter(s): persn. Known: cursor, format, page_size, updated_since."
        ]
    }
    ar, en = answers(lambda **h: anon.get(ARTICLES, {"ordering": "-body"}, **h), 400)
    assert ar == {
        "ordering": [
            "لا يمكن الترتيب حسب -body. الترتيب ممكن حسب: id, published_on, title "
            "(ضع - قبل الحقل لعكس الترتيب)."
        ]
    }
    assert en == {
        "ordering": [
            "Cannot order by -body. Order by: id, published_on, title (prefix - to reverse)."
        ]
    }
    ar, en = answers(lambda **h: anon.get(ARTICLES, {"topic": "no-such-topic"}, **h), 400)
    assert ar == {"topic": ["معرّفات غير معروفة: no-such-topic."]}
    assert en == {"topic": ["Unknown slug(s): no-such-topic."]}


def test_400_validation_in_both_languages(corpus, staff, annotation_body):
    ar, en = answers(lambda **h: staff.post("/api/v1/annotations/", {}, format="json", **h), 400)
    fields = ("article", "topic", "start", "end", "quote")
    assert ar == {name: ["هذا الحقل مطلوب."] for name in fields}
    assert en == {name: ["This field is required."] for name in fields}
    wrong = annotation_body(quote="دمشق")
    ar, en = answers(lambda **h: staff.post("/api/v1/annotations/", wrong, format="json", **h), 400)
    span = f"{wrong['start']}–{wrong['end']}"
    assert ar == {
        "quote": [f"الاقتباس لا يطابق نص المقال في {span}: النص هناك «الخطاب الانفصالي»."]
    }
    assert en == {
        "quote": [
            f"The quote does not match the article text at {span}: "
            "the text there is “الخطاب الانفصالي”."
        ]
    }


def test_401_in_both_languages(corpus, anon, annotation_body):
    body = annotation_body()
    ar, en = answers(lambda **h: anon.post("/api/v1/annotations/", body, format="json", **h), 401)
    assert ar == {"detail": "لم يتم تزويد بيانات الدخول."}
    assert en == {"detail": "Authentication credentials were not provided."}
    anon.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    ar, en = answers(lambda **h: anon.get(ARTICLES, **h), 401)
    assert ar == {"detail": "رمز غير صحيح."}
    assert en == {"detail": "Invalid token."}


def test_403_in_both_languages(corpus, reader, staff, annotation_body):
    body = annotation_body()
    ar, en = answers(lambda **h: reader.post("/api/v1/annotations/", body, format="json", **h), 403)
    assert ar == {
        "detail": "لا تغيّر التعليقات التوضيحية إلا حسابات الموظفين؛ "
        "اطلب من أحد المسؤولين حساباً في مجموعة المحررين."
    }
    assert en == {
        "detail": "Only staff accounts may change annotations; "
        "ask an administrator for one in the Editors group."
    }
    ar, en = answers(lambda **h: staff.delete("/api/v1/topics/", **h), 403)
    assert ar == {"detail": "ليس لديك صلاحية للقيام بهذا الإجراء."}
    assert en == {"detail": "You do not have permission to perform this action."}


def test_404_for_urls_no_view_matches_with_debug_off(corpus, anon, settings):
    settings.DEBUG = False
    for url in ["/api/v1/no-such-resource/", "/api/no-such-version", "/api/v1/art\x00icles/"]:
        ar, en = answers(lambda **h: anon.get(url, **h), 404)  # noqa: B023
        assert (ar, en) == ({"detail": "غير موجود."}, {"detail": "Not found."}), url


def test_405_406_415_in_both_languages(corpus, admin_client, anon, staff):
    ar, en = answers(lambda **h: admin_client.delete("/api/v1/topics/", **h), 405)
    assert ar == {"detail": 'طريقة "DELETE" غير مسموح بها.'}
    assert en == {"detail": 'Method "DELETE" not allowed.'}
    ar, en = answers(
        lambda **h: anon.get("/api/v1/topics/", HTTP_ACCEPT="application/xml", **h), 406
    )
    assert ar == {"detail": "تعذر تلبية ترويسة Accept في الطلب."}
    assert en == {"detail": "Could not satisfy the request Accept header."}
    ar, en = answers(
        lambda **h: staff.generic("POST", "/api/v1/annotations/", "x", "text/xml", **h), 415
    )
    assert ar == {"detail": 'الوسيط "text/xml" الموجود في الطلب غير معتمد.'}
    assert en == {"detail": 'Unsupported media type "text/xml" in request.'}


def test_412_in_both_languages(corpus, staff):
    url = f"/api/v1/annotations/{corpus.annotations['draft'].pk}/"
    assert staff.patch(url, {"note": "أول"}, format="json", HTTP_IF_MATCH='"1"').status_code == 200
    ar, en = answers(
        lambda **h: staff.patch(url, {"note": "ثانٍ"}, format="json", HTTP_IF_MATCH='"1"', **h),
        412,
    )
    assert ar == {
        "detail": "غيّر شخص آخر هذا العنصر (تعليق توضيحي) بعد قراءته "
        "(الإصدار 1، والآن 2)؛ أعد تحميله وأجرِ التغيير مجدداً."
    }
    assert en == {
        "detail": "This annotation was changed by someone else since it was read "
        "(version 1, now 2); reload it and make the change again."
    }


def test_413_in_both_languages(corpus, staff, settings):
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    ar, en = answers(
        lambda **h: staff.generic("POST", "/api/v1/annotations/", body, "application/json", **h),
        413,
    )
    assert ar == {"detail": "جسم الطلب أكبر من الحد المسموح وهو 2,621,440 بايت (2.5 ميبيبايت)."}
    assert en == {
        "detail": "The request body is larger than the limit of 2,621,440 bytes (2.5 MiB)."
    }


def test_400_bad_json_in_both_languages(corpus, staff):
    ar, en = answers(
        lambda **h: staff.generic(
            "POST", "/api/v1/annotations/", '{"topic": }', "application/json", **h
        ),
        400,
    )
    assert ar == {"detail": "خطأ في تحليل JSON - السطر 1، العمود 11: Expecting value."}
    assert en == {"detail": "JSON parse error - line 1, column 11: Expecting value."}


def test_400_bad_instants_in_both_languages(corpus, anon):
    ar, en = answers(
        lambda **h: anon.get(ARTICLES, {"updated_since": "2025-09-01T12:00:00"}, **h), 400
    )
    assert ar == {
        "updated_since": [
            "لا منطقة زمنية في '2025-09-01T12:00:00': أضف Z للتوقيت العالمي (2025-08-13T13:51:00Z)"
        ]
    }
    assert en == {
        "updated_since": [
            "'2025-09-01T12:00:00' has no time zone: add Z for UTC (2025-08-13T13:51:00Z)"
        ]
    }
    ar, en = answers(lambda **h: anon.get(ARTICLES, {"updated_since": "yesterday"}, **h), 400)
    assert ar == {
        "updated_since": [
            "ليست لحظة زمنية بصيغة ISO 8601: 'yesterday'؛ اكتب مثلاً 2025-08-13T13:51:00Z"
        ]
    }
    assert en == {
        "updated_since": ["not an ISO 8601 instant: 'yesterday'; write e.g. 2025-08-13T13:51:00Z"]
    }


def test_400_bad_address_in_both_languages(corpus, anon):
    ar, en = answers(
        lambda **h: anon.get(ARTICLES, {"address": "ftp://news.example.com/x"}, **h), 400
    )
    assert ar == {"address": ["عنوان ويب غير صالح: ليس عنوان http(s)."]}
    assert en == {"address": ["Not a web address: not an http(s) address."]}


def test_429_in_both_languages(corpus, anon, settings, monkeypatch):
    monkeypatch.setattr(WindowRateThrottle, "timer", staticmethod(lambda: 1_800_000_030.0))
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": None, "export": None},
        "NUM_PROXIES": 0,
    }
    cache.clear()
    assert anon.get("/api/v1/topics/").status_code == 200
    ar, en = answers(lambda **h: anon.get("/api/v1/topics/", **h), 429)
    assert ar == {"detail": "تجاوزت الطلبات الحد المسموح. أعد المحاولة بعد 30 ثانية."}
    assert en == {"detail": "Request was throttled. Expected available in 30 seconds."}
    cache.clear()


def test_the_changes_feed_refuses_in_both_languages(corpus, anon, staff):
    def feed(params, status):
        return answers(lambda **h: anon.get("/api/v1/changes/", params, **h), status)

    assert feed({"since": "abc"}, 400) == (
        {"since": ["ليس مؤشراً: 'abc'. مرّر مؤشر صفحة، أو latest."]},
        {"since": ["Not a cursor: 'abc'. Pass the cursor of a page, or latest."]},
    )
    assert feed({"page_size": "0"}, 400) == (
        {"page_size": ["عدد صحيح من 1 إلى 1000."]},
        {"page_size": ["A whole number from 1 to 1000."]},
    )
    assert feed({"audience": "editors"}, 400) == (
        {"audience": ["جمهور غير معروف 'editors': public أو staff."]},
        {"audience": ["Unknown audience 'editors': public or staff."]},
    )
    assert feed({"audience": "staff"}, 403) == (
        {
            "detail": "سجل تغييرات الموظفين مخصص للموظفين الذين يحق لهم الاطلاع "
            "على كل المقالات والتعليقات التوضيحية."
        },
        {"detail": "The staff feed is for staff who may view every article and annotation."},
    )
    cursor = staff.get("/api/v1/changes/", {"since": "latest"}).json()["cursor"]
    assert feed({"since": cursor}, 410) == (
        {
            "since": [
                f"المؤشر {cursor} ليس في سجل التغييرات public: فهو أقدم من التغييرات "
                "المحفوظة (مدة الحفظ بالأيام: 180)، أو من سجل آخر. صدّر البيانات من جديد "
                "وتابع السجل من ?since=latest المأخوذ قبل التصدير."
            ]
        },
        {
            "since": [
                f"Cursor {cursor} is not in the public feed: it is older than the changes "
                "kept (180 days), or from another feed. Export again and follow the feed from "
                "?since=latest taken before the export."
            ]
        },
    )


def test_export_jobs_refuse_in_both_languages(corpus, anon):
    def start(body, status=400):
        return answers(lambda **h: anon.post("/api/v1/exports/", body, format="json", **h), status)

    assert start({"kind": "articles", "format": "jsonld"}) == (
        {"format": ["يُصدَّر articles بالصيغ: csv, jsonl."]},
        {"format": ["articles export as csv, jsonl."]},
    )
    assert start({"kind": "articles", "format": "csv", "params": {"topic": {"a": 1}}}) == (
        {"params": ["topic: نص أو عدد أو قائمة منهما."]},
        {"params": ["topic: a text, a number or a list of them."]},
    )


def test_409_in_both_languages(corpus, anon):
    job = ExportJob.objects.create(
        kind="annotations", format="jsonl", base_url="http://testserver/"
    )
    ar, en = answers(lambda **h: anon.get(f"/api/v1/exports/{job.pk}/download/", **h), 409)
    assert ar == {"detail": "مهمة التصدير «في الانتظار»، ولم تنتهِ بعد."}
    assert en == {"detail": "The export job is queued, not done."}


def test_an_annotation_cannot_move_in_both_languages(corpus, staff):
    url = f"/api/v1/annotations/{corpus.annotations['draft'].pk}/"
    other = {"article": corpus.articles["001"].pk}
    ar, en = answers(lambda **h: staff.patch(url, other, format="json", **h), 400)
    assert ar == {"article": ["لا يمكن نقل تعليق توضيحي إلى مقال آخر."]}
    assert en == {"article": ["An annotation cannot move to another article."]}
