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
    for article in Article.objects.only("id", "body", "story_id").order_by("id").iterator(2000):
        sig = signature(article.body)
        Article.objects.filter(pk=article.pk).update(signature=sig)
        if article.story_id is None or indexed.get(article.story_id, 0) >= INDEXED_COPIES:
            continue
        indexed[article.story_id] = indexed.get(article.story_id, 0) + 1
        pending += [StoryBand(article_id=article.pk, key=key) for key in band_keys(sig)]
        if len(pending) >= 10000:
            StoryBand.objects.bulk_create(pending)
            pending = []
    StoryBand.objects.bulk_create(pending)


class Migration(migrations.Migration):
    dependencies = [("archive", "0017_export_jobs")]

    operations = [migrations.RunPython(resign, migrations.RunPython.noop)]
