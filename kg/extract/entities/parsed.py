"""Names from the parse layer's NER: one more source of entity candidates.

The parse layer (:mod:`kg.extract.syntax`) parses the sentences that may state a fact; the names
its NER finds there that no lexicon or rule proposed — people — become candidates (cue ``model``, the weakest
after the lexicon-only ones). The lexicons and the rules win: a name overlapping one of their
candidates is dropped, so type and identity stay theirs. A name is split where it holds a
coordinator ("Ann Lee and Deputy Minister Ho Wen" is two people) and loses a leading title or
determiner that the rules read on their own.
"""

from __future__ import annotations

from bisect import bisect_left

from kg.extract.entities.base import Candidate, Words
from kg.extract.entities.context import name_part_after

__all__ = ["MODEL_TYPES", "worth_parsing", "parsed_candidates"]

#: spaCy NER labels → kg entity types.
MODEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
_SPLIT = {"and", "or", "&", ",", ";"}
#: The NER's names kg adds: people. Its organisations and places add more noise than names
#: on unseen news (laws, conventions, schedules read as organisations); the rules' heads find those.
_ADDED_TYPES = {"PERSON": "Person"}


def worth_parsing(analysis, proposed: list[Candidate]) -> list[int]:
    """The sentences whose parse the NER reads: those that may state a fact (a trigger word of a
    relation and two names; :func:`~kg.extract.syntax.trigger_sentences`), where a name is a
    candidate proposed, or a run of two capitalised words or more that no candidate covers (a
    name no list holds: "Marquise Dantrell Hollins")."""
    from kg.extract.syntax import trigger_sentences

    doc = analysis.doc
    taken = set()
    for c in proposed:
        taken.update(range(c.start, c.end))
    starts = sorted({c.start for c in proposed})

    def names_at(start: int, end: int) -> int:
        count = bisect_left(starts, end) - bisect_left(starts, start)
        run = 0
        for i in range(start + 1, end + 1):
            token = doc[i] if i < end else None
            if token is not None and i not in taken and token.is_title and token.is_alpha:
                run += 1
                continue
            count += run >= 2
            run = 0
        return count

    substances = sorted(c.start for c in proposed if c.type == "Substance")

    def substance_at(start: int, end: int) -> bool:
        return bisect_left(substances, end) > bisect_left(substances, start)

    return trigger_sentences(analysis, names_at, substance_at)


def parsed_candidates(parses: dict[int, object], analysis, proposed: list[Candidate],
                      words: Words) -> tuple[list[Candidate], dict]:
    """``proposed`` with the NER's names of the parsed sentences (``parses``: sentence index →
    parse of the sentences :func:`worth_parsing`) added, a rule's name that holds two of the
    NER's joined by a coordinator split in two, and the counts of sentences seen and parsed."""
    taken = set()
    for c in proposed:
        taken.update(range(c.start, c.end))
    found = []
    for n, parsed in parses.items():
        offset = analysis.sentences[n].start
        proposed = _split_coordinated(proposed, parsed, offset, words, taken)
        for ent in parsed.ents:
            type_ = _ADDED_TYPES.get(ent.label_)
            if type_ is None:
                continue
            for start, end in _pieces(parsed, ent.start, ent.end, words):
                span = range(offset + start, offset + end)
                if any(i in taken for i in span) or not _name_like(parsed[start:end], words):
                    continue
                if type_ == "Person":
                    end = _surnames_after(analysis.doc, offset + start, name_part_after(analysis.doc, offset + end, words),
                                          words, taken) - offset
                if any(i in taken for i in range(offset + start, offset + end)):
                    continue
                found.append(Candidate(offset + start, offset + end, type_, "model"))
                taken.update(range(offset + start, offset + end))
    return proposed + found, {"sentences": len(analysis.sentences), "parsed_sentences": len(parses)}


def _surnames_after(doc, start: int, end: int, words: Words, taken: set) -> int:
    """The end of a person's name the NER cut short: the capitalised words right after it that
    are no common English word and no other name, up to four words in all ("Deivis Javier
    *Castellanos Mujica*", where the model knows only the given names)."""
    while end - start < 4 and end < len(doc) and end not in taken and doc[end].is_title and doc[end].is_alpha \
            and doc[end - 1].whitespace_ and not words.is_common(doc[end].lower_) \
            and doc[end].text not in words.cue("person-title"):
        end += 1
    return end


def _split_coordinated(proposed, parsed, offset, words, taken) -> list[Candidate]:
    """A name from the rules that spans "A and B" where the NER sees two names → A and B."""
    kept = []
    end_of = offset + len(parsed)
    for c in proposed:
        if c.cue == "lexicon" or c.entry is not None or not (offset <= c.start and c.end <= end_of) \
                or not any(parsed[i - offset].lower_ in {"and", "&"} for i in range(c.start, c.end)):
            kept.append(c)
            continue
        cuts = [i for i in range(c.start, c.end) if parsed[i - offset].lower_ in {"and", "&"}]
        bounds = list(zip([c.start] + [i + 1 for i in cuts], cuts + [c.end]))
        pieces = []
        for s, e in bounds:
            ents = [ent for ent in parsed.ents if ent.label_ in MODEL_TYPES
                    and s <= offset + ent.start and offset + ent.end <= e]
            if not ents:
                break
            pieces.append((s, e, "Person" if ents[0].label_ == "PERSON" else c.type))
        if len(pieces) != len(bounds):
            kept.append(c)
            continue
        taken.difference_update(range(c.start, c.end))
        for s, e, type_ in pieces:
            kept.append(Candidate(s, e, type_, c.cue))
            taken.update(range(s, e))
    return kept


def _name_like(span, words: Words) -> bool:
    """Two words or more, none of them a role ("National Security Advisor") or a word that names
    nothing on its own ("State")."""
    if len(span) < 2:
        return False
    roles, not_names = words.cue("person-title"), words.cue("not-a-name")
    return not any(t.text in roles or t.text in not_names or not (t.is_alpha or t.text in {"-", "."} or "-" in t.text)
                   for t in span)


def _pieces(parsed, start: int, end: int, words: Words) -> list[tuple[int, int]]:
    """The parts of a name between coordinators, each without leading determiners and titles and
    beginning with a capital."""
    pieces, begin = [], start
    for i in range(start, end + 1):
        if i == end or parsed[i].lower_ in _SPLIT:
            s = begin
            while s < i and (parsed[s].lower_ in {"the", "a", "an"} or parsed[s].text in words.cue("person-title")
                             or not parsed[s].text[:1].isupper()):
                s += 1
            e = i
            while e > s and not (parsed[e - 1].text[:1].isupper() or parsed[e - 1].like_num):
                e -= 1
            if e > s:
                pieces.append((s, e))
            begin = i + 1
    return pieces
