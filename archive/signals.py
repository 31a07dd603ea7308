"""Signals other apps listen to."""

from django.dispatch import Signal

# Sent by the loader after a load that created or updated articles, outside
# any transaction, with ``article_ids``: the articles created or updated.
articles_loaded = Signal()

# Sent when articles have a new text, with ``article_ids``: by
# ``archive.services.change_article_body`` once the transaction that changed a
# body commits (an editor's edit), and by the loader at the end of a load,
# outside any transaction, for every article it created or whose body it
# changed, in one signal. Each article is named once per change: a listener
# that reads the body (the mention matcher) needs no other signal.
article_bodies_changed = Signal()
