"""read_paths on real files written into tmp_path: every input kind, every bad input."""

from __future__ import annotations

import codecs
import io
import os
import unicodedata

import pytest
from ingest_samples import (
    ACCENTED,
    ACCENTED_BODY,
    ACCENTED_TITLE,
    BINARIES,
    HTML_PAGE,
    MARKDOWN,
    NEWS,
    NEWS_TITLE,
    OTHER,
    OTHER_TITLE,
)

from kg.errors import InputError
from kg.ingest import DEFAULT_MAX_BYTES, articles_from_text, read_paths


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def sections(article):
    return [(s.kind, article.text[s.start : s.end]) for s in article.sections]


@pytest.mark.parametrize(
    "name, data",
    [
        ("utf8.txt", ACCENTED.encode("utf-8")),
        ("bom.txt", codecs.BOM_UTF8 + ACCENTED.encode("utf-8")),
        ("le.txt", codecs.BOM_UTF16_LE + ACCENTED.encode("utf-16-le")),
        ("be.txt", codecs.BOM_UTF16_BE + ACCENTED.encode("utf-16-be")),
        ("windows.txt", ACCENTED.encode("cp1252")),
        ("crlf.txt", ACCENTED.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_read_paths_reads_each_encoding_to_the_same_article(tmp_path, name, data):
    [article] = read_paths([write(tmp_path / name, data)]).articles
    assert sections(article) == [("title", ACCENTED_TITLE), ("body", ACCENTED_BODY)]
    assert article.id == articles_from_text(ACCENTED)[0].id


def test_read_paths_reads_latin_1(tmp_path):
    text = "Chelsea sack striker\n\nThe club fined him £20,000 and said he was “no longer welcome”.\n"
    [article] = read_paths([write(tmp_path / "latin1.txt", text.replace("“", '"').replace("”", '"').encode("latin-1"))]).articles
    assert "£20,000" in article.text


def test_read_paths_normalises_once_and_offsets_follow(tmp_path):
    decomposed = "Cafe\u0301 owners protest\n\nThe cafe\u0301 owners of Zu\u0308rich protested on Monday, the police said.\n"
    [article] = read_paths([write(tmp_path / "nfd.txt", decomposed)]).articles
    assert unicodedata.is_normalized("NFC", article.text)
    assert article.title == "Café owners protest"
    assert sections(article)[1] == ("body", "The café owners of Zürich protested on Monday, the police said.")
    assert article.id == articles_from_text(unicodedata.normalize("NFC", decomposed))[0].id


@pytest.mark.parametrize("name", ["story.md", "story.MD"])
def test_read_paths_reads_markdown(tmp_path, name):
    [article] = read_paths([write(tmp_path / name, MARKDOWN)]).articles
    assert article.title == "Blinken urges China to act on fentanyl"
    assert article.date == "2023-07-07"
    assert sections(article) == [
        ("title", "Blinken urges China to act on fentanyl"),
        ("byline", "Jane Roe"),
        ("body", "Secretary of State Antony Blinken called on China to curb the flow of fentanyl precursors to Mexico, officials said."),
        ("body", "Pressure from Washington"),
        ("body", "The United States has pressed the issue for months."),
    ]


@pytest.mark.parametrize("name", ["page.html", "page.htm", "PAGE.HTML"])
def test_read_paths_reads_html(tmp_path, name):
    [article] = read_paths([write(tmp_path / name, HTML_PAGE)]).articles
    assert article.title == "Mexico seizes fentanyl precursors at Manzanillo port"
    assert article.date == "2023-11-15"
    kinds = dict((text, kind) for kind, text in sections(article))
    assert kinds["Containers at the port of Manzanillo in Colima state. (Hector Guerrero/AFP via Getty Images)"] == "caption"
    assert kinds["Jane Roe"] == "byline"
    for furniture in ("Home", "T-Shirt", "Get it here", "Leave a Reply", "email address", "You may like", "Facebook", "All rights reserved"):
        assert furniture not in article.text


def test_read_paths_reads_standard_input(tmp_path):
    result = read_paths(["-"], stdin=io.BytesIO(NEWS.encode("cp1252")))
    [article] = result.articles
    assert (article.source, article.title) == ("-", NEWS_TITLE)


def test_read_paths_sniffs_html_on_standard_input():
    [article] = read_paths(["-"], stdin=io.BytesIO(HTML_PAGE.encode())).articles
    assert article.title == "Mexico seizes fentanyl precursors at Manzanillo port"
    assert "<p>" not in article.text


def test_read_paths_searches_directories_recursively_in_order(tmp_path):
    write(tmp_path / "b" / "deep" / "other.txt", OTHER)
    write(tmp_path / "a" / "news.md", NEWS)
    write(tmp_path / ".git" / "hidden.txt", ACCENTED)
    write(tmp_path / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    result = read_paths([tmp_path])
    assert [a.title for a in result.articles] == [NEWS_TITLE, OTHER_TITLE]
    assert result.problems == [] and result.skipped == []


def test_read_paths_skips_unsupported_files_in_a_directory_with_one_line_each(tmp_path):
    write(tmp_path / "news.txt", NEWS)
    write(tmp_path / "photo.png", BINARIES["png"][0])
    write(tmp_path / "data.json", "{}")
    write(tmp_path / "README", "notes")
    result = read_paths([tmp_path])
    assert [a.title for a in result.articles] == [NEWS_TITLE]
    assert [str(s) for s in result.skipped] == [
        f"{tmp_path / 'README'}: unsupported file type (no extension)",
        f"{tmp_path / 'data.json'}: unsupported file type .json",
        f"{tmp_path / 'photo.png'}: unsupported file type .png",
    ]
    assert result.problems == []


def test_read_paths_reads_a_named_file_whatever_its_extension(tmp_path):
    [article] = read_paths([write(tmp_path / "story.text", NEWS)]).articles
    assert article.title == NEWS_TITLE


def bad_inputs(tmp_path):
    """Each bad input a user can give, with the problem it must be reported as."""
    empty_dir = tmp_path / "nothing-here"
    empty_dir.mkdir()
    no_supported = tmp_path / "pictures"
    write(no_supported / "a.png", BINARIES["png"][0])
    cases = {
        "missing": (tmp_path / "missing.txt", "no such file or directory"),
        "empty": (write(tmp_path / "empty.txt", b""), "empty file"),
        "blank": (write(tmp_path / "blank.txt", " \n\n\t\n"), "empty file (only white space)"),
        "empty-dir": (empty_dir, "no supported files in this directory"),
        "dir-without-supported-files": (no_supported, "no supported files in this directory"),
        "pdf": (write(tmp_path / "report.txt", BINARIES["pdf"][0]), "binary file (PDF document), not text"),
        "png": (write(tmp_path / "image.txt", BINARIES["png"][0]), "binary file (PNG image), not text"),
        "zip": (write(tmp_path / "archive.txt", BINARIES["zip"][0]), "binary file (ZIP archive"),
        "undecodable": (write(tmp_path / "mixed.txt", "Café. ".encode() * 10 + b"\xff\xfe"), "undecodable bytes"),
        "all-furniture": (write(tmp_path / "widgets.txt", "Leave a Reply\n\nYou may like\n\nShare\n"), "all 3 lines are web furniture"),
        "too-big": (write(tmp_path / "big.txt", NEWS * 100), "over the size limit of 1 kB"),
    }
    return cases


BAD = ["missing", "empty", "blank", "empty-dir", "dir-without-supported-files", "pdf", "png", "zip", "undecodable", "all-furniture", "too-big"]


@pytest.mark.parametrize("case", BAD)
def test_read_paths_fails_with_one_clear_problem_when_nothing_is_usable(tmp_path, case):
    path, message = bad_inputs(tmp_path)[case]
    with pytest.raises(InputError) as caught:
        read_paths([path], max_bytes=1024)
    error = caught.value
    assert error.path == str(path)
    assert message in error.message
    assert "\n" not in str(error)


@pytest.mark.parametrize("case", BAD)
def test_read_paths_reports_one_bad_input_among_good_ones_and_uses_the_good(tmp_path, case):
    path, message = bad_inputs(tmp_path)[case]
    good = write(tmp_path / "good" / "news.txt", NEWS)
    result = read_paths([good, path], max_bytes=1024)
    assert [a.title for a in result.articles] == [NEWS_TITLE]
    [problem] = result.problems
    assert problem.path == str(path) and message in problem.message


def test_read_paths_lists_every_problem_when_nothing_is_usable(tmp_path):
    cases = bad_inputs(tmp_path)
    paths = [cases[name][0] for name in ("missing", "empty", "pdf")]
    with pytest.raises(InputError) as caught:
        read_paths(paths)
    for path, message in (cases[name] for name in ("missing", "empty", "pdf")):
        assert f"{path}: {message}" in str(caught.value)


def test_read_paths_size_limit_defaults_to_20_mb(tmp_path):
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    big = write(tmp_path / "big.txt", NEWS)
    with open(big, "ab") as handle:
        handle.truncate(DEFAULT_MAX_BYTES + 1)
    with pytest.raises(InputError, match="over the size limit of 20 MB"):
        read_paths([big])


def test_read_paths_size_limit_applies_to_standard_input():
    with pytest.raises(InputError, match="standard input is over the size limit"):
        read_paths(["-"], stdin=io.BytesIO(NEWS.encode()), max_bytes=100)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_read_paths_reports_unreadable_files(tmp_path):
    locked = write(tmp_path / "locked.txt", NEWS)
    locked.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        read_paths([locked])


def test_read_paths_yields_one_article_for_the_same_file_twice(tmp_path):
    path = write(tmp_path / "news.txt", NEWS)
    result = read_paths([path, path, tmp_path])
    assert [a.title for a in result.articles] == [NEWS_TITLE]


def test_read_paths_yields_one_article_for_the_same_article_in_two_files(tmp_path):
    plain = write(tmp_path / "a.txt", NEWS)
    scraped = write(tmp_path / "b.txt", "Connect with us\n\n" + NEWS.replace("\n\n", "\n\n\n") + "\nYou may like\n\nTrending\n")
    windows = write(tmp_path / "c.txt", NEWS.replace("\n", "\r\n").encode("utf-16"))
    result = read_paths([plain, scraped, windows])
    [article] = result.articles
    assert article.source == str(plain)


def test_read_paths_keeps_the_date_printed_on_the_page(tmp_path):
    [article] = read_paths([write(tmp_path / "news.txt", NEWS)]).articles
    assert article.date == "2023-11-15"
    assert "Published" not in article.text


@pytest.mark.parametrize(
    "header, date",
    [
        ("date: 2024-02-29", "2024-02-29"),
        ("Updated: 7 July 2023 10:30 ET", "2023-07-07"),
        ("Published\n\non\n\nJuly 7, 2023", "2023-07-07"),
        ("Tuesday, November 14, 2023", "2023-11-14"),
        ("Published", None),
    ],
)
def test_read_paths_reads_dates_in_the_article_header(tmp_path, header, date):
    text = f"{NEWS_TITLE}\n\n{header}\n\nMexican authorities seized two tonnes of chemicals at the port, the navy said.\n"
    [article] = read_paths([write(tmp_path / "news.txt", text)]).articles
    assert article.date == date
    assert [kind for kind, _ in sections(article)] == ["title", "body"]


def test_read_paths_sections_lie_within_the_text(seeds):
    for article in read_paths([seeds]).articles:
        previous_end = 0
        for section in article.sections:
            assert previous_end <= section.start < section.end <= len(article.text)
            chunk = article.text[section.start : section.end]
            assert chunk == chunk.strip() and chunk
            previous_end = section.end
