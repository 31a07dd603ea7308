"""Page debris: lines a scraper picks up that are not part of the article.

Every test runs on one *whole line* of ``normalize_arabic`` text (stripped), so a real
sentence that merely contains a debris word ("إعلان دمشق", "منذ شهور") is never touched:
a line is debris only when all of it is a relative time, an app promotion, a share prompt,
an ad marker, or a list of social networks. The "read also" family marks the start of a
tail of unrelated content that is cut off entirely.
"""

from __future__ import annotations

import re

from archive.normalization import normalize_arabic


def _n(pattern: str) -> str:
    """Fold the Arabic in a pattern the way the text it runs on is folded."""
    return normalize_arabic(pattern)


_I = re.IGNORECASE

_UNITS = _n(
    "ثانية|ثوان|ثواني|ثانيتين|دقيقة|دقائق|دقيقتين|ساعة|ساعات|ساعتين|يوم|أيام|يومين|"
    "أسبوع|أسابيع|أسبوعين|شهر|أشهر|شهور|شهرين|سنة|سنوات|سنتين|عام|أعوام|عامين|لحظات|لحظة"
)
RELATIVE_TIME = re.compile(
    _n(
        rf"^(?:نشر\s+|تم\s+النشر\s+|اخر\s+تحديث\s*:?\s*)?(?:منذ|قبل)\s+"
        rf"(?:(?:\d+|بضع|بضعة|عدة)\s+)?(?:{_UNITS})"
        rf"(?:\s+و\s*(?:\d+\s+)?(?:{_UNITS}))?(?:في|من)?\s*[.|،,]?$"
        r"|^(?:منذ|قبل)\s+قليل$|^الآن$"
        r"|^\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
        r"\s+ago$|^just\s+now$"
    ),
    _I,
)

_PLATFORMS = _n(
    "فيسبوك|فيس بوك|تويتر|إكس|واتساب|واتس آب|واتس اب|تلغرام|تليغرام|تيليغرام|تيليجرام|تلجرام|"
    "انستغرام|إنستغرام|انستجرام|يوتيوب|تيك توك|تيكتوك|لينكدإن|لينكد إن|جوجل نيوز|غوغل نيوز|"
    "google news|facebook|twitter|whatsapp|telegram|instagram|youtube|tiktok|linkedin"
)
PROMOTION = re.compile(
    _n(
        r"^تابع(?:وا)?\s+(?:أحدث|آخر|أهم|كل|جميع)\s+(?:الأخبار|الأنباء|المستجدات|التطورات)"
        r"|^(?:حمل|حمّل|حملوا|نزل|نزّل|قم\s+بتحميل|قم\s+بتنزيل|لتحميل|لتنزيل)\s+تطبيق"
        r"|^تابعونا\s+(?:على|عبر)"
        rf"|^تابع(?:وا)?\s+.{{0,40}}(?:على|عبر)\s+(?:تطبيق|قناتنا|صفحتنا|حسابنا|{_PLATFORMS})"
        r"|^(?:اشترك|اشتركوا|انضم|انضموا|للاشتراك|للانضمام)\s+.{0,60}"
        rf"(?:قناة|قناتنا|نشرة|النشرة|نشرتنا|مجموعة|{_PLATFORMS})"
        r"|^لمتابعة\s+(?:آخر|أحدث|أهم)\s+(?:الأخبار|الأنباء)"
        r"|^اضغط\s+هنا|^download\s+(?:the|our)\s+app|^follow\s+us\s+on|^subscribe\s+to"
        rf"|^(?:سجل|سجلوا|اعمل|اضغط)\s+(?:إعجابك|إعجاب|لايك)\s+.{{0,40}}(?:صفحتنا|بصفحتنا|{_PLATFORMS})"
        r"|^like\s+(?:us|our\s+page)\s+on"
    ),
    _I,
)
_SOCIAL = _PLATFORMS + r"|x|messenger|ماسنجر|email|البريد الإلكتروني|بريد إلكتروني|pinterest"
SHARE = re.compile(
    _n(
        r"^(?:مشاركة|شارك|شاركوا|شاركها|شارك\s+الخبر|شارك\s+المقال|مشاركة\s+المقال|"
        r"مشاركة\s+الخبر|شارك\s+هذا\s+المقال|share(?:\s+this(?:\s+article)?)?|"
        r"انسخ\s+الرابط|نسخ\s+الرابط|طباعة|print|الرابط\s+المختصر)"
        rf"(?:\s*(?:عبر|على))?\s*[:：]?(?:\s*(?:{_SOCIAL})[\s,،|•\-]*)*$"
    ),
    _I,
)
SOCIAL_ONLY = re.compile(_n(rf"^(?:(?:{_SOCIAL})[\s,،|•\-]*)+$"), _I)
AD_MARKER = re.compile(
    _n(
        r"^[\s\-–—_*•|()\[\]]*(?:إعلان|إعلانات|مساحة\s+إعلانية|إعلان\s+ممول|محتوى\s+مدفوع|"
        r"advertisement|advertising|ad|sponsored)[\s\-–—_*•|()\[\]:]*$"
    ),
    _I,
)
# Breadcrumbs ("الرئيسية > سياسة > سوريا") and copyright footers.
NAVIGATION = re.compile(
    _n(
        r"^(?:الرئيسية|الصفحة\s+الرئيسية|home)\s*[>»›/|]"
        r"|^(?:©|جميع\s+الحقوق\s+محفوظة|حقوق\s+النشر|copyright|all\s+rights\s+reserved)"
    ),
    _I,
)
# "إعلانوصرحت": an ad label glued to the first word of the next paragraph.
GLUED_AD = re.compile(_n(r"^(?:إعلان|advertisement)(?=و\w{2,})"), _I)

# Strong markers start a tail even before a long line ("اقرأ أيضاً: <another title>").
_STRONG_TAIL = _n(
    r"اقرأ\s+أيضا|اقرأ\s+ايضا|اقرأ\s+كذلك|اقرأ\s+المزيد|إقرأ\s+أيضا|شاهد\s+أيضا|"
    r"مواضيع\s+ذات\s+صلة|أخبار\s+ذات\s+صلة|مقالات\s+ذات\s+صلة|موضوعات\s+ذات\s+صلة|"
    r"قد\s+يهمك|قد\s+يعجبك|ربما\s+يهمك|المزيد\s+من\s+الأخبار|أخبار\s+متعلقة|مواضيع\s+متعلقة|"
    r"read\s+(?:also|more)|related\s+(?:articles|news|stories)|you\s+may\s+also\s+like"
)
# Weak markers are tails only as a whole short line ("الأكثر قراءة", "الوسوم:").
_WEAK_TAIL = _n(
    r"ذات\s+صلة|الأكثر\s+قراءة|الأكثر\s+مشاهدة|الأكثر\s+تداولا|التعليقات|أضف\s+تعليق|"
    r"اترك\s+تعليقا|الكلمات\s+المفتاحية|كلمات\s+مفتاحية|الكلمات\s+الدالة|الوسوم|وسوم|"
    r"related|tags|comments"
)
STRONG_TAIL = re.compile(rf"^(?:{_STRONG_TAIL})(?!\w)", _I)
WEAK_TAIL = re.compile(rf"^(?:{_WEAK_TAIL})\s*[:：\-–]?\s*(?:\(?\d+\)?)?$", _I)

BYLINE = re.compile(_n(r"^(?:كتب|كتبت|بقلم|إعداد|تحرير|متابعة|by)\s*[:：\-–]?\s*\S"), _I)
CAPTION_MARKER = re.compile(
    _n(
        r"صورة\s+أرشيفية|\(\s*أرشيفية\s*\)|\(\s*أرشيف\s*\)|\bgetty\b|حقوق\s+الصورة|"
        r"^(?:الصورة|صورة|تصوير)\s*[:：]|\((?:رويترز|أ\s*ف\s*ب|الأناضول|afp|reuters)\)$"
        r"|[(\[]\s*(?:تصوير|الصورة|صورة|عدسة|photo)\s*[:：]"
    ),
    _I,
)


def is_debris(line: str) -> bool:
    """A whole (folded, stripped) line that is page furniture, not article text."""
    if len(line) > 200:  # debris is short; long lines are text
        return False
    return bool(
        RELATIVE_TIME.match(line)
        or AD_MARKER.match(line)
        or SHARE.match(line)
        or SOCIAL_ONLY.match(line)
        or (NAVIGATION.match(line) and len(line.split()) <= 15)
        or (PROMOTION.match(line) and len(line.split()) <= 20)
    )


def is_tail_marker(line: str) -> bool:
    """A "read also" / "related" line: it and everything after it is not the article."""
    if STRONG_TAIL.match(line):
        return len(line.split()) <= 15 or bool(re.match(r"^\S+\s+\S+\s*[:：\-–]", line))
    return bool(WEAK_TAIL.match(line))


def glued_ad_prefix(line: str) -> int:
    """Length of an ad label glued to the start of a paragraph (0 when there is none)."""
    match = GLUED_AD.match(line)
    return match.end() if match else 0


def is_byline(line: str) -> bool:
    """``كتب: فلان``, ``بقلم ...``: a short author line."""
    return len(line.split()) <= 6 and bool(BYLINE.match(line))


def looks_like_caption(line: str) -> bool:
    """A line marked as a photo caption or credit."""
    return bool(CAPTION_MARKER.search(line))


# ---------------------------------------------------------------------------------------
# Site chrome beyond the article's own debris: markup and code left by the extractor,
# widgets (reading time, counters, font size, cookies, login and comment forms), and the
# markers that close the article (related lists, RSS footers). Whole short lines only.

# A line that is nothing but markup: tags, comments, an XML declaration, a stray "div>".
MARKUP_ONLY = re.compile(
    r"^(?:\s*(?:<!--.*?-->|<\?[^<>]*\?>|<![A-Za-z][^<>]*>|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>"
    r"|</?[A-Za-z][\w:-]*\s[^<>]*$|^/?[a-z][a-z0-9]{0,9}>))+\s*$",
    re.DOTALL,
)
# Block-level tags and comments split a line of raw markup into its text segments.
BLOCK_MARKUP = re.compile(
    r"<!--.*?-->|</?(?:p|div|br|hr|h[1-6]|li|ul|ol|section|article|figure|figcaption|header|"
    r"footer|aside|nav|blockquote|table|tbody|thead|tr|td|th|img|iframe|script|style|noscript|"
    r"main|form|input|button|label|select|option|meta|link|source|video|audio|picture|svg)"
    r"\b[^<>]*>",
    re.IGNORECASE | re.DOTALL,
)
# Template placeholders, searched for only in lines holding "{" or "%".
PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{\w+\}|%\(\w+\)s")
CODE = re.compile(
    r"^[.#@]?[A-Za-z_][\w-]*(?:[\s.#:>,+~-]+[\w-]+)*\s*\{"  # a CSS rule
    r"|^(?:warning|notice|deprecated|fatal\s+error|parse\s+error|strict\s+standards)\s*:"
    r"|^(?:function\s*\(|var\s+\w+\s*=|let\s+\w+\s*=|const\s+\w+\s*=|window\.|document\.)"
    r"|^\s*[}\]);]+\s*$",
    re.IGNORECASE,
)
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+(?:\s+[^\u0600-\u06ff]*)?$", re.IGNORECASE)
ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
HASHTAGS = re.compile(r"^(?:#\S+[\s,،|]*)+$")
# A breadcrumb's separators; its last crumb may be the headline itself.
CRUMB_SEPARATOR = re.compile(r"\s*[>»›|/]\s*")
# "سياسة | <headline>": a section label glued in front of the title.
# A label holds no opening guillemet: in "تطبيق «أمان» لتتبع" the » closes a quotation.
GLUED_LABEL = re.compile(r"^[^\s«]+(?:\s[^\s«]+)?\s*[|»›>]\s*(?=\S)")
# Digits and separators only: view / comment / like counters ("0 387 0").
COUNTER = re.compile(r"^[\d\s.,:|/\\\-–—•·+()%٪]+$")

# Widgets, in two parts: what a widget line starts with, and what a line holding it
# anywhere is (a line is one when either matches; the second part alone is searched for
# along the line, so each position is not asked every alternative of the first).
_WIDGET_AT_START = (
    r"(?:مدة|وقت|زمن)\s+(?:ال)?قراءة"
    r"|\d+\s*(?:دقائق|دقيقة|دقيقتان|ثواني)\s+(?:لل)?قراءة"
    r"|\d+\s*(?:min|mins|minutes?)\s+read$"
    r"|(?:عدد\s+)?(?:المشاهدات|المشاهدة|مشاهدات|مشاهدة|القراءات|قراءات|التعليقات|"
    r"تعليقات|الإعجابات|الزيارات|views?|comments?|likes?|shares?|reads?)\s*[:：]?\s*\(?(?:\d[\d,.]*\s*[kmك]?)?\)?$"
    r"|\(?\d+(?:[.,]\d+)?\s*[kmك]?\)?\s*(?:مشاهدة|مشاهدات|تعليق|تعليقات|قراءة|قراءات|زيارة|views?|comments?|"
    r"likes?|shares?)$"
    r"|(?:a\s*[+-]?\s*){2,3}$"
    r"|(?:طباعة|اطبع|print|العودة\s+(?:إلى|الى|لل)\s*(?:أعلى|الأعلى|الاعلى)|"
    r"(?:إلى|الى)\s+(?:الأعلى|أعلى)|back\s+to\s+top|scroll\s+to\s+top)$"
    r"|(?:تم\s+)?نسخ\s+الرابط|link\s+copied|copied!?$|تم\s+النسخ"
    r"|(?:سجل|سجّل|تسجيل)\s+(?:الدخول|دخولك|معنا)|(?:log\s*in|sign\s+(?:in|up))\b"
    r"|(?:أضف|اضف|اكتب|أرسل|ارسل|شارك\s+و\S*)\s+(?:\S+\s+)?(?:تعليق|تعليقا|تعليقك|رأيك)"
    r"|(?:leave\s+a\s+(?:comment|reply)|add\s+a\s+comment|post\s+a\s+comment)"
    r"|(?:مواقيت|أوقات|اوقات)\s+الصلاة|(?:حالة\s+)?الطقس(?:\s+(?:اليوم|الآن))?$"
    r"|(?:الفجر|الشروق|الظهر|العصر|المغرب|العشاء)\s*[:：]?\s*\d{1,2}:\d\d"
    r"|-?\d{1,2}\s*°"
    r"|(?:شارك|شاركوا|شاركي|أرسل|ارسل)\s+(?:هذا\s+)?(?:الخبر|المقال|المقالة|الموضوع|"
    r"الصفحة|الرابط)"
    r"|(?:مشاركة|شارك|share)\s*[:：]?\s*\(?\d+\)?$"
)
_WIDGET_ANYWHERE = (
    r"(?:تكبير|تصغير|حجم)\s+(?:الخط|النص)"
    r"|cookies?\b|ملفات\s+(?:تعريف\s+)?الارتباط|الكوكيز"
    r"|(?:تحميل|لتحميل|حمل|حمّل|نزل|لتنزيل|تنزيل)\s+تطبيق|(?:بلاي|play)\s+ستور|app\s+store"
    r"|google\s+play|متجر\s+(?:جوجل|غوغل|أبل|آبل)"
)
WIDGET_AT_START = re.compile(_n(f"(?:{_WIDGET_AT_START})"), _I)
WIDGET_ANYWHERE = re.compile(_n(_WIDGET_ANYWHERE), _I)


def is_widget(line: str) -> bool:
    """A page widget: a counter, reading time, font size, share, comment, login, app or
    cookie prompt, prayer times, the weather."""
    return bool(WIDGET_AT_START.match(line) or WIDGET_ANYWHERE.search(line))


# A channel's or profile's counters ("362 subscribers", "1K photos", "12 ألف متابع").
CHANNEL_COUNTER = re.compile(
    _n(
        r"^\d+(?:[.,]\d+)?\s*(?:[kmb]|ألف|الف|مليون)?\s*(?:subscribers?|members?|followers?|"
        r"following|photos?|videos?|links?|files?|posts?|tweets?|مشترك|مشتركا|مشتركين|عضو|"
        r"أعضاء|متابع|متابعا|متابعين|صورة|صور|فيديو|فيديوهات|مقطع|رابط|روابط|ملف|ملفات|"
        r"منشور|منشورات|تغريدة|تغريدات)$"
    ),
    _I,
)
# Markers that close the article: what follows is other content (related lists, most
# read, comments, tags, an RSS footer).
_CLOSING = _n(
    r"(?:مواضيع|أخبار|مقالات|موضوعات|روابط)\s+(?:ذات\s+صلة|متعلقة|مشابهة|مقترحة|أخرى)|"
    r"ذات\s+صلة|الأكثر\s+(?:قراءة|مشاهدة|تداولا|تعليقا|شعبية)|أهم\s+(?:الأخبار|الاخبار)|"
    r"آخر\s+(?:الأخبار|الاخبار|الأنباء)|أحدث\s+(?:الأخبار|المقالات)|اخترنا\s+لكم|"
    r"المزيد\s+من\s+(?:الأخبار|المقالات|\S+)|اقرأ\s+المزيد|شاهد\s+المزيد|المزيد|"
    r"قد\s+يعجبك\s+أيضا|التعليقات|أضف\s+تعليق|اترك\s+تعليقا|الكلمات\s+المفتاحية|"
    r"كلمات\s+مفتاحية|الكلمات\s+الدالة|الوسوم|وسوم|"
    r"related(?:\s+(?:articles|news|stories|posts))?|you\s+may\s+also\s+like|most\s+read|"
    r"trending|popular|tags|comments"
)
CLOSING = re.compile(rf"^(?:{_CLOSING})\s*[:：\-–]?\s*(?:\(?\d+\)?)?$", _I)
RSS_FOOTER = re.compile(
    _n(r"first\s+appeared\s+on|ظهر(?:ت)?\s+(?:المقالة|المقال|الخبر|التدوينة)\s.{0,80}\sأولا"),
    _I,
)
# "Read also" inside an article: that line (and the headline under it) is not text.
READ_ALSO = re.compile(
    _n(
        r"^(?:اقرأ|إقرأ|اقرا|طالع|شاهد)\s+(?:أيضا|ايضا|كذلك)|^(?:قد|ربما)\s+(?:يهمك|يعجبك)"
        r"|^(?:read|see)\s+also"
    ),
    _I,
)
# A printed paper's masthead: its issue number ("العدد 17890", "السنة 45 - العدد (1234)").
ISSUE_NUMBER = re.compile(
    _n(
        r"^(?:(?:السنة|المجلد)\s*[:(]?\s*\d+\)?\s*[-–—|،,]?\s*)?(?:العدد|عدد|رقم\s+العدد|issue|no\.?)"
        r"\s*[:(]?\s*\d+\)?(?:\s*[-–—|،,]\s*(?:السنة|المجلد)\s*[:(]?\s*\d+\)?)?$"
    ),
    _I,
)
# A paper's imprint: the names of its editors ("رئيس التحرير ...", "مدير التحرير ...").
IMPRINT = re.compile(
    _n(r"(?:رئيس|مدير|سكرتير|نائب\s+رئيس)\s+(?:التحرير|مجلس\s+الإدارة|مجلس\s+الادارة)"),
    _I,
)
# "Read the rest elsewhere": an aggregator's or teaser's link to the full article.
REDIRECT = re.compile(
    _n(
        r"^(?:للاطلاع|لقراءة|لمزيد|للمزيد|لمتابعة|لمشاهدة|يمكنكم|يمكنك|تابع(?:وا)?|التفاصيل)"
        r"\s.{0,80}(?:الرابط|رابط|اضغط|انقر|الضغط|النقر|زيارة\s+(?:ال)?موقع)"
        r"|^(?:redirecting\s+to|continue\s+reading|read\s+the\s+(?:full|whole|rest)|"
        r"click\s+here|view\s+(?:the\s+)?(?:full|original)|more\s*»)"
    ),
    _I,
)
# "— Name (@handle) September 5, 2025": the signature of an embedded post (a tweet).
POST_SIGNATURE = re.compile(r"^[—–\-]\s*[^\n]{1,60}\(@\w{1,30}\)[^\n]{0,40}$")
OUTLET_WORD = re.compile(
    _n(
        r"(?<!\w)(?:نيوز|news|صحيفة|جريدة|موقع|شبكة|قناة|تلفزيون|إذاعة|راديو|وكالة|بوابة|"
        r"اليوم|24|365|نت|tv|online)(?!\w)"
    ),
    _I,
)


def has_feed_footer(line: str) -> bool:
    """A feed's footer anywhere in the line ("first appeared on ..."). Each form holds
    "ظهر" or "appeared" (in any case): a line with neither is not searched."""
    if "ظهر" not in line and "appeared" not in line.lower():
        return False
    return bool(RSS_FOOTER.search(line))


_SPACE_RUN = re.compile(r"\S\s{3,}(?=\S)")
_SEGMENT_END = re.compile(r"[.!?؟…:]$")


def is_joined_list(line: str) -> bool:
    """Headlines joined on one line by runs of spaces (an extractor flattening a list
    of links): several short segments, nearly none ending as a sentence ends."""
    if line.count("   ") < 3:
        return False
    segments = [s for s in re.split(r"\s{3,}", line) if s]
    if len(segments) < 4 or any(len(s.split()) > 25 for s in segments):
        return False
    ended = sum(bool(_SEGMENT_END.search(s)) for s in segments)
    return ended <= len(segments) // 4


def furniture_reason(line: str, prose: bool = False) -> str | None:
    """Why a whole (folded, stripped) line is page chrome, or None.

    The classes a reader tells at a glance, whatever the outlet: markup or code left
    by the extractor, widgets (counters, reading time, font size, cookies, login and
    comment prompts, app promotions, prayer times), and the article's own debris
    (:func:`is_debris`). Date lines are read before this is asked.
    """
    if ("<" in line or ">" in line) and MARKUP_ONLY.match(line):
        return "markup"
    if ("{" in line or "%" in line) and PLACEHOLDER.search(line):
        return "code or template text"
    if len(line) <= 300 and REDIRECT.match(line) and len(line.split()) <= 30:
        return "a link to the rest of the article elsewhere"
    if "   " in line and is_joined_list(line):
        return "a list of headlines joined on one line"
    if (
        ("ظهر" in line or "appeared" in line)
        and len(line.split()) <= 30
        and RSS_FOOTER.search(line)
    ):
        return "feed footer"
    if prose or len(line) > 200:  # what follows is for short lines
        return None
    if is_debris(line):
        return "page debris (relative time, share, follow or ad line)"
    if (line[:1].isascii() or line[:1] in "}])") and CODE.match(line):
        return "code or template text"
    if URL_LINE.match(line):
        return "a web address"
    if line[:1] == "#" and HASHTAGS.match(line):
        return "hashtags"
    if len(line.split()) <= 30 and IMPRINT.search(line) and not _SEGMENT_END.search(line):
        return "the paper's imprint (its editors' names)"
    if line[:1].isdigit() and CHANNEL_COUNTER.match(line):
        return "a channel's counters"
    if line[:1] in "—–-" and POST_SIGNATURE.match(line):
        return "the signature of an embedded post"
    if len(line.split()) <= 30 and is_widget(line):
        return "page widget (counter, share, comment, app or cookie prompt)"
    if has_feed_footer(line) and len(line.split()) <= 30:
        return "feed footer"
    return None


def breadcrumb_title_start(line: str) -> int:
    """Where the headline starts in a breadcrumb that ends with it (``الرئيسية / أخبار /
    <headline>``); 0 when the line is not one."""
    if not NAVIGATION.match(line):
        return 0
    separators = list(CRUMB_SEPARATOR.finditer(line))
    if not separators:
        return 0
    last = separators[-1].end()
    return last if len(line[last:].split()) >= 4 else 0


def is_closing_marker(line: str) -> bool:
    """A heading that closes the article: related / most-read lists, comments, tags."""
    if len(line.split()) > 6 or READ_ALSO.match(line):
        return False
    return bool(CLOSING.match(line) or STRONG_TAIL.match(line))


def is_read_also(line: str) -> bool:
    """A "read also" line inside an article (its headline may follow on the next line)."""
    return len(line.split()) <= 20 and bool(READ_ALSO.match(line))


def is_latin_only(line: str) -> bool:
    """Letters, but none of them Arabic."""
    return not ARABIC_LETTER.search(line) and bool(LATIN_LETTER.search(line))


def looks_like_outlet(line: str) -> bool:
    """A short line naming a site ("بلدي نيوز", a quoted name): a credit, not a headline."""
    stripped = line.strip(" \"'«»“”")
    if line != stripped and len(stripped.split()) <= 4:
        return True
    return len(line.split()) <= 3 and bool(OUTLET_WORD.search(line))
