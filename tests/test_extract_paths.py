"""Dependency paths and patterns: the compact path language, its walk over a parsed sentence, and
the patterns of ontology/cues/dependency.ttl as data a user can extend without Python."""

from __future__ import annotations

import pytest

from kg.errors import LexiconError
from kg.extract.relations.dependency import TriggerWords, frames, load_dependency_patterns
from kg.extract.relations.paths import Path, PathError, walk
from kg.extract.syntax import load_parser, parser_name

needs_parser = pytest.mark.skipif(parser_name() is None, reason="no trained spaCy pipeline installed")

SENTENCES = [
    "The Treasury Department designated Zhou Hai and Li Ming on Friday.",
    "Li Ming was designated by the Treasury Department in May.",
    "Canada imposed sanctions on Iran, Syria and Cuba over drug trafficking.",
    "Cocaine from Colombia reached Spain through the port of Algeciras.",
    "The firm, which OFAC designated in May, shipped precursors to Mexico.",
    "Mexico's pledge to the United States was welcomed by lawmakers.",
    "Police seized 2 tonnes of cocaine and 40 kilograms of heroin in Rotterdam.",
]


@pytest.fixture(scope="module")
def nlp():
    return load_parser(parser_name())


@pytest.mark.parametrize("text, error", [
    ("nsubj//dobj", "bad step"),
    ("prep(on", "bad step"),
    ("**/dobj", "last step"),
    ("^**", "last step"),
    ("^", "bad step"),
    ("Nsubj", "bad step"),
])
def test_paths_a_malformed_path_is_refused(text, error):
    with pytest.raises(PathError, match=error):
        Path.parse(text)


@needs_parser
@pytest.mark.parametrize("text, start, path, reached", [
    (SENTENCES[0], "designated", "nsubj", ["Department"]),
    (SENTENCES[0], "designated", "dobj", ["Hai"]),
    (SENTENCES[1], "designated", "agent/pobj", ["Department"]),
    (SENTENCES[2], "sanctions", "^dobj(impose)/nsubj", ["Canada"]),
    (SENTENCES[2], "sanctions", "^dobj(announce)/nsubj", []),
    (SENTENCES[2], "sanctions", "prep(on|against)/pobj", ["Iran"]),
    (SENTENCES[6], "seized", "dobj", ["tonnes"]),
])
def test_paths_a_path_reaches_the_words_the_tree_links(nlp, text, start, path, reached):
    doc = nlp(text)
    token = next(t for t in doc if t.text == start)
    assert [t.text for t in walk(token, Path.parse(path))] == reached


@needs_parser
@pytest.mark.parametrize("path", sorted({p.text for pattern in load_dependency_patterns()
                                         for role in pattern.roles().values() for p in role.paths
                                         if not any(step.subtree or step.to_verb for step in p.steps)}))
def test_paths_the_walk_finds_what_spacys_dependency_matcher_finds(nlp, path):
    """Every path of the built-in patterns, compiled to a DependencyMatcher pattern, matches the
    same words as kg's walk on the test sentences; the walk may find more only where a verb shares
    its subject with the verb above it ("agreed *to lift*"), which the matcher has no operator for."""
    from spacy.matcher import DependencyMatcher

    compiled = Path.parse(path)
    matcher = DependencyMatcher(nlp.vocab)
    matcher.add("path", [compiled.matcher_pattern({})])
    for doc in nlp.pipe(SENTENCES):
        by_matcher = {(ids[0], ids[-1]) for _, ids in matcher(doc)}
        by_walk = {(t.i, w.i) for t in doc for w in walk(t, compiled)}
        assert by_matcher <= by_walk
        shares = any(step.labels & {"nsubj", "nsubjpass"} for step in compiled.steps)
        if not shares:
            assert by_walk == by_matcher


@needs_parser
def test_paths_a_new_wording_is_taught_with_data_alone(nlp, tmp_path):
    """A user's folder of patterns extends the built-in ones: a trigger lemma kg did not know."""
    (tmp_path / "mine.ttl").write_text("""
@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix dep: <https://w3id.org/kg-news/cues/dependency/> .
dep:sanction-excoriate a kg:DependencyPattern ;
    kg:relationType kg:Sanction ; kg:yieldsStatus "imposed" ;
    kg:triggerLemma "excoriate" ; kg:triggerPos "VERB" ;
    kg:subjectRole [ kg:path "nsubj" ; kg:entityType kg:Country ] ;
    kg:objectRole [ kg:path "dobj" ; kg:entityType kg:Country ] .
""", encoding="utf-8")
    doc = nlp("Canada excoriated Iran on Monday.")
    built_in = load_dependency_patterns()
    extended = load_dependency_patterns([tmp_path])
    assert not [f for f in frames(doc, built_in) if f.trigger.text == "excoriated"]
    [frame] = [f for f in frames(doc, extended) if f.trigger.text == "excoriated"]
    assert [t.text for t in frame.fillers["subject"]] == ["Canada"]
    assert [t.text for t in frame.fillers["object"]] == ["Iran"]
    assert TriggerWords(extended).any(["canada", "excoriated", "iran"])


def test_paths_a_bad_pattern_file_names_the_file_and_the_pattern(tmp_path):
    (tmp_path / "bad.ttl").write_text("""
@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix dep: <https://w3id.org/kg-news/cues/dependency/> .
dep:broken a kg:DependencyPattern ;
    kg:relationType kg:Sanction ; kg:triggerLemma "sanction" ;
    kg:subjectRole [ kg:path "nsubj((" ] .
""", encoding="utf-8")
    with pytest.raises(LexiconError) as raised:
        load_dependency_patterns([tmp_path])
    assert "bad.ttl" in str(raised.value) and "broken" in str(raised.value)


@pytest.mark.parametrize("words, substance, fires", [
    (["ofac", "designated", "the", "firm"], False, True),
    (["he", "added", "salt", "to", "the", "soup"], False, False),
    (["the", "ministry", "added", "it", "to", "the", "entity", "list"], False, True),
    (["prices", "rose", "and", "fell"], False, False),
    (["the", "cargo", "came", "from", "peru"], False, False),
    (["the", "cargo", "came", "from", "peru"], True, True),
])
def test_paths_only_sentences_a_pattern_can_fire_in_are_worth_parsing(words, substance, fires):
    assert TriggerWords(load_dependency_patterns()).any(words, substance) is fires
