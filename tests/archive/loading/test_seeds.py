"""`manage.py load_seeds`: the seeds as stored, idempotency, updates that keep
annotations honest, one bad file never stopping the others, bad input."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from django.db import DatabaseError

from archive.models import Article, ArticleSource, Source
from tests import factories

UTC = dt.UTC


@pytest.fixture
def seeds_copy(tmp_path, seeds_dir):
    target = tmp_path / "seeds"
    shutil.copytree(seeds_dir, target)
    return target


@pytest.mark.django_db
class TestSeedsAsStored:
    @pytest.fixture(autouse=True)
    def _load(self):
        self.out, _ = factories.run_load_seeds()
        self.articles = {a.source_file[:3]: a for a in Article.objects.all()}

    def test_one_line_per_file_and_a_summary(self):
        lines = self.out.strip().splitlines()
        assert len(lines) == 6
        assert lines[0].startswith("created   000_eba9bb6fbc3af9bb.txt: وزارة الدفاع التركية تؤكد")
        assert lines[-1].startswith("5 files in ")
        assert lines[-1].endswith("5 created, 0 updated, 0 unchanged, 0 failed.")

    def test_raw_text_is_the_file_exactly(self, seed_path):
        for number, article in self.articles.items():
            assert article.raw_text == seed_path(number).read_text(encoding="utf-8")
            assert article.source_file == seed_path(number).name
            assert article.status == Article.Status.DRAFT

    def test_seed_000(self):
        article = self.articles["000"]
        assert article.title == 'وزارة الدفاع التركية تؤكد على دعمها لسوريا وتوجه رسالة لـ"قسد"'
        assert article.title_derived is False
        assert article.published_on == dt.date(2025, 8, 14)
        assert article.published_at is None
        assert article.published_precision == "day"
        assert article.hijri_date_text == "20 صفر 1447 ﻫ"
        # 13:24 in Damascus (UTC+3) is 10:24 UTC.
        assert article.source_updated_at == dt.datetime(2025, 8, 14, 10, 24, tzinfo=UTC)
        assert article.body.startswith("أكدت وزارة الدفاع التركية دعمها وحدة سوريا وسلامة أراضيها")
        assert article.body.endswith(
            "التبادل المنتظم للأفراد العسكريين – تدريب على المهارات المتخصصة – مساعدة فنية."
        )
        for debris in ("منذ 34 ثانية", "آخر تحديث", "المصدر :", "• رويترز", "date 2025"):
            assert debris not in article.body
        assert article.caption.startswith("وزير الدفاع التركي ونظيره السوري مرهف أبو قصرة")
        assert self.links(article, "attribution") == ["رويترز", "وكالات"]
        assert set(self.links(article, "cited")) >= {"رويترز", "سانا"}

    def test_seed_001_has_no_date_and_a_derived_title(self):
        article = self.articles["001"]
        assert article.published_on is None
        assert article.published_at is None
        assert article.title_derived is True
        assert article.title.startswith("أعلنت وزارة الدفاع التركية")
        assert article.body.startswith("أعلنت وزارة الدفاع التركية، اليوم الأربعاء")
        assert "(داعش).وأوضحت" in article.body  # stored text is not rewritten
        assert set(self.links(article, "cited")) >= {"الأناضول", "سانا"}
        assert list(Article.objects.without_date()) == [article]

    def test_seed_002_time_is_stored_in_utc(self):
        article = self.articles["002"]
        assert article.title == "سوريا وتركيا توقعان اتفاقية تعاون عسكري لتعزيز قدرات الجيش السوري"
        assert article.published_on == dt.date(2025, 8, 13)
        # 19:51 in Damascus is 16:51 UTC.
        assert article.published_at == dt.datetime(2025, 8, 13, 16, 51, tzinfo=UTC)
        assert article.published_precision == "minute"
        assert article.body.count(article.title) == 0
        assert "مشاركة المقال" not in article.body

    def test_seed_003_drops_the_read_also_tail(self):
        article = self.articles["003"]
        assert article.title == "الدفاع التركية: نسعى للتعاون الدفاعي مع دمشق"
        assert article.published_on == dt.date(2024, 12, 26)
        assert article.body.endswith(
            "لإقامة علاقات استراتيجية بين البلدين، وإقامة تعاون في مختلف المجالات»."
        )
        for debris in ("تابع أحدث الأخبار", "إقرأ أيضاً", "الصين", "إعلانوصرحت", "المصدر:"):
            assert debris not in article.body
        assert "إعلانوصرحت" in article.raw_text
        assert self.links(article, "attribution") == ["البوابة نيوز"]

    def test_seed_004_summary_is_not_the_title(self):
        article = self.articles["004"]
        assert article.published_on == dt.date(2025, 10, 12)
        assert article.summary.startswith(
            "أكد وزير الخارجية التركي هاكان فيدان على ترابط أمن تركيا وسوريا"
        )
        assert len(article.summary.split("\n")) == 3
        assert article.title_derived is True
        assert article.title.startswith("قال وزير الخارجية التركي هاكان فيدان")
        assert article.body.startswith("قال وزير الخارجية التركي هاكان فيدان، اليوم الأحد")
        assert set(self.links(article, "cited")) >= {"الأناضول", "قناة الإخبارية السورية"}

    def test_sources_are_unique_by_normalised_name(self):
        assert Source.objects.filter(name="سانا").count() == 1
        sana = Source.objects.get(name="سانا")
        assert sana.kind == Source.Kind.AGENCY
        assert sana.articles.distinct().count() >= 3
        assert list(Source.objects.by_name("ســانا")) == [sana]

    @staticmethod
    def links(article, role):
        return list(
            ArticleSource.objects.filter(article=article, role=role)
            .order_by("id")
            .values_list("source__name", flat=True)
        )


@pytest.mark.django_db
def test_second_run_creates_nothing():
    factories.run_load_seeds()
    history_rows = Article.history.count()
    out, _ = factories.run_load_seeds()
    assert out.strip().splitlines()[-1].endswith("0 created, 0 updated, 5 unchanged, 0 failed.")
    assert Article.objects.count() == 5
    assert Article.history.count() == history_rows
    assert (
        ArticleSource.objects.count()
        == ArticleSource.objects.values("article", "source", "role").distinct().count()
    )


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    out, _ = factories.run_load_seeds(dry_run=True)
    assert "would create (dry run)" in out
    assert out.strip().splitlines()[-1].startswith("Dry run: 5 files")
    assert Article.objects.count() == 0
    assert Source.objects.count() == 0


@pytest.mark.django_db
def test_publish_option():
    factories.run_load_seeds(publish=True)
    assert set(Article.objects.values_list("status", flat=True)) == {"published"}


@pytest.mark.django_db
def test_changed_file_updates_and_reanchors_annotations(seeds_copy, topics):
    factories.run_load_seeds(seeds_copy)
    path = next(seeds_copy.glob("000_*.txt"))
    article = Article.objects.get(source_file=path.name)
    body = article.body
    kept_quote = "دولة واحدة وجيش واحد"
    gone_quote = "الخطاب الانفصالي"
    kept = factories.annotation_on(article, kept_quote, topics["sdf-integration"])
    gone = factories.annotation_on(article, gone_quote, topics["sdf-integration"])
    text = path.read_text(encoding="utf-8")
    text = text.replace("أكدت وزارة الدفاع التركية دعمها", "جديد: أكدت وزارة الدفاع التركية دعمها")
    text = text.replace("“الخطاب الانفصالي”", "“الخطاب”")
    path.write_text(text, encoding="utf-8")

    out, _ = factories.run_load_seeds(seeds_copy)
    assert (
        f"updated   {path.name}: event_mentions: 4 shifted, 1 fuzzy; "
        "annotations: 1 shifted, 1 orphan; mentions: 31 shifted"
    ) in out
    article.refresh_from_db()
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert article.body.startswith("جديد: أكدت")
    assert article.raw_text == text
    assert article.body[kept.start : kept.end] == kept_quote
    # 6 code points added before it ("جديد: "), 10 removed (" الانفصالي").
    assert kept.start == body.index(kept_quote) + 6 - 10 == article.body.index(kept_quote)
    assert (kept.anchored_by, gone.anchored_by) == ("shifted", "orphan")
    assert gone.flagged is True
    assert gone.quote == gone_quote
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_reload_keeps_a_date_an_editor_set(seeds_copy):
    factories.run_load_seeds(seeds_copy)
    path = next(seeds_copy.glob("001_*.txt"))
    Article.objects.filter(source_file=path.name).update(
        published_on=dt.date(2025, 7, 23), published_precision="day"
    )
    path.write_text(path.read_text(encoding="utf-8") + "\nسطر إضافي.", encoding="utf-8")
    factories.run_load_seeds(seeds_copy)
    article = Article.objects.get(source_file=path.name)
    assert article.published_on == dt.date(2025, 7, 23)
    assert article.body.endswith("سطر إضافي.")


@pytest.mark.django_db
def test_a_file_failing_in_the_database_leaves_nothing_and_others_load(seeds_copy, monkeypatch):
    import archive.loading
    import archive.services

    real = archive.services.article_source_rows

    def failing(article, parsed, cache=None, details=None):
        if article.source_file.startswith("002_"):
            raise DatabaseError("simulated failure while linking sources")
        return real(article, parsed, cache, details)

    monkeypatch.setattr(archive.services, "article_source_rows", failing)
    monkeypatch.setattr(archive.loading, "article_source_rows", failing)
    message, output = factories.run_load_seeds_failing(seeds_copy)
    assert "4 created, 0 updated, 0 unchanged, 1 failed" in message
    assert (
        "failed    002_3ee192d816311bba.txt: database: simulated failure while linking sources"
        in output
    )
    assert sorted(a.source_file[:3] for a in Article.objects.all()) == ["000", "001", "003", "004"]
    assert not ArticleSource.objects.filter(article__source_file__startswith="002_").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "file: file is empty"),
        (
            "binary.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "file: binary file (NUL byte at offset 8)",
        ),
        ("latin1.txt", "قسد".encode() + b" caf\xe9", "encoding: not valid UTF-8 at byte 10"),
        (
            "debris.txt",
            "منذ 3 دقائق\nمشاركة المقال:\n".encode(),
            "body: no article text left after removing page debris",
        ),
        ("blank.txt", b"  \n\n \t\n", "body: file contains only whitespace"),
    ],
)
def test_bad_files_are_reported_and_the_rest_load(tmp_path, seeds_dir, name, content, reason):
    folder = tmp_path / "in"
    shutil.copytree(seeds_dir, folder)
    (folder / name).write_bytes(content)
    message, output = factories.run_load_seeds_failing(folder)
    assert f"failed    {name}: {reason}" in output
    assert "5 created, 0 updated, 0 unchanged, 1 failed" in message
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_a_20_mb_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    message, output = factories.run_load_seeds_failing(big)
    assert "failed    big.txt: file: file is 20.0 MB; the limit is 5.0 MB" in output
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_bom_and_crlf_load_like_the_original(tmp_path, seed_path):
    original = seed_path("002").read_text(encoding="utf-8")
    windows = tmp_path / "002_windows.txt"
    windows.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode())
    factories.run_load_seeds(seed_path("002"), windows)
    a, b = Article.objects.order_by("source_file")
    assert (b.title, b.body, b.published_at) == (a.title, a.body, a.published_at)
    assert b.raw_text.startswith("\ufeff")
    assert "\r\n" in b.raw_text


@pytest.mark.django_db
def test_many_batches_parse_in_a_worker_with_the_same_result():
    # Three batches of two: parsing runs in a worker process.
    out, _ = factories.run_load_seeds(batch_size=2)
    assert out.strip().splitlines()[-1].endswith("5 created, 0 updated, 0 unchanged, 0 failed.")
    titles = dict(Article.objects.values_list("source_file", "title"))
    assert titles["002_3ee192d816311bba.txt"] == (
        "سوريا وتركيا توقعان اتفاقية تعاون عسكري لتعزيز قدرات الجيش السوري"
    )
    out, _ = factories.run_load_seeds(batch_size=2)
    assert out.strip().splitlines()[-1].endswith("0 created, 0 updated, 5 unchanged, 0 failed.")


@pytest.mark.django_db
def test_the_bulk_load_stores_the_same_search_fields_as_a_save():
    from archive.search import article_search_fields

    factories.run_load_seeds(batch_size=2)  # bulk inserts, search fields computed in the worker
    for article in Article.objects.all():
        stored = (article.search_text, article.rank_terms)
        assert stored == article_search_fields(article.title, article.summary, article.body)
        assert stored[1].count("|") == 2 and stored[1].split("|")[0]


@pytest.mark.django_db
def test_an_editors_title_is_searchable_at_once():
    from archive.search import search_terms

    factories.run_load_seeds()
    article = Article.objects.get(source_file__startswith="001_")
    article.title = "طلب سوري رسمي للدعم الدفاعي من أنقرة"
    article.save(update_fields=["title"])
    article.refresh_from_db()
    assert " ".join(search_terms("طلب سوري رسمي")) in article.search_text


@pytest.mark.django_db
def test_a_byline_is_kept(tmp_path):
    path = tmp_path / "byline.txt"
    path.write_text(
        "أنقرة تعلن بدء تدريب ضباط سوريين\n"
        "كتب: أحمد محمد\n"
        "أعلنت وزارة الدفاع التركية، السبت، بدء برنامج لتدريب ضباط من الجيش السوري في أكاديميات عسكرية تركية.\n",
        encoding="utf-8",
    )
    factories.run_load_seeds(path)
    article = Article.objects.get(source_file="byline.txt")
    assert (article.title, article.byline) == ("أنقرة تعلن بدء تدريب ضباط سوريين", "كتب: أحمد محمد")
    assert "أحمد محمد" not in article.body
