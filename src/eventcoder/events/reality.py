"""Whether what a clause says happened in the news window: background by tense and clause, descriptions of
standing relations, speculation, condition and possibility, questions, claims and more forms of negation.

Pure functions of a :class:`~eventcoder.parse.ParseView` and token positions, read by the screening checks
(:mod:`eventcoder.events.screening`); the clause predicates they build on (subjects, speakers, conditions,
purpose clauses) are in :mod:`eventcoder.events.clauses`. Closed-class words come from :mod:`eventcoder.grammar`,
open-class word lists from ``data/words.tsv``.
"""

from __future__ import annotations

from ..grammar import (
    AS,
    CONDITION_WORDS,
    CONDITIONAL_AUXILIARIES,
    COPULA,
    FIRST_PERSON_PRONOUNS,
    FUTURE_AUXILIARIES,
    GENERIC_SUBORDINATORS,
    GERUND_TAG,
    HABITUAL_SUBORDINATOR,
    INDEFINITE_ARTICLES,
    INDICATIVE_AUXILIARIES,
    INFINITIVE_MARKER,
    INTENT_PREPOSITIONS,
    MODALS,
    NARRATIVE_SUBORDINATORS,
    PAST_AUXILIARIES,
    PAST_PARTICIPLE_TAG,
    PAST_PERFECT_AUXILIARY,
    PAST_TAG,
    PERFECT_AUXILIARY,
    PRESENT_PASSIVE_AUXILIARIES,
    PRESENT_TAGS,
    QUESTION_MARK,
    QUESTION_SUBORDINATOR,
    QUESTION_WORDS,
    RELATIVE_PRONOUNS,
    REQUEST_PREPOSITION,
    SEMI_MODALS,
    SINCE,
    SPEAKER_PRONOUNS,
    TIME_SUBORDINATORS,
    DURATION_PREPOSITION,
    DURATION_UNITS,
    WHERE,
    WITHOUT,
)
from ..parse import DEP, POS, SUBJECT_DEPS, ParseView, keys
from ..wordlists import word_lists
from .clauses import (
    CHAIN_DEPS,
    VERBAL_POS,
    chained,
    condition,
    future,
    has_agent,
    purpose_clause,
    speaker,
    statement_participle,
)

__all__ = ["argument_of_modal", "announced_content", "asks_question", "copular", "counterfactual", "failed_chain", "own_subject", "describes_what_is", "embedded_question",
           "generic_present", "habitual_present", "hedged", "in_apposition", "in_question", "inside_relative_clause", "news_where_clause",
           "irrealis", "negated_noun_clause", "obliged_or_conditional", "future_time_clause", "own_future", "own_gerund",
           "past_perfect_main", "reference_clause", "relation_participle", "since_background", "unreported_would",
           "without_clause"]

TO_KEYS, CONDITION_KEYS = keys((INFINITIVE_MARKER,)), keys(CONDITION_WORDS)
MODAL_KEYS, FUTURE_KEYS = keys(MODALS), keys(FUTURE_AUXILIARIES)
WHETHER_KEYS, SINCE_KEYS, GENERIC_KEYS = keys((QUESTION_SUBORDINATOR,)), keys((SINCE,)), keys(GENERIC_SUBORDINATORS)
HAD_KEYS, INDICATIVE_KEYS, PAST_KEYS = keys((PAST_PERFECT_AUXILIARY,)), keys(INDICATIVE_AUXILIARIES), keys(PAST_AUXILIARIES)
PRESENT_PASSIVE_KEYS, QUESTION_WORD_KEYS = keys(PRESENT_PASSIVE_AUXILIARIES), keys(QUESTION_WORDS)
SPEAKER_PRONOUN_KEYS, QUESTION_MARK_KEYS = keys(SPEAKER_PRONOUNS), keys((QUESTION_MARK,))
HABITUAL_KEYS, REQUEST_KEYS = keys((HABITUAL_SUBORDINATOR,)), keys((REQUEST_PREPOSITION,))
TIME_KEYS = keys(TIME_SUBORDINATORS)
HAVE_KEYS, I_KEYS = keys((PERFECT_AUXILIARY,)), keys(FIRST_PERSON_PRONOUNS)
WHERE_KEYS, FOR_KEYS = keys((WHERE,)), keys((DURATION_PREPOSITION,))
NARRATIVE_KEYS, INDEFINITE_KEYS = keys(NARRATIVE_SUBORDINATORS), keys(INDEFINITE_ARTICLES)
WITHOUT_KEYS, AS_KEYS, WOULD_KEYS = keys((WITHOUT,)), keys((AS,)), keys(CONDITIONAL_AUXILIARIES)
INTENT_PREPOSITION_KEYS = keys(INTENT_PREPOSITIONS)
RELATIVE_KEYS = keys(RELATIVE_PRONOUNS)
EMBEDDED_DEPS = frozenset({DEP.pcomp, DEP.pobj, DEP.prep, DEP.csubj})
"""Positions of a clause or phrase that is an argument of a verb (not its complement clause)."""
YEAR_DIGITS = 4
"""The digits of a year ("since 2014")."""
SPECULATED_DEPS = frozenset({DEP.ccomp, DEP.acomp, DEP.acl, DEP.attr})
"""How a clause hangs from a verb whose subject is a noun of speculation ("speculation is rife that ...")."""
NOMINAL_ARGUMENT_DEPS = frozenset({DEP.dobj, DEP.pobj, DEP.prep, DEP.nsubjpass})
NOUN_POS = frozenset({POS.NOUN, POS.PROPN})
CONTENT_POS = frozenset({POS.VERB, POS.AUX, POS.NOUN, POS.PROPN, POS.PRON})
MAIN_DEPS = frozenset({DEP.xcomp, DEP.conj, DEP.advcl})
"""Clauses that share the time of the clause they hang from."""
DESCRIBING_DEPS = frozenset({DEP.acl, DEP.advcl, DEP.amod, DEP.compound, DEP.appos, DEP.npadvmod})
"""Positions of a participle or adjective that describes a noun or the subject ("backed by ...", "US-backed")."""
AUX_DEPS = frozenset({DEP.aux, DEP.auxpass})
OPENER_DEPS = frozenset({DEP.mark, DEP.advmod})
PREDICATE_DEPS = frozenset({DEP.attr, DEP.acomp, DEP.dobj})
"""The rest of a predicate, whose modifiers are the clause's ("has been an advocate since 2006")."""
REQUEST_OBJECT_DEPS = frozenset({DEP.xcomp, DEP.dative})


def _semi_modal(view: ParseView, t: int) -> bool:
    """A semi-modal not in the past ("has to", "will have to", "need to"; "had to" says it was done)."""
    return view.lemma(t) in SEMI_MODALS and view.tag(t) != PAST_TAG and any(
        view.deps[c] == DEP.xcomp and purpose_clause(view, c) for c in view.kids[t])


def obliged_or_conditional(view: ParseView, i: int) -> bool:
    """The verb at ``i``, or a verb it is chained to, is the infinitive of a semi-modal of obligation ("will
    have to agree", "need to act"), or ``i`` is inside a condition clause further up ("... whether Turkey would
    fight them if they intervened")."""
    deps, t = view.deps, i
    for _ in range(6):  # up through infinitives and conjuncts that share the subject ("to determine ... and agree")
        if _semi_modal(view, t):
            return True
        if not (deps[t] == DEP.xcomp or (deps[t] == DEP.conj and not any(
                deps[c] in SUBJECT_DEPS for c in view.kids[t]))) or not heads_differ(view, t):
            break
        t = view.heads[t]
    return any(condition(view, t) for t in view.ancestors(i))


def _marked(view: ParseView, t: int, marks: frozenset[int]) -> bool:
    """The clause headed by ``t`` opens with a subordinator among ``marks``."""
    return any(view.deps[c] == DEP.mark and view.lowers[c] in marks for c in view.kids[t])


def _has_aux(view: ParseView, t: int, words: frozenset[int]) -> bool:
    return any(view.deps[c] in AUX_DEPS and view.lowers[c] in words for c in view.kids[t])


def embedded_question(view: ParseView, i: int) -> bool:
    """``i`` is inside a "whether" clause ("declined to comment on whether Denmark would attack"), or an
    "if"-clause a verb of asking governs ("asked if Turkey would attack")."""
    asking = word_lists().question_verbs
    for t in (i, *view.ancestors(i)):
        if _marked(view, t, WHETHER_KEYS) or (_marked(view, t, CONDITION_KEYS)
                                              and view.lemma(view.heads[t]) in asking):
            return True
    return False


def past_perfect_main(view: ParseView, i: int) -> bool:
    """``i`` is in a main clause in the past perfect, or in a clause that hangs from one ("Oslo had protested
    the decision"; "had been timid when partners demanded it"): an act before the story's own time. A past
    perfect in reported speech ("said rebels had shelled ...") or in a subordinate clause of a past main clause
    ("attacked after rebels had shelled ...") is the story's own past and does not count; in one of a present
    main clause ("has backed Moscow, though he had demanded ...") it does."""
    deps, heads = view.deps, view.heads
    t = i
    while deps[t] in NOMINAL_ARGUMENT_DEPS and view.pos[t] != POS.VERB and heads[t] != t:
        t = heads[t]  # a noun trigger: the clause of the verb it is an argument of ("had ordered a strike")
    path = [t]
    while heads[t] != t:
        if deps[t] == DEP.ccomp and _past_perfect(view, heads[t]) and view.lemma(heads[t]) in word_lists().speech_verbs:
            return past_perfect_main(view, heads[t])  # "Iran had claimed he had been killed"
        if deps[t] not in MAIN_DEPS:
            return False  # a complement, modifier or argument: reported or embedded
        t = heads[t]
        path.append(t)
    said = word_lists().speech_verbs
    if speaker(view, t) is not None or any(deps[c] == DEP.parataxis for c in view.kids[t]) or any(
            view.lemma(v) in said for v in path[1:]):
        return False  # "..., the official said, and the two presidents had exchanged views": reported
    main = len(path)
    while main > 1 and deps[path[main - 2]] != DEP.advcl:
        main -= 1  # path[main - 1:] are the verbs of the main clause (the root and its chained verbs)
    perfect = [v for v in path if _past_perfect(view, v)]
    return any(v in path[main - 1:] for v in perfect) or (bool(perfect) and _present(view, t))


def _past_perfect(view: ParseView, v: int) -> bool:
    return view.tag(v) == PAST_PARTICIPLE_TAG and _has_aux(view, v, HAD_KEYS)


def _present(view: ParseView, t: int) -> bool:
    """The verb at ``t`` is in the present or present perfect ("has backed", "says")."""
    return view.tag(t) in PRESENT_TAGS or any(view.deps[c] == DEP.aux and view.tag(c) in PRESENT_TAGS
                                              for c in view.kids[t])


def since_background(view: ParseView, i: int) -> bool:
    """``i`` is inside a clause or phrase of "since" ("since Turkey invaded ..."), has a "since" of a year ("has
    bombed ... since 2014": a tally), or is a participle of a verb that says what has been so since a time ("has
    been an envoy since 2010, travelling to ..."): background."""
    deps, lowers = view.deps, view.lowers
    for t in (i, *view.ancestors(i)):
        if _marked(view, t, SINCE_KEYS) or (deps[t] == DEP.prep and lowers[t] in SINCE_KEYS):
            return True
    verbs = [i, *(c for c in view.kids[i] if deps[c] == DEP.xcomp)]
    if any(deps[c] == DEP.prep and lowers[c] in SINCE_KEYS and _names_a_year(view, c)
           for v in verbs for c in view.kids[v]):
        return True  # "since 2014 the US has bombed ...", "have fought to liberate it since 2014": a tally
    participle = i
    while deps[participle] == DEP.conj and heads_differ(view, participle):
        participle = view.heads[participle]
    if deps[participle] != DEP.advcl or view.tag(i) != GERUND_TAG or any(deps[c] in SUBJECT_DEPS for c in view.kids[i]):
        return False
    head = view.heads[participle]
    predicate = [head, *(c for c in view.kids[head] if deps[c] in PREDICATE_DEPS)]
    return any((deps[c] == DEP.prep and lowers[c] in SINCE_KEYS) or (deps[c] == DEP.advcl and _marked(view, c, SINCE_KEYS))
               for t in predicate for c in view.kids[t])


def _names_a_year(view: ParseView, prep: int) -> bool:
    """The phrase of the preposition at ``prep`` names a year ("since 2014")."""
    return any(view.numeric[t] and len(view.word(t)) == YEAR_DIGITS and view.word(t).isdigit()
               for t in view.subtree(prep))


def heads_differ(view: ParseView, i: int) -> bool:
    """``i`` is not the root (its head is another token)."""
    return view.heads[i] != i


def generic_present(view: ParseView, i: int) -> bool:
    """A present-tense "when" clause and its present-tense main clause ("When America retreats, chaos follows";
    "whenever" in any tense): what happens in general, not an act."""
    t = i
    while view.deps[t] in CHAIN_DEPS and heads_differ(view, t):
        t = view.heads[t]
    if _opened_by(view, t, GENERIC_KEYS):
        return _opened_by(view, t, HABITUAL_KEYS) or (
            view.tag(t) in PRESENT_TAGS and view.tag(view.heads[t]) in PRESENT_TAGS)
    return view.tag(t) in PRESENT_TAGS and any(
        view.deps[c] == DEP.advcl and _opened_by(view, c, GENERIC_KEYS) and view.tag(c) in PRESENT_TAGS
        for c in view.kids[t])


def _opened_by(view: ParseView, t: int, words: frozenset[int]) -> bool:
    """The clause headed by ``t`` opens with a subordinator or adverb among ``words`` ("when", parsed either)."""
    return any(c < t and view.deps[c] in OPENER_DEPS and view.lowers[c] in words for c in view.kids[t])


def irrealis(view: ParseView, i: int) -> bool:
    """``i`` is inside what a verb of imagining, fearing or predicting takes ("I imagined jets bombing it") or
    in the clause of a noun of speculation ("speculation that Moscow would retaliate", "speculation grew that
    ...")."""
    lists = word_lists()
    child = i
    for t in view.ancestors(i):
        dep = view.deps[child]
        if view.pos[t] in VERBAL_POS and view.lemma(t) in lists.irrealis_verbs and dep not in SUBJECT_DEPS and (
                child > t):
            return True  # what follows the verb: "I imagined jets bombing it"
        if view.pos[t] == POS.NOUN and view.lemma(t) in lists.irrealis_nouns and dep in (DEP.acl, DEP.ccomp):
            return True
        if dep in SPECULATED_DEPS and any(view.deps[s] == DEP.nsubj and view.lemma(s) in lists.irrealis_nouns
                                          for s in view.kids[t]):
            return True  # "speculation grew that Moscow would retaliate", "speculation is rife that ..."
        child = t
    return False


def in_apposition(view: ParseView, i: int) -> bool:
    """The noun at ``i`` is inside an apposition that describes a noun ("Qatar, a mediator in the talks,
    ..."), below any verb of its own. A verb there ("a decision hailed by Moscow") is not, it may be an act."""
    if view.pos[i] != POS.NOUN:
        return False
    for t in (i, *view.ancestors(i)):
        if view.deps[t] == DEP.appos:
            return True
        if t != i and view.pos[t] in VERBAL_POS:
            return False
    return False


def relation_participle(view: ParseView, i: int) -> int | None:
    """When the verb at ``i`` (a verb of a standing relation, ``relation_verbs``) is a participle or adjective
    describing a noun ("the army, backed by Canadian advisers"; "US-backed rebels") or a present passive
    ("Assad is backed by Russia"): the position of the noun it describes; else None."""
    deps, kids = view.deps, view.kids[i]
    if view.lemma(i) not in word_lists().relation_verbs:
        return None
    if _has_aux(view, i, PRESENT_PASSIVE_KEYS) and has_agent(view, i):
        return next((c for c in kids if deps[c] == DEP.nsubjpass), None)
    first = i
    while deps[first] == DEP.conj and heads_differ(view, first):
        first = view.heads[first]  # "the Russian and Iranian-backed forces"
    if deps[first] not in DESCRIBING_DEPS or any(deps[c] in AUX_DEPS or deps[c] in SUBJECT_DEPS for c in kids):
        return None
    if view.tag(i) != PAST_PARTICIPLE_TAG and view.pos[i] != POS.ADJ:
        return None
    head = view.heads[first]
    if deps[first] == DEP.advcl:  # "Backed by Russia, the army advanced": the subject of the clause it hangs from
        return next((c for c in view.kids[head] if deps[c] in SUBJECT_DEPS), None)
    return head


def describes_what_is(view: ParseView, clause: int, *, past_only: bool = False) -> bool:
    """The finite clause headed at ``clause`` says what is or was so: a past tense, or an auxiliary of the
    indicative ("was aimed at", "does not mean", "is committed"); never a subjunctive, modal or future ("that
    he resign", "that they must", "it would"). ``past_only``: the past tense only (after a verb of demand a
    present indicative may be mandative: "insists that the Kurds are excluded")."""
    if _has_aux(view, clause, MODAL_KEYS | FUTURE_KEYS | TO_KEYS):
        return False
    if view.tag(clause) == PAST_TAG or _has_aux(view, clause, PAST_KEYS):
        return True
    return not past_only and (_has_aux(view, clause, INDICATIVE_KEYS) or (
        view.lemma(clause) == COPULA and view.tag(clause) in PRESENT_TAGS))


def own_future(view: ParseView, clause: int) -> bool:
    """The clause headed at ``clause`` is in the future and its subject is the speaker ("insisted it would
    push them out"): an announcement of the speaker's own act."""
    subs = [c for c in view.kids[clause] if view.deps[c] == DEP.nsubj]
    return _has_aux(view, clause, FUTURE_KEYS) and bool(subs) and view.lowers[subs[0]] in SPEAKER_PRONOUN_KEYS


def in_question(view: ParseView, i: int) -> bool:
    """The clause of ``i`` is a direct question: a question mark ends it ("Why are we fighting for them?")."""
    t = i
    while view.deps[t] in CHAIN_DEPS and heads_differ(view, t):
        t = view.heads[t]
    end = max(view.subtree(t))
    _, sentence_end = view.sentence_of(i)
    for k in range(end, sentence_end):
        if view.lowers[k] in QUESTION_MARK_KEYS:
            return True
        if k > end and view.pos[k] in CONTENT_POS:
            return False
    return False


def asks_question(view: ParseView, i: int) -> bool:
    """The verb of asking at ``i`` asks a question, not for something: no infinitive, no "for" or object
    asked for, and its clause, if any, is a question ("asked whether ...", "..., Trump asked.")."""
    kids, deps = view.kids[i], view.deps
    for c in kids:
        if deps[c] in REQUEST_OBJECT_DEPS or (deps[c] == DEP.prep and view.lowers[c] in REQUEST_KEYS):
            return False
        if deps[c] == DEP.dobj and view.pos[c] == POS.NOUN and view.lemma(c) not in word_lists().question_nouns:
            return False
        if deps[c] == DEP.ccomp and not (_opens_question(view, c) or in_question(view, c)):
            return False
    return True


def _opens_question(view: ParseView, clause: int) -> bool:
    first = view.left_edge(clause)
    return view.lowers[first] in QUESTION_WORD_KEYS or _marked(view, clause, QUESTION_WORD_KEYS)


def reference_clause(view: ParseView, i: int) -> bool:
    """A clause of "as" with no subject of its own ("as agreed in the deal", "as demanded by Israel"): it refers
    to an act before, it does not report one."""
    return view.deps[i] == DEP.advcl and _marked(view, i, AS_KEYS) and not any(
        view.deps[c] in SUBJECT_DEPS for c in view.kids[i])


def news_where_clause(view: ParseView, t: int) -> bool:
    """A relative clause of "where" with a subject of its own in the present perfect ("in Raqqa, where Kurdish
    forces have pushed deep into the city"): it reports what has just happened there, news, not background;
    not with "for" a span ("where they have fought for years": what has gone on)."""
    kids, deps = view.kids[t], view.deps
    if any(deps[c] == DEP.prep and view.lowers[c] in FOR_KEYS and any(view.lemma(g) in DURATION_UNITS
                                                                       for g in view.kids[c]) for c in kids):
        return False
    return (deps[t] == DEP.relcl and view.tag(t) == PAST_PARTICIPLE_TAG
            and any(deps[c] == DEP.advmod and view.lowers[c] in WHERE_KEYS for c in kids)
            and any(deps[c] == DEP.nsubj for c in kids)
            and any(deps[c] == DEP.aux and view.lemma(c) == PERFECT_AUXILIARY and view.tag(c) in PRESENT_TAGS
                    for c in kids))


def inside_relative_clause(view: ParseView, i: int) -> bool:
    """``i`` is inside a relative clause further up ("Begum, who married him days after arriving in Raqqa"),
    or a participle modifying a noun ("zones created under a deal brokered by ..."; not a statement's
    participle, "a statement urging ...", nor a reduced passive naming its actor, "a truce brokered by
    Qatar"): background, as the clause itself is."""
    for t in view.ancestors(i):
        if view.deps[t] == DEP.relcl and not (purpose_clause(view, t) or news_where_clause(view, t)):
            return True
        if view.deps[t] == DEP.acl and view.pos[t] == POS.VERB and view.pos[view.heads[t]] in NOUN_POS and not (
                statement_participle(view, t) or has_agent(view, t) or purpose_clause(view, t)
            or announced_content(view, t)):
            return True
    return False


def announced_content(view: ParseView, t: int) -> bool:
    """The verb at ``t`` heads the finite clause a noun of announcement or decision states, with a subject of its
    own and no relative word among its arguments ("Trump's announcement that he was pulling troops out"; not
    "the announcement that he made"): the announced act, news, not a relative clause."""
    kids, deps = view.kids[t], view.deps
    if deps[t] != DEP.acl or view.pos[t] not in VERBAL_POS or (
            view.lemma(view.heads[t]) not in word_lists().announcement_nouns):
        return False
    if any(view.lowers[c] in RELATIVE_KEYS and deps[c] not in (DEP.mark, DEP.advmod) for c in kids):
        return False
    return any(deps[c] in SUBJECT_DEPS and view.lowers[c] not in RELATIVE_KEYS for c in kids)


def without_clause(view: ParseView, i: int) -> bool:
    """``i`` is inside a phrase of "without" ("could not fly without Russia agreeing"): it does not happen."""
    return any(view.deps[t] == DEP.prep and view.lowers[t] in WITHOUT_KEYS for t in view.ancestors(i))


def argument_of_modal(view: ParseView, i: int) -> bool:
    """``i`` is in an argument of a verb with a modal or in an infinitive subject, not in its complement clause
    ("could lead to Turkey reaching a deal", "to withdraw would be a mistake"): possible, not done."""
    deps = view.deps
    if deps[i] == DEP.csubj and purpose_clause(view, i):
        return True
    t = i
    while heads_differ(view, t) and (deps[t] in EMBEDDED_DEPS or (
            deps[t] == DEP.advcl and view.tag(t) == GERUND_TAG
            and not any(deps[c] in SUBJECT_DEPS for c in view.kids[t]))):
        t = view.heads[t]
        if view.pos[t] in VERBAL_POS and _has_aux(view, t, MODAL_KEYS):
            return True
    return False


def negated_noun_clause(view: ParseView, i: int, negative: frozenset[int]) -> bool:
    """``i`` is in the clause of a noun with a negative determiner ("no sign that Russia attacked", "no
    evidence that ..."), or is a noun object of a negated verb ("do not recall any attacks")."""
    deps, kids = view.deps, view.kids
    if view.pos[i] == POS.NOUN and deps[i] in (DEP.dobj, DEP.nsubjpass) and any(
            deps[c] == DEP.neg for c in kids[view.heads[i]]):
        return True
    child = i
    for t in view.ancestors(i):
        if deps[child] in (DEP.acl, DEP.ccomp) and view.pos[t] == POS.NOUN and any(
                deps[d] == DEP.det and view.lowers[d] in negative for d in kids[t]):
            return True
        child = t
    return False


def copular(view: ParseView, clause: int) -> bool:
    """The clause headed at ``clause`` is copular ("would be unstable", "would be a mistake"): a state, no act."""
    return view.lemma(clause) == COPULA and any(view.deps[c] in (DEP.acomp, DEP.attr) for c in view.kids[clause])


def hedged(view: ParseView, i: int) -> bool:
    """The verb at ``i``, or a verb it is chained to, is hedged by an adverb of possibility or is the infinitive
    of an adjective of one ("had probably been killed", "perhaps sent", "are unlikely to attack"): no act
    asserted."""
    hedges = word_lists().hedge_words
    return chained(view, i, lambda v, t: any(v.deps[c] == DEP.advmod and v.lower(c) in hedges for c in v.kids[t])
                    or (v.deps[t] == DEP.xcomp and v.lemma(v.heads[t]) in hedges), own_tense_stops=False)


def own_gerund(view: ParseView, i: int) -> bool:
    """The verb at ``i`` insists on an act of its own subject ("insisted on fighting in the first line"): a
    gerund of "on" with no subject of its own."""
    for c in view.kids[i]:
        if view.deps[c] == DEP.prep and view.lowers[c] in INTENT_PREPOSITION_KEYS:
            if any(view.deps[g] == DEP.pcomp and view.tag(g) == GERUND_TAG
                   and not any(view.deps[s] in SUBJECT_DEPS or view.deps[s] == DEP.poss for s in view.kids[g])
                   for g in view.kids[c]):
                return True
    return False


def habitual_present(view: ParseView, i: int) -> bool:
    """A material act in the simple present ("journalists are killed for reporting", "our forces strike only
    military targets"): what happens as a rule, not an act of the news. A scene told in the present ("as an
    airstrike hits the depot": an indefinite subject, a clause of "as" or "while") is not one."""
    if view.pos[i] not in VERBAL_POS or _opened_by(view, i, NARRATIVE_KEYS) or any(
            view.deps[s] in SUBJECT_DEPS and any(view.lowers[d] in INDEFINITE_KEYS for d in view.kids[s])
            for s in view.kids[i]):
        return False  # "as an airstrike hits the depot": a scene told in the present
    auxes = [c for c in view.kids[i] if view.deps[c] in AUX_DEPS]
    if not auxes:
        return view.tag(i) in PRESENT_TAGS
    return view.tag(i) == PAST_PARTICIPLE_TAG and all(
        view.deps[a] == DEP.auxpass and view.lowers[a] in PRESENT_PASSIVE_KEYS for a in auxes)


def unreported_would(view: ParseView, i: int) -> bool:
    """The verb at ``i``, or a verb it is chained to, is in the conditional ("would") in a main clause that no
    one is reported to say ("Such a strike would anger Ankara"): what would happen, not an announced intent.
    Under a speech or other verb ("Iran said it would respond", "vowed that it would") it is announced."""
    deps, t = view.deps, i
    chain = [i]
    for _ in range(8):
        if deps[t] not in CHAIN_DEPS or not heads_differ(view, t):
            break
        t = view.heads[t]
        chain.append(t)
    if heads_differ(view, t) or not any(_has_aux(view, v, WOULD_KEYS) for v in chain):
        return False
    said = word_lists().speech_verbs
    if any(view.lemma(v) in said or any(deps[c] == DEP.mark for c in view.kids[v]) for v in chain):
        return False  # "told reporters ... but that the teams would meet": reported
    return speaker(view, t) is None and not any(deps[c] == DEP.parataxis for c in view.kids[t])


def future_time_clause(view: ParseView, i: int) -> bool:
    """The verb at ``i`` heads a present-tense time clause of a main clause in the future ("When the minister
    arrives in Rome on Monday, he will meet ..."): it is future too."""
    t = i
    while view.deps[t] in CHAIN_DEPS and heads_differ(view, t):
        t = view.heads[t]
    return (view.deps[t] == DEP.advcl and view.tag(t) in PRESENT_TAGS and _opened_by(view, t, TIME_KEYS)
            and future(view, view.heads[t]))


def counterfactual(view: ParseView, i: int) -> bool:
    """The verb at ``i``, or a verb it is chained to, is a past conditional ("would have killed me", "could
    have stopped it"): it did not happen, even in reported speech."""
    modal = WOULD_KEYS | MODAL_KEYS
    return chained(view, i, lambda v, t: v.tag(t) == PAST_PARTICIPLE_TAG and _has_aux(v, t, modal)
                    and _has_aux(v, t, HAVE_KEYS), own_tense_stops=False)


def failed_chain(view: ParseView, i: int) -> bool:
    """``i`` is an infinitive (through other infinitives) of a word of failure ("failed to persuade Russia to
    agree"): not done."""
    failure, t = word_lists().failure_words, i
    for _ in range(6):
        if view.deps[t] not in (DEP.xcomp, DEP.acomp) or not heads_differ(view, t):
            return False
        t = view.heads[t]
        if view.lemma(t) in failure:
            return True
    return False


def own_subject(view: ParseView, clause: int) -> bool:
    """The clause headed at ``clause`` has a subject of its own that is no pronoun of the speaker ("hoped the
    two men would be put on trial"): what someone else does."""
    return any(view.deps[c] in SUBJECT_DEPS and view.lowers[c] not in SPEAKER_PRONOUN_KEYS | I_KEYS
               for c in view.kids[clause])
