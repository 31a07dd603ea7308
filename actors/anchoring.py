"""Actors' mentions as a kind of anchored span (``archive.spans``): when an
article's body changes, its mentions follow the text in the same transaction,
like annotations.

- A mention whose name the edit left untouched moves exactly (``kept`` or
  ``shifted``), or to the one place its quote now has (``exact``).
- A mention whose name was itself edited (a ``fuzzy`` move, ``غولر`` →
  ``غولار``) takes the new spelling; if an editor had confirmed it, it goes
  back to *suggested*: a name the editor did not see is not taken as checked.
- A mention with no sure place (its name is gone, or now stands in two places
  that fit alike) is deleted, its history kept with the reason. Mentions have
  no orphan queue: after the change the matcher runs again on the article and
  suggests what the new text names (``actors.signals``, on the archive's
  ``article_bodies_changed``).
"""

from __future__ import annotations

from actors.models import Mention
from archive.anchoring import KEPT, Placement, Span
from archive.models import Article


class MentionSpans:
    """Every mention of the article, whatever its status."""

    name = "mentions"

    def spans(self, article: Article) -> list[Span]:
        mentions = article.mentions.select_for_update().order_by("id")
        return [Span(mention, mention.start, mention.end, mention.quote) for mention in mentions]

    def apply(self, article: Article, placements: list[Placement], user, old_body: str) -> None:
        max_quote = Mention._meta.get_field("quote").max_length
        for placement in placements:
            mention: Mention = placement.span.key
            if placement.method == KEPT:
                continue
            if user is not None:
                mention._history_user = user
            if placement.orphaned or len(placement.quote) > max_quote:
                mention._change_reason = (
                    f"Removed by an edit of the text: {placement.reason or 'no sure place'}"
                )[:100]
                mention.delete()
                continue
            reason = f"Re-anchored after an edit of the text: {placement.label}"
            mention.start, mention.end, mention.quote = (
                placement.start,
                placement.end,
                placement.quote,
            )
            if placement.quote_changed and mention.status == Mention.Status.CONFIRMED:
                mention.status = Mention.Status.SUGGESTED
                mention.confirmed_by, mention.confirmed_at = None, None
                reason += "; its name changed: back to suggested"
            mention._change_reason = reason[:100]
            mention.save()
