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


# ---------------------------------------------------------------------- the actor stage's word lists
ACTOR_TEXT = ("Former Pakistani army chief Raheel Sharif and Santa Marta police met the Shanghai delegation's "
              "envoy, Tom Smith, in Karachi.  Its forces, who crossed from Ghouta, and the ex-minister of "
              "Kenya said 20 million U.S. dollars had gone.\nThe protest in Kabul by Iranian students ended.")


def test_actor_word_lists_agree_with_token_attributes(coder):
    from eventcoder.actors import _words

    doc = coder.nlp(ACTOR_TEXT)
    words = _words(doc)
    assert list(words.pos) == [t.pos for t in doc]
    assert [words.lower(t.i) for t in doc] == [t.lower_ for t in doc]
    assert [words.lemma(t.i) for t in doc] == [t.lemma_.lower() for t in doc]
    assert [words.text(t.i) for t in doc] == [t.text for t in doc]
    assert list(words.ents) == [t.ent_type for t in doc]
    assert [bool(x) for x in words.alpha] == [t.is_alpha for t in doc]
    assert [bool(x) for x in words.title] == [t.is_title for t in doc]
    assert list(words.idxs) == [t.idx for t in doc]
    names = [bool(x) for x in words.name_words()]
    assert names == [(t.pos_ in ("PROPN", "ADJ") or t.ent_type_ in ("GPE", "LOC")) and t.is_alpha and t.is_title
                     and t.ent_type_ in ("", "GPE", "LOC", "FAC", "ORG") for t in doc]
    assert any(names)
    assert _words(doc) is words  # made once per Doc


def test_actor_span_root_is_spacys_span_root(coder):
    from eventcoder.actors import _words

    doc = coder.nlp(ACTOR_TEXT)
    words = _words(doc)
    for size in range(1, 6):
        for start in range(len(doc) - size + 1):
            assert words.span_root(doc, start, start + size) == doc[start:start + size].root.i, (start, size)


def _old_actor_tokens(head, gaz: dict) -> list:
    """The Token-based phrase of the actor stage as it was written before the word lists (the reference)."""
    tokens, found, stack = [head], [head], [head]
    person = head.ent_type_ == "PERSON"
    places = {"of", "from", "in", "at", "by", "across", "throughout"}
    modifiers = {"compound", "amod", "poss", "nmod", "det", "nummod", "appos", "npadvmod", "case", "punct", "pobj"}
    while stack:
        at = stack.pop()
        for child in at.children:
            word = child.lower_
            if child.dep_ in modifiers or (child.dep_ == "conj" and at != head) or (
                    child.dep_ == "prep" and word in places and not (person and at == head and word in ("in", "at"))):
                found.append(child)
                stack.append(child)
            elif child.dep_ == "relcl" and at == head:
                found.extend(t for w in child.children if w.dep_ == "prep" and w.lower_ == "from" for t in w.subtree)
    tokens = sorted(found, key=lambda t: t.i)
    if head.pos_ == "NOUN" and head.i not in gaz:
        owners = [c for c in head.children if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("in", "at"))]
        if owners:
            tokens = [t for t in tokens if not any(t == c or c.is_ancestor(t) for c in owners)]
    return tokens


def _old_name_tokens(tokens, gaz: dict) -> list:
    if not tokens:
        return []
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i or t.dep_ == "appos"]
    out = []
    for head in heads:
        for t in [head] + [c for c in tokens if c.dep_ in ("compound", "flat") and head.is_ancestor(c)]:
            if (t.pos_ == "PROPN" and (t.i not in gaz or gaz[t.i][0].kind in ("person", "actor")) and t.is_alpha
                    and t.is_title and t.ent_type_ not in ("GPE", "NORP", "LOC", "FAC", "DATE")):
                out.append(t)
    return sorted(set(out), key=lambda t: t.i)


def _old_proper_runs(tokens, gaz: dict) -> list[tuple[int, int]]:
    runs, current = [], []
    for tok in tokens:
        name = ((tok.pos_ in ("PROPN", "ADJ") or tok.ent_type_ in ("GPE", "LOC")) and tok.is_alpha and tok.is_title
                and tok.ent_type_ in ("", "GPE", "LOC", "FAC", "ORG") and tok.i not in gaz)
        if name and (not current or current[-1].i == tok.i - 1):
            current.append(tok)
            continue
        if current:
            runs.append(current)
        current = [tok] if name else []
    if current:
        runs.append(current)
    return [(run[0].i, run[-1].i + 1) for run in runs]


def test_actor_phrases_on_word_lists_are_the_token_rules(coder):
    """Phrases, names, runs of names and ranks read from the word lists are what the Token-based rules gave."""
    from eventcoder.actors import _actor_positions, _any_name, _name_positions, _proper_runs, _rank, _words

    doc = coder.nlp(ACTOR_TEXT)
    gaz = coder.finder.mentions(doc)
    words = _words(doc)
    named = 0
    for head in doc:
        positions = _actor_positions(doc, head.i, gaz)
        assert positions == [t.i for t in _old_actor_tokens(head, gaz)], head.text
        names = _name_positions(words, positions, gaz)
        assert names == [t.i for t in _old_name_tokens([doc[i] for i in positions], gaz)], head.text
        named += bool(names)
        runs = [(run.start, run.end) for run in _proper_runs(doc, positions, gaz)]
        assert runs == _old_proper_runs([doc[i] for i in positions], gaz), head.text
        assert _any_name(words, positions, gaz) == bool(runs)
        for i in positions:
            t, depth, via = doc[i], 0, False
            while t.i != head.i and depth < 8:
                via, t, depth = via or t.dep_ in ("prep", "pobj", "appos"), t.head, depth + 1
            assert _rank(words, head.i, i) == ((0, 0) if i == head.i else (2 if via else 1, abs(i - head.i)))
    assert named >= 2  # "Raheel Sharif", "Tom Smith"
    assert {doc[i].text for i in gaz} >= {"Pakistani", "Kenya"}
    assert "U.S." not in [doc[i].text for i in gaz]  # inside a money amount it names no actor
