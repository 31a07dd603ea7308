"""What the loader was unsure of: kept on the article and said on the report line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article

pytestmark = pytest.mark.django_db

UNDATED = (
    "سياسة\n"
    "شارك هذا الخبر\n"
    "تسلم الجيش السوري اليوم دفعة جديدة من المعدات العسكرية التركية بموجب مذكرة التفاهم.\n"
)


def load(*paths):
    out, err = StringIO(), StringIO()
    call_command("load_seeds", *[str(p) for p in paths], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_report_line_says_what_the_page_did_not_state(tmp_path):
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    out, _ = load(tmp_path)
    assert out.splitlines()[0] == (
        "created   undated.txt: تسلم الجيش السوري اليوم دفعة جديدة من المعدات العسكرية"
        " التركية بموجب مذكرة… (no date stated; title derived)"
    )


def test_findings_are_stored_on_the_article(tmp_path):
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    load(tmp_path)
    article = Article.objects.get(source_file="undated.txt")
    assert article.raw_text == UNDATED
    assert article.loader_findings["doubts"] == {
        "date": "no date stated",
        "title": "the page states no title; derived from the body",
    }
    assert article.loader_findings["dropped"] == [
        {"line": 1, "text": "سياسة", "reason": "before the article (site chrome)"},
        {
            "line": 2,
            "text": "شارك هذا الخبر",
            "reason": "page widget (counter, share, comment, app or cookie prompt)",
        },
    ]
    assert article.loader_findings["dropped_count"] == 2


def test_seed_findings(loaded_seeds):
    findings = loaded_seeds["000"].loader_findings
    assert findings["doubts"] == {}
    assert findings["date_line"] == "date 2025-08-14 الخميس 20 صفر 1447 ﻫ - 14 أغسطس 2025 |"
    assert findings["title_evidence"] == "the headline above the date line"
    assert {
        "line": 4,
        "text": "منذ 34 ثانية",
        "reason": ("page debris (relative time, share, follow or ad line)"),
    } in findings["dropped"]
    assert loaded_seeds["001"].loader_findings["doubts"].keys() == {"date", "title"}


def test_a_page_of_only_chrome_fails(tmp_path):
    menu = "\n".join(
        ["الرئيسية", "أخبار", "سياسة", "اقتصاد", "رياضة", "ثقافة", "فن", "منوعات", "اتصل بنا"]
    )
    (tmp_path / "menu.txt").write_text(menu, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_seeds", str(tmp_path), stdout=StringIO(), stderr=err)
    assert (
        "failed    menu.txt: body: no article text: the page holds only short lines of site chrome"
        in err.getvalue()
    )
    assert not Article.objects.exists()
