"""Hand-built extractors for tests: real extractors (the contract of :mod:`kg.extract`) driven by
small tables instead of NLP, so the graph half of kg can be tested before the real extractors exist.

``HandBuilt`` finds the names of :data:`ENTITIES` in any article (word-bounded, case-sensitive) and
states a relation of :data:`RULES` in a sentence that names its arguments and holds its cue words.
Use it as ``kg build --extractor tests.fixtures_extractor:HandBuilt``.

``Hostile`` turns every article into entities with hostile names and keys (quotes, angle
brackets, backslashes, NUL, a lone surrogate, N-Triples syntax), related to each other.
"""

from __future__ import annotations

import re

from kg.model import Article, Entity, Evidence, Extraction, Mention, Relation, mint_key

#: (key, type, label, names, wikidata)
ENTITIES = [
    ("country/cn", "Country", "China", ["China", "Chinese", "PRC", "Beijing"], "Q148"),
    ("country/us", "Country", "United States", ["United States", "U.S.", "US", "America"], "Q30"),
    ("country/mx", "Country", "Mexico", ["Mexico"], "Q96"),
    (mint_key("Person", "Antony Blinken"), "Person", "Antony Blinken", ["Antony Blinken", "Anthony Blinken", "Blinken"], "Q7829"),
    (mint_key("Person", "Joe Biden"), "Person", "Joe Biden", ["Joe Biden", "Biden"], "Q6279"),
    (mint_key("Person", "Xi Jinping"), "Person", "Xi Jinping", ["Xi Jinping", "Xi"], None),
    (mint_key("Person", "Jake Sullivan"), "Person", "Jake Sullivan", ["Jake Sullivan"], None),
    ("agency/state-department", "Agency", "US State Department", ["State Department"], None),
    ("agency/china-mps", "Agency", "Ministry of Public Security", ["Ministry of Public Security"], None),
    ("agency/china-ifs", "Agency", "Institute of Forensic Science", ["Institute of Forensic Science"], None),
    ("agency/us-commerce", "Agency", "Commerce Department", ["Commerce Department"], None),
    ("organization/cbs-news", "Organization", "CBS News", ["CBS News"], None),
    ("substance/fentanyl", "Substance", "fentanyl", ["fentanyl", "Fentanyl"], "Q407541"),
    ("substance/precursors", "Substance", "precursor chemicals", ["precursors", "chemicals"], None),
]

_KEY = {label: key for key, _, label, _, _ in ENTITIES}

#: (type, subject, object, substance, status, role, cue words every one of which the sentence holds)
RULES = [
    ("Sanction", "United States", "Ministry of Public Security", None, "lifted", None, ["lifting sanctions"]),
    ("Sanction", "United States", "Institute of Forensic Science", None, "lifted", None, ["lifting sanctions"]),
    ("Sanction", "Joe Biden", "China", None, "lifted", None, ["lift sanctions"]),
    ("Sanction", "Commerce Department", "Institute of Forensic Science", None, "imposed", None, ["Entity List"]),
    ("PartOf", "Institute of Forensic Science", "Ministry of Public Security", None, None, None, ["’s Institute"]),
    ("SupplyFlow", "China", "Mexico", "precursor chemicals", None, None, ["moving"]),
    ("SupplyFlow", "China", "United States", "fentanyl", None, None, ["coming to"]),
    ("Control", "China", None, "fentanyl", None, None, ["scheduled"]),
    ("Pledge", "China", None, "fentanyl", None, None, ["promised"]),
    ("Pledge", "China", None, "fentanyl", None, None, ["agreed"]),
    ("Affiliation", "Antony Blinken", "US State Department", None, None, "Secretary of State", ["Secretary of State"]),
    ("Meeting", "Xi Jinping", "Joe Biden", None, None, None, ["meeting"]),
    ("Membership", "United States", "China", None, None, None, ["joining"]),
    ("Cooperation", "China", "United States", None, None, None, ["cooperation"]),
]

# a sentence ends at . ! or ? (and a closing quote) before white space, unless the full stop
# closes an initial such as the "S." of "U.S."
_BOUNDARY = re.compile(r"(?<!\b[A-Z])[.!?]+[\"”’]?(?=\s)|\n")


def _sentences(text: str):
    start = 0
    for match in [*_BOUNDARY.finditer(text), None]:
        end = match.end() if match else len(text)
        chunk = text[start:end]
        s = start + len(chunk) - len(chunk.lstrip())
        e = end - (len(chunk) - len(chunk.rstrip()))
        if e > s:
            yield s, e
        start = end


def _find(names, text, start=0, end=None):
    end = len(text) if end is None else end
    for name in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text[start:end]):
            yield start + m.start(), start + m.end(), name


class HandBuilt:
    """Entities and relations from the tables above, in any article."""

    name = "tests.handbuilt"
    version = "1"

    def extract(self, article: Article, found: Extraction) -> Extraction:
        out = Extraction(article)
        text = article.text
        for key, type_, label, names, wikidata in ENTITIES:
            hits = list(_find(names, text))
            if hits:
                out.entities[key] = Entity(key, type_, label, {n for _, _, n in hits}, wikidata)
                for s, e, n in hits:
                    out.mentions.append(Mention(s, e, n, type_, key, cue="table"))
        for start, end in _sentences(text):
            sentence = text[start:end]
            for type_, subject, object_, substance, status, role, cues in RULES:
                if not all(c in sentence for c in cues):
                    continue
                args = [a for a in (subject, object_, substance) if a]
                if not all(_KEY[a] in out.entities and any(_find(dict((e[2], e[3]) for e in ENTITIES)[a], text, start, end))
                           for a in args):
                    continue
                out.relations.append(Relation(
                    type_, _KEY[subject], _KEY.get(object_), _KEY.get(substance), status, role,
                    confidence=0.8, extractor=f"{self.name}/{self.version}",
                    evidence=[Evidence(article.id, start, end, sentence)],
                ))
        return out


class Wrong(HandBuilt):
    """:class:`HandBuilt`, but every sanction gets a status the shapes refuse (``"maybe"``)."""

    name = "tests.wrong"

    def extract(self, article: Article, found: Extraction) -> Extraction:
        out = super().extract(article, found)
        for relation in out.relations:
            if relation.type == "Sanction":
                relation.status = "maybe"
        return out


#: Names no IRI or literal may be broken by.
HOSTILE_NAMES = [
    'John "Jabo" Smith <CEO>',
    "x> . <a> <b> <c",
    "O'Brien \\ back\\slash",
    "nul\x00byte",
    "lone \ud800 surrogate",
    '"""triple quotes"""',
    "tab\tand\nnewline",
    "%41 percent-encoded",
    "../../etc/passwd",
]


class Hostile:
    """Entities named (and keyed) with :data:`HOSTILE_NAMES`, a Sanction between the first two,
    and a Meeting of every other pair, each cited by the article's first sentence."""

    name = "tests.hostile"
    version = "1"

    def extract(self, article: Article, found: Extraction) -> Extraction:
        out = Extraction(article)
        first = next(_sentences(article.text))
        evidence = Evidence(article.id, first[0], first[1], article.text[first[0]:first[1]])
        keys = []
        for i, name in enumerate(HOSTILE_NAMES):
            # half minted the usual way, half raw keys as a careless plug-in would give them
            key = mint_key("Person", name) if i % 2 else f"person/{name}"
            keys.append(key)
            out.entities[key] = Entity(key, "Person", name, {name, name.upper()})
        out.entities["organization/acme"] = Entity("organization/acme", "Organization", "Acme <Corp> \"Ltd\"", {"Acme"})
        out.relations.append(Relation("Sanction", "organization/acme", keys[0], status="imposed",
                                      role="x\" } ; DROP ALL ; #", extractor="tests.hostile/1", evidence=[evidence]))
        for a, b in zip(keys, keys[1:]):
            out.relations.append(Relation("Meeting", a, b, extractor="tests.hostile/1", confidence=0.5, evidence=[evidence]))
        return out
