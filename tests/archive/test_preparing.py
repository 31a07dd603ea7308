"""The loader's work before the database, on files: each read file parsed,
indexed and signed; an unchanged text skipped unparsed; a file or record that
cannot be read kept as a problem with its label; no database touched."""

from __future__ import annotations

import hashlib
import json

from archive.preparing import prepare_files
from archive.signatures import BANDS, SIGNATURE_BYTES

TEXT = "أنقرة تدعم دمشق\n\nوقّع وزير الدفاع التركي مذكرة تفاهم للتدريب العسكري مع نظيره السوري.\n"


def test_a_text_file_is_parsed_indexed_and_signed(tmp_path):
    path = tmp_path / "mou.txt"
    path.write_text(TEXT, encoding="utf-8")
    (prepared,) = prepare_files([path], {})
    assert (prepared.name, prepared.identity, prepared.problem, prepared.unchanged) == (
        "mou.txt",
        "mou.txt",
        "",
        False,
    )
    assert prepared.file.parsed.title == "أنقرة تدعم دمشق"
    # The search text is the title's and body's stems, folded: "أنقرة" is
    # "انقر", the shadda of "وقّع" is gone.
    assert prepared.search_text.startswith("انقر تدعم دمشق وقع ")
    assert "ّ" not in prepared.search_text
    assert prepared.rank_terms.count("|") == 2
    assert len(prepared.signature) == SIGNATURE_BYTES and len(prepared.band_keys) == BANDS


def test_an_unchanged_text_is_not_parsed_and_a_changed_one_is(tmp_path):
    path = tmp_path / "mou.txt"
    path.write_text(TEXT, encoding="utf-8")
    known = {"mou.txt": hashlib.sha256(TEXT.encode()).hexdigest()}
    (same,) = prepare_files([path], known)
    assert (same.unchanged, same.file, same.identity) == (True, None, "mou.txt")
    (changed,) = prepare_files([path], {"mou.txt": "0" * 64})
    assert not changed.unchanged and changed.file is not None


def test_what_cannot_be_read_is_a_problem_naming_the_field(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    gone = tmp_path / "gone.txt"
    first, second = prepare_files([empty, gone], {})
    assert (first.file, first.problem) == (None, "file: file is empty")
    assert second.problem == "file: cannot read (No such file or directory)"
    assert second.signature == b"" and second.band_keys == ()


def test_records_keep_their_line_as_label_and_a_page_its_file_name(tmp_path):
    records = tmp_path / "export.jsonl"
    good = {"title": "خبر", "text": "افتتح اليوم معرض الكتاب في المدينة بمشاركة دور نشر كثيرة."}
    records.write_text(json.dumps(good, ensure_ascii=False) + "\nnot json\n", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>خبر</title></head><body><article><p>"
        + "افتتح اليوم معرض الكتاب في المدينة بمشاركة دور نشر كثيرة من بلدان عدة. " * 3
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    read = prepare_files([records, page], {})
    assert [(p.name, bool(p.problem)) for p in read] == [
        ("export.jsonl:1", False),
        ("export.jsonl:2", True),
        ("page.html", False),
    ]
    assert read[1].problem.startswith("line: not valid JSON (")
    assert read[0].details is not None and read[0].file.parsed.title == "خبر"
