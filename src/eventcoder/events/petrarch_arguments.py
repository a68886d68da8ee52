"""Arguments under PETRARCH's conventions (``conventions="petrarch"``, stage "arguments").

PETRARCH codes a verb with the actors of its own sentence only. The source is the verb's subject (the by-agent of a
passive), found as under the news conventions (:class:`~eventcoder.events.arguments.ArgumentFinder`), but an actor
named without a country keeps none: PETRARCH's unknown actor ``---``, with its agent's sector ("an official" ->
``---GOV``). A pronoun subject ("Ethiopia indicated it would act") is the
subject of the verb that governs its clause. The target is the object or a preposition's object the pattern names,
else the first actor named after the verb in its phrase, looked into as deep as it goes ("welcomed a resumption of
ties between Gondor and Osgiliath" -> both; "believes Dagolath can cope" -> Dagolath), but not in a verb
conjoined to it or in a reported clause before it ("X did Y, an official said": the official's statement has no
target). A joint act of a compound subject with no target ("Gondor and Osgiliath postponed their meeting") is
coded between the subject's actors. No target or source is inferred from earlier sentences or from the article's
main actors.
"""

from __future__ import annotations

from dataclasses import replace

from ..actors import ArticleActors
from ..grammar import PLACE_PREPOSITIONS
from ..model import Actor, Sentence
from ..parse import DEP, ParseView
from . import clauses
from .arguments import ArgumentFinder, target_heads
from .mood import Reading

__all__ = ["petrarch_arguments"]

OTHER_VERB_DEPS = frozenset({DEP.conj, DEP.cc, DEP.parataxis, DEP.nsubj, DEP.nsubjpass, DEP.csubj, DEP.relcl})
"""Dependants of a verb that are not its phrase: its subject and verbs conjoined to it ("... and warned"); also
adverbial clauses opened by a conjunction ("after a hobbit was reported on the pass"), :func:`phrase_tokens`."""
PLACE_KEYS = frozenset(PLACE_PREPOSITIONS)
UNKNOWN = "---"
"""PETRARCH's code of an actor of unknown country ("an official": ``---GOV``)."""
NOUN_PHRASE_UP_DEPS = frozenset({DEP.compound, DEP.amod, DEP.poss, DEP.det, DEP.case, DEP.flat})
"""Dependants inside a noun phrase: a mention's head is found by climbing them (and an apposition that follows
its head at once: "minister Calimehtar")."""
PRONOUN_SUBJECTS = frozenset({"it", "they", "he", "she", "we", "its", "their"})


def petrarch_arguments(finder: ArgumentFinder, s: Sentence, r: Reading,
                       actors: ArticleActors) -> tuple[list[Actor], list[Actor]]:
    """The sources and targets of a reading under PETRARCH's conventions (module docstring): actors with a
    code, a country or a sector; one of unknown country is PETRARCH's ``---`` with its sector ("---GOV"). Either
    list may be empty."""
    sources, targets = _arguments(finder, s, r, actors)
    return [_coded(a) for a in sources], [_coded(a) for a in targets]


def _coded(a: Actor) -> Actor:
    """``a`` with PETRARCH's code of an actor of unknown country (``---`` and the sector) when it has no code."""
    if a.code:
        return a
    return replace(a, code=UNKNOWN + (a.sector or ""), country=a.country or UNKNOWN)


def _arguments(finder: ArgumentFinder, s: Sentence, r: Reading,
               actors: ArticleActors) -> tuple[list[Actor], list[Actor]]:
    view, i = s.parse, r.trigger.position
    placed = _pattern_places(s, r, actors)
    if placed is not None:
        return placed
    passive = (clauses.is_passive(view, i) or any(view.deps[c] == DEP.auxpass for c in view.kids[i])) and (
        not clauses.stative(view, i))
    if passive:  # "X was criticized (by Y)": Y on X; with no by-agent, the first actor of the phrase on X
        targets = _mention_actors(s, _passive_subject_tokens(view, i), actors)
        sources = _kept(finder.sources(s, r, True, actors)) or first_actor(
            s, phrase_tokens(view, i), actors)
        return sources, targets
    sources = (_pronoun_sources(s, r, actors) or _mention_actors(s, _subject_tokens(view, r.head), actors)
               or _kept(finder.sources(s, r, False, actors)))
    targets = _kept(actors.resolve_all(s, target_heads(view, i, r.pattern, False, r.sym, reported=False)))
    if not targets:
        targets = first_actor(s, phrase_tokens(view, i), actors)
    return sources, targets


def _pattern_places(s: Sentence, r: Reading, actors: ArticleActors) -> tuple[list[Actor], list[Actor]] | None:
    """The source and target a matched PETRARCH pattern places (``+`` the target's words, ``$`` the source's:
    "[+ * FROM $]" reads "X was freed from Y" as Y on X); the subject or the first actor after the verb for the side
    it does not place; None when it places neither."""
    places = r.pattern.places
    if not any(kind in ("target", "source") for kind, _j in places):
        return None
    view, i = s.parse, r.trigger.position
    targets = _actors_at(s, [j for kind, j in places if kind == "target"], actors)
    sources = _actors_at(s, [j for kind, j in places if kind == "source"], actors)
    if not any(kind == "source" for kind, _j in places):
        sources = _mention_actors(s, _subject_tokens(view, r.head), actors)
    if not any(kind == "target" for kind, _j in places):
        targets = first_actor(s, phrase_tokens(view, i), actors)
    return sources, targets


def _actors_at(s: Sentence, positions: list[int], actors: ArticleActors) -> list[Actor]:
    """The actors of the phrases holding the words at ``positions``, each once."""
    out: list[Actor] = []
    for j in positions:
        head = _phrase_head(s.parse, j)
        found = (_kept(actors.resolve(s, head)) or _kept(actors.resolve_one(s, j))
                 or _mention_actors(s, sorted(s.parse.subtree(head)), actors))  # "Ruritania's soldiers"
        out += [a for a in found if a not in out]
    return _each_once(out)


def _passive_subject_tokens(view: ParseView, i: int) -> list[int]:
    """The tokens of the passive subject of the verb at ``i`` (or of the verb it depends on)."""
    kids, deps = view.kids, view.deps
    subjects = [c for c in kids[i] if deps[c] == DEP.nsubjpass] or clauses.subjects(view, i) or [
        c for a in kids[i] if deps[a] == DEP.auxpass for c in kids[a] if deps[c] in (DEP.nsubj, DEP.nsubjpass)]
    # the last: "X was heavily criticized" misparsed with X the subject of "was"
    return sorted(t for h in subjects for t in view.subtree(h) if t < i)


def _subject_tokens(view: ParseView, i: int) -> list[int]:
    """The tokens of the subject phrase of the verb at ``i`` (active or passive)."""
    return sorted(t for h in clauses.subjects(view, i) for t in view.subtree(h) if t < i)


def _mention_actors(s: Sentence, tokens: list[int], actors: ArticleActors) -> list[Actor]:
    """The actors of every phrase among ``tokens`` that holds an actor mention, in order, each code once: all the
    actors of a subject as PETRARCH reads one ("Ithilen's sheep and goats of Gondor"; a coordination the parser
    split: "Arnor and the evil awful Gondor"). Each phrase is resolved alone (no apposition takes its place)."""
    out: list[Actor] = []
    covered: set[int] = set()
    for root in _mention_roots(s, tokens):
        head = _phrase_head(s.parse, root)
        if head in covered:  # "Soldiers from Gondor": Gondor is part of the soldiers' phrase
            continue
        covered.update(actors.phrase(s, head))
        # a phrase whose head is no actor ("Ithilen's militia") is its possessor's
        resolve = actors.resolve if _agents_with_conjuncts(s, head) else actors.resolve_one
        found = _kept(resolve(s, head)) or _kept(actors.resolve_one(s, root))
        out += [a for a in found if a not in out]
    return _each_once(out)


def _agents_with_conjuncts(s: Sentence, head: int) -> bool:
    """A phrase of agent words only, coordinated with others ("lawmakers and officials in Arnor and Gondor"): it is
    resolved with its conjuncts, so that each agent takes the actors they name."""
    m = s.mentions.get(head)
    return m is not None and m.kind == "agent" and bool(s.parse.conjuncts(head))


def _each_once(found: list[Actor]) -> list[Actor]:
    """``found`` with each coded actor once (the first); actors without a code are kept."""
    seen: set[str] = set()
    out = []
    for a in found:
        if a.code is None or a.code not in seen:
            out.append(a)
            seen.add(a.code or "")
    return out


def _mention_roots(s: Sentence, tokens: list[int]) -> list[int]:
    """The root tokens of the actor mentions that start among ``tokens``, in order."""
    view = s.parse
    starts = sorted({m.start for t in tokens if (m := s.mentions.get(t)) is not None and m.start in tokens})
    return [_mention_root(view, s.mentions[t]) for t in starts]


def _mention_root(view: ParseView, m) -> int:
    """The token of a mention whose head lies outside it (the last one when the parse says otherwise)."""
    return next((t for t in range(m.start, m.end) if not m.start <= view.heads[t] < m.end or view.heads[t] == t),
                m.end - 1)


def _kept(found: list[Actor]) -> list[Actor]:
    """The actors of ``found`` that say who: a code, a country or a sector."""
    return [a for a in found if a.code or a.country or a.sector]


def _pronoun_sources(s: Sentence, r: Reading, actors: ArticleActors) -> list[Actor]:
    """A pronoun subject ("Ethiopia indicated it would act") stands for the actors of the nearest governing
    verb's subject; [] when the subject is not a pronoun or no governing verb names one."""
    view = s.parse
    subjects = clauses.subjects(view, r.head)
    if not subjects or view.lower(subjects[0]) not in PRONOUN_SUBJECTS:
        return []
    t = r.head
    for _ in range(len(view.heads)):
        if view.heads[t] == t:
            return []
        t = view.heads[t]
        heads = [h for h in clauses.subjects(view, t) if view.lower(h) not in PRONOUN_SUBJECTS]
        found = _kept(actors.resolve_all(s, heads))
        if found:
            return found
    return []


def phrase_tokens(view: ParseView, i: int) -> list[int]:
    """The tokens of the verb phrase of the verb at ``i`` in sentence order, as PETRARCH reads one: what follows
    the verb in its subtree (its objects, prepositions and clauses), less its subject and conjoined verbs."""
    out: set[int] = set()
    for c in view.kids[i]:
        if c > i and view.deps[c] not in OTHER_VERB_DEPS and not _finite_adverbial(view, c):
            out.update(t for t in view.subtree(c) if t > i)
    return sorted(out)


def _finite_adverbial(view: ParseView, c: int) -> bool:
    """An adverbial clause opened by a conjunction ("after ...", "when ..."), not a purpose infinitive."""
    return view.deps[c] == DEP.advcl and any(view.deps[k] == DEP.mark and view.lower(k) != "to"
                                             for k in view.kids[c])


def first_actor(s: Sentence, tokens: list[int], actors: ArticleActors) -> list[Actor]:
    """The actors of the first phrase among ``tokens`` (in order) that names one, with its conjuncts; a phrase
    that only says where ("at Osgiliath", "in Gondor") counts only when no other phrase names one, and one of
    unknown country ("the leader") only when no phrase names a country."""
    ranked: dict[int, list[Actor]] = {}
    for root in _mention_roots(s, tokens):
        head = _phrase_head(s.parse, root)  # a phrase whose head is no actor is its mention's ("anti-Gondor parade")
        found = _kept(actors.resolve(s, head)) or _kept(actors.resolve_one(s, root))
        if found:
            rank = 0 if not any(a.country not in (None, UNKNOWN) for a in found) else 1 if _placed(
                s.parse, head) else 2
            ranked.setdefault(rank, found)
    return ranked[max(ranked)] if ranked else []


def _placed(view: ParseView, head: int) -> bool:
    """Whether the phrase headed by ``head`` is the object of a preposition of place."""
    up = view.heads[head]
    return view.deps[head] == DEP.pobj and view.deps[up] == DEP.prep and view.lower(up) in PLACE_KEYS


def _phrase_head(view: ParseView, t: int) -> int:
    """The head of the noun phrase holding token ``t`` (climbing compounds, modifiers, possessives, and an
    apposition right after its head)."""
    for _ in range(len(view.heads)):
        head = view.heads[t]
        if head == t or not (view.deps[t] in NOUN_PHRASE_UP_DEPS or view.deps[t] == DEP.appos and t == head + 1):
            return t
        t = head
    return t
