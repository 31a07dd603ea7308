"""Dated event mentions in an article's body. Plain Python, no Django import.

A *mention* is a sentence that names an event (a signing, a meeting, a visit,
a conference, a statement, a military action) and dates it: ``وقع الجانبان
… في أغسطس/آب الماضي``. The extractor returns, for each date expression
attached to an event word in the same sentence, the kind, the exact sentence,
the date expression's offsets and text, the event word, the place when one is
named (``في أنقرة``) and the date **resolved** against the article's own
publication date (:func:`resolve`), with a precision, never beyond what the
text says.

Speed: one Aho–Corasick automaton over every event word, date word (month,
weekday, relative word) and place name runs over the normalised body
(``archive.normalization``); only sentences holding both an event word and a
date word (or digits in a numeric date) are read further, and the date
grammar runs only in a small window around each date word. Offsets are code
points into the original body.

Pairing: a date belongs to the nearest event word in its own clause (cut at
``،`` ``؛`` ``:`` and dashes); when its clause has none, to the sentence's
event of the highest rank (a signing before a military action, a conference,
a visit, a meeting, then a statement), so "تم توقيع الاتفاقية خلال زيارة …
حيث التقوا …، يوم الأربعاء 13 آب" dates the signing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick
from hijridate import Gregorian

from archive.normalization import normalize_arabic, normalize_arabic_mapped

from .dates import GREGORIAN_MONTHS, HIJRI_MONTHS, hijri_to_gregorian

# ---------------------------------------------------------------------------------------
# Event words. ``word``: the whole word (after proclitics); ``stem``: a word starting with
# it (any suffix: اجتماعات, مؤتمرها, توقيعه). Verbs are whole words, so قال does not
# find قالن (a name) and وقع does not find توقع (expects).

AGREEMENT, MILITARY, CONFERENCE, VISIT, MEETING, STATEMENT = (
    "agreement",
    "military_action",
    "conference",
    "visit",
    "meeting",
    "statement",
)

# kind, rank (lower wins when a date's clause names no event), whole words, stems.
EVENT_WORDS: tuple[tuple[str, int, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        AGREEMENT,
        0,
        ("وقع", "وقعت", "وقعا", "وقعتا", "وقعوا", "يوقع", "يوقعان", "الموقع", "الموقعة",
         "اتفق", "اتفقت", "اتفقا", "اتفقوا"),
        ("توقيع", "اتفاق", "مذكرة تفاهم", "مذكرة التفاهم"),
    ),
    (
        MILITARY,
        1,
        ("قصف", "قصفت"),
        ("هجوم", "هجمات", "الهجوم", "غارة", "غارات", "قصف", "عملية عسكرية", "عمليات عسكرية"),
    ),
    (CONFERENCE, 2, (), ("مؤتمر",)),
    (VISIT, 3, ("زار", "زارت", "زارا", "يزور"), ("زيارة", "زيارت")),
    (
        MEETING,
        4,
        ("التقى", "التقت", "التقوا", "التقيا", "يلتقي", "اجتمع", "اجتمعت", "اجتمعا", "اجتمعوا",
         "استقبل", "استقبلت"),
        ("اجتماع", "لقاء", "مباحثات", "محادثات"),
    ),
    (
        STATEMENT,
        5,
        ("قال", "قالت", "قالوا", "أعلن", "أعلنت", "أعلنوا", "يعلن", "تعلن", "أكد", "أكدت",
         "أكدوا", "يؤكد", "تؤكد", "صرح", "صرحت", "أوضح", "أوضحت"),
        (),
    ),
    # "عملية" alone is as often a process (العملية السياسية) as an operation: last.
    (MILITARY, 6, (), ("عملية", "عمليات")),
)  # fmt: skip

# Places named after في (or with ب): cities and countries the archive's articles name.
# The service adds the places editors keep as actors.
PLACES = (
    "أنقرة", "إسطنبول", "اسطنبول", "غازي عنتاب", "هاتاي", "دمشق", "حلب", "حمص", "حماة",
    "اللاذقية", "طرطوس", "درعا", "السويداء", "إدلب", "الرقة", "دير الزور", "الحسكة",
    "القامشلي", "منبج", "عفرين", "كوباني", "عين العرب", "تل رفعت", "الدوحة", "الرياض",
    "بغداد", "أربيل", "بيروت", "القاهرة", "طهران", "موسكو", "واشنطن", "جنيف", "أستانا",
    "بروكسل", "سوريا", "سورية", "تركيا", "العراق", "لبنان", "الأردن", "روسيا", "إيران",
)  # fmt: skip

# Words a date expression is found by (its window is then read by the grammar).
_ARABIC_WEEKDAYS = {
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
}  # fmt: skip
_RELATIVE_WORDS = ("أمس", "الأمس", "البارحة", "اليوم", "الأسبوع", "الشهر", "العام", "السنة", "عام")
_DATE_WORDS = (
    *(name for name in GREGORIAN_MONTHS if not name.isascii()),
    *HIJRI_MONTHS,
    *_ARABIC_WEEKDAYS,
    *_RELATIVE_WORDS,
)

# What Arabic joins in front of a word: و ف (and), ب ل ك (in, to, like), ال, لل.
_CLITICS = frozenset(
    c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال")
) | frozenset({"لل", "ولل", "فلل"})
_LONGEST_CLITIC = max(map(len, _CLITICS))

# ---------------------------------------------------------------------------------------
# The date grammar (on normalised text).


def _alt(names: Iterable[str]) -> str:
    folded = {re.sub(r"\s+", " ", normalize_arabic(name)) for name in names}
    parts = [re.escape(name).replace(r"\ ", r"\s+") for name in folded]
    return "|".join(sorted(parts, key=len, reverse=True))


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", normalize_arabic(name)).lower().rstrip(".")


_GREG = {_key(name): number for name, number in GREGORIAN_MONTHS.items()}
_HIJ = {_key(name): number for name, number in HIJRI_MONTHS.items()}
_WEEKDAY = {_key(name): number for name, number in _ARABIC_WEEKDAYS.items()}

_M = rf"(?:{_alt(GREGORIAN_MONTHS)})(?!\w)"
_HM = rf"(?:{_alt(HIJRI_MONTHS)})(?!\w)"
_WD = rf"(?:{_alt(_ARABIC_WEEKDAYS)})(?!\w)"
_DAY = r"(?<!\d)[0-3]?\d(?!\d)"
_YEAR = r"(?<!\d)(?:19|20)\d\d(?!\d)"
_PAST = ("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "السابق")
_CURRENT = ("الجاري", "الحالي", "الحاليه")
_FUTURE = ("المقبل", "المقبله", "القادم", "القادمه")
_REL = rf"(?:{_alt(_PAST + _CURRENT + _FUTURE)})(?!\w)"


def _pair(p: str) -> str:
    # أغسطس/آب, مارس آذار, آب (أغسطس): a second name for the same month.
    return rf"(?P<{p}m1>{_M})(?:\s*[/\\(\-–—،,]?\s*(?P<{p}m2>{_M})\s*\)?)?"


_YEAR_TAIL = r"\s*[,،]?\s*(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?"
_DATE_RE = re.compile(
    r"(?<!\w)(?:[وفبل]|بال|وبال)?(?P<x>"
    # 13 آب, يوم الأربعاء 13 آب, 8 كانون الأول 2024, 14 أغسطس/آب 2025
    rf"(?P<dm>(?:(?:يوم\s+)?(?P<awd>{_WD})\s*[,،]?\s*)?(?P<ad>{_DAY})\s*(?:من\s+)?"
    rf"(?:شهر\s+)?{_pair('a')}(?:{_YEAR_TAIL}(?P<ay>{_YEAR}))?(?:\s+(?P<arel>{_REL}))?)"
    # 20 صفر 1447 هـ
    rf"|(?P<hj>(?P<hd>{_DAY})\s*(?:من\s+)?(?P<hm>{_HM})(?:\s*[,،]?\s*(?P<hy>1[34]\d\d)(?!\d))?"
    r"(?:\s*(?:ه|هجري\w*)(?!\w))?)"
    # اليوم الأربعاء, أمس الأربعاء, الأربعاء الماضي, يوم الخميس
    rf"|(?P<wk>(?:(?P<wpre>اليوم|امس|يوم)\s+)?(?P<wd>{_WD})(?:\s+(?P<wrel>{_REL}))?)"
    # أغسطس/آب الماضي, شهر آذار, ديسمبر 2024
    rf"|(?P<mo>(?:(?P<bq>شهر|مطلع|اوائل|اواخر|منتصف|نهايه|بدايه)\s+)?{_pair('b')}"
    rf"(?:{_YEAR_TAIL}(?P<by>{_YEAR})|\s+(?P<brel>{_REL}))?)"
    # أمس, أمس الأول, اليوم, الأسبوع الماضي, الشهر الجاري, العام الماضي
    r"|(?P<rel>(?P<r2>امس\s+الاول|اول\s+امس)|(?P<r1>(?:ال)?امس|البارحه)|(?P<r0>اليوم)"
    rf"|(?P<rw>الاسبوع|الشهر|العام|السنه)\s+(?P<rr>{_REL}))"
    # عام 2024
    rf"|(?P<yr>(?:عام|العام|سنه)\s+(?P<yy>{_YEAR}))"
    r")(?!\w)",
    re.IGNORECASE,
)
_NUMERIC_RE = re.compile(
    r"(?:(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)"
    r"|(?P<nd>[0-3]?\d)(?P<ns>[/.\-])(?P<nm>[01]?\d)(?P=ns)(?P<ny>(?:19|20)\d\d))(?![\d\-/])"
)
_NUMERIC_HINT = re.compile(r"\d[/.\-]\d")
# Sentence ends (a full stop between digits is a decimal point), clause ends.
_SENTENCE_END = re.compile(r"[!?؟]+|\.(?!\d)|\n")
_CLAUSE_END = re.compile(r"[،؛;:,]|\s[–—-]\s")
# "بعد / قبل / عقب / إثر / منذ" and what follows name another moment: a date after it
# dates that ("بعد الإطاحة بالأسد في ديسمبر": the ousting), not an event word outside
# the phrase. Not "بعد ذلك" (afterwards), a time of day ("بعد ظهر يوم الأربعاء"), or a
# span alone ("قبل أيام"; but "بعد أيام من سقوط النظام" is the fall's).
_SPAN = r"(?:ايام|يومين|ساعات|ساعتين|اسبوع|اسبوعين|اسابيع|اشهر|شهور|شهرين|سنوات|عامين)"
_OTHER_MOMENT = re.compile(
    r"(?<!\w)[وف]?(?:بعد|قبل|عقب|اثر|منذ)\s+"
    r"(?!(?:ذلك|هذا|هذه|ظهر|الظهر|الظهيره|العصر|الفجر)(?!\w))"
    rf"(?!{_SPAN}(?!\w)(?!\s+من(?!\w)))(?=\w)"
)
_DATE_LEAD = re.compile(
    r"[\s]*(?:[وف]?(?:في|يوم)\s+)?"
)  # what a clause holding only a date may start with
_EDGE = " \t\u00a0•·–—-*\"'“”«»()"
_MARKS = re.compile("[\u064b-\u0655\u0670\u0640]*")
_MARK_CHARS = frozenset(map(chr, [*range(0x064B, 0x0656), 0x0670, 0x0640]))


# ---------------------------------------------------------------------------------------
# Resolved dates.

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"
MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class ResolvedDate:
    """What a date expression says, resolved as far as the text allows.

    ``precision`` is ``day``, ``week`` (``year``/``month``/``day`` give the
    week's Monday), ``month``, ``year``, or ``""`` when nothing could be
    resolved (a weekday alone, ``أمس`` in an undated article). ``year`` may be
    ``None`` with a month and day (``10 آذار`` in an undated article)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    precision: str = ""
    note: str = ""

    @property
    def resolved(self) -> bool:
        return bool(self.precision)

    def bounds(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the date may be, when its year is known."""
        return claim_bounds(self.year, self.month, self.day, self.precision)

    def label(self) -> str:
        return date_label(self.year, self.month, self.day, self.precision)


@functools.lru_cache(maxsize=1 << 16)  # a timeline asks for the same few claims thousands of times
def claim_bounds(
    year: int | None, month: int | None, day: int | None, precision: str
) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a claimed date (``None`` without a year)."""
    if year is None or not precision:
        return None
    if precision == YEAR:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if precision == MONTH:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    first = dt.date(year, month, day)
    return first, first + dt.timedelta(days=6 if precision == WEEK else 0)


def date_label(year: int | None, month: int | None, day: int | None, precision: str) -> str:
    """``13 August 2025``, ``August 2025``, ``10 March (year not stated)``."""
    if not precision:
        return "date not resolved"
    if precision == YEAR:
        return str(year)
    if precision == MONTH:
        return f"{MONTH_NAMES[month]} {year}" if year else f"{MONTH_NAMES[month]} (year not stated)"
    text = f"{day} {MONTH_NAMES[month]}"
    if precision == WEEK:
        text = f"week of {text}"
    return f"{text} {year}" if year else f"{text} (year not stated)"


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _day(value: dt.date, note: str = "") -> ResolvedDate:
    return ResolvedDate(value.year, value.month, value.day, DAY, note)


def _weekday_note(value: dt.date, weekday: int | None) -> str:
    if weekday is None or value.weekday() == weekday:
        return ""
    return f"the text names a {calendar.day_name[weekday]}, but {value} is a {value:%A}"


def _on_or_before(published: dt.date, weekday: int) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _on_or_after(published: dt.date, weekday: int) -> dt.date:
    return published + dt.timedelta(days=(weekday - published.weekday()) % 7)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class DateExpression:
    """A date expression as written, parsed but not resolved."""

    form: str  # day_month, hijri, weekday, month, relative, year, numeric
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relation: str = ""  # past, current, future
    prefix: str = ""  # اليوم / امس / يوم before a weekday
    unit: str = ""  # day offset (0, 1, 2), or week / month / year for relative words
    offset: int = 0


def resolve(expression: DateExpression, published: dt.date | None) -> ResolvedDate:
    """The date ``expression`` says, against the publication date ``published``.

    - Full dates stand as written; a day and month without a year take the
      latest such day on or before the publication date, a month alone the
      latest such month (``الماضي``: strictly before the publication month,
      so ``كانون الأول الماضي`` in January is last year's December).
    - ``اليوم`` / ``أمس`` / ``أمس الأول``: the publication date, one or two
      days before; ``الأسبوع الماضي``: the week (Monday to Sunday) before the
      publication date's; ``الشهر الماضي``, ``العام الماضي`` likewise.
    - A weekday resolves only when the text says which: ``اليوم الأربعاء``,
      ``أمس الأربعاء``, ``الأربعاء الماضي`` (the latest Wednesday on or before
      the publication date), ``الأربعاء المقبل``. A weekday alone is not resolved.
    - Without a publication date, only what the text states: ``10 آذار`` is
      day 10 of March, year unknown; ``أمس`` is not resolved.
    """
    e = expression
    if e.form == "numeric" or (e.form == "day_month" and e.year is not None):
        if not _valid(e.year, e.month, e.day):
            return ResolvedDate(note="not a date")
        value = dt.date(e.year, e.month, e.day)
        return _day(value, _weekday_note(value, e.weekday))
    if e.form == "day_month":
        if not _valid(2024, e.month, e.day):  # 29 February exists in some year
            return ResolvedDate(note="not a date")
        if published is None:
            return ResolvedDate(None, e.month, e.day, DAY, "year not stated")
        year = published.year
        if e.relation == "future":
            if (e.month, e.day) < (published.month, published.day):
                year += 1
        elif (e.month, e.day) > (published.month, published.day):
            year -= 1
        while not _valid(year, e.month, e.day):  # 29 February: the latest leap year
            year -= 1
        value = dt.date(year, e.month, e.day)
        return _day(value, _weekday_note(value, e.weekday))
    if e.form == "hijri":
        return _resolve_hijri(e, published)
    if e.form == "year":
        return ResolvedDate(e.year, None, None, YEAR)
    if e.form == "month":
        if e.year is not None:
            return ResolvedDate(e.year, e.month, None, MONTH)
        if published is None:
            return ResolvedDate(None, e.month, None, MONTH, "year not stated")
        year = published.year
        if e.relation == "past":
            year -= e.month >= published.month
        elif e.relation == "future":
            year += e.month <= published.month
        elif e.relation == "" and e.month > published.month:
            year -= 1
        return ResolvedDate(year, e.month, None, MONTH)
    if published is None:
        return ResolvedDate(note="relative to a publication date the article does not state")
    if e.form == "relative":
        if e.unit == "week":
            monday = published - dt.timedelta(days=published.weekday() + 7)
            if e.relation == "current":
                monday += dt.timedelta(days=7)
            elif e.relation == "future":
                monday += dt.timedelta(days=14)
            return ResolvedDate(monday.year, monday.month, monday.day, WEEK)
        if e.unit == "month":
            by = {"past": -1, "current": 0, "future": 1}[e.relation]
            year, month = _shift_month(published.year, published.month, by)
            return ResolvedDate(year, month, None, MONTH)
        if e.unit == "year":
            by = {"past": -1, "current": 0, "future": 1}[e.relation]
            return ResolvedDate(published.year + by, None, None, YEAR)
        value = published - dt.timedelta(days=e.offset)
        return _day(value, _weekday_note(value, e.weekday))
    # A weekday.
    if e.prefix == "اليوم":
        return _day(published, _weekday_note(published, e.weekday))
    if e.prefix == "امس":
        value = published - dt.timedelta(days=1)
        return _day(value, _weekday_note(value, e.weekday))
    if e.relation == "past":
        return _day(_on_or_before(published, e.weekday))
    if e.relation == "future":
        return _day(_on_or_after(published, e.weekday))
    return ResolvedDate(note="a weekday alone: the text does not say which")


def _resolve_hijri(e: DateExpression, published: dt.date | None) -> ResolvedDate:
    if e.year is not None:
        value = hijri_to_gregorian(e.year, e.month, e.day)
        return _day(value) if value else ResolvedDate(note="not a Hijri date")
    if published is None:
        return ResolvedDate(note="a Hijri date without a year in an undated article")
    year = Gregorian(published.year, published.month, published.day).to_hijri().year
    value = hijri_to_gregorian(year, e.month, e.day)
    if value is not None and value > published:
        value = hijri_to_gregorian(year - 1, e.month, e.day)
    return _day(value) if value else ResolvedDate(note="not a Hijri date")


def _relation(word: str | None) -> str:
    if not word:
        return ""
    word = word.lower()
    if word in _PAST:
        return "past"
    if word in _CURRENT:
        return "current"
    return "future"


def _month(match: re.Match, prefix: str) -> int | None:
    first = _GREG.get(_key(match.group(f"{prefix}m1")))
    second = match.group(f"{prefix}m2")
    if second is not None and _GREG.get(_key(second)) != first:
        return None  # مارس - أبريل is a range, not one month
    return first


def parse_expression(match: re.Match) -> DateExpression | None:
    """The :class:`DateExpression` of a match of the date grammar, or ``None``."""
    g = match.group
    if g("dm"):
        month = _month(match, "a")
        if month is None:
            return None
        weekday = _WEEKDAY.get(_key(g("awd"))) if g("awd") else None
        year = int(g("ay")) if g("ay") else None
        return DateExpression("day_month", year, month, int(g("ad")), weekday, _relation(g("arel")))
    if g("hj"):
        year = int(g("hy")) if g("hy") else None
        return DateExpression("hijri", year, _HIJ[_key(g("hm"))], int(g("hd")))
    if g("wk"):
        return DateExpression(
            "weekday",
            weekday=_WEEKDAY[_key(g("wd"))],
            relation=_relation(g("wrel")),
            prefix=(g("wpre") or "").lower(),
        )
    if g("mo"):
        month = _month(match, "b")
        if month is None:
            return None
        year = int(g("by")) if g("by") else None
        relation = _relation(g("brel"))
        if year is None and not relation and not g("bq") and not _after_fi(match):
            return None  # a bare month name (مارس also "he practised"): not a date
        return DateExpression("month", year, month, relation=relation)
    if g("rel"):
        if g("r2"):
            return DateExpression("relative", unit="day", offset=2)
        if g("r1"):
            return DateExpression("relative", unit="day", offset=1)
        if g("r0"):
            return DateExpression("relative", unit="day", offset=0)
        unit = {"الاسبوع": "week", "الشهر": "month"}.get(g("rw"), "year")
        return DateExpression("relative", unit=unit, relation=_relation(g("rr")))
    if g("yr"):
        return DateExpression("year", int(g("yy")))
    return None


_FI = re.compile(r"(?:^|\s)(?:في|خلال|منذ|حتى|قبل|بعد|من)\s+$")


def _after_fi(match: re.Match) -> bool:
    start = match.start("x")
    return bool(_FI.search(match.string, max(0, start - 8), start))


def parse_numeric(match: re.Match) -> DateExpression:
    g = match.group
    if g("iy"):
        return DateExpression("numeric", int(g("iy")), int(g("im")), int(g("id")))
    return DateExpression("numeric", int(g("ny")), int(g("nm")), int(g("nd")))


# ---------------------------------------------------------------------------------------
# The extractor.


@dataclass(frozen=True)
class Mention:
    """A dated event mention: ``body[start:end] == sentence``,
    ``body[date_start:date_end] == date_text``, ``body[trigger_start:trigger_end]``
    is the event word."""

    kind: str
    start: int
    end: int
    sentence: str
    date_start: int
    date_end: int
    date_text: str
    trigger: str
    trigger_start: int
    trigger_end: int
    place: str
    date: ResolvedDate


@dataclass
class _Hit:
    start: int  # normalised offsets
    end: int
    kind: str  # an event kind, "date" or "place"
    rank: int = 0
    word_start: int = 0  # before its proclitics


@dataclass
class _Sentence:
    start: int
    end: int
    events: list[_Hit] = field(default_factory=list)
    dates: list[_Hit] = field(default_factory=list)
    places: list[_Hit] = field(default_factory=list)


class EventExtractor:
    """Finds dated event mentions; build once (the automaton), use for many bodies."""

    def __init__(self, places: Iterable[str] = ()):
        automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, int, bool]]] = {}

        def add(text: str, kind: str, rank: int, whole: bool) -> None:
            key = re.sub(r"\s+", " ", normalize_arabic(text)).strip()
            if key:
                entries.setdefault(key, []).append((kind, rank, whole))

        for kind, rank, words, stems in EVENT_WORDS:
            for word in words:
                add(word, kind, rank, True)
            for stem in stems:
                add(stem, kind, rank, False)
        for word in _DATE_WORDS:
            add(word, "date", 0, True)
        for place in (*PLACES, *places):
            add(place, "place", 0, True)
        for key, values in entries.items():
            automaton.add_word(key, (len(key), tuple(values)))
        automaton.make_automaton()
        self._automaton = automaton

    def extract(self, body: str, published: dt.date | None = None) -> list[Mention]:
        """The dated event mentions of ``body``, in text order."""
        if not body:
            return []
        text, origin = normalize_arabic_mapped(body)
        hits = self._hits(text)
        if not any(hit.kind not in ("date", "place") for hit in hits):
            return []
        numeric = _numeric_dates(text) if _NUMERIC_HINT.search(text) else []
        if not numeric and not any(hit.kind == "date" for hit in hits):
            return []
        sentences = self._sentences(text, hits, numeric)
        mentions: list[Mention] = []
        for sentence in sentences:
            mentions.extend(self._read(body, text, origin, sentence, numeric, published))
        return mentions

    def _hits(self, text: str) -> list[_Hit]:
        hits = []
        for last, (length, values) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            word_start = start
            while word_start > 0 and (text[word_start - 1].isalnum()):
                word_start -= 1
                if start - word_start > _LONGEST_CLITIC:
                    break
            if text[word_start:start] not in _CLITICS:
                continue
            ends_word = end >= len(text) or not text[end].isalnum()
            for kind, rank, whole in values:
                if whole and not ends_word:
                    continue
                hits.append(_Hit(start, end, kind, rank, word_start))
                break
        return hits

    def _sentences(self, text: str, hits: list[_Hit], numeric: list[re.Match]) -> list[_Sentence]:
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        by_index: dict[int, _Sentence] = {}

        def sentence_of(position: int) -> _Sentence:
            index = bisect_right(ends, position)
            sentence = by_index.get(index)
            if sentence is None:
                start = ends[index - 1] if index else 0
                end = ends[index] if index < len(ends) else len(text)
                sentence = by_index[index] = _Sentence(start, end)
            return sentence

        for hit in hits:
            target = sentence_of(hit.start)
            if hit.kind == "date":
                target.dates.append(hit)
            elif hit.kind == "place":
                target.places.append(hit)
            else:
                target.events.append(hit)
        for match in numeric:
            sentence_of(match.start()).dates.append(_Hit(match.start(), match.end(), "numeric"))
        return [by_index[i] for i in sorted(by_index) if by_index[i].events and by_index[i].dates]

    def _read(
        self,
        body: str,
        text: str,
        origin,
        sentence: _Sentence,
        numeric: list[re.Match],
        published: dt.date | None,
    ) -> list[Mention]:
        expressions: list[tuple[int, int, DateExpression]] = []
        taken_until = -1
        for hit in sorted(sentence.dates, key=lambda h: h.start):
            if hit.kind == "numeric" or hit.start < taken_until:
                continue
            match = _date_at(text, sentence.start, hit)
            if match is None:
                continue
            start, end = match.span("x")
            expression = parse_expression(match)
            if expression is not None and start >= taken_until:
                expressions.append((start, end, expression))
                taken_until = end
        for match in numeric:
            if sentence.start <= match.start() < sentence.end:
                expressions.append((match.start(), match.end(), parse_numeric(match)))
        if not expressions:
            return []
        expressions.sort(key=lambda item: item[0])
        start, end = _trim(text, sentence.start, sentence.end)
        if start >= end:
            return []
        clause_ends = [m.start() for m in _CLAUSE_END.finditer(text, start, end)]
        mentions = []
        for date_start, date_end, expression in expressions:
            event = _event_for(sentence.events, clause_ends, date_start, date_end)
            if event is None or _dates_another_moment(text, start, clause_ends, event, date_start):
                continue
            place = _place_for(text, sentence.places, date_start)
            o_start, o_end = origin(start), _end(body, origin, end)
            d_start, d_end = origin(date_start), _end(body, origin, date_end)
            t_start, t_end = origin(event.start), _word_end(body, _end(body, origin, event.end))
            place_text = body[origin(place.start) : _end(body, origin, place.end)] if place else ""
            mentions.append(
                Mention(
                    kind=event.kind,
                    start=o_start,
                    end=o_end,
                    sentence=body[o_start:o_end],
                    date_start=d_start,
                    date_end=d_end,
                    date_text=body[d_start:d_end],
                    trigger=body[t_start:t_end],
                    trigger_start=t_start,
                    trigger_end=t_end,
                    place=place_text,
                    date=resolve(expression, published),
                )
            )
        return mentions


def _numeric_dates(text: str) -> list[re.Match]:
    """ISO and day-first numeric dates, not inside a longer run of digits."""
    return [
        m
        for m in _NUMERIC_RE.finditer(text)
        if not m.start() or text[m.start() - 1] not in "0123456789.-/"
    ]


def _date_at(text: str, floor: int, hit: _Hit) -> re.Match | None:
    """The date expression holding the date word ``hit``: the grammar is tried
    at the word starts up to three words before it (``يوم الأربعاء 13 آب``
    holds ``آب``), earliest first, and at the word itself."""
    starts = [hit.word_start]
    position = hit.word_start
    for _ in range(3):
        space = text.rfind(" ", max(floor, position - 16), position - 1)
        if space < 0:
            break
        position = space + 1
        starts.append(position)
    for start in reversed(starts):
        match = _DATE_RE.match(text, start)
        if match is not None and match.start("x") <= hit.start < match.end("x"):
            return match
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _EDGE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in " \t\u00a0\n،؛;:,–—-" or text[end - 1].isspace()):
        end -= 1
    return start, end


def _end(body: str, origin, end: int) -> int:
    """The original offset ending a span whose normalised end is ``end``
    (marks after the last letter belong to it)."""
    if end <= 0:
        return 0
    position = origin(end - 1) + 1
    return _MARKS.match(body, position).end()


def _word_end(body: str, position: int) -> int:
    """The end of the word a stem match ends inside (اتفاق → الاتفاقية)."""
    while position < len(body) and (body[position].isalnum() or body[position] in _MARK_CHARS):
        position += 1
    return position


def _event_for(
    events: list[_Hit], clause_ends: list[int], date_start: int, date_end: int
) -> _Hit | None:
    """The event word the date belongs to. In its clause: the nearest before
    it (Arabic names the event, then its date), else the nearest after. When
    its clause names none: the highest-ranked event before it in the
    sentence, else the nearest after it."""
    before = [e for e in events if e.end <= date_start]
    after = [e for e in events if e.start >= date_end]
    clause = bisect_left(clause_ends, date_start)
    low = clause_ends[clause - 1] if clause else -1
    high = clause_ends[clause] if clause < len(clause_ends) else 1 << 60
    near_before = [e for e in before if e.start > low]
    if near_before:
        return max(near_before, key=lambda e: (e.end, -e.rank))
    near_after = [e for e in after if e.start < high]
    if near_after:
        return min(near_after, key=lambda e: (e.start, e.rank))
    if before:
        return min(before, key=lambda e: (e.rank, -e.end))
    if after:
        return min(after, key=lambda e: (e.start, e.rank))
    return None


def _dates_another_moment(
    text: str, floor: int, clause_ends: list[int], event: _Hit, date_start: int
) -> bool:
    """Whether the date belongs to a phrase "بعد …" (see ``_OTHER_MOMENT``) in
    its clause that does not hold ``event``: "يأتي توقيع الاتفاقية بعد الأحداث
    التي شهدتها السويداء في تموز الماضي" dates the events, not the signing. A
    clause that is only the date ("…، في 8 كانون الأول 2024، …") is read with
    the clause before it, which it is said of."""
    clause = bisect_left(clause_ends, date_start)
    low = clause_ends[clause - 1] + 1 if clause else floor
    if clause and _DATE_LEAD.fullmatch(text, low, date_start):
        low = clause_ends[clause - 2] + 1 if clause > 1 else floor
    phrases = list(_OTHER_MOMENT.finditer(text, low, date_start))
    if not phrases or phrases[-1].end() >= date_start:
        return False  # none, or the date itself follows it ("بعد 8 مارس")
    return not phrases[-1].start() <= event.start < date_start


def _place_for(text: str, places: list[_Hit], date_start: int) -> _Hit | None:
    """The place named after في or ب nearest the date."""
    named = [
        p
        for p in places
        if text[max(0, p.start - 3) : p.start] == "في " or text[p.start - 1 : p.start] == "ب"
    ]
    if not named:
        return None
    return min(named, key=lambda p: abs(p.start - date_start))


_DEFAULT: EventExtractor | None = None


def extract_event_mentions(body: str, published: dt.date | None = None) -> list[Mention]:
    """:meth:`EventExtractor.extract` with the default places."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = EventExtractor()
    return _DEFAULT.extract(body, published)


# ---------------------------------------------------------------------------------------
# Claims: the dates several articles give one event.

Claim = tuple  # (year | None, month | None, day | None, precision)
_FINENESS = {DAY: 0, WEEK: 1, MONTH: 2, YEAR: 3}
_LEAP = 2024  # a year with every day, for comparing claims none of which states one


def _with_year(claim: Claim, year: int) -> tuple[dt.date, dt.date] | None:
    y, m, d, precision = claim
    return claim_bounds(y if y is not None else year, m, d, precision)


def claims_agree(a: Claim, b: Claim) -> bool:
    """Whether two claimed dates can both be right: their periods overlap. A
    claim without a year takes the other's (``10 آذار`` against ``8 مارس
    2025`` is 10 March 2025); an unresolved claim agrees with anything."""
    if not a[3] or not b[3]:
        return True
    year = a[0] if a[0] is not None else b[0] if b[0] is not None else _LEAP
    first, second = _with_year(a, year), _with_year(b, year)
    if first is None or second is None:
        return True
    return first[0] <= second[1] and second[0] <= first[1]


def claims_conflict(claims: Iterable[Claim]) -> bool:
    """Whether any two of ``claims`` disagree (see :func:`claims_agree`).

    Periods on a line overlap two by two exactly when the latest start is on
    or before the earliest end, so each claim is read once: the claims that
    state a year against one another, each claim without a year against the
    claims of each stated year (it takes their year), and the claims without
    a year against one another (in a leap year)."""
    stated = []
    yearless = []
    for claim in claims:
        if claim[3]:
            (stated if claim[0] is not None else yearless).append(claim)
    if stated:
        bounds = [claim_bounds(*claim) for claim in stated]
        if max(b[0] for b in bounds) > min(b[1] for b in bounds):
            return True
        if yearless:
            years: dict[int, tuple[dt.date, dt.date]] = {}  # (latest start, earliest end)
            for claim, (first, last) in zip(stated, bounds, strict=True):
                known = years.get(claim[0])
                years[claim[0]] = (
                    (first, last) if known is None else (max(known[0], first), min(known[1], last))
                )
            for claim in yearless:
                for year, (latest_start, earliest_end) in years.items():
                    first, last = _with_year(claim, year)
                    if first > earliest_end or latest_start > last:
                        return True
    if len(yearless) > 1:
        bounds = [_with_year(claim, _LEAP) for claim in yearless]
        return max(b[0] for b in bounds) > min(b[1] for b in bounds)
    return False


def claims_span(claims: Iterable[Claim]) -> tuple[dt.date, dt.date | None, str] | None:
    """(start, end or None, precision) covering what the finest claims say:
    13 August (day) and August (month) make 13 August; 8 and 10 March make
    8–10 March. Claims without a year take the year most claims state;
    ``None`` when no claim states one."""
    resolved = [c for c in claims if c[3]]
    years = [c[0] for c in resolved if c[0] is not None]
    if not years:
        return None
    year = max(set(years), key=lambda y: (years.count(y), y))
    finest = min(_FINENESS[c[3]] for c in resolved)
    bounds = [
        b for c in resolved if _FINENESS[c[3]] == finest and (b := _with_year(c, year)) is not None
    ]
    start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
    precision = next(p for p, rank in _FINENESS.items() if rank == finest)
    single = claim_bounds(start.year, start.month, start.day, precision)
    return start, (None if single is not None and single[1] == end else end), precision


def claims_spread(claims: Iterable[Claim]) -> tuple[dt.date, dt.date] | None:
    """The first and last day any of ``claims`` allows (claims without a year
    take the year most claims state); ``None`` when none states a year."""
    resolved = [c for c in claims if c[3]]
    years = [c[0] for c in resolved if c[0] is not None]
    if not years:
        return None
    year = max(set(years), key=lambda y: (years.count(y), y))
    bounds = [b for c in resolved if (b := _with_year(c, year)) is not None]
    return min(b[0] for b in bounds), max(b[1] for b in bounds)
