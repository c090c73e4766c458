"""What a sentence says around a trigger: its arguments, and whether it states a fact at all.

* :class:`Args` — the article's entity mentions as token spans, plus pronouns that stand for
  someone: "we"/"our" inside a quote stand for the speaker's side, "he"/"she" for the person last
  named;
* :func:`quotes_and_speakers` — who speaks each quoted passage ("…,” Mr. Nurtleu said);
* :func:`asserted` — a negation, a modal of possibility, a condition between the subject and the
  trigger, or a question, and the sentence does not assert the relation;
* :func:`date_near` — the date a sentence gives for what it states ("in 2020", "on July 7, 2023").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.text import Span, Tokens as Doc

from kg.extract.cues import CueList
from kg.model import Extraction

__all__ = ["Arg", "Args", "Sentence", "quotes_and_speakers", "asserted", "date_near", "clause_start", "has_cue"]

_CLAUSE_BREAKS = {";", ":", "--", "\u2014", "\u2013", "(", ")"}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"]
    )
}
_MONTHS.update({"jan.": 1, "feb.": 2, "aug.": 8, "sept.": 9, "sep.": 9, "oct.": 10, "nov.": 11, "dec.": 12})
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")


@dataclass(frozen=True)
class Arg:
    """An entity mention (or a pronoun standing for an entity) as a token span."""

    start: int
    end: int
    key: str
    type: str
    label: str
    via: str = "mention"  # or "speaker", "pronoun", "pair"
    #: The entities a plural reference stands for ("the two leaders").
    group: tuple = ()


@dataclass
class Sentence:
    """A sentence of the article being read: its span, its index and, when parsed, its tree."""

    span: Span
    index: int
    #: The sentence's dependency parse (a spaCy ``Doc``, token i = span.start + i), when parsed.
    tree: object | None = None



class Args:
    """The mentions of an article, by token position."""

    def __init__(self, doc: Doc, found: Extraction):
        self.doc = doc
        self.found = found
        args = []
        for m in found.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            entity = found.entities.get(m.entity)
            label = entity.label if entity is not None else m.text
            args.append(Arg(span.start, span.end, m.entity, m.type, label))
        self.args = sorted(args, key=lambda a: (a.start, a.end))
        self.at: dict[int, Arg] = {}
        for a in self.args:
            for i in range(a.start, a.end):
                self.at[i] = a

    def within(self, start: int, end: int) -> list[Arg]:
        return [a for a in self.args if a.start >= start and a.end <= end]

    def covered(self, start: int, end: int) -> bool:
        return any(i in self.at for i in range(start, end))

    def last_before(self, token: int, types: set[str], within: int = 400) -> Arg | None:
        """The last mention of one of ``types`` ending before ``token`` (at most ``within`` tokens back)."""
        for a in reversed(self.args):
            if a.end <= token and token - a.end <= within and a.type in types:
                return a
        return None


def quotes_and_speakers(doc: Doc, args: Args, sections, speech: CueList, third_person: CueList) -> dict[int, str]:
    """Token index → key of the person who speaks it, for every token inside a quoted passage.

    A passage is attributed to the person named next to a verb of saying right after its closing
    quote (',” Mr. Robinson said') or right before its opening quote ('Blinken responded, “…').
    """
    speaker_at: dict[int, str] = {}
    for section in sections:
        span = doc.char_span(section.start, section.end, alignment_mode="expand")
        if span is None:
            continue
        marks = [t.i for t in span if t.text == '"']
        pairs = list(zip(marks[0::2], marks[1::2]))
        if len(marks) % 2 == 1:  # a quote running to the end of the paragraph
            pairs.append((marks[-1], span.end))
        for open_, close in pairs:
            speaker = _speaker_after(doc, args, close, span.end, speech, third_person) or _speaker_before(
                doc, args, open_, span.start, speech, third_person
            )
            if speaker:
                for i in range(open_, min(close + 1, len(doc))):
                    speaker_at[i] = speaker
    return speaker_at


def _person_or_pronoun(doc, args: Args, i: int, third_person: CueList) -> str | None:
    a = args.at.get(i)
    if a is not None and a.type == "Person":
        return a.key
    if doc[i].lower_ in third_person:
        previous = args.last_before(i, {"Person"})
        return previous.key if previous else None
    return None


def _speaker_after(doc, args, close, limit, speech, third_person) -> str | None:
    end = min(close + 8, limit)
    for i in range(close + 1, end):
        if doc[i].lower_ in speech:
            for j in list(range(close + 1, i)) + list(range(i + 1, min(i + 5, end))):
                who = _person_or_pronoun(doc, args, j, third_person)
                if who:
                    return who
            return None
        if doc[i].text in {'"', "."}:
            return None
    return None


def _speaker_before(doc, args, open_, limit, speech, third_person) -> str | None:
    start = max(open_ - 10, limit)
    if not any(doc[i].lower_ in speech for i in range(start, open_)):
        return None
    for i in range(open_ - 1, start - 1, -1):
        who = _person_or_pronoun(doc, args, i, third_person)
        if who:
            return who
    return None


def clause_start(sentence: Span, token: int) -> int:
    """The first token of the clause holding ``token`` (after the last comma, semicolon or dash)."""
    doc = sentence.doc
    for i in range(token - 1, sentence.start - 1, -1):
        if doc[i].text in _CLAUSE_BREAKS or doc[i].text == ",":
            return i + 1
    return sentence.start


def has_cue(words: list[str], cue: CueList) -> bool:
    joined = " " + " ".join(words) + " "
    for phrase in cue.words:
        if " " in phrase:
            if f" {phrase.lower()} " in joined:
                return True
        elif phrase.lower() in words:
            return True
    return False


def asserted(sentence: Span, start: int, trigger_start: int, negation: CueList, irrealis: CueList,
             condition: CueList, allow_irrealis: bool = False) -> bool:
    """Whether the words from ``start`` (the subject, or the clause start) up to the trigger leave
    the statement a fact: no negation, no modal of possibility (unless ``allow_irrealis``), no
    condition."""
    doc = sentence.doc
    words = [doc[i].lower_ for i in range(start, trigger_start + 1)]
    if has_cue(words, negation):
        return False
    if not allow_irrealis and has_cue(words, irrealis):
        return False
    clause = clause_start(sentence, start)
    if has_cue([doc[i].lower_ for i in range(clause, trigger_start)], condition):
        return False
    return True


def is_question(sentence: Span) -> bool:
    for token in reversed(sentence):
        if token.text in {'"', "'", ")", "]"}:
            continue
        return token.text == "?"
    return False


def date_near(sentence: Span, start: int, end: int, reach: int = 10) -> str | None:
    """The date given right around the trigger ``start:end`` ("In 2016, China agreed …", "…added
    to the Entity List in 2020"): "2020", "2024-03" or "2023-07-07"; at most ``reach`` words away."""
    doc = sentence.doc
    best, best_distance = None, None
    for t in sentence:
        if not _YEAR.match(t.text):
            continue
        value = t.text
        before = doc[t.i - 1].lower_ if t.i > sentence.start else ""
        before2 = doc[t.i - 2].lower_ if t.i - 1 > sentence.start else ""
        before3 = doc[t.i - 3].lower_ if t.i - 2 > sentence.start else ""
        if before in _MONTHS:
            value = f"{t.text}-{_MONTHS[before]:02d}"
        elif before == "," and before3 in _MONTHS and doc[t.i - 2].like_num:
            value = f"{t.text}-{_MONTHS[before3]:02d}-{int(before2):02d}"
        elif before not in {"in", "since", "by", "on", "of", "from", "until", "during", "early", "late", "mid"} \
                and before not in _MONTHS:
            continue
        distance = min(abs(t.i - start), abs(t.i - (end - 1)))
        if distance > reach:
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = value, distance
    return best
