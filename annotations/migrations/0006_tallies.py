"""Approved annotations on published articles per topic, kept by triggers
that ``archive.tallies`` installs after every migrate."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0005_annotation_search_text'),
    ]

    operations = [
        migrations.CreateModel(
            name='TopicTally',
            fields=[
                ('topic', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='tally', serialize=False, to='annotations.topic')),
                ('curated', models.IntegerField(default=0, verbose_name='approved annotations on published articles')),
            ],
            options={
                'verbose_name': 'topic tally',
            },
        ),
    ]
