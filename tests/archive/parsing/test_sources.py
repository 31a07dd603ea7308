"""The source gazetteer: attribution look-ups and citations in running text."""

from __future__ import annotations

import pytest

from archive.parsing import SOURCES, cited_sources, lookup_source

KINDS = {"outlet", "agency", "broadcaster", "ministry", "social", "other"}


def names(text: str) -> list[str]:
    return [mention.name for mention in cited_sources(text)]


def test_gazetteer_rows_are_well_formed():
    seen = set()
    for source in SOURCES:
        assert source.kind in KINDS
        assert source.name and source.name_en
        assert source.name not in seen
        seen.add(source.name)


@pytest.mark.parametrize(
    ("text", "name", "name_en"),
    [
        ("رويترز", "رويترز", "Reuters"),
        ("• رويترز", "رويترز", "Reuters"),
        ("(سانا)", "سانا", "SANA"),
        ("- وكالات -", "وكالات", "Agencies"),
        ("البوابة نيوز", "البوابة نيوز", "Al-Bawaba News"),
        ("أ ف ب", "أ ف ب", "Agence France-Presse (AFP)"),
        ("أ.ف.ب", "أ ف ب", "Agence France-Presse (AFP)"),
        ("Reuters", "رويترز", "Reuters"),
        ("وكالة الأنباء السورية", "سانا", "SANA"),
        ("الاناضول", "الأناضول", "Anadolu Agency"),
    ],
)
def test_lookup(text, name, name_en):
    source = lookup_source(text)
    assert (source.name, source.name_en) == (name, name_en)


def test_lookup_unknown():
    assert lookup_source("موقع لا نعرفه") is None
    assert lookup_source("وكالات الأنباء العالمية اليوم") is None


@pytest.mark.parametrize(
    ("text", "expected", "as_written"),
    [
        ("قال مصدر اليوم لرويترز إن", ["رويترز"], "لرويترز"),
        ("وقال للأناضول إن الاجتماع", ["الأناضول"], "للأناضول"),
        ("بحسب وكالة “الأناضول” التركية", ["الأناضول"], "الأناضول"),
        ("وذكرت وكالة الأنباء السورية (سانا) أن", ["سانا"], "وكالة الأنباء السورية"),
        ("وذكرت وكالة “سانا” أن", ["سانا"], "سانا"),
        ("ونقلت وكالة فرانس برس عن", ["فرانس برس"], "وكالة فرانس برس"),
        ("قالت قناة الإخبارية السورية إن", ["قناة الإخبارية السورية"], "قناة الإخبارية السورية"),
        ("وقالت الإخبارية السورية إن", ["قناة الإخبارية السورية"], "الإخبارية السورية"),
        ("ونشرت صحيفة نيويورك تايمز", ["نيويورك تايمز"], "نيويورك تايمز"),
        ("قال لـرويترز", ["رويترز"], "لـرويترز"),
    ],
)
def test_cited(text, expected, as_written):
    found = cited_sources(text)
    assert [m.name for m in found] == expected
    assert found[0].text == as_written


def test_deduplicated_in_order_of_first_appearance():
    text = "قالت سانا إن ... وأضافت رويترز أن ... وكررت سانا ... ثم لرويترز."
    assert names(text) == ["سانا", "رويترز"]


@pytest.mark.parametrize(
    "text",
    [
        "دمج كامل لقواتها ووكالاتها",  # وكالات inside a word, and not a body citation
        "نقلت وكالات أنباء عن مسؤول",  # generic noun: only an attribution
        "أنصار الأناضوليين",  # not a word boundary
        "سانات",
        "زار الوزير منطقة قنا في صعيد مصر",  # قنا: a city, attribution-only
        "قال وزير الدفاع السوري مرهف أبو قصرة",  # the minister, not the ministry's channel
    ],
)
def test_not_cited(text):
    assert names(text) == []


def test_ministry_needs_a_channel_in_the_same_sentence():
    assert names("وأعلنت وزارة الدفاع السورية أن الاجتماع عقد في أنقرة.") == []
    assert names("وفقًا لما نشرته وزارة الدفاع السورية على “إكس”.") == ["وزارة الدفاع السورية"]
    assert names('وذكرت وزارة الدفاع السورية، في منشور على قناتها في "تليغرام"، أن') == [
        "وزارة الدفاع السورية"
    ]
    # the channel word in another sentence does not count
    assert names("قالت وزارة الدفاع السورية إن الوفد وصل. ونشر الوفد صورة على إكس.") == []
    assert names("أعلنت وزارة الدفاع التركية عبر حسابها على إكس") == ["وزارة الدفاع التركية"]


def test_citation_with_diacritics_keeps_the_original_text():
    found = cited_sources("وقال مصدرٌ لِرُويترز إنّ")
    assert [(m.name, m.text) for m in found] == [("رويترز", "لِرُويترز")]
