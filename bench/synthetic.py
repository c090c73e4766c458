"""A synthetic kg-shaped graph for benchmarks: articles, entities, relation events with evidence.

The shape follows ``ontology/kg.ttl``: one named graph per article holding the article node, the
entities it mentions (typed, with rdfs:label and skos:altLabel), and its relations as event nodes
(kg:subject / kg:object / kg:substance / kg:status, kg:confidence, kg:extractor) each with a
kg:Evidence node (nif:anchorOf, offsets, nif:referenceContext) and the direct shortcut triple.
About 110 quads per article; :func:`articles_for` picks the article count for a target size.

Pure and seeded: the same arguments give the same N-Quads lines.

>>> lines = list(synthetic_nquads(articles=2, entities=50, seed=1))
>>> all(line.endswith(" .") and line.count("<https://w3id.org/kg-news/id/article/") >= 1 for line in lines)
True
>>> len(lines) > 100
True
"""

from __future__ import annotations

import random
from typing import Iterator

KG = "https://w3id.org/kg-news/ontology#"
ID = "https://w3id.org/kg-news/id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
XSD = "http://www.w3.org/2001/XMLSchema#"

ENTITY_TYPES = ("Person", "Agency", "Organization", "Country", "Place", "Substance")
#: relation type → (object type or None, needs substance, shortcut, statuses)
RELATIONS = {
    "SupplyFlow": ("Country", True, "suppliesTo", ()),
    "Sanction": ("Agency", False, "sanctions", ("imposed", "lifted", "threatened")),
    "Pledge": ("Country", True, "pledgesTo", ()),
    "Affiliation": ("Agency", False, "affiliatedWith", ()),
    "PartOf": ("Country", False, "partOf", ()),
    "Membership": ("Organization", False, "memberOf", ()),
    "Cooperation": ("Country", False, "cooperatesWith", ()),
    "Meeting": ("Person", False, "meets", ()),
    "Seizure": (None, True, "seized", ()),
    "Control": (None, True, "controls", ()),
    "Charge": ("Person", False, "charges", ()),
}
TRIPLES_PER_ARTICLE = 110
_SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tor", "vu", "zan", "bel", "dor", "fi", "gan", "hu", "jo", "qua", "rix")


def articles_for(triples: int) -> int:
    """How many synthetic articles give about ``triples`` triples."""
    return max(1, round(triples / TRIPLES_PER_ARTICLE))


def _name(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title() for _ in range(2))


def _lit(text: str, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"' + (f"^^<{XSD}{datatype}>" if datatype else "")


def synthetic_nquads(*, articles: int, entities: int | None = None, seed: int = 0) -> Iterator[str]:
    """N-Quads lines of a synthetic graph of ``articles`` articles over ``entities`` entities
    (default: 2 per article), mentions skewed so that a few entities are everywhere."""
    rng = random.Random(seed)
    entities = entities or max(50, 2 * articles)
    pool = []
    for i in range(entities):
        t = ENTITY_TYPES[i % len(ENTITY_TYPES)]
        name = _name(rng)
        if i == 3:  # a frequent country under a real name, for the named queries that ask about one
            name = "United States"
        pool.append((f"<{ID}{t.lower()}/e{i}>", t, name, f"{name.split()[0]} {i}"))
    by_type = {t: [e for e in pool if e[1] == t] for t in ENTITY_TYPES}
    weights = [1 / (rank + 1) for rank in range(entities)]

    for a in range(articles):
        art = f"<{ID}article/{a:016x}>"
        g = art
        sentences = []
        yield from (
            f"{art} {RDF_TYPE} <{KG}Article> {g} .",
            f"{art} <{KG}title> {_lit(f'Synthetic article {a}')} {g} .",
            f"{art} <{KG}textHash> {_lit(f'{a:064x}')} {g} .",
            f"{art} <{KG}sourceFile> {_lit(f'synthetic/{a}.txt')} {g} .",
            f"{art} <{KG}published> {_lit(f'20{10 + a % 15}-0{1 + a % 9}-1{a % 10}', 'date')} {g} .",
        )
        mentioned = {e[0]: e for e in rng.choices(pool, weights=weights, k=10)}
        for node, t, label, alt in mentioned.values():
            yield f"{art} <{KG}mentions> {node} {g} ."
            yield f"{node} {RDF_TYPE} <{KG}{t}> {g} ."
            yield f"{node} {LABEL} {_lit(label)} {g} ."
            yield f"{node} {ALT} {_lit(alt)} {g} ."
        for r in range(5):
            rtype = rng.choice(list(RELATIONS))
            obj_type, with_substance, shortcut, statuses = RELATIONS[rtype]
            subject = rng.choice(list(mentioned.values()))[0]
            event = f"<{ID}relation/{a:016x}-{r}>"
            ev = f"<{ID}evidence/{a:016x}-{r}>"
            sentence = f"Sentence {r} of article {a} about {rtype}."
            start = sum(len(s) + 1 for s in sentences)
            sentences.append(sentence)
            yield f"{event} {RDF_TYPE} <{KG}{rtype}> {g} ."
            yield f"{event} <{KG}subject> {subject} {g} ."
            target = None
            if obj_type:
                target = rng.choice(by_type[obj_type])[0]
                yield f"{event} <{KG}object> {target} {g} ."
            if with_substance:
                substance = rng.choice(by_type["Substance"])[0]
                yield f"{event} <{KG}substance> {substance} {g} ."
                target = target or substance
            if statuses:
                yield f"{event} <{KG}status> {_lit(rng.choice(statuses))} {g} ."
            yield f"{event} <{KG}confidence> {_lit(f'{rng.uniform(0.5, 1):.2f}', 'decimal')} {g} ."
            yield f"{event} <{KG}extractor> {_lit('synthetic/1')} {g} ."
            yield f"{event} <{KG}evidence> {ev} {g} ."
            yield f"{ev} {RDF_TYPE} <{KG}Evidence> {g} ."
            yield f"{ev} <{NIF}anchorOf> {_lit(sentence)} {g} ."
            yield f"{ev} <{NIF}beginIndex> {_lit(str(start), 'nonNegativeInteger')} {g} ."
            yield f"{ev} <{NIF}endIndex> {_lit(str(start + len(sentence)), 'nonNegativeInteger')} {g} ."
            yield f"{ev} <{NIF}referenceContext> {art} {g} ."
            yield f"{ev} <{KG}section> {_lit('body')} {g} ."
            if target:
                yield f"{subject} <{KG}{shortcut}> {target} {g} ."
        yield f"{art} <{NIF}isString> {_lit(' '.join(sentences))} {g} ."


def write_synthetic(path, *, triples: int, seed: int = 0) -> int:
    """Write a synthetic graph of about ``triples`` triples as N-Quads; return the line count."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for line in synthetic_nquads(articles=articles_for(triples), seed=seed):
            out.write(line + "\n")
            count += 1
    return count
