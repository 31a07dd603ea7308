"""Published articles per source, kept by triggers that
``archive.tallies`` installs after every migrate."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0008_article_loader_findings'),
    ]

    operations = [
        migrations.CreateModel(
            name='SourceTally',
            fields=[
                ('source', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='tally', serialize=False, to='archive.source')),
                ('published_articles', models.IntegerField(default=0, verbose_name='published articles')),
            ],
            options={
                'verbose_name': 'source tally',
            },
        ),
    ]
