"""Targets not named as the trigger's object, and the source-target pairs of a reading (stage "arguments").

In order of trust: a reply to an earlier event targets whoever did it ("rejected the demand",
``data/references.tsv``), or the country an earlier mention of the event noun named ("a Syrian assault ... warned
against an assault"); an actor deeper in the objects; the party backed by the subject of "cut their support"
("backers of the rebels"); a country named there; the pattern's default (own government for protests, the main
parties for mediation); for a joint act of a group, its members; force against people without a country, the
country of the act's place; else the article's other main actor, only for an actor of the state (government,
military, officials) in an article about one pair of countries whose sentence names no third country. Force with
no object at all gets no target. An act left with no target ("X resigned") is not coded, since a CAMEO event is
dyadic, unless the coder is asked for one-sided events (GDELT, POLECAT).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ..actors import ArticleActors, ArticleSetting, make_actor
from ..cameo import FORCE_ROOTS, OUTWARD_ROOTS, REPORTING_ROOTS, STATE_SECTORS, STATEMENT_ROOTS, VICTIM_SECTORS
from ..grammar import BACK_PRONOUNS, TARGET_PREPOSITIONS
from ..lexicon import Reference
from ..model import Actor, Event, Sentence
from ..parse import DEP, ENT, OBJECT_DEPS, POS, ParseView, keys
from ..where import resolve_place
from . import clauses
from .arguments import with_country as _with_country
from .mood import Reading

__all__ = ["EventHistory", "fallback_targets", "no_target", "pairs", "settle_targets", "trigger_words"]

DEEP_DEPS = frozenset({DEP.dobj, DEP.prep, DEP.xcomp, DEP.dative, DEP.attr, DEP.nsubjpass, DEP.ccomp, DEP.prt,
                       DEP.oprd})
UNENTERED_DEPS = frozenset({DEP.relcl, DEP.acl, DEP.appos})
NAMED_OBJECT_DEPS = frozenset({DEP.dobj, DEP.prep, DEP.dative, DEP.nsubjpass})
TRIGGER_WORD_DEPS = frozenset({DEP.dobj, DEP.prt, DEP.nsubjpass})
NAMING_POS = frozenset({POS.PROPN, POS.NOUN, POS.ADJ})
TARGET_PREP_KEYS = keys(TARGET_PREPOSITIONS)


@dataclass
class EventHistory:
    """The events an article has coded so far, by CAMEO root: (source, trigger lemma) in article order, so that
    "rejected the demand" finds who demanded. Only the event stage writes it."""

    recent: dict[str, list[tuple[Actor, str]]] = field(default_factory=dict)

    def add(self, events: list[Event], view: ParseView) -> None:
        """Remember the events of a sentence (``view``: its parse)."""
        for event in events:
            self.recent.setdefault(event.code[:2], []).append((event.source, view.lemma(event.trigger.position)))


def settle_targets(s: Sentence, r: Reading, sources: list[Actor], targets: list[Actor], actors: ArticleActors,
                   history: EventHistory, references: dict[str, Reference]) -> tuple[Reading, list[Actor]]:
    """Fill in targets: replies to earlier events, countries of agents named without one, the real addressee
    of a statement about one's own side, and the speaker's own pledge ("China and Russia should jointly
    uphold ...", said by China: a pledge, not an appeal)."""
    view, setting = s.parse, actors.setting
    main, home = setting.home_country(), sources[0].country
    if not targets:
        targets = _reply_targets(view, r.trigger.position, home, history, references) or _owned_event(
            s, r, home, actors, references)
    filler = main or home
    if r.code[:2] in OUTWARD_ROOTS and filler == home:
        partner = setting.partner_of(home)
        filler = partner.country if partner else filler
    why = "the article's main country" if filler == (main or home) else "the article's other main country"
    targets = [_with_country(t, filler, why) for t in targets]
    if targets and r.code[:2] in REPORTING_ROOTS and all(t.country == home for t in targets):
        targets = fallback_targets(s, r, sources[0], actors, deep_only=True) or targets
    if "deny" in r.pattern.flags:
        targets = [t for t in targets if t.country != home]
    if r.pattern.source.startswith("rule:reported") and any(_same_side(t, sources[0]) for t in targets):
        r = replace(r, code="030", mood="intent", rule=r.rule + " (speaker among those obliged)", sym=False)
        targets = [t for t in targets if not _same_side(t, sources[0])]
    return r, targets


def pairs(s: Sentence, r: Reading, sources: list[Actor], targets: list[Actor],
          actors: ArticleActors) -> list[tuple[Actor, Actor]]:
    """Source-target pairs: named targets; else pairs within a group subject ("both sides signed"); else the
    fallback targets. An actor never targets itself (same country and sector, or the same mention)."""
    group_pledge = r.mood == "intent" and all("main actors" in a.how for a in sources)  # "both sides pledged"
    if not targets and len(sources) > 1 and (r.sym or group_pledge) and "parties" not in r.pattern.flags:
        # a joint act or pledge of a group ("both sides signed"): between its members
        return [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:] if a.country != b.country]
    if not targets:
        targets = fallback_targets(s, r, sources[0], actors)
    out = []
    for a in sources:
        for t in targets:
            same_mention = bool(a.text) and (a.start, a.text) == (t.start, t.text)
            if a.country == t.country and (same_mention or a.sector == t.sector):
                if not same_mention and a.guessed and not t.guessed:
                    out.append((_country_unknown(a), t))  # "President Bush threatened Russia"
                continue
            out.append((a, t))
    return out


def fallback_targets(s: Sentence, r: Reading, source: Actor, actors: ArticleActors,
                     deep_only: bool = False) -> list[Actor]:
    """Targets the sentence does not name as the trigger's object, in order of trust: an actor deeper in the
    objects; (unless ``deep_only``) a country named there; the pattern's default (own government, the main
    parties); the article's other main actor."""
    # a source whose country was only guessed: any country may be the target
    deep = _deep_target(s, r, _country_unknown(source) if source.guessed else source, actors)
    if deep or deep_only:
        return deep
    supported = _supported_party(s, r, source, actors)
    if supported:
        return supported
    named = _country_named_in_objects(s, r.trigger.position, source.country)
    if named is not None:
        return [named]
    setting: ArticleSetting = actors.setting
    if "home" in r.pattern.flags:
        return [make_actor(source.country, "GOV", None, "", "protest aimed at the source's own government")]
    if "parties" in r.pattern.flags:
        parties = [a for a in setting.dyad[:2] if a.country != source.country]
        return [Actor(a.code, a.country, a.sector, a.name, "", 0, 0, "the article's main parties") for a in parties]
    if force_without_object(s.parse, r):
        return []  # force with no object at all ("fighters dispersed") gets no guessed target
    placed = _placed_objects(s, r, source, actors)
    if placed:
        return placed
    partner = setting.partner_of(source.country) if setting.bilateral and source.sector in STATE_SECTORS else None
    if partner is None or _names_third_country(s, source.country, partner.country):
        return []
    return [Actor(partner.code, partner.country, partner.sector, partner.name, "", 0, 0,
                  "not named in the sentence: the article's other main actor")]


SUPPORTER_NOUNS = frozenset({"supporter", "backer", "sponsor", "ally", "patron", "donor"})
"""Nouns of those who back someone ("supporters of the opposition", "the rebels' backers"): the backed party is
the target of what they do with "their support"."""
OWN_POSSESSIVES = frozenset({"their", "its"})


def _supported_party(s: Sentence, r: Reading, source: Actor, actors: ArticleActors) -> list[Actor]:
    """The party the subject backs, for an act on "their support" ("supporters of the opposition have cut their
    support", "the rebels' backers increased their aid"): whom the subject's noun names as backed (its "of"
    phrase or possessor). Empty unless the trigger's object is the pattern's own noun owned by "their"/"its"."""
    view, i = s.parse, r.trigger.position
    if not any(view.deps[c] == DEP.dobj and view.lemma(c) in r.pattern.objects and any(
            view.deps[k] == DEP.poss and view.lower(k) in OWN_POSSESSIVES for k in view.kids[c]) for c in view.kids[i]):
        return []
    for subject in (c for c in view.kids[r.head] if view.deps[c] == DEP.nsubj and view.lemma(c) in SUPPORTER_NOUNS):
        backed = [k for k in view.kids[subject] if view.deps[k] == DEP.poss] + [
            g for k in view.kids[subject] if view.deps[k] == DEP.prep and view.lower(k) == "of"
            for g in view.kids[k] if view.deps[g] == DEP.pobj]
        # the phrase's own words: "such as" examples name the backers, not the backed
        found = [a for b in backed for a in actors.resolve_one(s, b) if a.country != source.country or not a.country]
        if found:
            home = actors.setting.home_country()
            return [_with_country(a, home, "the article's main country") for a in found]
    return []


AREA_PREPOSITIONS = frozenset({"in", "from", "of", "out", "near", "at", "around", "across", "inside", "outside",
                               "into", "within"})
"""Prepositions whose phrase places an act of force ("drove the militants out of Idlib", "in northern Syria")."""


def _placed_objects(s: Sentence, r: Reading, source: Actor, actors: ArticleActors) -> list[Actor]:
    """Force against people named without a country ("pushed the militants out of Idlib", "ousted the group from
    every town in Iraq"): they are of the country where the act takes place, the first country a place phrase
    of the trigger (or of its object) names. None when no place names one."""
    view, i = s.parse, r.trigger.position
    if r.pattern.code[:2] not in FORCE_ROOTS:  # also force only vowed ("vowed to push the militants out of X")
        return []
    objects = [c for c in view.kids[i] if view.deps[c] in (DEP.dobj, DEP.nsubjpass)]
    found = [a for a in actors.resolve_all(s, objects) if not a.country and a.sector and a.sector != source.sector]
    country = _area_country(s, [i, *objects]) if found else None
    if country is None:
        return []
    return [_with_country(a, country, "the place of the act") for a in found]


def _area_country(s: Sentence, heads: list[int]) -> str | None:
    """The country of the first country, capital or place named in the place phrases of ``heads``."""
    view = s.parse
    for h in heads:
        for c in view.kids[h]:
            if view.deps[c] not in (DEP.prep, DEP.prt) or view.lower(c) not in AREA_PREPOSITIONS:
                continue
            for t in view.subtree(c):
                mention = s.mentions.get(t)
                if mention and mention.kind in ("country", "capital", "place", "city") and mention.entry.country:
                    return mention.entry.country
                if mention is None and view.ents[t] == ENT.GPE and view.title[t]:
                    place = resolve_place(view.span_text(*view.entity(t)))
                    if place is not None and place.country:
                        return place.country
    return None


def _names_third_country(s: Sentence, *pair: str | None) -> bool:
    """The sentence names a country (or its people, capital or adjective) outside ``pair``: then the article's
    other main actor is not the only candidate for an unnamed target."""
    return any(m.entry.country not in pair for m in s.mentions.values()
               if m.kind in ("country", "adjective", "demonym", "capital") and m.entry.country
               and s.first <= m.start < s.last)


def _deep_target(s: Sentence, r: Reading, source: Actor, actors: ArticleActors) -> list[Actor]:
    """The first actor of another country, or of another side of the source's own country ("vowed to drive out
    the rebels"; not for statements, denials and accusations, which answer someone abroad), named in the
    trigger's object phrases; for force, unnamed victims."""
    domestic = r.code[:2] not in STATEMENT_ROOTS and "deny" not in r.pattern.flags
    for head in _deep_objects(s.parse, r.trigger.position):
        found = actors.resolve_all(s, [head])
        other = [a for a in found if a.country and (a.country != source.country or (
            domestic and a.sector and a.text and not _same_side(a, source)))]
        if other:
            return other
        victims = [a for a in found if not a.country and a.sector in VICTIM_SECTORS]
        if victims and r.code[:2] in FORCE_ROOTS:
            home = actors.setting.home_country()
            return [_with_country(a, home, "the article's main country") for a in victims]
    return []


def _deep_objects(view: ParseView, i: int) -> list[int]:
    """Nouns in the trigger's object phrases and complements (second-choice targets), nearest first.

    Phrases that name what an object is made of are entered ("a round of talks with X", "leaders including X").
    Phrases of place and circumstance ("within the UN", "in Bishkek", "near the town"), adverbial clauses
    other than infinitives of purpose ("to help Laos") and conditions ("if Tehran ..."), and relative clauses
    are not entered.
    """
    kids, deps = view.kids, view.deps
    out = []
    stack = [c for c in kids[i] if deps[c] in DEEP_DEPS or (deps[c] == DEP.advcl and clauses.purpose_clause(view, c))]
    while stack:
        t = stack.pop(0)
        if deps[t] == DEP.prep and view.lowers[t] not in TARGET_PREP_KEYS and view.lower(t) not in MEMBER_PREPOSITIONS:
            continue
        if deps[t] in UNENTERED_DEPS or (deps[t] == DEP.advcl and not (
                clauses.purpose_clause(view, t) or clauses.condition(view, t))):
            continue
        if view.pos[t] in NAMING_POS:
            out.append(t)
        stack.extend(kids[t])
    return out


def _country_named_in_objects(s: Sentence, i: int, exclude: str | None) -> Actor | None:
    """Last resort before guessing: a country (not a capital, not an organisation) named in the trigger's
    objects, place phrases included ("lifted a curfew in Montenegro"), not further down in phrases of their own
    ("in recognition of the victories by Assad's allies, Iran and Russia")."""
    view = s.parse
    for c in view.kids[i]:
        if view.deps[c] not in NAMED_OBJECT_DEPS:
            continue
        for t in _object_words(view, c):
            mention = s.mentions.get(t)
            if mention and mention.kind in ("country", "adjective", "demonym") and mention.entry.country != exclude:
                entry = mention.entry
                return make_actor(entry.country, "GOV", entry.name, view.word(t),
                                  f"{entry.kind} '{entry.phrase}' ({entry.source}) named in the objects", 0, 0)
    return None


MEMBER_PREPOSITIONS = frozenset({"of", "including", "like"})
"""Prepositions whose phrase names what a noun is or is made of ("the town of X", "leaders including X", "allies
like X"): a country there is named in the object itself."""

PLACE_PREPOSITIONS = frozenset({"in"})
"""Prepositions whose phrase on an object noun says where the object is ("warned of a catastrophe in Yemen", "lifted
a curfew in Montenegro"): a country there is named in the object, as in a place phrase of the verb."""
OBJECT_PREPOSITIONS = MEMBER_PREPOSITIONS | PLACE_PREPOSITIONS


def _object_words(view: ParseView, c: int) -> list[int]:
    """The words of an object phrase ``c`` outside the phrases that hang from it: for a prepositional phrase, its
    object's own words; for a noun, all but its own prepositional phrases other than those that name what it is
    made of (:data:`MEMBER_PREPOSITIONS`: "the resort of Sochi", "leaders including Chile's president") or where
    it is (:data:`PLACE_PREPOSITIONS`: "a catastrophe in Yemen")."""
    if view.deps[c] == DEP.prep:
        return [t for g in view.kids[c] if view.deps[g] == DEP.pobj for t in _object_words(view, g)]
    out = [c]
    for k in view.kids[c]:
        if view.deps[k] not in (DEP.prep, DEP.relcl, DEP.acl) or view.lower(k) in OBJECT_PREPOSITIONS:
            out.extend(_object_words(view, k))
    return out


def _reply_targets(view: ParseView, i: int, home: str | None, history: EventHistory,
                   references: dict[str, Reference]) -> list[Actor]:
    """Targets of a reply to, or judgement of, an earlier event ("rejected the demand", "condemned the attack"):
    whoever did that event. Earlier events whose trigger is one of the noun's verbs ("demanded" for "the
    demand") are preferred to events that merely share its root; among them, the country behind most such
    events wins (ties: all of them, earliest first). Back-reference nouns: data/references.tsv."""
    kids, deps = view.kids, view.deps
    objects = [c for c in kids[i] if deps[c] in OBJECT_DEPS]
    if deps[i] in (DEP.advcl, DEP.conj) and any(view.lower(c) in BACK_PRONOUNS for c in objects):
        objects += [c for c in kids[view.heads[i]] if deps[c] == DEP.dobj]  # "rejected the demand, calling it ..."
    for c in objects:
        ref = references.get(view.lemma(c))
        if ref is None:
            continue
        earlier = [(a, lemma) for root in ref.roots for a, lemma in history.recent.get(root, []) if a.country != home]
        same_verb = [a for a, lemma in earlier if lemma in ref.verbs]
        pool = same_verb or [a for a, _ in earlier]
        if not pool:
            continue
        counts = Counter(a.country for a in pool)
        top = max(counts.values())
        chosen: dict[str, Actor] = {}
        for a in pool:
            if counts[a.country] == top and a.country not in chosen:
                chosen[a.country] = a
        word = view.word(c)
        return [Actor(a.code, a.country, a.sector, a.name, word, a.start, a.end,
                      f"'{word}' refers to an earlier event by {a.code} ({ref.source})") for a in chosen.values()]
    return []


OWNED_EVENT_WINDOW = 4
"""How many sentences back a noun named with its country ("a Syrian military assault") is what a later mention of
the same event noun refers to."""


def _owned_event(s: Sentence, r: Reading, home: str | None, actors: ArticleActors,
                 references: dict[str, Reference]) -> list[Actor]:
    """A reply to, or warning against, an event noun of references.tsv that the article named a few sentences before
    with the country doing it ("a Syrian assault on the enclave ... Turkey warned against an assault"): that
    country. The noun is the trigger's object or the object of its "against"/"of" phrase."""
    view, i = s.parse, r.trigger.position
    if r.code[:2] not in REPORTING_ROOTS:
        return []
    nouns = [c for c in view.kids[i] if view.deps[c] in OBJECT_DEPS] + [
        g for c in view.kids[i] if view.deps[c] == DEP.prep and view.lower(c) in ("against", "of")
        for g in view.kids[c] if view.deps[g] == DEP.pobj]
    for c in nouns:
        if view.pos[c] != POS.NOUN or view.lemma(c) not in references or any(view.deps[k] in (DEP.amod, DEP.compound, DEP.poss) and k in s.mentions
                                          for k in view.kids[c]):
            continue  # a noun with its own country named is not a back-reference
        index, actor = actors.discourse.owned_nouns.get(view.lemma(c), (-1, None))
        if actor is not None and index < s.index and s.index - index <= OWNED_EVENT_WINDOW and actor.country != home:
            word = view.word(c)
            return [Actor(actor.code, actor.country, actor.sector, actor.name, word, c, c + 1,
                          f"'{word}' was named earlier as an act of {actor.country}: {actor.how}")]
    return []


def force_without_object(view: ParseView, r: Reading) -> bool:
    """Force with no object at all ("the fighters dispersed", "jets attacked"): no target, and no event."""
    if r.code[:2] not in FORCE_ROOTS:
        return False
    i = r.trigger.position
    return view.pos[i] != POS.NOUN and not any(view.deps[c] in OBJECT_DEPS for c in view.kids[i])


def no_target(r: Reading) -> Actor:
    """The empty target of a one-sided event (GDELT leaves Actor2 blank; POLECAT an empty target list)."""
    return Actor(None, None, None, None, "", 0, 0, f"no target named for '{r.trigger.word}'")


def trigger_words(view: ParseView, r: Reading) -> str:
    """The words shown as the trigger: the token and its objects that the pattern names ("held talks"), after
    the governor when coded through one ("pledged ... hold talks")."""
    i, kids, deps = r.trigger.position, view.kids, view.deps
    words = [i]
    for c in kids[i]:
        if deps[c] in TRIGGER_WORD_DEPS and view.lemma(c) in r.pattern.objects:
            words.append(c)
        elif deps[c] == DEP.prep:
            words.extend(g for g in kids[c] if deps[g] == DEP.pobj and view.lemma(g) in r.pattern.objects)
    text = " ".join(view.word(j) for j in sorted(words))
    if r.head != i:
        text = f"{view.word(r.head)} ... {text}"
    return text


def _same_side(a: Actor, b: Actor) -> bool:
    """Same country and no different sector named (a government and its country; not rebels and government)."""
    return a.country == b.country and (a.sector == b.sector or not a.sector or not b.sector or
                                       {a.sector, b.sector} <= {"GOV", "MIL", "LEG", "JUD"})


def _country_unknown(actor: Actor) -> Actor:
    """``actor`` without the country it was given from the article's main country (which is its target's)."""
    how = actor.how.rsplit("; country from", 1)[0] + "; country unknown (the article's main country is the target's)"
    return Actor(None, None, actor.sector, actor.name, actor.text, actor.start, actor.end, how)

