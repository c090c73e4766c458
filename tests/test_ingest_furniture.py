"""Furniture rules: each rule on lines shaped like the web furniture it targets, and news kept."""

from __future__ import annotations

import pytest

from kg.ingest.furniture import classify, clean, fold, repeated_lines, vocabulary
from kg.ingest.page import Line, lines_from_text


def verdict_of(text: str):
    [verdict] = classify([Line(text)])
    return verdict


@pytest.mark.parametrize(
    "line, rule",
    [
        # widget labels from the generic vocabulary
        ("Leave a Reply", "widget"),
        ("You might also like", "widget"),
        ("RELATED STORIES", "widget"),
        ("Trending Now »", "widget"),
        ("Source link", "widget"),
        ("Advertisement", "widget"),
        ("Tags: China, fentanyl, sanctions", "widget-label"),
        ("Read more: Biden lifts sanctions on Chinese ministry", "widget-label"),
        # notices about the site itself
        ("Your email address will not be published. Required fields are marked *", "notice"),
        ("This site uses Akismet to reduce spam. Learn how your comment data is processed.", "notice"),
        ("We use cookies to improve your experience on our website.", "notice"),
        ("© 2024 Example Media Group. All rights reserved.", "notice"),
        ("You must be logged in to post a comment.", "notice"),
        # adverts: a price and a call to action
        ("Distressed Patriotic Flag Unisex T-Shirt - Celebrate Comfort and Country $11.29 USD Get it here>>", "advert"),
        ("Limited edition mug, now only €9.99 — Shop now", "advert"),
        ("Premium Coffee Beans 1kg £14.50 Buy now »", "advert"),
        ("Get yours today >>", "advert"),
        # links, share bars
        ("https://example.org/2023/11/15/china-fentanyl-story", "link"),
        ("See https://www.example.org/news/12345 for details", "link"),
        ("Facebook Twitter WhatsApp Email", "share-bar"),
        ("Share | Tweet | Pin", "share-bar"),
        # dateline widgets
        ("Published", "dateline"),
        ("Published on November 15, 2023", "dateline"),
        ("Last updated: 2023-11-15 10:30 ET", "dateline"),
        ("date: 2023-07-07", "dateline"),
        # image file names
        ("Fentanyl 1031234188 scaled", "image-name"),
        ("port-of-manzanillo.jpg", "image-name"),
        ("IMG_2041", "image-name"),
        ("GettyImages-1245678901", "image-name"),
        # imperatives aimed at the reader
        ("Connect with us", "widget"),
        ("Click to comment", "widget"),
        ("Follow us on Telegram", "ui-imperative"),
        ("Sign up for our daily briefing newsletter", "ui-imperative"),
        ("Click here", "ui-imperative"),
        ("Watch the video", "ui-imperative"),
        # navigation, comment threads and forms
        ("Home » World » Asia", "breadcrumb"),
        ("News | Politics | Business", "breadcrumb"),
        ("Posted in World | Tagged China, DEA, fentanyl | 3 Comments", "widget-label"),
        ("3 thoughts on “Cartel chemists trained in China, DEA says”", "comment-thread"),
        ("12 Comments", "comment-thread"),
        ("Comments (4)", "comment-thread"),
        ("Name *", "form-field"),
        # symbols only
        ("* * *", "separator"),
    ],
)
def test_furniture_removes_each_kind_of_furniture_by_its_rule(line, rule):
    assert verdict_of(line).rule == rule


@pytest.mark.parametrize(
    "line",
    [
        "China",
        "Partnerships Are Essential",
        "US to Present Three-Step Plan",
        "Follow the money",
        "Join the club",
        "Listen to the minister",
        "Blinken responded:",
        "Published reports say the deal is close.",
        "On Monday the navy said it seized two tonnes of chemicals.",
        "Quarterly profits jumped 76% to $1.13bn (£600m) for the three months to December.",
        "The firm said shares would cost $11.29 each when trading opens.",
        "He urged people to share information with the police.",
        "Read the full statement, he told reporters on Tuesday.",
        "The company said it would comment on the results later.",
        "“Yes. We need to see much greater cooperation when it comes to fentanyl.”",
        "Kathleen Li and Angela Bright contributed to this report.",
        "- Reduced corporate tax rates to 30%",
        "2000 GMT",
        "Tech | How AI is changing the newsroom",
        "Related stories have appeared in several newspapers this week.",
        "Three comments by the minister caused an uproar in parliament.",
        "Facebook",
        "Saturday, 26 February",
        "Tuesday, November 14, 2023",
        "The email address of the ministry was published on its website, officials said.",
        "Users of the site said spam had become a serious problem for the service.",
    ],
)
def test_furniture_keeps_news_lines(line):
    assert verdict_of(line).kept


def test_furniture_end_of_post_widgets_are_marked():
    verdicts = classify(lines_from_text("Leave a Reply\n\nShare\n\nSource link\n\nAdvertisement"))
    assert [(v.line.text, v.ends_post) for v in verdicts] == [
        ("Leave a Reply", True),
        ("Share", False),
        ("Source link", True),
        ("Advertisement", False),
    ]


@pytest.mark.parametrize(
    "page, removed",
    [
        pytest.param("Published\n\non\n\nThe navy said it seized chemicals.", ["Published", "on"], id="dangling-on"),
        pytest.param("Posted\n\nby\n\nThe navy said it seized chemicals.", ["Posted", "by"], id="dangling-by"),
        pytest.param("on\n\nThe navy said it seized chemicals.", [], id="lone-on-without-dateline"),
    ],
)
def test_furniture_removes_what_a_dateline_widget_leaves_dangling(page, removed):
    assert [line.text for line, _ in clean(lines_from_text(page))[1]] == removed


@pytest.mark.parametrize(
    "page, removed",
    [
        pytest.param(
            "anthony blinken\nMr Blinken at the State Department on April 5, 2021. (Alexander Drago/Pool/AFP via Getty Images)",
            ["anthony blinken"],
            id="lowercase-alt-text-above-caption",
        ),
        pytest.param(
            "Epoch Times Photo\nAn agent checks cars in San Ysidro on Oct. 2, 2019. (Sandy Huffaker/AFP via Getty Images)",
            ["Epoch Times Photo"],
            id="label-in-the-caption-block",
        ),
        pytest.param(
            "Partnerships Are Essential\n\nHe said partnering with other countries is essential.",
            [],
            id="subheading-above-body-kept",
        ),
        pytest.param(
            "Partnerships Are Essential\n\nThe ministers at the summit in Astana on Monday. (Reuters)",
            [],
            id="subheading-above-caption-in-another-block-kept",
        ),
    ],
)
def test_furniture_removes_alt_text_only_above_a_caption(page, removed):
    assert [line.text for line, _ in clean(lines_from_text(page))[1]] == removed


@pytest.mark.parametrize(
    "page, removed",
    [
        pytest.param("Share this:\nTwitter\nFacebook\nThe navy said it seized chemicals.", ["Share this:", "Twitter", "Facebook"], id="after-a-share-label"),
        pytest.param("The navy said it seized chemicals.\n\nFacebook\n\nThe company said it would appeal.", [], id="alone-between-paragraphs"),
    ],
)
def test_furniture_removes_share_buttons_next_to_share_furniture(page, removed):
    assert [line.text for line, _ in clean(lines_from_text(page))[1]] == removed


def test_furniture_marks_the_head_of_a_comment_thread():
    verdicts = classify(lines_from_text("Leave a Reply\n\n5 Comments\n\nRelated"))
    assert [(v.rule, v.opens_comments) for v in verdicts] == [("widget", True), ("comment-thread", True), ("widget", False)]


def test_furniture_removes_short_lines_repeated_across_pages():
    pages = [
        lines_from_text(f"The Daily Example\n\nStory {n} headline\n\nThe ministry said on Monday that talks would resume soon, officials said.")
        for n in range(3)
    ]
    repeated = repeated_lines(pages)
    assert repeated == {"the daily example"}
    assert [v.rule for v in classify(pages[0], repeated=repeated)] == ["repeated", None, None]


@pytest.mark.parametrize("copies, expected", [(2, set()), (3, {"the daily example"})])
def test_furniture_repetition_needs_three_distinct_pages(copies, expected):
    distinct = [lines_from_text(f"The Daily Example\n\nStory {n}") for n in range(copies)]
    same = [lines_from_text("The Daily Example\n\nStory 0")] * 5
    assert repeated_lines(distinct + same) == expected


def test_furniture_repetition_never_removes_sentences():
    sentence = "The ministry said talks would resume."
    pages = [[Line(sentence), Line(f"Story {n}")] for n in range(5)]
    assert sentence.casefold() not in repeated_lines(pages)


@pytest.mark.parametrize("text, folded", [("  » Continue Reading >> ", "continue reading"), ("YOU’LL LIKE:", "you'll like")])
def test_furniture_fold(text, folded):
    assert fold(text) == folded


def test_furniture_vocabulary_is_read_from_the_ontology_folder():
    vocab = vocabulary()
    assert vocab.widgets["leave a reply"] is True
    assert "get it here" in vocab.calls_to_action
