"""Serializers for actors and their mentions (read-only). What each user may
see is decided by ``actors.selectors``; these only shape it."""

from __future__ import annotations

from rest_framework import serializers

from actors.models import Actor, Alias, Mention, Role
from api.archive.serializers import as_date
from archive.models import Source


class AliasSerializer(serializers.ModelSerializer):
    script = serializers.CharField(read_only=True, help_text="ar or latin.")

    class Meta:
        model = Alias
        fields = ["text", "script", "allows_article"]


class RoleSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Role
        fields = ["title_ar", "title_en", "organisation", "starts_on", "ends_on"]


class ActorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:actor-detail", lookup_field="slug")
    wikidata_iri = serializers.CharField(read_only=True)
    aliases = AliasSerializer(many=True, read_only=True)
    roles = RoleSerializer(many=True, read_only=True)
    mention_count = serializers.IntegerField(
        read_only=True,
        help_text="Mentions you may see (for the public: confirmed, in published articles).",
    )
    article_count = serializers.IntegerField(
        read_only=True, help_text="Articles with at least one of those mentions."
    )

    class Meta:
        model = Actor
        fields = [
            "slug",
            "url",
            "kind",
            "name_ar",
            "name_en",
            "description",
            "wikidata_id",
            "wikidata_iri",
            "aliases",
            "roles",
            "mention_count",
            "article_count",
            "updated_at",
        ]


class ActorBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:actor-detail", lookup_field="slug")

    class Meta:
        model = Actor
        fields = ["slug", "url", "kind", "name_ar", "name_en", "wikidata_id"]


class CoMentionSerializer(ActorBriefSerializer):
    article_count = serializers.IntegerField(
        read_only=True, help_text="Articles naming both actors (visible mentions)."
    )

    class Meta(ActorBriefSerializer.Meta):
        fields = [*ActorBriefSerializer.Meta.fields, "article_count"]


class MentionSerializer(serializers.ModelSerializer):
    article = serializers.HyperlinkedRelatedField(view_name="api:article-detail", read_only=True)
    article_id = serializers.IntegerField(read_only=True)
    article_title = serializers.CharField(source="article.title", read_only=True)
    published_on = serializers.SerializerMethodField()
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Mention
        fields = [
            "id",
            "actor",
            "article_id",
            "article",
            "article_title",
            "published_on",
            "start",
            "end",
            "quote",
            "matched_alias",
            "status",
        ]
        extra_kwargs = {
            "start": {"help_text": "Code-point offset of the name in the article body."},
            "end": {"help_text": "Code-point offset, exclusive."},
        }

    def get_published_on(self, mention: Mention) -> str | None:
        return as_date(mention.article.published_on)


class CoMentionQuerySerializer(serializers.Serializer):
    """The co-mention filters, validated: a bad value is a 400 naming it."""

    published_from = serializers.DateField(required=False, help_text="YYYY-MM-DD.")
    published_to = serializers.DateField(required=False, help_text="YYYY-MM-DD.")
    source = serializers.SlugRelatedField(
        slug_field="slug",
        required=False,
        queryset=Source.objects.all(),
        help_text="Source slug: only articles it stands behind (any role).",
    )
