"""Rules that find names no lexicon knows, from the shape of news prose.

Each rule proposes :class:`~kg.extract.entities.base.Candidate` spans with the cue that justified
them; a type is never guessed without a cue:

* people — after a title or role ("Secretary of State Antony Blinken", "spokesman Wang Wenbin"),
  after an honorific ("Mr. Blinken"), before a comma and a role or an age ("Todd D. Robinson,
  Assistant Secretary …", "Jane Doe, 52,"), next to a verb of saying ("… ,” Murat Nurtleu said"),
  a known given name before a surname ("Kathleen Li"), photo credits and bylines;
* agencies and organisations — a capitalised name ending in a head word ("Commerce Department",
  "Daily Caller News Foundation") or starting with one followed by of/for/on/to ("Ministry of
  Public Security", "Global Coalition to Address Synthetic Drug Threats"); a lower-case head after
  a name ("the Sinaloa cartel", "the Biden administration"); an acronym defined in parentheses;
* places — a name between a locative preposition and a known region ("in San Ysidro, Calif."),
  or with a place head word ("Guangdong Province", "Port of Manzanillo");
* substances — words with the endings of fentanyl analogues and nitazenes.

Headline-style lines (Most Words Capitalised) give no cue from capitals, so only the lexicons and
names already found elsewhere in the article are used there.
"""

from __future__ import annotations

import re
from typing import Iterable

from functools import cache

from spacy.matcher import PhraseMatcher
from kg.extract.text import Span, Token, Tokens as Doc

from kg.extract.entities.base import Candidate, Words, words
from kg.extract.text import Analysis, nlp

__all__ = ["find_candidates", "headline_tokens", "is_headline_style"]

_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "our", "another", "one"}
_MAX_NAME = 4


@cache
def _phrase_matcher(list_name: str) -> PhraseMatcher:
    cue_list = words().cue(list_name)
    matcher = PhraseMatcher(nlp().vocab, attr="ORTH" if cue_list.case_sensitive else "LOWER")
    make_doc = nlp().make_doc
    matcher.add(list_name, [make_doc(w) for w in cue_list.words])
    return matcher


def headline_tokens(analysis: Analysis) -> set[int]:
    """The tokens of the title and of headline-style lines, where capitals are style."""
    found: set[int] = set()
    for section in analysis.article.sections:
        span = analysis.doc.char_span(section.start, section.end, alignment_mode="expand")
        if span is not None and (section.kind == "title" or is_headline_style(span)):
            found.update(range(span.start, span.end))
    return found


def is_headline_style(span: Span) -> bool:
    """True for a short line without final punctuation whose words are mostly capitalised
    ("US State Department Says No Reply From Beijing"): capitals there are style, not names."""
    text = span.text.rstrip()
    if not text or text[-1] in '.!?")\'' or len(span) > 30:
        return False
    content = [t for t in span if t.is_alpha and len(t.text) > 3]
    if len(content) < 3:
        return False
    tokens = list(span)
    if any(a.text == "," and b.like_num and c.text == "," for a, b, c in zip(tokens, tokens[1:], tokens[2:])):
        return False  # "Nadia Haddad, 31, of Laval, Quebec": a person and an age, as charge lists write them
    capitalised = sum(1 for t in content if t.text[0].isupper())
    return capitalised / len(content) >= 0.7


class _Rules:
    def __init__(self, analysis: Analysis, words: Words, lexical: list[Candidate], places: Iterable[Candidate] = ()):
        self.analysis = analysis
        self.place_words = {i for c in places for i in range(c.start, c.end)}
        self.doc: Doc = analysis.doc
        self.w = words
        self.lexical_at: dict[int, list[Candidate]] = {}
        for c in lexical:
            for i in range(c.start, c.end):
                self.lexical_at.setdefault(i, []).append(c)
        # Each token's sentence, as its first and its end token (outside sentences: the whole doc).
        n = len(self.doc)
        self._sentence_starts, self._sentence_ends = [0] * n, [n] * n
        for sent in analysis.sentences:
            self._sentence_starts[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
            self._sentence_ends[sent.start : sent.end] = [sent.end] * (sent.end - sent.start)
        self.headline = headline_tokens(analysis)
        self.found: list[Candidate] = []
        self.capitalised = words.capitalised(self.doc.texts)
        # an initial ("D.") is a capitalised word too
        self.name_token = [cap and words.is_name_token(t) for cap, t in zip(self.capitalised, self.doc.tokens)]
        self._capital_names()
        self.name_starts = list(self._find_name_starts())

    # ------------------------------------------------------------------ token helpers

    def lexical(self, i: int, *types: str) -> Candidate | None:
        """A lexicon (or demonym) candidate covering token ``i``, optionally of given types."""
        for c in self.lexical_at.get(i, ()):
            if not types or c.type in types:
                return c
        return None

    def sentence_start(self, i: int) -> int:
        return self._sentence_starts[i] if 0 <= i < len(self._sentence_starts) else 0

    def sentence_end(self, i: int) -> int:
        return self._sentence_ends[i] if 0 <= i < len(self._sentence_ends) else len(self.doc)

    def opens_sentence(self, i: int) -> bool:
        """Token ``i`` is the first word of its sentence (after any opening quote or bracket)."""
        j = self.sentence_start(i)
        while j < i and not self.doc[j].is_alpha:
            j += 1
        return j == i

    def in_headline(self, i: int) -> bool:
        return i in self.headline

    def person_run(self, i: int, limit: int = _MAX_NAME) -> int:
        """The end of the personal name that starts at token ``i`` (``i`` when there is none).

        A name is capitalised words and initials, with lower-case particles between them ("Juan
        Ramón de la Fuente"), hyphens ("Carl-Henric"), a quoted nickname ('Enrique "Kiki"
        Camarena'); it never starts with a title ("General" in "Attorney General Merrick
        Garland" is not the name's), and a known place may be a surname after a given name
        ("Lisa Monaco").
        """
        doc, w = self.doc, self.w
        stop = min(self.sentence_end(i), len(doc))
        if i >= stop or (doc[i].text in w.cue("person-title") and not w.is_plain_given_name(doc[i].text)):
            return i
        end, j, words_ = i, i, 0
        while j < stop and words_ < limit + 1:
            token = doc[j]
            lexical = self.lexical(j, "Country", "Agency", "Organization", "Place", "Substance")
            if lexical is not None:
                surname_place = (
                    words_ == 1 and lexical.type in {"Place", "Country"} and lexical.cue == "lexicon"
                    and lexical.end == j + 1 and w.is_plain_given_name(doc[i].text)
                    and not (j + 1 < stop and self.name_token[j + 1])
                )
                if surname_place:
                    end = j + 1
                break
            if token.text in w.cue("person-title") and j > i and not w.is_plain_given_name(token.text):
                break
            if self.name_token[j] and not self._head_word(token):
                j += 1
                words_ += 1
                end = j
                continue
            if j > i and not doc[j - 1].whitespace_ and not token.whitespace_ and token.text == "-" \
                    and j + 1 < stop and self.name_token[j + 1]:
                j += 1  # "Carl-Henric Svanberg"
                continue
            if j > i and token.text == '"' and j + 3 < stop and self.name_token[j + 1]:
                close = next((k for k in range(j + 2, min(j + 5, stop)) if doc[k].text == '"'), None)
                if close is not None and close + 1 < stop and self.name_token[close + 1]:
                    j = close + 1  # 'Joaquín "El Chapo" Guzmán'
                    continue
            if j > i and token.text in w.cue("name-particle"):
                k = j
                while k < stop and doc[k].text in w.cue("name-particle"):
                    k += 1
                if k + 1 < stop and k == j + 1 and doc[k].text == "-" and not token.whitespace_ \
                        and not doc[k].whitespace_:
                    k += 1  # "al-Sharaa", "el-Sisi"
                if k < stop and self.name_token[k] and k - j <= 2:
                    j = k  # "de la Fuente", "von der Leyen"
                    continue
            if j > i + 1 and token.text in w.cue("name-suffix"):
                end = j + 1  # "Benjamin Abalos Jr.", "Frank A. Tarentino III"
            break
        if words_ > limit:
            return i
        return end

    def _head_word(self, token: Token) -> bool:
        text = token.text
        return token.is_title and (
            text in self.w.cue("agency-head") or text in self.w.cue("organization-head")
            or text in self.w.cue("place-head") or text in self.w.cue("ambiguous-head")
        )

    def person_name_ok(self, start: int, end: int, strong: bool) -> bool:
        """Whether tokens ``start:end`` look like a personal name.

        ``strong`` when a title or honorific vouches for it: then a single capitalised word will do.
        """
        doc, w = self.doc, self.w
        tokens = [doc[k] for k in range(start, end)]
        core = [t for t in tokens if not w.is_initial(t) and t.text not in w.cue("name-particle")
                and t.text not in w.cue("name-suffix")]
        if not core or w.is_initial(tokens[-1]):
            return False
        if any(self._head_word(t) for t in core):
            return False
        if tokens[0].text in w.cue("not-a-name"):
            return False
        if len(core) == 1:
            return strong or not w.is_common(core[0].text)
        return any(w.is_given_name(t.text) or not w.is_common(t.text) for t in core)

    def add(self, start: int, end: int, type_: str, cue: str, **extra) -> None:
        if end > start:
            self.found.append(Candidate(start, end, type_, cue, **extra))

    # ------------------------------------------------------------------ people

    def titles(self) -> None:
        """'President Joe Biden', 'Secretary of State Antony Blinken', 'spokesman Wang Wenbin'."""
        w = self.w
        for _, start, end in _phrase_matcher("person-title")(self.doc.spacy):
            if self.in_headline(start):
                continue
            title = self.doc[start:end].text
            name_end = self.person_run(end)
            if (name_end == end and end + 1 < len(self.doc) and self.doc[end].text in w.cue("not-a-name")
                    and self.doc[end].is_title and self.name_token[end + 1]):
                # "Vice Premier He Lifeng": after a title, "He" is a family name
                follow = self.person_run(end + 1, limit=2)
                if follow > end + 1 and not w.is_common(self.doc[end + 1].text):
                    self.add(end, follow, "Person", "title")
                continue
            if name_end == end:
                self._role_of(start, end)
                continue
            strong = title not in w.cue("weak-title") and title[0].isupper()
            if self.person_name_ok(end, name_end, strong):
                self.add(end, name_end, "Person", "title")

    def _role_of(self, start: int, end: int) -> None:
        """'Minister of Public Security Wang Xiaohong': after 'of'/'for' and the office's words,
        the name starts at the first given name or uncommon word."""
        doc, w = self.doc, self.w
        if end >= len(doc) or doc[end].lower_ not in {"of", "for"}:
            return
        j, stop = end + 1, self.sentence_end(end)
        while j < stop and (doc[j].is_title or doc[j].lower_ in {"the", "and", "of"}):
            j += 1
        while j > end + 1 and doc[j - 1].lower_ in {"the", "and", "of"}:
            j -= 1
        words_ = list(range(end + 1, j))
        for k in words_:
            token = doc[k]
            if token.lower_ in {"the", "and", "of"} or self.lexical(k):
                continue
            if w.is_given_name(token.text) or not w.is_common(token.text):
                if k > end + 1 and self.person_name_ok(k, j, strong=False) and j - k >= 2:
                    self.add(k, min(j, k + _MAX_NAME), "Person", "title")
                return

    def honorifics(self) -> None:
        """'Mr. Blinken', 'Dr. Nora Volkow', 'Sen. Ted Cruz'."""
        for _, start, end in _phrase_matcher("honorific")(self.doc.spacy):
            name_end = self.person_run(end)
            if name_end > end and self.person_name_ok(end, name_end, strong=True):
                self.add(end, name_end, "Person", "honorific")

    def _capital_names(self) -> None:
        """Names written in capitals, as press releases write defendants ("QINGZHOU WANG and YIYI
        CHEN"): runs of two or three capitalised words, none of them known, each a given name or
        no common word."""
        doc, w = self.doc, self.w
        upper = [t.is_upper and t.is_alpha and len(t.text) >= 2 for t in doc.tokens]
        i = 0
        while i < len(doc):
            j = i
            while j < len(doc) and upper[j]:
                j += 1
            if 2 <= j - i <= 3 and not self.in_headline(i) and not any(self.lexical(k) for k in range(i, j)):
                words_ = [doc[k].text.title() for k in range(i, j)]
                if all(w.is_plain_given_name(x) or not w.is_common(x) for x in words_) \
                        and all(any(v in x.lower() for v in "aeiouy") for x in words_):
                    for k in range(i, j):
                        self.name_token[k] = True
            i = max(j, i + 1)

    def _find_name_starts(self):
        """Token indices where a run of name-like words begins (outside headline-style lines)."""
        name_token, headline = self.name_token, self.headline
        for i in range(len(name_token)):
            if not name_token[i] or i in headline:
                continue
            if i > 0 and name_token[i - 1] and self.sentence_start(i) != i:
                continue
            yield i

    def appositions(self) -> None:
        """'Todd D. Robinson, Assistant Secretary for …', 'Jane Doe, a spokeswoman for …', 'Jane Doe, 52,'."""
        doc, w = self.doc, self.w
        role_heads = w.cue("person-role-head")
        for i in self.name_starts:
            end = self.person_run(i)
            if end == i or end >= len(doc) or doc[end].text != ",":
                continue
            if self.opens_sentence(i) and w.is_common(doc[i].text) and not w.is_given_name(doc[i].text):
                continue
            k = end + 1
            if k < len(doc) and doc[k].like_num and k + 1 < len(doc) and doc[k + 1].text == ",":
                if self.person_name_ok(i, end, strong=False):
                    self.add(i, end, "Person", "apposition")
                continue
            if k < len(doc) and doc[k].lower_ in {"whose", "which", "where"}:
                continue  # "the clan of Rosarno, whose alleged head, …": the role is someone else's
            if k < len(doc) and doc[k].lower_ in _DETERMINERS:
                k += 1
            for j in range(k, min(k + 6, self.sentence_end(k))):
                if doc[j].text in {",", ".", ";", ":"}:
                    break
                if doc[j].text in role_heads:
                    if self.person_name_ok(i, end, strong=False) and (end - i >= 2 or not w.is_common(doc[i].text)):
                        self.add(i, end, "Person", "apposition")
                    break

    def role_then_name(self) -> None:
        """'its director, Liang Haifeng, who …', 'its general manager, ZHENG FANGLIN': a role, a
        comma, then a name closed by a comma, a full stop, "and" or "who"."""
        doc, w = self.doc, self.w
        heads = w.cue("person-role-head")
        for i in range(len(doc) - 3):
            if doc[i].text not in heads or doc[i + 1].text != "," or self.in_headline(i):
                continue
            start = i + 2
            end = self.person_run(start)
            if end - start < 2 or end >= len(doc) or doc[end].lower_ not in {",", ".", "and", "who", ";", "("}:
                continue
            if self.person_name_ok(start, end, strong=False):
                self.add(start, end, "Person", "apposition")

    def speech(self) -> None:
        """'…,” Murat Nurtleu said', 'said Jane Doe', 'according to Jane Doe': a name of two or more
        uncommon words, or starting with a given name, next to a verb of saying."""
        doc, w = self.doc, self.w
        verbs = w.cue("speech-verb")
        for i in self.name_starts:
            end = self.person_run(i)
            if end - i < 2:
                continue
            before = doc[i - 1].lower_ if i > 0 else ""
            before2 = doc[i - 2 : i].text.lower() if i > 1 else ""
            after = doc[end].lower_ if end < len(doc) else ""
            if not (after in verbs or before in verbs or before2 == "according to"):
                continue
            core = [doc[k] for k in range(i, end) if not w.is_initial(doc[k])]
            plain_given = w.is_given_name(doc[i].text) and doc[i].text not in w.ambiguous_given_names
            if plain_given or all(not w.is_common(t.text) and t.text not in w.ambiguous_given_names for t in core):
                if self.person_name_ok(i, end, strong=False):
                    self.add(i, end, "Person", "speech")

    def given_names(self) -> None:
        """'Kathleen Li', 'Todd D. Robinson': a known given name, then a surname."""
        doc, w = self.doc, self.w
        for i in self.name_starts:
            token = doc[i]
            if not w.is_given_name(token.text) or self.lexical(i):
                continue
            if token.lower_ in w.cue("name-particle") and not token.whitespace_ and i + 1 < len(doc) and doc[i + 1].text == "-":
                continue  # "Al-Qaim", "El-Arish": an article joined to a name, not the given name Al
            end = self.person_run(i)
            if end - i < 2:
                continue
            if token.text in w.ambiguous_given_names and w.is_common(doc[i + 1].text):
                continue
            if self.person_name_ok(i, end, strong=False):
                self.add(i, end, "Person", "given-name")

    def initialled(self) -> None:
        """'Gerrit-Jan H.', 'Emre Y. (41)', 'Wim D., 52,': a given name and the initial of the
        surname, as Dutch, Belgian and German reports name suspects. The given name must be a known
        one, or an age must follow."""
        doc, w = self.doc, self.w
        for i in range(1, len(doc)):
            if not _INITIAL_DOT.fullmatch(doc[i].text) or (i + 1 < len(doc) and w.is_capitalised(doc[i + 1])):
                continue  # "Todd D. Robinson" is a full name
            start = i - 1
            if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].text[:1].isupper():
                start -= 2  # "Gerrit-Jan"
            given = doc[start]
            if not (given.is_alpha and given.text[:1].isupper() and given.text[1:].islower()) or self.lexical(start):
                continue
            aged = i + 2 < len(doc) and doc[i + 1].text in {"(", ","} and doc[i + 2].like_num
            if w.is_plain_given_name(given.text) or aged:
                self.add(start, i + 1, "Person", "initialled")

    def listed_people(self) -> None:
        """'three executives – Wang Wei, Li Qiang and Chen Jie': names listed after a plural noun
        for people. Each name needs two or more capitalised words, not all common ones."""
        doc, w = self.doc, self.w
        plurals = w.cue("person-plural")
        for i, token in enumerate(doc):
            if token.lower_ not in plurals or i + 2 >= len(doc) or self.in_headline(i):
                continue
            j = i + 1
            if doc[j].text not in {":", "-", "\u2013", "\u2014", "--", ",", "including", "named"}:
                continue
            j += 1
            stop = self.sentence_end(i)
            while j < stop:
                end = self.person_run(j, limit=3)
                if end - j < 2 or not self.person_name_ok(j, end, strong=False):
                    break
                self.add(j, end, "Person", "listing")
                j = end
                while j < stop and doc[j].lower_ in {",", "and", "&"}:
                    j += 1

    def credits(self) -> None:
        """Photo credits '(Alexander Drago/Pool/AFP via Getty Images)' and bylines
        'Kathleen Li and Angela Bright contributed to this report.'"""
        doc, w = self.doc, self.w
        article = self.analysis.article
        for section in article.sections:
            if section.kind not in {"caption", "byline"}:
                continue
            span = doc.char_span(section.start, section.end, alignment_mode="expand")
            if span is None:
                continue
            cue = "credit" if section.kind == "caption" else "byline"
            if cue == "credit":
                starts = [t.i + 1 for t in span if t.text in {"(", "/"}]
            else:
                starts = [span.start] + [t.i + 1 for t in span if t.lower_ in {"and", ",", "by", "&"}]
            for i in starts:
                if i >= span.end or not w.is_name_token(doc[i]) or doc[i].text in w.cue("credit-non-person"):
                    continue
                end = self.person_run(i, limit=3)
                if end - i >= 2 and self.person_name_ok(i, end, strong=False):
                    if end < len(doc) and doc[end].text not in {"/", ")", ",", "and", "contributed", "via", "."}:
                        continue
                    self.add(i, end, "Person", cue)

    # ------------------------------------------------------------------ agencies and organisations

    def _head_type(self, token: Token) -> str | None:
        w = self.w
        text = token.text
        if not (token.is_title or text.isupper() or text[0].isupper()):
            return None
        if text in w.cue("agency-head"):
            return "Agency"
        if text in w.cue("organization-head") or text in w.cue("legal-suffix"):
            return "Organization"
        if text in w.cue("ambiguous-head"):
            return "ambiguous"
        return None

    def _org_word(self, i: int) -> bool:
        """A word that can be inside an organisation's name."""
        token = self.doc[i]
        if not self.w.is_capitalised(token) or token.text in self.w.cue("not-a-name"):
            return False
        lexical = self.lexical(i)
        return lexical is None or lexical.type not in {"Country"} and lexical.cue != "demonym"

    def organisations(self) -> None:
        """Agencies and organisations from head words (see the module docs). Also:

        * a legal suffix ends a company's name, after a comma too ("Hebei Tianshun Pharmaceutical
          Technology Co., Ltd.", "Importadora Kelvar del Norte, S.A. de C.V.");
        * a possessive can be inside a name ("U.S. Attorney's Office for the Southern District of
          New York") unless it is a known entity's ("China's Ministry of Commerce");
        * a demonym before an organisation is part of its name ("Mexican Banking Association");
          before an agency it names the agency's country ("the Mexican Navy");
        * names of laws and plans are not organisations ("… Powers Act");
        * two words, a common one and a head ("Foreign Ministry", "Air Force"), name nothing
          without a country.
        """
        doc, w = self.doc, self.w
        connectors = w.cue("name-connector")
        legal = w.cue("legal-suffix")
        for i, token in enumerate(doc):
            if self.in_headline(i):
                continue
            head_type = self._head_type(token)
            if head_type is None:
                continue
            suffix = token.text in legal
            sent_start = self.sentence_start(i)
            start = self._extend_left(i, sent_start, allow_comma=suffix)
            while start < i and (
                (self.opens_sentence(start) and (w.is_common(doc[start].text) and doc[start].text.endswith("ly")))
                or doc[start].text in w.cue("not-a-name")
            ):
                start += 1
            end = self._extend_suffixes(i + 1) if suffix else self._extend_right(i, connectors)
            if start < i < end - 1 and doc[i + 1].lower_ == "of" and token.text in w.cue("company-head"):
                end = i + 1  # "Kaveri Fine Chemicals of Vapi": the company's town
            if any(doc[k].text in w.cue("non-entity-head") and (
                    k > i or doc[k + 1].lower_ in {"and", "or", ",", "&"}) for k in range(start, end)):
                # a law or an event: "Drug Enforcement Administration Act", "Heineken Cup and Celtic
                # League" (but "Law Enforcement Agency", "Treaty Organization" are bodies)
                continue
            country = self._country_before(start) if start - 1 >= sent_start else None
            resolved = head_type if head_type != "ambiguous" else self._ambiguous_type(start, end)
            owner = self.lexical(start, "Organization")
            if owner is not None and owner.start == start and owner.cue == "lexicon":
                resolved = "Organization"  # "BBC World Service": a service of an organisation
            if country is not None and resolved == "Organization" and doc[start - 1].text not in {"'s", "'"}:
                start, country = start - 1, None  # "Mexican Banking Association"
            elif country is not None and resolved == "Organization" and token.text in w.cue("company-head"):
                country = None  # "Australia's Woodside Petroleum": the company is Woodside Petroleum
            core = [doc[k] for k in range(start, end) if not self._head_type(doc[k])]
            if country is None and (end - start == 1 or (end - start == 2 and all(
                    w.is_common(t.text) and not (t.text.isupper() and len(t.text) <= 4 and self.lexical(t.i) is None)
                    and not self._a_place(t.i) for t in core))) \
                    and not self._owned_by_body(start):
                continue  # "Ministry", "Foreign Ministry", "Air Force": no body without a country (or a body's:
                #           "the EU's General Court"); a place's is one ("Dubai Police", "Punjab Police")
            aliases = [self._plain_company_name(start, end)] if suffix else []
            if country is not None:  # "U.S. Attorney's Office …", "China's Foreign Ministry"
                aliases.append(self._with_country(start, end))
            self.add(start, end, resolved, "org-head", country=country, aliases=[a for a in aliases if a])

    def _a_place(self, i: int) -> bool:
        """A word of a place the lexicon knows ("Dubai" of "Dubai Police")."""
        return i in self.place_words

    def _common_word(self, i: int) -> bool:
        """A common word ("Securities", "Parks") that no lexicon names: one that "and" joins
        inside a name ("Securities and Exchange Commission"), unlike a name's ("Fiat and General Motors")."""
        text = self.doc[i].text
        return ((self.w.is_common(text) or text.endswith("s") and self.w.is_common(text[:-1]))
                and self.lexical(i) is None and not self.w.is_given_name(text))

    def _owned_by_body(self, start: int) -> bool:
        """"the EU's General Court": a lexicon agency's possessive right before the name."""
        doc = self.doc
        if start < 2 or doc[start - 1].text not in {"'s", "'"}:
            return False
        owner = self.lexical(start - 2, "Agency")
        return owner is not None and owner.cue == "lexicon" and owner.end == start - 1

    def _with_country(self, start: int, end: int) -> str | None:
        """The name with the country word before it, as written ("Chinese Embassy")."""
        j = start - 1 if start >= 1 and self.doc[start - 1].text in {"'s", "'"} else start
        country = next((c for c in self.lexical_at.get(j - 1, ()) if c.end == j and c.type == "Country"), None)
        if country is None:
            return None
        return self.doc[country.start:end].text

    def _extend_left(self, i: int, sent_start: int, allow_comma: bool) -> int:
        """Leftwards over the capitalised words of a name, and "and"/"of"/"&", hyphens and
        possessives between them ("Securities and Exchange Commission", "US Anti-Doping Agency",
        "U.S. Attorney's Office")."""
        doc = self.doc
        start, possessive = i, None
        if allow_comma and start - 1 > sent_start and doc[start - 1].text == "," and self._org_word(start - 2):
            start -= 1  # "Importadora Kelvar del Norte, S.A."
        while start - 1 >= sent_start:
            if self._org_word(start - 1):
                start -= 1
            elif (doc[start - 1].text in {"and", "&", "of", "for", "del", "de", "la"} and start - 2 >= sent_start
                  and self._org_word(start - 2) and not self._head_type(doc[start - 2])
                  and (doc[start - 1].text not in {"and", "&"} or not self._head_type(doc[start]))
                  and (doc[start - 1].text != "and" or self._common_word(start - 2)
                       and doc[i].text not in self.w.cue("company-head"))):
                start -= 2
            elif (doc[start - 1].text == "-" and start - 2 >= sent_start and not doc[start - 1].whitespace_
                  and not doc[start - 2].whitespace_ and self._org_word(start - 2)):
                start -= 2  # "US Anti-Doping Agency"
            elif (doc[start - 1].text in {"'s", "'"} and start - 2 >= sent_start and self._org_word(start - 2)
                  and not doc[start - 2].whitespace_ and self.lexical(start - 2) is None):
                start -= 2  # "Attorney's Office", "Exporters' Association"
                possessive = start + 1
            elif (start - 2 >= sent_start and self.lexical(start - 1, "Country") is not None
                  and self.lexical(start - 1, "Country").cue == "demonym" and self._org_word(start - 2)
                  and doc[start - 2].text not in self.w.cue("not-a-name") and not self.opens_sentence(start - 2)):
                start -= 2  # "Royal Thai Police": a demonym inside the name
            else:
                break
        before = start - 1 if start - 1 >= sent_start and doc[start - 1].lower_ != "the" else start - 2
        if possessive is not None and (self._head_type(doc[possessive - 1]) == "Agency" or (
                before - 1 >= sent_start and doc[before].lower_ in {"of", "for"} and self._head_type(doc[before - 1]))):
            # "the Ministry of Public Health's *Institute of Drug Control*", "the Department of the
            # Treasury's *Office of Foreign Assets Control*": two names
            return possessive + 1
        return start

    def _extend_right(self, i: int, connectors) -> int:
        """Rightwards through connectors followed by capitalised words ("Ministry of Public
        Security"), but not into a second name ("Raxuter Chemicals and Athos Chemicals")."""
        doc = self.doc
        end, stop = i + 1, self.sentence_end(i)
        while end < stop and doc[end - 1].text not in self.w.cue("legal-suffix"):
            if doc[end].lower_ in {"of", "for"} and end + 1 < stop and end == i + 1:
                place = self.longest_lexical(end + 1, "Country", "Place")
                if place is not None:
                    end = place.end  # "Muslim Council of Britain", "… Unit of British Columbia"
                    continue
            if (doc[end].lower_ in {"of", "for"} and end + 2 < stop and doc[end + 1].lower_ == "the"
                    and self._org_word(end + 2)):
                end += 1  # "… Office for the Southern District of New York"
            if doc[end].text in connectors and end + 1 < stop and (
                    self._org_word(end + 1) or end + 2 < stop and self.w.is_capitalised(doc[end + 1])
                    and self._org_word(end + 2) and doc[end].lower_ in {"of", "for"}):  # "… of Home Affairs"
                j = end + 1 if self._org_word(end + 1) else end + 2
                while j < stop and self._org_word(j):
                    j += 1
                if doc[end].lower_ in {"and", "&"} and any(self._head_type(doc[k]) for k in range(end + 1, j)):
                    break
                if doc[end].lower_ == "and" and not (
                        self._common_word(end + 1) and doc[i].text not in self.w.cue("company-head")
                        or self.lexical(end - 1, "Place", "Country") and self.lexical(end + 1, "Place", "Country")):
                    break  # "Kingfisher Airlines and SpiceJet": two names ("… of England and Wales": one)
                end = j
            elif self._org_word(end) and end == i + 1 and self._head_type(doc[end]):
                end += 1  # "Task Force", "Air Force": a head followed by another head word
            elif doc[end].text == "," and end - 2 > i and doc[end - 2].lower_ == "of" \
                    and self._head_type(doc[i]) == "Agency" and (listed := self._portfolios(end, stop)) > end:
                end = listed
            else:
                break
        return end

    def _portfolios(self, end: int, stop: int) -> int:
        """The end of the rest of a ministry's list of portfolios ("Ministry of Economy*, Trade and
        Industry*"): single common words parted by commas, the last after "and" (``end`` when
        there is no such list)."""
        doc, k = self.doc, end
        while k + 1 < stop and doc[k].text == "," and self._portfolio(k + 1):
            k += 2
        if k < stop and doc[k].text == ",":
            k += 1  # the serial comma
        if k + 1 < stop and doc[k].lower_ == "and" and self._portfolio(k + 1) and k > end:
            return k + 2
        return end

    def _portfolio(self, i: int) -> bool:
        return self.doc[i].is_title and self.doc[i].is_alpha and self._common_word(i)

    def _extend_suffixes(self, end: int) -> int:
        """Past the rest of a legal suffix: "Co., Ltd.", "S.A. de C.V.", "Pvt. Ltd."."""
        doc, legal = self.doc, self.w.cue("legal-suffix")
        while end < len(doc):
            if doc[end].text in legal:
                end += 1
            elif doc[end].text == "," and end + 1 < len(doc) and doc[end + 1].text in legal:
                end += 2
            elif doc[end].text == "de" and end + 1 < len(doc) and doc[end + 1].text in legal:
                end += 2
            else:
                break
        return end

    def _plain_company_name(self, start: int, end: int) -> str | None:
        """A company's name without its legal suffix ("Hebei Tianshun Pharmaceutical Technology")."""
        doc, legal = self.doc, self.w.cue("legal-suffix")
        k = end
        while k > start and (doc[k - 1].text in legal or doc[k - 1].text in {",", "de"}):
            k -= 1
        if k - start < 1 or k == end:
            return None
        return doc[start:k].text

    def longest_lexical(self, i: int, *types: str) -> Candidate | None:
        """The longest lexicon candidate starting at token ``i``, of one of ``types``."""
        found = [c for c in self.lexical_at.get(i, ()) if c.start == i and (not types or c.type in types)]
        return max(found, key=lambda c: c.length, default=None)

    def _country_before(self, start: int):
        """The country named right before a name: 'Chinese Foreign Ministry', "China's Defense Ministry"."""
        doc = self.doc
        j = start - 1
        if j >= 0 and doc[j].text in {"'s", "'"}:
            j -= 1
        lexical = self.lexical(j, "Country") if j >= 0 else None
        return lexical.entry if lexical is not None else None

    def _ambiguous_type(self, start: int, end: int) -> str:
        """An 'Institute' or 'Council' is an agency when a public-body word is in its name, or when
        it belongs to an agency ("the Ministry of Public Security's Institute …")."""
        doc, w = self.doc, self.w
        public = w.cue("public-body-word")
        if any(doc[k].text in w.cue("private-body-word") for k in range(start, end)):
            return "Organization"  # "Institute for Security Studies": a think tank
        if any(doc[k].text in public for k in range(start, end)):
            return "Agency"
        if start >= 2 and doc[start - 1].text in {"'s", "'"}:
            owner = self.lexical(start - 2, "Agency")
            if owner is not None or self._head_type(doc[start - 2]) == "Agency":
                return "Agency"
        return "Organization"

    def national_bodies(self) -> None:
        """'Dutch customs', 'the Belgian police', 'the Mexican navy': a country's body named by a
        demonym and a lower-case noun."""
        doc, w = self.doc, self.w
        nouns = w.cue("national-body-noun")
        for c in [c for cs in self.lexical_at.values() for c in cs if c.cue == "demonym"]:
            if c.start in self.headline:
                continue
            for n in (2, 1):
                end = c.end + n
                if end <= len(doc) and doc[c.end:end].text in nouns and doc[c.end:end].text.islower():
                    self.add(c.start, end, "Agency", "org-head", country=c.entry,
                             aliases=[doc[c.start:end].text])
                    break

    def lowercase_heads(self) -> None:
        """'the Sinaloa cartel' (an organisation), 'the Biden administration' (an agency: only
        after a leader's name — "the Labour government" is the government, not an entity)."""
        doc, w = self.doc, self.w
        heads = {}
        for list_name in ("lowercase-organization-head", "lowercase-agency-head"):
            for word in w.cue(list_name):
                heads[word] = w.cue(list_name).entity_type
        for i, token in enumerate(doc):
            if token.text not in heads or i == 0 or self.in_headline(i):
                continue
            start = i
            while start - 1 >= self.sentence_start(i) and start - i > -3 and w.is_name_token(doc[start - 1]):
                start -= 1
            if start == i or self.lexical(start, "Country", "Agency"):
                continue
            if doc[start].text in w.cue("not-a-name"):
                continue
            if heads[token.text] == "Agency" and not self._leader(start, i):
                continue
            self.add(start, i + 1, heads[token.text], "lowercase-head")

    def _leader(self, start: int, end: int) -> bool:
        """Whether tokens ``start:end`` name a person: a person found by another rule, or a
        single uncommon capitalised word ("Biden", "Trudeau")."""
        name = self.doc[start:end].text
        if any(c.type == "Person" and self.doc[c.start:c.end].text.endswith(name) for c in self.found):
            return True
        return end - start == 1 and not self.w.is_common(name)

    def acronyms(self) -> None:
        """'Immigration and Customs Enforcement (ICE)': the acronym is another name of the name
        before it; the name's type comes from the lexicon or a head word, never from nothing."""
        doc, w = self.doc, self.w
        for i in range(2, len(doc) - 2):
            if doc[i].text != "(" or doc[i + 2].text != ")":
                continue
            acronym = doc[i + 1].text.replace(".", "")
            if not (2 <= len(acronym) <= 8 and acronym.isupper() and acronym.isalpha()):
                continue
            end = i
            start = end
            while start - 1 >= self.sentence_start(i) and (
                self._org_word(start - 1) or (doc[start - 1].text in w.cue("name-connector")
                                              and start - 2 >= 0 and self._org_word(start - 2))
                or doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and start - 2 >= 0
                and not doc[start - 2].whitespace_ and self._org_word(start - 2)  # "Anti-Terrorism Service (ATS)"
            ):
                start -= 1
            while start < end and doc[start].text in w.cue("name-connector"):
                start += 1
            while start < end and not _initials_match(doc[start:end], acronym):
                start += 1
            if start == end:
                continue
            type_ = self._acronym_type(start, end, i + 1)
            if type_ is None or doc[end - 1].text in w.cue("non-entity-head"):
                continue  # a law or an event ("Controlled Substances Act (CSA)"), not "Drug Law Enforcement Agency"
            self.add(start, end, type_, "acronym", aliases=[doc[i + 1].text])

    def _acronym_type(self, start: int, end: int, acronym_at: int) -> str | None:
        lexical = self._known_acronym(start, end, acronym_at) or self.lexical(start)
        if lexical is not None and lexical.cue == "lexicon" and (lexical.type != "Substance" or lexical.start == start
                                                                 and lexical.end >= end):
            # (a drug's name opening a body's is no substance: "Narcotics Control Commission"; nor
            # is a body whose acronym a drug shares: "Anti-Terrorism Service (ATS)")
            return lexical.type
        types = [self._head_type(self.doc[k]) for k in range(start, end)]
        if "Agency" in types or any(self.doc[k].text in self.w.cue("public-body-word") for k in range(start, end)):
            return "Agency"
        if "Organization" in types:
            return "Organization"
        if "ambiguous" in types:
            return self._ambiguous_type(start, end)
        return None

    def _known_acronym(self, start: int, end: int, acronym_at: int) -> Candidate | None:
        """The lexicon's reading of an acronym, unless the article spells it out as another name
        ("the Carrier Pre-Section (CPS)" is no Crown Prosecution Service)."""
        known = self.lexical(acronym_at)
        entry = known.entry if known is not None and known.cue == "lexicon" else None
        if entry is None:
            return known
        spelled = self.doc[start:end].text.lower()
        names = {entry.label.lower(), *(n.lower() for n in entry.alt_labels)}
        if spelled in names or any(n.endswith(spelled) or spelled.endswith(n) for n in names if len(n) > 3):
            return known
        return None

    # ------------------------------------------------------------------ places and substances

    def places(self) -> None:
        """'in San Ysidro, Calif.', 'Nogales, Ariz.', 'Guangdong Province', 'Port of Manzanillo',
        'Mariposa Port of Entry', 'the port of Lázaro Cárdenas', 'the Peace Arch border crossing'.

        Each of the three rules is tried only where it can apply: at a capitalised word, at a
        locative noun, at a word that can begin a place head ("Port" of "Port of Entry")."""
        doc, w = self.doc, self.w
        locative = w.cue("locative-noun")
        heads = {p.lower() for name in ("place-head", "lowercase-place-head") for p in w.cue(name).prefixes()}
        capitalised, headline = self.capitalised, self.headline
        for i, token in enumerate(doc.tokens):
            if i in headline:
                continue
            if capitalised[i]:
                self._place_before_region(i)
            lower = token.lower_
            if lower in locative:
                self._place_after_locative_noun(i)
            if lower in heads:
                self._place_with_head(i)

    def _place_run(self, start: int, limit: int = 3) -> int:
        """The end of a run of capitalised words that may be an unknown place's name."""
        doc, w = self.doc, self.w
        end = start
        while (end < len(doc) and end - start < limit and w.is_capitalised(doc[end]) and not self.lexical(end)
               and doc[end].text not in w.cue("not-a-name") and doc[end].text not in w.cue("person-title")):
            end += 1
        return end

    def _place_before_region(self, i: int) -> None:
        """A capitalised name, a comma, then a known state, province or country ("Nogales, Ariz.")."""
        doc, w = self.doc, self.w
        if i > 0 and w.is_capitalised(doc[i - 1]) and not self.lexical(i - 1):
            return  # not the start of a run
        end = self._place_run(i)
        if end == i or end + 1 >= len(doc) or doc[end].text != ",":
            return
        if self.opens_sentence(i) and w.is_common(doc[i].text):
            return
        region = self.longest_lexical(end + 1, "Place", "Country")
        if region is None or region.cue != "lexicon":
            return
        if region.end < len(doc) and w.is_capitalised(doc[region.end]) and doc[region.end].text not in w.cue("not-a-name"):
            return  # "John Smith, Texas Governor"
        self.add(i, end, "Place", "place-context")

    def _place_after_locative_noun(self, i: int) -> None:
        """'the port of Lázaro Cárdenas', 'the city of Culiacán', 'the municipality of Ahome'."""
        doc, w = self.doc, self.w
        if doc[i].lower_ not in w.cue("locative-noun") or i + 2 >= len(doc) or doc[i + 1].lower_ != "of":
            return
        if doc[i].text[0].isupper():
            return  # "Port of Entry": a head word, handled with the others
        end = self._place_run(i + 2)
        if end > i + 2:
            self.add(i + 2, end, "Place", "locative-noun")

    def _place_with_head(self, i: int) -> None:
        doc, w = self.doc, self.w
        heads = w.cue("place-head")
        head_end = None
        for n in range(min(3, len(doc) - i), 0, -1):
            phrase = doc[i : i + n].text
            if phrase in heads and phrase[0].isupper():
                head_end = i + n
                break
        if head_end is not None:
            start = i
            while start - 1 >= self.sentence_start(i) and w.is_capitalised(doc[start - 1]) \
                    and doc[start - 1].text not in w.cue("not-a-name") and not self.lexical(start - 1, "Country"):
                start -= 1
            end = head_end
            if start == i and end + 1 < len(doc) and doc[end].lower_ == "of" and w.is_capitalised(doc[end + 1]):
                known = self.longest_lexical(end + 1, "Place", "Country")
                # "Port of Manzanillo"; "Port of Algeciras", "Port of Montréal" with a known city
                end = known.end if known is not None else self._place_run(end + 1, limit=4)
            if doc[end - 1].lower_ == "of":
                return  # "the Port of" and no name
            if end - start >= 2:
                self.add(start, end, "Place", "place-head")
            return
        lower_heads = w.cue("lowercase-place-head")
        for n in (3, 2, 1):
            phrase = doc[i : i + n].text
            if i + n <= len(doc) and phrase in lower_heads and phrase.islower() and i > 0:
                start = i
                while start - 1 >= self.sentence_start(i) and w.is_capitalised(doc[start - 1]) \
                        and not self.lexical(start - 1) and doc[start - 1].text not in w.cue("not-a-name"):
                    start -= 1
                    if start - 2 >= self.sentence_start(i) and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                            and not doc[start - 2].whitespace_ and doc[start - 2].is_title:
                        start -= 2  # "the Al-Qaim border crossing"
                if start < i and not (self.opens_sentence(start) and w.is_common(doc[start].text)):
                    self.add(start, i, "Place", "place-head")  # "the Peace Arch border crossing"
                return

    def substances(self) -> None:
        """'acrylfentanyl', 'para-fluorofentanyl', 'isotonitazene': endings of the field's substances."""
        doc = self.doc
        suffixes = tuple(s.lower() for s in self.w.cue("substance-suffix"))
        for i, token in enumerate(doc):
            lower = token.lower_
            if not lower.endswith(suffixes) or lower in suffixes or not token.is_alpha:
                continue
            start, end = i, i + 1
            while start - 2 >= 0 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
                    and not doc[start - 1].whitespace_ and doc[start - 2].text.isalnum():
                start -= 2
            self.add(start, end, "Substance", "substance-suffix")


_INITIAL_DOT = re.compile(r"[A-Z]\.")


def _initials_match(span: Span, acronym: str) -> bool:
    """Whether the capitalised words of ``span`` spell ``acronym`` ("Drug Enforcement Administration" → DEA)."""
    initials = "".join(t.text[0] for t in span if t.text[:1].isupper())
    if initials == acronym:
        return True
    letters = "".join(t.text[0].upper() for t in span if t.is_alpha)
    if letters == acronym:
        return True
    # syllables of its words: "Narcotics Control Commission" → NACOC, "Europol" styles aside
    words = [t.text.upper() for t in span if t.text[:1].isupper() and t.is_alpha]
    return len(acronym) > len(words) >= 2 and _spelled_by_prefixes(acronym.upper(), tuple(words))


def _spelled_by_prefixes(acronym: str, words: tuple[str, ...]) -> bool:
    """Whether ``acronym`` is the first letters (one to three) of each of ``words`` in turn."""
    if not words:
        return not acronym
    first = words[0]
    return any(acronym[:n] == first[:n] and _spelled_by_prefixes(acronym[n:], words[1:])
               for n in range(1, min(3, len(first), len(acronym)) + 1))


def find_candidates(analysis: Analysis, words: Words, lexical: list[Candidate],
                    places: Iterable[Candidate] = ()) -> list[Candidate]:
    """Every candidate the rules propose (lexicon candidates are consulted, not repeated;
    ``places``: the lexicon's places before context dropped those inside longer names)."""
    rules = _Rules(analysis, words, lexical, places)
    rules.titles()
    rules.honorifics()
    rules.appositions()
    rules.speech()
    rules.given_names()
    rules.initialled()
    rules.credits()
    rules.listed_people()
    rules.role_then_name()
    rules.organisations()
    rules.national_bodies()
    rules.lowercase_heads()
    rules.acronyms()
    rules.places()
    rules.substances()
    return rules.found
