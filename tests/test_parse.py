"""The parse view (eventcoder.parse.ParseView): every column and tree walk answers what the spaCy attribute
answers, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventcoder.parse import DEP, ENT, POS, ParseView, keys

from eventcoder.pipeline import get_coder

TEXT = ("Kyrgyz President Sadyr Japarov met Chinese Foreign Minister Wang Yi in Bishkek on Wednesday.  Both sides "
        "pledged to deepen cooperation.\nThe Uzbek border guards and Tajik police said the talks must go on, and "
        "the ministry's spokesman, who arrived from Dushanbe, denied it. 20 million U.S. dollars were sent.")


@pytest.fixture(scope="module")
def nlp():
    return get_coder().nlp


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


@pytest.fixture(scope="module")
def view(doc):
    return ParseView.of(doc, TEXT)


def test_parse_view_columns_are_the_token_attributes(doc, view):
    assert view.text == doc.text == TEXT and len(view) == len(doc)
    assert view.pos == [t.pos for t in doc] and view.tags == [t.tag for t in doc]
    assert view.deps == [t.dep for t in doc] and view.heads == [t.head.i for t in doc]
    assert view.lemmas == [t.lemma for t in doc] and view.lowers == [t.lower for t in doc]
    assert view.ents == [t.ent_type for t in doc] and view.iobs == [t.ent_iob for t in doc]
    assert view.idxs == [t.idx for t in doc]
    assert [bool(x) for x in view.alpha] == [t.is_alpha for t in doc]
    assert [bool(x) for x in view.title] == [t.is_title for t in doc]
    assert [bool(x) for x in view.numeric] == [t.like_num for t in doc]
    assert [view.word(i) for i in range(len(doc))] == [t.text for t in doc]
    assert [view.lemma(i) for i in range(len(doc))] == [t.lemma_.lower() for t in doc]
    assert [view.lower(i) for i in range(len(doc))] == [t.lower_ for t in doc]
    assert [view.tag(i) for i in range(len(doc))] == [t.tag_ for t in doc]
    assert [view.dep(i) for i in range(len(doc))] == [t.dep_ for t in doc]
    assert [view.ent(i) for i in range(len(doc))] == [t.ent_type_ for t in doc]


def test_parse_view_tree_walks_are_spacys(doc, view):
    for t in doc:
        assert view.kids[t.i] == [c.i for c in t.children]
        assert view.lefts(t.i) == [c.i for c in t.lefts]
        assert view.subtree(t.i) == [s.i for s in t.subtree]
        assert list(view.ancestors(t.i)) == [a.i for a in t.ancestors]
        assert view.conjuncts(t.i) == [c.i for c in t.conjuncts]
        assert view.left_edge(t.i) == t.left_edge.i
        assert view.sentence_of(t.i) == (t.sent.start, t.sent.end)
        assert view.sentence_root(t.i) == t.sent.root.i
        if t.ent_type_:
            start, end = view.entity(t.i)
            assert any(e.start == start and e.end == end for e in doc.ents), t.text
    assert view.sentence_starts == [s.start for s in doc.sents]
    assert any(view.conjuncts(i) for i in range(len(doc)))  # "guards and police", "said ..., and denied"


def test_parse_view_spans_are_spacys(doc, view):
    for size in range(1, 6):
        for start in range(len(doc) - size + 1):
            span = doc[start:start + size]
            assert view.span_root(start, start + size) == span.root.i, (start, size)
            assert view.span_text(start, start + size) == span.text


def test_parse_view_subtree_follows_a_non_projective_tree(nlp):
    """In the order ``Token.subtree`` gives, also where a subtree is not a range of positions."""
    crossed = Doc(nlp.vocab, words=["a", "b", "c", "d", "e"], heads=[2, 3, 3, 3, 3],
                  deps=["dep", "dep", "dep", "ROOT", "dep"])  # "a" hangs on "c" across "b"
    view = ParseView.of(crossed)
    assert [s.i for s in crossed[3].subtree] == [1, 0, 2, 3, 4]
    assert [view.subtree(t.i) for t in crossed] == [[s.i for s in t.subtree] for t in crossed]


def test_parse_view_refuses_a_doc_without_sentences(nlp):
    with pytest.raises(ValueError, match="sentence boundaries"):
        ParseView.of(nlp.make_doc("No parse here."))


def test_grammar_keys_are_the_string_store_keys(doc):
    """Labels, parts of speech, entity types and words the rules compare as keys have the keys spaCy gives."""
    labels = vars(DEP)
    for t in doc:
        if t.dep_ in labels:
            assert labels[t.dep_] == t.dep
        if t.pos_ in vars(POS):
            assert getattr(POS, t.pos_) == t.pos
        if t.ent_type_ in vars(ENT):
            assert getattr(ENT, t.ent_type_) == t.ent_type
        assert keys([t.lower_]) == {t.lower}
    assert {"nsubj", "conj", "prep", "pobj", "ROOT"} <= {t.dep_ for t in doc if t.dep_ in labels}
    assert {ENT.GPE, ENT.NORP, ENT.DATE, ENT.MONEY} <= {t.ent_type for t in doc}
