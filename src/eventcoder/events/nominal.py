"""Nominal events: acts named by a noun ("Canada's attack on the border post", "talks between A and B").

A noun of the lexicon (flag ``noun`` in ``data/verbs.tsv``) names an event only when the text says who did it
and, unless a support verb carries it, to whom. This module reads the grammar of such noun phrases:

- the verb or noun that carries the event (:func:`support_verb`, :func:`carrier`): a support verb whose object
  or with-phrase it is ("launched an offensive", "issued a warning", "retaliated with airstrikes";
  ``support_verbs`` of ``data/words.tsv``), a state of being in it ("Iraq and the US are in talks"), or a
  support noun of those words whose "of" phrase it is ("the launch of the offensive by the army");
- who did it, named in the noun phrase (:func:`owner_heads`): a country adjective or possessive ("Turkey's
  attack"), a possessive agent with a country ("the Kenyan president's visit"), a by- or between-phrase
  ("talks between A and B", "an attack by the army"), for a speech noun a from-phrase ("a warning from
  Washington"); "its"/"their" owners are the subject of the clause around the noun (:func:`pronoun_owner_verb`);
  a joint act in a time phrase with its own partner is the clause subject's ("after talks with X, Y said",
  :func:`host_verb`);
- the target named by a that-clause on the noun (:func:`clause_subjects`: "Norway's demand that Mali
  return ...") or on what the act is about (:func:`topic_targets`: "threats of military action against X");
- a governing noun (flags ``noun,govonly``: "decision", "plan") codes the act of the infinitive it carries
  ("Mexico's decision to withdraw troops from Guatemala") by the noun's owner (:func:`carried_pattern`);
- a noun dated in another year or the past, or standing in a "since" phrase ("the 2017 attack", "threats in
  the past", "since the attack"), or one that has not happened ("any attack", "the planned summit", "an
  assault would lead to ...") is no news event (:func:`background_reason`).
"""

from __future__ import annotations

import re

from ..grammar import BETWEEN_PREPOSITIONS, INFINITIVE_MARKER, ORIGIN_PREPOSITION, OWNER_PRONOUNS
from ..lexicon import VerbPattern
from ..model import Sentence
from ..parse import DEP, ENT, POS, SUBJECT_DEPS, ParseView, keys
from ..wordlists import word_lists

__all__ = ["CARRIED", "background_reason", "carried_pattern", "carrier", "clause_subjects", "governed_verb",
           "host_verb", "owner_heads", "pronoun_owner_verb", "support_verb", "topic_targets"]

OWNER_DEPS = frozenset({DEP.amod, DEP.poss, DEP.compound, DEP.nmod})
"""Labels of the words before a noun that may name who did the act ("Israeli airstrikes", "Turkey's attack")."""
NAMING_VERBS = frozenset({"call", "dub", "name", "codename", "label"})
"""Verbs of naming: who names an operation ("an offensive called Olive Branch by the army") is the one who runs it."""
CARRIED = "carried"
"""Flag of a pattern made for an act that a governing noun carries (:func:`carried_pattern`): its target is
found on the governed verb."""
SPEECH_ROOTS = frozenset({"02", "10", "11", "12", "13"})
"""CAMEO roots of acts done by speaking (appeal, demand, disapprove, reject, threaten)."""
STATE_PREPOSITION = "in"
"""The preposition of being engaged in an event ("are in talks")."""
COPULAS = frozenset({"be", "remain"})
"""Verbs of being in a state ("are in talks", "remain in negotiations")."""
MEANS_PREPOSITION = "with"
"""The preposition by which a support verb of response carries the event ("responded with threats")."""
TIME_PREPOSITIONS = frozenset({"after", "following", "during"})
"""Prepositions of a time phrase that names an act the clause's subject took part in ("after talks with X")."""
SUPPORT_NOUN_PREPOSITION = "of"
"""The preposition by which a support noun carries the event ("the launch of an offensive")."""
BACKGROUND_PREPOSITIONS = frozenset({"since"})
"""Prepositions whose object is an earlier event the sentence dates from ("since the attack")."""
LONG_UNITS = frozenset({"year", "years", "decade", "decades", "century"})
PAST_WORDS = frozenset({"last", "ago", "previous", "earlier"})
"""Words of a date expression that, with a unit of years (LONG_UNITS), put an act in an earlier year ("last
year's attack", "two years ago")."""
UNREALISED_ADJECTIVES = frozenset({"planned", "proposed", "possible", "potential", "anticipated", "expected",
                                   "upcoming", "future", "threatened", "prospective", "likely", "imminent",
                                   "hypothetical", "mooted"})
"""Adjectives that make an event noun one that has not happened ("the planned summit", "a possible strike")."""
POSSIBLE_AUXILIARIES = frozenset({"would", "could", "might", "may"})
"""Auxiliaries of a verb whose subject is an event only supposed ("an assault would lead to ...")."""
DATE_PART_DEPS = frozenset({DEP.nummod, DEP.amod, DEP.compound, DEP.npadvmod, DEP.advmod, DEP.det})
YEAR = re.compile(r"^(1[89]|20)\d\d$")
THAT_CLAUSE_DEPS = frozenset({DEP.acl, DEP.ccomp, DEP.relcl})  # with the subordinator as mark, not a relative
SUBORDINATOR = "that"
AGENT_KEYS, STATE_KEYS, OF_KEYS = keys(BETWEEN_PREPOSITIONS), keys((STATE_PREPOSITION,)), keys(
    (SUPPORT_NOUN_PREPOSITION,))
POSSESSIVE_KEYS = keys(OWNER_PRONOUNS)
ANY_KEYS, UNREALISED_KEYS = keys(("any",)), keys(UNREALISED_ADJECTIVES)
POSSIBLE_KEYS, IN_KEYS, PAST_KEYS = keys(POSSIBLE_AUXILIARIES), keys(("in",)), keys(("past",))
TIME_KEYS, TO_KEYS = keys(TIME_PREPOSITIONS), keys((INFINITIVE_MARKER,))
MEANS_KEYS, BY_KEYS = keys((MEANS_PREPOSITION,)), keys(("by",))
FROM_KEYS, SINCE_KEYS, SUBORDINATOR_KEYS = keys((ORIGIN_PREPOSITION,)), keys(BACKGROUND_PREPOSITIONS), keys((SUBORDINATOR,))


def support_verb(view: ParseView, i: int) -> int | None:
    """The verb that carries a nominal event at ``i``, else None: a support verb (``data/words.tsv``) whose object
    it is ("launched an offensive", "began the withdrawal") or whose with-phrase it is ("responded with threats"),
    or a copula whose in-phrase it is ("are in talks")."""
    head = view.heads[i]
    if view.deps[i] == DEP.dobj and view.pos[head] == POS.VERB and view.lemma(head) in word_lists().support_verbs:
        return head
    if view.deps[i] != DEP.pobj or not (view.deps[head] == DEP.prep or (
            view.deps[head] == DEP.conj and view.lowers[head] in MEANS_KEYS)):  # "responded fast and with threats"
        return None
    verb = view.heads[head]
    if view.pos[verb] not in (POS.VERB, POS.AUX):
        return None
    if view.lowers[head] in STATE_KEYS and view.lemma(verb) in COPULAS:  # "are in talks"
        return verb
    if view.lowers[head] in MEANS_KEYS and view.lemma(verb) in word_lists().support_verbs:  # "responded with threats"
        return verb
    return None


def carrier(view: ParseView, i: int) -> int:
    """The noun whose phrase names the event's actors: the support noun carrying the event noun at ``i`` ("the
    launch of the campaign by X" -> launch), else ``i`` itself."""
    head = view.heads[i]
    if view.deps[i] == DEP.pobj and view.lowers[head] in OF_KEYS and view.deps[head] == DEP.prep:
        noun = view.heads[head]
        if noun != i and view.pos[noun] == POS.NOUN and view.lemma(noun) in word_lists().support_verbs:
            return noun
    return i


def owner_heads(s: Sentence, i: int, p: VerbPattern) -> tuple[list[int], list[int]]:
    """Who did the nominal event at ``i`` as named in its own phrase: the country words or possessives before
    the noun; as agents (kept when their country is known), a possessive agent phrase ("the Kenyan president's
    visit") and the objects of its by/between/among phrases (and, for a speech noun, of its from-phrase)."""
    view, mentions = s.parse, s.mentions
    kids, deps = view.kids, view.deps
    owners, agents = [], []
    origin = p.code[:2] in SPEECH_ROOTS and ORIGIN_PREPOSITION not in p.preps  # "a warning from Washington"
    for c in kids[i]:
        mention = mentions.get(c)
        if deps[c] in OWNER_DEPS and mention and mention.entry.country and mention.kind != "agent":
            owners.append(c)
        elif deps[c] == DEP.poss and mention and mention.kind == "agent":  # "the Kenyan president's visit"
            agents.append(c)
        elif deps[c] in (DEP.prep, DEP.agent) and (view.lowers[c] in AGENT_KEYS or (
                origin and view.lowers[c] in FROM_KEYS)):
            agents += [g for g in kids[c] if deps[g] == DEP.pobj]
        elif deps[c] == DEP.prep and view.strings[view.lowers[c]] in p.preps:
            agents += _misattached_agents(view, c)
        elif deps[c] == DEP.acl and view.lemma(c) in NAMING_VERBS:  # "an offensive called 'X' by the army"
            agents += [g for a in kids[c] if deps[a] == DEP.agent for g in kids[a] if deps[g] == DEP.pobj]
    return owners, agents


def _misattached_agents(view: ParseView, prep: int) -> list[int]:
    """"an assault on Bolivian positions by the army": the by-phrase the parser put on the target's noun names
    who did the act."""
    kids, deps = view.kids, view.deps
    return [g for obj in kids[prep] if deps[obj] == DEP.pobj for c in kids[obj]
            if deps[c] == DEP.prep and view.lowers[c] in BY_KEYS for g in kids[c] if deps[g] == DEP.pobj]


def pronoun_owner_verb(view: ParseView, i: int) -> int | None:
    """"Russia said its strikes on Idlib hit only militants", "despite their decision to launch strikes, the
    allies ...": for an event noun at ``i`` owned by "its" or "their" (not "his"/"her", too often another
    person's), the nearest verb above it whose subject is
    not the noun's own phrase (its subject is the owner); else None, also when the noun is that verb's object
    ("Iran rejected their demands": someone else's act)."""
    if not any(view.deps[c] == DEP.poss and view.lowers[c] in POSSESSIVE_KEYS for c in view.kids[i]):
        return None
    t = i
    for _ in range(8):
        if view.heads[t] == t:
            return None
        below, t = t, view.heads[t]
        if view.pos[t] in (POS.VERB, POS.AUX) and view.deps[below] not in SUBJECT_DEPS:
            # the object of a verb ("Iran rejected their demands") is someone else's act
            return None if view.deps[below] in (DEP.dobj, DEP.dative) else t
    return None


def topic_targets(view: ParseView, i: int, p: VerbPattern) -> list[int]:
    """"Iran's threats of military action against Israel": the objects of the pattern's prepositions on the
    noun's of-complement (what the act is about)."""
    kids, deps = view.kids, view.deps
    topics = [g for c in kids[i] if deps[c] == DEP.prep and view.lowers[c] in OF_KEYS
              for g in kids[c] if deps[g] == DEP.pobj]
    return [g for t in topics for c in kids[t] if deps[c] == DEP.prep and view.strings[view.lowers[c]] in p.preps
            for g in kids[c] if deps[g] == DEP.pobj]


def host_verb(view: ParseView, i: int, p: VerbPattern) -> int | None:
    """A joint act named in a time phrase of a verb ("after talks with Erdogan, Trump announced ...", "during a
    call with Macron, Putin said ..."): the verb, whose subject took part; else None."""
    head = view.heads[i]
    if "sym" not in p.flags or view.deps[i] != DEP.pobj or view.lowers[head] not in TIME_KEYS:
        return None
    verb = view.heads[head]
    return verb if view.pos[verb] in (POS.VERB, POS.AUX) and view.deps[head] == DEP.prep else None


def governed_verb(view: ParseView, i: int) -> int | None:
    """"the decision to withdraw troops", "Turkey's move to close the border": the infinitive the noun at ``i``
    carries (not negated: "the decision not to seek"), else None."""
    kids, deps = view.kids, view.deps
    for c in kids[i]:
        if deps[c] in (DEP.acl, DEP.xcomp, DEP.relcl) and view.pos[c] == POS.VERB and any(
                deps[a] == DEP.aux and view.lowers[a] in TO_KEYS for a in kids[c]) and not any(
                deps[a] == DEP.neg for a in kids[c]):
            return c
    return None


def carried_pattern(noun: VerbPattern, inner: VerbPattern) -> VerbPattern | None:
    """The pattern of an act carried by a governing noun (flags ``noun`` and ``govonly``): the act's own code
    ("the decision to withdraw" is the withdrawal), or with the flag ``intent`` its intent code ("plans to
    withdraw"); None when the act has no code for that."""
    code = inner.intent if "intent" in noun.flags else inner.code
    if code is None or "intent" in inner.flags or "deny" in inner.flags:
        return None
    flags = (inner.flags - {"futureonly", "needprep"}) | {"noun", CARRIED}
    return VerbPattern(code, inner.lemma, inner.objects, inner.preps, flags, inner.intent,
                       f"{inner.source}, carried by {noun.source} {noun.lemma}:")


def clause_subjects(view: ParseView, i: int) -> list[int]:
    """"Norway's demand that Mali return ...": the subject of a that-clause on the noun at ``i`` (not of a
    relative clause: "the demand that Norway made")."""
    kids, deps = view.kids, view.deps
    heads = []
    for c in kids[i]:
        if deps[c] not in THAT_CLAUSE_DEPS or not any(
                deps[m] == DEP.mark and view.lowers[m] in SUBORDINATOR_KEYS for m in kids[c]):
            continue
        heads += [g for g in kids[c] if deps[g] in SUBJECT_DEPS and view.pos[g] != POS.PRON]
    return heads


def background_reason(view: ParseView, i: int) -> str | None:
    """Why the nominal event at ``i`` is no news event, or None: its phrase dates it in a year or a past time
    of its own ("the 2017 attack", "the strike in April 2016", "last year's raid", "threats in the past"), or it
    is the object of "since" ("since the attack"); or it has not happened: "any" ("any attack on X"), an
    adjective of an unrealised act ("the planned summit", "a possible strike"), or the subject of a verb of
    possibility ("an assault would lead to ...")."""
    head = view.heads[i]
    if view.deps[i] == DEP.pobj and view.lowers[head] in SINCE_KEYS:
        return "a nominal event that the sentence dates from (since ...): background"
    if _dated(view, i) or (view.deps[i] == DEP.dobj and _dated(view, head)):
        return "a nominal event dated in a year or past time of its own: background"
    for c in view.kids[i]:
        if (view.deps[c] == DEP.det and view.lowers[c] in ANY_KEYS) or (
                view.deps[c] == DEP.amod and view.lowers[c] in UNREALISED_KEYS):
            return f"a nominal event that has not happened ('{view.word(c)}')"
    if view.deps[i] in SUBJECT_DEPS and any(view.deps[a] == DEP.aux and view.lowers[a] in POSSIBLE_KEYS
                                            for a in view.kids[head]):
        return "a nominal event whose outcome is only possible (would, could, might): hypothetical"
    return None


def _dated(view: ParseView, i: int) -> bool:
    """Whether the noun or verb at ``i`` has a date of its own in a year or a past time ("in 2016", "the 2017
    attack", "in the past")."""
    for c in view.kids[i]:
        if view.deps[c] == DEP.prep:
            dated = [g for g in view.kids[c] if view.deps[g] == DEP.pobj]
            if view.lowers[c] in IN_KEYS and any(view.lowers[g] in PAST_KEYS for g in dated):
                return True  # "in the past"
        elif view.deps[c] in OWNER_DEPS or view.deps[c] in (DEP.nummod, DEP.npadvmod):
            dated = [c]
        else:
            continue
        if any(_past_date(view, t) for d in dated for t in _date_words(view, d)):
            return True
    return False


def _date_words(view: ParseView, d: int) -> list[int]:
    """The word at ``d`` and its own modifiers, not the clauses or phrases it heads ("Obama, whose address a
    decade ago ..." dates the address, not the act)."""
    return [d] + [k for k in view.kids[d] if view.deps[k] in DATE_PART_DEPS]


def _past_date(view: ParseView, t: int) -> bool:
    """A word of a date expression that names a year ("2017") or an earlier year ("last year", "years ago");
    not a length of time ("the seven-year war")."""
    if view.ents[t] != ENT.DATE:
        return False
    if YEAR.match(view.lower(t)):
        return True
    lo, hi = t, t
    while lo > 0 and view.ents[lo - 1] == ENT.DATE:
        lo -= 1
    while hi + 1 < len(view) and view.ents[hi + 1] == ENT.DATE:
        hi += 1
    words = {view.lower(k) for k in range(lo, hi + 1)}
    return bool(words & LONG_UNITS) and bool(words & PAST_WORDS)
