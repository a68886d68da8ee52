"""Arguments (stage "arguments"): the source and target phrases a sentence names for a trigger, resolved.

The source is the subject (inherited from governing verbs; a speaker's pronoun is the speaker), the by-agent
of a passive, or the owner named in a nominal event ("Israeli airstrikes"); the target is the object, the
passive subject, the object of one of the pattern's prepositions, or the subject of a reported clause. Each
phrase is resolved by :class:`~eventcoder.actors.ArticleActors`. When no perpetrator is named, passive
coercion is the target country's authorities' and violence is unidentified armed forces' (UAF).
"""

from __future__ import annotations

import bisect

from ..actors import ArticleActors, make_actor
from ..cameo import ARMED_ROOTS, COERCE, COERCIVE_ROOTS, CONSULT, FIGHT, VICTIM_SECTORS
from ..grammar import (
    ATTACK_PREPOSITIONS,
    JOINT_PREPOSITION,
    NUMBER_NOUNS,
    OBJECT_PREPOSITIONS,
    ORIGIN_PREPOSITION,
    PLACE_PREPOSITIONS,
    PLANNING_WORDS,
    RECIPIENT_PREPOSITION,
    SPEAKER_PRONOUNS,
)
from ..lexicon import VerbPattern
from ..model import Actor, Sentence
from ..parse import DEP, ENT, OBJECT_DEPS, POS, SUBJECT_DEPS, ParseView, keys
from ..wordlists import word_lists
from . import clauses, nominal
from .mood import Reading
from .triggers import TriggerMatcher

__all__ = ["ArgumentFinder", "support_verb", "with_country"]

AGENT_PREPOSITION = "by"
"""The preposition of a passive's agent; a pattern that takes its target from it names a feeling (:func:`_felt`)."""

CLAUSE_PREPOSITIONS = frozenset({"after", "before", "since", "until"})
"""Prepositions that also introduce a clause ("after a rocket struck"): :func:`_subject_parsed_as_object`."""

OWNER_DEPS = frozenset({DEP.amod, DEP.poss, DEP.compound, DEP.nmod})
HOLDER_DEPS = frozenset({DEP.dobj, DEP.xcomp})
DIRECT_DEPS = frozenset({DEP.dobj, DEP.dative, DEP.attr})
ATTACK_KEYS, PLACE_KEYS = keys(ATTACK_PREPOSITIONS), keys(PLACE_PREPOSITIONS)
PLANNING_KEYS = keys(PLANNING_WORDS)
FROM = keys((ORIGIN_PREPOSITION,))
ACTING_ENTS = frozenset({ENT.PERSON, ENT.ORG, ENT.NORP, ENT.GPE})
NAMED_ENTS = frozenset({ENT.GPE, ENT.NORP, ENT.ORG})
PLACE_KINDS = ("country", "capital", "place", "city")


class ArgumentFinder:
    """Finds and resolves the sources and targets a sentence names for a reading of a trigger.

    Args:
        matcher (TriggerMatcher): to tell an attack noun ("a roadside bombing killed ...") from an actor.
    """

    def __init__(self, matcher: TriggerMatcher) -> None:
        self.matcher = matcher

    def named(self, s: Sentence, r: Reading, actors: ArticleActors) -> tuple[list[Actor], list[Actor]]:
        """Sources and targets the sentence names for the reading (possibly without a country yet); when none
        is named, who did it is inferred from the kind of act (unnamed authority, unnamed attackers)."""
        view, i = s.parse, r.trigger.position
        main = actors.setting.home_country()
        sources, targets = self._named(s, r, actors)
        sources = [with_country(a, main, "the article's main country") if not _unknown_origin(a, s, i) else a
                   for a in sources]
        sources = [a for a in sources if a.country and not (r.code[:2] == CONSULT and a.sector in VICTIM_SECTORS)]
        if not sources and clauses.is_passive(view, i) and r.code[:2] in COERCIVE_ROOTS:
            sources, targets = _unnamed_authority(s, i, r.code, targets, main)
        elif not sources and targets and r.code[:2] in ARMED_ROOTS and not clauses.has_agent(view, i) and (
                clauses.is_passive(view, i) or self.attack_subject(view, i)):
            sources = self._attackers_named_in_attack(s, i, actors) or (
                _unnamed_attackers(s, i, targets, main) if r.code[:2] != FIGHT or self.attack_named(view, i) else [])
        return sources, targets

    def _named(self, s: Sentence, r: Reading, actors: ArticleActors) -> tuple[list[Actor], list[Actor]]:
        if "noun" in r.pattern.flags:
            return self._noun_arguments(s, r, actors)
        view, i = s.parse, r.trigger.position
        passive = clauses.is_passive(view, i) and not clauses.stative(view, i)
        if passive and AGENT_PREPOSITION in r.pattern.preps:
            return _felt(s, r, actors)
        sources = self.sources(s, r, passive, actors)
        targets = actors.resolve_all(s, target_heads(view, i, r.pattern, passive, r.sym))
        if not targets:
            heads = [h for h in _object_heads(view, i, r.pattern) if h in s.mentions]
            targets = [a for a in actors.resolve_all(s, heads) if a.country or a.sector in VICTIM_SECTORS]
        return sources, targets

    def sources(self, s: Sentence, r: Reading, passive: bool, actors: ArticleActors) -> list[Actor]:
        """The by-agent of a passive (else the organisation one is expelled from); else the subject of the
        verb whose subject acts (a speaker's "it"/"they"/"we" is the speaker), else the speaker of the
        sentence, unless the subject is someone unknown or an attack."""
        view = s.parse
        if passive:
            kids, deps = view.kids, view.deps
            heads = [g for a in kids[r.trigger.position] if deps[a] == DEP.agent for g in kids[a] if deps[g] == DEP.pobj]
            if heads:
                return actors.resolve_all(s, heads)
            return self._event_noun_owners(s, r, actors) or self._excluding_body(s, r.trigger.position, actors)
        return self._subject_sources(s, r.head, actors)

    def _subject_sources(self, s: Sentence, verb: int, actors: ArticleActors) -> list[Actor]:
        """The actors of the subject of the verb at ``verb`` (a speaker's "it"/"they"/"we" is the speaker), else
        the speaker of the sentence, unless the subject is someone unknown or an attack."""
        view = s.parse
        heads = clauses.subjects(view, verb) or _subject_parsed_as_object(view, verb)
        for head in heads:
            if view.lower(head) in SPEAKER_PRONOUNS:
                said_by = clauses.speaker(view, verb)
                head = head if said_by is None else said_by
            found = _without_dependants(actors.resolve_all(s, [head]))
            if found:
                actors.note_subject(found)
                return found
        if any(_could_act(s, h) for h in heads) or self.attack_subject(view, verb):
            return []  # a subject that is someone unknown ("thousands rallied") or an attack: not the speaker's act
        said_by = clauses.speaker(view, verb)
        return actors.resolve_all(s, [said_by]) if said_by is not None else []

    def _event_noun_owners(self, s: Sentence, r: Reading, actors: ArticleActors) -> list[Actor]:
        """Passive light verb without agent whose subject is the event noun of the same act ("talks between A and
        B were held", "Canada's offensive was launched"): those the noun's phrase names as doing it."""
        view = s.parse
        if any(view.deps[a] == DEP.aux and view.lowers[a] in PLANNING_KEYS for a in view.kids[r.trigger.position]):
            return []  # "a summit to be held on Friday": only planned
        nouns = [c for c in view.kids[r.trigger.position] if view.deps[c] == DEP.nsubjpass
                 and view.lemma(c) in r.pattern.objects and self._same_act(view, c, r.code)]
        return [a for c in nouns for a in self._owners(s, c, r.pattern, actors)]

    def _same_act(self, view: ParseView, noun: int, code: str) -> bool:
        """Whether the noun at ``noun`` names, by its own lexicon pattern, an act of the root ``code`` names:
        "talks were held" (both 04), not "the siege by X was lifted" (X besieged; someone else lifted it)."""
        return any(p.code[:2] == code[:2] for p in self.matcher.patterns(view, noun) if "noun" in p.flags)

    def _excluding_body(self, s: Sentence, i: int, actors: ArticleActors) -> list[Actor]:
        """Passive without agent, "suspended/expelled from <organisation>": the organisation acted."""
        view = s.parse
        kids, deps = view.kids, view.deps
        for c in kids[i]:
            if deps[c] != DEP.prep or view.lowers[c] not in FROM:
                continue
            for obj in (g for g in kids[c] if deps[g] == DEP.pobj):
                owners = [obj] + [g for g in kids[obj] if deps[g] == DEP.poss]
                bodies = [a for a in actors.resolve_all(s, owners) if a.sector == "IGO"]
                if bodies:
                    return bodies
        return []

    def _noun_arguments(self, s: Sentence, r: Reading, actors: ArticleActors) -> tuple[list[Actor], list[Actor]]:
        """A nominal event ("Israeli airstrikes on Lebanon", "talks between A and B"): the source is named in
        the noun phrase itself (a country adjective or possessive, or a by-phrase) or in that of the support
        noun carrying it ("the launch of the offensive by X"), or is the subject of the support verb carrying
        it ("launched an offensive", "are in talks"). The target is named by the noun's prepositions, the
        support verb's ("issued a warning to X"), or the subject of a that-clause ("X's demand that Y ...")."""
        view, i = s.parse, r.trigger.position
        holder = nominal.carrier(view, i)
        sources = self._owners(s, i, r.pattern, actors)
        if not sources and holder != i:
            sources = self._owners(s, holder, r.pattern, actors)
        verb = nominal.support_verb(view, holder)
        carried = nominal.governed_verb(view, i) if nominal.CARRIED in r.pattern.flags else None
        targets = actors.resolve_all(s, target_heads(view, i if carried is None else carried, r.pattern, False, r.sym))
        host = verb if verb is not None or not targets else nominal.host_verb(view, i, r.pattern)
        host = r.head if host is None and r.head != i else host  # "committed to airstrikes on X": the governor's
        host = host if host is not None else nominal.pronoun_owner_verb(view, holder)
        if not sources and host is not None:  # "launched an offensive", "after talks with X, Y said"
            sources = self._subject_sources(s, host, actors)
        if not targets and verb is not None:
            targets = actors.resolve_all(s, _preposition_objects(view, verb, r.pattern))
        if not targets:
            targets = actors.resolve_all(s, nominal.clause_subjects(view, i) or nominal.topic_targets(view, i, r.pattern))
        if not targets and sources and r.code[:2] in ARMED_ROOTS:
            targets = _place_target(s, [i] if verb is None else [i, verb], r.pattern, {a.country for a in sources})
        return sources, targets

    def _owners(self, s: Sentence, i: int, p: VerbPattern, actors: ArticleActors) -> list[Actor]:
        """The actors named in the phrase of the event noun at ``i`` as doing it (:func:`nominal.owner_heads`);
        one named in a by-phrase counts only when its country is known ("an attack by the Turkish army", not
        "an attack by gunmen")."""
        owners, agents = nominal.owner_heads(s, i, p)
        found = [a for c in owners for a in actors.resolve_one(s, c)]
        return found + [a for a in actors.resolve_all(s, agents) if a.country]

    def attack_subject(self, view: ParseView, i: int) -> bool:
        """The subject of the verb at ``i`` is an attack rather than an actor ("a roadside bombing killed ..."):
        a noun with a pattern of armed force in the lexicon."""
        for c in view.kids[i]:
            if view.deps[c] == DEP.nsubj and view.pos[c] == POS.NOUN:
                p = self.matcher.match(view, c)
                if p is not None and p.code[:2] in ARMED_ROOTS:
                    return True
        return False

    def attack_named(self, view: ParseView, i: int) -> bool:
        """The act at ``i`` names the attack that did it, as its subject or in an in/by/during phrase ("killed in
        a car bombing", "a roadside bomb killed"): only then is a perpetrator left unnamed an unidentified
        attacker for conventional force (root 19). A bare "was killed" or "was captured" (an accident, a hedged
        report, a death in battle) names no act of force; "were abducted" (18) does."""
        if self.attack_subject(view, i):
            return True
        kids, deps = view.kids, view.deps
        for c in view.subtree(i):
            if deps[c] == DEP.prep and view.lowers[c] in ATTACK_KEYS:
                for noun in (g for g in kids[c] if deps[g] == DEP.pobj and view.pos[g] == POS.NOUN):
                    p = self.matcher.match(view, noun)
                    if p is not None and p.code[:2] in ARMED_ROOTS:
                        return True
        return False

    def _attackers_named_in_attack(self, s: Sentence, i: int, actors: ArticleActors) -> list[Actor]:
        """"killed in Israeli airstrikes": the actor named in the attack noun of an in/by/during phrase (also one
        attached lower: "were killed and five injured in Israeli airstrikes")."""
        view = s.parse
        kids, deps = view.kids, view.deps
        for c in view.subtree(i):
            if deps[c] != DEP.prep or view.lowers[c] not in ATTACK_KEYS:
                continue
            for noun in (g for g in kids[c] if deps[g] == DEP.pobj and view.pos[g] == POS.NOUN):
                p = self.matcher.match(view, noun)
                if p is None or p.code[:2] not in ARMED_ROOTS:
                    continue
                owners = [g for g in kids[noun] if deps[g] in OWNER_DEPS and g in s.mentions]
                found = [a for a in actors.resolve_all(s, owners) if a.country]
                if found:
                    return found
        return []


def _felt(s: Sentence, r: Reading, actors: ArticleActors) -> tuple[list[Actor], list[Actor]]:
    """A passive whose pattern takes its target from a "by" phrase names a feeling, not an act done to the
    subject ("Britain has been appalled at/by the attacks"): the passive subject feels it and is the source,
    the at/by phrase is what it reacts to."""
    view, i = s.parse, r.trigger.position
    kids, deps = view.kids, view.deps
    felt_by = [c for c in kids[i] if deps[c] == DEP.nsubjpass]
    causes = [g for a in kids[i] if deps[a] == DEP.agent for g in kids[a] if deps[g] == DEP.pobj]
    sources = actors.resolve_all(s, felt_by)
    if sources:
        actors.note_subject(sources)
    return sources, actors.resolve_all(s, target_heads(view, i, r.pattern, False, r.sym) + causes)


def _without_dependants(found: list[Actor]) -> list[Actor]:
    """Conjoined actors less those owned by a pronoun that stands for another of them ("Isis fighters and their
    families surrendered": the families are the fighters' side, not a second actor with a country of its own)."""
    if len(found) < 2:
        return found
    kept = [a for a in found if (a.text or "").lower().split(" ", 1)[0] not in DEPENDANT_OWNERS]
    return kept or found


DEPENDANT_OWNERS = frozenset({"their", "its"})


def _subject_parsed_as_object(view: ParseView, verb: int) -> list[int]:
    """"killed after a rocket from Lebanon struck the town": the parser reads "after a rocket ..." as a
    prepositional phrase and the verb as a conjunct of the main verb; the noun phrase that ends just before the
    verb, the object of a preposition that also introduces clauses (CLAUSE_PREPOSITIONS), is its subject."""
    if view.deps[verb] != DEP.conj or verb == 0:
        return []
    t = verb - 1
    for _step in range(8):
        if view.deps[t] == DEP.pobj and view.lower(view.heads[t]) in CLAUSE_PREPOSITIONS:
            return [t] if max(view.subtree(t)) == verb - 1 else []
        if view.heads[t] == t or view.heads[t] > verb:
            break
        t = view.heads[t]
    return []


def support_verb(view: ParseView, i: int) -> int | None:
    """The verb that carries a nominal event at ``i`` as its object ("launched an offensive", "began the
    withdrawal", "are in talks"), when it is a support verb (``data/words.tsv``) or a copula; else None."""
    return nominal.support_verb(view, i)


def _preposition_objects(view: ParseView, verb: int, pattern: VerbPattern) -> list[int]:
    """The objects of the pattern's prepositions on the support verb at ``verb`` ("issued a warning to X")."""
    kids, deps = view.kids, view.deps
    return [g for c in kids[verb] if deps[c] in (DEP.prep, DEP.dative) and view.strings[view.lowers[c]] in
            pattern.preps for g in kids[c] if deps[g] == DEP.pobj]


def target_heads(view: ParseView, i: int, pattern: VerbPattern, passive: bool, sym: bool,
                 reported: bool = True) -> list[int]:
    """Heads of the phrases naming the target of the trigger at ``i``: the object (the passive subject), the
    objects of the pattern's prepositions on the trigger or its light-verb object, else (with ``reported``) the
    subject of a reported clause."""
    heads = []
    preps = set(pattern.preps) | ({JOINT_PREPOSITION} if sym else set())
    holders = [i] + [c for c in view.kids[i] if view.deps[c] in HOLDER_DEPS and view.lemma(c) in pattern.objects]
    if passive and view.deps[i] == DEP.acl:  # "the sites bombed by Israel": the modified noun is the target
        heads.append(view.heads[i])
    for holder in holders:
        heads += _holder_targets(view, holder, i, pattern, passive,
                                 preps if holder == i else preps | OBJECT_PREPOSITIONS)
    return heads or (_reported_subjects(view, i) if reported else [])


def _holder_targets(view: ParseView, holder: int, i: int, pattern: VerbPattern, passive: bool,
                    preps: set) -> list[int]:
    """Target heads on one holder (the trigger at ``i`` or its light-verb object): the passive subject or
    object, and the objects of the pattern's prepositions; when the pattern names a recipient preposition
    ("offered its troops to Lebanon"), the direct object is the thing given, not the target."""
    kids, deps = view.kids, view.deps
    direct, recipients = [], []
    for c in kids[holder]:
        if passive and deps[c] == DEP.nsubjpass and view.lemma(c) not in pattern.objects:
            direct.append(c)
        elif deps[c] in DIRECT_DEPS and holder == i and view.lemma(c) not in pattern.objects:
            direct.append(c)
        elif deps[c] == DEP.prep and view.strings[view.lowers[c]] in preps:
            recipients.extend(g for g in kids[c] if deps[g] == DEP.pobj)
    if recipients and RECIPIENT_PREPOSITION in pattern.preps and holder == i and not passive:
        return recipients + [c for c in direct if deps[c] == DEP.dative]
    return direct + recipients


def _reported_subjects(view: ParseView, i: int) -> list[int]:
    """"demanded that Kabul hand over ...": the reported clause's subject (or its first named place or
    group)."""
    kids, deps = view.kids, view.deps
    heads = []
    for c in kids[i]:
        if deps[c] == DEP.ccomp:
            subjects = [g for g in kids[c] if deps[g] in SUBJECT_DEPS]
            named = subjects or next(([t] for t in view.subtree(c) if view.pos[t] == POS.PROPN
                                      and view.ents[t] in NAMED_ENTS), [])
            heads.extend(named)
    return heads


def _object_heads(view: ParseView, i: int, pattern: VerbPattern) -> list[int]:
    """The trigger's own required object ("killed civilians", "expelled diplomats")."""
    return [c for c in view.kids[i] if view.deps[c] in OBJECT_DEPS and view.lemma(c) in pattern.objects]


def _could_act(s: Sentence, i: int) -> bool:
    """Whether a subject names someone (a number of people, an agent word, a person or organisation), as
    opposed to a thing ("the protest was groundless")."""
    view = s.parse
    lemma = view.lemma(i)
    return bool(view.numeric[i]) or i in s.mentions or view.ents[i] in ACTING_ENTS or lemma in NUMBER_NOUNS or (
        lemma in word_lists().crowd_words)


def with_country(actor: Actor, country: str | None, why: str) -> Actor:
    """``actor`` with ``country`` filled in when it has none (an agent such as "police" named without one);
    the actor is marked ``guessed``."""
    if actor.country or not country:
        return actor
    filled = make_actor(country, actor.sector, actor.name, actor.text, f"{actor.how}; country from {why}",
                        actor.start, actor.end)
    return Actor(filled.code, filled.country, filled.sector, filled.name, filled.text, filled.start, filled.end,
                 filled.how, guessed=True)


def _unknown_origin(actor: Actor, s: Sentence, i: int) -> bool:
    """The mention names an origin the knowledge files do not know ("Kurdish forces", "Yazidi fighters"): its
    country is not the article's main country by default."""
    if actor.country or not actor.text:
        return False
    view = s.parse
    first, last = view.sentence_of(i)
    start_char = view.idxs[first]  # the mention's offsets are within the sentence
    lo = bisect.bisect_left(view.idxs, start_char + actor.start, first, last)
    hi = bisect.bisect_left(view.idxs, start_char + actor.end, first, last)
    creed = word_lists().creed_words
    return any(t not in s.mentions and view.lower(t) not in creed and view.ents[t] in (ENT.NORP, ENT.GPE)
               for t in range(lo, hi))


def _unnamed_authority(s: Sentence, i: int, code: str, targets: list[Actor],
                       main: str | None) -> tuple[list[Actor], list[Actor]]:
    """Passive coercion or release without an agent ("dozens were detained", "they were released"): the
    police (17) or government (08) of the target's country."""
    if not targets and main and _unnamed_people(s, i):
        targets = [make_actor(main, "CVL", None, "", "unnamed people of the article's main country")]
    if not targets:
        return [], targets
    t = with_country(targets[0], main, "the article's main country")
    sector = "COP" if code[:2] == COERCE else "GOV"
    how = "unnamed authority of the target's country (passive without agent)"
    return [make_actor(t.country, sector, None, "", how)], targets


def _unnamed_people(s: Sentence, i: int) -> bool:
    """The passive subject is people left unnamed ("Some of those detained", "Two of them", "dozens")."""
    view = s.parse
    subjects = [c for c in view.kids[i] if view.deps[c] == DEP.nsubjpass]
    return bool(subjects) and all(view.pos[c] in (POS.PRON, POS.NUM) or c in s.mentions for c in subjects)


def _unnamed_attackers(s: Sentence, i: int, targets: list[Actor], main: str | None) -> list[Actor]:
    """Violence whose perpetrator is not named ("three civilians were killed in a bombing in Baghdad", "a
    roadside bomb killed a soldier"): unidentified armed forces (UAF) of the country where it happened (a
    country named in the trigger's place phrases), else of the victims' country, else the article's."""
    country = _place_country(s, i) or next((t.country for t in targets if t.country), None) or main
    if country is None:
        return []
    return [make_actor(country, "UAF", None, "", "unnamed attackers (no agent named) in the country where it happened")]


def _place_target(s: Sentence, holders: list[int], pattern: VerbPattern, home: set) -> list[Actor]:
    """Armed force named by a noun whose target phrase names no actor: the country of the first place named in
    the target's phrase or the noun's place phrases ("Turkey's assault on the enclave of Afrin, in north-west
    Syria", "Israeli airstrikes in Syria"), unless it is the attacker's own."""
    view = s.parse
    preps = set(pattern.preps) | PLACE_PREPOSITIONS
    for holder in holders:
        for c in view.kids[holder]:
            if view.deps[c] != DEP.prep or view.strings[view.lowers[c]] not in preps:
                continue
            for t in view.subtree(c):
                mention = s.mentions.get(t)
                if mention and mention.kind in PLACE_KINDS and mention.entry.country not in (None, *home):
                    entry = mention.entry
                    return [make_actor(entry.country, None, entry.name, view.word(t),
                                       f"{entry.kind} '{entry.phrase}' ({entry.source}): where the force was used")]
    return []


def _place_country(s: Sentence, i: int) -> str | None:
    """The country of the first place named in the trigger's "in"/"near"/"at"/"outside" phrases (nested ones
    too)."""
    view = s.parse
    for c in view.kids[i]:
        if view.deps[c] != DEP.prep or view.lowers[c] not in PLACE_KEYS:
            continue
        for t in view.subtree(c):
            mention = s.mentions.get(t)
            if mention and mention.kind in PLACE_KINDS and mention.entry.country:
                return mention.entry.country
    return None
