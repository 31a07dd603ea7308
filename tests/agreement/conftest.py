"""Two editors, a third, a reviewer (in the real groups), a short synthetic
article, helpers to annotate it and to assign it, and that assignment coded by the
two editors, open or closed."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from agreement.services import assignment_close, assignment_create
from annotations.models import Annotation
from archive.models import Article
from tests import factories


@pytest.fixture(autouse=True)
def english():
    """The services' messages are asserted in English (Arabic is the default);
    the language active before is restored after."""
    with translation.override("en"):
        yield


BODY = (
    "أعلنت وزارة الدفاع التركية توقيع مذكرة تفاهم للتدريب مع دمشق.\n\n"
    "ودعت أنقرة قوات سوريا الديمقراطية إلى الاندماج في مؤسسات الدولة السورية."
)


@pytest.fixture
def amal(db) -> User:
    return factories.user("amal", "Editors")


@pytest.fixture
def bashir(db) -> User:
    return factories.user("bashir", "Editors")


@pytest.fixture
def carim(db) -> User:
    return factories.user("carim", "Editors")


@pytest.fixture
def reviewer(db) -> User:
    return factories.user("rania", "Editors", "Reviewers")


@pytest.fixture
def article(db) -> Article:
    return factories.article(BODY, title="مذكرة تفاهم")


@pytest.fixture
def annotate(topics):
    def annotate(article: Article, phrase: str, user, topic="training-mou", **kwargs):
        kwargs.setdefault("status", Annotation.Status.DRAFT)
        return factories.annotation_on(article, phrase, topics[topic], created_by=user, **kwargs)

    return annotate


@pytest.fixture
def assignment(article, amal, bashir, reviewer):
    return assignment_create(
        title="MoU coverage", articles=[article], editors=[amal, bashir], created_by=reviewer
    )


LONG = "مذكرة تفاهم للتدريب"  # amal's
SHORT = "تفاهم للتدريب مع دمشق"  # bashir's: overlaps amal's by two words


@pytest.fixture
def closed(assignment, article, annotate, amal, bashir, reviewer):
    """The assignment, closed, after amal and bashir annotated the article: the
    MoU in overlapping spans (``LONG``, ``SHORT``), the SDF in the same one."""
    annotate(article, LONG, amal, note="the MoU")
    annotate(article, SHORT, bashir)
    annotate(article, "قوات سوريا الديمقراطية", amal, topic="sdf-integration")
    annotate(article, "قوات سوريا الديمقراطية", bashir, topic="sdf-integration")
    assignment_close(assignment, closed_by=reviewer)
    return assignment


@pytest.fixture
def coded(assignment, article, annotate, amal, bashir):
    """The assignment (still open), its article annotated by amal and by bashir
    in overlapping spans of the training MoU: the agreement report's API tests."""
    annotate(article, "مذكرة تفاهم للتدريب", amal)
    annotate(article, "مذكرة تفاهم", bashir)
    return assignment
