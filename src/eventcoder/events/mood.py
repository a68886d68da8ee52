"""Mood (stage "screening", second part): how each trigger that passed the checks is read.

Denials ("denied", flag ``deny``) code 016 and switch off what they deny; intent governors ("pledged to",
"agreed to", flag ``intent``) code what they govern as intent (the governed pattern's ``intent`` code, 036 for a
meeting, else 030); future tense ("will visit", "would deliver" in reported speech) codes the pattern's intent
code or nothing; other triggers are asserted. An appeal, demand, rejection or intent is then coded by what it is
about ("urged X to hold talks" -> 026; ``data/complements.tsv``, ``data/topics.tsv``). Each decision is recorded
in the trigger's trace.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..cameo import ROOT_TOPICS
from ..grammar import TOPIC_PREPOSITIONS
from ..lexicon import Lexicon, VerbPattern
from ..model import Decision, Trigger, TriggerTrace
from ..wordlists import word_lists
from ..parse import COMPLEMENT_DEPS, DEP, PREP_OBJECT_DEPS, ParseView, keys
from . import clauses, reality
from .screening import NOT_REPORTED, Screen, refused, reported, reported_only, run_checks

__all__ = ["Reading", "read_triggers"]

DENIAL_SIDE_DEPS = frozenset({DEP.advcl, DEP.conj, DEP.cc, DEP.punct})
"""What a denial governs that is not denied: what the denier goes on to do."""
TOPIC_OBJECT_DEPS = frozenset({DEP.dobj, DEP.xcomp})
TOPIC_KEYS = keys(TOPIC_PREPOSITIONS)
REJECTION = "120"
DECLINE_COMMENT = "011"
"""The generic rejection: a refused act ("would not negotiate") is coded by what is refused (125)."""


@dataclass(frozen=True)
class Reading:
    """How a trigger is coded, before its arguments are found.

    Attributes:
        trigger (Trigger): the trigger whose arguments are read (the governed verb for an intent).
        head (int): the position of the verb whose subject is the source (the governor for an intent).
        pattern (VerbPattern): the pattern whose objects and prepositions name the target.
        code (str): the CAMEO code; mood (str): "asserted" or "intent"; rule (str): what fired, for the record.
        sym (bool): a joint act, coded both ways.
    """

    trigger: Trigger
    head: int
    pattern: VerbPattern
    code: str
    mood: str
    rule: str
    sym: bool


def read_triggers(screen: Screen, triggers: list[Trigger], lexicon: Lexicon,
                  traces: dict[int, TriggerTrace]) -> list[Reading]:
    """The readings of a sentence's triggers that are coded, in the order the engine codes them: denials (in
    sentence order), then the other triggers in sentence order (asserted, announced, or governed by an intent
    verb), then what intent governors govern of the triggers their own checks stopped. Every check and decision
    is recorded in ``traces`` (position -> the trigger's trace)."""
    reader = _Reader(screen, triggers, traces)
    for trigger in triggers:  # the checks; denials and intent governors act on the triggers they govern
        reader.check(trigger)
    for trigger in triggers:
        reader.read(trigger)
    for i, reading in reader.governed.items():  # governed by an intent verb, though stopped by its own checks
        reader.readings.append(reading)
        traces[i].decisions.append(Decision("mood", False, f"intent, governed by '{screen.view.word(reading.head)}'"))
    if screen.conventions == "petrarch":  # the dictionary's pattern alone says the code
        return reader.readings
    out = []
    for reading in reader.readings:
        specialised = (_refusal(reading, lexicon) if reading.mood == "refusal"
                       else _specialised(screen.view, reading, screen.found, lexicon))
        if specialised.code != reading.code:
            traces[reading.trigger.position].decisions.append(
                Decision("topic", False, specialised.rule.rpartition("; ")[2]))
        out.append(specialised)
    return out


class _Reader:
    """The state of :func:`read_triggers` over one sentence: what is reported, denied, stopped or governed."""

    def __init__(self, screen: Screen, triggers: list[Trigger], traces: dict[int, TriggerTrace]) -> None:
        self.screen, self.view, self.found, self.traces = screen, screen.view, screen.found, traces
        self.triggers = {t.position: t for t in triggers}
        self.reported = reported_only(screen.view, screen.found) if screen.conventions == "news" else {}
        self.denied: dict[int, int] = {}  # position -> the denial that denies it
        self.stopped: set[int] = set()
        self.readings: list[Reading] = []
        self.governed: dict[int, Reading] = {}

    def check(self, trigger: Trigger) -> None:
        """Run the checks on ``trigger``; a denial is coded and switches off what it denies, an intent governor
        reads what it governs."""
        i, p, decisions = trigger.position, trigger.pattern, self.traces[trigger.position].decisions
        if i in self.reported or i in self.denied:
            reporter = self.reported.get(i)
            decisions.append(reported(self.view, reporter, self.found[reporter]) if reporter is not None
                             else _denied_by(self.view, self.denied[i]))
            self.stopped.add(i)
            return
        decisions.append(NOT_REPORTED)
        if run_checks(self.screen, i, p, decisions):
            self.stopped.add(i)
            if decisions[-1].step == "negation" and p.code[:2] in ROOT_TOPICS and refused(self.view, i):
                rule = f"{p.describe()}; refused -> {REJECTION}"
                self.readings.append(Reading(trigger, i, p, REJECTION, "refusal", rule, False))
                decisions.append(Decision("mood", False, f"refused: {rule}"))
        elif "deny" in p.flags:  # what is denied (object, clause), not what the denier goes on to do
            for c in self.view.kids[i]:
                if self.view.deps[c] not in DENIAL_SIDE_DEPS:
                    for t in self.view.subtree(c):
                        self.denied.setdefault(t, i)
            self.readings.append(Reading(trigger, i, p, p.code, "asserted", p.describe(), False))
            decisions.append(Decision("mood", False, f"a denial ({p.code}); what it denies is not coded"))
        elif "intent" in p.flags:
            self.governed.update(_govern(self.view, trigger, self.found, self.triggers))

    def read(self, trigger: Trigger) -> None:
        """The mood of a trigger that passed the checks: governed by an intent verb, or read by itself."""
        i, p, decisions = trigger.position, trigger.pattern, self.traces[trigger.position].decisions
        if i in self.stopped or "deny" in p.flags:
            return
        if i in self.denied:  # denied by a denial later in the sentence
            decisions.append(_denied_by(self.view, self.denied[i]))
            self.stopped.add(i)
        elif i in self.governed:
            reading = self.governed.pop(i)
            self.readings.append(reading)
            decisions.append(Decision("mood", False, f"intent, governed by '{self.view.word(reading.head)}'"))
        else:
            reading, why = _plain_reading(self.view, trigger, self.found, self.governed, self.screen.conventions)
            decisions.append(Decision("mood", reading is None, why))
            if reading is not None:
                self.readings.append(reading)


def _denied_by(view: ParseView, denial: int) -> Decision:
    return Decision("denial", True, f"denied by '{view.word(denial)}'")


def _govern(view: ParseView, governor: Trigger, found: dict[int, VerbPattern],
            triggers: dict[int, Trigger]) -> dict[int, Reading]:
    """An intent governor's readings of the verbs it governs (xcomp, conjoined xcomps), as intent."""
    out = {}
    p = governor.pattern
    for comp in clauses.complements(view, governor.position):
        inner = found.get(comp)
        if inner is None or "intent" in inner.flags:
            continue
        if inner.intent is None and "futureonly" not in inner.flags:
            continue
        rule = f"{inner.describe()} as intent via {p.describe()}"
        sym = "sym" in inner.flags or "sym" in p.flags
        out[comp] = Reading(triggers[comp], governor.position, inner, inner.intent or inner.code, "intent", rule, sym)
    return out


def _plain_reading(view: ParseView, trigger: Trigger, found: dict[int, VerbPattern], governed: dict[int, Reading],
                   conventions: str = "news") -> tuple[Reading | None, str]:
    """A trigger not governed by another: its own code, or its intent code when announced ("will visit"); None
    with the reason when it codes nothing by itself. PETRARCH's conventions read no tense: "will visit" codes as
    "visited" does, unless a pattern of the dictionary says otherwise."""
    i, p = trigger.position, trigger.pattern
    sym = "sym" in p.flags
    if "intent" in p.flags:
        if "govonly" in p.flags or any(r.head == i for r in governed.values()) or clauses.governed_by_intent(
                view, i, found):
            return None, "an intent verb whose complement is coded, or that codes nothing alone"
        return Reading(trigger, i, p, p.code, "intent", p.describe(), sym), f"intent: {p.describe()}"
    if clauses.governed_by_intent(view, i, found):
        return None, "governed by an intent verb whose pattern has no intent code for it"
    future = conventions == "news" and (clauses.future(view, i) or reality.future_time_clause(view, i)) and (
        "state" not in p.flags)
    if "futureonly" in p.flags and not future:
        return None, "coded only when announced or promised"
    if future:
        if p.intent is None:
            return None, "announced or future, and the pattern has no intent code"
        rule = f"{p.describe()}; announced -> intent {p.intent}"
        return Reading(trigger, i, p, p.intent, "intent", rule, sym), f"announced: {rule}"
    return Reading(trigger, i, p, p.code, "asserted", p.describe(), sym), f"asserted: {p.describe()}"


def _refusal(r: Reading, lexicon: Lexicon) -> Reading:
    """A refused act coded as the rejection of its kind ("would not negotiate" -> 125, complements.tsv)."""
    kind = ROOT_TOPICS[r.pattern.code[:2]]
    code = lexicon.specialise(REJECTION, kind)
    return replace(r, code=code, rule=f"{r.rule}; about {kind} -> {code} (complements.tsv)")


def _specialised(view: ParseView, r: Reading, found: dict[int, VerbPattern], lexicon: Lexicon) -> Reading:
    """An appeal, demand, rejection or intent coded by what it is about ("urged X to hold talks" -> 026)."""
    if r.code == REJECTION and _declines_comment(view, r.trigger.position):
        return replace(r, code=DECLINE_COMMENT, rule=f"{r.rule}; refuses to comment -> {DECLINE_COMMENT}")
    kind = _topic(view, r.trigger.position, found, lexicon.topics)
    code = lexicon.specialise(r.code, kind)
    if code == r.code:
        return r
    return replace(r, code=code, rule=f"{r.rule}; about {kind} -> {code} (complements.tsv)")


def _declines_comment(view: ParseView, i: int) -> bool:
    """"refused to comment", "refused to confirm that ...": a rejection whose infinitive is a verb of comment
    (``comment_verbs``) declines to comment (011), it rejects nothing."""
    comments = word_lists().comment_verbs
    return any(view.deps[c] == DEP.xcomp and view.lemma(c) in comments for c in view.kids[i])


def _topic(view: ParseView, i: int, found: dict[int, VerbPattern], topics: dict[str, str]) -> str | None:
    """What an appeal, demand, rejection or intent is about: a complement verb the lexicon codes (by its root),
    or a complement verb or object noun listed in topics.tsv ("to hold talks", "for the release of")."""
    kids, deps = view.kids, view.deps
    candidates = []
    for c in kids[i]:
        if deps[c] in COMPLEMENT_DEPS:
            candidates += [c, *[x for x in kids[c] if deps[x] in TOPIC_OBJECT_DEPS]]
        elif deps[c] == DEP.dobj:
            candidates.append(c)
        elif deps[c] == DEP.prep and view.lowers[c] in TOPIC_KEYS:
            candidates += [g for g in kids[c] if deps[g] in PREP_OBJECT_DEPS]
    for cand in candidates:
        pattern = found.get(cand)
        if pattern is not None and pattern.code[:2] in ROOT_TOPICS:
            return ROOT_TOPICS[pattern.code[:2]]
        lemma = view.lemma(cand)
        if lemma in topics:
            return topics[lemma]
    return None
