"""Pages → articles: the seeds, several posts on one page, titles, captions, bylines, wrapping."""

from __future__ import annotations

import pytest
from ingest_samples import WORDPRESS, WORDPRESS_TITLE, gold

from kg.ingest import articles_from_text, read_paths
from kg.ingest.furniture import classify
from kg.ingest.page import Line, lines_from_text
from kg.ingest.split import split_post


def sections(article, kind=None):
    return [article.text[s.start : s.end] for s in article.sections if kind is None or s.kind == kind]


@pytest.fixture(scope="module")
def seed_articles():
    from ingest_samples import SEEDS

    return read_paths([SEEDS]).articles


def test_split_seeds_give_exactly_the_gold_articles(seed_articles):
    expected = [(row["file"], row["title"]) for row in gold()["articles"]]
    found = [(a.source.rsplit("/", 1)[-1], a.title) for a in seed_articles]
    assert found == expected


def test_split_seeds_number_articles_within_their_page(seed_articles):
    assert [a.index for a in seed_articles] == [0, 1, 0]


@pytest.mark.parametrize("phrase", gold()["not_entities"])
def test_split_seeds_keep_no_furniture_in_any_article(seed_articles, phrase):
    for article in seed_articles:
        assert phrase.casefold() not in article.text.casefold(), (article.title, phrase)


def test_split_seeds_mark_captions_and_bylines(seed_articles):
    by_title = {a.title: a for a in seed_articles}
    coalition = by_title["US State Department Says No Reply From Beijing About China Rejoining Global Efforts to Fight Drugs"]
    captions = sections(coalition, "caption")
    assert len(captions) == 3
    assert captions[0].endswith("(Alexander Drago/Pool/AFP via Getty Images)")
    assert captions[1].endswith("(DEA)")
    assert captions[2].endswith("(Sandy Huffaker/AFP via Getty Images)")
    assert sections(coalition, "byline") == ["Kathleen Li and Angela Bright contributed to this report."]
    assert not any("Getty Images" in p for p in sections(coalition, "body"))


def test_split_seeds_keep_subheadings_in_the_body(seed_articles):
    coalition = seed_articles[2]
    body = sections(coalition, "body")
    for subheading in ("US to Present Three-Step Plan", "Partnerships Are Essential"):
        assert subheading in body


def test_split_seeds_first_post_ends_before_the_second(seed_articles):
    first, second = seed_articles[0], seed_articles[1]
    assert sections(first)[-1].startswith("Blinken responded, “So, all I can tell you is this")
    assert sections(second)[1].startswith("Reportedly President Joe Biden is making deals")


def test_split_seeds_sections_reproduce_the_text(seed_articles):
    for article in seed_articles:
        assert "\n\n".join(sections(article)) == article.text


PAGE_OF_TWO = """Home

Politics

Minister resigns over drug policy row

Published on March 3, 2024

The health minister resigned on Sunday after a row over the government's drug policy, officials said.

Leave a Comment

Related Posts

World

Navy seizes cocaine off the coast

The navy seized four tonnes of cocaine from a vessel off the Pacific coast on Monday, the ministry said.

A second vessel escaped, it added.

Share

You may also like
"""


def test_split_separates_posts_after_end_of_post_furniture():
    first, second = articles_from_text(PAGE_OF_TWO)
    assert (first.title, first.date, first.index) == ("Minister resigns over drug policy row", "2024-03-03", 0)
    assert sections(first)[1:] == ["The health minister resigned on Sunday after a row over the government's drug policy, officials said."]
    assert (second.title, second.index) == ("Navy seizes cocaine off the coast", 1)
    assert sections(second)[1:] == [
        "The navy seized four tonnes of cocaine from a vessel off the Pacific coast on Monday, the ministry said.",
        "A second vessel escaped, it added.",
    ]


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            "Talks resume\n\nThe talks resumed on Monday, officials said.\n\nAdvertisement\n\nWhat Comes Next\n\n"
            "Both sides will meet again in May, the ministry said.",
            id="subheading-after-an-advert",
        ),
        pytest.param(
            "Talks resume\n\nThe talks resumed on Monday, officials said.\n\nLeave a Reply\n\nTrending",
            id="widgets-with-nothing-after",
        ),
        pytest.param(
            "Talks resume\n\nThe talks resumed on Monday, officials said.\n\nRelated\n\nTalks stall\n\nTalks collapse",
            id="related-headlines-without-text",
        ),
    ],
)
def test_split_does_not_start_a_post_without_a_headline_and_text(page):
    assert len(articles_from_text(page)) == 1


@pytest.mark.parametrize(
    "page, title, first",
    [
        pytest.param("China\n\nChina bans fentanyl\n\nBeijing acted on Monday, officials said.", "China bans fentanyl", "Beijing acted on Monday, officials said.", id="category-tag"),
        pytest.param("China bans fentanyl\nBeijing acted on Monday, officials said.", "China bans fentanyl", "Beijing acted on Monday, officials said.", id="no-blank-line"),
        pytest.param("July 7, 2023\n\nChina bans fentanyl\n\nBeijing acted on Monday, officials said.", "China bans fentanyl", "Beijing acted on Monday, officials said.", id="date-above-headline"),
        pytest.param("Beijing acted on Monday, officials said.\n\nIt was the first such step.", "", "Beijing acted on Monday, officials said.", id="untitled"),
        pytest.param("China bans fentanyl", "China bans fentanyl", None, id="headline-only"),
    ],
)
def test_split_finds_the_headline(page, title, first):
    [article] = articles_from_text(page)
    assert article.title == title
    body = sections(article, "body")
    assert (body[0] if body else None) == first


def test_split_joins_hard_wrapped_paragraphs():
    page = (
        "Navy seizes cocaine off the coast\n\n"
        "The navy seized four tonnes of cocaine from a vessel off the Pacific\n"
        "coast on Monday, the ministry said, in the largest seizure this year\n"
        "by the country's armed forces.\n\n"
        "- first item of a list\n- second item of a list\n"
    )
    [article] = articles_from_text(page)
    assert sections(article, "body") == [
        "The navy seized four tonnes of cocaine from a vessel off the Pacific coast on Monday, the ministry said, "
        "in the largest seizure this year by the country's armed forces.",
        "- first item of a list",
        "- second item of a list",
    ]


def test_split_uses_the_title_and_authors_the_markup_gave():
    verdicts = classify(lines_from_text("World\n\nTalks resume\n\nThe talks resumed on Monday, officials said."))
    [draft] = split_post(verdicts, title="Talks resume", date="2024-01-02", authors=["Jane Roe", "John Doe"])
    assert draft.title == "Talks resume"
    assert draft.date == "2024-01-02"
    assert draft.parts == (("byline", "Jane Roe"), ("byline", "John Doe"), ("body", "The talks resumed on Monday, officials said."))


def test_split_printed_date_wins_over_markup_date():
    verdicts = classify(lines_from_text("Talks resume\n\nUpdated: 2024-02-03\n\nThe talks resumed on Monday, officials said."))
    [draft] = split_post(verdicts, date="2024-01-02")
    assert draft.date == "2024-02-03"


def test_split_wordpress_page_gives_the_article_without_comments_or_furniture():
    [article] = articles_from_text(WORDPRESS)
    assert (article.title, article.date) == (WORDPRESS_TITLE, "2024-03-03")
    assert sections(article, "byline") == ["By Maria Lopez", "Reporting by Maria Lopez; Editing by Tom Hogue"]
    assert sections(article, "caption") == ["Photo: A DEA agent holds seized fentanyl pills in Phoenix. (John Moore/Getty Images)"]
    assert len(sections(article, "body")) == 3
    for furniture in ("Skip to content", "Home", "Twitter", "Like", "Related", "Posted in", "thoughts on", "John Smith",
                      "Terrible news", "Reply", "email", "Website", "Previous Post", "Subscribe", "WordPress"):
        assert furniture not in article.text, furniture


def test_split_keeps_a_second_post_after_a_comment_form():
    page = (
        "Talks resume\n\nThe talks resumed on Monday, officials said.\n\nLeave a Reply\n\n"
        "Jane says:\n\nGreat article, thanks for writing it.\n\nReply\n\n"
        "Navy seizes cocaine\n\nThe navy seized four tonnes of cocaine on Tuesday, the ministry said."
    )
    first, second = articles_from_text(page)
    assert sections(first)[1:] == ["The talks resumed on Monday, officials said."]
    assert (second.title, sections(second)[1:]) == ("Navy seizes cocaine", ["The navy seized four tonnes of cocaine on Tuesday, the ministry said."])


@pytest.mark.parametrize(
    "markup_title, expected_title, body",
    [
        pytest.param("Talks resume", "Talks resume", ["The talks resumed on Monday, officials said."], id="same"),
        pytest.param("Talks resume in Geneva | Example News", "Talks resume in Geneva", ["The talks resumed on Monday, officials said."], id="variant"),
        pytest.param("Example News", "Talks resume in Geneva", ["The talks resumed on Monday, officials said."], id="site-name"),
    ],
)
def test_split_prefers_the_printed_headline_to_the_markup_title(markup_title, expected_title, body):
    lines = [Line("World"), Line("Talks resume in Geneva" if markup_title != "Talks resume" else "Talks resume", "heading", 1),
             Line("The talks resumed on Monday, officials said.", "", 2)]
    [draft] = split_post(classify(lines), title=markup_title)
    assert draft.title == expected_title
    assert [text for _, text in draft.parts] == body


def test_split_keeps_the_markup_title_when_the_post_opens_with_text():
    lines = [Line("The talks resumed on Monday, officials said.")]
    [draft] = split_post(classify(lines), title="Talks resume")
    assert (draft.title, draft.parts) == ("Talks resume", (("body", "The talks resumed on Monday, officials said."),))
