"""A synthetic extractor for benchmarks: as many entities and relations as a busy real one.

Every run of capitalised words is a Person (or an Organization when it ends in Ltd/Inc/Group/Bank,
a Country for a few country names); every sentence that names two of them states a Meeting,
and every other one a Cooperation or, with a "sanction" word, a Sanction. Nothing here is
linguistics — it only gives the graph half of kg a realistic number of nodes to carry.
"""

from __future__ import annotations

import re

from kg.model import Entity, Evidence, Extraction, Mention, Relation, mint_key

_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_COUNTRIES = {"United States", "United Kingdom", "South Africa", "New Zealand", "Saudi Arabia"}


class Dense:
    name = "bench.dense"
    version = "1"

    def extract(self, article, found):
        out = Extraction(article)
        text = article.text
        for sentence in _SENTENCE.finditer(text):
            keys = []
            for m in _NAME.finditer(sentence.group()):
                name = m.group()
                type_ = ("Country" if name in _COUNTRIES else
                         "Organization" if name.split()[-1] in ("Ltd", "Inc", "Group", "Bank") else "Person")
                key = mint_key(type_, name)
                out.entities.setdefault(key, Entity(key, type_, name, set())).names.add(name)
                start = sentence.start() + m.start()
                out.mentions.append(Mention(start, start + len(name), name, type_, key))
                if key not in keys:
                    keys.append(key)
            start, end = sentence.start(), sentence.end()
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
            evidence = Evidence(article.id, start, end, text[start:end])
            for a, b in zip(keys, keys[1:]):
                type_ = "Sanction" if "sanction" in sentence.group().lower() else (
                    "Meeting" if len(out.relations) % 2 else "Cooperation")
                out.relations.append(Relation(type_, a, b, status="imposed" if type_ == "Sanction" else None,
                                              confidence=0.6, extractor="bench.dense/1", evidence=[evidence]))
        return out
