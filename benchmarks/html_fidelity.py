"""Saved web pages: how much of each page the importer reads right, per field.

Two measures, each a table:

1. ``../shared/real-html/``: 13 real saved Arabic news pages against their answer key
   (``expected.json``: title, stated date, site name, author, canonical URL, sentences that
   must stay, furniture that must go).
2. Pages built at run time from ``../shared/real-pages/`` texts (part1 and part2): each
   text wrapped in typical news-site markup (navigation, breadcrumbs, related links, share
   buttons, newsletter box, footer: ``tests/importers/pages.py``), scored against that
   folder's key. The text is the crawler's, so it still holds the page debris the text
   parser was written for; the table compares trafilatura's text taken as it is
   (``article_from_text``) with the same text run through the text parser
   (``parse_article``), field by field.

    .venv/bin/python benchmarks/html_fidelity.py
    .venv/bin/python benchmarks/html_fidelity.py --files      # one line per page
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.importers import read_html  # noqa: E402
from archive.importers.html import extract_page, take_parsed_text  # noqa: E402
from archive.importers.text import article_from_text  # noqa: E402
from archive.parsing import ParseError  # noqa: E402
from tests.importers.pages import news_page  # noqa: E402

SHARED = ROOT.parent / "shared"


def _norm(text) -> str:
    return " ".join(str(text or "").split())


def _date(parsed) -> str:
    if parsed is None or parsed.published is None:
        return ""
    return parsed.published.date.isoformat()


def _time(parsed) -> str:
    if parsed is None or parsed.published is None or parsed.published.time is None:
        return ""
    return parsed.published.time.strftime("%H:%M")


def real_html(folder: Path, per_file: bool) -> None:
    key = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    counts = {
        name: [0, 0]
        for name in (
            "title",
            "published date",
            "published time",
            "site name",
            "author",
            "canonical URL",
        )
    }
    kept = total_kept = gone = total_gone = 0
    started = time.perf_counter()
    for entry in key:
        item = read_html(entry["file"], (folder / entry["file"]).read_bytes())
        parsed = getattr(getattr(item, "file", None), "parsed", None)
        details = getattr(item, "details", None)
        seen = {
            "title": _norm(parsed.title) if parsed and not parsed.title_derived else "",
            "published date": _date(parsed),
            "published time": _time(parsed),
            "site name": _norm(details.site_name) if details else "",
            "author": _norm(parsed.byline) if parsed else "",
            "canonical URL": details.url if details else "",
        }
        wanted = {
            "title": _norm(entry["title"]),
            "published date": entry["published_date"] or "",
            "published time": entry["published_time"] or "",
            "site name": _norm(entry["site_name"]),
            "author": _norm(entry["author"]),
            "canonical URL": entry.get("url") or "",
        }
        misses = []
        for name, value in wanted.items():
            if not value and name != "author":
                continue  # the key states none: not scored
            counts[name][1] += 1
            if name == "canonical URL":
                from archive.importers.urls import canonical_url

                right = bool(seen[name]) and seen[name] == canonical_url(value)
            else:
                right = seen[name] == value
            counts[name][0] += right
            if not right:
                misses.append(f"{name} {seen[name][:40]!r} (key {value[:40]!r})")
        body = parsed.body if parsed else ""
        lost = [s for s in entry["body_must_contain"] if s not in body]
        left = [s for s in entry["body_must_not_contain"] if s in body]
        kept += len(entry["body_must_contain"]) - len(lost)
        total_kept += len(entry["body_must_contain"])
        gone += len(entry["body_must_not_contain"]) - len(left)
        total_gone += len(entry["body_must_not_contain"])
        if per_file:
            if lost:
                misses.append(f"lost {len(lost)}")
            if left:
                misses.append(f"furniture left {left}")
            print(f"{entry['file']}: " + ("; ".join(misses) or "ok"))
    elapsed = time.perf_counter() - started
    print(f"{folder} ({len(key)} saved pages, read in {elapsed:.1f} s)")
    print("| field | right |")
    print("|---|---|")
    for name, (right, stated) in counts.items():
        print(f"| {name} | {_ratio(right, stated)} |")
    print(f"| sentences that must stay, kept | {_ratio(kept, total_kept)} |")
    print(f"| furniture that must go, gone | {_ratio(gone, total_gone)} |")
    print()


def _ratio(part: int, whole: int) -> str:
    return f"{part} of {whole}" + (f" ({100 * part / whole:.0f}%)" if whole else "")


def built_pages(folders: list[Path], per_file: bool) -> None:
    """Each real-pages text in news-site markup; trafilatura's text taken as it
    is, and through the text parser."""
    ways = ("as extracted", "text parser")
    fields = ("title", "published date", "sentences kept", "debris gone", "furniture gone")
    score = {way: {name: [0, 0] for name in fields} for way in ways}
    pages = 0
    furniture = ["أخبار ذات صلة", "شارك الخبر", "اشترك في النشرة البريدية", "جميع الحقوق محفوظة"]
    for folder in folders:
        key = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        for entry in key["articles"]:
            text = (folder / entry["file"]).read_text(encoding="utf-8", errors="replace")
            lines = [line for line in text.splitlines() if line.strip()]
            title = entry["title"] or ""
            html = news_page(
                title or "خبر",
                lines,
                url=f"https://news.example.com/{folder.name}/{entry['file']}",
                published="",
                author="",
            )
            pages += 1
            try:
                page = extract_page(html)
            except ParseError as error:
                print(f"{folder.name}/{entry['file']}: {error}")
                continue
            raw = page.text
            results = {
                "as extracted": article_from_text(raw, title=page.parsed.title),
                "text parser": take_parsed_text(raw, page.parsed),
            }
            for way, parsed in results.items():
                s = score[way]
                if entry["title"]:
                    s["title"][1] += 1
                    s["title"][0] += _norm(parsed.title) == _norm(entry["title"])
                if entry["published_date"] and not entry.get("date_optional"):
                    s["published date"][1] += 1
                    s["published date"][0] += _date(parsed) == entry["published_date"]
                body = parsed.body
                s["sentences kept"][1] += len(entry["body_must_contain"])
                s["sentences kept"][0] += sum(x in body for x in entry["body_must_contain"])
                s["debris gone"][1] += len(entry["body_must_not_contain"])
                s["debris gone"][0] += sum(x not in body for x in entry["body_must_not_contain"])
                s["furniture gone"][1] += len(furniture)
                s["furniture gone"][0] += sum(x not in body for x in furniture)
            if per_file:
                a, b = results["as extracted"], results["text parser"]
                print(
                    f"{folder.name}/{entry['file']}: date {_date(a) or '-'} / {_date(b) or '-'}"
                    f" (key {entry['published_date']})"
                )
    names = ", ".join(f.name for f in folders)
    print(f"real-pages texts in news-site markup ({names}: {pages} pages)")
    print("| field | trafilatura's text as it is | through the text parser |")
    print("|---|---|---|")
    for name in fields:
        a, b = score["as extracted"][name], score["text parser"][name]
        print(f"| {name} | {_ratio(*a)} | {_ratio(*b)} |")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", action="store_true", help="one line per page")
    args = parser.parse_args(argv)
    real_html(SHARED / "real-html", args.files)
    built_pages([SHARED / "real-pages" / "part1", SHARED / "real-pages" / "part2"], args.files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
