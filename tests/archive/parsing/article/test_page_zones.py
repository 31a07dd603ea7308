"""The main block and the zones around it, on synthetic pages of the classes real pages
show (site chrome, dates in many forms, agency credits), with the findings kept."""

from __future__ import annotations

import datetime

import pytest

from archive.parsing import ParseError, parse_article

P1 = "تسلم الجيش السوري اليوم دفعة جديدة من المعدات العسكرية التركية بموجب مذكرة التفاهم."
P2 = "وقال مصدر عسكري للأناضول إن الدفعة تشمل آليات مدرعة وأنظمة اتصال حديثة."
TITLE = "الجيش السوري يتسلم دفعة جديدة من المعدات التركية"


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def reasons(article) -> dict[str, str]:
    return {d.text: d.reason for d in article.findings.dropped}


def test_chrome_around_the_article_is_not_body():
    article = parse_article(
        page(
            "شعار الموقع",
            "الرئيسية",
            "سياسة",
            "اقتصاد",
            "رياضة",
            "الخميس 2 مايو 2024",
            TITLE,
            "الجمعة 12 أبريل 2024 - 10:30",
            P1,
            P2,
            "شارك هذا الخبر",
            "مدة القراءة: 2 دقائق",
            "عنوان خبر آخر لا علاقة له بهذا المقال",
            "عنوان ثالث عن موضوع مختلف تماما",
            "جميع الحقوق محفوظة © 2024",
        )
    )
    assert article.title == TITLE
    assert article.body == f"{P1}\n\n{P2}"
    assert (article.published.date, article.published.time) == (
        datetime.date(2024, 4, 12),
        datetime.time(10, 30),
    )
    found = reasons(article)
    assert found["عنوان خبر آخر لا علاقة له بهذا المقال"].startswith("after the article")
    assert found["سياسة"] == "before the article (site chrome)"
    # the site's "today" bar above the headline is not the article's date
    assert article.findings.other_dates == ("الخميس 2 مايو 2024",)
    assert article.findings.date_line == "الجمعة 12 أبريل 2024 - 10:30"
    assert article.doubts == {
        "date": "the page states other dates too (a site's date bar or another item's)"
    }
    assert article.note == "date uncertain: the page states other dates"


def test_a_page_of_only_chrome_fails_with_no_article_text():
    menu = ["الرئيسية", "أخبار", "سياسة", "اقتصاد", "رياضة", "ثقافة", "فن", "تكنولوجيا"]
    with pytest.raises(ParseError) as caught:
        parse_article(page(*menu, "اتصل بنا", "من نحن", "سياسة الخصوصية"))
    assert caught.value.field == "body"
    assert caught.value.reason.startswith("no article text")


def test_an_undecidable_main_block_loads_with_a_warning():
    article = parse_article(page("خبر عاجل", "انفجار في ريف دمشق"))
    assert article.body == "انفجار في ريف دمشق"
    assert article.warnings == (
        "no paragraph of full sentences found: the body is the page's short lines",
    )
    assert "body" in article.doubts


def test_repeated_logo_lines_and_masthead_are_furniture():
    article = parse_article(
        page("الإشراف العام", "فلان الفلاني", TITLE, P1, "الإشراف العام", "فلان الفلاني")
    )
    assert article.title == TITLE
    assert article.body == P1
    assert "printed 2 times" in reasons(article)["الإشراف العام"]


@pytest.mark.parametrize(
    "line",
    [
        "<div class='share'>",
        "<!-- wp:paragraph -->",
        "Warning: Undefined variable $post in /var/www/html/single.php on line 42",
        "{{ article.author }}",
        ".entry-meta{display:none}",
        "0 387 0",
        "تكبير الخط تصغير الخط",
        "العودة إلى الأعلى",
        "We use cookies to improve your experience. Accept all cookies",
        "تم نسخ الرابط",
        "حمل تطبيق الموقع من متجر جوجل بلاي",
        "مواقيت الصلاة",
        "الفجر 04:12",
        "1.2K مشاهدة",
        "#سوريا #تركيا",
        "https://example.com/share?id=1",
        "Connect with us",
    ],
)
def test_chrome_classes_inside_the_article_are_dropped(line):
    article = parse_article(page(TITLE, P1, line, P2))
    assert article.body == f"{P1}\n\n{P2}"
    assert line in reasons(article)


def test_block_markup_is_split_into_paragraphs():
    raw = f'<!-- wp:paragraph --> <p class="x">{P1}</p> <!-- /wp:paragraph --><p>{P2}</p>'
    article = parse_article(page(TITLE, raw))
    assert article.body == f"{P1}\n\n{P2}"
    assert reasons(article)["</p>"] == "markup"


@pytest.mark.parametrize(
    ("line", "date", "time"),
    [
        ("05-06-2024", (2024, 6, 5), None),
        ("05/06/2024 09:05", (2024, 6, 5), (9, 5)),
        ("05.06.2024", (2024, 6, 5), None),
        ("2024/06/05 21:05", (2024, 6, 5), (21, 5)),
        ("2024-06-05 09:05:33", (2024, 6, 5), (9, 5, 33)),
        ("5 يونيو 2024، 9:05 م", (2024, 6, 5), (21, 5)),
        ("الجمعة 20 نونبر 2020 - 09:00", (2020, 11, 20), (9, 0)),
        ("12 شتنبر 2021", (2021, 9, 12), None),
        ("3 جوان 2023", (2023, 6, 3), None),
        ("15 جانفي 2026", (2026, 1, 15), None),
        ("12 أيلول - سبتمبر 2019", (2019, 9, 12), None),
        ("الأربعاء ١٥ يناير ٢٠٢٥", (2025, 1, 15), None),
        ("۱۵ يناير ۲۰۲۵", (2025, 1, 15), None),
        ("📅 12 مارس 2024 ⏰ 10:11", (2024, 3, 12), (10, 11)),
        ("Sep 19, 2025 2:36 PMClock", (2025, 9, 19), (14, 36)),
        ("نشر في: 17 سبتمبر 2021", (2021, 9, 17), None),
    ],
)
def test_date_forms_in_the_header(line, date, time):
    article = parse_article(page(TITLE, line, P1))
    assert article.published.date == datetime.date(*date)
    assert article.published.time == (datetime.time(*time) if time else None)
    assert article.title == TITLE
    assert article.body == P1


def test_the_time_on_the_next_line_belongs_to_the_date():
    article = parse_article(page(TITLE, "10 حزيران 2024", "10:36", P1))
    assert (article.published.date, article.published.time) == (
        datetime.date(2024, 6, 10),
        datetime.time(10, 36),
    )
    assert reasons(article)["10:36"] == "the time of the date line used"


def test_updated_label_decides_updated_not_published():
    article = parse_article(page(TITLE, "نشر في 01-05-2020", "آخر تحديث:12 حزيران 202410:11", P1))
    assert article.published.date == datetime.date(2020, 5, 1)
    assert article.published.time is None
    assert (article.updated.date, article.updated.time) == (
        datetime.date(2024, 6, 12),
        datetime.time(10, 11),
    )


def test_only_an_updated_date_is_not_a_publication_date():
    article = parse_article(page(TITLE, "محدث : 12.03.2024", P1))
    assert article.published is None
    assert article.updated.date == datetime.date(2024, 3, 12)


def test_a_date_glued_to_the_first_sentence():
    article = parse_article(page(TITLE, f"14 أغسطس 2025 - {P1}", P2))
    assert article.published.date == datetime.date(2025, 8, 14)
    assert article.body == f"{P1}\n\n{P2}"


def test_dates_after_the_article_or_inside_it_are_not_its_date():
    article = parse_article(
        page(
            TITLE,
            P1,
            "وزارة الخارجية",
            "31/12/2019",
            "اخترنا لكم",
            "المحلية",
            "الخميس، ١٠ نيسان ٢٠٢٥",
        )
    )
    assert article.published is None
    assert article.note == "no date stated"


def test_a_date_line_right_under_a_one_sentence_summary():
    summary = "زار البطريرك الماروني الرئيس جوزيف عون في قصر بعبدا مهنئا بانتخابه رئيسا."
    article = parse_article(page(summary, "الأربعاء ١٥ يناير ٢٠٢٥", P1))
    assert article.published.date == datetime.date(2025, 1, 15)
    assert article.body == f"{summary}\n\n{P1}"


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        ((TITLE, "محمد أحمد/ رويترز", P1), ["رويترز"]),
        ((TITLE, P1, "- كونا"), ["كونا"]),
        ((TITLE, P1, "أ ف ب + وكالات"), ["أ ف ب", "وكالات"]),
        ((TITLE, P1, "/رويترز/"), ["رويترز"]),
        ((TITLE, "وكالات", P1), ["وكالات"]),
        ((TITLE, "كشـ24 | و.م.ع نشر في: 17 سبتمبر 2021", P1), ["و.م.ع"]),
        ((TITLE, f"دمشق - (سانا): {P1}"), ["سانا"]),
    ],
)
def test_agency_credits(lines, names):
    article = parse_article(page(*lines))
    assert [m.name for m in article.attributions] == names
    assert P1 in article.body


def test_a_credit_glued_to_the_end_of_a_caption():
    article = parse_article(
        page(TITLE, "جنود سوريون خلال تدريب في ريف حلب (صورة) المصدر: رويترز", P1)
    )
    assert [m.name for m in article.attributions] == ["رويترز"]
    assert article.body == P1
    assert "المصدر" not in article.caption


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("الرئيسية / أخبار / الجيش السوري يتسلم دفعة جديدة من المعدات التركية", TITLE),
        ("سياسة | الجيش السوري يتسلم دفعة جديدة من المعدات التركية", TITLE),
    ],
)
def test_breadcrumbs_and_labels_are_not_part_of_the_title(first, title):
    article = parse_article(page(first, P1))
    assert article.title == title
    assert article.title_derived is False


def test_a_section_label_and_a_site_name_are_not_titles():
    article = parse_article(page("بلدي نيوز", P1))
    assert article.title_derived is True
    article = parse_article(page('"ليبانون ديبايت"', P1))
    assert article.title_derived is True


def test_findings_as_stored():
    article = parse_article(page("سياسة", TITLE, "منذ ساعتين", P1, "شارك هذا الخبر"))
    stored = article.findings.as_dict(article.warnings)
    assert stored["dropped"] == [
        {"line": 1, "text": "سياسة", "reason": "before the article (site chrome)"},
        {
            "line": 3,
            "text": "منذ ساعتين",
            "reason": "page debris (relative time, share, follow or ad line)",
        },
        {
            "line": 5,
            "text": "شارك هذا الخبر",
            "reason": "page widget (counter, share, comment, app or cookie prompt)",
        },
    ]
    assert stored["doubts"] == {"date": "no date stated"}
    assert stored["title_evidence"] == "the first headline-like line"
    assert stored["warnings"] == []


def test_a_labelled_date_right_under_the_article_is_its_date():
    article = parse_article(page(TITLE, P1, "تاريخ النشر: 05/06/2024", "أخبار ذات صلة"))
    assert article.published.date == datetime.date(2024, 6, 5)
    unlabelled = parse_article(page(TITLE, P1, "05/06/2024", "أخبار ذات صلة"))
    assert unlabelled.published is None


def test_a_byline_with_its_date():
    article = parse_article(page(TITLE, "بقلم: محمد أحمد - 12 مارس 2024", P1))
    assert article.byline == "بقلم: محمد أحمد"
    assert article.published.date == datetime.date(2024, 3, 12)
