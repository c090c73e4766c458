"""Relations stated by the shape of names rather than by a verb: affiliations and parts.

Affiliation (person → agency, organisation or country, with the role):

* a title between a body and a name: "CBS News Chief Foreign Affairs Correspondent Margaret
  Brennan", "Chinese President Xi Jinping", "U.S. Secretary of State Antony Blinken";
* an apposition: "Murat Nurtleu, Minister of Foreign Affairs for Kazakhstan", "Wang Wenbin, a
  spokesman for the Chinese Foreign Ministry", "Anne Milgram of the DEA";
* a government named after its leader: "President Joe Biden" and "the Biden administration";
* a title that belongs to one country's government (``cue:us-title``: "Secretary of State Antony
  Blinken") when the article names that country.

PartOf (agency → agency or country):

* a possessive: "the Ministry of Public Security's Institute of Forensic Science", "China's
  Ministry of Commerce";
* a country right before an agency: "the Mexican Navy", "U.S. Customs and Border Protection";
* what the lexicon knows (``kg:jurisdiction``, ``kg:parentAgency``), when the article names both.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.text import Span, Tokens as Doc

from kg.extract.cues import CueList
from kg.extract.relations.context import Arg, Args

__all__ = ["Structural", "affiliations", "parts"]

_BODY_TYPES = {"Agency", "Organization", "Country"}
_APPOSITION_LINKS = {"of", "for", "at", "with", "to", "in", "the", "'s", "and"}
_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their"}


@dataclass(frozen=True)
class Structural:
    """A relation found from the shape of names: type, subject, object, role, the token it rests on."""

    type: str
    subject: Arg
    object: Arg
    role: str | None
    token: int
    weight: float


_ROLE_GLUE = {"of", "for", "and", "the", "-", "elect", "former", "then", "ex", "acting", "interim", "deputy",
              "'s", ")", "senior", "chief", "top", "general", "assistant", "associate", "executive", "special"}


#: Words that never describe a role between a body and a name ("the OMB *under* President
#: Clinton", "AP *quoted* prosecutor X").
_NOT_ROLE_WORDS = {"under", "by", "with", "and", "or", "to", "from", "at", "in", "on", "as", "the", "a", "an", "for",
                   "of", "said", "says", "told", "tells", "quoted", "quotes", "asked", "thanked", "named", "led"}


def _role_words(doc: Doc, start: int, end: int, titles: CueList, heads: CueList) -> str | None:
    """The words ``start:end`` if they form a title ("Chief Foreign Affairs Correspondent",
    "President-elect", "executive director")."""
    if end <= start or end - start > 7:
        return None
    tokens = [doc[i] for i in range(start, end)]
    def head(t) -> bool:
        return t.text in heads or t.text in titles or t.lower_ in heads

    if not any(head(t) for t in tokens):
        return None
    # "Canada's prime minister, Justin Trudeau": after a possessive, any words that end in a head;
    # "UNODC regional representative Inés Carrasco": a word or two before a head
    loose = tokens[0].text in {"'s", "'"} and head(tokens[-1]) or len(tokens) <= 3 and head(tokens[-1]) and all(
        t.lower_ not in _NOT_ROLE_WORDS and not t.lower_.endswith("ed") for t in tokens[:-1])
    for t in tokens:
        if not (t.text[:1].isupper() or t.lower_ in _ROLE_GLUE or head(t) or (loose and t.text.isalpha())):
            return None
    role = " ".join(t.text for t in tokens if t.text not in {"'s", ")"}).replace(" - ", "-").strip(" ,")
    return role or None


def affiliations(doc: Doc, sentences: list[Span], args: Args, cues: dict[str, CueList],
                 entity_keys: set[str]) -> list[Structural]:
    titles, heads = cues["person-title"], cues["person-role-head"]
    found: list[Structural] = []
    people = [a for a in args.args if a.type == "Person"]
    for p in people:
        sentence = next((s for s in sentences if s.start <= p.start < s.end), None)
        if sentence is None:
            continue
        # a body, then a title, then the name
        body = next((a for a in reversed(args.args) if a.end <= p.start and p.start - a.end <= 8
                     and a.start >= sentence.start and a.type in _BODY_TYPES), None)
        if body is not None:
            end = _before_titles(doc, body.end, p.start, titles, cues["honorific"])
            end = end - 1 if doc[end - 1].text == "," else end  # "Europol's executive director, Catherine De Bolle"
            role = _role_words(doc, body.end, end, titles, heads)
            between = [a for a in args.args if body.end <= a.start and a.end <= p.start]
            if role is not None and not between and (body.type != "Country" or _public(role, cues)):
                found.append(Structural("Affiliation", p, body, role, p.start, 0.85))
                continue
        # a title of one country's government, the country named elsewhere in the article
        us_title = cues.get("us-title")
        if us_title is not None and us_title.implies in entity_keys:
            title_start = max(sentence.start, p.start - 5)
            preceding = doc[title_start : p.start].text
            title = next((t for t in sorted(us_title.words, key=len, reverse=True) if preceding.endswith(t)), None)
            if title is not None:
                country = Arg(p.start, p.start, us_title.implies, "Country", us_title.implies, via="title")
                found.append(Structural("Affiliation", p, country, title, p.start, 0.65))
        # an apposition: the name, a comma, a title, then of/for/at … the body
        apposed = _apposition(doc, sentence, p, args, titles, heads, cues)
        found.extend(apposed)
        if apposed:
            continue
        # the role first: "the head of FEMDO, Omar Nájera", "two directors of Kaveri Fine Chemicals, A and B"
        role_first = _role_of_body_before(doc, sentence, p, args, heads, cues)
        found.extend(role_first)
        if role_first:
            continue
        # "its director, Liang Haifeng": the body the sentence spoke of last
        found.extend(_its_role(doc, sentence, p, args, heads))
        # "a Mexican delegation led by Foreign Minister Juan Ramón de la Fuente": a government
        # title with no body beside it, and a country named earlier in the sentence
        found.extend(_titled_in_country(doc, sentence, p, args, cues["government-title"]))
    found.extend(_administrations(people, args))
    return found


def _before_titles(doc: Doc, start: int, name: int, titles: CueList, honorifics: CueList) -> int:
    """Where the titles and honorifics right before a name begin, after a comma ("NAFDAC's
    Director-General, *Prof.* Ngozi Ekwueme", "the NDLEA Chairman, *Brig. Gen.* Musa Garba");
    else ``name``."""
    i = name
    while i - 1 > start and (doc[i - 1].text in honorifics or doc[i - 1].text in titles):
        i -= 1
    return i if i < name and doc[i - 1].text == "," else name


def _public(role: str, cues: dict[str, CueList]) -> bool:
    """Whether a role held for a country is a public one ("Foreign Minister", "police chief"), not
    a nationality before a trade ("Dutch director", "British actor")."""
    words = role.lower().replace("-", " ").split()
    public = cues["public-role-word"]
    return any(w in public for w in words) or role in cues["government-title"]


def _without_trailing_links(role: str) -> str:
    """The role words without the link words that end them ("spokeswoman for the" → "spokeswoman").

    >>> _without_trailing_links("spokeswoman for the"), _without_trailing_links("head of")
    ('spokeswoman', 'head')
    """
    while True:
        words = role.rsplit(" ", 1)
        if len(words) < 2 or words[1].lower() not in _APPOSITION_LINKS:
            return role
        role = words[0].rstrip()


def _its_role(doc: Doc, sentence: Span, p: Arg, args: Args, heads: CueList) -> list[Structural]:
    i = p.start - 1
    if i < sentence.start + 2 or doc[i].text != ",":
        return []
    j = i - 1
    while j > sentence.start and j > i - 5 and doc[j].lower_ not in {"its", "their"}:
        if not (doc[j].text.islower() or doc[j].like_num):
            return []
        j -= 1
    if doc[j].lower_ not in {"its", "their"} or not any(doc[k].lower_ in heads for k in range(j + 1, i)):
        return []
    body = args.last_before(j, {"Agency", "Organization"}, within=40)
    if body is None:
        return []
    return [Structural("Affiliation", p, body, doc[j + 1 : i].text, p.start, 0.7)]


def _titled_in_country(doc: Doc, sentence: Span, p: Arg, args: Args, government: CueList) -> list[Structural]:
    title = None
    for n in (3, 2, 1):
        if p.start - n >= sentence.start and doc[p.start - n : p.start].text in government:
            title = doc[p.start - n : p.start].text
            break
    if title is None:
        return []
    title_start = p.start - len(title.split())
    country = next((a for a in reversed(args.args) if a.type == "Country" and sentence.start <= a.start
                    and a.end <= title_start), None)
    if country is None or title_start - country.end > _TITLE_REACH:
        return []  # "the Bulgarian visas scandal that led to the resignation of immigration minister X": far off
    return [Structural("Affiliation", p, country, title, p.start, 0.55)]


#: Words at most between a country and a government title for the title to be that country's
#: ("a Mexican delegation led by Foreign Minister …", "Uzbekistan's delegation was led by Deputy
#: Interior Minister …").
_TITLE_REACH = 6


def _after_in(doc: Doc, start: int) -> bool:
    """Whether "in" (and "the") stands right before token ``start``."""
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 0 and doc[k].lower_ == "in"


def _of_state(doc: Doc, end: int, sentence_end: int, cues: dict[str, CueList]) -> bool:
    """Whether the noun after a country's name is its government or a public body of it ("the
    Mexican government", "the US embassy", "Colombian police")."""
    return end < sentence_end and (doc[end].lower_ in cues["government-noun"] or doc[end].lower_ in cues["public-role-word"])


def _modifies_noun(doc: Doc, end: int, sentence_end: int) -> bool:
    """Whether a lower-case noun follows the name: a country word describing it ("US sales arm")."""
    return end < sentence_end and doc[end].is_alpha and doc[end].text.islower()


def _apposition(doc: Doc, sentence: Span, p: Arg, args: Args, titles: CueList, heads: CueList,
                cues: dict[str, CueList]) -> list[Structural]:
    speech = cues["speech-verb"]
    i = p.end
    if i < sentence.end and doc[i].lower_ == "of":
        body = args.at.get(i + 1) or (args.at.get(i + 2) if i + 2 < sentence.end and doc[i + 1].lower_ == "the" else None)
        if body is not None and body.type in _BODY_TYPES - {"Country"}:  # "Iveta Benesova of the Czech Republic": where from
            return [Structural("Affiliation", p, body, None, p.start, 0.7)]
        return []
    if i >= sentence.end or doc[i].text != ",":
        return []
    j = i + 1
    if j < sentence.end and doc[j].lower_ in {"and", "or", "but"}:
        return []  # "A, and the Belgian Minister of the Interior, B": the next item of a list
    if j + 1 < sentence.end and doc[j].like_num and doc[j + 1].text == ",":
        j += 2  # "Bhavesh Lathiya, 39, a founder of …"
    if j < sentence.end and doc[j].lower_ in {"of", "from", "at", "with"}:
        # "Farida Okonjo-Baptiste, of the anti-corruption group Clean Money Watch"
        for k in range(j + 1, min(j + 7, sentence.end)):
            if doc[k].text in {",", ";", "."}:
                break
            body = args.at.get(k)
            if body is not None:
                return [Structural("Affiliation", p, body, None, p.start, 0.7)] if body.type in _BODY_TYPES - {"Country"} else []
        return []
    if j < sentence.end and doc[j].lower_ in _DETERMINERS:
        j += 1
    owner = args.at.get(j)
    if owner is not None and owner.type in _BODY_TYPES - {"Country"} and owner.end + 1 < sentence.end \
            and doc[owner.end].text in {"'s", "'"}:
        # "Anand Krishnamurthy, the DEA's Regional Director for East Asia", "Selin Aydoğan, Kervan's chief executive"
        k = owner.end + 1
        while k < min(owner.end + 6, sentence.end) and doc[k].text not in {",", ";", "."}:
            if doc[k].text in heads or doc[k].lower_ in heads or doc[k].text in titles:
                return [Structural("Affiliation", p, owner, doc[owner.end + 1 : k + 1].text, p.start, 0.8)]
            k += 1
        return []
    saw_head = False
    for k in range(j, min(j + 10, sentence.end)):
        token = doc[k]
        if token.text in {",", ";", "."} or token.text == '"' or token.lower_ in speech:
            return []  # "…, an analyst at Nomura told the BBC's …": the apposition ends at the verb
        body = args.at.get(k)
        if (body is not None and body.type == "Country" and not saw_head and body.end < sentence.end
                and (doc[body.end].text in titles or doc[body.end].text in heads)):
            role = doc[body.end : min(body.end + 3, sentence.end)].text  # "the U.S. Attorney for …"
            if not _public(role, cues):
                return []  # "Cary Leahy, senior US economist at Deutsche Bank": a beat, not an employer
            return [Structural("Affiliation", p, body, role, p.start, 0.75)]
        if body is not None and body.type in _BODY_TYPES and saw_head:
            if body.start > j and doc[body.start - 1].lower_ not in _APPOSITION_LINKS and not doc[body.start - 1].text[:1].isupper():
                return []
            if body.type == "Country" and not _of_state(doc, body.end, sentence.end, cues) and (
                    _after_in(doc, body.start) or _modifies_noun(doc, body.end, sentence.end)):
                return []  # "managing director of T-Mobile in the UK", "chief of Toyota's US sales arm"
            role = _without_trailing_links(doc[j : body.start].text.strip())
            return [Structural("Affiliation", p, body, role or None, p.start, 0.8)]
        if token.text in heads or token.text.lower() in heads or token.text in titles:
            saw_head = True
    return []


def _role_of_body_before(doc: Doc, sentence: Span, p: Arg, args: Args, heads: CueList,
                         cues: dict[str, CueList]) -> list[Structural]:
    """'The head of FEMDO, Omar Nájera Tlapale', 'two directors of Kaveri Fine Chemicals, Rajesh
    Venkataraman and Hitesh Parmar', 'the Minister of the Interior of Ecuador, Juan Cárdenas': a
    role of a body (of a country, a public one), a comma, then the name (or names joined to the
    first by "and")."""
    i = p.start - 1
    while i > sentence.start and (doc[i].text[:1].isupper() or doc[i].lower_ == "and" or doc[i].text == ",") \
            and not (doc[i].text == "," and (i - 1 < sentence.start or args.at.get(i - 1) is None
                                              or args.at[i - 1].type != "Person")):
        i -= 1  # back over the names before this one ("A and B", "A, B and C")
    if i <= sentence.start or doc[i].text != ",":
        return []
    before = i - 1
    if doc[before].text == ")" and before - 2 > sentence.start and doc[before - 2].text == "(":
        before -= 3  # "the Narcotics Control Commission (NACOC), Mr. Kwabena Asante-Mensah"
    body = args.at.get(before)
    if body is None or body.type not in _BODY_TYPES or body.start - 2 < sentence.start:
        return []
    k = body.start - 1
    country = args.at.get(k)
    if country is not None and country.type == "Country" and country.end == body.start:
        k = country.start - 1  # "the Commissioner-General of the *Belgian* Federal Police, Kristof …"
    if doc[k].lower_ == "the":
        k -= 1
    sender = args.at.get(k - 1) if doc[k].lower_ == "to" else None
    if sender is not None and sender.type == "Country" and sender.start - 2 >= sentence.start:
        # "the Ambassador of Japan to Fiji, Hiroshi Tanabe": the envoy of the first
        body, k = sender, sender.start - 1
    if doc[k].lower_ not in {"of", "at", "for"}:
        return []
    start = k - 1  # the role phrase: "Director-General", "Minister of the Interior"
    while start - 1 >= sentence.start and k - start < 6 and doc[start - 1].text != "," \
            and (doc[start - 1].lower_ not in {"the", "a", "an", "its", "his", "her", "their"}
                 or start - 2 >= sentence.start and doc[start - 2].lower_ in {"of", "for"}) \
            and args.at.get(start - 1) is None:
        start -= 1
    words = [w for t in doc[start:k] for w in t.text.split("-")]
    if not any(w in heads or w.lower().rstrip("s") in heads for w in words):
        return []
    role = doc[start:k].text
    if body.type == "Country" and not _public(role, cues):
        return []
    return [Structural("Affiliation", p, body, role, p.start, 0.75)]


def _named_for_country(doc: Doc, args: Args, lexicon) -> list[Structural]:
    """'the Fiji Police Force', 'the Royal Malaysia Police', 'the Colombian National Police': a
    body whose name holds a country's name or demonym is part of that country."""
    if lexicon is None:
        return []
    found, seen = [], set()
    for a in args.args:
        if a.type != "Agency" or a.key in seen or a.end - a.start < 2:
            continue
        seen.add(a.key)
        for i in range(a.start, a.end - 1):
            if i > a.start and doc[i - 1].text in {"-", "–"} and not doc[i - 1].whitespace_:
                continue  # "the Inter-American Drug Abuse Control Commission" is no body of the US
            label = doc[i].text
            if i + 2 < a.end and doc[i + 1].text in {"-", "–"} and not doc[i].whitespace_ and not doc[i + 1].whitespace_:
                label = doc[i:i + 3].text  # "the Judicial Police of Guinea-Bissau" is no body of Guinea
            countries = [e for e in lexicon.entries_for_label(label) if e.type == "Country"]
            if len(countries) == 1 and countries[0].key != a.key:
                c = countries[0]
                found.append(Structural("PartOf", a, Arg(a.start, a.end, c.key, "Country", c.label, via="name"),
                                        None, a.start, 0.7))
                break
    return found


def _administrations(people: list[Arg], args: Args) -> list[Structural]:
    """'President Joe Biden' and 'the Biden administration' in one article."""
    found = []
    for a in args.args:
        if a.type != "Agency" or not a.label.lower().endswith((" administration", " government")):
            continue
        leader = a.label.split()[0]
        for p in people:
            if p.label.split()[-1] == leader and len(p.label.split()) >= 2:
                found.append(Structural("Affiliation", p, a, None, p.start, 0.7))
                break
    return found


def parts(doc: Doc, args: Args, lexicon, entity_keys: set[str]) -> list[Structural]:
    found: list[Structural] = []
    for a, b in zip(args.args, args.args[1:]):
        between = doc[a.end : b.start].text.strip()
        if a.type == "Agency" and b.type in {"Agency", "Country"} and between in {"of", "of the"}:
            # "the Anti-Narcotics Directorate of the Colombian National Police", "FEMDO of the FGR"
            found.append(Structural("PartOf", a, b, None, a.start, 0.7))
            continue
        if b.type != "Agency":
            continue
        if a.type in {"Agency", "Country"} and between in {"'s", "'"}:
            found.append(Structural("PartOf", b, a, None, b.start, 0.8))
        elif a.type == "Country" and between == "":
            found.append(Structural("PartOf", b, a, None, b.start, 0.75))
    found.extend(_named_for_country(doc, args, lexicon))
    if lexicon is not None:
        first: dict[str, Arg] = {}
        for a in args.args:
            first.setdefault(a.key, a)
        for key, a in first.items():
            entry = lexicon.by_key.get(key) if a.type == "Agency" else None
            if entry is None:
                continue
            for whole in (getattr(entry, "parent", None), getattr(entry, "jurisdiction", None)):
                if whole and whole in first:
                    w = first[whole]
                    found.append(Structural("PartOf", a, w, None, a.start, 0.7))
    return found
