"""Signatures hash their shingles with CRC-32 now (a few times faster than
SHA-1): every stored signature and band key is computed again; stories stay."""

from django.db import migrations

INDEXED_COPIES = 16  # archive.stories.INDEXED_COPIES when this was written


def resign(apps, schema_editor):
    from archive.signatures import band_keys, signature

    Article = apps.get_model("archive", "Article")
    StoryBand = apps.get_model("archive", "StoryBand")
    StoryBand.objects.all().delete()
    indexed: dict[int, int] = {}
    pending = []
    signed = []  # written 2,000 at a time: one UPDATE per article takes minutes at 200,000
    for article in Article.objects.only("id", "body", "story_id").order_by("id").iterator(2000):
        sig = article.signature = signature(article.body)
        signed.append(article)
        if len(signed) >= 2000:
            Article.objects.bulk_update(signed, ["signature"])
            signed = []
        if article.story_id is None or indexed.get(article.story_id, 0) >= INDEXED_COPIES:
            continue
        indexed[article.story_id] = indexed.get(article.story_id, 0) + 1
        pending += [StoryBand(article_id=article.pk, key=key) for key in band_keys(sig)]
        if len(pending) >= 10000:
            StoryBand.objects.bulk_create(pending)
            pending = []
    Article.objects.bulk_update(signed, ["signature"])
    StoryBand.objects.bulk_create(pending)


class Migration(migrations.Migration):
    dependencies = [("archive", "0017_export_jobs")]

    operations = [migrations.RunPython(resign, migrations.RunPython.noop)]
