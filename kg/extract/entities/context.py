"""Types and names from the words around a name: what the prose says a name is.

The rules of :mod:`~kg.extract.entities.rules` find names by their own shape (a title before, a head
word inside). News also says what an unknown name is in the words around it, and these rules read
that (their words are cue lists of ``ontology/cues/entities.ttl``):

* a legal form ends a company's name, whatever head words it holds ("Ugarit Maritime Services LLC",
  "Sunrise Pacific Seafood Sdn. Bhd."), and the company's name without it, or its first words, name
  it later in the article ("Sunrise Pacific", "Kervan");
* a phrase in apposition says what a name is ("Trakya Farma, a contract manufacturer …"; "the
  second company, Acme Shipping LLC"; "Tachileik, a border town"; "Somchai Wongsakul, a Thai
  national"), and so does a descriptor right before it ("the anti-corruption group Clean Money Watch");
* a lower-case place noun after a name makes both a place's name ("Hamadoni district", "the
  Hassia industrial zone"), a locative phrase before it a place ("based in Navi Mumbai", "east of
  Tachileik", "a Mumbai-based drugmaker", "a hotel in Marbella", "a company from Seville"), and
  names coordinated with a known place in a locative phrase are places too ("at the ports of Suva
  and Lautoka", "to Manzanillo and Lázaro Cárdenas");
* "alias" and "known as" give a person or organisation another name ('José Ochoa Valdivia, alias
  "El Capi"');
* a given name or a surname joined by a hyphen belongs to the name ("Jian-Ming Lau", "Lau
  Chi-wai", "Rafael Benítez-Sandoval");
* "the Government of Japan" and "the Japanese Government" are Japan;
* a short lexicon name inside a longer one the article also names is that one ("Border Force"
  after "the Australian Border Force").

Each rule proposes :class:`~kg.extract.entities.base.Candidate` spans with its own cue, as the
other rules do; :func:`~kg.extract.entities.select.select` still decides between them. The cues'
strengths (:data:`~kg.extract.entities.base.STRENGTH`) put them above the weak person cues (a
given name, the parser's NER) and below the lexicons and head words.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from kg.extract.entities.base import Candidate, Words
from kg.extract.text import Analysis, Tokens as Doc

__all__ = ["context_candidates"]

_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "whose", "one", "another"}
_STOPS = {",", ".", ";", ":", "(", ")", "?", "!", '"', "\u201c", "\u201d"}
#: Short words a hyphen joins to a name that are no part of it ("the Xi-led talks").
_NOT_NAME_PARTS = {"led", "era", "run", "old", "age", "ite", "ism", "ist", "ish", "esque", "and", "on", "in", "up"}
_JOINERS = {"de", "del", "la", "las", "los", "do", "da", "di", "du", "des", "y", "&", "-", "al", "el"}
#: Cues of candidates that a phrase around the name may overrule.
_WEAK = {"given-name", "model", "speech", "known-name", "place-context", "credit", "listing", "demonym"}
_MAX_RUN = 5
#: Verbs that end a noun phrase: a descriptor is never read past one ("Set in South Wales, the
#: film is about a mother"), and a name followed by one starts a clause ("at Oldham and Keegan has said").
_VERBS = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "said", "says",
          "did", "does", "do", "may", "might", "must", "should"}
#: Cue lists of descriptors, and the type they give when it is not the list's own ("business":
#: an organisation unless the name is a person's).
_DESCRIPTORS = {"organization-descriptor": None, "agency-descriptor": None, "place-descriptor": None,
                "person-descriptor": None, "business-descriptor": "business"}


@cache
def _phrases(list_name: str) -> tuple[dict[str, list[tuple[str, ...]]], bool]:
    """A cue list's phrases as token sequences, by their first token (lower-cased for a list that
    ignores case), and whether they are lower-cased."""
    from kg.extract.entities.base import words
    from kg.extract.text import matching_form, nlp

    cue = words().cue(list_name)
    folded = not cue.case_sensitive
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in cue.words:
        tokens = tuple(t.text.lower() if folded else t.text for t in nlp().make_doc(matching_form(phrase)))
        if tokens:
            table.setdefault(tokens[0], []).append(tokens)
    return table, folded


@cache
def _first_words(list_names: tuple[str, ...]) -> frozenset[str]:
    """The first tokens of the phrases of some cue lists, lower-cased."""
    return frozenset(first.lower() for name in list_names for first in _phrases(name)[0])


@cache
def _before_last_words(list_name: str) -> frozenset[str]:
    """The tokens right before the last token of a cue list's phrases ("based" of "based in")."""
    return frozenset(phrase[-2] for phrases in _phrases(list_name)[0].values() for phrase in phrases if len(phrase) > 1)


@cache
def _last_words(list_names: tuple[str, ...]) -> frozenset[str]:
    """The last tokens of the phrases of some cue lists."""
    return frozenset(phrase[-1] for name in list_names for phrases in _phrases(name)[0].values() for phrase in phrases)


def context_candidates(analysis: Analysis, words: Words, proposed: list[Candidate], lexicon=None) -> list[Candidate]:
    """``proposed`` with the candidates the words around names add (see the module's documentation);
    ``lexicon`` tells known names apart from words."""
    reader = _Context(analysis, words, proposed, lexicon)
    reader.hyphenated_given_names()
    reader.aliases()
    reader.translated_names()
    reader.same_entry_as_longer_name()
    reader.heads_first()
    reader.countries_in_agency_names()
    reader.governments()
    reader.head_phrases()
    reader.police_of_places()
    reader.roles_with_an_office()
    found = reader.legal_forms()
    reader.names_joined_by_and(found)
    reader.short_company_names(found)
    reader.descriptors()
    reader.listed_after_descriptors()
    reader.place_suffixes()
    reader.locatives()
    reader.coordinated_places()
    return proposed + reader.found


class _Context:
    def __init__(self, analysis: Analysis, words: Words, proposed: list[Candidate], lexicon=None):
        self.lexicon = lexicon
        self.doc: Doc = analysis.doc
        self.w = words
        self.proposed = proposed
        self.found: list[Candidate] = []
        self.at: dict[int, list[Candidate]] = defaultdict(list)
        for c in proposed:
            for i in range(c.start, c.end):
                self.at[i].append(c)
        n = len(self.doc)
        self.sentence_start = [0] * n
        self.sentence_end = [n] * n
        for sent in analysis.sentences:
            self.sentence_start[sent.start:sent.end] = [sent.start] * len(sent)
            self.sentence_end[sent.start:sent.end] = [sent.end] * len(sent)
        from kg.extract.entities.rules import headline_tokens

        self.headline = headline_tokens(analysis)
        self.texts, self.lowers = texts, lowers = self.doc.texts, self.doc.lowers
        #: Token indices by lower-cased text: the rules look where their cue words are.
        self.where: dict[str, list[int]] = defaultdict(list)
        for i, lower in enumerate(lowers):
            self.where[lower].append(i)
        # Capitalised words: only words with an upper-case first letter are tested in full.
        upper = [i for i, text in enumerate(texts) if text[:1].isupper()]
        self.capitalised = [False] * len(texts)
        for i, cap in zip(upper, words.capitalised([texts[i] for i in upper])):
            self.capitalised[i] = cap
        not_names, honorifics, headline = words.cue("not-a-name"), words.cue("honorific"), self.headline
        self.name_ok = [False] * len(texts)
        for i in upper:
            self.name_ok[i] = (self.capitalised[i] and texts[i] not in not_names and texts[i] not in honorifics
                               and i not in headline)

    # ------------------------------------------------------------------ helpers

    def add(self, start: int, end: int, type_: str, cue: str, **extra) -> Candidate | None:
        if end <= start:
            return None
        c = Candidate(start, end, type_, cue, **extra)
        self.found.append(c)
        for i in range(start, end):
            self.at[i].append(c)
        return c

    def strong_at(self, i: int) -> bool:
        """Whether a candidate of a cue stronger than a guess covers token ``i``."""
        return any(c.cue not in _WEAK for c in self.at.get(i, ()))

    def phrase_at(self, i: int, list_name: str) -> int:
        """The end of the longest phrase of cue list ``list_name`` starting at token ``i`` (``i``: none)."""
        table, folded = _phrases(list_name)
        tokens = self.doc.lowers if folded else self.doc.texts
        best = i
        if i >= len(tokens):
            return best  # "… Ann China," at the end of the text: no phrase after the comma
        for phrase in table.get(tokens[i], ()):
            n = len(phrase)
            if i + n > best and tuple(tokens[i:i + n]) == phrase:
                best = i + n
        return best

    def name_word(self, i: int) -> bool:
        """A capitalised word that can be part of a name (no day, pronoun, honorific or sentence word)."""
        return 0 <= i < len(self.name_ok) and self.name_ok[i]

    def positions(self, *list_names: str) -> list[int]:
        """The tokens where a phrase of one of the cue lists may start."""
        return self.at_words(_first_words(list_names))

    def at_words(self, lowers) -> list[int]:
        """The tokens whose lower-cased text is one of ``lowers``, in text order (a case-sensitive
        list's rule checks the case itself)."""
        where = self.where
        return sorted(i for lower in lowers if lower in where for i in where[lower])

    def run_before(self, end: int) -> int:
        """The start of the run of name words ending at token ``end``: capitalised words, with
        particles and hyphens between them ("Vilagarcía de Arousa", "Al-Sahel")."""
        start, stop = end, self.sentence_start[end - 1] if end > 0 else 0
        while start - 1 >= stop and end - start < _MAX_RUN:
            if self.name_word(start - 1):
                start -= 1
            elif self.doc[start - 1].text in _JOINERS and start < end:
                k = start - 1
                while k - 1 >= stop and self.doc[k - 1].text in _JOINERS and start - k < 3:
                    k -= 1
                if k - 1 < stop or not self.name_word(k - 1):
                    break
                start = k - 1
            else:
                break
        while start < end and self.doc[start].text in _JOINERS:
            start += 1
        if end - start == 1 and self._sentence_word(start):
            start += 1  # "Officials, …"; but "Electronic Arts, …" is a name
        return start

    def run_after(self, start: int, limit: int = _MAX_RUN) -> int:
        """The end of the run of name words starting at token ``start``."""
        end, stop = start, self.sentence_end[start] if start < len(self.doc) else start
        while end < stop and end - start < limit:
            if self.name_word(end):
                end += 1
            elif self.doc[end].text in _JOINERS and end > start and end + 1 < stop and self.name_word(end + 1):
                end += 2
            else:
                break
        return end

    def _sentence_word(self, i: int) -> bool:
        """A common word opening a sentence ("Officials", "Drums"): no name by its capital alone."""
        j = self.sentence_start[i]
        while j < i and not self.doc[j].is_alpha:
            j += 1
        return j == i and self.w.is_common(self.doc[i].text) and not self.w.is_given_name(self.doc[i].text)

    def candidate_ending(self, end: int) -> Candidate | None:
        """The longest candidate ending at token ``end``."""
        found = [c for c in self.at.get(end - 1, ()) if c.end == end]
        return max(found, key=lambda c: c.length, default=None)

    def name_span(self, end: int) -> tuple[int, int, Candidate | None]:
        """The name that ends at token ``end``: a run of name words, or the candidate ending there
        when it reaches as far back."""
        start = self.run_before(end)
        c = self.candidate_ending(end)
        if c is not None and c.start <= start:
            return c.start, end, c
        return start, end, None

    def retype(self, start: int, end: int, found: Candidate | None, type_: str, cue: str) -> None:
        """A name the words around it type: a new candidate, unless a stronger cue already types
        these words. A known place inside the name does not ("Sunrise Pacific, a company")."""
        if end <= start or start in self.headline:
            return
        if type_ == "business":
            if found is not None and found.cue not in {"model", "known-name"} or self.w.is_given_name(self.doc[start].text):
                return  # "Jeffrey Richards, the show's producer": a person's name
            type_ = "Organization"
        for k in range(start, end):
            for c in self.at.get(k, ()):
                exact = c.start == start and c.end == end
                inside = start <= c.start and c.end <= end and not exact
                if exact and (c.type == type_ or c.cue not in _WEAK or c.entry is not None):
                    return
                if not exact and c.cue not in _WEAK and not (inside and c.type in {"Place", "Country"}):
                    return
        self.add(start, end, type_, cue)

    # ------------------------------------------------------------------ people

    def hyphenated_given_names(self) -> None:
        """'Jian-Ming Lau': a person's name found from "Ming" takes the part joined before it;
        'Lau Chi-wai', 'Rafael Benítez-Sandoval': the part joined after it (a name's part, not an
        English word: 'the Xi Jinping-led party' keeps its name)."""
        doc, w = self.doc, self.w
        for c in self.proposed:
            s, e = c.start, c.end
            if (c.type == "Person" and s >= 2 and doc[s - 1].text == "-" and not doc[s - 1].whitespace_
                    and not doc[s - 2].whitespace_ and self.name_word(s - 2) and doc[s - 2].is_title):
                c.start = s - 2
            if c.type == "Person":
                c.end = name_part_after(doc, e, w)

    def translated_names(self) -> None:
        """"Spain's National Court (Audiencia Nacional)": a body's name in brackets after its name
        is another name of it."""
        texts = self.texts
        for c in list(self.proposed):
            e = c.end
            if c.type not in {"Agency", "Organization"} or e + 3 >= len(texts) or texts[e] != "(":
                continue
            end = self.run_after(e + 1)
            if end - (e + 1) >= 2 and end < len(texts) and texts[end] == ")":
                c.aliases.append(self.doc[e + 1:end].text)

    def aliases(self) -> None:
        """'José Ochoa Valdivia, alias "El Capi"', 'Brenda Zamora, known as "La Güera"': the second
        name is another name of the person (or organisation) before it."""
        doc = self.doc
        markers = self.w.cue("alias-marker")
        for c in list(self.proposed):
            if c.type not in {"Person", "Organization"} or c.end >= len(doc):
                continue
            k = c.end + (doc[c.end].text == ",")
            marker_end = self.phrase_at(k, "alias-marker")
            if marker_end == k or doc[k:marker_end].text not in markers:
                continue
            start = marker_end + (marker_end < len(doc) and doc[marker_end].text in {'"', "\u201c", "'", "the"})
            end = self.run_after(start, limit=4)
            if end == start:
                continue
            alias = doc[start:end].text
            c.aliases.append(alias)
            self.add(start, end, c.type, "alias")

    def roles_with_an_office(self) -> None:
        """"Fiji's Minister for Policing, Ratu Isoa Tuilau, said": a title with its office, a comma,
        then a name closed by a comma or a full stop."""
        lowers, n = self.lowers, len(self.texts)
        for i in self.at_words({","}):
            if i < 2 or i + 2 >= n or not self.name_ok[i + 1]:
                continue
            j = i - 1
            while j > i - 8 and j >= 0 and (self.name_ok[j] or lowers[j] in {"of", "for", "the", "and"}):
                j -= 1
            office = next((k for k in range(j + 1, i) if (m := self.phrase_at(k, "person-title")) > k
                           and m < i and lowers[m] in {"for", "of"}), None)
            if office is None:
                continue
            end = self.run_after(i + 1, limit=4)
            if end - (i + 1) >= 2 and end < n and self.texts[end] in {",", "."}:
                self.retype(i + 1, end, self.candidate_ending(end), "Person", "apposition")

    def same_entry_as_longer_name(self) -> None:
        """'Border Force' after 'the Australian Border Force': a lexicon name that ends another
        lexicon name of the article names the same body, not a namesake elsewhere."""
        doc = self.doc
        known = [c for c in self.proposed if c.cue == "lexicon" and c.entry is not None
                 and c.type in {"Agency", "Organization"}]
        texts = {id(c): doc[c.start:c.end].text for c in known}
        for c in known:
            longer = {d.entry.key: d for d in known if d.entry.key != c.entry.key and d.length > c.length
                      and texts[id(d)].endswith(" " + texts[id(c)])}
            if len(longer) == 1:
                d = next(iter(longer.values()))
                c.entry, c.type, c.alternatives = d.entry, d.type, ()

    # ------------------------------------------------------------------ organisations

    def heads_first(self) -> None:
        """'Guardia Civil', 'Audiencia Nacional', 'Fiscalía General de la Nación', 'Grupo Roca':
        a head word that begins a Spanish, Portuguese, Italian or French name."""
        texts, n = self.texts, len(self.texts)
        for list_name in ("head-first", "organization-head-first"):
            type_ = self.w.cue(list_name).entity_type
            for i in self.positions(list_name):
                head_end = self.phrase_at(i, list_name)
                if head_end == i or i in self.headline or head_end >= n:
                    continue
                j = head_end
                while j < n and j - head_end < 6:
                    if self.name_ok[j]:
                        j += 1
                        continue
                    k = j
                    while k < n and texts[k] in _JOINERS and k - j < 3:
                        k += 1
                    if k == j or k >= n or not self.name_ok[k]:
                        break
                    j = k
                if j > head_end:
                    self.add(i, j, type_, "org-head")

    def head_phrases(self) -> None:
        """'the Tulcán Chamber of Commerce': a name before a head phrase of cue:organization-head-phrase."""
        for i in self.positions("organization-head-phrase"):
            end = self.phrase_at(i, "organization-head-phrase")
            start = self.run_before(i)
            if end > i and start < i:
                self.add(start, end, "Organization", "org-head")

    def countries_in_agency_names(self) -> None:
        """'the Fiji Revenue and Customs Service', 'the Kenya Revenue Authority': a country's name
        (not its adjective, not a possessive) that begins an agency's name is part of it — unless a
        lexicon knows the name after the country ("US Customs and Border Protection")."""
        texts, lowers = self.texts, self.lowers
        heads = self.w.cue("agency-head")
        for i in self.at_words({word.lower() for word in heads}):
            if i == 0 or texts[i] not in heads or not self.name_ok[i]:
                continue
            j = i
            while j - 1 >= 0 and (self.name_ok[j - 1] and not self.country_ends(j) or lowers[j - 1] in {"and", "&", "of"}
                                  and j - 2 >= 0 and self.name_ok[j - 2] and not self.country_ends(j - 1)):
                j -= 1
            country = self.country_ends(j)
            if country is None or i + 1 - j < 2:
                continue
            if any(c.entry is not None and c.start == j and c.end >= i + 1 for c in self.at.get(j, ())):
                continue
            self.add(country.start, i + 1, "Agency", "org-head", country=country.entry)

    def governments(self) -> None:
        """'the Government of Japan', 'the Japanese Government': the state itself, as 'Washington'
        is (a metonym: the words are no name of it)."""
        texts = self.texts
        for i in self.at_words({"government"}):
            if texts[i] != "Government":
                continue
            before = next((c for c in self.at.get(i - 1, ()) if c.end == i and c.type == "Country"
                           and c.entry is not None), None) if i > 0 else None
            if before is not None:
                self.add(before.start, i + 1, "Country", "metonym", entry=before.entry, is_name=False)
                continue
            j = i + 1
            if j < len(texts) and texts[j] == "of":
                j += 1 + (j + 1 < len(texts) and texts[j + 1] == "the")
                after = next((c for c in self.at.get(j, ()) if c.start == j and c.type == "Country"
                              and c.entry is not None and c.is_name), None)
                if after is not None:
                    self.add(i, after.end, "Country", "metonym", entry=after.entry, is_name=False)

    def country_ends(self, j: int) -> Candidate | None:
        """The country's name (a lexicon name, not an adjective) ending right before token ``j``."""
        return next((c for c in self.at.get(j - 1, ()) if c.end == j and c.type == "Country" and c.cue == "lexicon"
                     and c.is_name), None)

    def police_of_places(self) -> None:
        """'the Khatlon regional police department', 'the Houston police department': a place's police."""
        texts = self.texts
        for i in self.positions("lowercase-agency-suffix"):
            if i == 0 or not self.name_ok[i - 1] or not texts[i].islower():
                continue
            end = self.phrase_at(i, "lowercase-agency-suffix")
            start = self.run_before(i)
            if end == i or start >= i:
                continue
            covering = [c for k in range(start, i) for c in self.at.get(k, ())]
            if any(c.type == "Country" or c.type != "Place" and c.cue not in _WEAK for c in covering):
                continue  # "the Mexican police" (a national body), "the Smith police"
            self.add(start, end, "Agency", "org-head")

    def names_joined_by_and(self, companies: list[Candidate]) -> None:
        """'… of Hyderabad and Kaveri Fine Chemicals': a body's name found across "and" does not
        begin with a known name (a lexicon's, even one context set aside, a person's, or the first
        words of a company's named with its legal form)."""
        if self.lexicon is None:
            return
        from kg.extract.entities.lexmatch import matcher_for

        labels = matcher_for(self.lexicon).label_keys()
        people = {self.doc[c.start:c.end].text for c in self.proposed if c.type == "Person"}
        named = {self.doc[c.start:c.end].text for c in self.proposed if c.type == "Person" and c.cue not in _WEAK}
        for company in companies:
            words_ = self.company_words(company)
            named.update(" ".join(words_[:n]) for n in range(1, len(words_) + 1))
        lowers = self.lowers
        for c in self.proposed:
            if c.cue != "org-head" or c.entry is not None:
                continue
            for k in range(c.start + 1, c.end - 1):
                if lowers[k] in {"and", "of", "'s"}:
                    left = self.doc[c.start:k].text
                    known = "E:" + left in labels or "F:" + left.lower() in labels
                    if lowers[k] == "and" and (known or left in named) or lowers[k] != "and" and left in people | named:
                        # "Hyderabad and …", "Tim Daly of Michael Foods", "Ann Lee's …" (not "Texas Parks and Wildlife")
                        for i in range(c.start, k + 1):
                            self.at[i].remove(c)
                        c.start = k + 1
                    break

    def legal_forms(self) -> list[Candidate]:
        """'Sunrise Pacific Seafood Sdn. Bhd.', 'Ugarit Maritime Services LLC': a name that ends in a
        legal form is a company's, whatever head words it holds."""
        from kg.extract.entities.rules import _phrase_matcher

        doc = self.doc
        matches = sorted(_phrase_matcher("legal-suffix")(doc.spacy), key=lambda m: (m[1], -m[2]))
        found, last_end = [], -1
        for _, s, e in matches:
            if s < last_end:
                continue
            while True:  # "Co., Ltd.", "S.A. de C.V.": legal forms in a row
                nxt = next((m for m in matches if m[1] in {e, e + 1} and m[1] > s
                            and (m[1] == e or doc[e].text in {",", "de"})), None)
                if nxt is None:
                    break
                e = nxt[2]
            last_end = e
            if s == 0 or s in self.headline:
                continue
            name_end = s - 1 if doc[s - 1].text == "," else s
            start, _, known = self.name_span(name_end)
            if known is not None and known.type not in {"Organization", "Agency"} and known.cue not in _WEAK:
                continue
            if start >= name_end or not any(doc[k].is_alpha for k in range(start, name_end)):
                continue
            plain = doc[start:name_end].text
            if name_end - start == 1 and (self.w.is_common(plain) or plain in self.w.cue("person-title")):
                continue  # "Deputy AG", "Limited": no company's name
            c = self.add(start, e, "Organization", "legal-form", aliases=[plain] if plain else [])
            found.append(c)
        return found

    def short_company_names(self, companies: list[Candidate]) -> None:
        """'Sunrise Pacific', 'Kervan': the first words of a company's name, found elsewhere in the
        article, name the company (not a person, not a place inside them)."""
        doc, w = self.doc, self.w
        surnames = {doc[c.end - 1].text for c in self.proposed if c.type == "Person"}
        for company in companies:
            words_ = self.company_words(company)
            for n in range(len(words_), 0, -1):
                prefix = words_[:n]
                if n == 1 and (w.is_common(prefix[0]) or w.is_given_name(prefix[0]) or prefix[0] in surnames
                               or self.lexicon_word(company.start)):
                    continue
                for i in self.occurrences(prefix, company):
                    if prefix_text := " ".join(prefix):
                        if prefix_text not in company.aliases:
                            company.aliases.append(prefix_text)
                        self.add(i, i + n, "Organization", "short-name")

    def company_words(self, company: Candidate) -> list[str]:
        """The words of a company's name before its legal form, a joiner or a lower-case word."""
        words_ = []
        for k in range(company.start, company.end):
            if self.texts[k] in self.w.cue("legal-suffix") or not self.capitalised[k] or self.texts[k] in _JOINERS:
                break
            words_.append(self.texts[k])
        return words_

    def lexicon_word(self, i: int) -> bool:
        return any(c.entry is not None for c in self.at.get(i, ()) if c.start == i and c.end == i + 1)

    def occurrences(self, prefix: list[str], company: Candidate) -> list[int]:
        """Where ``prefix`` stands alone (no name word right before or after it), outside ``company``."""
        texts, n, found = self.doc.texts, len(prefix), []
        for i in range(len(texts) - n + 1):
            if texts[i] != prefix[0] or texts[i:i + n] != prefix or company.start <= i < company.end:
                continue
            if self.name_word(i + n) or (i > 0 and self.name_word(i - 1) and self.sentence_start[i] != i):
                continue
            if any(c.start < i or c.end > i + n for k in range(i, i + n) for c in self.at.get(k, ())
                   if c.cue not in _WEAK and c.entry is None):
                continue  # inside another name the rules found
            found.append(i)
        return found

    # ------------------------------------------------------------------ apposition

    def descriptors(self) -> None:
        """'X, a contract manufacturer in Tekirdag' (the descriptor after the name), 'the second
        company, X,' and 'the anti-corruption group X' (before it)."""
        doc, texts = self.doc, self.texts
        for i in self.at_words({","}):
            if i == 0 or i + 2 >= len(texts):
                continue
            type_ = self.descriptor_after(i + 1)
            if type_ is not None:
                start, end, known = self.name_span(i)
                if start < end and (known is not None or self.name_word(end - 1)):
                    self.retype(start, end, known, type_, "descriptor")
            type_ = self.descriptor_before(i)
            if type_ in {"Organization", "Agency", "business"}:
                self.name_after_descriptor(i + 1, type_, closing={",", "."})
        for i in self.positions(*_DESCRIPTORS):
            if i + 1 < len(doc) and self.name_ok[i + 1] and texts[i].islower():
                type_, end = self.descriptor_at(i)
                if end == i + 1 and type_ in {"Organization", "Agency", "business"} and self.determined(i):
                    self.name_after_descriptor(i + 1, type_, closing=_STOPS | {"and", "said", "says"})

    def listed_after_descriptors(self) -> None:
        """'local gangs such as Los Lobos and Los Choneros', 'ports including Lamu and Kilindini'."""
        texts, n = self.texts, len(self.texts)
        for i in self.positions("list-introducer"):
            k = self.phrase_at(i, "list-introducer")
            type_ = next((t for j in (i - 1, i - 2) if j >= 0 and (t := self.plural_descriptor(j))), None)
            if k == i or type_ is None:
                continue
            while k < n:
                end = self.run_after(k)
                if end == k:
                    break
                self.retype(k, end, self.candidate_ending(end), type_, "descriptor")
                k = end + (end < n and texts[end] in {",", "and", "or"})
                k += k < n and texts[k] in {"and", "or"}

    def plural_descriptor(self, j: int) -> str | None:
        """The type a plural descriptor ("gangs", "companies", "ports") gives the names it lists."""
        text = self.lowers[j]
        if not text.endswith("s") or not self.texts[j].islower():
            return None
        for singular in (text[:-3] + "y" if text.endswith("ies") else None, text[:-1],
                         text[:-2] if text.endswith("es") else None):
            if singular is None:
                continue
            for list_name, own in _DESCRIPTORS.items():
                if singular in self.w.cue(list_name):
                    return own or self.w.cue(list_name).entity_type
        return None

    def name_after_descriptor(self, start: int, type_: str, closing: set[str]) -> None:
        doc = self.doc
        if doc[start].text in self.w.cue("person-title"):
            return
        end = self.run_after(start)
        if start < end < len(doc) and doc[end].text in closing:
            self.retype(start, end, self.candidate_ending(end), type_, "descriptor")

    def determined(self, j: int) -> bool:
        """A determiner or a possessive shortly before token ``j``: 'the second company', "its firm"."""
        doc = self.doc
        return any(doc[k].lower_ in _DETERMINERS or doc[k].text in {"'s", "'"} for k in range(max(j - 4, 0), j))

    def descriptor_after(self, k: int) -> str | None:
        """The type a phrase starting at token ``k`` gives the name before it: ', a Thai national'."""
        doc = self.doc
        if k >= len(doc) or doc[k].lower_ not in _DETERMINERS:
            return None
        followers = self.w.cue("descriptor-follower")
        stop = min(self.sentence_end[k], k + 9)
        for j in range(k + 1, stop):
            if doc[j].text in _STOPS or doc[j].lower_ in followers or doc[j].lower_ in _VERBS:
                return None  # the phrase's head comes before any of these
            type_, end = self.descriptor_at(j)
            if type_ is not None and (end >= stop or doc[end].text in _STOPS or doc[end].lower_ in followers):
                return type_
        return None

    def descriptor_before(self, comma: int) -> str | None:
        """The type of a descriptor phrase ending at token ``comma`` after a determiner: 'the second company,'."""
        if self.lowers[comma - 1] not in _last_words(tuple(_DESCRIPTORS)):
            return None
        for start in range(max(comma - 3, 0), comma):
            type_, end = self.descriptor_at(start)
            if type_ is not None and end == comma and self.determined(start):
                if "of" in self.lowers[max(start - 4, 0):start]:
                    return None  # "the head of that tribunal, Kostas …": the phrase is headed by "head"
                return type_
        return None

    def descriptor_at(self, j: int) -> tuple[str | None, int]:
        if not self.doc[j].text.islower():
            return None, j
        if j > 0 and self.doc[j - 1].text == "-":
            return None, j  # "the show's co-producer", "a film-maker"
        for list_name in _DESCRIPTORS:
            end = self.phrase_at(j, list_name)
            if end > j:
                return _DESCRIPTORS[list_name] or self.w.cue(list_name).entity_type, end
        return None, j

    # ------------------------------------------------------------------ places

    def place_suffixes(self) -> None:
        """'Hamadoni district', 'Khatlon region', 'the Hassia industrial zone'."""
        doc = self.doc
        for i in self.positions("lowercase-place-suffix"):
            if i == 0 or not self.name_ok[i - 1] or not self.texts[i].islower():
                continue
            end = self.phrase_at(i, "lowercase-place-suffix")
            if end == i:
                continue
            start = self.run_before(i)
            if start >= i or any(self.strong_at(k) for k in range(start, i)):
                continue
            if all(self.w.is_common(doc[k].text) for k in range(start, i) if doc[k].is_alpha):
                continue  # "the Lake district", "the Celtic Warriors region": no unknown place's name
            if any(c.cue == "demonym" for k in range(start, i) for c in self.at.get(k, ())):
                continue  # "the Guatemalan border crossing", "the Colombian coast": a country's, no name
            self.add(start, end, "Place", "place-suffix", aliases=[doc[start:i].text])

    def locatives(self) -> None:
        """'based in Navi Mumbai', 'a resident of Kulob', 'east of Tachileik', 'a Mumbai-based firm',
        'a hotel in Marbella', 'a fruit importing company from Seville'."""
        doc = self.doc
        hyphened = self.w.cue("place-suffix-hyphen")
        for i in self.at_words({"-", "in", "of", "from"}):
            lower, token = self.lowers[i], doc[i]
            if lower == "-" and i + 1 < len(doc) and doc[i + 1].lower_ in hyphened and not token.whitespace_ \
                    and i > 0 and not doc[i - 1].whitespace_ and self.name_word(i - 1) \
                    and any(self.descriptor_noun(k) for k in range(i + 2, min(i + 5, len(doc)))):
                start = self.run_before(i)
                if start < i and not any(self.strong_at(k) or self.known_at(k) for k in range(start, i)):
                    self.add(start, i, "Place", "locative")
                continue
            if lower not in {"in", "of", "from"}:
                continue
            if not (self.locative_phrase_ends(i) or lower == "in" and (self.descriptor_noun(i - 1) or self.place_ends(i)
                                                                       or self.premises_noun(i - 1))
                    or lower == "of" and self.company_ends(i)
                    or lower == "from" and self.descriptor_noun(i - 1, ("business-descriptor", "organization-descriptor"))):
                continue
            end = self.run_after(i + 1, limit=3)
            if end > i + 1 and not any(self.strong_at(k) for k in range(i + 1, end)):
                self.retype(i + 1, end, self.candidate_ending(end), "Place", "locative")

    def locative_phrase_ends(self, i: int) -> bool:
        """Whether a phrase of cue:locative-verb ends at token ``i`` ("based in", "north-east of")."""
        table, _ = _phrases("locative-verb")
        lowers = self.lowers
        if i == 0 or lowers[i - 1] not in _before_last_words("locative-verb"):
            return False
        return any(tuple(lowers[j:i + 1]) in table.get(lowers[j], ()) for j in range(max(i - 3, 0), i))

    def known_at(self, i: int) -> bool:
        return any(c.entry is not None for c in self.at.get(i, ()))

    def place_ends(self, i: int) -> bool:
        """'Vilagarcía in Galicia': a place candidate ends right before token ``i``."""
        return any(c.type == "Place" and c.end == i for c in self.at.get(i - 1, ()))

    def company_ends(self, i: int) -> bool:
        """'Kaveri Fine Chemicals of Vapi': a company's name ends right before token ``i``."""
        return i > 0 and self.doc[i - 1].text in self.w.cue("company-head") and any(
            c.type == "Organization" and c.end == i and c.length >= 2 for c in self.at.get(i - 1, ()))

    def descriptor_noun(self, j: int, names=tuple(_DESCRIPTORS)) -> bool:
        """'a company in Penang', 'an exporter in Vapi', 'a company from Seville': a descriptor (of
        the cue lists ``names``: an organisation's or a person's), singular or plural."""
        if j < 0 or not self.doc[j].text.islower():
            return False
        text = self.doc[j].text
        return any(word in self.w.cue(name) for word in (text, text[:-1] if text.endswith("s") else text)
                   for name in names)

    def premises_noun(self, j: int) -> bool:
        """'a hotel in Marbella', 'warehouses in Wetherill Park' (cue:premises-noun)."""
        return self.descriptor_noun(j, ("premises-noun",))

    def coordinated_places(self) -> None:
        """'at the ports of Suva and Lautoka', 'to Manzanillo and Lázaro Cárdenas': names listed with
        a known place after a locative word are places."""
        doc = self.doc
        locative = self.w.cue("locative-preposition")
        for i in self.at_words({"and", "or"}):
            if i == 0 or i + 1 >= len(doc):
                continue
            conjuncts = self.conjuncts(i)
            if len(conjuncts) < 2:
                continue
            places = [c for _, _, c in conjuncts if c is not None and c.entry is not None and c.type == "Place"
                      and not c.ambiguous]
            unknown = [(s, e, c) for s, e, c in conjuncts if c is None or c.cue in _WEAK and c.entry is None]
            if not places or not unknown:
                continue
            first = conjuncts[0][0]
            before = doc[first - 1].lower_ if first > 0 else ""
            plural_of = first > 1 and before == "of" and (doc[first - 2].lower_.rstrip("s") in self.w.cue("locative-noun")
                                                         or doc[first - 2].lower_ in {"cities"})
            if not (before in locative or before in {"to", "from", "between"} or plural_of):
                continue
            for s, e, c in unknown:
                if all(self.w.is_common(doc[k].text) for k in range(s, e) if doc[k].is_alpha):
                    continue  # "in East and Southeast Asia": no unknown name
                if e < len(doc) and (self.capitalised[e] or self.lowers[e] in _VERBS):
                    continue  # "in Chechnya and Shake Hands With The Devil": a title; "at Oldham and Keegan has …": a clause
                if c is not None and c.type == "Person" and e < len(doc) and doc[e].lower_ in {"in", "at", "from"}:
                    continue  # "Marta Salinas in Lima and Rodrigo Vera in Quito": people and where they are
                self.retype(s, e, c, "Place", "coordination")

    def conjuncts(self, conj: int) -> list[tuple[int, int, Candidate | None]]:
        """The names joined by the coordinator at token ``conj`` ("A, B and C"), each with the
        candidate that spans it exactly (or None), in text order; empty when a member is no name."""
        doc = self.doc
        after_end = self.run_after(conj + 1, limit=3)
        c = max((x for x in self.at.get(conj + 1, ()) if x.start == conj + 1), key=lambda x: x.length, default=None)
        if c is not None:
            after_end = c.end
        if after_end == conj + 1:
            return []
        members = [(conj + 1, after_end, c)]
        end = conj
        while end > 0:
            start, _, known = self.name_span(end)
            if start >= end or end - start > 3 and known is None:
                return []
            members.insert(0, (start, end, known))
            if start >= 2 and doc[start - 1].text == "," and self.name_word(start - 2):
                end = start - 1
                continue
            break
        return members


def name_part_after(doc: Doc, e: int, w: Words) -> int:
    """The end of a person's name that ends at token ``e``, with the part a hyphen joins after it
    ('Lau Chi-*wai*', 'Min Jae-*hyeok*', 'Rafael Benítez-*Sandoval*'): a capitalised word that is
    no common English word, or a short lower-case syllable that is none either ('the Xi-*led*
    talks' keeps its name)."""
    if e + 1 >= len(doc) or doc[e].text != "-" or doc[e - 1].whitespace_ or doc[e].whitespace_:
        return e
    part = doc[e + 1].text
    if part.isalpha() and (part.istitle() and not w.is_common(part.lower())
                           or part.islower() and (len(part) <= 3 or len(part) <= 5 and not w.is_common(part))
                           and part not in _NOT_NAME_PARTS and part not in w.cue("name-particle")):
        return e + 2
    return e
