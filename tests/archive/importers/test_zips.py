"""A zip of article files unpacked for the loader: its article files in name
order, everything else passed by, and nothing unpacked when a member would
land outside the folder, is a link, or the file is no zip."""

from __future__ import annotations

import stat
import zipfile

import pytest

from archive.importers.zips import BadArchive, unpack_zip


def make_zip(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members:
            if isinstance(data, zipfile.ZipInfo):
                archive.writestr(data, "target")
            else:
                archive.writestr(name, data)
    return path


def test_the_article_files_unpack_in_name_order_and_the_rest_is_passed_by(tmp_path):
    path = make_zip(
        tmp_path / "desk.zip",
        [
            ("b/page.HTML", "<html></html>"),
            ("a.txt", "نص"),
            ("notes.md", "x"),
            ("__MACOSX/._a.txt", "x"),
            ("folder/", ""),
            ("records.jsonl", "{}"),
        ],
    )
    into = tmp_path / "out"
    files = unpack_zip(path, into)
    assert [f.relative_to(into).as_posix() for f in files] == [
        "a.txt",
        "b/page.HTML",
        "records.jsonl",
    ]
    assert (into / "a.txt").read_text(encoding="utf-8") == "نص"
    assert not (into / "notes.md").exists() and not (into / "__MACOSX").exists()


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/evil.txt", "a/../../evil.txt", "C:/evil.txt"]
)
def test_a_member_outside_the_folder_unpacks_nothing(tmp_path, name):
    path = make_zip(tmp_path / "bad.zip", [("good.txt", "نص"), (name, "x")])
    into = tmp_path / "out"
    with pytest.raises(BadArchive) as error:
        unpack_zip(path, into)
    assert str(error.value) == f"bad.zip: {name}: a path outside the folder; nothing was unpacked"
    assert not into.exists()


def test_a_link_unpacks_nothing(tmp_path):
    link = zipfile.ZipInfo("link.txt")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = make_zip(tmp_path / "links.zip", [("good.txt", "نص"), ("link.txt", link)])
    with pytest.raises(BadArchive, match=r"^links\.zip: link\.txt: a link; nothing was unpacked$"):
        unpack_zip(path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_no_zip_says_so(tmp_path):
    path = tmp_path / "fake.zip"
    path.write_text("not a zip")
    with pytest.raises(BadArchive, match=r"^fake\.zip: not a readable zip \("):
        unpack_zip(path, tmp_path / "out")


def test_an_empty_zip_unpacks_to_nothing(tmp_path):
    assert unpack_zip(make_zip(tmp_path / "empty.zip", []), tmp_path / "out") == []
