"""HTML and Markdown pages, written as files: extraction, metadata, captions, several posts."""

from __future__ import annotations

import pytest
from ingest_samples import HTML_PAGE, HTML_TWO_POSTS, MARKDOWN

from kg.ingest import articles_from_text, read_paths
from kg.ingest.html import blocks, html_page, looks_like_html, markdown_page


def read_one(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_paths([path]).articles


def sections(article):
    return [(s.kind, article.text[s.start : s.end]) for s in article.sections]


def test_html_extracts_the_article_from_a_full_page(tmp_path):
    [article] = read_one(tmp_path, "page.html", HTML_PAGE)
    assert sections(article) == [
        ("title", "Mexico seizes fentanyl precursors at Manzanillo port"),
        ("byline", "Jane Roe"),
        ("body", "Mexican authorities seized more than two tonnes of fentanyl precursor chemicals at the port of Manzanillo on Tuesday, the navy said in a statement."),
        ("caption", "Containers at the port of Manzanillo in Colima state. (Hector Guerrero/AFP via Getty Images)"),
        ("body", "The shipment had arrived from Shanghai and was declared as industrial solvents, according to the navy. Officials said the chemicals could have produced millions of doses."),
        ("body", "Pressure from Washington"),
        ("body", "The seizure comes as the United States presses Mexico and China to curb the flow of chemicals used by cartels to make the drug."),
    ]
    assert article.date == "2023-11-15"


def test_html_splits_a_page_of_several_article_elements(tmp_path):
    first, second = read_one(tmp_path, "blog.htm", HTML_TWO_POSTS)
    assert (first.title, first.date, first.index) == ("Blinken urges China to act on fentanyl", "2023-07-07", 0)
    assert (second.title, second.date, second.index) == ("Biden to lift sanctions on Chinese ministry", "2023-11-15", 1)
    assert [kind for kind, _ in sections(first)] == ["title", "body", "body"]
    for text in ("Click to comment", "Home", "Example Blog", "July 7, 2023"):
        assert text not in first.text and text not in second.text


def test_html_short_page_keeps_headline_and_text_apart(tmp_path):
    page = "<html><head><title>Tiny</title></head><body><nav>Home</nav><h1>China bans fentanyl</h1><p>China scheduled fentanyl in 2019.</p></body></html>"
    [article] = read_one(tmp_path, "tiny.html", page)
    assert sections(article) == [("title", "China bans fentanyl"), ("body", "China scheduled fentanyl in 2019.")]
    assert article.date is None


@pytest.mark.parametrize(
    "page",
    [
        pytest.param("<p>China scheduled fentanyl in 2019, officials said.</p>", id="fragment"),
        pytest.param('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>China scheduled fentanyl in 2019, officials said.</p></body></html>', id="xhtml-with-declaration"),
        pytest.param("<html><body><div>China scheduled fentanyl in 2019, officials said.<br>Second line of the text here.</div><script>var x = 1;</script></body></html>", id="text-in-divs"),
    ],
)
def test_html_reads_odd_pages(tmp_path, page):
    [article] = read_one(tmp_path, "odd.html", page)
    assert "China scheduled fentanyl in 2019, officials said." in article.text
    assert "var x" not in article.text


def test_html_decodes_the_declared_charset(tmp_path):
    page = '<html><head><meta charset="windows-1252"><title>T</title></head><body><h1>Caf\u00e9 owners protest</h1><p>\u201cWe are worried,\u201d said Jos\u00e9 Mu\u00f1oz on Monday.</p></body></html>'
    [article] = read_one(tmp_path, "cp1252.html", page, encoding="cp1252")
    assert article.title == "Café owners protest"
    assert "“We are worried,” said José Muñoz on Monday." in article.text


def test_html_page_without_text_is_a_problem(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title></title></head><body><nav>Home</nav><script>x()</script></body></html>")
    good = tmp_path / "good.html"
    good.write_text(HTML_PAGE)
    result = read_paths([path, good])
    assert len(result.articles) == 1
    [problem] = result.problems
    assert problem.path == str(path) and "no article text found" in problem.message


def test_html_blocks_skip_scripts_navigation_and_alt_text():
    import lxml.html

    root = lxml.html.fromstring(
        "<div><nav>Menu</nav><h2>Head</h2><p>One <b>bold</b> line<br>two</p><img alt='alt words'>"
        "<figure><figcaption>A caption. (Reuters)</figcaption></figure><script>x</script>tail</div>"
    )
    assert [(line.text, line.hint, line.block) for line in blocks(root)] == [
        ("Head", "heading", 0),
        ("One bold line", "", 1),
        ("two", "", 1),
        ("A caption. (Reuters)", "caption", 2),
        ("tail", "", 3),
    ]


def test_html_markdown_front_matter_and_markup(tmp_path):
    page = markdown_page(MARKDOWN)
    [post] = page.posts
    assert (post.title, post.date, post.authors) == ("Blinken urges China to act on fentanyl", "2023-07-07", ("Jane Roe",))
    assert [line.hint for line in post.lines] == ["heading", "", "", "heading", ""]
    assert "blinken.jpg" not in " ".join(line.text for line in post.lines)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <!-- saved --> <html lang='en'>", True),
        ("<p>para</p>", True),
        ("China <b>bans</b> fentanyl", False),
        ("Plain text.", False),
    ],
)
def test_html_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


@pytest.mark.parametrize("page", ["", "   ", "<<<>>>", "<html>", "</p></div>", "<a href='x'", "<html><body></body></html>", "<![CDATA[x]]>"])
def test_html_page_never_fails_on_garbage(page):
    assert html_page(page).format == "html"
    assert articles_from_text(page, format="html") is not None
