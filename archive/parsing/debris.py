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
        rf"(?:\s+و\s*(?:\d+\s+)?(?:{_UNITS}))?\s*[.|،,]?$"
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
    ),
    _I,
)


def is_relative_time(line: str) -> bool:
    """``منذ 34 ثانية``, ``منذ ساعتين``, ``5 minutes ago`` as a whole line."""
    return bool(RELATIVE_TIME.match(line))


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
