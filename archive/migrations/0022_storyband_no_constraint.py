"""The band index keeps no foreign-key constraint (see ``StoryBand.article``):
the loader writes up to 32 rows an article, each checked against the article
table at commit."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0021_vector_compression"),
    ]

    operations = [
        migrations.AlterField(
            model_name="storyband",
            name="article",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="story_bands",
                to="archive.article",
            ),
        ),
    ]
