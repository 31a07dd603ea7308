"""Signatures hash a shingle from its words' hashes now, and band keys are mixed in
numpy (benchmarks/stories.py: the same precision and recall on the labelled pairs,
at about half the cost): every stored signature and band key is computed again,
as 0018 did for CRC-32 (its ``resign`` signs with the code of the day); stories stay."""

from importlib import import_module

from django.db import migrations

resign = import_module("archive.migrations.0018_resign_crc32").resign


class Migration(migrations.Migration):
    dependencies = [("archive", "0025_event_is_public_help_text")]

    operations = [migrations.RunPython(resign, migrations.RunPython.noop)]
