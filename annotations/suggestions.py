"""Topic suggestions: each topic's keyword rules run over article bodies.

A rule matches on normalised text (``archive.normalization``: alef forms, ta
marbuta, diacritics, tatweel, presentation forms folded), so ``الارهاب``
finds ``الإرهاب``; the match is mapped back to the original body, and the
*sentence* around it becomes a ``suggested`` annotation through
``annotation_create``. Re-running creates nothing new: a passage already
annotated with the same topic (in any status, rejected included) is left
alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from annotations.models import Annotation, Topic
from annotations.services import annotation_create
from archive.models import Article
from archive.normalization import normalize_arabic, normalize_arabic_with_offsets

# A sentence ends after . ! ? ؟ (a full stop between digits is a decimal
# point) or at a line break. Seed 001 glues sentences: "(داعش).وأوضحت".
_SENTENCE_END = re.compile(r"[!?؟]+|\.(?!\d)|\n")
# Leading list bullets and dashes are not part of the sentence.
_LEADING = " \t\u00a0•·–—-*"
_TRAILING = " \t\u00a0"

# Clitics Arabic writes joined to the next word: و ف ب ل ك and the article ال.
_CLITIC_PREFIXES = frozenset(
    {"", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ول", "وب", "فب", "ولل"}
)
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass
class SuggestionReport:
    articles: int = 0
    created: int = 0
    existing: int = 0


def sentences(body: str) -> list[Sentence]:
    """The body's sentences as code-point spans, trimmed of white space and bullets."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(body):
        end = match.start() if match.group() == "\n" else match.end()
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(body)))
    result = []
    for start, end in spans:
        while start < end and body[start] in _LEADING:
            start += 1
        while end > start and body[end - 1] in _TRAILING:
            end -= 1
        if start < end and any(char.isalpha() for char in body[start:end]):
            result.append(Sentence(start, end))
    return result


def _at_word_start(normalised: str, index: int) -> bool:
    """True when the match at ``index`` starts a word, perhaps after clitics."""
    word_start = index
    while word_start > 0 and _WORD_CHAR.match(normalised[word_start - 1]):
        word_start -= 1
    return normalised[word_start:index] in _CLITIC_PREFIXES


def keyword_matches(body: str, keywords: Iterable[str]) -> list[tuple[int, int]]:
    """Code-point spans of ``body`` where a keyword rule matches (normalised)."""
    normalised, origin = normalize_arabic_with_offsets(body)
    spans = []
    for keyword in keywords:
        needle = normalize_arabic(keyword).strip()
        if not needle:
            continue
        index = normalised.find(needle)
        while index != -1:
            if _at_word_start(normalised, index):
                spans.append((origin[index], origin[index + len(needle) - 1] + 1))
            index = normalised.find(needle, index + 1)
    return sorted(set(spans))


def suggested_passages(body: str, topic: Topic) -> list[Sentence]:
    """The sentences of ``body`` that ``topic``'s keyword rules match."""
    matches = keyword_matches(body, topic.keyword_list)
    if not matches:
        return []
    found = []
    for sentence in sentences(body):
        if any(sentence.start <= start < sentence.end for start, _end in matches):
            found.append(sentence)
    return found


def article_suggest(article: Article, topics: Iterable[Topic] | None = None) -> SuggestionReport:
    """Create ``suggested`` annotations on ``article`` for every topic's matching sentences."""
    topics = list(Topic.objects.all() if topics is None else topics)
    report = SuggestionReport(articles=1)
    taken = set(article.annotations.values_list("topic_id", "start", "end"))
    for topic in topics:
        for sentence in suggested_passages(article.body, topic):
            key = (topic.pk, sentence.start, sentence.end)
            if key in taken:
                report.existing += 1
                continue
            annotation_create(
                article=article,
                topic=topic,
                start=sentence.start,
                end=sentence.end,
                quote=article.body[sentence.start : sentence.end],
                status=Annotation.Status.SUGGESTED,
            )
            taken.add(key)
            report.created += 1
    return report


def articles_suggest(articles: Iterable[Article]) -> SuggestionReport:
    """``article_suggest`` over many articles, with the topics read once."""
    topics = list(Topic.objects.all())
    total = SuggestionReport()
    for article in articles:
        report = article_suggest(article, topics)
        total.articles += 1
        total.created += report.created
        total.existing += report.existing
    return total
