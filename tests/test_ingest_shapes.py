"""Line shapes: headline, category tag, caption, byline, date."""

from __future__ import annotations

import pytest

from kg.ingest import shapes


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Biden to lift sanctions on China in exchange for third promise to combat fentanyl", True),
        ("Secretary of State Antony Blinken fails to condemn China in fentanyl crisis: ‘It’s not about pointing fingers’", True),
        ("US State Department Says No Reply From Beijing About China Rejoining Global Efforts to Fight Drugs", True),
        ("Could Yukos be a blessing in disguise?", True),
        ("Rivals of the £400 Apple...", True),
        ("$1m payoff for former Shell boss", True),
        ("iTunes now selling Band Aid song", True),
        ("Fentanyl deaths climb across the U.S.", True),
        ("The navy said it seized two tonnes of chemicals.", False),
        ("Blinken responded:", False),
        ("anthony blinken", False),
        ("He said the talks would go on, and", False),
        (" ".join(["word"] * 31).capitalize(), False),
        ("Kathleen Li and Angela Bright contributed to this report.", False),
    ],
)
def test_shapes_is_headline(line, expected):
    assert shapes.is_headline(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [("China", True), ("China News", True), ("Crime & Justice", True), ("The Biden administration said", False), ("Note:", False)],
)
def test_shapes_is_tag(line, expected):
    assert shapes.is_tag(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("U.S. Secretary of State Antony Blinken at the State Department on April 5, 2021. (Alexander Drago/Pool/AFP via Getty Images)", True),
        ("The Drug Enforcement Administration depicts the flow of illicit opioids from China. (DEA)", True),
        ("Police at the scene on Monday (Reuters)", True),
        ("Officials inspect containers at the port. Photo: Hector Guerrero/AFP", True),
        ("Photo: Containers stacked at the port of Manzanillo", True),
        ("(Sandy Huffaker/AFP via Getty Images)", True),
        ("Little Britain (BBC Three)", False),
        ("Caroline Quentin (Life Begins/ Von Trapped, ITV1)", False),
        ("The Securities and Exchange Commission (SEC)", False),
        ("The deal was approved by the Securities and Exchange Commission (SEC).", False),
    ],
)
def test_shapes_is_caption(line, expected):
    assert shapes.is_caption(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Kathleen Li and Angela Bright contributed to this report.", True),
        ("By Jane Roe", True),
        ("By Jane Roe and John Doe, Reuters", True),
        ("By JANE ROE | The Epoch Times", True),
        ("Reporting by Jane Roe; Editing by John Doe", True),
        ("The Associated Press contributed reporting.", True),
        ("By 2010, the firm had doubled its sales.", False),
        ("By December the talks had stalled", False),
        ("By Monday", False),
        ("By contrast, the ministry said nothing.", False),
        ("He contributed to the report's findings, which were published on Monday and widely read by officials across the government and the opposition parties in the capital.", False),
    ],
)
def test_shapes_is_byline(line, expected):
    assert shapes.is_byline(line) is expected


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2023-11-15T08:30:00Z", "2023-11-15"),
        ("Published on November 15, 2023", "2023-11-15"),
        ("Nov. 15, 2023", "2023-11-15"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("7 July 2023", "2023-07-07"),
        ("Tuesday, 14th of November 2023", "2023-11-14"),
        ("2023/07/07", "2023-07-07"),
        ("February 30, 2023", None),
        ("in 2023", None),
        ("15/11/2023", None),
        ("Summary 5, 2023", None),
        (None, None),
    ],
)
def test_shapes_parse_date(text, iso):
    assert shapes.parse_date(text) == iso


@pytest.mark.parametrize(
    "text, expected",
    [("Tuesday, November 14, 2023", True), ("July 7, 2023 at 10:30 am ET", True), ("On 7 July 2023 he left.", False), ("2000 GMT", False)],
)
def test_shapes_is_date(text, expected):
    assert shapes.is_date(text) is expected
