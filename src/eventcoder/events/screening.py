"""Screening (stage "screening"): the checks that keep a matched trigger from being coded as an event.

A trigger is an event only when the sentence says it happened. :data:`CHECKS` is the ordered registry of the
named checks run on each trigger; the first that holds stops it, and every check that ran is recorded in the
trigger's trace (:class:`~eventcoder.model.TriggerTrace`). Before them, a trigger is stopped when it is only
reported by another one (:func:`reported_only`: what is demanded, asked for, alleged or threatened) or denied
by a denial. To add a check: write ``test(screen, position, pattern) -> bool`` and add a :class:`Check` to
:data:`CHECKS` at the place in the order where it belongs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from ..cameo import ALLEGING_ROOTS, MATERIAL_ROOTS, PUBLIC_STATEMENT, REPORTING_ROOTS
from ..grammar import (ALLEGED_PREPOSITIONS, NEGATIVE_DETERMINERS, NOT_YET, PLANNING_WORDS, RECIPIENT_PREPOSITION,
                       REPORTED_PREPOSITIONS, TOO)
from ..lexicon import VerbPattern
from ..model import Decision, Mention
from ..parse import COMPLEMENT_DEPS, DEP, ENT, POS, SUBJECT_DEPS, ParseView, keys
from ..wordlists import word_lists
from . import clauses, reality

__all__ = ["CHECKS", "Check", "Screen", "refused", "reported_only"]


@dataclass(frozen=True)
class Screen:
    """What the checks read of one sentence: its parse, its actor mentions and its matched triggers
    (position -> pattern, in sentence order), and the coding conventions ("news" or "petrarch", see
    :data:`CONVENTION_CHECKS`)."""

    view: ParseView
    mentions: Mapping[int, Mention]
    found: Mapping[int, VerbPattern]
    conventions: str = "news"


@dataclass(frozen=True)
class Check:
    """One named check: ``test(screen, position, pattern)`` holds when the trigger is not an event of its own,
    for the reason ``says``."""

    name: str
    says: str
    test: Callable[[Screen, int, VerbPattern], bool]

    @cached_property
    def passed(self) -> Decision:
        """The decision recorded when the check does not hold."""
        return Decision(self.name)

    @cached_property
    def stopped(self) -> Decision:
        """The decision recorded when it holds."""
        return Decision(self.name, True, self.says)


SKIP_DEPS = frozenset({DEP.relcl, DEP.acl, DEP.amod, DEP.compound, DEP.nmod, DEP.pobj, DEP.nsubj, DEP.nsubjpass,
                       DEP.dobj})
"""Argument and modifier positions: a verb there is background, not the sentence's act."""
RELATIVE_DEPS = frozenset({DEP.relcl, DEP.acl})
NEGATED_DEPS = frozenset({DEP.dobj, DEP.nsubjpass, DEP.nsubj})
DEPENDENT_DEPS = frozenset({DEP.xcomp, DEP.acomp})
NOMINAL_OBJECT_DEPS = frozenset({DEP.dobj, DEP.pobj})
OPINION_BLOCKING_DEPS = frozenset({DEP.dobj, DEP.xcomp, DEP.dative})
PLANNING_AUX_DEPS = frozenset({DEP.aux, DEP.auxpass})
NEGATIVE_KEYS, PLANNING_KEYS, YET_KEYS = keys(NEGATIVE_DETERMINERS), keys(PLANNING_WORDS), keys((NOT_YET,))
TOO_KEYS = keys((TOO,))
NEGATIVE_MODIFIER_DEPS = frozenset({DEP.det, *keys(("preconj",))})
"""Positions of a word that negates its noun ("no agreement", "neither Britain nor France")."""
CLAIM_ROOTS = frozenset({"10", "13"})
"""Demands and threats: with a complement that says what is so they claim, they do not demand or threaten."""
DEMAND_ROOT = "10"
ACTOR_ENTS = frozenset({ENT.PERSON, ENT.NORP, ENT.GPE, ENT.ORG})
REPORTED_KEYS, ALLEGED_KEYS = keys(REPORTED_PREPOSITIONS), keys(ALLEGED_PREPOSITIONS)
RECIPIENT_KEYS = keys((RECIPIENT_PREPOSITION,))


def reported_only(view: ParseView, found: Mapping[int, VerbPattern]) -> dict[int, int]:
    """The positions of triggers (and of all words) only demanded, requested, alleged, threatened or denied by
    another trigger ("urged X to stop", "demanded that Kabul hand over", "accused X of attacking", "charged
    them with setting fire"): what appeals, demands, threats and denials govern, and what coercion is for;
    each with the position of the trigger that reports it (the first one)."""
    out: dict[int, int] = {}
    kids, deps = view.kids, view.deps
    for i, p in found.items():
        if "futureonly" in p.flags and not clauses.future(view, i):
            continue
        if p.code[:2] in REPORTING_ROOTS or "deny" in p.flags:
            if _announces(view, i, p):
                continue  # "insisted it would push them out": what it announces is read as announced
            for c in kids[i]:
                if deps[c] in COMPLEMENT_DEPS or (deps[c] == DEP.advcl and clauses.purpose_clause(view, c)) or (
                        deps[c] == DEP.prep and view.lowers[c] in REPORTED_KEYS):
                    out.update((t, i) for t in view.subtree(c) if t not in out
                               and not clauses.verb_parsed_as_modifier(view, t))
        elif p.code[:2] in ALLEGING_ROOTS:  # "charged them with setting fire", "arrested for spying": alleged acts
            for c in kids[i]:
                if deps[c] == DEP.prep and view.lowers[c] in ALLEGED_KEYS:
                    out.update((t, i) for t in view.subtree(c) if t not in out)
    return out


def _claim_clauses(view: ParseView, i: int) -> list[int]:
    """The that-clauses of the verb at ``i`` when it has no object or infinitive besides them."""
    kids, deps = view.kids[i], view.deps
    if any(deps[c] in OPINION_BLOCKING_DEPS for c in kids):
        return []
    return [c for c in kids if deps[c] == DEP.ccomp]


def _announces(view: ParseView, i: int, p: VerbPattern) -> bool:
    """A demand verb whose clause announces the speaker's own act ("Iran insisted it would push them out")."""
    comps = _claim_clauses(view, i) if p.code[:2] == DEMAND_ROOT else []
    return bool(comps) and all(reality.own_future(view, c) for c in comps)


def light_verb_object(screen: Screen, i: int, p: VerbPattern) -> bool:
    """A noun trigger that is the object of a matched light-verb pattern ("held talks"): coded there."""
    if "noun" not in p.flags:
        return False
    view = screen.view
    head = view.heads[i]
    if view.deps[head] == DEP.prep:
        head = view.heads[head]
    light = screen.found.get(head)
    return light is not None and view.lemma(i) in light.objects


def background(screen: Screen, i: int, p: VerbPattern) -> bool:
    """Triggers in relative clauses (or inside one further up), noun modifiers or argument positions (background
    events), purpose clauses ("held a meeting to discuss"), clauses of "as" that refer back ("as agreed in the
    deal"), and participles of consequence for material acts ("..., killing six soldiers")."""
    view = screen.view
    pos, deps, heads, kids = view.pos, view.deps, view.heads, view.kids
    if deps[i] == DEP.advcl and clauses.purpose_clause(view, i):
        return True
    if reality.inside_relative_clause(view, i) or reality.reference_clause(view, i):
        return True
    if clauses.verb_parsed_as_modifier(view, i) or clauses.statement_participle(view, i) or (
            reality.news_where_clause(view, i) or reality.announced_content(view, i)):
        return False
    participle = i
    while deps[participle] == DEP.conj and view.tag(participle) == "VBG" and heads[participle] != participle:
        participle = heads[participle]  # "..., damaging buildings and injuring two"
    if (deps[participle] == DEP.advcl and p.code[:2] in MATERIAL_ROOTS
            and not any(deps[c] in SUBJECT_DEPS for c in kids[i]) and view.tag(i) == "VBG"):
        return True
    if deps[i] == DEP.acl and any(deps[c] == DEP.agent for c in kids[i]) and view.tag(i) == "VBN":
        return False  # "a ceasefire brokered by Qatar": a reduced passive naming its actor is an event
    if deps[i] in SKIP_DEPS and pos[i] != POS.ADJ:
        return pos[i] in (POS.VERB, POS.AUX) or deps[i] in RELATIVE_DEPS
    return deps[i] in RELATIVE_DEPS


def unrealised(screen: Screen, i: int, p: VerbPattern) -> bool:
    """A nominal event that is the object of a verb in the future, a condition, an intent or a request ("would
    be ready to host a meeting", "will hold talks", "told them to conduct attacks"): it has not happened."""
    if "noun" not in p.flags:
        return False
    view = screen.view
    deps, heads = view.deps, view.heads
    verb = heads[heads[i]] if deps[i] == DEP.pobj else heads[i]
    if deps[i] not in NOMINAL_OBJECT_DEPS or view.pos[verb] not in (POS.VERB, POS.AUX):
        return False
    requested = deps[verb] == DEP.xcomp and view.lemma(heads[verb]) in word_lists().control_verbs
    return requested or clauses.purpose_clause(view, verb) or clauses.future(view, verb) or (
        clauses.hypothetical(view, verb)) or clauses.governed_by_intent(view, verb, screen.found)


def opinion(screen: Screen, i: int, p: VerbPattern) -> bool:
    """"Cabinet agreed it was vital ...", "he had hoped Assad would ...": an act verb whose complement is a
    clause of opinion rather than an object (statements, appeals and denials excepted), or an intent verb whose
    clause is what someone else should do ("hoped the two men would be put on trial": a wish) or what will
    become of a thing ("vowed that the campaign would be over soon": a prediction), or an intent verb that consents
    to what someone else does ("agreed to Moscow taking charge")."""
    view = screen.view
    if p.code[:2] in REPORTING_ROOTS or p.code[:2] == PUBLIC_STATEMENT or "deny" in p.flags or view.pos[i] == POS.NOUN:
        return False
    kids, deps = view.kids[i], view.deps
    if "intent" in p.flags and _consents_to_other(view, i):
        return True
    if any(deps[c] in OPINION_BLOCKING_DEPS for c in kids):
        return False
    return any(deps[c] == DEP.ccomp and (_describes(view, c) or _wish_or_prediction(screen, p, c)) for c in kids)


def _consents_to_other(view: ParseView, i: int) -> bool:
    """An intent verb with a "to"-object followed by a gerund, its subject ("agreed to Moscow taking charge of
    the weapons"): consent to what someone else does, no intent of the verb's own subject."""
    kids, deps = view.kids[i], view.deps
    objects = [c for c in kids if deps[c] == DEP.prep and view.lowers[c] in RECIPIENT_KEYS
               and any(deps[g] == DEP.pobj for g in view.kids[c])]
    return bool(objects) and any(deps[c] == DEP.xcomp and view.tag(c) == "VBG" and c > objects[0] for c in kids)


def _wish_or_prediction(screen: Screen, p: VerbPattern, clause: int) -> bool:
    """An intent verb's clause with a subject of its own: a wish ("hoped the two men would be tried") or, but for
    joint acts ("the leaders agreed the zone will ..."), a prediction about a thing ("vowed the campaign would be
    swift")."""
    if "intent" not in p.flags or not reality.own_subject(screen.view, clause):
        return False
    return p.lemma in word_lists().wish_verbs or ("sym" not in p.flags and _names_no_one(screen, clause))


def _describes(view: ParseView, clause: int) -> bool:
    """A finite clause (its head at ``clause``) that describes rather than plans: no "to", no
    will/would/should/must/shall."""
    kids = view.kids[clause]
    if any(view.deps[a] in PLANNING_AUX_DEPS and view.lowers[a] in PLANNING_KEYS for a in kids):
        return False
    if view.tag(clause) == "VBG":  # "was making sure" describes; a bare gerund does not
        return any(view.deps[a] == DEP.aux for a in kids)
    return view.tag(clause) != "VB"


def negated(screen: Screen, i: int, p: VerbPattern) -> bool:
    """The trigger is negated ("did not meet") or its subject or object is ("no agreement was reached"), or it
    complements a negated verb."""
    view = screen.view
    kids, deps = view.kids, view.deps
    for c in kids[i]:
        if deps[c] == DEP.neg:
            return True
        if deps[c] in NEGATED_DEPS and any(deps[d] == DEP.det and view.lowers[d] in NEGATIVE_KEYS for d in kids[c]):
            return True
    return deps[i] in DEPENDENT_DEPS and any(deps[c] == DEP.neg for c in kids[view.heads[i]])


def not_done(screen: Screen, i: int, p: VerbPattern) -> bool:
    """What :func:`negated` finds, and more forms of "it did not happen": a subject of "neither ... nor"
    ("neither Britain nor France ratified"), a negated adverb ("no longer supports"), a phrase of "without"
    ("without Russia agreeing") or "short of" ("stopped short of recognising"), the clause of a negated noun
    ("no sign that ..."), a noun object of a negated verb ("did not recall any attacks"), the
    infinitive of "yet" or "too" ("is yet to offer", "too upset to comment") or of a word of failure or refusal
    ("failed to reach", "unwilling to accept")."""
    if negated(screen, i, p):
        return True
    view = screen.view
    kids, deps = view.kids, view.deps
    if any(deps[c] in NEGATED_DEPS and any(deps[d] in NEGATIVE_MODIFIER_DEPS and view.lowers[d] in NEGATIVE_KEYS
                                           for d in kids[c]) for c in kids[i]):
        return True
    if reality.without_clause(view, i) or reality.negated_noun_clause(view, i, NEGATIVE_KEYS):
        return True
    if any(deps[c] == DEP.advmod and any(deps[n] == DEP.neg for n in kids[c]) for c in kids[i]):
        return True  # "no longer supports"
    lists = word_lists()
    if deps[i] == DEP.pcomp and view.lemma(view.heads[view.heads[i]]) in lists.failure_words:
        return True  # "stopped short of recognising"
    if reality.failed_chain(view, i):
        return True  # "failed to persuade Russia to agree"
    if deps[i] not in DEPENDENT_DEPS:
        return False
    head = view.heads[i]
    return any(deps[c] == DEP.advmod and view.lowers[c] in YET_KEYS | TOO_KEYS for c in kids[head]) or (
        view.lemma(head) in lists.failure_words or view.lemma(head) in lists.refusal_words)


def refused(view: ParseView, i: int) -> bool:
    """A negated act that is refused rather than only not done: in the future ("would not negotiate", "will
    not hand over") or the infinitive of a word of refusal ("declined to attend"); CAMEO codes it as a
    rejection (12x) by what is refused."""
    deps = view.deps
    if deps[i] in DEPENDENT_DEPS and view.lemma(view.heads[i]) in word_lists().refusal_words:
        return True
    return any(deps[c] == DEP.neg for c in view.kids[i]) and clauses.future(view, i)


def conditional(screen: Screen, i: int, p: VerbPattern) -> bool:
    """The trigger, or a verb it is chained to, has a condition or a modal ("if", "could", "might", "will have
    to"); or it is inside a condition clause, an argument of a verb with a modal ("could lead to Turkey
    reaching a deal") or an infinitive subject ("to withdraw would be a mistake"); or it is a "would" that no
    one is reported to say ("such a strike would anger Ankara"), or a past conditional ("would have killed
    me")."""
    view = screen.view
    return (clauses.hypothetical(view, i) or reality.obliged_or_conditional(view, i)
            or reality.argument_of_modal(view, i) or reality.unreported_would(view, i)
            or reality.counterfactual(view, i))


def description(screen: Screen, i: int, p: VerbPattern) -> bool:
    """A standing relation described by a participle, an adjective or a present passive ("the army, backed by
    Canadian advisers", "US-backed rebels", "Assad is backed by Russia", "an offensive supported by airstrikes";
    not "a plan backed by France", ``backed_things``), or a trigger inside an apposition ("Kenya, a close ally of
    Britain"): not an act."""
    view = screen.view
    described = reality.relation_participle(view, i)
    return (described is not None and view.lemma(described) not in word_lists().backed_things) or (
        reality.in_apposition(view, i))


def _thing_subject(screen: Screen, clause: int) -> bool:
    """The clause headed at ``clause`` has a modal and a subject that names no one ("warned that an assault could
    cause a catastrophe"): a warning of what may happen, no threat of an act of the one who warns ("warned that
    the alternative would be to release them" stays a threat)."""
    return clauses.hypothetical(screen.view, clause) and _names_no_one(screen, clause)


def _names_no_one(screen: Screen, clause: int) -> bool:
    """The clause headed at ``clause`` has a subject whose head and owner name no one ("the campaign", "a
    Sudanese assault"; not "its forces", "Turkish troops")."""
    view = screen.view
    subs = [c for c in view.kids[clause] if view.deps[c] in SUBJECT_DEPS]
    return bool(subs) and not any(_actor_word(screen, t) for s in subs for t in (
        s, *(c for c in view.kids[s] if view.deps[c] == DEP.poss)))


def _actor_word(screen: Screen, i: int) -> bool:
    """The noun at ``i`` names someone: an actor mention, a name, a person or group, a pronoun."""
    view = screen.view
    return i in screen.mentions or view.pos[i] in (POS.PROPN, POS.PRON) or view.ents[i] in ACTOR_ENTS


def background_time(screen: Screen, i: int, p: VerbPattern) -> bool:
    """An act before the story's time: a main clause in the past perfect and its clauses ("Oslo had protested
    the decision"), a clause of "since" ("since Turkey invaded ..."), a participle of what has been so since a
    time ("has been an envoy since 2010, travelling to ...")."""
    return reality.past_perfect_main(screen.view, i) or reality.since_background(screen.view, i)


def claim(screen: Screen, i: int, p: VerbPattern) -> bool:
    """A demand or threat verb whose clause says what is so ("insisted the raid was aimed at smugglers", "warned
    that the truce does not mean peace", "warned that a deal would be unstable", "warned that an assault could
    cause a catastrophe") or announces the speaker's own
    act ("insisted it would push them out", "insisted on fighting in the first line"): a claim or an
    announcement, not a demand or threat."""
    if p.code[:2] not in CLAIM_ROOTS:
        return False
    comps = _claim_clauses(screen.view, i)
    view, past_only = screen.view, p.code[:2] == DEMAND_ROOT
    if past_only and reality.own_gerund(view, i):
        return True  # "insisted on fighting in the first line": the subject's own act, no demand on anyone
    return bool(comps) and (all(reality.describes_what_is(view, c, past_only=past_only)
                                or (not past_only and (reality.copular(view, c) or _thing_subject(screen, c)))
                                for c in comps)
                            or _announces(screen.view, i, p))


def speculation(screen: Screen, i: int, p: VerbPattern) -> bool:
    """A trigger in an embedded question ("on whether Denmark would attack"), in what is imagined, feared or
    predicted ("I imagined jets bombing it"), in the clause of a noun of speculation ("speculation that ..."),
    or hedged by an adverb of possibility ("had probably been killed")."""
    view = screen.view
    return (reality.embedded_question(view, i) or reality.irrealis(view, i) or reality.hedged(view, i)
            or _wished(screen, i))


def _wished(screen: Screen, i: int) -> bool:
    """``i`` is in the clause, with a subject of its own, of a matched verb of wishing ("hoped the two men would
    be put on trial and imprisoned")."""
    view, wish = screen.view, word_lists().wish_verbs
    child = i
    for t in view.ancestors(i):
        p = screen.found.get(t)
        if p is not None and p.lemma in wish and view.deps[child] == DEP.ccomp and reality.own_subject(view, child):
            return True
        child = t
    return False


def question(screen: Screen, i: int, p: VerbPattern) -> bool:
    """A trigger in a direct question ("Why are we fighting for them?"), or a verb of asking that asks a question
    rather than for something ("asked whether ...", "..., the senator asked."): no act, no appeal."""
    view = screen.view
    return reality.in_question(view, i) or (view.lemma(i) in word_lists().question_verbs
                                            and reality.asks_question(view, i))


def generic(screen: Screen, i: int, p: VerbPattern) -> bool:
    """What happens in general: a present-tense "when" clause and its main clause ("When America retreats,
    chaos follows"), a material act in the simple present ("journalists are killed for reporting")."""
    return reality.generic_present(screen.view, i) or (p.code[:2] in MATERIAL_ROOTS
                                                       and reality.habitual_present(screen.view, i))


def no_patient(screen: Screen, i: int, p: VerbPattern) -> bool:
    """A pattern that needs people acted on ("released two prisoners", "they were freed"; flag ``patient``)
    whose object is a thing ("released a statement"): no actor word, person, pronoun or number of people."""
    if "patient" not in p.flags:
        return False
    view, mentions = screen.view, screen.mentions
    objects = [c for c in view.kids[i] if view.deps[c] in (DEP.dobj, DEP.nsubjpass)]
    if view.deps[i] == DEP.acl:
        objects.append(view.heads[i])
    return not any(o in mentions or view.pos[o] in (POS.PRON, POS.NUM) or view.ents[o] in (ENT.PERSON, ENT.NORP)
                   or view.numeric[o] for o in objects)


CHECKS: tuple[Check, ...] = (
    Check("light verb", "the object of a light verb, coded there", light_verb_object),
    Check("background", "background (relative clause, modifier, purpose clause or consequence)", background),
    Check("unrealised", "the object of a verb that is only intended, announced or hypothetical", unrealised),
    Check("opinion", "says what someone thinks (a that-clause), not an act", opinion),
    Check("negation", "negated", not_done),
    Check("condition", "conditional or modal (if, could, might, must ...)", conditional),
    Check("description", "describes a standing relation (participle, adjective, apposition), not an act",
          description),
    Check("past", "before the story's time (past perfect main clause, since-clause)", background_time),
    Check("claim", "claims what is so or announces the speaker's own act: no demand or threat", claim),
    Check("speculation", "imagined, feared, predicted, hedged or asked whether: not an act", speculation),
    Check("question", "a question, not an act or an appeal", question),
    Check("generic", "says what happens in general (present-tense when-clause, simple present)", generic),
    Check("patient", "acts on no people", no_patient),
)
"""The checks, in the order they run on each trigger."""

CONVENTION_CHECKS: dict[str, tuple[Check, ...]] = {"news": CHECKS, "petrarch": CHECKS[:1]}
"""The checks each convention runs. PETRARCH screens nothing: every verb its dictionary matches is coded whatever
its mood, and a pattern written with "not" or "will" decides what such a phrase codes; only a light verb's object
("held talks") is left to the verb, which a PETRARCH pattern codes as a whole."""

NOT_REPORTED = Decision("reported")


def reported(view: ParseView, reporter: int, p: VerbPattern) -> Decision:
    """The decision for a trigger that the trigger at ``reporter`` (pattern ``p``) only reports."""
    how = ("denied" if "deny" in p.flags else "alleged" if p.code[:2] in ALLEGING_ROOTS
           else "asked for, demanded, threatened or rejected")
    return Decision("reported", True, f"only {how} by '{view.word(reporter)}'")


def run_checks(screen: Screen, i: int, p: VerbPattern, decisions: list[Decision]) -> bool:
    """Run the checks of the screen's conventions (:data:`CONVENTION_CHECKS`) on the trigger at ``i`` in order until one holds; record each in ``decisions``.
    RETURNS whether one held."""
    for check in CONVENTION_CHECKS[screen.conventions]:
        if check.test(screen, i, p):
            decisions.append(check.stopped)
            return True
        decisions.append(check.passed)
    return False
