"""The matcher on strings: proclitics, word edges, longest alias, offsets."""

from __future__ import annotations

import pytest

from actors.matching import AliasSpec, Matcher, match_key

ALIASES = [
    AliasSpec("قسد", "sdf", ref=1),
    AliasSpec("قوات سوريا الديمقراطية", "sdf", ref=2),
    AliasSpec("SDF", "sdf", ref=3),
    AliasSpec("سوريا", "syria", allows_article=False, ref=4),
    AliasSpec("سورية", "syria", allows_article=False, ref=5),
    AliasSpec("الحسكة", "hasakah", ref=6),
    AliasSpec("أنقرة", "ankara", ref=7),
    AliasSpec("غولر", "guler", ref=8),
    AliasSpec("يشار غولر", "guler", ref=9),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(ALIASES)


def found(matcher: Matcher, text: str) -> list[tuple[int, int, str, tuple]]:
    result = []
    for match in matcher.find(text):
        assert text[match.start : match.end] == match.quote
        result.append((match.start, match.end, match.quote, match.actors))
    return result


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("على “قسد” أن", 5),
        ("الكردية (قسد) في", 9),
        ('دعم لـ"قسد" اليوم', 7),
        ("الحكومة وقسد", 9),
        ("الحكومة و”قسد” في", 10),
        ("بقسد", 1),
        ("فلقسد", 2),
        ("وكانت قسد قد", 6),
        ("قسد", 0),
    ],
)
def test_sdf_in_all_its_forms_offsets_on_the_name(matcher, text, start):
    assert found(matcher, text) == [(start, start + 3, "قسد", ("sdf",))]


@pytest.mark.parametrize("text", ["قسدي", "مقسد", "تقسدها", "القسدية"])
def test_no_other_letters_around_the_name(matcher, text):
    assert found(matcher, text) == []


def test_longest_alias_wins_and_the_country_inside_is_not_counted(matcher):
    text = "اتفاق بين دمشق و“قوات سوريا الديمقراطية” في شمال سوريا"
    assert found(matcher, text) == [
        (17, 39, "قوات سوريا الديمقراطية", ("sdf",)),
        (49, 54, "سوريا", ("syria",)),
    ]


def test_a_name_that_may_not_take_the_article(matcher):
    # السورية is "the Syrian"; لسورية and وسوريا are Syria.
    assert found(matcher, "الحكومة السورية") == []
    assert found(matcher, "دعمها لسورية وسوريا") == [
        (7, 12, "سورية", ("syria",)),
        (14, 19, "سوريا", ("syria",)),
    ]


def test_article_and_its_elided_form(matcher):
    text = "للحسكة والحسكة بالحسكة الحسكة"
    assert [(m.start, m.quote) for m in matcher.find(text)] == [
        (1, "لحسكة"),
        (8, "الحسكة"),
        (16, "الحسكة"),
        (23, "الحسكة"),
    ]
    assert found(matcher, "ابالحسكة") == []


def test_spelling_variants_fold_and_harakat_stay_with_the_name(matcher):
    assert found(matcher, "في انقرة") == [(3, 8, "انقرة", ("ankara",))]
    assert found(matcher, "في أنقرةَ.") == [(3, 9, "أنقرةَ", ("ankara",))]
    assert found(matcher, "قسـد") == [(0, 4, "قسـد", ("sdf",))]


def test_an_emoji_before_a_mention_counts_code_points(matcher):
    text = "🇹🇷🤝 وقسد"
    assert found(matcher, text) == [(5, 8, "قسد", ("sdf",))]


def test_latin_aliases_ignore_case(matcher):
    assert found(matcher, "the SDF and the sdf, not SDFs") == [
        (4, 7, "SDF", ("sdf",)),
        (16, 19, "sdf", ("sdf",)),
    ]


def test_a_full_name_over_its_surname(matcher):
    assert found(matcher, "وقّع يشار غولر وغولر") == [
        (5, 14, "يشار غولر", ("guler",)),
        (16, 20, "غولر", ("guler",)),
    ]


def test_an_alias_shared_by_two_actors_gives_both_candidates():
    matcher = Matcher(
        [AliasSpec("الأناضول", "anadolu-agency", ref=1), AliasSpec("الأناضول", "anatolia", ref=2)]
    )
    (match,) = matcher.find("ذكرت الأناضول")
    assert (match.quote, match.actors, match.refs, match.ambiguous) == (
        "الأناضول",
        ("anadolu-agency", "anatolia"),
        (1, 2),
        True,
    )


def test_presentation_forms_map_back_to_the_body():
    matcher = Matcher([AliasSpec("قسد", "sdf")])
    text = "عن \ufed7\ufeb4\ufeaa اليوم"  # قسد in presentation forms
    (match,) = matcher.find(text)
    assert (match.start, match.end, match.quote) == (3, 6, "\ufed7\ufeb4\ufeaa")


def test_match_key_and_an_empty_matcher():
    assert match_key("  أنقرةَ   SDF ") == "انقره sdf"
    assert Matcher([]).find("قسد") == []
    assert Matcher([AliasSpec("  ", "x")]).find("قسد") == []
