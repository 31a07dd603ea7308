"""Classes of real pages the first rules missed, each on a synthetic page of its own:
dates stamped on the text (a wire dateline, a date glued to the lead or closing it, a
dated bulletin's title), headlines told from sentences and from recurring labels, and
furniture told by its neighbours (a channel's header, an embedded post, a link to the
rest of the article)."""

from __future__ import annotations

import datetime

import pytest

from archive.parsing import parse_article

LEAD = "أعلنت وزارة النقل أمس افتتاح الطريق الجديد بين المدينتين بعد عامين من العمل المتواصل."
MORE = "وقال مدير المشروع إن الطريق يختصر زمن الرحلة إلى النصف ويخدم آلاف المسافرين يوميا."
TITLE = "افتتاح الطريق الجديد بين المدينتين"


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def reasons(article) -> dict[str, str]:
    return {d.text: d.reason for d in article.findings.dropped}


# -- dates stamped on the text ------------------------------------------------------------


def test_a_wire_dateline_with_a_tatweel_dash_dates_the_item():
    first = f"حمص 3 آذار 2024 ــ {LEAD}"
    article = parse_article(page(first, MORE))
    assert article.published.date == datetime.date(2024, 3, 3)
    assert article.published.text == "3 آذار 2024"
    assert article.body == f"{first}\n\n{MORE}"  # the dateline stays in the text
    assert article.warnings == (
        "the date was read from the dateline opening the article: '3 آذار 2024'",
    )


def test_a_wire_dateline_names_its_agency_in_brackets_even_without_a_year():
    first = f"أنقرة 12 نوفمبر تشرين الثاني (رويترز) – {LEAD}"
    article = parse_article(page(TITLE, first, MORE))
    assert [m.name for m in article.attributions] == ["رويترز"]
    assert article.published is None  # no year: no date
    dated = parse_article(page(TITLE, f"أنقرة 12 نوفمبر 2023 (رويترز) – {LEAD}", MORE))
    assert dated.published.date == datetime.date(2023, 11, 12)
    assert [m.name for m in dated.attributions] == ["رويترز"]


def test_a_date_glued_to_the_first_word_in_arabic_indic_digits():
    first = f"٢٢ أيلول ٢٠٢١{LEAD}"
    article = parse_article(page(TITLE, first, MORE))
    assert article.published.date == datetime.date(2021, 9, 22)
    assert article.published.text == "٢٢ أيلول ٢٠٢١"
    assert first in article.body


def test_a_date_stamp_closing_the_first_paragraph():
    first = f'{LEAD[:-1]} "في الموعد". 14.02.2026'
    article = parse_article(page(TITLE, first, MORE))
    assert article.published.date == datetime.date(2026, 2, 14)
    assert article.published.text == "14.02.2026"


@pytest.mark.parametrize(
    "first",
    [
        f"في 14 أغسطس 2025 {LEAD}",  # a sentence that starts with a date
        f"14 أغسطس 2025 {LEAD}",  # a date then text, with nothing to say it is a stamp
        f"{LEAD[:-1]} في 12/9/2024.",  # a date inside the last sentence
    ],
)
def test_a_date_inside_a_sentence_is_not_a_stamp(first):
    assert parse_article(page(TITLE, first, MORE)).published is None


def test_a_dated_bulletin_takes_the_date_of_its_title_when_the_weekday_agrees():
    title = "مقدمات نشرات الأخبار المسائية ليوم السبت 17 كانون الأول 2022"
    article = parse_article(page(title, LEAD, MORE))
    assert article.title == title
    assert article.published.date == datetime.date(2022, 12, 17)
    assert article.findings.date_line == "السبت 17 كانون الأول 2022"
    # a weekday that is not that date's, or no weekday at all: an anniversary, not a stamp
    assert parse_article(page(title.replace("السبت", "الأحد"), LEAD, MORE)).published is None
    anniversary = "الذكرى الأولى لافتتاح الطريق الجديد بين المدينتين في 17 كانون الأول 2022"
    assert parse_article(page(anniversary, LEAD, MORE)).published is None


def test_a_date_line_on_the_page_wins_over_a_stamp_in_the_text():
    article = parse_article(page(TITLE, "الاثنين 5 شباط 2024", f"حمص 3 آذار 2024 ــ {LEAD}"))
    assert article.published.date == datetime.date(2024, 2, 5)


# -- headlines ------------------------------------------------------------------------------


def test_guillemets_in_a_headline_are_quotes_not_a_section_separator():
    title = "تطبيق «سند» لحجز المواعيد: أسئلة الأمان والسهولة"
    article = parse_article(page(title, "الأحد 05 تموز 2020", LEAD, MORE))
    assert article.title == title


def test_a_heading_repeated_between_the_items_is_not_the_title():
    label = "أخبار متفرقة من المحافظات"
    article = parse_article(
        page("الجمعة، 23 أكتوبر 2009", "أخبار المحافظات", label, LEAD, label, MORE, label, LEAD)
    )
    assert article.title == "أخبار المحافظات"
    assert reasons(article)[label] == "printed 2 times inside the article (a recurring label)"


def test_a_headline_with_a_full_stop_printed_twice_above_its_date_line():
    title = "كلمة الوزير في افتتاح الدورة الجديدة للمجلس الاستشاري للنقل."
    article = parse_article(
        page(
            f"كلمات ورسائل الوزير: {title}",
            "1200 مشاهدة",
            title,
            "عمّان : الخميس 7 أكتوبر 1999",
            LEAD,
            MORE,
        )
    )
    assert article.title == title
    assert article.published.date == datetime.date(1999, 10, 7)
    assert article.body == f"{LEAD}\n\n{MORE}"


# -- furniture told by its neighbours ------------------------------------------------------


def test_a_channel_header_is_not_the_article():
    article = parse_article(
        page(
            "وزارة النقل Ministry of Transport",
            "1.2K subscribers",
            "340 photos",
            "12 videos",
            "القناة الرسمية لوزارة النقل",
            "Download Telegram",
            LEAD,
            MORE,
        )
    )
    found = reasons(article)
    assert found["وزارة النقل Ministry of Transport"] == "a channel's name (above its counters)"
    assert found["340 photos"] == "a channel's counters"
    assert found["القناة الرسمية لوزارة النقل"] == "a channel's description (under its counters)"
    assert article.body == f"{LEAD}\n\n{MORE}"


def test_an_embedded_post_and_its_signature_are_not_the_article():
    post = "افتتحنا اليوم الطريق الجديد بين المدينتين أمام حركة المرور"
    signature = "— وزارة النقل (@transport_min) مارس 3, 2024"
    article = parse_article(page(TITLE, LEAD, post, signature, MORE))
    assert article.body == f"{LEAD}\n\n{MORE}"
    assert article.published is None  # the post's date is not the article's
    assert reasons(article)[post] == "the text of an embedded post (above its signature)"


@pytest.mark.parametrize(
    "redirect",
    [
        "لقراءة التفاصيل كاملة، يرجى زيارة الموقع بالضغط على الرابط التالي: هنا.",
        "Redirecting to full article...",
        "more »",
    ],
)
def test_a_link_to_the_rest_of_the_article_is_not_text(redirect):
    article = parse_article(page(TITLE, LEAD, MORE, redirect))
    assert article.body == f"{LEAD}\n\n{MORE}"


def test_a_sentence_that_mentions_a_link_stays():
    sentence = "وتابع المسافرون افتتاح الطريق عبر البث المباشر هنا في العاصمة طوال اليوم."
    article = parse_article(page(TITLE, LEAD, sentence))
    assert sentence in article.body


def test_a_headline_under_a_channels_counters_stays_the_title():
    article = parse_article(page("قناة أخبار النقل", "12.5K subscribers", TITLE, LEAD, MORE))
    assert article.title == TITLE
    assert reasons(article)["قناة أخبار النقل"] == "a channel's name (above its counters)"


def test_a_bracketed_source_closing_the_text_credits_it():
    last = f"{MORE} (سانا)"
    article = parse_article(page(TITLE, LEAD, last))
    assert [m.name for m in article.attributions] == ["سانا"]
    assert article.body == f"{LEAD}\n\n{last}"
    # inside the text, a bracketed name is a citation, and its paragraph is still prose
    inside = parse_article(page(TITLE, f"{LEAD} (سانا)", MORE))
    assert inside.attributions == ()
    assert inside.body == f"{LEAD} (سانا)\n\n{MORE}"


def test_a_statement_signed_with_its_place_and_date():
    article = parse_article(
        page("بيان صادر عن وزارة النقل", LEAD, MORE, "وزارة النقل", "حمص", "3/4/2024")
    )
    assert article.published.date == datetime.date(2024, 4, 3)
    assert article.body == f"{LEAD}\n\n{MORE}"
    assert "the date was read from the signature under the text: '3/4/2024'" in article.warnings


def test_a_date_under_a_list_of_other_headlines_is_not_the_articles():
    article = parse_article(
        page(
            TITLE,
            LEAD,
            MORE,
            "عنوان خبر آخر عن موضوع مختلف تماما هنا",
            "3/4/2024",
            "خبر",
            "خبر ثان",
            "ثالث",
        )
    )
    assert article.published is None


def test_a_page_of_posts_takes_a_date_line_its_text_states_again():
    post = "وتقام المراسم بعد ظهر اليوم الجمعة الموافق 18/10/2024 في المقبرة الإسلامية بالمدينة."
    second = "عنوان المنشور الثاني في القناة الرسمية للوزارة"
    article = parse_article(page(TITLE, LEAD, post, second, "18 أكتوبر/تشرين الأول 2024", MORE))
    assert article.published.date == datetime.date(2024, 10, 18)
    assert article.findings.date_line == "18 أكتوبر/تشرين الأول 2024"
    # a date line the text does not state again is another post's
    other = parse_article(page(TITLE, LEAD, MORE, second, "19 أكتوبر/تشرين الأول 2024", MORE))
    assert other.published is None


def test_an_aggregators_source_line_in_latin_letters():
    article = parse_article(page("Al Madina", "2025-09-25:", LEAD, MORE))
    assert [m.name for m in article.attributions] == ["Al Madina"]
    assert article.published.date == datetime.date(2025, 9, 25)
    assert article.body == f"{LEAD}\n\n{MORE}"
    menu = parse_article(page("Home", "Latest News", LEAD, MORE))
    assert menu.attributions == ()


def test_an_outlets_dateline_on_its_own_line_is_not_the_title():
    article = parse_article(page("نبأ نيوز - حمص", LEAD, MORE))
    assert article.title_derived
    assert article.body.startswith(LEAD)


def test_a_promotion_after_the_date_is_chrome_not_a_summary():
    promo = "سجّل إعجابك بصفحتنا على فيسبوك لتحصل على المزيد"
    article = parse_article(page(f" date 2025-10-30 {promo}", "", LEAD, "", MORE))
    assert article.published.date == datetime.date(2025, 10, 30)
    assert article.summary == ""
    assert article.body == f"{LEAD}\n\n{MORE}"
    assert reasons(article)[promo] == "page debris (relative time, share, follow or ad line)"


HEADLINES = "    ".join(
    [
        "عنوان خبر أول عن الاقتصاد",
        "عنوان خبر ثان عن الرياضة في المدينة",
        "عنوان ثالث عن الطقس والأمطار الغزيرة",
        "رابع عن انتخابات مجلس النواب في المحافظة",
        "خامس عن أسعار الذهب اليوم في الأسواق المحلية",
    ]
)


def test_headlines_joined_on_one_line_by_runs_of_spaces_are_a_list():
    article = parse_article(page(HEADLINES, TITLE, "12 مارس 2024", LEAD, MORE, HEADLINES))
    assert article.title == TITLE
    assert article.published.date == datetime.date(2024, 3, 12)
    assert article.body == f"{LEAD}\n\n{MORE}"
    assert reasons(article)[HEADLINES] == "a list of headlines joined on one line"


def test_a_paragraph_with_a_double_space_is_still_text():
    spaced = LEAD.replace(" افتتاح", "   افتتاح")
    assert parse_article(page(TITLE, spaced, MORE)).body == f"{spaced}\n\n{MORE}"


@pytest.mark.parametrize(
    ("title_label", "date_label", "source_label", "text_label"),
    [("العنوان", "التاريخ", "المصدر", "النص"), ("Title", "Date", "Source", "Text")],
)
def test_a_record_of_labelled_fields(title_label, date_label, source_label, text_label):
    article = parse_article(
        page(
            f"{title_label}: {TITLE}",
            f"{date_label}: 2024-03-12",
            f"{source_label}: سانا",
            f"{text_label}: {LEAD}",
            MORE,
        )
    )
    assert article.title == TITLE
    assert article.findings.title_evidence == "the record's title field"
    assert article.published.date == datetime.date(2024, 3, 12)
    assert [m.name for m in article.attributions] == ["سانا"]
    assert article.body == f"{LEAD}\n\n{MORE}"


COLUMN = [
    "أعلنت وزارة النقل أمس افتتاح الطريق",
    "الجديد بين المدينتين بعد عامين من",
    "العمل المتواصل. وقال مدير المشروع إن",
    "الطريق يختصر زمن الرحلة إلى النصف",
    "ويخدم آلاف المسافرين يوميا.",
    "وأضاف أن المرحلة الثانية من المشروع",
    "ستبدأ في الربيع المقبل وتشمل جسرين",
    "وثلاثة أنفاق خلال العام الحالي.",
]


def test_a_printed_page_its_masthead_and_its_hard_wrapped_column():
    article = parse_article(
        page(
            "الأيام",
            "يومية سياسية مستقلة",
            "السنة 12 - العدد 3456",
            "الأحد 12 أيار 2024 م - 4 ذو القعدة 1445 هـ",
            TITLE,
            "",
            *COLUMN,
            "3",
        )
    )
    assert article.title == TITLE
    assert article.published.date == datetime.date(2024, 5, 12)
    # the column's lines joined back into its two paragraphs, each the file's own span
    assert article.body == "\n".join(COLUMN[:5]) + "\n\n" + "\n".join(COLUMN[5:])
    found = reasons(article)
    assert found["السنة 12 - العدد 3456"] == "a printed paper's issue number (masthead)"
    assert found["يومية سياسية مستقلة"] == "a printed paper's masthead (above its issue number)"


def test_short_lines_that_each_end_their_sentence_stay_separate():
    lines = ["وصل الوفد إلى العاصمة صباحا.", "بدأت المحادثات بعد الظهر.", "انتهى الاجتماع مساء."]
    article = parse_article(page(TITLE, LEAD, *lines))
    assert article.body == "\n\n".join([LEAD, *lines])


def test_a_list_of_headlines_on_short_lines_is_not_joined():
    heads = [
        "ارتفاع أسعار الذهب في الأسواق",
        "فوز الفريق المحلي بالبطولة",
        "أمطار غزيرة على المناطق الساحلية",
    ]
    article = parse_article(page(TITLE, LEAD, MORE, "", *heads))
    assert article.body == f"{LEAD}\n\n{MORE}"


def test_wrapped_lines_are_not_joined_in_a_file_with_crlf_line_ends():
    article = parse_article(page(TITLE, "", *COLUMN).replace("\n", "\r\n"))
    for paragraph in article.body.split("\n\n"):
        assert "\n" not in paragraph


@pytest.mark.parametrize(
    "caption", ["صورة أرشيفية - 12 مارس 2020", "الوزير خلال الافتتاح (تصوير: سامر) 12/3/2020"]
)
def test_a_captions_date_is_not_the_articles(caption):
    article = parse_article(page(TITLE, caption, LEAD, MORE))
    assert article.published is None
    assert article.body == f"{LEAD}\n\n{MORE}"
    dated = parse_article(page(TITLE, "13 مارس 2024", caption, LEAD, MORE))
    assert dated.published.date == datetime.date(2024, 3, 13)


def test_an_agency_credit_with_the_editors_initials():
    article = parse_article(page(TITLE, LEAD, MORE, "(كونا) ع ا ب"))
    assert [m.name for m in article.attributions] == ["كونا"]
    assert article.body == f"{LEAD}\n\n{MORE}"


def test_a_front_page_extracted_from_a_pdf():
    # reversed lam-alef ("األولى", "وكاالت"), a day glued to its month, stretched letters
    imprint = "رئيس مجلس اإلدارة سامر علي رئيس التحرير المسؤول خالد حسن"
    article = parse_article(
        "\n\n".join(
            [
                "Page 1",
                imprint,
                "الخميس  ١٧ربيع األول ١٤٤١",
                "الموافق  ١٤نوفمبر 2019",
                "يوميـة شاملـة تصـدر عـن مؤسسة األيام",
                "السنـة األولــى",
                "العــدد ٢١٤",
                TITLE,
                "األيام  -وكاالت",
                LEAD,
                "ص6",
            ]
        )
    )
    assert article.title == TITLE
    assert article.published.date == datetime.date(2019, 11, 14)
    assert article.findings.date_line == "الموافق  ١٤نوفمبر 2019"
    assert [m.name for m in article.attributions] == ["وكالات"]
    assert article.body == LEAD
    assert reasons(article)[imprint] == "the paper's imprint (its editors' names)"


def test_a_section_name_glued_to_the_title_with_a_dash_when_the_menu_prints_it():
    article = parse_article(
        page("أخبار", "محليات", "رياضة", f"محليات - {TITLE}", "13 مارس 2024", LEAD)
    )
    assert article.title == TITLE
    # without the menu line the dash may be the headline's own ("سوريا - تركيا: ...")
    bare = parse_article(page(f"محليات - {TITLE}", "13 مارس 2024", LEAD))
    assert bare.title == f"محليات - {TITLE}"


def test_a_view_counter_with_a_thousands_separator_and_a_feed_footer_above_the_article():
    footer = "ظهرت المقالة افتتاح الطريق أولاً على موقع الأخبار."
    article = parse_article(page("عدد المشاهدات: 1,234", footer, TITLE, "13 مارس 2024", LEAD, MORE))
    assert article.title == TITLE
    assert article.body == f"{LEAD}\n\n{MORE}"
    found = reasons(article)
    assert found[footer] == "feed footer"
    assert found["عدد المشاهدات: 1,234"].startswith("page widget")
