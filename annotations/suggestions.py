"""Topic suggestions: each topic's keyword rules run over article bodies.

A rule (one line of ``Topic.keywords``) is matched on normalised text
(``archive.normalization``: alef forms, ta marbuta, diacritics, tatweel,
presentation forms folded), so ``الارهاب`` finds ``الإرهاب``; matches are
mapped back to the original body. Rules:

- ``مذكرة التفاهم``: the phrase, at the start of a word (after clitics).
- ``دعم + الإرهاب ~4``: every term, within 4 words of each other (6 if no
  ``~N``) in one sentence.
- ``الإرهاب - خالية من الإرهاب``: the term, unless an excluded phrase is in
  the same clause. A line ``- خالية من الإرهاب`` excludes for every rule of
  the topic. ``#`` starts a comment.

The *clause* around the match (a sentence cut at ، ؛ ; : and dashes, short
pieces kept with their neighbours) becomes a ``suggested`` annotation through
``annotation_create``, recording the rule and the words that fired it. A
passage overlapping any annotation of the same topic (an editor's, a
suggestion, or one an editor dismissed) is not suggested again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from annotations.models import Annotation, Topic
from annotations.permissions import SYSTEM
from annotations.services import annotation_create
from archive.models import Article
from archive.normalization import normalize_arabic, normalize_arabic_with_offsets

# A sentence ends after . ! ? ؟ (a full stop between digits is a decimal
# point) or at a line break. Seed 001 glues sentences: "(داعش).وأوضحت".
_SENTENCE_END = re.compile(r"[!?؟]+|\.(?!\d)|\n")
# A clause ends at a comma, semicolon or colon (Arabic or Latin) or a dash
# between spaces; a dot inside quotes does not matter here.
_CLAUSE_END = re.compile(r"[،؛;:,]|\s[–—-]\s")
# Leading list bullets and dashes are not part of the sentence.
_LEADING = " \t\u00a0•·–—-*"
_TRAILING = " \t\u00a0،؛;:,–—-"
# A clause of fewer words is kept with the next one ("وأضاف:" alone says nothing).
MIN_CLAUSE_WORDS = 5
DEFAULT_WINDOW = 6

# Clitics Arabic writes joined to the next word: و ف ب ل ك and the article ال.
_CLITIC_PREFIXES = frozenset(
    {"", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ول", "وب", "فب", "ولل"}
)
_WORD_CHAR = re.compile(r"\w")
# A word, with its Arabic diacritics (combining marks are not ``\w``).
_WORD = re.compile(r"[\w\u064b-\u065f\u0670]+")
_WINDOW = re.compile(r"\s+~(\d+)\s*$")
_OPERATOR = re.compile(r"\s+([+-])\s+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Rule:
    text: str
    terms: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    window: int = DEFAULT_WINDOW


@dataclass
class Suggestion:
    start: int
    end: int
    rules: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    @property
    def rule(self) -> str:
        return " | ".join(dict.fromkeys(self.rules))[:300]

    @property
    def matched(self) -> str:
        return " … ".join(dict.fromkeys(self.words))[:300]


@dataclass
class SuggestionReport:
    articles: int = 0
    created: int = 0
    existing: int = 0


def parse_rules(keywords: str) -> tuple[list[Rule], tuple[str, ...]]:
    """The topic's rules, and the phrases it excludes for every rule."""
    rules, excluded_everywhere = [], []
    for raw in keywords.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("- "):
            excluded_everywhere.append(line[2:].strip())
            continue
        window = DEFAULT_WINDOW
        found = _WINDOW.search(line)
        if found:
            window = int(found.group(1))
            line = line[: found.start()]
        parts = _OPERATOR.split(line)
        terms = [parts[0].strip()]
        excluded = []
        for operator, term in zip(parts[1::2], parts[2::2], strict=True):
            (terms if operator == "+" else excluded).append(term.strip())
        terms = [t for t in terms if normalize_arabic(t).strip()]
        if terms:
            rules.append(Rule(raw.strip(), tuple(terms), tuple(excluded), window))
    return rules, tuple(excluded_everywhere)


def sentences(body: str) -> list[Sentence]:
    """The body's sentences as code-point spans, trimmed of white space and bullets."""
    return _spans(body, _SENTENCE_END, 0, len(body))


def _spans(body: str, pattern: re.Pattern, start: int, stop: int) -> list[Sentence]:
    spans, position = [], start
    for match in pattern.finditer(body, start, stop):
        end = match.start() if match.group() == "\n" or match.group().isspace() else match.end()
        spans.append((position, end))
        position = match.end()
    spans.append((position, stop))
    result = []
    for span_start, span_end in spans:
        while span_start < span_end and body[span_start] in _LEADING:
            span_start += 1
        while span_end > span_start and body[span_end - 1] in _TRAILING:
            span_end -= 1
        if span_start < span_end and any(char.isalpha() for char in body[span_start:span_end]):
            result.append(Sentence(span_start, span_end))
    return result


def clauses(body: str, sentence: Sentence) -> list[Sentence]:
    """The sentence cut into clauses, short ones joined to the following one."""
    pieces = _spans(body, _CLAUSE_END, sentence.start, sentence.end)
    merged: list[Sentence] = []
    pending: Sentence | None = None
    for piece in pieces:
        if pending is not None:
            piece = Sentence(pending.start, piece.end)
            pending = None
        if len(_WORD.findall(body[piece.start : piece.end])) < MIN_CLAUSE_WORDS:
            pending = piece
            continue
        merged.append(piece)
    if pending is not None:
        if merged:
            merged[-1] = Sentence(merged[-1].start, pending.end)
        else:
            merged.append(pending)
    return merged


def _at_word_start(normalised: str, index: int) -> bool:
    """True when the match at ``index`` starts a word, perhaps after clitics."""
    word_start = index
    while word_start > 0 and _WORD_CHAR.match(normalised[word_start - 1]):
        word_start -= 1
    return normalised[word_start:index] in _CLITIC_PREFIXES


class _Text:
    """A body normalised once, for finding terms by their original spans."""

    def __init__(self, body: str):
        self.body = body
        self.normalised, self.origin = normalize_arabic_with_offsets(body)
        # word index of each code point of the body, to measure nearness
        self.word_at = [0] * (len(body) + 1)
        count = 0
        previous_end = 0
        for match in _WORD.finditer(body):
            for position in range(previous_end, match.start()):
                self.word_at[position] = count
            count += 1
            for position in range(match.start(), match.end()):
                self.word_at[position] = count - 1
            previous_end = match.end()
        for position in range(previous_end, len(body) + 1):
            self.word_at[position] = count
        self._cache: dict[str, list[tuple[int, int]]] = {}

    def find(self, term: str) -> list[tuple[int, int]]:
        if term not in self._cache:
            needle = normalize_arabic(term).strip()
            spans = []
            index = self.normalised.find(needle) if needle else -1
            while index != -1:
                if _at_word_start(self.normalised, index):
                    spans.append((self.origin[index], self.origin[index + len(needle) - 1] + 1))
                index = self.normalised.find(needle, index + 1)
            self._cache[term] = spans
        return self._cache[term]

    def contains(self, start: int, end: int, term: str) -> bool:
        return any(start <= s and e <= end for s, e in self.find(term))


def keyword_matches(body: str, keywords: Iterable[str]) -> list[tuple[int, int]]:
    """Code-point spans of ``body`` where a keyword (a plain phrase) matches."""
    text = _Text(body)
    return sorted({span for keyword in keywords for span in text.find(keyword)})


def _rule_matches(text: _Text, rule: Rule, sentence: Sentence) -> list[list[tuple[int, int]]]:
    """Each way the rule's terms occur together in the sentence: the spans, first term first."""
    occurrences = [
        [span for span in text.find(term) if sentence.start <= span[0] and span[1] <= sentence.end]
        for term in rule.terms
    ]
    if not all(occurrences):
        return []
    found = []
    for anchor in occurrences[0]:
        chosen = [anchor]
        for spans in occurrences[1:]:
            near = [
                span
                for span in spans
                if abs(text.word_at[span[0]] - text.word_at[anchor[0]]) <= rule.window
            ]
            if not near:
                break
            chosen.append(min(near, key=lambda span: abs(span[0] - anchor[0])))
        else:
            found.append(chosen)
    return found


def suggestions_for(body: str, topic: Topic) -> list[Suggestion]:
    """The clauses of ``body`` that ``topic``'s rules match.

    Clauses of one sentence that touch or overlap are one suggestion (a list
    of organisations is one passage, not one per name); a rule whose words lie
    inside another rule's match (``الإرهاب`` inside ``مكافحة الإرهاب``) is not
    recorded beside it."""
    rules, excluded_everywhere = parse_rules(topic.keywords)
    if not rules:
        return []
    text = _Text(body)
    found: list[tuple[int, int, int, list[tuple[str, int, int]]]] = []
    for number, sentence in enumerate(sentences(body)):
        parts = clauses(body, sentence)
        for rule in rules:
            for spans in _rule_matches(text, rule, sentence):
                first = min(start for start, _end in spans)
                last = max(end for _start, end in spans)
                start = next(p.start for p in parts if first < p.end)
                end = next(p.end for p in reversed(parts) if p.start < last)
                if any(
                    text.contains(start, end, phrase)
                    for phrase in (*rule.excluded, *excluded_everywhere)
                ):
                    continue
                fired = [(rule.text, s, e) for s, e in sorted(spans)]
                found.append((number, start, end, fired))
    found.sort(key=lambda item: (item[1], item[2]))
    merged: list[tuple[int, int, int, list[tuple[str, int, int]]]] = []
    for number, start, end, fired in found:
        if merged:
            last_number, last_start, last_end, last_fired = merged[-1]
            between = body[last_end:start] if start > last_end else ""
            if start < last_end or (
                number == last_number and not any(c.isalnum() for c in between)
            ):
                merged[-1] = (number, last_start, max(end, last_end), last_fired + fired)
                continue
        merged.append((number, start, end, fired))
    suggestions = []
    for _number, start, end, fired in merged:
        kept = [
            (rule, s, e)
            for rule, s, e in fired
            if not any((s2 <= s and e <= e2) and (s2, e2) != (s, e) for _r, s2, e2 in fired)
        ]
        suggestions.append(
            Suggestion(
                start, end, [rule for rule, _s, _e in kept], [body[s:e] for _r, s, e in kept]
            )
        )
    return suggestions


def suggested_passages(body: str, topic: Topic) -> list[Suggestion]:
    """The passages of ``body`` that ``topic``'s rules suggest (``start``/``end``)."""
    return suggestions_for(body, topic)


def article_suggest(article: Article, topics: Iterable[Topic] | None = None) -> SuggestionReport:
    """Create ``suggested`` annotations on ``article`` for every topic's matching clauses."""
    topics = list(Topic.objects.all() if topics is None else topics)
    report = SuggestionReport(articles=1)
    taken: dict[int, list[tuple[int, int]]] = {}
    for topic_id, start, end in article.annotations.values_list("topic_id", "start", "end"):
        taken.setdefault(topic_id, []).append((start, end))
    for topic in topics:
        spans = taken.setdefault(topic.pk, [])
        for suggestion in suggestions_for(article.body, topic):
            # Anything of this topic here already (dismissed included): leave it.
            if any(s < suggestion.end and suggestion.start < e for s, e in spans):
                report.existing += 1
                continue
            annotation_create(
                by=SYSTEM,
                article=article,
                topic=topic,
                start=suggestion.start,
                end=suggestion.end,
                quote=article.body[suggestion.start : suggestion.end],
                status=Annotation.Status.SUGGESTED,
                rule=suggestion.rule,
                matched=suggestion.matched,
            )
            spans.append((suggestion.start, suggestion.end))
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


@dataclass
class RuleScore:
    rule: str
    suggested: int = 0
    reviewed: int = 0
    accepted: int = 0

    @property
    def precision(self) -> float | None:
        """Accepted ÷ reviewed; ``None`` before any review."""
        return self.accepted / self.reviewed if self.reviewed else None


def topic_precision(topic: Topic) -> tuple[RuleScore, list[RuleScore]]:
    """How editors judged ``topic``'s suggestions: over all, and per rule.

    A suggestion is reviewed once accepted (draft or approved) or dismissed
    (rejected); one fired by several rules counts for each of them."""
    accepted = {Annotation.Status.DRAFT, Annotation.Status.APPROVED}
    total = RuleScore(rule="")
    per_rule: dict[str, RuleScore] = {}
    rows = topic.annotations.exclude(rule="").values_list("rule", "status")
    for rule_text, status in rows.iterator():
        scores = [total] + [
            per_rule.setdefault(rule, RuleScore(rule)) for rule in rule_text.split(" | ")
        ]
        for score in scores:
            score.suggested += 1
            if status != Annotation.Status.SUGGESTED:
                score.reviewed += 1
                score.accepted += status in accepted
    return total, sorted(per_rule.values(), key=lambda s: (s.precision is None, s.precision or 0))
