"""``load_seeds`` on saved pages, JSON Lines and CSV: one load path, the same
guarantees (per-item report, idempotency across formats, dry run, nothing
half-written), and each article's address and publisher."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError

from archive.models import Article, ArticleSource, Source
from tests.archive.parsing.article.test_real_pages import REAL_PAGES, needs_pages
from tests.importers.pages import PARAGRAPHS, TITLE, news_page

URL = "https://news.example.com/politics/2025/08/13/defence-training"
OTHER = [
    "أعلنت وزارة الزراعة إطلاق حملة وطنية لتشجير المناطق المتضررة من الحرائق في الريف "
    "الغربي، بمشاركة متطوعين من مختلف المحافظات خلال الأسابيع المقبلة.",
    "وأوضح مدير الحملة أن الخطة تشمل زراعة مئة ألف شجرة حراجية ومثمرة، وتأهيل شبكات الري "
    "في القرى القريبة من الغابات، وتدريب فرق محلية على الإنذار المبكر.",
]


def run(*paths, **options):
    out, err = StringIO(), StringIO()
    call_command("load_seeds", *[str(p) for p in paths], stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()


def run_failing(*paths, **options):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as error:
        call_command("load_seeds", *[str(p) for p in paths], stdout=out, stderr=err, **options)
    return str(error.value), out.getvalue() + err.getvalue()


def write_jsonl(path, *records):
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "page.html").write_text(news_page(), encoding="utf-8")
    write_jsonl(
        folder / "scraper.jsonl",
        {
            "url": "https://agri.example.org/news/77",
            "title": "حملة وطنية لتشجير المناطق المتضررة",
            "published": "2025-09-02",
            "text": "\n".join(OTHER),
            "site_name": "صحيفة الريف",
            "meta": {"section": "محليات"},
        },
    )
    (folder / "sheet.csv").write_text(
        "\ufefftitle,text,site_name\r\nخبر بلا عنوان إلكتروني," + OTHER[1] + ",\r\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.django_db
def test_every_format_loads_through_the_one_path(folder):
    out = run(folder)
    assert "created   page.html: " + TITLE in out
    assert "created   scraper.jsonl:1: حملة وطنية لتشجير المناطق المتضررة" in out
    assert "created   sheet.csv:2: خبر بلا عنوان إلكتروني" in out
    assert out.strip().endswith("3 created, 0 updated, 0 unchanged, 0 failed.")

    page = Article.objects.get(url=URL)
    assert page.source_file == URL
    assert page.raw_text == news_page()
    assert page.body == "\n\n".join(PARAGRAPHS)
    assert page.published_at == dt.datetime(2025, 8, 13, 16, 51, tzinfo=dt.UTC)
    assert page.byline == "سامر الأحمد"

    record = Article.objects.get(url="https://agri.example.org/news/77")
    assert record.published_on == dt.date(2025, 9, 2)
    assert record.meta == {"section": "محليات"}
    row = Article.objects.get(source_file="sheet.csv:2")
    assert row.url == ""
    assert row.body == OTHER[1]


@pytest.mark.django_db
def test_the_publisher_is_the_site_mapped_to_an_outlet(folder):
    run(folder)
    publisher = ArticleSource.objects.get(article__url=URL, role="publisher").source
    assert (publisher.name, publisher.kind, publisher.domain) == (
        "أخبار المثال",
        Source.Kind.OUTLET,
        "news.example.com",
    )
    # Another page of the same site, naming itself otherwise, has the same publisher.
    other = folder.parent / "other.html"
    other.write_text(
        news_page(OTHER[0][:40], OTHER, url="https://news.example.com/x/2", site_name="Example"),
        encoding="utf-8",
    )
    run(other)
    assert (
        ArticleSource.objects.get(article__url="https://news.example.com/x/2").source == publisher
    )
    # A site that names no site name is known by its host.
    host_only = ArticleSource.objects.get(article__url="https://agri.example.org/news/77").source
    assert host_only.name == "صحيفة الريف" and host_only.domain == "agri.example.org"
    assert not ArticleSource.objects.filter(article__source_file="sheet.csv:2").exists()


@pytest.mark.django_db
def test_a_second_run_changes_nothing(folder):
    run(folder)
    out = run(folder)
    assert out.strip().endswith("0 created, 0 updated, 3 unchanged, 0 failed.")
    assert Article.objects.count() == 3


@pytest.mark.django_db
def test_the_same_article_in_another_format_is_the_same_article(folder, tmp_path):
    run(folder / "page.html")
    again = write_jsonl(
        tmp_path / "again.jsonl",
        {"html": news_page().replace("منذ 2 ساعات", "منذ 5 ساعات")},  # a re-saved page
    )
    out = run(again)
    assert "unchanged again.jsonl:1" in out
    assert Article.objects.count() == 1
    # The same address with a corrected text updates the one article.
    fixed = write_jsonl(
        tmp_path / "fixed.jsonl",
        {"url": URL + "?utm_source=feed", "title": TITLE, "text": "\n".join(PARAGRAPHS[:3])},
    )
    out = run(fixed)
    assert "updated   fixed.jsonl:1: event_mentions: 1 kept (no date stated)" in out
    article = Article.objects.get()
    assert article.body == "\n\n".join(PARAGRAPHS[:3])
    assert article.source_file == URL


@pytest.mark.django_db
def test_dry_run_writes_nothing(folder):
    out = run(folder, dry_run=True)
    assert "created   scraper.jsonl:1: would create (dry run): حملة وطنية" in out
    assert out.strip().endswith("Dry run: 3 files in " + out.strip().split(" files in ")[1])
    assert Article.objects.count() == 0 and Source.objects.count() == 0


@pytest.mark.django_db
def test_a_bad_line_fails_alone_and_the_others_load(tmp_path):
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        {"url": "https://a.example/1", "text": "\n".join(OTHER)},
        '{"url": "https://a.example/2", "text": ',
        {"url": "https://a.example/3", "title": "بلا نص"},
        {"url": "https://a.example/4", "text": "\n".join(PARAGRAPHS)},
    )
    message, out = run_failing(path)
    assert "2 created, 0 updated, 0 unchanged, 2 failed" in message
    assert "failed    mixed.jsonl:2: line: not valid JSON" in out
    assert "failed    mixed.jsonl:3: text: missing: give the article's text (or its html)" in out
    assert set(Article.objects.values_list("url", flat=True)) == {
        "https://a.example/1",
        "https://a.example/4",
    }


@pytest.mark.django_db
def test_a_url_seen_twice_with_different_text(tmp_path):
    path = write_jsonl(
        tmp_path / "twice.jsonl",
        {"url": "https://a.example/1", "text": "\n".join(OTHER)},
        {"url": "https://a.example/1#top", "text": "\n".join(OTHER)},
        {"url": "https://a.example/1", "text": "\n".join(PARAGRAPHS)},
    )
    message, out = run_failing(path)
    assert "unchanged twice.jsonl:2: same URL and text as twice.jsonl:1, loaded in this run" in out
    assert (
        "failed    twice.jsonl:3: url: https://a.example/1 was read from twice.jsonl:1 "
        "in this run with another text" in out
    )
    assert Article.objects.get().body == "\n\n".join(OTHER)


@pytest.mark.django_db
def test_a_record_failing_in_the_database_leaves_nothing_of_itself(tmp_path, monkeypatch):
    import archive.loading
    import archive.services

    real = archive.services.article_source_rows

    def failing(article, parsed, cache=None, details=None):
        if article.url == "https://a.example/2":
            raise DatabaseError("simulated failure while linking sources")
        return real(article, parsed, cache, details)

    monkeypatch.setattr(archive.services, "article_source_rows", failing)
    monkeypatch.setattr(archive.loading, "article_source_rows", failing)
    path = write_jsonl(
        tmp_path / "db.jsonl",
        {"url": "https://a.example/1", "text": "\n".join(OTHER), "site_name": "أ"},
        {"url": "https://a.example/2", "text": "\n".join(PARAGRAPHS), "site_name": "ب"},
    )
    message, out = run_failing(path)
    assert "failed    db.jsonl:2: database: simulated failure while linking sources" in out
    assert list(Article.objects.values_list("url", flat=True)) == ["https://a.example/1"]


def make_zip(path, members: dict[str, str]):
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


@pytest.mark.django_db
def test_a_zip_loads_the_article_files_it_holds(tmp_path):
    upload = make_zip(
        tmp_path / "desk.zip",
        {
            "august/page.html": news_page(),
            "august/notes.md": "not an article",
            "__MACOSX/._page.html": "resource fork",
        },
    )
    out = run(upload)
    assert "created   page.html: " + TITLE in out
    assert out.strip().endswith("1 created, 0 updated, 0 unchanged, 0 failed.")
    assert list(Article.objects.values_list("source_file", flat=True)) == [URL]


@pytest.mark.django_db
@pytest.mark.parametrize("member", ["../evil.html", "/etc/evil.html", "a/../../evil.html"])
def test_a_zip_with_a_path_outside_the_folder_loads_nothing(tmp_path, member):
    upload = make_zip(tmp_path / "bad.zip", {"page.html": news_page(), member: news_page()})
    message, _ = run_failing(upload)
    assert message == f"bad.zip: {member}: a path outside the folder; nothing was unpacked"
    assert not Article.objects.exists()
    assert not (tmp_path / "evil.html").exists()


@pytest.mark.django_db
def test_a_file_that_is_not_a_zip_says_so(tmp_path):
    upload = tmp_path / "broken.zip"
    upload.write_bytes(b"PK\x03\x04 not really")
    message, _ = run_failing(upload)
    assert message.startswith("broken.zip: not a readable zip (")


@pytest.mark.django_db
@needs_pages
def test_debris_inside_the_article_markup_goes_and_the_stated_date_stays(tmp_path):
    # A real crawler text (part1/008: the Iraqi prime minister denies a land deal)
    # saved inside a news site's article markup: its own date line and page
    # debris sit in the article's paragraphs, where trafilatura keeps them.
    real = REAL_PAGES / "part1"
    key = {e["file"]: e for e in json.loads((real / "expected.json").read_text())["articles"]}
    entry = key["008.txt"]
    lines = [x for x in (real / "008.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
    page = tmp_path / "iraq.html"
    page.write_text(
        news_page(entry["title"], lines, url="https://news.example.com/iraq", published=""),
        encoding="utf-8",
    )
    run(page)
    article = Article.objects.get(url="https://news.example.com/iraq")
    assert article.published_on == dt.date.fromisoformat(entry["published_date"])
    assert [s for s in entry["body_must_contain"] if s not in article.body] == []
    assert [s for s in entry["body_must_not_contain"] if s in article.body] == []
