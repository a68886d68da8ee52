"""Token columns (nlp.columns) and the shortcuts of the coding step that rely on them: each must give exactly
what the spaCy attribute or the slower rule it replaces gives, on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventcoder.actors import ArticleMemory
from eventcoder.nlp import columns, label_keys, lowered, within
from eventcoder.pipeline import _chunk_roots, get_coder

TEXT = ("Kyrgyz President Sadyr Japarov met Chinese Foreign Minister Wang Yi in Bishkek on Wednesday.  Both sides "
        "pledged to deepen cooperation.\nThe Uzbek border guards and Tajik police said the talks must go on, and "
        "the ministry's spokesman, who arrived from Dushanbe, denied it.")


@pytest.fixture(scope="module")
def coder():
    return get_coder()


@pytest.fixture(scope="module")
def doc(coder):
    return coder.nlp(TEXT)


def test_columns_agree_with_token_attributes(doc):
    cols = columns(doc)
    assert cols.text == doc.text == TEXT
    assert [lowered(cols.strings, k) for k in cols.lemma_keys.tolist()] == [t.lemma_.lower() for t in doc]
    assert [lowered(cols.strings, k) for k in cols.lower_keys.tolist()] == [t.lower_ for t in doc]
    assert [cols.pos_mask(frozenset({"VERB"}))[t.i] for t in doc] == [t.pos_ == "VERB" for t in doc]
    assert cols.heads == [t.head.i for t in doc]
    assert cols.sentence_char == [t.sent.start_char for t in doc]
    assert cols.dep_keys == [t.dep for t in doc]
    kids = cols.children()
    assert len(kids) == len(doc)
    assert [kids[t.i] for t in doc] == [[c.i for c in t.children] for t in doc]
    assert kids[3] == [1, 2] and kids[1] == [0]  # "President Sadyr" under "Japarov", "Kyrgyz" under "President"
    assert cols.left_edges() == [t.left_edge.i for t in doc]
    assert [cols.root(s.start, s.end) for s in doc.sents] == [s.root.i for s in doc.sents]
    assert cols.root(0, 3) is None  # "Kyrgyz President Sadyr": no token of the span is its own head
    assert columns(doc) is cols and cols.children() is kids  # made once per Doc


def test_columns_positions_select_by_part_of_speech_lemma_and_word(doc):
    cols = columns(doc)
    nouns = cols.positions(frozenset({"NOUN", "PROPN"}))
    assert nouns == [t.i for t in doc if t.pos_ in ("NOUN", "PROPN")]
    said = cols.positions(frozenset({"VERB"}), frozenset({"say", "meet"}))
    assert [doc[i].text for i in said] == ["met", "said"]
    assert [doc[i].text for i in cols.positions(frozenset({"AUX"}), words=frozenset({"must"}))] == ["must"]
    first = next(doc.sents)
    assert within(nouns, first.start, first.end) == [i for i in nouns if i < first.end]
    assert label_keys(cols.strings, frozenset({"nsubj"})) == {doc.vocab.strings["nsubj"]}


def test_columns_refuse_a_doc_without_sentences(coder):
    bare = coder.nlp.make_doc("No parse here.")
    with pytest.raises(ValueError, match="sentence boundaries"):
        columns(bare)


def test_chunk_roots_are_the_roots_of_spacys_noun_chunks(doc):
    for sent in doc.sents:
        expected = [chunk.root.i for chunk in doc.noun_chunks if sent.start <= chunk.start < sent.end]
        assert [t.i for t in _chunk_roots(sent)] == expected


def _memory_state(memory: ArticleMemory) -> tuple:
    return dict(memory.people), dict(memory.agents), memory.last_organisation


def test_introduce_remembers_exactly_what_resolving_remembers(coder):
    """``introduce`` skips phrases that cannot introduce anyone; the memory it leaves must be the memory that
    resolving every phrase leaves."""
    introducing = 0
    for sentence in ["Kyrgyz President Sadyr Japarov met Chinese Foreign Minister Wang Yi in Bishkek.",
                     "Shanghai police and the Guinea-Bissau military junta arrested Jack Letts.",
                     "The bloc's envoy, Tom Smith, and its forces crossed from Ghouta on Thursday.",
                     "Talabani, Begum and the rebels in Rakhine said they would return.",
                     "Former Pakistani army chief Raheel Sharif and Santa Marta police met the group.",
                     "The police chief of Puerto Penasco, Juan Perez, arrested them."]:
        doc = coder.nlp(sentence)
        gaz = coder.finder.mentions(doc)
        resolved, introduced = ArticleMemory(), ArticleMemory()
        for root in (t for s in doc.sents for t in _chunk_roots(s)):
            coder.finder.resolve_one(root, gaz, resolved)
            coder.finder.introduce(root, gaz, introduced)
            assert _memory_state(introduced) == _memory_state(resolved), (sentence, root.text)
        introducing += bool(resolved.people or resolved.agents)
    assert introducing >= 3  # most of these sentences do introduce someone


def test_resolution_is_reused_until_the_memory_changes(coder):
    doc = coder.nlp("Letts met the minister. Letts spoke.")
    gaz = coder.finder.mentions(doc)
    first, second = doc[0], [t for t in doc if t.text == "Letts"][1]
    memory = ArticleMemory()
    assert coder.finder.resolve_one(first, gaz, memory) == []  # an unknown surname names no actor
    assert memory.resolved[(id(doc), first.i)] == (memory.revision, ())  # the answer is kept
    assert coder.finder.resolve_one(second, gaz, memory) == []
    introduced = coder.nlp("British jihadist Jack Letts spoke.")
    head = next(t for t in introduced if t.text == "Letts")
    coder.finder.resolve_one(head, coder.finder.mentions(introduced), memory)  # remembers the surname
    assert memory.people["Letts"].country == "GBR"
    assert [a.country for a in coder.finder.resolve_one(second, gaz, memory)] == ["GBR"]  # resolved again
