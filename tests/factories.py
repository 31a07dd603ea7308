"""The one place tests build users, clients, articles and annotations (and run
``manage.py load_seeds`` for the loader's tests).

Plain functions, not fixtures: the conftests' fixtures are one-liners calling
them, and a test that needs one more user or article calls them itself. (The
pure parser tests, ``tests/archive/parsing``, run without Django and never import this.)
"""

from __future__ import annotations

import hashlib
import io
import itertools

from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from annotations.models import Annotation, Topic
from annotations.permissions import SYSTEM
from annotations.services import annotation_create
from archive.models import Article

_numbers = itertools.count(1)


def user(
    username: str,
    *groups: str,
    permissions: tuple[str, ...] = (),
    password: str | None = "pw",
    is_staff: bool = True,
    **flags,
) -> User:
    """A user, staff unless ``is_staff=False``, in the named groups ("Editors"
    and "Reviewers" are made by the migrations) and holding the named permission
    codenames; ``password=None`` leaves the password unusable, ``flags`` go to
    ``create_user`` (``is_superuser=True``). Fetched again, so the permission
    cache is fresh."""
    made = User.objects.create_user(username, password=password, is_staff=is_staff, **flags)
    if groups:
        made.groups.set(Group.objects.filter(name__in=groups))
    if permissions:
        made.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    return User.objects.get(pk=made.pk)


def user_with(username: str, *codenames: str, **flags) -> User:
    """A user (staff unless ``is_staff=False``) in no group, holding just the
    named permission codenames."""
    return user(username, permissions=codenames, **flags)


def client(user: User | None = None, *, language: str | None = "en", **options) -> Client:
    """Django's test client, logged in as ``user`` when one is given. It asks
    for ``language`` (the admin defaults to Arabic; most tests read English);
    ``language=None`` sends no Accept-Language. ``options`` go to ``Client``
    (``enforce_csrf_checks=True``)."""
    made = Client(headers={"accept-language": language} if language else None, **options)
    if user is not None:
        made.force_login(user)
    return made


def api_client(user: User | None = None, *, language: str | None = None) -> APIClient:
    """DRF's test client, authenticated with ``user``'s API token when one is
    given, asking for ``language`` if one is named."""
    made = APIClient(headers={"accept-language": language} if language else None)
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        made.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return made


def article(body: str, *, title: str = "مقال", **fields) -> Article:
    """An article with ``body``, stored as it is (not through the loader).
    ``raw_text`` defaults to the body, ``content_hash`` to its SHA-256 and
    ``source_file`` to a name no other factory article has; ``fields`` set
    the rest (``status``, ``published_on``, ``story`` ...)."""
    fields.setdefault("raw_text", body)
    fields.setdefault("source_file", f"factory-{next(_numbers):04d}.txt")
    fields.setdefault("content_hash", hashlib.sha256(fields["raw_text"].encode()).hexdigest())
    return Article.objects.create(title=title, body=body, **fields)


def annotation_on(
    article: Article,
    phrase: str,
    topic: Topic,
    *,
    occurrence: int = 0,
    by=SYSTEM,
    **fields,
) -> Annotation:
    """An annotation of ``topic`` on ``phrase`` in the article's body (its
    first occurrence, or the one ``occurrence`` counts from 0), created
    through the service as ``by``; ``fields`` go to ``annotation_create``
    (``status``, ``note``, ``created_by`` ...)."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.body.index(phrase, start + 1)
    return annotation_create(
        by=by,
        article=article,
        topic=topic,
        start=start,
        end=start + len(phrase),
        quote=phrase,
        **fields,
    )


# Seven outlets running seed 002's report of the 13 August MoU: one story,
# eight copies, written at test time from the seed's text (the story tests of
# the loader, the admin and the API).
STORY_OUTLETS = [
    ("light", "وكالة الأنباء"),
    ("light", "صحيفة الوطن"),
    ("medium", "موقع المدن"),
    ("medium", "قناة الحدث"),
    ("medium", "صحيفة الشرق"),
    ("heavy", "إذاعة دمشق"),
    ("heavy", "موقع الخبر"),
]


def mou_copies(seeds: dict[str, Article], folder) -> list[Article]:
    """Seven wire copies of the loaded seed 002 written into ``folder`` and
    loaded through the real loader; the copies' articles, by file name."""
    from archive.loading import article_paths, load_article_files
    from tests.stories.copies import wire_copy

    body = seeds["002"].body
    folder.mkdir()
    for number, (strength, outlet) in enumerate(STORY_OUTLETS):
        text = wire_copy(
            body, seed=outlet, strength=strength, headline=f"{outlet}: اتفاقية تعاون عسكري"
        )
        (folder / f"outlet-{number}.txt").write_text(text, encoding="utf-8")
    summary = load_article_files(article_paths([folder]))
    assert summary.counts["created"] == len(STORY_OUTLETS)
    return list(Article.objects.filter(source_file__startswith="outlet-").order_by("source_file"))


# Articles naming منبج at every level the ranked search tells apart (the
# search's ranking and the article list's ranked cursor).
RANKED_FILLER = "\n\n".join(["وقال المتحدث إن اللقاء تناول ملفات عدة."] * 12)  # past the lede


def ranked_article(name: str, title: str, tail: str, status=Article.Status.PUBLISHED) -> Article:
    """An article whose ``tail`` follows a filler past the lede, stored as ``name``.txt."""
    return article(
        f"{RANKED_FILLER}\n\n{tail}",
        title=title,
        raw_text="x",
        source_file=f"{name}.txt",
        status=status,
    )


def ranked_levels() -> dict[str, Article]:
    """Articles naming منبج at every level, two of each, oldest first; a draft."""
    made = {}
    for n in (1, 2):
        made[f"passing{n}"] = ranked_article(f"passing{n}", "لقاء رسمي", "وجرت الإشارة إلى منبج.")
        made[f"twice{n}"] = ranked_article(f"twice{n}", "لقاء رسمي", "ذكرت منبج. ثم منبج.")
        made[f"deep{n}"] = ranked_article(
            f"deep{n}", "لقاء رسمي", "وتصدر ملف منبج اللقاء. وناقشوا منبج. وختموا بملف منبج."
        )
        made[f"headline{n}"] = ranked_article(
            f"headline{n}", "منبج: تطورات جديدة", "وتحدثوا عن منبج."
        )
    made["draft"] = ranked_article("draft", "منبج اليوم", "منبج.", status=Article.Status.DRAFT)
    return made


def run_load_seeds(*paths, **options) -> tuple[str, str]:
    """``manage.py load_seeds`` on ``paths`` with ``options``; what it wrote to
    stdout and to stderr."""
    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    call_command("load_seeds", *[str(p) for p in paths], stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def run_load_seeds_failing(*paths, **options) -> tuple[str, str]:
    """``manage.py load_seeds`` as ``run_load_seeds``, which must raise
    ``CommandError``: its message, and all the command wrote (stdout, then stderr)."""
    import pytest
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("load_seeds", *[str(p) for p in paths], stdout=out, stderr=err, **options)
    return str(error.value), out.getvalue() + err.getvalue()
