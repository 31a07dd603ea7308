"""Recognise the date lines at the top of a news page.

A fast hand-written recogniser covers the common forms (ISO dates, day-month-year with
Egyptian/Gulf, Levantine, Maghrebi or English month names, numeric dates, Hijri dates,
times with Arabic or Latin a.m./p.m. markers, GMT/UTC/offset zones, labels such as
``آخر تحديث:``). ``dateparser`` is only a cached fallback for short header lines the fast
path does not understand. Matching runs on ``normalize_arabic`` text; every text kept is
the original.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache

from hijridate import Hijri

from archive.normalization import normalize_arabic

from .folding import Folded, fold

# ---------------------------------------------------------------------------------------
# Tables. Keys are written naturally and folded with normalize_arabic when compiled, so
# spelling variants (أ/ا, ة/ه, ى/ي, diacritics) all match.

GREGORIAN_MONTHS: dict[str, int] = {
    # Egyptian / Gulf (with the common Egyptian spellings يونيه، يوليه، إبريل)
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6,
    "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "أغسطوس": 8, "سبتمبر": 9, "أكتوبر": 10,
    "نوفمبر": 11, "ديسمبر": 12,
    # Levantine / Iraqi
    "كانون الثاني": 1, "كانون ثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين أول": 10,
    "تشرين الثاني": 11, "تشرين ثاني": 11, "كانون الأول": 12, "كانون أول": 12,
    # Maghrebi: Algerian/Tunisian (جانفي ... أوت) and Moroccan (يوليوز، غشت، شتنبر ...)
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "أوت": 8,
    "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
    # English (matched case-insensitively)
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع أول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4,
    "ربيع ثاني": 4, "جمادى الأولى": 5, "جمادى الأول": 5, "جمادى الآخرة": 6,
    "جمادى الثانية": 6, "جمادى الآخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}  # fmt: skip

WEEKDAYS = (
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    "أحد", "اثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت",
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sun", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
)  # fmt: skip

# Meridiem markers: True = afternoon/evening (add 12 h), False = morning.
MERIDIEM: dict[str, bool] = {
    "am": False, "a.m.": False, "a.m": False, "ص": False, "صباحا": False, "صباح": False,
    "صباحاً": False, "فجرا": False, "فجر": False,
    "pm": True, "p.m.": True, "p.m": True, "م": True, "مساء": True, "مساءا": True,
    "مساءً": True, "ظهرا": True, "الظهر": True, "بعد الظهر": True, "عصرا": True,
    "ليلا": True,
}  # fmt: skip

# "بتوقيت X": only zones with one fixed offset and no daylight saving time get a value.
# (Cairo, Beirut, Jerusalem, Amman/Oman ambiguity, Damascus before 2022: left unknown.)
ZONE_PLACES: dict[str, int | None] = {
    "غرينتش": 0, "غرينيتش": 0, "جرينتش": 0, "جرينيتش": 0, "غرينش": 0, "greenwich": 0,
    "مكة المكرمة": 180, "مكة": 180, "الرياض": 180, "السعودية": 180, "الدوحة": 180,
    "قطر": 180, "الكويت": 180, "بغداد": 180, "العراق": 180, "المنامة": 180, "البحرين": 180,
    "أبوظبي": 240, "أبو ظبي": 240, "الإمارات": 240, "دبي": 240, "مسقط": 240,
    "أنقرة": 180, "إسطنبول": 180, "اسطنبول": 180, "تركيا": 180,  # fixed +03 since 2016-09
    "القاهرة": None, "مصر": None, "بيروت": None, "لبنان": None, "القدس": None,
    "دمشق": None, "سوريا": None, "سورية": None, "عمان": None, "الأردن": None,
    "المغرب": None, "الرباط": None, "الجزائر": None, "تونس": None, "طرابلس": None,
    "الخرطوم": None, "صنعاء": None, "عدن": None,
}  # fmt: skip
_TURKEY = {"انقره", "اسطنبول", "تركيا"}
_TURKEY_FIXED_SINCE = datetime.date(2016, 9, 7)

UPDATED_LABELS = (
    "آخر تحديث", "اخر تحديث", "تاريخ التحديث", "تم التحديث", "تم تحديث", "تحديث",
    "آخر تعديل", "تاريخ التعديل", "محدث", "حدث في", "last updated", "last modified",
    "updated on", "updated at", "updated", "modified",
)  # fmt: skip
PUBLISHED_LABELS = (
    "تاريخ النشر", "تاريخ الخبر", "تاريخ الإضافة", "تم النشر", "نشر بتاريخ", "نشر في",
    "نشرت في", "نشر يوم", "منشور في", "نشر", "بتاريخ", "التاريخ", "published on",
    "published at", "published", "posted on", "posted at", "posted", "date",
)  # fmt: skip
# Words that may sit between the parts of a date line without making it a text line.
CONNECTORS = ("الموافق", "الساعة", "في", "يوم", "من", "م", "هـ", "ميلادي", "ميلادية", "at", "on")

# Words that make dateparser read the base date (today) into a line: never use those.
_RELATIVE = re.compile(
    r"(?<!\w)(?:منذ|قبل|امس|اليوم|غدا|البارحه|ago|yesterday|today|tomorrow|now)(?!\w)",
    re.IGNORECASE,
)


def _alternation(names) -> str:
    """A regex alternation of folded names, longest first, spaces as \\s+."""
    folded = {normalize_arabic(name) for name in names}
    parts = [re.escape(name).replace(r"\ ", r"\s+") for name in folded]
    return "|".join(sorted(parts, key=len, reverse=True))


def _folded_table(table: dict[str, int | bool | None]) -> dict[str, int | bool | None]:
    return {re.sub(r"\s+", " ", normalize_arabic(k)).lower(): v for k, v in table.items()}


_GREG = _folded_table(GREGORIAN_MONTHS)
_HIJRI = _folded_table(HIJRI_MONTHS)
_MER = _folded_table(MERIDIEM)
_ZONES = _folded_table(ZONE_PLACES)

# A month name may follow its day with no space ("14نوفمبر", text extracted from a PDF),
# never a letter.
_MONTH = rf"(?<![^\W\d_])(?:{_alternation(GREGORIAN_MONTHS)})(?!\w)\.?"
_SEP = r"[\s,،.\-–—/]*(?:(?:من|شهر)\s+)*"
_YEAR = r"(?:19|20)\d\d(?:(?!\d)|(?=[0-2]?\d:[0-5]\d))"
_DAY = r"(?<!\d)[0-3]?\d(?:st|nd|rd|th)?(?!\d)"


def _month_pair(prefix: str) -> str:
    # "أغسطس/آب", "مارس آذار", "آب (أغسطس)": a second name for the same month.
    return (
        rf"(?P<{prefix}m1>{_MONTH})"
        rf"(?:\s*[/\\(\-–—،,]?\s*(?P<{prefix}m2>{_MONTH})\s*\)?)?"
    )


_MER_RE = _alternation(MERIDIEM).replace(r"\.", r"\.?")
# Where a token may start: a digit or a sign, or a letter that no letter precedes (every
# word token is anchored so). Tried first at each position, it rejects the inside of a
# word at once instead of trying every alternative there (a third of the time); it never
# rejects a position where an alternative could match, so the tokens are the same.
_TOKEN_START = r"(?:(?=[\d+\-])|(?<![^\W\d_])(?=[^\W\d_]))"
_TOKEN_RE = re.compile(
    _TOKEN_START
    + "(?:"
    + "|".join(
        [
            # ISO 8601, optionally with a T time and offset (a spaced time is a time token,
            # which may carry a meridiem marker: 2025-08-14 01:24 م)
            r"(?P<iso>(?<!\d)(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)"
            r"(?:T(?P<ih>[0-2]?\d):(?P<imin>[0-5]\d)(?::(?P<isec>[0-5]\d)(?:\.\d+)?)?"
            r"(?P<iz>Z|[+-][01]\d:?[0-5]\d)?)?(?!\d))",
            # numeric Hijri with its marker: 1447/2/20 هـ
            r"(?P<hnum>(?<!\d)(?P<hny>1[34]\d\d)[/.\-](?P<hnm>[01]?\d)[/.\-](?P<hnd>[0-3]?\d)"
            r"\s*(?:ه|هجري\w*)(?!\w))",
            # numeric year first: 2025/08/14, 2025.08.14
            r"(?P<ymd>(?<!\d)(?P<ny>(?:19|20)\d\d)[/.](?P<nm>[01]?\d)[/.](?P<nd>[0-3]?\d)(?!\d))",
            # numeric day first (the Arab-world order): 14/08/2025, 14-8-2025, 14.08.2025
            r"(?P<dmy>(?<![\d.])(?P<ad>[0-3]?\d)\s*(?P<asep>[/.\-])\s*(?P<am>[01]?\d)\s*"
            r"(?P=asep)\s*(?P<ay>(?:19|20)\d\d)(?!\d))",
            # Hijri: 20 صفر 1447 هـ
            rf"(?P<hijri>(?<!\d)(?P<hd>[0-3]?\d)\s*(?:من\s+)?(?P<hm>{_alternation(HIJRI_MONTHS)})"
            r"(?!\w)\s*[,،]?\s*(?P<hy>1[34]\d\d)(?!\d)(?:\s*(?:ه|هجري\w*|ah)(?!\w))?)",
            # 14 أغسطس 2025, 26th, December 2024, 14 - أغسطس - 2025, 14 أغسطس/آب 2025
            rf"(?P<tdmy>(?P<td>{_DAY}){_SEP}{_month_pair('t')}{_SEP}(?P<ty>{_YEAR}))",
            # December 26, 2024 / أغسطس 14، 2025
            rf"(?P<tmdy>{_month_pair('u')}\s*(?P<ud>{_DAY})\s*[,،]?\s*(?P<uy>{_YEAR}))",
            # 07:51 PM, 1:24 مساءً, 19:51
            r"(?P<time>(?:(?<![\d:])|(?<=(?:19|20)\d\d))(?P<th>[0-2]?\d)\s?:\s?(?P<tm>[0-5]\d)"
            r"(?::(?P<ts>[0-5]\d))?"
            # the marker may be glued to an icon label that follows it: "2:36 PMClock"
            rf"(?!\d)(?:\s*(?P<mer>{_MER_RE})(?:(?!\w)|(?=(?-i:[A-Z][a-z]))))?)",
            r"(?P<gmt>(?<!\w)(?:gmt|utc)(?:\s*(?P<zs>[+-])\s*(?P<zh>\d{1,2})(?::?(?P<zm>\d\d))?)?"
            r"(?!\w))",
            r"(?P<offset>(?<![\w+-])(?P<os>[+-])(?P<oh>[01]\d):?(?P<om>[0-5]\d)(?!\d))",
            r"(?P<tg>(?<!\w)ت\s*\.?\s*غ(?!\w)\.?)",
            rf"(?P<zone>(?<!\w)(?:ب|وفق\s+)?(?:ال)?توقيت\s+(?P<zplace>{_alternation(ZONE_PLACES)}"
            r"|المحلي)(?!\w))",
            rf"(?P<upd>(?<!\w)(?:{_alternation(UPDATED_LABELS)})(?!\w)\s*[:：\-–]?)",
            rf"(?P<pub>(?<!\w)(?:{_alternation(PUBLISHED_LABELS)})(?!\w)\s*[:：\-–]?)",
            rf"(?P<weekday>(?<!\w)(?:{_alternation(WEEKDAYS)})(?!\w)\.?)",
            rf"(?P<conn>(?<!\w)(?:{_alternation(CONNECTORS)})(?!\w))",
        ]
    )
    + ")",
    re.IGNORECASE,
)
_DATE_KINDS = frozenset({"iso", "ymd", "dmy", "tdmy", "tmdy"})
_HIJRI_KINDS = frozenset({"hijri", "hnum"})
_WORD = re.compile(r"\w+")
_YEAR_ANYWHERE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_EDGE_PUNCT = " \t-–—|:،,;؛•*/\\"


@dataclass
class _Token:
    kind: str
    start: int
    end: int
    date: datetime.date | None = None
    time: datetime.time | None = None
    offset: int | None = None
    hijri: tuple[int, int, int] | None = None


@dataclass
class DateLine:
    """What one header line says about dates.

    ``published`` holds an unlabelled or publication-labelled date, ``updated`` one that
    follows an "updated" label. ``remainder`` is text the line goes on with after a leading
    date (e.g. a summary), as an exact substring of the line; ``labelled`` says whether a
    label such as ``date`` or ``تاريخ النشر:`` introduced the date.
    """

    published: ParsedDateParts | None = None
    updated: ParsedDateParts | None = None
    hijri_text: str = ""
    remainder: str = ""
    labelled: bool = False
    prefix: str = ""  # text before the date ("كشـ24 | و.م.ع" in a byline-and-date line)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedDateParts:
    """The fields of a :class:`~archive.parsing.types.ParsedDate` (kept separate to avoid a
    circular import; ``article`` turns it into the public type)."""

    date: datetime.date
    time: datetime.time | None
    utc_offset_minutes: int | None
    text: str


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_number(match: re.Match, prefix: str) -> int | None:
    def number(group: str) -> int | None:
        name = match.group(group)
        if not name:
            return None
        key = re.sub(r"\s+", " ", name.rstrip(".")).lower()
        return _GREG.get(key)

    first = number(f"{prefix}m1")
    second = number(f"{prefix}m2")
    if second is not None and first is not None and second != first:
        return None  # "مارس - أبريل" is a range, not one date
    return first


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _clock(hour: int, minute: int, second: int, marker: str | None) -> datetime.time | None:
    if marker:
        afternoon = _MER.get(re.sub(r"\s+", " ", marker).lower().replace("..", "."))
        if afternoon is None:
            afternoon = _MER.get(marker.lower().rstrip(".") + ("." if "." in marker else ""))
        if hour <= 12 and afternoon is not None:
            if afternoon and hour < 12:
                hour += 12
            elif not afternoon and hour == 12:
                hour = 0
    if hour > 23:
        return None
    return datetime.time(hour, minute, second)


def _token(match: re.Match) -> _Token | None:
    kind = match.lastgroup
    start, end = match.span()
    g = match.group
    if kind == "iso":
        day = _safe_date(int(g("iy")), int(g("im")), int(g("id")))
        if day is None:
            return None
        clock = offset = None
        if g("ih"):
            clock = _clock(int(g("ih")), int(g("imin")), int(g("isec") or 0), None)
            zone = g("iz")
            if zone:
                offset = 0 if zone.upper() == "Z" else _offset(zone[0], zone[1:3], zone[-2:])
        return _Token(kind, start, end, date=day, time=clock, offset=offset)
    if kind in ("ymd", "dmy"):
        if kind == "ymd":
            year, month, day_ = int(g("ny")), int(g("nm")), int(g("nd"))
        else:
            year, month, day_ = int(g("ay")), int(g("am")), int(g("ad"))
        day = _safe_date(year, month, day_)
        return _Token(kind, start, end, date=day) if day else None
    if kind in ("tdmy", "tmdy"):
        prefix = "t" if kind == "tdmy" else "u"
        month = _month_number(match, prefix)
        if month is None:
            return None
        day = _safe_date(int(g(f"{prefix}y")), month, _day(g(f"{prefix}d")))
        return _Token(kind, start, end, date=day) if day else None
    if kind == "hijri":
        month = _HIJRI.get(re.sub(r"\s+", " ", g("hm")))
        return _Token(kind, start, end, hijri=(int(g("hy")), month, int(g("hd"))))
    if kind == "hnum":
        return _Token(kind, start, end, hijri=(int(g("hny")), int(g("hnm")), int(g("hnd"))))
    if kind == "time":
        clock = _clock(int(g("th")), int(g("tm")), int(g("ts") or 0), g("mer"))
        return _Token(kind, start, end, time=clock) if clock else None
    if kind == "gmt":
        offset = _offset(g("zs"), g("zh"), g("zm")) if g("zs") else 0
        return _Token("zone", start, end, offset=offset)
    if kind == "offset":
        return _Token(kind, start, end, offset=_offset(g("os"), g("oh"), g("om")))
    if kind == "tg":
        return _Token("zone", start, end, offset=0)
    if kind == "zone":
        place = re.sub(r"\s+", " ", g("zplace"))
        token = _Token("zone", start, end, offset=_ZONES.get(place))
        if place in _TURKEY:
            token.kind = "zone-turkey"
        return token
    return _Token(kind, start, end)


def _offset(sign: str, hours: str, minutes: str | None) -> int | None:
    value = int(hours) * 60 + int(minutes or 0)
    if value > 14 * 60:
        return None
    return -value if sign == "-" else value


def hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date | None:
    """The Gregorian date of a Hijri (Umm al-Qura) date, or None when it is not a date."""
    try:
        value = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError, TypeError):
        return None
    return datetime.date(value.year, value.month, value.day)


def _tokens(folded: Folded) -> list[_Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(folded.text):
        token = _token(match)
        if token is not None:
            tokens.append(token)
    return tokens


def _residual_words(text: str, tokens: list[_Token]) -> list[re.Match]:
    chars = list(text)
    for token in tokens:
        chars[token.start : token.end] = " " * (token.end - token.start)
    return list(_WORD.finditer("".join(chars)))


def _is_datey(token: _Token) -> bool:
    return token.kind in _DATE_KINDS or token.kind in _HIJRI_KINDS


def starts_with_date(folded: str, head: int = 100) -> bool:
    """Whether a date (or a date label) comes before any other word in the first
    ``head`` characters of a folded line: the cheap test before reading a long line,
    since :func:`parse_date_line` reads only the dates that open a line of text."""
    text = folded[:head]
    tokens = [t for t in map(_token, _TOKEN_RE.finditer(text)) if t is not None]
    datey = next((t.start for t in tokens if _is_datey(t) or t.kind in ("pub", "upd")), None)
    if datey is None:
        return False
    words = _residual_words(text[:datey], [t for t in tokens if t.end <= datey])
    return len(words) <= 4


def parse_date_line(line: str) -> DateLine | None:
    """Read the dates a header line states, or None when it is not a date line.

    A date line is mostly date: at most four other words (a place, a stray word) beside
    dates, times, zones, weekdays and labels. A line that *starts* with a labelled or
    dash-separated date and then goes on with text is a date line with a ``remainder``.
    Anything else (a sentence that mentions a date) is not a date line.
    """
    stripped = line.strip()
    if not stripped:
        return None
    folded = fold(stripped)
    tokens = _tokens(folded)
    words = _residual_words(folded.text, tokens)
    remainder = ""
    if not any(_is_datey(t) for t in tokens):
        return _fallback_line(stripped, folded, tokens, words)
    if len(words) <= 4:
        region = tokens
        pure = True
    else:
        first_word = words[0].start()
        region = [t for t in tokens if t.end <= first_word]
        if not any(_is_datey(t) for t in region):
            return None
        gap = folded.text[region[-1].end : first_word]
        labelled = any(t.kind in ("pub", "upd") for t in region)
        if not labelled and not re.search(r"[-–—|]", gap):
            return None  # "14 أغسطس 2025 أعلنت ...": a sentence, not a date line
        remainder = folded.span(region[-1].end, len(folded.text)).strip(_EDGE_PUNCT)
        pure = False
    return _build(stripped, folded, region, pure, remainder)


def _build(
    stripped: str, folded: Folded, region: list[_Token], pure: bool, remainder: str
) -> DateLine:
    result = DateLine(remainder=remainder)
    first = next((t for t in region if t.kind not in ("conn", "weekday")), None)
    if first is not None and first.start > 0:
        result.prefix = folded.span(0, first.start).strip(_EDGE_PUNCT)
    groups: list[tuple[str | None, list[_Token]]] = [(None, [])]
    for token in region:
        if token.kind in ("pub", "upd"):
            result.labelled = True
            groups.append((token.kind, [token]))
        else:
            groups[-1][1].append(token)
    groups = [g for g in groups if any(t.kind not in ("pub", "upd") for t in g[1])]
    inherited: datetime.date | None = None
    for kind, members in groups:
        parts = _group_date(folded, members, inherited, result)
        if parts is None:
            continue
        inherited = parts.date
        if pure and len(groups) == 1:
            parts = ParsedDateParts(parts.date, parts.time, parts.utc_offset_minutes, stripped)
        if kind == "upd":
            result.updated = result.updated or parts
        else:
            result.published = result.published or parts
    return result


def _group_date(
    folded: Folded,
    members: list[_Token],
    inherited: datetime.date | None,
    result: DateLine,
) -> ParsedDateParts | None:
    dates = [t for t in members if t.kind in _DATE_KINDS]
    hijri = next((t for t in members if t.kind in _HIJRI_KINDS), None)
    clock_token = next((t for t in members if t.time is not None), None)
    day: datetime.date | None = dates[0].date if dates else None
    for other in dates[1:]:
        if other.date != day:
            result.warnings.append(
                f"the header line states two different dates: {day} and {other.date}"
            )
    if hijri is not None:
        hijri_text = folded.span(hijri.start, hijri.end).strip()
        result.hijri_text = result.hijri_text or hijri_text
        converted = hijri_to_gregorian(*hijri.hijri)
        if converted is None:
            result.warnings.append(f"the Hijri date {hijri_text!r} is not a valid date")
        elif day is None:
            day = converted
            result.warnings.append(
                f"the date {converted} was converted from the Hijri date {hijri_text!r}"
            )
        elif converted != day:
            result.warnings.append(
                f"the Hijri date {hijri_text!r} is {converted}, "
                f"but the Gregorian date beside it is {day}"
            )
    if day is None:
        if inherited is None or clock_token is None:
            return None
        day = inherited
    offset = _group_offset(members, clock_token, day)
    meaningful = [t for t in members if t.kind not in ("conn", "weekday")]
    start, end = meaningful[0].start, meaningful[-1].end
    text = folded.span(start, end).strip()
    return ParsedDateParts(day, clock_token.time if clock_token else None, offset, text)


def _group_offset(
    members: list[_Token], clock_token: _Token | None, day: datetime.date
) -> int | None:
    if clock_token is not None and clock_token.offset is not None:
        return clock_token.offset
    for index, token in enumerate(members):
        if token.kind == "zone":
            return token.offset
        if token.kind == "zone-turkey":
            return token.offset if day >= _TURKEY_FIXED_SINCE else None
        # A bare "+03:00" is a zone only right after a time.
        if token.kind == "offset" and index and members[index - 1].kind == "time":
            return token.offset
    return None


# ---------------------------------------------------------------------------------------
# dateparser fallback: short header lines the fast path did not read.


def _fallback_line(
    stripped: str, folded: Folded, tokens: list[_Token], words: list[re.Match]
) -> DateLine | None:
    if len(words) > 6 or not _YEAR_ANYWHERE.search(folded.text) or _RELATIVE.search(folded.text):
        return None
    label = next((t for t in tokens if t.kind in ("pub", "upd")), None)
    text = stripped
    if label is not None and label.start == 0:
        text = folded.span(label.end, len(folded.text)).strip(_EDGE_PUNCT)
    parsed = _dateparser(text)
    if parsed is None:
        return None
    day, clock, offset = parsed
    parts = ParsedDateParts(day, clock, offset, stripped)
    result = DateLine(labelled=label is not None)
    if label is not None and label.kind == "upd":
        result.updated = parts
    else:
        result.published = parts
    return result


@lru_cache(maxsize=2048)
def _dateparser(
    text: str,
) -> tuple[datetime.date, datetime.time | None, int | None] | None:
    import dateparser  # imported lazily: the fast path needs none of it

    try:
        value = dateparser.parse(
            text,
            locales=["ar-SY", "en"],  # ar-SY knows both month-name families
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True},
        )
    except Exception:  # dateparser raises assorted errors on odd input; a miss is a miss
        return None
    if value is None or not 1900 <= value.year <= 2100:
        return None
    clock = value.time() if re.search(r"\d\s*:\s*\d\d|[ap]\.?m", text, re.I) else None
    offset = None
    if value.tzinfo is not None and value.utcoffset() is not None:
        offset = int(value.utcoffset().total_seconds() // 60)
    return value.date(), clock, offset


# ---------------------------------------------------------------------------------------
# Dates stamped on the article's text rather than printed on a line of their own: a wire
# dateline opening the first paragraph, a date glued to its first word, a date closing
# its first sentence, a dated digest's title. Read only when the page states no date line.

_WEEKDAY_NUMBERS = _folded_table(
    {
        "الاثنين": 0, "الإثنين": 0, "اثنين": 0, "monday": 0, "mon": 0,
        "الثلاثاء": 1, "ثلاثاء": 1, "tuesday": 1, "tue": 1, "tues": 1,
        "الأربعاء": 2, "أربعاء": 2, "wednesday": 2, "wed": 2,
        "الخميس": 3, "خميس": 3, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
        "الجمعة": 4, "جمعة": 4, "friday": 4, "fri": 4,
        "السبت": 5, "سبت": 5, "saturday": 5, "sat": 5,
        "الأحد": 6, "أحد": 6, "sunday": 6, "sun": 6,
    }
)  # fmt: skip
# What may follow a dateline's date: a bracketed agency, then a dash or a colon (the
# original text: a tatweel run "ــ" is a dash there, though folding deletes it).
_DATELINE_TAIL = re.compile(r"\s*(?:\((?P<agency>[^()\n]{2,30})\)\s*)?[ـ\-–—:：]")
_LETTER = re.compile(r"[^\W\d_]")
_STAMP_LEAD = 160  # characters of a paragraph read for an opening stamp
_EARLY_DIGIT = re.compile(r"\d")


def _full_date(token: _Token) -> bool:
    return token.kind in _DATE_KINDS and token.date is not None


def _parts(folded: Folded, tokens: list[_Token]) -> tuple[ParsedDateParts, int]:
    """The date of ``tokens[0]`` with a time right after it (``... 2025 14:05``), and the
    folded offset where they end."""
    first = tokens[0]
    end, clock = first.end, first.time
    if len(tokens) > 1 and tokens[1].kind == "time" and clock is None:
        if not folded.text[first.end : tokens[1].start].strip(" ,،-–—"):
            end, clock = tokens[1].end, tokens[1].time
    text = folded.span(first.start, end).strip()
    return ParsedDateParts(first.date, clock, first.offset, text), end


def leading_stamp(paragraph: str) -> tuple[ParsedDateParts, str] | None:
    """A date opening a paragraph as a stamp, and the agency a dateline names ("" if none).

    Two forms, whatever the outlet: a wire dateline, at most three place words, the full
    date, maybe a bracketed agency, then a dash or colon (``الفاشر 1 أكتوبر 2025 ــ قال``,
    ``بغداد 29 ديسمبر 2025 (رويترز) – ...``); and a date glued to the first word with no
    space between (``١٠ يوليو ٢٠١٥قالت``: the extractor joined a date line to the text).
    A sentence that starts with a date (``في 14 أغسطس 2025 أعلن``) is neither.
    """
    if not _EARLY_DIGIT.search(paragraph, 0, 80):
        return None  # three place words and a day: the date starts early
    head = paragraph[:_STAMP_LEAD]
    folded = fold(head)
    tokens = _tokens(folded)
    first = next((i for i, t in enumerate(tokens) if _is_datey(t)), None)
    if first is None or not _full_date(tokens[first]):
        return None
    before = tokens[:first]
    if any(t.kind != "weekday" for t in before):
        return None  # a label, a connector (في، يوم) or a time: not a bare dateline
    opening = folded.text[: tokens[first].start]
    place = _residual_words(opening, before)
    if len(place) > 3 or re.search(r"[^\w\s،,]", opening):
        return None
    parts, end = _parts(folded, tokens[first:])
    rest = head[folded.end(end) :]
    tail = _DATELINE_TAIL.match(rest)
    if tail is not None and (place or tail.group("agency")):
        return parts, (tail.group("agency") or "").strip()
    if not place and _LETTER.match(rest):
        return parts, ""  # glued to the first word
    return None


_SENTENCE_BREAK = re.compile(r"[.!?؟…][\"'”»)]*\s+")


def trailing_stamp(paragraph: str) -> ParsedDateParts | None:
    """A date alone after the last sentence of a paragraph (``... قريب جدا". 09.01.2026``):
    a page's date stamp glued to the end of the lead. Nothing but the date may follow."""
    end = paragraph.rstrip()
    window = end[-48:]
    for match in reversed(list(_SENTENCE_BREAK.finditer(window))):
        stamp = window[match.end() :]
        if len(stamp) < 6:
            continue
        folded = fold(stamp)
        tokens = _tokens(folded)
        dates = [t for t in tokens if _full_date(t)]
        if len(dates) == 1 and not _residual_words(folded.text, tokens):
            return ParsedDateParts(dates[0].date, None, None, stamp)
        return None
    return None


def weekday_stamp(text: str) -> ParsedDateParts | None:
    """A full date right after a weekday that is that date's weekday (``ليوم السبت 17 كانون
    الأول 2022``): how a dated digest or bulletin names its day. The agreement of the two is
    the evidence; a date in a headline without it (an anniversary, a deadline) is not one."""
    folded = fold(text)
    tokens = _tokens(folded)
    for previous, token in zip(tokens, tokens[1:], strict=False):
        if previous.kind != "weekday" or not _full_date(token):
            continue
        if folded.text[previous.end : token.start].strip(" ،,-–—"):
            continue
        name = re.sub(r"\s+", " ", folded.text[previous.start : previous.end]).lower()
        if _WEEKDAY_NUMBERS.get(name.rstrip(".")) == token.date.weekday():
            return ParsedDateParts(
                token.date, None, None, folded.span(previous.start, token.end).strip()
            )
    return None


_ANY_YEAR = re.compile(r"[12١٢۱۲][09٠٩۰۹]\d\d")  # a year in any digits, before folding


def dates_in(text: str) -> set[datetime.date]:
    """Every full Gregorian date written in ``text`` (any of the forms above)."""
    if not _ANY_YEAR.search(text):
        return set()  # no year, no full date: skip the tokenizer
    return {t.date for t in _tokens(fold(text)) if _full_date(t)}
