"""Saved news pages built for tests and benchmarks: an article wrapped in the
markup a typical Arabic news site puts round it (navigation, breadcrumbs,
share buttons, related links, a newsletter box, a footer). The texts are the
caller's; nothing here is copied from a real site."""

from __future__ import annotations

import html
import json

NAV = ["الرئيسية", "أخبار محلية", "عربي ودولي", "اقتصاد", "رياضة", "منوعات", "فيديو", "اتصل بنا"]
RELATED = [
    "ارتفاع أسعار الذهب في الأسواق المحلية مع بداية الأسبوع",
    "منتخب الشباب يتأهل إلى الدور النهائي بعد فوز مثير",
    "الأرصاد تتوقع أجواء حارة ورياحاً نشطة على معظم المناطق",
    "افتتاح معرض الكتاب الدولي بمشاركة مئات دور النشر",
]
FOOTER = "جميع الحقوق محفوظة © 2025 — سياسة الخصوصية — شروط الاستخدام"
SHARE = "شارك الخبر"
NEWSLETTER = "اشترك في النشرة البريدية ليصلك كل جديد"

# A synthetic article (written for these tests).
TITLE = "وزيرا الدفاع يبحثان توسيع برامج التدريب المشترك"
PARAGRAPHS = [
    "بحث وزيرا الدفاع خلال لقاء في العاصمة صباح اليوم سبل توسيع برامج التدريب المشترك "
    "بين القوات المسلحة في البلدين، وتبادل الخبرات في مجالات الاستشارات الفنية.",
    "وقال المتحدث باسم الوزارة في بيان إن الجانبين ناقشا جدولاً زمنياً لتبادل الضباط "
    "وتنظيم دورات تخصصية في الهندسة العسكرية والدفاع الجوي خلال الأشهر المقبلة.",
    "وأضاف البيان أن اللقاء تناول كذلك التعاون في الصناعات الدفاعية وصيانة المعدات، "
    "مشيراً إلى أن لجنة فنية ستتابع تنفيذ ما اتفق عليه وترفع تقاريرها بصورة دورية.",
    "وأكد الوزيران في ختام اللقاء أهمية التنسيق المستمر لمواجهة التحديات الأمنية "
    "المشتركة، وحماية الحدود، ودعم الاستقرار في المنطقة على المدى البعيد.",
]


def news_page(
    title: str = TITLE,
    paragraphs: list[str] = PARAGRAPHS,
    *,
    url: str = "https://news.example.com/politics/2025/08/13/defence-training",
    site_name: str = "أخبار المثال",
    published: str = "2025-08-13T19:51:00+03:00",
    author: str = "سامر الأحمد",
    lang: str = "ar",
) -> str:
    """A whole saved page: ``<head>`` metadata (og:, article:, JSON-LD,
    canonical link) and a body of site furniture round the article."""
    e = html.escape
    head = (
        [f"<title>{e(title)} - {e(site_name)}</title>"]
        if site_name
        else [f"<title>{e(title)}</title>"]
    )
    head.append('<meta charset="utf-8">')
    if url:
        head.append(f'<link rel="canonical" href="{e(url)}">')
        head.append(f'<meta property="og:url" content="{e(url)}">')
    if site_name:
        head.append(f'<meta property="og:site_name" content="{e(site_name)}">')
    head.append(f'<meta property="og:title" content="{e(title)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{e(published)}">')
    if author:
        head.append(f'<meta name="author" content="{e(author)}">')
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title}
    if published:
        ld["datePublished"] = published
    head.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    nav = "".join(f'<li><a href="/section/{i}">{e(name)}</a></li>' for i, name in enumerate(NAV))
    related = "".join(
        f'<li><a href="/news/{i}">{e(item)}</a><span class="date">منذ {i + 2} ساعات</span></li>'
        for i, item in enumerate(RELATED)
    )
    article = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
    byline = f'<span class="author">{e(author)}</span>' if author else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="rtl"><head>{"".join(head)}</head>
<body>
<header><div class="logo"><a href="/">{e(site_name or "الموقع")}</a></div>
<nav class="main-menu"><ul>{nav}</ul></nav></header>
<div class="breadcrumb"><a href="/">الرئيسية</a> » <a href="/politics">سياسة</a></div>
<main><article class="post">
<h1 class="entry-title">{e(title)}</h1>
<div class="meta">{byline}<time datetime="{e(published)}">{e(published[:10])}</time></div>
<div class="entry-content">{article}</div>
<div class="share"><span>{SHARE}</span> <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
</article>
<aside class="related"><h3>أخبار ذات صلة</h3><ul>{related}</ul></aside>
</main>
<div class="newsletter">{NEWSLETTER} <input type="email"></div>
<footer><p>{FOOTER}</p><ul><li><a href="/about">من نحن</a></li><li><a href="/ads">أعلن معنا</a></li></ul></footer>
</body></html>
"""
