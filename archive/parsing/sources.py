"""Known news sources: a gazetteer, attribution lines, and citations in the body.

``SOURCES`` is plain data: add a row to teach the parser a new outlet. Names are matched
on ``normalize_arabic`` text at word boundaries, allowing the Arabic proclitics و ف ب ك ل
and the article ال (``لرويترز``, ``للأناضول``, ``وسانا``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.normalization import normalize_arabic

from .folding import fold
from .types import SourceMention


@dataclass(frozen=True)
class Source:
    """One gazetteer row.

    ``aliases`` are further spellings (the canonical ``name`` is always one).
    ``in_body=False``: too ambiguous to count as a citation in running text (قنا is also a
    city, وكالات a common noun), recognised only on attribution lines.
    ``channel=True``: an institution that counts as a source only when the same sentence
    names one of its publishing channels (its X account, Telegram channel, page, post).
    """

    name: str
    name_en: str
    kind: str
    aliases: tuple[str, ...] = ()
    in_body: bool = True
    channel: bool = False


SOURCES: tuple[Source, ...] = (
    # news agencies
    Source("رويترز", "Reuters", "agency", ("Reuters",)),
    Source("فرانس برس", "Agence France-Presse", "agency",
           ("وكالة فرانس برس", "وكالة الصحافة الفرنسية", "الفرنسية للأنباء", "AFP")),
    Source("أ ف ب", "Agence France-Presse (AFP)", "agency", ("أ.ف.ب", "ا ف ب", "أ. ف. ب"),
           in_body=False),
    Source("أسوشيتد برس", "Associated Press", "agency",
           ("أسوشيتيد برس", "أسوشييتد برس", "اسوشيتدبرس", "Associated Press")),
    Source("الأناضول", "Anadolu Agency", "agency", ("وكالة الأناضول", "Anadolu")),
    Source("سانا", "SANA", "agency",
           ("وكالة الأنباء السورية", "وكالة الأنباء العربية السورية", "SANA")),
    Source("د ب أ", "Deutsche Presse-Agentur (dpa)", "agency",
           ("د.ب.أ", "الوكالة الألمانية", "وكالة الأنباء الألمانية", "dpa")),
    Source("شينخوا", "Xinhua", "agency", ("وكالة شينخوا", "Xinhua")),
    Source("سبوتنيك", "Sputnik", "agency", ("Sputnik",)),
    Source("تاس", "TASS", "agency", ("وكالة تاس", "TASS"), in_body=False),
    Source("إرنا", "IRNA", "agency", ("وكالة إرنا", "IRNA")),
    Source("تسنيم", "Tasnim", "agency", ("وكالة تسنيم",)),
    Source("وام", "WAM", "agency", ("وكالة أنباء الإمارات",), in_body=False),
    Source("واس", "Saudi Press Agency", "agency", ("وكالة الأنباء السعودية",), in_body=False),
    Source("قنا", "Qatar News Agency", "agency", ("وكالة الأنباء القطرية",), in_body=False),
    Source("كونا", "KUNA", "agency", ("وكالة الأنباء الكويتية",)),
    Source("بترا", "Petra", "agency", ("وكالة الأنباء الأردنية",), in_body=False),
    Source("أ ش أ", "MENA", "agency", ("وكالة أنباء الشرق الأوسط",), in_body=False),
    Source("و.م.ع", "Maghreb Arabe Presse (MAP)", "agency",
           ("وكالة المغرب العربي للأنباء", "لاماب"), in_body=False),
    Source("واج", "Algérie Presse Service (APS)", "agency", ("وكالة الأنباء الجزائرية",),
           in_body=False),
    Source("وات", "Tunis Afrique Presse (TAP)", "agency", ("وكالة تونس إفريقيا للأنباء",),
           in_body=False),
    Source("بنا", "Bahrain News Agency", "agency", ("وكالة أنباء البحرين",), in_body=False),
    Source("العمانية", "Oman News Agency", "agency", ("وكالة الأنباء العمانية",),
           in_body=False),
    Source("واع", "Iraqi News Agency", "agency", ("وكالة الأنباء العراقية",), in_body=False),
    Source("الوكالة الوطنية للإعلام", "National News Agency (Lebanon)", "agency",
           ("الوكالة الوطنية",), in_body=False),
    Source("وكالات", "Agencies", "agency", ("وكالات الأنباء", "Agencies"), in_body=False),
    # broadcasters
    Source("قناة الإخبارية السورية", "Al-Ikhbariya", "broadcaster",
           ("الإخبارية السورية", "قناة الإخبارية")),
    Source("التلفزيون السوري", "Syrian TV", "broadcaster", ("التلفزيون العربي السوري",)),
    Source("تلفزيون سوريا", "Syria TV", "broadcaster"),
    Source("الجزيرة", "Al Jazeera", "broadcaster",
           ("قناة الجزيرة", "الجزيرة نت", "الجزيرة مباشر", "شبكة الجزيرة", "Al Jazeera"),
           in_body=False),
    Source("العربية", "Al Arabiya", "broadcaster", ("قناة العربية", "العربية نت", "Al Arabiya"),
           in_body=False),
    Source("قناة الحدث", "Al Hadath", "broadcaster"),
    Source("سكاي نيوز عربية", "Sky News Arabia", "broadcaster", ("سكاي نيوز",)),
    Source("بي بي سي", "BBC", "broadcaster", ("بي بي سي عربي", "BBC")),
    Source("فرانس 24", "France 24", "broadcaster", ("فرانس24",)),
    Source("روسيا اليوم", "RT", "broadcaster", ("آر تي", "RT")),
    Source("قناة الميادين", "Al Mayadeen", "broadcaster"),
    Source("تي آر تي", "TRT", "broadcaster", ("TRT", "تي ار تي عربي")),
    Source("سي إن إن", "CNN", "broadcaster", ("CNN",)),
    Source("قناة الحرة", "Alhurra", "broadcaster"),
    # outlets
    Source("البوابة نيوز", "Al-Bawaba News", "outlet"),
    Source("عنب بلدي", "Enab Baladi", "outlet"),
    Source("العربي الجديد", "The New Arab", "outlet"),
    Source("القدس العربي", "Al-Quds Al-Arabi", "outlet"),
    Source("صحيفة الشرق الأوسط", "Asharq Al-Awsat", "outlet"),
    Source("عربي 21", "Arabi21", "outlet", ("عربي21",)),
    Source("إندبندنت عربية", "Independent Arabia", "outlet"),
    Source("صحيفة الوطن", "Al-Watan", "outlet"),
    Source("ديلي صباح", "Daily Sabah", "outlet", ("Daily Sabah",)),
    Source("حرييت", "Hürriyet", "outlet", ("صحيفة حرييت", "حريت")),
    Source("يني شفق", "Yeni Şafak", "outlet", ("صحيفة يني شفق",)),
    Source("نيويورك تايمز", "The New York Times", "outlet"),
    Source("واشنطن بوست", "The Washington Post", "outlet"),
    Source("وول ستريت جورنال", "The Wall Street Journal", "outlet"),
    Source("فايننشال تايمز", "Financial Times", "outlet"),
    Source("الغارديان", "The Guardian", "outlet"),
    Source("بلومبرغ", "Bloomberg", "outlet", ("Bloomberg",)),
    Source("أكسيوس", "Axios", "outlet", ("Axios",)),
    Source("المونيتور", "Al-Monitor", "outlet"),
    Source("ميدل إيست آي", "Middle East Eye", "outlet"),
    Source("المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights", "other",
           ("المرصد السوري",)),
    # ministries as publishing channels
    Source("وزارة الدفاع السورية", "Syrian Ministry of Defence", "ministry",
           ("وزارة الدفاع السوري", "وزارة الدفاع في الحكومة السورية"), channel=True),
    Source("وزارة الدفاع التركية", "Turkish Ministry of National Defence", "ministry",
           ("وزارة الدفاع الوطني التركية",), channel=True),
    Source("وزارة الخارجية السورية", "Syrian Ministry of Foreign Affairs", "ministry",
           ("وزارة الخارجية والمغتربين السورية",), channel=True),
    Source("وزارة الخارجية التركية", "Turkish Ministry of Foreign Affairs", "ministry",
           channel=True),
)  # fmt: skip

# Words that say a ministry is publishing through a channel of its own.
CHANNEL_WORDS = (
    "إكس", "X", "تويتر", "تليغرام", "تلغرام", "تيليغرام", "تيليجرام", "تلجرام", "فيسبوك",
    "فيس بوك", "إنستغرام", "يوتيوب", "منشور", "منشورها", "حساب", "حسابها", "حسابه", "صفحة",
    "صفحتها", "صفحته", "قناتها", "قناته", "تغريدة", "تغريدتها", "موقعها الرسمي",
)  # fmt: skip


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", normalize_arabic(text)).strip().lower()


def _pattern(alias: str) -> str:
    return re.escape(alias).replace(r"\ ", r"\s+").replace(r"\.", r"\.?\s*")


def _trie_pattern(words) -> str:
    """One regex for many literal phrases, factored by common prefix.

    Python's regex engine tries alternatives one by one; a prefix trie makes a failed
    position cost one character test instead of one per alias. Spaces match any run of
    whitespace, a dot an optional dot.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = []
        for char in sorted(k for k in node if k):
            piece = r"\s+" if char == " " else (r"\.?\s*" if char == "." else re.escape(char))
            branches.append(piece + emit(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


_BY_KEY: dict[str, Source] = {}
for _source in SOURCES:
    for _alias in (_source.name, *_source.aliases):
        _BY_KEY.setdefault(_key(_alias), _source)
        _BY_KEY.setdefault(_key(_alias).replace(".", "").replace(" ", ""), _source)

_BODY_ALIASES: dict[str, Source] = {}
for _source in SOURCES:
    if not _source.in_body:
        continue
    for _alias in (_source.name, *_source.aliases):
        key = _key(_alias)
        _BODY_ALIASES.setdefault(key.lower(), _source)
        if key.startswith("ال"):
            # ل + ال contracts to لل: "للأناضول" is ل + "لأناضول"
            _BODY_ALIASES.setdefault("ل" + key[2:].lower(), _source)

_CITATION = re.compile(
    r"(?<!\w)(?P<pre>[وف]?[بكل]?)(?P<core>" + _trie_pattern(_BODY_ALIASES) + r")(?!\w)",
    re.IGNORECASE,
)
_CHANNEL = re.compile(
    r"(?<!\w)[وفبلك]?(?:ال)?(?:"
    + "|".join(sorted((_pattern(_key(w)) for w in CHANNEL_WORDS), key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_SENTENCE_STOPS = ".!?؟\n"  # the same characters, for str.rfind
_STRIP = " \t•·*-–—_()[]{}«»“”\"'‹›.,،:؛;|/"

ATTRIBUTION_LABEL = re.compile(
    r"^(?:المصدر|المصادر|مصدر\s+الخبر|المصدر\s+الاصلي|source|sources)(?!\w)"
    r"\s*[:：\-–/]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_SPLIT_NAMES = re.compile(r"\s*(?:[،,+/|&]|\s-\s|\s–\s)\s*")


def lookup_source(text: str) -> Source | None:
    """The gazetteer row whose name or alias is all of ``text`` (punctuation aside)."""
    key = _key(text.strip(_STRIP))
    return _BY_KEY.get(key) or _BY_KEY.get(key.replace(".", "").replace(" ", ""))


def mention(text_as_written: str, display: str | None = None) -> SourceMention:
    """A mention for an attribution: known names get their row, others kind ``other``."""
    name_text = (display if display is not None else text_as_written).strip(_STRIP)
    source = lookup_source(name_text)
    if source is None:
        return SourceMention(name_text, "", "other", text_as_written)
    return SourceMention(source.name, source.name_en, source.kind, text_as_written)


def attribution_label(folded_line: str) -> re.Match | None:
    """Match ``المصدر: ...`` (or a bare ``المصدر :``) on a folded line; None otherwise.

    The part after the label must be short (names, not a sentence).
    """
    match = ATTRIBUTION_LABEL.match(folded_line)
    if match is None:
        return None
    rest = match.group("rest")
    if len(rest.split()) > 8 or re.search(r"[.!؟?]\s+\S", rest):
        return None
    return match


def split_names(original_rest: str) -> list[str]:
    """``وكالات + رويترز`` -> the separate names, as written."""
    return [part for part in _SPLIT_NAMES.split(original_rest) if part.strip(_STRIP)]


def cited_sources(body: str) -> tuple[SourceMention, ...]:
    """Known sources cited in ``body``, de-duplicated by name, in order of first appearance."""
    folded = fold(body)
    text = folded.text
    found: dict[str, SourceMention] = {}
    for match in _CITATION.finditer(text):
        core = re.sub(r"\s+", " ", match.group("core")).lower()
        source = _BODY_ALIASES.get(core) or lookup_source(core)
        if source is None or source.name in found:
            continue
        if source.channel and not _has_channel(text, match.start(), match.end()):
            continue
        found[source.name] = SourceMention(
            source.name, source.name_en, source.kind, folded.span(match.start(), match.end())
        )
    return tuple(found.values())


def _has_channel(text: str, start: int, end: int) -> bool:
    # the sentence's start: just after the last sentence end before the name
    before = max(text.rfind(stop, 0, start) for stop in _SENTENCE_STOPS) + 1
    after_match = _SENTENCE_END.search(text, end)
    after = after_match.start() if after_match else len(text)
    return bool(_CHANNEL.search(text, before, after))
