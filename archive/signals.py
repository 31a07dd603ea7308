"""Signals other apps listen to."""

from django.dispatch import Signal

# Sent by the loader after a load that created or updated articles, outside
# any transaction, with ``article_ids``: the articles created or updated.
articles_loaded = Signal()
