"""What the parse says about a verb's clause: voice, tense and mood, subjects, speakers, complements.

Pure functions of a :class:`~eventcoder.parse.ParseView` and token positions, shared by the stages of the event
engine (screening, arguments). Labels and words are compared by key (:mod:`eventcoder.grammar`).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..grammar import (
    CONDITION_WORDS,
    FUTURE_AUXILIARIES,
    GOING,
    PAST_TAG,
    INFINITIVE_MARKER,
    INTENT_PREPOSITIONS,
    MODALS,
    STANCE_PREPOSITION,
)
from ..lexicon import VerbPattern
from ..parse import DEP, POS, SUBJECT_DEPS, ParseView, keys
from ..wordlists import word_lists

__all__ = ["chained", "complements", "condition", "future", "governed_by_intent", "has_agent", "hypothetical", "is_passive",
           "purpose_clause", "speaker", "stative", "statement_participle", "subjects", "verb_parsed_as_modifier"]

TO_KEYS, GOING_KEYS, STANCE_KEYS = keys((INFINITIVE_MARKER,)), keys((GOING,)), keys((STANCE_PREPOSITION,))
CONDITION_KEYS, MODAL_KEYS, FUTURE_KEYS = keys(CONDITION_WORDS), keys(MODALS), keys(FUTURE_AUXILIARIES)
ACTIVE_SUBJECT_DEPS = frozenset({DEP.nsubj, DEP.csubj})
CHAIN_DEPS = frozenset({DEP.xcomp, DEP.conj})
"""A verb chained to another shares its tense and mood ("will meet and sign", "plans to visit")."""
CLIMB_DEPS = frozenset({DEP.xcomp, DEP.conj, DEP.advcl, DEP.acomp, DEP.oprd, DEP.pcomp, DEP.ccomp})
"""Clauses that take their subject from the verb above them."""
GOVERNED_DEPS = frozenset({DEP.xcomp, DEP.conj, DEP.pcomp, DEP.pobj, DEP.prep, DEP.acomp, DEP.advcl})
PASSIVE_DEPS = frozenset({DEP.nsubjpass, DEP.auxpass})
FINITE_DEPS = frozenset({DEP.nsubj, DEP.aux})
DETERMINER_DEPS = frozenset({DEP.det, DEP.poss})
SPEECH_CLAUSE_DEPS = frozenset({DEP.parataxis, DEP.advcl})
INTENT_PREPOSITION_KEYS = keys(INTENT_PREPOSITIONS)
VERBAL_POS = frozenset({POS.VERB, POS.AUX})


def purpose_clause(view: ParseView, i: int) -> bool:
    """An infinitive of purpose or plan (its verb at ``i``: "... to help Laos")."""
    return any(view.deps[c] == DEP.aux and view.lowers[c] in TO_KEYS for c in view.kids[i])


def condition(view: ParseView, i: int) -> bool:
    """A condition clause (its head at ``i``: "... if Tehran rebuilds")."""
    return any(view.deps[c] == DEP.mark and view.lowers[c] in CONDITION_KEYS for c in view.kids[i])


def chained(view: ParseView, i: int, test, *, own_tense_stops: bool = True) -> bool:
    """``test(view, t)`` for ``i`` or a verb it is chained to (xcomp, conj; six levels). With
    ``own_tense_stops``, a verb with a tense of its own ends the chain ("vowed that ... would, and warned")."""
    deps, heads = view.deps, view.heads
    t = i
    for _ in range(6):
        if test(view, t):
            return True
        if deps[t] not in CHAIN_DEPS or heads[t] == t or (own_tense_stops and tense_of_its_own(view, t)):
            break
        t = heads[t]
    return False


def tense_of_its_own(view: ParseView, t: int) -> bool:
    """A conjunct in the simple past joined to a verb that is not ("would be over soon and warned them"): it
    shares no auxiliary of its head; the parser joined a new main-clause act to an embedded clause."""
    return (view.deps[t] == DEP.conj and view.tag(t) == PAST_TAG
            and view.tag(view.heads[t]) != PAST_TAG)


def _modal_or_condition(view: ParseView, t: int) -> bool:
    return condition(view, t) or any(view.deps[c] == DEP.aux and view.lowers[c] in MODAL_KEYS for c in view.kids[t])


def _future_auxiliary(view: ParseView, t: int) -> bool:
    return any(view.deps[c] == DEP.aux and (view.lowers[c] in FUTURE_KEYS or view.lowers[c] in GOING_KEYS)
               for c in view.kids[t])


def hypothetical(view: ParseView, i: int) -> bool:
    """The verb at ``i``, or a verb it is chained to, has a condition ("if", "unless") or a modal auxiliary
    ("could", "might" ...)."""
    return chained(view, i, _modal_or_condition)


def future(view: ParseView, i: int) -> bool:
    """The verb at ``i``, or a verb it is chained to, is in the future ("will", "would", "going to")."""
    return chained(view, i, _future_auxiliary)


def governed_by_intent(view: ParseView, i: int, found: Mapping[int, VerbPattern]) -> bool:
    """A verb above ``i`` (through complements, conjuncts, prepositions; six levels) is a matched intent
    governor (``found``: the sentence's triggers, position -> pattern); not when ``i`` is chained to the
    governor itself as its conjunct ("vowed that ... and warned them against it": two acts)."""
    deps, heads = view.deps, view.heads
    t = i
    for _ in range(6):
        if deps[t] not in GOVERNED_DEPS or heads[t] == t or tense_of_its_own(view, t):
            return False
        step, t = deps[t], heads[t]
        p = found.get(t)
        if p is not None and "intent" in p.flags:
            return step != DEP.conj  # "vowed that ... and warned X": a second act of the subject's, not intended
    return False


def complements(view: ParseView, gov: int) -> list[int]:
    """Verbs an intent governor at ``gov`` governs: its xcomp or ccomp, the objects of its "to"/"on" phrases,
    the xcomp of its adjective complement; then their verbal conjuncts and xcomps."""
    kids, deps = view.kids, view.deps
    out = []
    for c in kids[gov]:
        if deps[c] in (DEP.xcomp, DEP.ccomp):
            out.append(c)
        elif deps[c] == DEP.prep and view.lowers[c] in INTENT_PREPOSITION_KEYS:
            out.extend(g for g in kids[c] if deps[g] in (DEP.pcomp, DEP.pobj))
        elif deps[c] == DEP.acomp:
            out.extend(g for g in kids[c] if deps[g] == DEP.xcomp)
    more = []
    for c in out:
        more.extend(x for x in view.conjuncts(c) if view.pos[x] in VERBAL_POS)
        more.extend(x for x in kids[c] if deps[x] == DEP.xcomp)
    return out + more


def statement_participle(view: ParseView, i: int) -> bool:
    """"issued a statement demanding that ...": the participle at ``i`` says what the statement does; it is the
    act of whoever issued it."""
    deps, head = view.deps, view.heads[i]
    return (deps[i] == DEP.acl and deps[head] == DEP.dobj and view.lemma(head) in word_lists().statement_nouns
            and not any(deps[c] in SUBJECT_DEPS for c in view.kids[i]) and view.tag(i) == "VBG")


def verb_parsed_as_modifier(view: ParseView, i: int) -> bool:
    """A finite verb at ``i`` the parser took for a participle modifying its own object ("..., and
    extended[amod] congratulations[conj] on ..."): a verb tagged as one, modifying a determiner-less noun that
    is itself coordinated with a verb."""
    pos, deps, heads = view.pos, view.deps, view.heads
    if pos[i] != POS.VERB or deps[i] != DEP.amod:
        return False
    head = heads[i]
    return (deps[head] == DEP.conj and pos[heads[head]] == POS.VERB
            and not any(deps[c] in DETERMINER_DEPS for c in view.kids[head]) and view.tag(i) in ("VBD", "VBN"))


def is_passive(view: ParseView, i: int) -> bool:
    """Passive voice, including a reduced passive naming its agent ("a ceasefire brokered by Qatar") and a
    bare participle clause ("when asked about ...": the subject is the one asked)."""
    kids, deps = view.kids[i], view.deps
    if any(deps[c] in PASSIVE_DEPS for c in kids):
        return True
    if deps[i] == DEP.acl:
        return any(deps[c] == DEP.agent for c in kids) and view.tag(i) == "VBN"
    if deps[i] == DEP.advcl:
        return not any(deps[c] in FINITE_DEPS for c in kids) and view.tag(i) == "VBN"
    return False


def stative(view: ParseView, i: int) -> bool:
    """A participle used as an adjective of stance, with no agent ("Vietnam is committed to ...", "Israel is
    opposed to ..."): its subject holds the stance, as in the active voice."""
    kids, deps = view.kids[i], view.deps
    if any(deps[c] == DEP.agent for c in kids):
        return False
    return any(deps[c] == DEP.prep and view.lowers[c] in STANCE_KEYS for c in kids) and (
        view.lemma(i) not in word_lists().expectation_verbs)


def has_agent(view: ParseView, i: int) -> bool:
    """The verb at ``i`` has a by-agent ("was shelled by ...")."""
    return any(view.deps[c] == DEP.agent for c in view.kids[i])


def subjects(view: ParseView, i: int) -> list[int]:
    """The subjects of the verb at ``i``, inherited from the verbs it depends on (xcomp, conj, advcl ...) when
    it has none; for a verb of a control verb's object ("urged Iran to stop"), that object."""
    kids, deps, heads = view.kids, view.deps, view.heads
    t = i
    if statement_participle(view, i):  # "X issued a statement demanding ...": X's demand
        return subjects(view, heads[heads[i]])
    if verb_parsed_as_modifier(view, i):  # "X asked Y to convey ..., and extended congratulations": X's act
        t = heads[heads[i]]
        while deps[t] in CHAIN_DEPS and heads[t] != t:
            t = heads[t]
    control = word_lists().control_verbs
    for _ in range(8):
        subs = [c for c in kids[t] if deps[c] in ACTIVE_SUBJECT_DEPS]
        # "is expected to", "is committed to"
        if not subs and (any(deps[c] == DEP.xcomp for c in kids[t]) or stative(view, t)):
            subs = [c for c in kids[t] if deps[c] == DEP.nsubjpass]
        if subs:
            return subs
        if deps[t] == DEP.xcomp and view.lemma(heads[t]) in control:
            objs = [c for c in kids[heads[t]] if deps[c] == DEP.dobj]
            if objs:
                return objs
        if deps[t] not in CLIMB_DEPS or heads[t] == t or deps[t] == DEP.ccomp:
            break
        t = _subject_holder(view, t)
    return []


def _subject_holder(view: ParseView, t: int) -> int:
    """The verb whose subject the verb at ``t`` inherits: its head; for a past conjunct joined to a clause of
    another tense, the verb of that clause ("vowed that it would be over and warned them": the vower warned)."""
    head = view.heads[t]
    if tense_of_its_own(view, t) and view.deps[head] == DEP.ccomp:
        return view.heads[head]
    return head


def speaker(view: ParseView, i: int) -> int | None:
    """The subject of the nearest speech verb governing ``i`` ("..., Wang said"), or None."""
    kids, deps, heads = view.kids, view.deps, view.heads
    say = word_lists().speech_verbs
    t = i
    for _ in range(8):
        if t != i and view.lemma(t) in say:
            subs = subjects(view, t)
            if subs:
                return subs[0]
        for c in kids[t]:
            if deps[c] in SPEECH_CLAUSE_DEPS and view.lemma(c) in say:
                subs = [g for g in kids[c] if deps[g] == DEP.nsubj]
                if subs:
                    return subs[0]
        if heads[t] == t:
            break
        t = heads[t]
    return None
