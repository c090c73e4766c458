"""Deciding between candidates: context for lexicon names, then one winner per stretch of text.

Context decides what a known name stands for:

* a capital city stands for its country's government when the text makes it act — a verb of
  saying or acting after it ("Beijing said", "Washington has imposed"), a possessive ("Beijing's
  reluctance"), or words of dealings before it ("No Reply From Beijing", "talks with Washington");
  otherwise it is the city ("at the State Department in Washington", "Brussels-based");
* a place name inside a larger capitalised name is no mention of the place ("the Paris Club",
  "the Athens Olympics", "Partizan Belgrade");
* a generic name of a body ("Foreign Ministry", "Treasury", "Embassy") is the body of the country
  named right before it ("China's Foreign Ministry", "the Chinese Embassy"), or else the one such
  body the article names in full ("the U.S. Congress" … "Congress"), or else that of the country
  the article names most; with none of these it names nothing;
* a label shared by several entries ("Georgia") is read as the country unless used as a location;
* an ambiguous label ("Jordan", "Chad") is kept only with a locative cue, a following region
  ("Victoria, Canada"), or another unambiguous mention of the same entry in the article; an
  ambiguous substance name ("precursor", "crack") when the article names another substance
  plainly; an ambiguous news organisation ("Bloomberg") next to a verb of reporting
  ("Bloomberg reported", "told Bloomberg", "according to Bloomberg").

Then, where candidates overlap, the longer one wins, and at equal length the stronger cue.
"""

from __future__ import annotations

from kg.extract.text import Tokens as Doc

from kg.extract.entities.base import Candidate, Words

__all__ = ["decide_lexical", "select"]


def _locative(doc: Doc, c: Candidate, words: Words) -> bool:
    locative = words.cue("locative-preposition")
    before = doc[c.start - 1].lower_ if c.start > 0 else ""
    before2 = doc[c.start - 2 : c.start].text.lower() if c.start > 1 else ""
    if before in locative or before2 in locative:
        return True
    after = doc[c.end : c.end + 2].text if c.end < len(doc) else ""
    return after.startswith(", D.C") or after.startswith(",") and c.end + 1 < len(doc) and doc[c.end + 1].text in {"D.C.", "DC"}


def _listed_with_country(doc: Doc, c: Candidate, candidates: list[Candidate]) -> bool:
    """'through Mali *and Niger*', '*Niger*, Chad and Mali': a country name in a list of countries."""
    joins = {"and", "or", ","}
    before = c.start >= 2 and doc[c.start - 1].lower_ in joins and any(
        o.end == c.start - 1 and o.type == "Country" and not o.ambiguous for o in candidates)
    after = c.end + 1 < len(doc) and doc[c.end].lower_ in joins and any(
        o.start == c.end + 1 and o.type == "Country" and not o.ambiguous for o in candidates)
    return before or after


def _reported(doc: Doc, c: Candidate, words: Words) -> bool:
    """'Bloomberg reported', 'told Bloomberg', 'according to Bloomberg': a source of news."""
    verbs = words.cue("reporting-verb")
    after = doc[c.end].lower_ if c.end < len(doc) else ""
    before = doc[c.start - 1].lower_ if c.start > 0 else ""
    before2 = doc[c.start - 2 : c.start].text.lower() if c.start > 1 else ""
    return after in verbs or before in verbs or before2 in verbs


def _agentive(doc: Doc, c: Candidate, words: Words) -> bool:
    """Whether a capital is made to act, as governments do."""
    after = doc[c.end].lower_ if c.end < len(doc) else ""
    before = doc[c.start - 1].lower_ if c.start > 0 else ""
    if after == "'s":
        following = [doc[i].lower_ for i in range(c.end + 1, min(c.end + 3, len(doc)))]
        return any(w in words.cue("stance-noun") for w in following)
    moving = c.start > 1 and doc[c.start - 2].lower_ in words.cue("movement-word")  # "transport from Bangkok"
    return (
        after in words.cue("speech-verb") or after in words.cue("agentive-follower")
        or before in words.cue("dealings-preposition") and not moving
        or (after.endswith("ed") and len(after) > 4 and after.isalpha())  # "Beijing scheduled …"
    )


def _inside_larger_name(doc: Doc, c: Candidate, words: Words, others: list[Candidate]) -> bool:
    """'the Paris Club', 'Partizan Belgrade': capitalised words right before or after the name."""
    def part_of_name(i: int) -> bool:
        if i < 0 or i >= len(doc) or (i > c.start and doc[i - 1].text == ","):
            return False
        token = doc[i]
        if not words.is_capitalised(token) or token.text in words.cue("not-a-name") or token.text in words.cue("person-title"):
            return False
        return not any(o.start <= i < o.end for o in others if o is not c)
    sentence_initial = c.start == 0 or doc[c.start - 1].is_space or doc[c.start - 1].text in {".", '"', "(", ":"}
    return part_of_name(c.end) or (not sentence_initial and part_of_name(c.start - 1) and doc[c.start - 1].text != "The")


def _country_before(doc: Doc, c: Candidate, candidates: list[Candidate]) -> Candidate | None:
    """The country named right before ``c``: "Chinese Embassy", "China's Foreign Ministry"."""
    j = c.start
    if j >= 1 and doc[j - 1].text in {"'s", "'"}:
        j -= 1
    for o in candidates:
        if o.end == j and o.type == "Country" and o.entry is not None:
            return o
    return None


def _national_bodies(lexicon) -> dict[str, list]:
    """Generic head key → the national bodies filed under it (``skos:broader``)."""
    cached = getattr(lexicon, "_kg_national_bodies", None)
    if cached is None:
        cached = {}
        for entry in lexicon.entries:
            for generic in getattr(entry, "broader", ()):
                cached.setdefault(generic, []).append(entry)
        try:
            lexicon._kg_national_bodies = cached
        except AttributeError:
            pass
    return cached


def _generic(doc: Doc, c: Candidate, candidates: list[Candidate], lexicon, countries: dict[str, int],
             plain_keys: set[str]) -> Candidate | None:
    """A generic body name made specific by its country, or None."""
    bodies = _national_bodies(lexicon).get(c.entry.key, [])
    before = _country_before(doc, c, candidates)
    if before is not None:
        country = before.entry
        national = [b for b in bodies if b.jurisdiction == country.key]
        c.aliases.append(doc[before.start:c.end].text)  # "Chinese Embassy"
        if len(national) == 1:
            c.entry, c.type = national[0], national[0].type
        else:
            c.entry, c.country, c.cue = None, country, "org-head"
        return c
    named = [b for b in bodies if b.key in plain_keys]
    if len(named) == 1:  # "Congress" after "the U.S. Congress": the body the article already named
        c.entry, c.type = named[0], named[0].type
        return c
    national = [b for b in bodies if b.jurisdiction in countries]
    if len(national) > 1:  # the body of the country the article names most
        most = max(countries[b.jurisdiction] for b in national)
        national = [b for b in national if countries[b.jurisdiction] == most]
    if len(national) == 1:
        c.entry, c.type = national[0], national[0].type
        return c
    return None


def decide_lexical(doc: Doc, candidates: list[Candidate], words: Words, lexicon,
                   headline: set[int] = frozenset()) -> list[Candidate]:
    """Resolve metonyms, shared labels and ambiguous labels of lexicon candidates by context."""
    plain_keys = {c.entry.key for c in candidates if c.entry is not None and not c.ambiguous}
    plain_substance = any(c.type == "Substance" and not c.ambiguous for c in candidates)
    countries: dict[str, int] = {}
    for o in candidates:
        if o.type == "Country" and not o.ambiguous and o.entry is not None:
            countries[o.entry.key] = countries.get(o.entry.key, 0) + 1
    decided = []
    for c in candidates:
        if c.entry is not None and getattr(c.entry, "category", None) == "generic" and c.type == "Agency":
            c = _generic(doc, c, candidates, lexicon, countries, plain_keys)
            if c is None:
                continue
            if c.entry is None:
                decided.append(c)
                continue
        entries = [c.entry, *c.alternatives]
        locative = _locative(doc, c, words)
        in_context = (
            (c.type == "Substance" and plain_substance)
            or (c.type == "Organization" and _reported(doc, c, words))
        )
        if c.ambiguous and c.end < len(doc) and doc[c.end].lower_ in words.cue("verb-particle"):
            continue  # "crack down on": a verb
        after_place = (  # "in Falkland, B.C.": a region after a place name and a comma
            c.type == "Place" and c.start >= 2 and doc[c.start - 1].text == ","
            and words.is_capitalised(doc[c.start - 2])
        )
        if c.ambiguous and not locative and not in_context and not after_place and c.entry.key not in plain_keys:
            region_follows = (
                c.end + 1 < len(doc) and doc[c.end].text == ","
                and any(o.start == c.end + 1 and o.type in {"Place", "Country"} for o in candidates)
            )
            if not region_follows and not _listed_with_country(doc, c, candidates):
                continue
        if len(entries) > 1:
            preferred = [e for e in entries if e.type == "Place"] if locative else [e for e in entries if e.type == "Country"]
            chosen = (preferred or entries)[0]
            c.entry, c.type = chosen, chosen.type
        if (c.type == "Place" and c.cue == "lexicon" and c.start not in headline
                and _inside_larger_name(doc, c, words, candidates)):
            continue
        capital_of = getattr(c.entry, "capital_of", None)
        if c.type == "Place" and capital_of and not locative and _agentive(doc, c, words):
            country = lexicon.by_key.get(capital_of)
            if country is not None:
                c.entry, c.type, c.is_name, c.cue = country, country.type, False, "metonym"
        decided.append(c)
    return decided


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping winners, in text order: longest first, then the strongest cue — except that
    a name its acronym confirms beats one that cuts across it ("the Council of National
    Coordinators of the Central Asian Regional Information and Coordination Centre (CARICC)") or
    that stretches it back into another name ("the U.S. Department of the *Treasury's Office of
    Foreign Assets Control* (OFAC)")."""
    chosen: list[Candidate] = []
    taken: set[int] = set()
    confirmed = [c for c in candidates if c.cue == "acronym"]
    candidates = [c for c in candidates if not any(_crosses(c, a) for a in confirmed)
                  and not _reaches_back(c, confirmed, candidates)]
    for c in sorted(candidates, key=lambda c: (-c.length, -c.strength, c.start)):
        if any(i in taken for i in range(c.start, c.end)):
            # A weaker duplicate of a winner still lends its acronym to it.
            for winner in chosen:
                if winner.start == c.start and winner.end == c.end and c.aliases:
                    winner.aliases.extend(a for a in c.aliases if a not in winner.aliases)
            continue
        chosen.append(c)
        taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _reaches_back(c: Candidate, confirmed: list[Candidate], candidates: list[Candidate]) -> bool:
    """Whether ``c`` ends with a name its acronym confirms and starts inside another name."""
    return any(c.start < a.start and a.end == c.end for a in confirmed) and any(_crosses(c, b) for b in candidates)


def _crosses(c: Candidate, other: Candidate) -> bool:
    """Whether ``c`` overlaps ``other`` without either holding the other."""
    return c.start < other.end and other.start < c.end and not (
        c.start <= other.start and other.end <= c.end or other.start <= c.start and c.end <= other.end)
