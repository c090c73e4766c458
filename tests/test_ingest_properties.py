"""Properties: whatever the input, ingest never crashes and every section lies within the text."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import articles_from_text, read_page
from kg.model import SECTION_KINDS

#: Lines shaped like news pages: headlines, sentences, furniture, captions, dates, markup.
LINE_PIECES = st.sampled_from(
    [
        "China", "Leave a Reply", "You may like", "Published", "on", "Source link", "Trending",
        "Biden to lift sanctions on China", "The navy said it seized two tonnes of chemicals.",
        "Officials at the port on Monday. (Jane Roe/AFP via Getty Images)", "anthony blinken",
        "By Jane Roe", "July 7, 2023", "T-Shirt $11.29 USD Get it here>>", "https://example.org/x",
        "<p>", "</article>", "# Heading", "---", "title: x", "&amp;", "  ", "", "\t", "e\u0301",
    ]
)
PAGES = st.one_of(
    st.text(),
    st.lists(st.one_of(LINE_PIECES, st.text(max_size=40)), max_size=30).map("\n".join),
)


def check(articles):
    for article in articles:
        assert article.text and unicodedata.is_normalized("NFC", article.text)
        assert len(article.id) == 16
        end = 0
        for section in article.sections:
            assert section.kind in SECTION_KINDS
            assert end <= section.start < section.end <= len(article.text)
            assert article.text[section.start : section.end].strip()
            end = section.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=PAGES)
def test_ingest_property_any_text_gives_well_formed_articles(page):
    check(articles_from_text(page))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=PAGES, format=st.sampled_from(["markdown", "html"]))
def test_ingest_property_any_markup_gives_well_formed_articles(page, format):
    check(articles_from_text(page, format=format))


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400), suffix=st.sampled_from(["", ".txt", ".md", ".html"]))
def test_ingest_property_any_bytes_read_or_refused_cleanly(data, suffix):
    try:
        page = read_page(data, suffix=suffix)
    except InputError as error:
        assert error.message and "\n" not in error.message
    else:
        assert all(line.text for line in page.lines)
