"""Finding the names the lexicons know: countries, places, agencies, organisations, substances.

Every label, alternative label and demonym of ``ontology/lexicon/`` becomes a phrase pattern.
A label written with a capital letter matches only as written ("US" is not "us"); an all-lower-case
label matches in any case ("Fentanyl" at the start of a sentence is fentanyl). Where one label
names several entries ("Georgia", "Washington"), the candidate carries them all and context
decides (:mod:`kg.extract.entities.rules`).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from kg.extract.text import Tokens as Doc

from kg.extract.entities.base import Candidate
from kg.extract.text import matching_form, nlp

__all__ = ["LexiconMatcher", "matcher_for"]


@dataclass(frozen=True)
class _Label:
    entry: object
    demonym: bool
    ambiguous: bool
    text: str


def _plural_demonyms(demonym: str) -> list[str]:
    """'Mexican' → 'Mexicans', 'Pakistani' → 'Pakistanis'; 'Chinese' has no plural form."""
    if demonym.endswith(("an", "i", "er")):
        return [demonym + "s"]
    return []


class LexiconMatcher:
    """Phrase matchers over every label of a lexicon."""

    def __init__(self, lexicon):
        self.lexicon = lexicon
        vocab = nlp().vocab
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        self._folded = PhraseMatcher(vocab, attr="LOWER")
        self._labels: dict[str, list[_Label]] = {}
        exact: dict[str, list] = {}
        folded: dict[str, list] = {}
        for entry in lexicon.entries:
            ambiguous = set(entry.ambiguous_labels)
            forms = [(label, False) for label in (entry.label, *entry.alt_labels)]
            for demonym in entry.demonyms:
                forms += [(d, True) for d in (demonym, *_plural_demonyms(demonym))]
            for label, is_demonym in forms:
                text = matching_form(label).strip()
                if not text:
                    continue
                case_sensitive = text != text.lower()
                key = ("E:" if case_sensitive else "F:") + (text if case_sensitive else text.lower())
                self._labels.setdefault(key, []).append(_Label(entry, is_demonym, label in ambiguous, label))
                (exact if case_sensitive else folded).setdefault(key, text)
        make_doc = nlp().make_doc
        for key, text in exact.items():
            self._exact.add(key, [make_doc(text)])
        for key, text in folded.items():
            self._folded.add(key, [make_doc(text)])

    def label_keys(self):
        """Every label's key: ``E:`` and the label as written, or ``F:`` and the lower-cased
        label (for labels written in lower case)."""
        return self._labels.keys()

    def candidates(self, doc: Doc) -> list[Candidate]:
        """One candidate per match: the entries it may name, demonym or name, ambiguous or not."""
        found = []
        strings = doc.spacy.vocab.strings
        for matcher, folded in ((self._exact, False), (self._folded, True)):
            for match_id, start, end in matcher(doc.spacy):
                if folded and start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
                        and not doc[start - 1].whitespace_ and doc[start - 2].is_alpha:
                    continue  # "counter-narcotics", "anti-drug": part of another word
                labels = self._labels[strings[match_id]]
                entries = _unique(label.entry for label in labels)
                demonym = all(label.demonym for label in labels)
                ambiguous = all(label.ambiguous for label in labels)
                first = entries[0]
                found.append(
                    Candidate(
                        start,
                        end,
                        first.type,
                        "demonym" if demonym else "lexicon",
                        entry=first,
                        alternatives=tuple(entries[1:]),
                        is_name=not demonym,
                        ambiguous=ambiguous,
                        # "Fentanyl" in a headline is recorded under the lexicon's "fentanyl"
                        name=labels[0].text if folded else None,
                    )
                )
        return found + self._datelines(doc)

    def _datelines(self, doc: Doc) -> list[Candidate]:
        """A place a wire story's dateline names in capitals at the start of a line ("BANGKOK, June
        18 (Reuters) -", "SANTO DOMINGO. —"): the lexicon's place of that name written in
        ordinary case."""
        found = []
        line_starts = [0, *(k + 1 for k, text in enumerate(doc.texts) if "\n" in text)]
        for i in line_starts:
            if i >= len(doc) or not (doc[i].is_upper and doc[i].is_alpha and len(doc[i]) > 1):
                continue
            end = i
            while end < len(doc) and (doc[end].is_upper and doc[end].is_alpha or doc[end].text == "-" and end > i):
                end += 1
            after = doc[end].text if end < len(doc) else ""
            if after == "." and end + 1 < len(doc):
                after = doc[end + 1].text
            if after not in {",", "-", "—", "–"}:
                continue
            labels = self._labels.get("E:" + doc[i:end].text.title(), [])
            places = _unique(label.entry for label in labels if label.entry.type in {"Place", "Country"} and not label.demonym)
            if places:
                found.append(Candidate(i, end, places[0].type, "lexicon", entry=places[0], alternatives=tuple(places[1:]),
                                       name=labels[0].text))
        return found


def _unique(entries) -> list:
    seen, unique = set(), []
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            unique.append(entry)
    return unique


@cache
def _matcher_for_id(lexicon_id: int, lexicon) -> LexiconMatcher:
    matcher = LexiconMatcher(lexicon)
    _freeze_once()
    return matcher


@cache
def _freeze_once() -> None:
    """Take what is loaded so far — the lexicon, its matcher, the cue lists — out of the cyclic
    garbage collector's sight, once per process. They live as long as the process, and each full
    collection would otherwise walk their hundreds of thousands of objects again (about a tenth
    of the extraction time of a big build). It also keeps them shared with forked workers."""
    gc.freeze()


def matcher_for(lexicon) -> LexiconMatcher:
    """The (cached) matcher of a lexicon."""
    return _matcher_for_id(id(lexicon), lexicon)
