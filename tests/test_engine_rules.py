"""The rules of the engine read the parse view (eventcoder.parse.ParseView) by position; each must answer what
the same rule written on spaCy Tokens answers (the Token versions below are the reference), on sentences
written for these tests. Also: noun-chunk roots, and what resolving remembers."""

from __future__ import annotations

import pytest

from eventcoder.actors import ArticleActors, ArticleSetting, phrases
from eventcoder.actors.resolve import chunk_roots
from eventcoder.events import clauses, screening
from eventcoder.events.screening import Screen
from eventcoder.events.triggers import object_lemmas, prepositions
from eventcoder.lexicon import VerbPattern
from eventcoder.parse import ParseView
from eventcoder.pipeline import get_coder

TEXT = ("Kyrgyz President Sadyr Japarov met Chinese Foreign Minister Wang Yi in Bishkek on Wednesday.  Both sides "
        "pledged to deepen cooperation.\nThe Uzbek border guards and Tajik police said the talks must go on, and "
        "the ministry's spokesman, who arrived from Dushanbe, denied it.")


@pytest.fixture(scope="module")
def coder():
    return get_coder()


def test_chunk_roots_are_the_roots_of_spacys_noun_chunks(coder):
    doc = coder.nlp(TEXT)
    view = ParseView.of(doc, TEXT)
    for sent in doc.sents:
        expected = [chunk.root.i for chunk in doc.noun_chunks if sent.start <= chunk.start < sent.end]
        assert chunk_roots(view, sent.start, sent.end) == expected


def _remembered(actors: ArticleActors) -> tuple:
    d = actors.discourse
    return dict(d.people), dict(d.agents), d.last_organisation


def test_introduce_remembers_exactly_what_resolving_remembers(coder, parsed):
    """``introduce`` skips phrases that cannot introduce anyone; what it leaves in the discourse must be what
    resolving every phrase leaves."""
    introducing = 0
    for sentence in ["Kyrgyz President Sadyr Japarov met Chinese Foreign Minister Wang Yi in Bishkek.",
                     "Shanghai police and the Guinea-Bissau military junta arrested Jack Letts.",
                     "The bloc's envoy, Tom Smith, and its forces crossed from Ghouta on Thursday.",
                     "Talabani, Begum and the rebels in Rakhine said they would return.",
                     "Former Pakistani army chief Raheel Sharif and Santa Marta police met the group.",
                     "The police chief of Puerto Penasco, Juan Perez, arrested them."]:
        s = parsed(sentence)
        resolved = ArticleActors(coder.finder, ArticleSetting())
        introduced = ArticleActors(coder.finder, ArticleSetting())
        for root in chunk_roots(s.parse, s.first, s.last):
            resolved.resolve_one(s, root)
            introduced.introduce(s, root)
            assert _remembered(introduced) == _remembered(resolved), (sentence, s.parse.word(root))
        introducing += bool(resolved.discourse.people or resolved.discourse.agents)
    assert introducing >= 3  # most of these sentences do introduce someone


def test_resolution_is_reused_until_the_discourse_changes(coder, parsed):
    s = parsed("Letts met the minister. Letts spoke.", 0)
    first, second = [i for i in s.tokens if s.parse.word(i) == "Letts"]
    actors = ArticleActors(coder.finder, ArticleSetting())
    assert actors.resolve_one(s, first) == []  # an unknown surname names no actor
    assert actors.resolve_one(s, second) == []
    introduced = parsed("British jihadist Jack Letts spoke.", 1)
    head = next(i for i in introduced.tokens if introduced.parse.word(i) == "Letts")
    actors.resolve_one(introduced, head)  # remembers the surname
    assert actors.discourse.people["Letts"].country == "GBR"
    assert [a.country for a in actors.resolve_one(s, second)] == ["GBR"]  # resolved again: the discourse changed


# ---------------------------------------------------------------- clause predicates: the Token versions
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



def test_clause_predicates_on_the_view_agree_with_their_token_versions(coder):
    """On every token of these sentences each predicate answers what the rule written on Tokens answers."""
    anything = VerbPattern("010", "x", frozenset(), (), frozenset(), None, "test")
    for text in PREDICATE_TEXTS:
        doc = coder.nlp(text)
        view = ParseView.of(doc, text)
        screen = Screen(view, {}, {})
        for tok in doc:
            i = tok.i
            assert object_lemmas(view, i) == _old_object_lemmas(tok), (text, tok.text)
            assert clauses.verb_parsed_as_modifier(view, i) == _old_modifier(tok), (text, tok.text)
            assert screening.negated(screen, i, anything) == _old_negated(tok), (text, tok.text)
            assert clauses.hypothetical(view, i) == _old_hypothetical(tok), (text, tok.text)
            assert clauses.future(view, i) == _old_future(tok), (text, tok.text)
            assert clauses.is_passive(view, i) == _old_is_passive(tok), (text, tok.text)
            assert clauses.stative(view, i) == _old_stative(tok), (text, tok.text)
            assert clauses.subjects(view, i) == [t.i for t in _old_subject_heads(tok)], (text, tok.text)
            assert prepositions(view, i) == {c.lower_ for c in tok.children if c.dep_ in ("prep", "dative", "agent",
                                                                                            "prt")}
            assert clauses.purpose_clause(view, i) == any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


# ---------------------------------------------------------------------- actor phrases: the Token versions
ACTOR_TEXT = ("Former Pakistani army chief Raheel Sharif and Santa Marta police met the Shanghai delegation's "
              "envoy, Tom Smith, in Karachi.  Its forces, who crossed from Ghouta, and the ex-minister of "
              "Kenya said 20 million U.S. dollars had gone.\nThe protest in Kabul by Iranian students ended.")


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
            if (t.pos_ == "PROPN" and (t.i not in gaz or gaz[t.i].kind in ("person", "actor")) and t.is_alpha
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


def test_actor_phrases_on_the_view_are_the_token_rules(coder, parsed):
    """Phrases, names, runs of names and ranks read from the view are what the Token-based rules gave."""
    s = parsed(ACTOR_TEXT)
    view, mentions, doc = s.parse, s.mentions, s.parse.doc
    named = 0
    for head in doc:
        positions = phrases.actor_positions(view, mentions, head.i)
        assert positions == [t.i for t in _old_actor_tokens(head, mentions)], head.text
        names = phrases.name_positions(view, positions, mentions)
        assert names == [t.i for t in _old_name_tokens([doc[i] for i in positions], mentions)], head.text
        named += bool(names)
        runs = phrases._proper_runs(view, positions, mentions)
        assert runs == _old_proper_runs([doc[i] for i in positions], mentions), head.text
        assert phrases.any_name(view, positions, mentions) == bool(runs)
        for i in positions:
            t, depth, via = doc[i], 0, False
            while t.i != head.i and depth < 8:
                via, t, depth = via or t.dep_ in ("prep", "pobj", "appos"), t.head, depth + 1
            assert phrases._rank(view, head.i, i) == ((0, 0) if i == head.i else (2 if via else 1, abs(i - head.i)))
    assert named >= 2  # "Raheel Sharif", "Tom Smith"
    assert {doc[i].text for i in mentions} >= {"Pakistani", "Kenya"}
    assert "U.S." not in [doc[i].text for i in mentions]  # inside a money amount it names no actor
