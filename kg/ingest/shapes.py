"""The shapes of lines on a news page: headline, sentence, caption, byline, date.

Pure predicates on one line of text, shared by the furniture rules and the article splitter.
They look at form — length, capitals, final punctuation, a photo credit in brackets, a date —
never at what a particular site or article says.

>>> is_headline("Biden to lift sanctions on China in exchange for a promise")
True
>>> is_headline("Blinken responded:")
False
>>> is_caption("Mr Blinken in Washington on April 5, 2021. (Alexander Drago/Pool/AFP via Getty Images)")
True
>>> is_byline("Kathleen Li and Angela Bright contributed to this report.")
True
>>> parse_date("Published on November 15, 2023")
'2023-11-15'
"""

from __future__ import annotations

import calendar
import re

__all__ = [
    "word_count",
    "ends_sentence",
    "is_sentence",
    "is_headline",
    "is_tag",
    "is_caption",
    "is_byline",
    "find_date",
    "parse_date",
    "is_date",
]

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*$")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
_DANGLING_WORDS = {"and", "or", "but", "the", "a", "an", "of"}
_HEADLINE_START = re.compile(r"^[\"'“‘«(\[]?(?:[A-Z0-9$€£¥\u00c0-\u024f\u0370-\u1fff\u3040-\u9fff]|[a-z]{1,2}[A-Z])")

#: Words a photo credit in brackets is made of: agencies, "via", "Getty Images", "Pool" …
_CREDIT_WORDS = re.compile(
    r"\b(?:getty|images?|photos?|photograph(?:er|s)?|pictures?|reuters|ap|afp|epa|upi|xinhua|"
    r"pool|courtesy|file|via|shutterstock|alamy|handout|credit|staff|screenshot|screengrab|"
    r"illustration|pixabay|unsplash|wikimedia|creative commons|press association|associated press)\b",
    re.IGNORECASE,
)
_BRACKET_END = re.compile(r"\(([^()]{2,100})\)$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,7}$")
_SLASH_CREDIT = re.compile(r"^[A-Z][^,;:]*(?:\s?/\s?[A-Z][^,;:/]*)+$")
_CAPTION_PREFIX = re.compile(
    r"^(?:photo|photograph|image|picture|caption|pictured|file photo|main image|top|above|"
    r"image source|image caption|media caption)\s*(?:credit)?\s*[:|—–]\s*\S",
    re.IGNORECASE,
)
_CAPTION_SUFFIX = re.compile(
    r"[.!?][\"'”’]?\s+(?:photo|photograph|image|picture|credit)s?(?:\s+credit)?\s*:\s*[^.!?]{2,80}$",
    re.IGNORECASE,
)

_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|al|bin|el|la|le|di|du))*"
_BY_PREFIX = r"(?i:by|written by|words by|story by|reporting by|additional reporting by|interview by|edited by|text by)"
_BYLINE = re.compile(
    rf"^{_BY_PREFIX}\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    r"(?:\s*[,|–—-]\s*(?:[A-Z][\w'’.&-]*(?:\s+|$))+)?\s*$"
)
_CONTRIBUTED = re.compile(
    r"\b(?:contributed|contributing|contributed reporting|contributed to)\b.{0,20}"
    r"\b(?:report|reporting|story|article|this)\b[.)]?\s*$",
    re.IGNORECASE,
)
_CREDITS_LINE = re.compile(r"^(?:additional )?(?:reporting|editing|writing)(?: and \w+)? by\b", re.IGNORECASE)

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(d.lower() for d in calendar.day_name) + r"|" + "|".join(
    d.lower() for d in calendar.day_abbr
) + r")\.?,?\s+)?"
_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"),
    re.compile(r"(?<!\d)(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.IGNORECASE),
    re.compile(r"\b" + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})", re.IGNORECASE),
)


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence: ``.``, ``!``, ``?`` or ``…``, maybe then quotes.

    >>> ends_sentence('He said: “Yes.”'), ends_sentence("Partnerships Are Essential")
    (True, False)
    """
    return _SENTENCE_END.search(text) is not None


def is_sentence(text: str, min_words: int = 6) -> bool:
    """A line that reads as running text: enough words and a sentence end (a body paragraph).

    >>> is_sentence("He said partnering with other countries is essential.")
    True
    >>> is_sentence("Source link")
    False
    """
    return word_count(text) >= min_words and (ends_sentence(text) or word_count(text) >= 40)


def is_headline(text: str, max_words: int = 30) -> bool:
    """A line shaped like a headline: short, capitalised start, not ended like a statement.

    Headlines end without a full stop or a dangling "and"/"the" (a question mark, an exclamation,
    an ellipsis or a closing quote are fine), hold at most ``max_words`` words, and start with a capital, a digit or a
    quote (or a currency sign, or a brand like "iTunes"). A trailing abbreviation ("… into the
    U.S.") is not a full stop.

    >>> is_headline("Secretary of State fails to condemn China: ‘It’s not about pointing fingers’")
    True
    >>> is_headline("Who do you think you are?")
    True
    >>> is_headline("The deal was signed on Monday.")
    False
    >>> is_headline("anthony blinken"), is_headline("iTunes now selling Band Aid song")
    (False, True)
    """
    words = word_count(text)
    if not 1 <= words <= max_words or len(text) > 250 or not _HEADLINE_START.match(text):
        return False
    if text.endswith((",", ";", ":", "-", "–", "—", "(")):
        return False
    if text.endswith(".") and not (_ELLIPSIS_END.search(text) or _ABBREVIATION_END.search(text)):
        return False
    if text.rsplit(None, 1)[-1].lower() in _DANGLING_WORDS:
        return False
    return not is_caption(text) and not is_byline(text)


def is_tag(text: str) -> bool:
    """A category label printed above a headline: one to three words, no sentence shape.

    >>> is_tag("China News"), is_tag("The Biden administration said")
    (True, False)
    """
    return 1 <= word_count(text) <= 3 and len(text) <= 30 and not ends_sentence(text) and not text.endswith((",", ":"))


def is_caption(text: str) -> bool:
    """A picture caption: ends in a photo credit in brackets, or is labelled as a picture.

    Credits look like ``(Name/Agency via Getty Images)``, ``(Reuters)``, ``(File photo)``, or
    an agency acronym after a full sentence (``… in a recent report. (DEA)``). Labels look like
    ``Photo: …`` at the start or ``… Photograph: Agency`` at the end.

    >>> is_caption("An agent checks cars in San Ysidro on Oct. 2, 2019. (Sandy Huffaker/AFP via Getty Images)")
    True
    >>> is_caption("The agency depicts the flow of opioids in a recent report. (DEA)")
    True
    >>> is_caption("Little Britain (BBC Three)")
    False
    >>> is_caption("Caroline Quentin (Life Begins/ Von Trapped, ITV1)")
    False
    """
    if word_count(text) > 80:
        return False
    if _CAPTION_PREFIX.match(text) or _CAPTION_SUFFIX.search(text):
        return True
    match = _BRACKET_END.search(text)
    if not match:
        return False
    credit = match.group(1).strip()
    before = text[: match.start()].rstrip()
    if _CREDIT_WORDS.search(credit) and word_count(credit) <= 10:
        return True
    if _SLASH_CREDIT.match(credit) and word_count(credit) <= 10:
        return True
    return bool(_ACRONYM.match(credit) and (ends_sentence(before) or not before))


def is_byline(text: str) -> bool:
    """A line naming who wrote or reported the article.

    ``By Jane Roe``, ``By Jane Roe and John Doe, Reuters``, ``Reporting by …; Editing by …``,
    ``X and Y contributed to this report.``

    >>> is_byline("By Jane Roe | The Epoch Times")
    True
    >>> is_byline("By 2010, the firm had doubled its sales.")
    False
    >>> is_byline("By December the talks had stalled")
    False
    """
    words = word_count(text)
    if words > 30:
        return False
    match = _BYLINE.match(text)
    if match and words <= 15:
        first_name = match.group("names").split()[0].strip(".,").lower()
        if first_name not in _MONTHS and not find_date(match.group("names")) and not _is_weekday(first_name):
            return True
    if _CONTRIBUTED.search(text) and words <= 25:
        return True
    return bool(_CREDITS_LINE.match(text))


def _is_weekday(word: str) -> bool:
    return word in {d.lower() for d in calendar.day_name} or word in {"today", "tomorrow", "yesterday", "then", "now"}


def find_date(text: str) -> re.Match | None:
    """The first calendar date written in ``text`` (with a year), as a regular-expression match."""
    found = [m for m in (p.search(text) for p in _DATE_PATTERNS) if m and _valid(m)]
    return min(found, key=lambda m: m.start()) if found else None


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` as an ISO 8601 string (``YYYY-MM-DD``), or ``None``.

    >>> parse_date("2023-11-15T08:30:00Z"), parse_date("7 July 2023"), parse_date("Sept. 3, 2024")
    ('2023-11-15', '2023-07-07', '2024-09-03')
    >>> parse_date("sometime in 2023") is None
    True
    """
    if not text:
        return None
    match = find_date(text)
    if not match:
        return None
    year, month, day = _fields(match)
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_date(text: str) -> bool:
    """Whether ``text`` is nothing but a date (a weekday and a time may come with it).

    >>> is_date("Tuesday, November 14, 2023"), is_date("2023-07-07"), is_date("On 7 July 2023 he left.")
    (True, True, False)
    """
    match = find_date(text)
    if not match:
        return False
    rest = (text[: match.start()] + " " + text[match.end() :]).strip(" ,.|–—-")
    return not rest or _TIME_ONLY.fullmatch(rest) is not None


_TIME_ONLY = re.compile(
    r"(?:at\s+)?\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|UTC[+-]?\d*)?", re.IGNORECASE
)


def _fields(match: re.Match) -> tuple[int, int, int]:
    month = match.group("month")
    month_number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
    return int(match.group("year")), month_number, int(match.group("day"))


def _valid(match: re.Match) -> bool:
    year, month, day = _fields(match)
    return 1800 <= year <= 2200 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
