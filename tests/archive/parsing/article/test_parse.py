"""parse_article and decode_article_bytes on the seed files and on bad input."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.parsing import (
    MAX_FILE_BYTES,
    ParseError,
    decode_article_bytes,
    derive_title,
    parse_article,
)

from ..conftest import SEEDS, seed_text

DEBRIS = (
    "منذ 34 ثانية",
    "تابع أحدث الأخبار",
    "مشاركة المقال",
    "إقرأ أيضاً",
    "الصين",
    "إعلانوصرحت",
    "المصدر :",
    "المصدر:",
    "date 2025",
    "آخر تحديث",
    "تاريخ النشر",
    "• رويترز",
    "• وكالات",
)


def first_sentence(body: str) -> str:
    return body.split("\n\n")[0]


# --- per seed --------------------------------------------------------------------------


def test_000(parsed):
    article = parsed["000"]
    assert article.title == 'وزارة الدفاع التركية تؤكد على دعمها لسوريا وتوجه رسالة لـ"قسد"'
    assert article.title_derived is False
    assert article.summary == ""
    assert article.caption == (
        "وزير الدفاع التركي ونظيره السوري مرهف أبو قصرة بعد توقيعهما اتفاقية تعاون عسكري مشترك"
        " بين البلدين"
    )
    assert article.published.date == datetime.date(2025, 8, 14)
    assert article.published.time is None
    assert article.published.precision == "day"
    assert article.published.utc_offset_minutes is None
    assert article.published.text == "date 2025-08-14 الخميس 20 صفر 1447 ﻫ - 14 أغسطس 2025 |"
    assert article.hijri_text == "20 صفر 1447 \ufeeb"
    assert article.updated.date == datetime.date(2025, 8, 14)
    assert article.updated.time == datetime.time(13, 24)
    assert article.updated.precision == "minute"
    assert article.updated.text == "آخر تحديث: 14 - أغسطس - 2025 1:24 مساءً"
    assert [(m.name, m.name_en, m.kind, m.text) for m in article.attributions] == [
        ("رويترز", "Reuters", "agency", "• رويترز"),
        ("وكالات", "Agencies", "agency", "• وكالات"),
    ]
    assert [(m.name, m.text) for m in article.cited_sources] == [
        ("رويترز", "لرويترز"),
        ("سانا", "وكالة الأنباء السورية"),
    ]
    assert article.body.startswith("أكدت وزارة الدفاع التركية دعمها وحدة سوريا")
    assert article.body.endswith("مساعدة فنية.")
    assert "\n\nاللقاء السوري التركي\n\n" in article.body  # the subheading stays
    assert article.caption not in article.body
    assert article.title not in article.body
    assert article.warnings == ()


def test_001_states_no_title_and_no_date(parsed):
    article = parsed["001"]
    assert article.title_derived is True
    assert article.title.startswith("أعلنت وزارة الدفاع التركية، اليوم الأربعاء")
    assert article.title.endswith("…")
    assert len(article.title) <= 81
    assert article.published is None
    assert article.updated is None
    assert article.hijri_text == ""
    assert article.summary == "" and article.caption == ""
    assert article.attributions == ()
    assert [m.name for m in article.cited_sources] == ["الأناضول", "سانا"]
    assert article.cited_sources[0].name_en == "Anadolu Agency"
    assert article.body.startswith("أعلنت وزارة الدفاع التركية، اليوم الأربعاء، أن الإدارة")
    assert article.body.endswith("الاستقرار الداخلي في المرحلة المقبلة.")
    assert "(داعش).وأوضحت" in article.body  # run-together sentences are kept as written
    assert "\n\nلقاءات متكررة بين المسؤولين العسكريين\n\n" in article.body


def test_002(parsed, raw):
    article = parsed["002"]
    title = "سوريا وتركيا توقعان اتفاقية تعاون عسكري لتعزيز قدرات الجيش السوري"
    assert article.title == title
    assert article.title_derived is False
    assert raw["002"].count(title) == 2
    assert article.body.count(title) == 0
    assert article.published.date == datetime.date(2025, 8, 13)
    assert article.published.time == datetime.time(19, 51)
    assert article.published.precision == "minute"
    assert article.published.text == "الأربعاء, 13 أغسطس 2025 07:51 PM"
    assert article.updated is None
    assert article.attributions == ()
    assert [(m.name, m.name_en, m.kind) for m in article.cited_sources] == [
        ("وزارة الدفاع السورية", "Syrian Ministry of Defence", "ministry"),
        ("سانا", "SANA", "agency"),
        ("الأناضول", "Anadolu Agency", "agency"),
    ]
    assert article.body.startswith("وقعت وزارتا الدفاع في سوريا وتركيا اتفاقية تعاون عسكري")
    assert article.body.endswith("في حال تم استيفاء الشروط اللازمة.")
    # bullets keep their marker, lose their indentation
    assert "\n\n• التبادل المنتظم للأفراد العسكريين:" in article.body
    assert "  •" not in article.body
    # body dates (13 آب, 8 كانون الأول 2024) are not the publication date
    assert "8 كانون الأول 2024" in article.body


def test_003(parsed):
    article = parsed["003"]
    assert article.title == "الدفاع التركية: نسعى للتعاون الدفاعي مع دمشق"
    assert article.title_derived is False
    assert article.published.date == datetime.date(2024, 12, 26)
    assert article.published.time is None
    assert article.published.precision == "day"
    assert article.published.utc_offset_minutes == 0
    assert article.published.text == "تاريخ النشر: 26th, December 2024 GMT"
    assert [(m.name, m.name_en, m.kind) for m in article.attributions] == [
        ("البوابة نيوز", "Al-Bawaba News", "outlet")
    ]
    assert article.cited_sources == ()
    assert article.body.startswith("أعلنت تركيا دعمها تأسيس جيش سوري موحد")
    assert article.body.endswith(
        "لإقامة علاقات استراتيجية بين البلدين، وإقامة تعاون في مختلف المجالات»."
    )
    for unrelated in ("بكين", "بوتين", "ترامب", "وصرحت"):
        assert unrelated not in article.body


def test_004(parsed):
    article = parsed["004"]
    assert article.title_derived is True
    assert article.title.startswith("قال وزير الخارجية التركي هاكان فيدان، اليوم الأحد")
    assert article.title.endswith("…")
    points = article.summary.split("\n")
    assert len(points) == 3
    assert points[0].startswith("أكد وزير الخارجية التركي هاكان فيدان على ترابط أمن تركيا")
    assert points[0].endswith("مكافحة الإرهاب وضبط الحدود.")
    assert points[1].startswith("ركزت الاجتماعات على تعزيز التعاون")
    assert points[2].endswith("وتم توقيع اتفاقية تعاون عسكري مشترك في أغسطس الماضي.")
    assert article.published.date == datetime.date(2025, 10, 12)
    assert article.published.time is None
    assert article.published.precision == "day"
    assert article.updated is None
    assert article.attributions == ()
    assert [m.name for m in article.cited_sources] == [
        "الأناضول",
        "قناة الإخبارية السورية",
        "وزارة الدفاع السورية",
    ]
    assert article.cited_sources[1].name_en == "Al-Ikhbariya"
    assert article.cited_sources[1].kind == "broadcaster"
    assert article.body.startswith("قال وزير الخارجية التركي هاكان فيدان، اليوم الأحد")
    assert article.body.endswith("والتدريب العسكري التركي للقوات المسلحة السورية.")
    assert article.summary.split("\n")[0] not in article.body


# --- across seeds ----------------------------------------------------------------------


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_no_debris_in_body(parsed, number):
    body = parsed[number].body
    for needle in DEBRIS:
        assert needle not in body, needle
    # "وأضاف المصدر ..." is a sentence; an attribution line starts with the label
    assert not any(p.startswith("المصدر") for p in body.split("\n\n"))


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_body_is_an_extract_of_the_file(parsed, raw, number):
    body = parsed[number].body
    assert body == body.strip()
    assert "\n\n\n" not in body
    for paragraph in body.split("\n\n"):
        assert paragraph
        assert paragraph == paragraph.strip()
        assert paragraph in raw[number]
    for line in parsed[number].summary.splitlines():
        assert line in raw[number]


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_bom_and_crlf_parse_the_same(parsed, raw, number):
    windows = "\ufeff" + raw[number].replace("\n", "\r\n")
    assert parse_article(windows) == parsed[number]
    old_mac = raw[number].replace("\n", "\r")
    assert parse_article(old_mac) == parsed[number]


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_decode_keeps_the_text_exactly(number):
    (path,) = SEEDS.glob(f"{number}_*.txt")
    data = path.read_bytes()
    assert decode_article_bytes(data, path.name) == seed_text(number)
    crlf = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    text = decode_article_bytes(crlf)
    assert text.startswith("\ufeff") and "\r\n" in text


def test_seed_body_has_no_header_material(parsed):
    assert parsed["000"].body.count("أغسطس 2025") == 0
    assert parsed["003"].body.count("December") == 0


# --- bad input -------------------------------------------------------------------------


def assert_parse_error(error: ParseError, field: str, reason: str) -> None:
    assert (error.field, error.reason) == (field, reason)
    assert str(error) == f"{field}: {reason}"


def test_empty_bytes():
    with pytest.raises(ParseError) as caught:
        decode_article_bytes(b"", "x.txt")
    assert_parse_error(caught.value, "file", "file is empty")


def test_too_big():
    with pytest.raises(ParseError) as caught:
        decode_article_bytes(b"a" * (20 * 1024 * 1024))
    assert_parse_error(caught.value, "file", "file is 20.0 MB; the limit is 5.0 MB")
    decode_article_bytes(b"a" * MAX_FILE_BYTES)  # the limit itself is allowed


def test_nul_bytes():
    with pytest.raises(ParseError) as caught:
        decode_article_bytes("نص".encode() + b"\x00\x01binary")
    assert_parse_error(caught.value, "file", "binary file (NUL byte at offset 4)")


@pytest.mark.parametrize(
    ("data", "position"),
    [(b"\xff\xfe\x41\x00"[:2] + b"abc", 0), (b"ab\xd8", 2), ("سوريا".encode() + b"\xd8", 10)],
)
def test_invalid_utf8(data, position):
    with pytest.raises(ParseError) as caught:
        decode_article_bytes(data)
    assert_parse_error(caught.value, "encoding", f"not valid UTF-8 at byte {position}")


@pytest.mark.parametrize("text", [" \n\t\r\n  \n", "\ufeff   \r\n", "\u200f\n"])
def test_only_whitespace(text):
    with pytest.raises(ParseError) as caught:
        parse_article(text)
    assert_parse_error(caught.value, "body", "file contains only whitespace")


@pytest.mark.parametrize(
    "text",
    [
        "منذ 3 دقائق\nمشاركة المقال:\n",
        "إعلان\n- إعلان -\nAdvertisement\nتابع أحدث الأخبار عبر تطبيق\nشارك\n",
        "date 2025-08-14\nمنذ ساعتين\n",
    ],
)
def test_only_debris(text):
    with pytest.raises(ParseError) as caught:
        parse_article(text)
    assert_parse_error(caught.value, "body", "no article text left after removing page debris")


# --- generalisation --------------------------------------------------------------------


def test_sentences_with_debris_words_are_kept():
    text = (
        "عنوان الخبر هنا\n"
        "وقال المسؤول إن إعلان دمشق جاء بعد مفاوضات استمرت منذ شهور بين الطرفين.\n"
        "منذ 5 دقائق\n"
        "- إعلان -\n"
        "وأضاف أن الجانبين سيواصلان التنسيق، ولفت إلى أن المصدر لم يكشف عن التفاصيل.\n"
    )
    article = parse_article(text)
    assert article.title == "عنوان الخبر هنا"
    assert article.body == (
        "وقال المسؤول إن إعلان دمشق جاء بعد مفاوضات استمرت منذ شهور بين الطرفين.\n\n"
        "وأضاف أن الجانبين سيواصلان التنسيق، ولفت إلى أن المصدر لم يكشف عن التفاصيل."
    )


@pytest.mark.parametrize(
    "marker", ["اقرأ المزيد", "أخبار ذات صلة", "مواضيع ذات صلة", "الأكثر قراءة", "أهم الأخبار"]
)
def test_a_related_list_closes_the_article(marker):
    text = (
        "التقى وزير الدفاع التركي نظيره السوري في أنقرة لبحث التعاون العسكري بين البلدين.\n"
        f"{marker}\n"
        "عنوان مقال آخر لا علاقة له\n"
        "نص مقال آخر طويل لا ينتمي إلى هذه الصفحة على الإطلاق ويجب حذفه.\n"
    )
    article = parse_article(text)
    assert article.body == (
        "التقى وزير الدفاع التركي نظيره السوري في أنقرة لبحث التعاون العسكري بين البلدين."
    )
    reasons = {d.text: d.reason for d in article.findings.dropped}
    assert reasons[marker].startswith("after the article")
    assert "نص مقال آخر طويل لا ينتمي إلى هذه الصفحة على الإطلاق ويجب حذفه." in reasons


@pytest.mark.parametrize("marker", ["اقرأ أيضا", "اقرأ ايضاً:", "إقرأ أيضاً:", "شاهد أيضا"])
def test_read_also_inside_the_article_drops_only_itself_and_its_headline(marker):
    text = (
        "التقى وزير الدفاع التركي نظيره السوري في أنقرة لبحث التعاون العسكري بين البلدين.\n"
        f"{marker}\n"
        "عنوان مقال آخر لا علاقة له\n"
        "وأضاف الوزير أن الجانبين اتفقا على مواصلة التنسيق في المرحلة المقبلة.\n"
    )
    article = parse_article(text)
    assert article.body == (
        "التقى وزير الدفاع التركي نظيره السوري في أنقرة لبحث التعاون العسكري بين البلدين."
        "\n\nوأضاف الوزير أن الجانبين اتفقا على مواصلة التنسيق في المرحلة المقبلة."
    )
    reasons = {d.text: d.reason for d in article.findings.dropped}
    assert reasons[marker] == '"read also" line inside the article'
    assert reasons["عنوان مقال آخر لا علاقة له"] == 'headline under a "read also" line'


def test_read_also_with_its_headline_on_the_same_line():
    text = (
        "التقى وزير الدفاع التركي نظيره السوري في أنقرة لبحث التعاون العسكري بين البلدين.\n"
        "اقرأ أيضا: عنوان مقال آخر لا علاقة له\n"
        "وأضاف الوزير أن الجانبين اتفقا على مواصلة التنسيق في المرحلة المقبلة.\n"
    )
    article = parse_article(text)
    assert article.body.split("\n\n") == [
        "التقى وزير الدفاع التركي نظيره السوري في أنقرة لبحث التعاون العسكري بين البلدين.",
        "وأضاف الوزير أن الجانبين اتفقا على مواصلة التنسيق في المرحلة المقبلة.",
    ]


def test_read_also_after_the_source_credit_is_a_tail():
    text = (
        "التقى وزير الدفاع التركي نظيره السوري في أنقرة لبحث التعاون العسكري بين البلدين.\n"
        "المصدر: الأناضول\n"
        "اقرأ أيضا:\n"
        "عنوان مقال آخر لا علاقة له\n"
        "نص مقال آخر طويل لا ينتمي إلى هذه الصفحة على الإطلاق ويجب حذفه.\n"
    )
    article = parse_article(text)
    assert article.body == (
        "التقى وزير الدفاع التركي نظيره السوري في أنقرة لبحث التعاون العسكري بين البلدين."
    )
    assert [m.name for m in article.attributions] == ["الأناضول"]


def test_attribution_forms():
    body = "أعلنت وزارة الدفاع السورية اليوم أنها ستواصل التعاون مع الجانب التركي في التدريب."
    inline = parse_article(body + "\nالمصدر: وكالات\n")
    assert [(m.name, m.kind) for m in inline.attributions] == [("وكالات", "agency")]
    assert inline.body == body
    several = parse_article(body + "\nالمصدر: وكالات + رويترز\n")
    assert [m.name for m in several.attributions] == ["وكالات", "رويترز"]
    standalone = parse_article(body + "\n(سانا)\n")
    assert [(m.name, m.text) for m in standalone.attributions] == [("سانا", "(سانا)")]
    assert standalone.body == body
    bare = parse_article(body + "\nرويترز\n")
    assert [m.name_en for m in bare.attributions] == ["Reuters"]
    unknown = parse_article(body + "\nالمصدر: موقع مجهول\n")
    assert [(m.name, m.name_en, m.kind) for m in unknown.attributions] == [
        ("موقع مجهول", "", "other")
    ]
    assert unknown.body == body


def test_date_in_first_paragraph_is_not_a_publication_date():
    text = (
        "وقع البلدان في 13 أغسطس 2025 مذكرة تفاهم للتدريب والاستشارات العسكرية في أنقرة.\n"
        "وأضافت الوزارة أن التعاون سيستمر.\n"
    )
    article = parse_article(text)
    assert article.published is None
    assert article.body.startswith("وقع البلدان في 13 أغسطس 2025")


def test_hijri_disagreement_is_a_warning():
    text = (
        "الخميس 21 صفر 1447 هـ - 14 أغسطس 2025\n"
        "عنوان\n"
        "نص الخبر الأول في هذا المقال يتحدث عن التعاون العسكري بين البلدين الجارين.\n"
    )
    article = parse_article(text)
    assert article.published.date == datetime.date(2025, 8, 14)
    assert article.hijri_text == "21 صفر 1447 هـ"
    assert len(article.warnings) == 1
    assert "2025-08-15" in article.warnings[0]


def test_single_short_line_is_the_body():
    article = parse_article("خبر قصير")
    assert article.body == "خبر قصير"
    assert article.title == "خبر قصير"
    assert article.title_derived is True


def test_derive_title():
    assert derive_title("جملة قصيرة. وجملة ثانية.") == "جملة قصيرة"
    assert derive_title("الأولى (داعش).وأوضحت الثانية") == "الأولى (داعش)"
    assert derive_title("بلغ 2.5 مليار دولار. ثم") == "بلغ 2.5 مليار دولار"
    long = " ".join(["كلمة"] * 40)
    title = derive_title(long)
    assert title.endswith("…")
    assert len(title) <= 81
    assert title[:-1] == title[:-1].strip()
    assert long.startswith(title[:-1])


def test_text_with_emoji_and_presentation_forms():
    text = "عنوان 🇸🇾 الخبر\nنص 😀 الخبر ﻻ يتغير أبداً حين يقرأ المحلل هذا المقال الطويل جداً.\n"
    article = parse_article(text)
    assert article.body == "نص 😀 الخبر ﻻ يتغير أبداً حين يقرأ المحلل هذا المقال الطويل جداً."


# --- properties ------------------------------------------------------------------------

_alphabet = st.sampled_from(
    list('ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآىةـًٌٍَُِّْ ٠١٢٣0123456789:-–|•.،؟!()«»"\n\r\t')
    + ["منذ 3 دقائق", "مشاركة المقال:", "إعلان", "اقرأ أيضا", "المصدر: ", "رويترز", "\ufeff"]
    + ["date 2025-08-14", "14 أغسطس 2025", "20 صفر 1447 هـ", "07:51 PM", "مساءً", "GMT", "😀"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_alphabet, max_size=80).map("".join))
def test_never_raises_anything_but_parse_error(text):
    try:
        article = parse_article(text)
    except ParseError as error:
        assert error.field in ("body", "file")
        return
    normalised = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert article.body
    for paragraph in article.body.split("\n\n"):
        assert paragraph and paragraph in normalised
    for line in article.summary.splitlines():
        assert line in normalised
    if article.caption:
        assert article.caption in normalised


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(text):
    try:
        article = parse_article(text)
    except ParseError:
        return
    normalised = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for paragraph in article.body.split("\n\n"):
        assert paragraph in normalised


def test_typical_page_furniture():
    text = (
        "الرئيسية > أخبار > سوريا\n"
        "كتب: محمد أحمد\n"
        "الجيش السوري يتسلم دفعة جديدة من المعدات التركية\n"
        "نشر في: 14/08/2025 - 10:30 ص | آخر تحديث: 14/08/2025 - 01:24 م\n"
        "منذ ساعتين\n"
        "صورة أرشيفية لجنود سوريين خلال تدريب\n"
        "تسلم الجيش السوري اليوم دفعة جديدة من المعدات العسكرية التركية بموجب مذكرة التفاهم.\n"
        "وقال مصدر عسكري للأناضول إن الدفعة تشمل آليات مدرعة.\n"
        "شارك الخبر\n"
        "فيسبوك تويتر واتساب\n"
        "جميع الحقوق محفوظة © 2025\n"
    )
    article = parse_article(text)
    assert article.title == "الجيش السوري يتسلم دفعة جديدة من المعدات التركية"
    assert article.byline == "كتب: محمد أحمد"
    assert article.caption == "صورة أرشيفية لجنود سوريين خلال تدريب"
    assert (article.published.date, article.published.time) == (
        datetime.date(2025, 8, 14),
        datetime.time(10, 30),
    )
    assert article.updated.time == datetime.time(13, 24)
    assert article.body == (
        "تسلم الجيش السوري اليوم دفعة جديدة من المعدات العسكرية التركية بموجب مذكرة التفاهم."
        "\n\nوقال مصدر عسكري للأناضول إن الدفعة تشمل آليات مدرعة."
    )
    assert [m.name for m in article.cited_sources] == ["الأناضول"]


def test_a_dateline_in_the_header_is_the_agency_credit_not_a_caption():
    parsed = parse_article(
        "وزير الدفاع التركي يزور دمشق لبحث التعاون العسكري\n"
        "الاثنين 15 سبتمبر 2025 - 10:30 ص\n"
        "دمشق - (سانا)\n\n"
        "أجرى وزير الدفاع التركي يشار غولر زيارة إلى دمشق اليوم الاثنين، التقى خلالها نظيره.\n"
    )
    assert [(a.name, a.name_en, a.kind) for a in parsed.attributions] == [
        ("سانا", "SANA", "agency")
    ]
    assert parsed.caption == ""
    assert parsed.body.startswith("أجرى وزير الدفاع التركي")
    assert parsed.published.date.isoformat() == "2025-09-15"
    assert parsed.published.time.isoformat() == "10:30:00"
