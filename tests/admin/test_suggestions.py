"""Keyword suggestions on the seeds: specific sentences per topic, normalised
matching, offsets into the original body, no duplicates on re-runs."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from annotations.models import Annotation, Topic
from annotations.suggestions import keyword_matches, sentences, suggested_passages

pytestmark = pytest.mark.django_db


def passages(article, topic: Topic) -> list[str]:
    return [article.body[s.start : s.end] for s in suggested_passages(article.body, topic)]


def test_sentences_split_glued_sentences_and_lines():
    body = "تنظيم الدولة (داعش).وأوضحت مصادر أمراً؟ نعم\n• بند أول\n\nفقرة 2.5 مليون"
    spans = [body[s.start : s.end] for s in sentences(body)]
    assert spans == [
        "تنظيم الدولة (داعش).",
        "وأوضحت مصادر أمراً؟",
        "نعم",
        "بند أول",
        "فقرة 2.5 مليون",
    ]


def test_matching_folds_spelling_but_keeps_original_offsets():
    body = "قال إنّ ﻫذا الـإرهـاب خطر، والارهاب كذلك؛ والمرهاب لا."
    spans = keyword_matches(body, ["الإرهاب"])
    assert [body[start:end] for start, end in spans] == ["الـإرهـاب", "الارهاب"]


def test_counter_terrorism_on_seeds(loaded_seeds, topics):
    topic = topics["counter-terrorism"]
    seed_001 = passages(loaded_seeds["001"], topic)
    # "(داعش)." ends a sentence glued to the next one: only the first is suggested.
    assert seed_001[0].startswith("أعلنت وزارة الدفاع التركية، اليوم الأربعاء")
    assert seed_001[0].endswith("“تنيظم الدولة” (داعش).")
    assert not any(p.startswith("وأوضحت مصادر") for p in seed_001)
    seed_003 = passages(loaded_seeds["003"], topic)
    assert seed_003[1] == (
        "وأضاف: «نؤكد مجدداً أن لا مكان لأي تنظيمات إرهابية، بما فيها (داعش)، وحزب العمال "
        "الكردستاني، ووحدات حماية الشعب الكردية وامتداداتها، في مستقبل سوريا والمنطقة»."
    )
    assert any("“ممر إرهابي”" in p for p in passages(loaded_seeds["002"], topic))


def test_sdf_integration_on_seeds(loaded_seeds, topics):
    topic = topics["sdf-integration"]
    seed_000 = passages(loaded_seeds["000"], topic)
    assert seed_000[1].startswith("وذكرت الوزارة أنها تتوقع من “قوات سوريا الديمقراطية” (قسد)")
    assert seed_000[1].endswith("يتعارض مع الاتفاق الموقع مع دمشق.")
    assert passages(loaded_seeds["002"], topic)[1] == (
        "وتلوح دمشق وأنقرة بالتصعيد في ملف “قسد” في شمال شرقي سوريا بعد تعثر المفاوضات."
    )
    assert passages(loaded_seeds["001"], topic)[-1].startswith("وكانت قسد قد وقّعت في شهر آذار")
    assert passages(loaded_seeds["004"], topic) == []


def test_training_mou_on_seeds(loaded_seeds, topics):
    topic = topics["training-mou"]
    seed_002 = passages(loaded_seeds["002"], topic)
    # The bullet list: one suggestion per item, without the bullet.
    assert seed_002[2].startswith("التبادل المنتظم للأفراد العسكريين: للمشاركة")
    assert seed_002[4] == (
        "مساعدة فنية: إرسال خبراء مختصين لدعم عملية تحديث الأنظمة العسكرية، والهياكل "
        "التنظيمية، وقدرات القيادة."
    )
    assert passages(loaded_seeds["000"], topic)[-1] == (
        "وتشمل الاتفاقية، حسب “سانا”: التبادل المنتظم للأفراد العسكريين – تدريب على المهارات "
        "المتخصصة – مساعدة فنية."
    )


def test_command_creates_suggestions_once(loaded_seeds, topics, capsys):
    call_command("suggest_annotations")
    first = set(Annotation.objects.values_list("article_id", "topic_id", "start", "end"))
    call_command("suggest_annotations")

    assert Annotation.objects.count() == len(first) == 43
    assert set(Annotation.objects.values_list("status", flat=True)) == {"suggested"}
    assert set(Annotation.objects.values_list("created_by", flat=True)) == {None}
    output = capsys.readouterr().out
    assert "5 article(s): 43 suggestion(s) created, 0 already there." in output
    assert "5 article(s): 0 suggestion(s) created, 43 already there." in output
    for annotation in Annotation.objects.select_related("article"):
        assert annotation.article.body[annotation.start : annotation.end] == annotation.quote


def test_command_for_one_article(loaded_seeds, topics):
    article = loaded_seeds["003"]
    call_command("suggest_annotations", "--article", str(article.pk), verbosity=0)

    assert list(Annotation.objects.values_list("article_id", flat=True).order_by().distinct()) == [
        article.pk
    ]
    assert Annotation.objects.filter(topic__slug="counter-terrorism").count() == 3


def test_a_rejected_suggestion_is_not_suggested_again(loaded_seeds, topics):
    article = loaded_seeds["003"]
    call_command("suggest_annotations", "--article", str(article.pk), verbosity=0)
    Annotation.objects.update(status=Annotation.Status.REJECTED)

    call_command("suggest_annotations", "--article", str(article.pk), verbosity=0)

    assert Annotation.objects.count() == 3
    assert Annotation.objects.filter(status=Annotation.Status.SUGGESTED).count() == 0


def test_admin_action_suggests_and_editor_accepts_in_one_action(
    editor, editor_client, reviewer_client, loaded_seeds
):
    article = loaded_seeds["003"]
    editor_client.post(
        "/admin/archive/article/", {"action": "suggest_selected", "_selected_action": [article.pk]}
    )
    suggestions = list(Annotation.objects.order_by("start").values_list("pk", flat=True))
    assert len(suggestions) == 3

    editor_client.post(
        "/admin/annotations/annotation/",
        {"action": "accept_suggestions", "_selected_action": suggestions[:2]},
    )
    editor_client.post(
        "/admin/annotations/annotation/",
        {"action": "reject_suggestions", "_selected_action": suggestions[2:]},
    )

    statuses = list(Annotation.objects.order_by("start").values_list("status", flat=True))
    assert statuses == ["draft", "draft", "rejected"]
