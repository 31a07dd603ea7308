"""Dated event mentions: what the extractor finds in each seed, and how dates
resolve against an article's publication date (plain Python, no database)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.parsing.events import (
    EventExtractor,
    ResolvedDate,
    claims_agree,
    claims_conflict,
    date_label,
    extract_event_mentions,
)

D = dt.date


def found(body: str, published: dt.date | None) -> list[tuple]:
    """(kind, date text, year, month, day, precision, place) of each mention,
    after checking every offset holds its text."""
    rows = []
    for m in extract_event_mentions(body, published):
        assert body[m.start : m.end] == m.sentence
        assert body[m.date_start : m.date_end] == m.date_text
        assert body[m.trigger_start : m.trigger_end] == m.trigger
        assert m.start <= m.date_start < m.date_end <= m.end
        d = m.date
        rows.append((m.kind, m.date_text, d.year, d.month, d.day, d.precision, m.place))
    return rows


def seed(parsed, number: str) -> list[tuple]:
    article = parsed[number]
    return found(article.body, article.published.date if article.published else None)


def test_seed_000_yesterday_is_the_day_before_its_date(parsed):
    assert parsed["000"].published.date == D(2025, 8, 14)
    assert seed(parsed, "000") == [
        ("conference", "8 أغسطس", 2025, 8, 8, "day", "الحسكة"),
        # The SDF–Damascus agreement, dated 8 March here (10 March in 001).
        ("agreement", "8 مارس", 2025, 3, 8, "day", ""),
        # The MoU signed "يوم أمس": 13 August, a day.
        ("agreement", "أمس", 2025, 8, 13, "day", ""),
        ("statement", "اليوم", 2025, 8, 14, "day", ""),
        ("agreement", "أمس الأربعاء", 2025, 8, 13, "day", ""),
        # not "اتفاق … منذ شهور، بعد الإطاحة ببشار الأسد في ديسمبر": December is the ousting's
    ]


def test_seed_000_sentence_and_event_word(parsed):
    body = parsed["000"].body
    mou = extract_event_mentions(body, D(2025, 8, 14))[2]
    assert mou.sentence == (
        "وأكدت الوزارة أنها دافعت منذ البداية عن “الوحدة السياسية لسوريا وسلامة أراضيها”، "
        "وستواصل دعمها، مشيرة إلى أن توقيع مذكرة التفاهم المشتركة للتدريب والاستشارات "
        "يوم أمس يمثل خطوة هامة في مسار التعاون بين البلدين."
    )
    assert mou.trigger == "مذكرة التفاهم"
    assert mou.date.label() == "13 August 2025"


def test_seed_001_states_no_date_so_no_year(parsed):
    assert parsed["001"].published is None
    assert seed(parsed, "001") == [
        ("statement", "اليوم الأربعاء", None, None, None, "", ""),
        ("statement", "الأسبوع الماضي", None, None, None, "", ""),
        # day 10, month 3, year unknown
        ("agreement", "10 آذار", None, 3, 10, "day", ""),
        ("agreement", "شهر آذار", None, 3, None, "month", ""),
        ("meeting", "اليوم الأربعاء", None, None, None, "", "تركيا"),
    ]
    ten_march = extract_event_mentions(parsed["001"].body)[2]
    assert ten_march.date.label() == "10 March (year not stated)"
    assert ten_march.date.bounds() is None
    assert extract_event_mentions(parsed["001"].body)[0].date.note == (
        "relative to a publication date the article does not state"
    )


def test_seed_002_weekday_with_its_date_and_today(parsed):
    assert seed(parsed, "002") == [
        # "تم توقيع الاتفاقية خلال زيارة … حيث التقوا …، يوم الأربعاء 13 آب": the signing
        ("agreement", "يوم الأربعاء 13 آب", 2025, 8, 13, "day", ""),
        # not "يأتي توقيع الاتفاقية بعد الأحداث التي شهدتها … السويداء … في تموز الماضي"
        # (July is the events'), nor "وتؤكد تركيا …، وبعد أيام من سقوط النظام السوري، في
        # 8 كانون الأول 2024، …" (8 December is the fall's)
        ("meeting", "اليوم", 2025, 8, 13, "day", "أنقرة"),
    ]


def test_seed_003_has_no_dated_event(parsed):
    assert seed(parsed, "003") == []


def test_seed_004_last_august_is_a_month(parsed):
    assert parsed["004"].published.date == D(2025, 10, 12)
    assert seed(parsed, "004") == [
        ("statement", "اليوم الأحد", 2025, 10, 12, "day", ""),
        ("meeting", "اليوم", 2025, 10, 12, "day", "أنقرة"),
        ("meeting", "اليوم", 2025, 10, 12, "day", ""),
        ("statement", "أمس السبت", 2025, 10, 11, "day", ""),
        ("meeting", "أمس السبت", 2025, 10, 11, "day", ""),
        ("agreement", "أغسطس/آب الماضي", 2025, 8, None, "month", ""),
    ]
    last = extract_event_mentions(parsed["004"].body, D(2025, 10, 12))[-1]
    assert last.date.label() == "August 2025"
    assert last.date.bounds() == (D(2025, 8, 1), D(2025, 8, 31))


def one(text: str, published: dt.date | None) -> ResolvedDate:
    (mention,) = extract_event_mentions(text, published)
    return mention.date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # year rollover: last December, said in January, is last year's
        ("وقع الجانبان الاتفاق في كانون الأول الماضي.", D(2026, 1, 10), (2025, 12, None, "month")),
        ("وقع الجانبان الاتفاق في كانون الثاني الماضي.", D(2026, 1, 10), (2025, 1, None, "month")),
        ("وقع الجانبان الاتفاق في 28 كانون الأول.", D(2026, 1, 3), (2025, 12, 28, "day")),
        ("وقع الجانبان الاتفاق الشهر الماضي.", D(2026, 1, 3), (2025, 12, None, "month")),
        ("وقع الجانبان الاتفاق العام الماضي.", D(2026, 1, 3), (2025, None, None, "year")),
        ("وقع الجانبان الاتفاق في الشهر الجاري.", D(2026, 1, 3), (2026, 1, None, "month")),
        ("وقع الجانبان الاتفاق في مارس المقبل.", D(2026, 4, 3), (2027, 3, None, "month")),
        # Hijri, with and without a year
        ("وقع الوزيران الاتفاقية في 20 صفر 1447 هـ.", D(2025, 8, 20), (2025, 8, 14, "day")),
        ("وقع الوزيران الاتفاقية في 19 صفر.", D(2025, 8, 14), (2025, 8, 13, "day")),
        # days back
        ("وقع الوزيران الاتفاقية أمس الأول.", D(2025, 8, 14), (2025, 8, 12, "day")),
        ("وقع الوزيران الاتفاقية بالأمس.", D(2025, 8, 14), (2025, 8, 13, "day")),
        # the week before the publication date's (Monday to Sunday)
        ("التقى الوزيران الأسبوع الماضي.", D(2025, 8, 14), (2025, 8, 4, "week")),
        # weekdays: only when the sentence says which
        ("التقى الوزيران الأربعاء الماضي في أنقرة.", D(2025, 8, 14), (2025, 8, 13, "day")),
        ("التقى الوزيران الأربعاء الماضي في أنقرة.", D(2025, 8, 13), (2025, 8, 13, "day")),
        ("التقى الوزيران اليوم الأربعاء.", D(2025, 8, 13), (2025, 8, 13, "day")),
        ("التقى الوزيران أمس الأربعاء.", D(2025, 8, 14), (2025, 8, 13, "day")),
        ("التقى الوزيران يوم الخميس في أنقرة.", D(2025, 8, 14), (None, None, None, "")),
        # a bare weekday, even the day before a Thursday's article, is not guessed
        ("التقى الوزيران الأربعاء في أنقرة.", D(2025, 8, 14), (None, None, None, "")),
        ("وقع الجانبان الاتفاق الاثنين.", D(2025, 8, 14), (None, None, None, "")),
        ("التقى الوزيران الخميس المقبل.", D(2025, 8, 12), (2025, 8, 14, "day")),
        # full dates as written, in every form the loader reads
        ("وقع الجانبان الاتفاقية في 14/08/2025.", None, (2025, 8, 14, "day")),
        ("وقع الجانبان الاتفاقية في 2025-08-14.", None, (2025, 8, 14, "day")),
        ("وقع الجانبان الاتفاقية في 14 أغسطس/آب 2025.", None, (2025, 8, 14, "day")),
        ("وقع الجانبان الاتفاقية في ١٤ أغسطس ٢٠٢٥.", None, (2025, 8, 14, "day")),
        ("وقع الجانبان الاتفاقية عام 2024.", None, (2024, None, None, "year")),
        # no publication date: only what the text states
        ("وقع الجانبان الاتفاقية أمس.", None, (None, None, None, "")),
        ("وقع الجانبان الاتفاقية في آب الماضي.", None, (None, 8, None, "month")),
        ("وقع الجانبان الاتفاقية في 19 صفر.", None, (None, None, None, "")),
    ],
)
def test_resolution(text, published, expected):
    date = one(text, published)
    assert (date.year, date.month, date.day, date.precision) == expected


def test_a_weekday_alone_says_why_it_is_not_resolved():
    date = one("التقى الوزيران يوم الخميس في أنقرة.", D(2025, 8, 14))
    assert date.note == "a weekday alone: the text does not say which"
    assert date.label() == "date not resolved"


def test_a_weekday_that_disagrees_with_the_date_is_noted():
    date = one("التقى الوزيران اليوم الأربعاء.", D(2025, 8, 14))
    assert (date.year, date.month, date.day) == (2025, 8, 14)
    assert date.note == "the text names a Wednesday, but 2025-08-14 is a Thursday"


@pytest.mark.parametrize(
    "text",
    [
        "وأشار إبراهيم قالن إلى صعوبة الوضع في 8 مارس.",  # قالن is a name, not قال
        "وتتوقع الوزارة التزام قسد في 8 مارس.",  # توقع: expects, not signing
        "ومارس الجانب التركي ضغوطا كبيرة على قسد.",  # مارس: he practised
        "وقع الجانبان الاتفاقية بعد مفاوضات طويلة.",  # no date
        "أمس كان يوما هادئا في أنقرة.",  # a date, no event
    ],
)
def test_no_mention(text):
    assert extract_event_mentions(text, D(2025, 8, 14)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date after "بعد / قبل / عقب / إثر / منذ" and a noun dates that noun
        ("وكان الطرفان يتفاوضان على اتفاق منذ أسابيع، بعد سقوط المدينة في نيسان.", []),
        ("جاء توقيع المذكرة عقب المعارك التي شهدتها حلب في آذار الماضي.", []),
        ("وبعد انسحاب القوات في 3 آذار 2024، وقع الجانبان اتفاقا جديدا.", []),
        ("وتعلن الوزارة دعمها، وقبل أيام من الانتخابات، في 3 آذار 2024، عاد الوفد.", []),
        # the event word inside the phrase: its own date
        ("وبعد توقيع الاتفاق في 8 مارس، عاد الوفد إلى دمشق.", [("agreement", "8 مارس")]),
        # another clause, or no noun of its own after the word: the event's date
        ("وقع الجانبان الاتفاق بعد مفاوضات طويلة، وذلك في 8 مارس.", [("agreement", "8 مارس")]),
        ("وقع الجانبان الاتفاق بعد ذلك في 8 مارس.", [("agreement", "8 مارس")]),
        ("التقى الوزيران بعد ظهر الأربعاء الماضي.", [("meeting", "الأربعاء الماضي")]),
        (
            "التقى الوزيران قبل أيام في أنقرة، يوم الأربعاء الماضي.",
            [("meeting", "يوم الأربعاء الماضي")],
        ),
        # a meeting named inside the phrase is the one dated
        ("قال الوزير بعد اجتماع الأمس إن المباحثات مثمرة.", [("meeting", "الأمس")]),
    ],
)
def test_a_date_after_before_or_since_something_else_is_its_date(text, expected):
    found = extract_event_mentions(text, D(2025, 8, 14))
    assert [(m.kind, m.date_text) for m in found] == expected


def test_place_with_the_preposition_joined():
    (mention,) = extract_event_mentions("عقدت الاجتماعات أمس بأنقرة.", D(2025, 8, 14))
    assert (mention.kind, mention.place) == ("meeting", "أنقرة")


def test_extra_places_from_the_caller():
    extractor = EventExtractor(places=["غازي عينتاب الجديدة"])
    (mention,) = extractor.extract("التقى الوزيران أمس في غازي عينتاب الجديدة.", D(2025, 8, 14))
    assert mention.place == "غازي عينتاب الجديدة"


def test_offsets_are_code_points_of_the_original_with_diacritics():
    body = "وقّعَ الوزيرانِ الاتفاقيةَ أمسِ في أنقرة."
    (mention,) = extract_event_mentions(body, D(2025, 8, 14))
    assert mention.trigger == "اتفاقيةَ"  # the nearest event word, without its ال
    assert mention.date_text == "أمسِ"
    assert mention.sentence == body


@pytest.mark.parametrize(
    ("parts", "label"),
    [
        ((2025, 8, 13, "day"), "13 August 2025"),
        ((None, 3, 10, "day"), "10 March (year not stated)"),
        ((2025, 8, None, "month"), "August 2025"),
        ((None, 8, None, "month"), "August (year not stated)"),
        ((2025, 8, 4, "week"), "week of 4 August 2025"),
        ((2024, None, None, "year"), "2024"),
        ((None, None, None, ""), "date not resolved"),
    ],
)
def test_labels(parts, label):
    assert date_label(*parts) == label


# Claims: (year or None, month, day, precision) as an article gives them.
claims_strategy = st.lists(
    st.one_of(
        st.tuples(
            st.sampled_from([None, 2024, 2025]),
            st.integers(1, 12),
            st.integers(1, 28),
            st.sampled_from(["day", "week"]),
        ),
        st.tuples(
            st.sampled_from([None, 2024, 2025]), st.integers(1, 12), st.none(), st.just("month")
        ),
        st.tuples(st.sampled_from([2024, 2025]), st.none(), st.none(), st.just("year")),
        st.just((None, None, None, "")),
    ),
    max_size=6,
)


@settings(deadline=None)  # no timing in tests: the machine is shared
@given(claims_strategy)
def test_claims_conflict_is_any_two_disagreeing(claims):
    pairwise = any(not claims_agree(a, b) for i, a in enumerate(claims) for b in claims[i + 1 :])
    assert claims_conflict(claims) is pairwise


@pytest.mark.parametrize(
    ("claims", "conflict"),
    [
        ([(2025, 3, 8, "day"), (None, 3, 10, "day")], True),  # the SDF agreement, 000 and 001
        ([(2025, 3, 8, "day"), (None, 3, None, "month")], False),  # March holds 8 March
        ([(2025, 8, 13, "day"), (2025, 8, None, "month"), (None, 8, 13, "day")], False),
        ([(2024, 3, 8, "day"), (2025, 3, 8, "day")], True),  # same day, another year
        # a claim without a year takes the other's: 9 March is within 2025, not on 8 March
        ([(2025, 3, 8, "day"), (2025, None, None, "year"), (None, 3, 9, "day")], True),
        ([(2024, 3, None, "month"), (2025, 3, 8, "day")], True),
        ([(None, 3, 8, "day"), (None, 3, 9, "day")], True),
        ([(None, 3, 8, "day"), (None, None, None, "")], False),  # unresolved agrees
    ],
)
def test_claims_conflict_examples(claims, conflict):
    assert claims_conflict(claims) is conflict
