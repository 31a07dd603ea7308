"""The header date recogniser: every form in the seeds and its family."""

from __future__ import annotations

import datetime

import pytest

from archive.parsing import parse_date_line
from archive.parsing.dates import hijri_to_gregorian

D = datetime.date
T = datetime.time


def published(line: str):
    result = parse_date_line(line)
    assert result is not None, line
    assert result.published is not None, line
    return result.published


@pytest.mark.parametrize(
    ("line", "day", "clock", "offset"),
    [
        # the seeds
        (" date 2025-08-14 الخميس 20 صفر 1447 ﻫ - 14 أغسطس 2025 |", D(2025, 8, 14), None, None),
        ("الأربعاء, 13 أغسطس 2025 07:51 PM", D(2025, 8, 13), T(19, 51), None),
        ("تاريخ النشر: 26th, December 2024 GMT", D(2024, 12, 26), None, 0),
        # ISO, with time and zone
        ("2025-08-14", D(2025, 8, 14), None, None),
        ("2025-08-14T13:24:05+03:00", D(2025, 8, 14), T(13, 24, 5), 180),
        ("2025-08-14T13:24Z", D(2025, 8, 14), T(13, 24), 0),
        # Egyptian / Gulf months, labels, weekdays, Arabic meridiem markers
        ("نشر في: الخميس 14 أغسطس 2025 - 10:30 صباحاً", D(2025, 8, 14), T(10, 30), None),
        ("بتاريخ 14 اغسطس 2025 10:30 ص", D(2025, 8, 14), T(10, 30), None),
        ("يوم الجمعة 3 يناير 2025 08:05 مساء", D(2025, 1, 3), T(20, 5), None),
        ("12 أكتوبر 2025 12:15 ص", D(2025, 10, 12), T(0, 15), None),
        ("12 أكتوبر 2025 12:15 م", D(2025, 10, 12), T(12, 15), None),
        ("1 يونيه 2024 9:00 مساءً", D(2024, 6, 1), T(21, 0), None),
        # Levantine months and compound forms
        ("الخميس 14 آب 2025", D(2025, 8, 14), None, None),
        ("8 كانون الأول 2024", D(2024, 12, 8), None, None),
        ("8 كانون ثاني 2024", D(2024, 1, 8), None, None),
        ("14 أغسطس/آب 2025", D(2025, 8, 14), None, None),
        ("10 مارس آذار 2025", D(2025, 3, 10), None, None),
        ("10 آذار (مارس) 2025", D(2025, 3, 10), None, None),
        ("1 تشرين الثاني 2023 14:00", D(2023, 11, 1), T(14, 0), None),
        # Maghrebi
        ("14 جويلية 2025", D(2025, 7, 14), None, None),
        # English
        ("Published: December 26, 2024 10:30 a.m. UTC+3", D(2024, 12, 26), T(10, 30), 180),
        ("26 Dec 2024 11:59 pm GMT", D(2024, 12, 26), T(23, 59), 0),
        ("Thursday, 1st August 2024", D(2024, 8, 1), None, None),
        # Eastern Arabic digits
        ("١٤ أغسطس ٢٠٢٥ ١:٢٤ مساءً", D(2025, 8, 14), T(13, 24), None),
        ("نشر في ١٤/٠٨/٢٠٢٥", D(2025, 8, 14), None, None),
        # numeric dates: day first (Arab-world order), year first
        ("14/08/2025 - 19:51", D(2025, 8, 14), T(19, 51), None),
        ("14.8.2025", D(2025, 8, 14), None, None),
        ("2025/08/14", D(2025, 8, 14), None, None),
        # named zones
        ("14 أغسطس 2025 10:00 بتوقيت مكة المكرمة", D(2025, 8, 14), T(10, 0), 180),
        ("14 أغسطس 2025 10:00 بتوقيت غرينتش", D(2025, 8, 14), T(10, 0), 0),
        ("14.08.2025 13:24 ت.غ", D(2025, 8, 14), T(13, 24), 0),
        ("14 أغسطس 2025 10:00 بتوقيت القاهرة", D(2025, 8, 14), T(10, 0), None),
        ("14 أغسطس 2025 10:00 بتوقيت أنقرة", D(2025, 8, 14), T(10, 0), 180),
        ("14 أغسطس 2015 10:00 بتوقيت أنقرة", D(2015, 8, 14), T(10, 0), None),
        # a place before the date is a dateline, not text
        ("القاهرة - الخميس 14 أغسطس 2025", D(2025, 8, 14), None, None),
    ],
)
def test_published_forms(line, day, clock, offset):
    date = published(line)
    assert (date.date, date.time, date.utc_offset_minutes) == (day, clock, offset)
    assert type(date.date) is datetime.date
    assert date.text in line


def test_text_is_the_stripped_line():
    assert published("  الخميس 14 آب 2025 \t").text == "الخميس 14 آب 2025"


def test_updated_line():
    result = parse_date_line("آخر تحديث: 14 - أغسطس - 2025 1:24 مساءً")
    assert result.published is None
    assert result.updated.date == D(2025, 8, 14)
    assert result.updated.time == T(13, 24)
    assert result.updated.text == "آخر تحديث: 14 - أغسطس - 2025 1:24 مساءً"


@pytest.mark.parametrize(
    "line",
    [
        "تم التحديث 14 أغسطس 2025 13:24",
        "Updated: Aug 14, 2025 1:24 PM",
        "تاريخ التحديث: 14/08/2025 13:24",
    ],
)
def test_updated_labels(line):
    result = parse_date_line(line)
    assert result.published is None
    assert (result.updated.date, result.updated.time) == (D(2025, 8, 14), T(13, 24))


def test_published_and_updated_on_one_line():
    result = parse_date_line("نشر في: 14/08/2025 - 10:30 ص | آخر تحديث: 13:24")
    assert (result.published.date, result.published.time) == (D(2025, 8, 14), T(10, 30))
    assert (result.updated.date, result.updated.time) == (D(2025, 8, 14), T(13, 24))
    assert result.published.text == "نشر في: 14/08/2025 - 10:30 ص"
    assert result.updated.text == "آخر تحديث: 13:24"


def test_hijri_agrees():
    result = parse_date_line("الخميس 20 صفر 1447 هـ الموافق 14 أغسطس 2025 م")
    assert result.published.date == D(2025, 8, 14)
    assert result.hijri_text == "20 صفر 1447 هـ"
    assert result.warnings == []


def test_hijri_keeps_presentation_form():
    result = parse_date_line("20 صفر 1447 ﻫ - 14 أغسطس 2025")
    assert result.hijri_text == "20 صفر 1447 \ufeeb"


def test_hijri_disagreement_warns_and_keeps_gregorian():
    result = parse_date_line("22 صفر 1447 هـ - 14 أغسطس 2025")
    assert result.published.date == D(2025, 8, 14)
    assert len(result.warnings) == 1
    assert "2025-08-16" in result.warnings[0] and "2025-08-14" in result.warnings[0]


def test_hijri_only_is_converted_with_a_warning():
    result = parse_date_line("الخميس 20 صفر 1447 هـ")
    assert result.published.date == D(2025, 8, 14)
    assert "Hijri" in result.warnings[0]


def test_hijri_year_is_never_a_gregorian_year():
    for line in ("20 صفر 1447", "1447 هـ", "الخميس 1447"):
        result = parse_date_line(line)
        assert result is None or result.published is None or result.published.date.year > 1900


def test_hijri_to_gregorian():
    assert hijri_to_gregorian(1447, 2, 20) == D(2025, 8, 14)
    assert type(hijri_to_gregorian(1447, 2, 20)) is datetime.date
    assert hijri_to_gregorian(1447, 13, 1) is None


def test_conflicting_gregorian_dates_warn():
    result = parse_date_line("date 2025-08-14 - 15 أغسطس 2025")
    assert result.published.date == D(2025, 8, 14)
    assert result.warnings


def test_summary_remainder():
    result = parse_date_line(" date 2025-10-12 - النقطة الأولى هنا. - النقطة الثانية هناك. ")
    assert result.published.date == D(2025, 10, 12)
    assert result.published.text == "date 2025-10-12"
    assert result.labelled is True
    assert result.remainder == "النقطة الأولى هنا. - النقطة الثانية هناك."


@pytest.mark.parametrize(
    "line",
    [
        'وزارة الدفاع التركية تؤكد على دعمها لسوريا وتوجه رسالة لـ"قسد"',
        "وقع البلدان في 13 أغسطس 2025 مذكرة تفاهم للتدريب والاستشارات العسكرية في أنقرة",
        "14 أغسطس 2025 أعلنت وزارة الدفاع التركية دعمها وحدة سوريا وسلامة أراضيها",
        "منذ 34 ثانية",
        "في 10 آذار",
        "أغسطس 2025",
        "32 أغسطس 2025",
        "",
    ],
)
def test_not_date_lines(line):
    result = parse_date_line(line)
    assert result is None or (result.published is None and result.updated is None)


def test_relative_words_never_reach_dateparser():
    assert parse_date_line("أمس 2025") is None


def test_dateparser_fallback_reads_unusual_forms():
    # year first with a month name: not in the fast path
    result = parse_date_line("2025 أغسطس 14")
    assert result.published.date == D(2025, 8, 14)
    assert result.published.time is None


def test_spaced_iso_time_takes_its_meridiem_marker():
    date = published("2025-08-14 01:24 م")
    assert (date.date, date.time) == (D(2025, 8, 14), T(13, 24))
    date = published("2025-08-14 13:24:00 +03:00")
    assert (date.time, date.utc_offset_minutes) == (T(13, 24), 180)
