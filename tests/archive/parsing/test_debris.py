"""Page debris told from article text, one whole folded line at a time: a real
sentence holding a debris word is never debris; each kind of chrome gets its
reason; the markers that start or close a tail of other content."""

from __future__ import annotations

import pytest

from archive.normalization import normalize_arabic
from archive.parsing import debris


def folded(line: str) -> str:
    """The line as the parser asks: folded and stripped."""
    return normalize_arabic(line).strip()


@pytest.mark.parametrize(
    "line",
    [
        "منذ 3 ساعات",
        "قبل ساعتين",
        "آخر تحديث: منذ يومين",
        "5 minutes ago",
        "شارك عبر: فيسبوك تويتر واتساب",
        "فيسبوك | تويتر | تلغرام",
        "- إعلان -",
        "الرئيسية > سياسة > سوريا",
        "جميع الحقوق محفوظة 2025",
        "تابعونا على تلغرام",
        "حمّل تطبيق الخبر",
    ],
)
def test_whole_lines_of_chrome_are_debris(line):
    assert debris.is_debris(folded(line))


@pytest.mark.parametrize(
    "line",
    [
        "إعلان دمشق وقّع عليه ممثلو الأحزاب منذ سنوات",
        "منذ شهور والمفاوضات متعثرة بين الطرفين",
        "شارك وزير الدفاع في الاجتماع الذي عقد في أنقرة",
    ],
)
def test_a_sentence_holding_a_debris_word_is_text(line):
    assert not debris.is_debris(folded(line))


def test_an_empty_line_is_not_debris():
    assert debris.is_debris("") is False


def test_a_share_line_longer_than_200_characters_is_text():
    short = folded("شارك عبر: " + "فيسبوك " * 27)
    long = folded("شارك عبر: " + "فيسبوك " * 40)
    assert (len(short), len(long)) == (198, 289)
    # The share pattern matches both; only the length guard tells them apart.
    assert debris.SHARE.match(short) and debris.SHARE.match(long)
    assert debris.is_debris(short) is True
    assert debris.is_debris(long) is False


def test_harakat_and_tatweel_do_not_hide_debris():
    assert debris.is_debris(folded("مُنْذُ 3 سـاعـاتٍ"))


@pytest.mark.parametrize(
    ("line", "tail"),
    [
        ("اقرأ أيضاً: تركيا تسلم دفعة جديدة من المعدات", True),
        ("اقرأ أيضا", True),
        ("الأكثر قراءة", True),
        ("الوسوم:", True),
        ("التعليقات (12)", True),
        ("ذات صلة بالموضوع قال الوزير إن الاتفاق سيوقع قريبا", False),
        ("وقال الوزير إن المزيد من الأخبار سيأتي", False),
    ],
)
def test_the_markers_of_a_tail(line, tail):
    assert debris.is_tail_marker(folded(line)) is tail


def test_an_ad_label_glued_to_the_next_word_is_measured():
    assert debris.glued_ad_prefix(folded("إعلانوصرحت الوزارة")) == len("اعلان")
    assert debris.glued_ad_prefix(folded("إعلان دمشق")) == 0


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("كتب: أحمد محمود", True),
        ("بقلم سارة علي", True),
        ("كتب الوزير رسالة طويلة إلى نظيره التركي أمس", False),
    ],
)
def test_a_byline_is_a_short_author_line(line, byline):
    assert debris.is_byline(folded(line)) is byline


def test_captions_are_marked_as_such():
    assert debris.looks_like_caption(folded("وزير الدفاع التركي (صورة أرشيفية)"))
    assert debris.looks_like_caption(folded("تصوير: علي حسن"))
    assert not debris.looks_like_caption(folded("وصل وزير الدفاع التركي إلى دمشق"))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('<div class="share"></div>', "markup"),
        ("{{ article.title }}", "code or template text"),
        ("للاطلاع على التفاصيل اضغط على الرابط", "a link to the rest of the article elsewhere"),
        ("خبر أول   خبر ثان   خبر ثالث   خبر رابع", "a list of headlines joined on one line"),
        ("The post تركيا تدعم سوريا first appeared on موقع الخبر", "feed footer"),
        ("منذ 3 ساعات", "page debris (relative time, share, follow or ad line)"),
        ("https://news.example.com/a/1", "a web address"),
        ("#سوريا #تركيا", "hashtags"),
        ("رئيس التحرير أحمد محمود", "the paper's imprint (its editors' names)"),
        ("12 ألف متابع", "a channel's counters"),
        ("— Ali Hasan (@alihasan) August 13, 2025", "the signature of an embedded post"),
    ],
)
def test_furniture_says_why(line, reason):
    assert debris.furniture_reason(folded(line)) == reason


def test_a_sentence_is_not_furniture_and_prose_skips_the_short_line_rules():
    sentence = folded("وقّع وزير الدفاع التركي مذكرة تفاهم مع نظيره السوري في أنقرة.")
    assert debris.furniture_reason(sentence) is None
    assert debris.furniture_reason(folded("منذ 3 ساعات"), prose=True) is None


def test_a_breadcrumb_ending_with_the_headline_gives_where_it_starts():
    line = folded("الرئيسية / أخبار / تركيا تسلم الجيش السوري دفعة من المعدات")
    start = debris.breadcrumb_title_start(line)
    assert line[start:] == folded("تركيا تسلم الجيش السوري دفعة من المعدات")
    assert debris.breadcrumb_title_start(folded("الرئيسية / أخبار")) == 0
    assert debris.breadcrumb_title_start(folded("تركيا تسلم الجيش السوري دفعة")) == 0


def test_closing_markers_and_read_also_lines():
    assert debris.is_closing_marker(folded("مواضيع ذات صلة"))
    assert debris.is_closing_marker(folded("Most read"))
    assert not debris.is_closing_marker(folded("اقرأ أيضا"))  # read-also, inside the article
    assert debris.is_read_also(folded("اقرأ أيضا"))
    assert debris.is_read_also(folded("طالع كذلك: الاتفاق"))
    assert not debris.is_read_also(folded("قرأ الوزير البيان"))


def test_latin_only_lines_and_outlet_names():
    assert debris.is_latin_only("Reuters")
    assert not debris.is_latin_only(folded("رويترز Reuters"))
    assert not debris.is_latin_only("2025 - 13")
    assert debris.looks_like_outlet(folded("بلدي نيوز"))
    assert debris.looks_like_outlet(folded("«الوطن»"))
    assert not debris.looks_like_outlet(folded("وقال الوزير للصحفيين"))
