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


# ---------------------------------------------------------------- the coding rules' parse predicates on columns
PREDICATE_TEXTS = [
    "The minister said Libya must hand over the suspects, and Chirac reminded Iraq that it should cooperate.",
    "If Tehran rebuilds, Israel will not hesitate to strike, the official told reporters on Monday.",
    "No agreement was reached after Russia and Ukraine failed to meet in Istanbul.",
    "A ceasefire brokered by Qatar was announced, while rebels were suspended from the African Union.",
    "Vietnam is committed to peace; he could visit Hanoi and is going to sign a deal with Laos.",
    "Pakistan asked India to convey its concerns, and extended congratulations on the election.",
    "The army issued a statement demanding that Kabul hand over the attackers, killing six soldiers in Kandahar.",
    "Israeli airstrikes on Lebanon were condemned by France, which offered its troops to Lebanon.",
]


def _old_object_lemmas(token):
    out = {token.head.lemma_.lower()} if _old_modifier(token) else set()
    for c in token.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "prt", "advmod", "oprd", "xcomp"):
            out.add(c.lemma_.lower())
        elif c.dep_ == "prep":
            out.update(g.lemma_.lower() for g in c.children if g.dep_ in ("pobj", "pcomp"))
        elif c.dep_ == "ccomp":
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "nsubj")
        if c.dep_ == "dobj":
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "compound")
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                    out.update(g.lemma_.lower() for g in prep.children if g.dep_ == "pobj")
    return out


def _old_modifier(tok):
    head = tok.head
    return (tok.pos_ == "VERB" and tok.dep_ == "amod" and tok.tag_ in ("VBD", "VBN") and head.dep_ == "conj"
            and head.head.pos_ == "VERB" and not any(c.dep_ in ("det", "poss") for c in head.children))


def _old_negated(tok):
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("dobj", "nsubjpass", "nsubj") and any(
                d.lower_ in ("no", "neither", "never") for d in c.children if d.dep_ == "det"):
            return True
    return tok.dep_ in ("xcomp", "acomp") and any(c.dep_ == "neg" for c in tok.head.children)


def _old_chain(tok, test):
    t = tok
    for _ in range(6):
        if test(t):
            return True
        if t.dep_ not in ("xcomp", "conj") or t.head == t:
            break
        t = t.head
    return False


def _old_hypothetical(tok):
    return _old_chain(tok, lambda t: any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children) or any(
        c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "should", "must", "can", "ca") for c in t.children))


def _old_future(tok):
    return _old_chain(tok, lambda t: any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo", "would", "going")
                                         for c in t.children))


def _old_is_passive(tok):
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
        tok.dep_ == "acl" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)) or (
        tok.dep_ == "advcl" and tok.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux") for c in tok.children))


def _old_stative(tok):
    if any(c.dep_ == "agent" for c in tok.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children) and tok.lemma_.lower() != "expect"


def _old_subject_heads(tok):
    t = tok
    if (tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.dep_ == "dobj" and tok.head.lemma_.lower() in (
            "statement", "declaration", "communique", "resolution", "letter", "message", "note", "ultimatum", "decree",
            "appeal") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
        return _old_subject_heads(tok.head.head)
    if _old_modifier(tok):
        t = tok.head.head
        while t.dep_ in ("xcomp", "conj") and t.head != t:
            t = t.head
    for _ in range(8):
        subs = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        if not subs and (any(c.dep_ == "xcomp" for c in t.children) or _old_stative(t)):
            subs = [c for c in t.children if c.dep_ == "nsubjpass"]
        if subs:
            return subs
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in ("ask", "urge", "invite", "call", "encourage", "press",
                                                           "request", "persuade", "tell", "order", "help", "allow"):
            objs = [c for c in t.head.children if c.dep_ == "dobj"]
            if objs:
                return objs
        if t.dep_ not in ("xcomp", "conj", "advcl", "acomp", "oprd", "pcomp", "ccomp") or t.head == t or (
                t.dep_ == "ccomp"):
            break
        t = t.head
    return []


def test_parse_predicates_on_columns_agree_with_their_token_versions(coder):
    """The rules of the coding step read labels, heads and children from the columns; on every token of these
    sentences each must answer what the same rule written on spaCy Tokens answers."""
    from eventcoder import events

    for text in PREDICATE_TEXTS:
        doc = coder.nlp(text)
        tree = events._tree(doc)
        for tok in doc:
            i = tok.i
            assert events._object_lemmas_at(doc, tree, i) == _old_object_lemmas(tok), (text, tok.text)
            assert events._verb_parsed_as_modifier_at(doc, tree, i) == _old_modifier(tok), (text, tok.text)
            assert events._negated(tree, i) == _old_negated(tok), (text, tok.text)
            assert events._hypothetical(tree, i) == _old_hypothetical(tok), (text, tok.text)
            assert events._future_at(tree, i) == _old_future(tok), (text, tok.text)
            assert events._is_passive(tok) == _old_is_passive(tok), (text, tok.text)
            assert events._stative(tok) == _old_stative(tok), (text, tok.text)
            assert events._subject_heads(tok) == _old_subject_heads(tok), (text, tok.text)
            assert events._prepositions_at(tree, i) == {c.lower_ for c in tok.children
                                                        if c.dep_ in ("prep", "dative", "agent", "prt")}
            assert events._purpose_clause_at(tree, i) == any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def test_rule_keys_agree_with_the_string_store(coder):
    """Labels, parts of speech and words the rules compare as keys have the keys spaCy gives the tokens."""
    from eventcoder import events

    doc = coder.nlp(PREDICATE_TEXTS[3] + " " + PREDICATE_TEXTS[4])
    for tok in doc:
        if tok.dep_ in vars(events.DEP):
            assert getattr(events.DEP, tok.dep_) == tok.dep
        if tok.pos_ in vars(events.POS):
            assert getattr(events.POS, tok.pos_) == tok.pos
        assert events._keys([tok.lower_]) == {tok.lower}
    assert {events.WORD.to, events.WORD.from_, events.WORD.going} <= {t.lower for t in doc}


def test_column_lists_and_token_chars_agree_with_token_attributes(doc):
    from eventcoder.nlp import column_lists, token_chars

    pos, lemmas, lowers = column_lists(columns(doc))
    assert pos == [t.pos for t in doc] and lemmas == [t.lemma for t in doc] and lowers == [t.lower for t in doc]
    assert token_chars(doc) == [t.idx for t in doc]


def test_subtree_positions_follow_token_subtree(coder):
    """In the order ``Token.subtree`` gives, also for a non-projective tree (a subtree that is not a range)."""
    from spacy.tokens import Doc

    from eventcoder.nlp import subtree_positions

    for text in PREDICATE_TEXTS:
        parsed = coder.nlp(text)
        kids = columns(parsed).children()
        assert [subtree_positions(kids, t.i) for t in parsed] == [[s.i for s in t.subtree] for t in parsed]
    crossed = Doc(coder.nlp.vocab, words=["a", "b", "c", "d", "e"], heads=[2, 3, 3, 3, 3],
                  deps=["dep", "dep", "dep", "ROOT", "dep"])  # "a" hangs on "c" across "b"
    kids = columns(crossed).children()
    assert [s.i for s in crossed[3].subtree] == [1, 0, 2, 3, 4]
    assert [subtree_positions(kids, t.i) for t in crossed] == [[s.i for s in t.subtree] for t in crossed]


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
