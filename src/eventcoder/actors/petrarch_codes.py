"""Actor codes as PETRARCH composes them (used where :attr:`Knowledge.builtin_actors` is False: PETRARCH
conventions with PETRARCH actor or agent dictionaries; see :class:`~eventcoder.options.CoderOptions`).

PETRARCH codes a noun phrase by its own words only:

- the first actor of the actor dictionary in the phrase gives the base code, as the dictionary gives it on the
  article's date; none gives ``---`` (PETRARCH's unknown actor);
- every agent of the agent dictionary in the phrase (outside the actor's words), in the order of the phrase,
  adds its code: ``[~GOVMED]`` after the code, ``[NGO~]`` before it ("Danish Islamist media" with ``[~MUS]`` and
  ``[~MED]`` -> DNKMUSMED; "MSF Arnor diplomat" with ``[NGO~]`` and ``[~GOV]`` -> NGOARNGOV). An agent whose
  code is already in the code (at a multiple of three letters) ends the adding, as in PETRARCH;
- a phrase with neither names no actor;
- a compound code ``[A/B/C]`` (one phrase naming several actors) gives one actor per part, each with the agents;
- ``[+++]`` (and TABARI's ``[###]``) are written as they are.

The resulting :class:`~eventcoder.model.Actor` carries the whole code in ``code`` (what ``EventRecord.source_code``
and ``target_code`` show); ``country`` is the base code's first three letters (``---`` for an unknown actor, so
that no later stage gives it the article's country) and ``sector`` the first sector of the code.
"""

from __future__ import annotations

from datetime import date

from ..knowledge import GazetteerEntry, Knowledge
from ..knowledge_types import SECTOR_CODES, ActorTerm
from ..model import Actor, Mention
from ..parse import ParseView
from ..petrarch_dicts import LITERAL_CODES, agent_code_parts

__all__ = ["UNKNOWN_ACTOR", "compose", "phrase_actors", "share_actors", "term_entries"]

COORDINATORS = frozenset({"and", "or", "nor", ","})
"""Words that list actors ("Fornost and Gondor", "Arnor, Rohan")."""
NOT_MODIFIER_TAGS = frozenset({"NNP", "VB", "IN", "TO", "MD", "PR", "WD", "WP"})
"""Tags (first two letters) of words that cannot stand between a coordinator and the actor it lists ("and the evil
Gondor"): names, verbs, prepositions, pronouns."""
UNKNOWN_ACTOR = "---"
"""PETRARCH's base code of a phrase that names agents but no actor of the dictionary ("---GOV")."""


def term_entries(entry: GazetteerEntry, term: ActorTerm, literal: bool) -> list[GazetteerEntry]:
    """The entries of an actor phrase (``entry``) for its code on the day (``term``): one per part of a compound
    code ("FRO/BIL/SAM"); a literal code ("+++") only where ``literal`` (PETRARCH conventions), else none."""
    if term.code in LITERAL_CODES:
        return [GazetteerEntry(entry.phrase, "actor", term.code, None, term.code, term.name, term.source)] if (
            literal) else []
    parts = term.code.split("/")
    if len(parts) == 1:
        return [GazetteerEntry(entry.phrase, "actor", term.country, term.sector, term.code, term.name, term.source)]
    return [GazetteerEntry(entry.phrase, "actor", part[:3], part[3:6] if part[3:6] in SECTOR_CODES else None, part,
                           term.name, f"{term.source}, part {k + 1} of {term.code}")
            for k, part in enumerate(parts)]


def compose(base: str, agents: list[str]) -> str:
    """The code of an actor ``base`` ("ARN", "---") with the agent codes ``agents`` ("~GOV", "NGO~"), in order,
    as PETRARCH assembles it: "ARN" + ["NGO~", "~GOV"] -> "NGOARNGOV". An agent code already in the code ends
    the adding."""
    code = base
    for agent in agents:
        letters, before = agent_code_parts(agent)
        if any(code[k:k + len(letters)] == letters for k in range(0, len(code) - len(letters) + 1, 3)):
            break
        code = letters + code if before else code + letters
    return code


def phrase_actors(view: ParseView, mentions: dict[int, Mention], positions: list[int], span: tuple[str, int, int],
                  knowledge: Knowledge, on: date | None, head: int | None = None) -> list[Actor]:
    """The actors PETRARCH codes for a noun phrase (``positions``: its tokens; ``span``: its text and offsets
    in the sentence; ``head``: its head, whose own conjuncts are phrases of their own), on the day ``on``: empty
    when it names neither an actor nor an agent of the dictionaries."""
    hits = sorted({id(m): m for i in positions if (m := mentions.get(i)) is not None}.values(), key=lambda m: m.start)
    actors = _actor_mentions(view, mentions, hits, head, knowledge, on)
    base = [e for m, term in actors for e in term_entries(m.entry, term, literal=True)]
    agents = [m for m in hits if m.entry.kind == "agent" and m.entry.code and all(m is not a for a, _t in actors)]
    if not base and not agents:
        return []
    codes = [m.entry.code for m in agents]
    how = "; ".join(f"{m.entry.kind} '{m.entry.phrase}' ({m.entry.source})" for m in [a for a, _t in actors] + agents)
    text, start, end = span
    out = []
    for entry in base or [None]:
        code = compose(entry.code if entry else UNKNOWN_ACTOR, codes)
        country = entry.country if entry and entry.country else (entry.code[:3] if entry else UNKNOWN_ACTOR)
        sector = agent_code_parts(codes[0])[0][:3] if codes else (entry.sector if entry else None)
        name = entry.name if entry else None
        out.append(Actor(code, country, sector, name, text, start, end, f"PETRARCH code {code}: {how}"))
    return out


def _actor_mentions(view: ParseView, mentions: dict[int, Mention], hits: list[Mention], head: int | None,
                    knowledge: Knowledge, on: date | None) -> list[tuple[Mention, ActorTerm]]:
    """The actor of a phrase (its first actor mention with a code on the day) and the actors coordinated with it,
    each of which gets the phrase's agents ("the ambassadors of Arnor, Osgiliath and Gondor"): its conjuncts, and
    the actors the phrase's words list ("Fornost and the evil Gondor", however the parser attached them: a
    coordinator or comma between two actors); not the conjuncts of the phrase's ``head``, which the caller
    resolves as phrases of their own."""
    coded = [(m, term) for m in hits if m.entry.kind == "actor" and (term := knowledge.actor_on(m.entry.phrase, on))]
    if not coded:
        return []
    out = [coded[0]]
    own = set(view.conjuncts(head)) if head is not None else set()
    together = set(view.conjuncts(view.span_root(coded[0][0].start, coded[0][0].end)))
    for (before, _t), (mention, term) in zip(coded, coded[1:], strict=False):
        root = view.span_root(mention.start, mention.end)
        if root not in together and not _listed(view, mentions, before.end, mention.start):
            break  # "Calenardhon and the evil Arnor awful Gondor": Gondor is no third actor
        if root not in own:
            out.append((mention, term))
    return out


def _listed(view: ParseView, mentions: dict[int, Mention], start: int, end: int) -> bool:
    """Whether the words ``[start, end)`` between two actors list them: a coordinator or comma followed by
    modifiers only ("and the evil", not "and evil minister": no agent, name, verb or preposition)."""
    for i in range(end - 1, start - 1, -1):
        if view.lower(i) in COORDINATORS:
            return True
        if i in mentions or view.tag(i)[:2] in NOT_MODIFIER_TAGS:
            return False
    return False


def share_actors(view: ParseView, mentions: dict[int, Mention], found: list[list[Actor]], phrases: list[list[int]],
                 knowledge: Knowledge, on: date | None) -> list[list[Actor]]:
    """Coordinated phrases (``phrases``: each one's tokens; ``found``: each one's actors) as PETRARCH reads them: a
    phrase of agents only ("lawmakers and officials in Arnor and Gondor") takes the actors the others name."""
    pool = sorted({i for positions in phrases for i in positions
                   if (m := mentions.get(i)) is not None and m.entry.kind == "actor"})
    if not pool:
        return found
    out = []
    for actors, positions in zip(found, phrases, strict=True):
        if actors and all(a.country == UNKNOWN_ACTOR for a in actors):
            first = actors[0]
            actors = phrase_actors(view, mentions, sorted(set(positions) | set(pool)),
                                   (first.text, first.start, first.end), knowledge, on) or actors
        out.append(actors)
    return out
