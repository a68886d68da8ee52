"""The event engine for one sentence: the stages in their order.

    triggers (lexicon)  ->  screening (checks, mood)  ->  arguments and resolution  ->  events

:meth:`SentenceCoder.code` runs them on a parsed :class:`~eventcoder.model.Sentence` and returns its
:class:`~eventcoder.model.Event` objects and a :class:`~eventcoder.model.SentenceTrace` of every decision. Dates
and places are added by :mod:`eventcoder.when` and :mod:`eventcoder.where`.
"""

from __future__ import annotations

import bisect

from ..actors import ArticleActors
from ..lexicon import Lexicon
from ..model import Actor, Decision, Event, Sentence, SentenceTrace, TriggerTrace
from ..parse import DEP, SUBJECT_DEPS, ParseView
from . import clauses
from .arguments import ArgumentFinder, support_verb
from .mood import Reading, read_triggers
from .petrarch_arguments import petrarch_arguments
from .screening import Screen
from .targets import EventHistory, force_without_object, no_target, pairs, settle_targets, trigger_words
from .triggers import TriggerMatcher

__all__ = ["SentenceCoder"]


class SentenceCoder:
    """Codes one sentence at a time; holds the lexicon and the matcher (no per-article state).

    Args:
        lexicon (Lexicon): the verb lexicon.
        one_sided (bool): code an act whose target the text does not name with an empty target (GDELT's blank
            Actor2, POLECAT's empty target); by default such an act is not coded, since a CAMEO event is dyadic.
        conventions (str): "news" (the default) or "petrarch" (:class:`~eventcoder.options.CoderOptions`).
    """

    def __init__(self, lexicon: Lexicon, *, one_sided: bool = False, conventions: str = "news") -> None:
        self.lexicon = lexicon
        self.one_sided = one_sided
        self.conventions = conventions
        self.matcher = TriggerMatcher(lexicon)
        self.arguments = ArgumentFinder(self.matcher)

    def code(self, s: Sentence, actors: ArticleActors, history: EventHistory) -> tuple[list[Event], SentenceTrace]:
        """The events of sentence ``s``, at most one per (root, source country, target country), and the trace
        of every decision. ``actors`` resolves the article's phrases; ``history`` holds its earlier events and
        gets these."""
        triggers, misses = self.matcher.triggers(s)
        trace = SentenceTrace([TriggerTrace(t) for t in triggers], misses)
        traces = {t.trigger.position: t for t in trace.triggers}
        screen = Screen(s.parse, s.mentions, {t.position: t.pattern for t in triggers}, self.conventions)
        events: list[Event] = []
        seen: set[tuple] = set()
        for reading in read_triggers(screen, triggers, self.lexicon, traces):
            decisions = traces[reading.trigger.position].decisions
            found, why = (self._petrarch_events(s, reading, actors) if self.conventions == "petrarch"
                          else self._events(s, reading, actors, history, decisions))
            kept, dropped = [], ""
            for event in found:
                key = self._key(event)
                if key in seen or self.conventions == "news" and _elaborates(s.parse, event, events):
                    dropped = DUPLICATE if key in seen else ELABORATION
                    continue
                seen.add(key)
                events.append(event)
                kept.append(event)
            traces[reading.trigger.position].rules.extend(e.rule for e in kept)
            decisions.append(_arguments_decision(found, kept, why or dropped))
        if self.conventions == "petrarch":
            events = _without_told_acts(s.parse, events, traces)
        history.add(events, s.parse)
        return events, trace

    def _key(self, event: Event) -> tuple:
        """What two events of a sentence must differ in: the root and the countries of the dyad (news), or the
        code and the actor codes (PETRARCH codes "Danish media and government" as two sources)."""
        if self.conventions == "petrarch":
            return event.code, event.source.code, event.target.code
        return event.code[:2], event.source.country, event.target.country

    def _events(self, s: Sentence, r: Reading, actors: ArticleActors, history: EventHistory,
                decisions: list[Decision]) -> tuple[list[Event], str]:
        """The events of one reading: its sources and targets, paired (both ways when joint); else none and
        why. A change of code the targets make is added to ``decisions``."""
        view, i = s.parse, r.trigger.position
        sources, targets = self.arguments.named(s, r, actors)
        nominal = "noun" in r.pattern.flags and support_verb(view, i) is None
        if not sources:
            return [], "no source: no actor named or inferred for it"
        if nominal and not targets and not _joint_sides(r, sources):
            return [], "a nominal event whose phrase names no target"
        settled, targets = settle_targets(s, r, sources, targets, actors, history, self.lexicon.references)
        if settled.code != r.code:
            decisions.append(Decision("obligation", False, f"the speaker is among those obliged: a pledge, "
                                                           f"{r.code} -> {settled.code}"))
        r = settled
        named = bool(targets)
        found = pairs(s, r, sources, targets, actors)
        if not found and not targets:
            if not self.one_sided or nominal or view.deps[i] == DEP.acl or force_without_object(view, r):
                return [], ONE_SIDED
            found = [(a, no_target(r)) for a in sources]  # "X resigned", "X demanded elections": one-sided
        if not self.one_sided:
            found = [(a, t) for a, t in found if a.code or a.country]  # "a president pledged": whose, is unknown
        if not found:
            return [], "source and target are the same actor, or the source's country is unknown"
        words = trigger_words(view, r)
        events = [Event(r.trigger, r.code, r.mood, r.rule, a, t, words) for a, t in _directed(r, found)]
        for a, t in found:  # a one-sided joint act has no other side to reverse
            if r.sym and t.country and (t, a) not in found and (named or len(sources) > 1 or _in_joint_phrase(view, t, i, s.first)):
                events.append(_reverse_event(r, t, a, words))
        return events, ""


    def _petrarch_events(self, s: Sentence, r: Reading, actors: ArticleActors) -> tuple[list[Event], str]:
        """The events of one reading under PETRARCH's conventions (:mod:`.petrarch_arguments`): each source with
        each target (an unknown target ``---`` where none is named, when one-sided), a joint act both ways (with
        the second code of a two-sided code ``[a:b]`` back)."""
        sources, targets = petrarch_arguments(self.arguments, s, r, actors)
        if not sources:
            return [], "no source: no actor named as the verb's subject"
        if not targets and len(sources) > 1 and _coordinated(s.parse, r):  # "A and B postponed their meeting"
            found = [(a, b) for a in sources for b in sources if a is not b and a.code != b.code]
        elif not targets and not self.one_sided:
            return [], "no target named in the verb's phrase"
        else:
            found = [(a, t) for a in sources for t in (targets or [no_target(r)]) if not _same_actor(a, t)]
        words = trigger_words(s.parse, r)
        events = [Event(r.trigger, r.code, r.mood, r.rule, a, t, words) for a, t in _directed(r, found)]
        if r.sym:
            events += [_reverse_event(r, t, a, words) for a, t in found if t.text and (t, a) not in found]
        return events, "" if events else "source and target are the same actor"


def _directed(r: Reading, found: list[tuple[Actor, Actor]]) -> list[tuple[Actor, Actor]]:
    """The (source, target) pairs of a reading; turned round for a PETRARCH code with only its second side
    (``[:042]``, flag ``swap``: what the target does to the source)."""
    return [(t, a) for a, t in found] if "swap" in r.pattern.flags else found


def _reverse_event(r: Reading, source: Actor, target: Actor, words: str) -> Event:
    """The reverse event of a joint act: the same code back, or the second code of a PETRARCH two-sided code
    ``[a:b]`` ("left for X" [042:043]: X hosts the visit) when the reading codes the pattern's own code."""
    if r.pattern.reverse and r.code == r.pattern.code:
        rule = f"{r.rule} (two-sided code, reverse -> {r.pattern.reverse})"
        return Event(r.trigger, r.pattern.reverse, r.mood, rule, source, target, words)
    return Event(r.trigger, r.code, r.mood, r.rule + " (joint action, reverse)", source, target, words)


def _without_told_acts(view: ParseView, events: list[Event], traces: dict[int, TriggerTrace]) -> list[Event]:
    """PETRARCH's events of a sentence less those of a verb in the complement of another coded verb whose
    target is the verb's source ("urged Eriador to respond", "noted that X regretted"): what the target was urged
    or said to do is part of the upper event. The trace of a dropped event's trigger says so."""
    kept = []
    for event in events:
        upper = _upper_event(view, event, events)
        if upper is None:
            kept.append(event)
            continue
        trace = traces[event.trigger.position]
        if event.rule in trace.rules:
            trace.rules.remove(event.rule)
        trace.decisions.append(Decision("arguments", True, f"what '{view.word(upper.trigger.position)}' says "
                                                             f"its target does: part of that event"))
    return kept


COMPLEMENT_UP_DEPS = frozenset({DEP.xcomp, DEP.ccomp})


def _upper_event(view: ParseView, event: Event, events: list[Event]) -> Event | None:
    """The event of the verb whose complement holds ``event``'s trigger and whose target is its source."""
    i = event.trigger.position
    for _ in range(len(view.heads)):
        if view.deps[i] not in COMPLEMENT_UP_DEPS or view.heads[i] == i:
            return None
        i = view.heads[i]
        for other in events:
            if other.trigger.position == i and other.target.code and other.target.code == event.source.code:
                return other
    return None


def _coordinated(view: ParseView, r: Reading) -> bool:
    """Whether the subject of the reading's verb is a coordination ("Gondor and Osgiliath")."""
    return any(view.conjuncts(h) for h in clauses.subjects(view, r.head))


def _same_actor(a: Actor, t: Actor) -> bool:
    """The same mention, or the same coded actor: no event of an actor on itself."""
    if bool(a.text) and (a.start, a.text) == (t.start, t.text):
        return True
    return bool(a.code) and a.code == t.code and not a.code.startswith("---")  # two unknown actors may differ


ONE_SIDED = ("no target named or tied to the act by the text: a CAMEO event is dyadic, and a guessed target "
             "(the article's other main actor) is wrong more often than right on real news")
DUPLICATE = "the same root and dyad as an event coded before in the sentence"
ELABORATION = "a participle that only describes the act of its head verb, for the same dyad"


def _joint_sides(r: Reading, sources: list) -> bool:
    """A joint act ("talks between Iran and Iraq") whose sources are of two or more countries: each is the other's
    target. Sources of one country ("a rebuke by Turkey's president and foreign minister") are one side."""
    return r.sym and len({a.country for a in sources if a.country}) >= 2


def _in_joint_phrase(view: ParseView, t: Actor, trigger: int, first: int) -> bool:
    """Whether a target found outside the trigger's own phrases is named in a joint phrase ("met here on Monday
    with his Lao counterpart") or in the trigger's subject ("Thai, Lao ministers meet"): then it is a party to the
    joint act, as is the article's other main actor filled in. One named otherwise ("agreed to Moscow taking
    charge", "fought to drive Isis out") is the act's target only, not a second party. ``first``: the
    sentence's first token (the target's offsets count from it)."""
    if not t.text:
        return True  # the article's other main actor, as the partner of a joint act ("the ministers met")
    k = max(bisect.bisect_right(view.idxs, view.idxs[first] + t.start) - 1, 0)  # t.start: in the sentence
    for _ in range(len(view.heads)):
        if view.deps[k] == DEP.prep and view.lower(k) in JOINT_PREPOSITIONS or any(
                view.deps[c] == DEP.mark and view.lower(c) in JOINT_PREPOSITIONS for c in view.kids[k]):
            return True  # "with X"; also "met here Wednesday with X to discuss", "with" misread as a clause's mark
        if view.heads[k] == k:
            return False
        if view.heads[k] == trigger and view.deps[k] in SUBJECT_DEPS:
            return True
        k = view.heads[k]
    return False


JOINT_PREPOSITIONS = frozenset({"with", "between", "among", "alongside"})


def _arguments_decision(found: list[Event], kept: list[Event], why: str) -> Decision:
    """The trace's record of the arguments stage for one reading (``why``: why none, or why some were dropped)."""
    if not kept:
        return Decision("arguments", True, why)
    dyads = ", ".join(f"{e.code} {e.source.code or '-'} -> {e.target.code or '-'}" for e in kept)
    return Decision("arguments", False, dyads)


def _elaborates(view: ParseView, event: Event, coded: list[Event]) -> bool:
    """A participle that only describes the act of its head verb for the same dyad ("rejected the demand,
    calling it unlawful"; "denied it, saying ..."): not a second event."""
    i = event.trigger.position
    if view.deps[i] != DEP.advcl or view.tag(i) != "VBG" or any(view.deps[c] in SUBJECT_DEPS for c in view.kids[i]):
        return False
    return any(other.trigger.position == view.heads[i] and (other.source.country, other.target.country) == (
        event.source.country, event.target.country) for other in coded)
