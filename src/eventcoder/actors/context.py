"""What an article says about its actors, as the coder reads it sentence by sentence.

:class:`ArticleSetting` is fixed before the first sentence (the reference date, the dateline's country, the
most mentioned countries); :class:`Discourse` grows as sentences are read (people introduced with a title,
agent words named with a country, the last person and organisation), and only the actor stage
(:class:`~eventcoder.actors.resolve.ArticleActors`) writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import Actor

__all__ = ["ArticleSetting", "Discourse", "make_actor"]


def make_actor(country: str | None, sector: str | None, name: str | None, text: str, how: str,
               start: int = 0, end: int = 0, code: str | None = None) -> Actor:
    """Build an :class:`~eventcoder.model.Actor`, deriving the CAMEO-style code as country + sector when
    ``code`` is None (an organisation's sector, IGO or NGO, is not part of its code)."""
    if code is None and country:
        code = country + (sector or "") if sector not in ("IGO", "NGO") else country
    return Actor(code=code, country=country, sector=sector, name=name, text=text, start=start, end=end, how=how)


@dataclass(frozen=True)
class ArticleSetting:
    """What the coder knows of an article before it reads its sentences.

    Attributes:
        date (date | None): the reference date (dateline, else publication, else the first written date): the
            day offices are held on.
        dateline_country (str | None): ISO3 of the dateline's place, for domestic agents ("police").
        dyad (tuple[Actor, ...]): the article's main actors: its most mentioned countries (up to three), most
            mentioned first, as governments.
        recurring (frozenset[str]): countries named at least twice (all of them in a text of one paragraph):
            the only ones that may stand for a target the sentence does not name.
        bilateral (bool): the article is about one pair of countries (its two most mentioned countries are
            named at least twice as often as any third): only then may the other one stand for a target the
            sentence does not name.
    """

    date: date | None = None
    dateline_country: str | None = None
    dyad: tuple[Actor, ...] = ()
    recurring: frozenset[str] = frozenset()
    bilateral: bool = False

    def partner_of(self, country: str | None) -> Actor | None:
        """The dyad member other than ``country`` (the dyad's first when ``country`` is outside it), counting
        only countries the article names at least twice; None when there is no such actor."""
        for actor in self.dyad[:2]:
            if actor.country != country and actor.country in self.recurring:
                return actor
        return None

    def home_country(self) -> str | None:
        """The country of agents named without one ("the foreign ministry", "police"): the dateline's country
        when the article names it more than once, else the article's most mentioned country."""
        if self.dateline_country and self.dateline_country in self.recurring:
            return self.dateline_country
        return self.dyad[0].country if self.dyad else self.dateline_country


@dataclass
class Discourse:
    """Who an article has introduced so far: what later mentions ("Japarov", "the junta", "he", "the bloc")
    refer to.

    Attributes:
        people (dict[str, Actor]): name word ("Japarov", "Wang") -> the actor it was introduced as.
        agents (dict[str, str]): agent word -> the country it was last named with ("Guinea-Bissau's military
            junta" makes a later "the junta" GNB).
        last_person (Actor | None): the last person who was the subject of an event or statement ("he").
        last_organisation (Actor | None): the organisation named last ("the bloc").
        last_group (tuple[int, tuple[Actor, ...]]): the sentence index and actors of the last plural subject
            named with a country ("Kurdish militias", "Russia and Turkey"): what a subject "they" refers to.
        last_body (tuple[int, Actor | None]): the sentence index and actor of the last singular subject that is a
            country or an organisation, not a person ("Turkey", "the Syrian army"): what a subject "it" refers
            to.
        named_groups (list[tuple[int, int, Actor]]): the groups of the knowledge files (groups.tsv) named so far,
            as (sentence index, token position, actor), in article order: what "the group" refers to.
        owned_nouns (dict[str, tuple[int, Actor]]): noun lemma -> the sentence index and country actor of its last
            mention whose own modifier names a country ("a Syrian military assault", "Russia's offensive"): whose act
            a later "the assault" or "an assault" is.
        revision (int): how many times what the resolution of a noun phrase reads (``people``, ``agents``,
            ``last_organisation``) has changed: a phrase resolved before need not be resolved again while it
            is the same. Change them through the methods.
    """

    people: dict[str, Actor] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    last_person: Actor | None = None
    last_organisation: Actor | None = None
    last_group: tuple[int, tuple[Actor, ...]] = (-1, ())
    last_body: tuple[int, Actor | None] = (-1, None)
    named_groups: list[tuple[int, int, Actor]] = field(default_factory=list)
    owned_nouns: dict[str, tuple[int, Actor]] = field(default_factory=dict)
    revision: int = 0

    def group_before(self, index: int, position: int, window: int = 2) -> Actor | None:
        """The group named last before token ``position`` of sentence ``index``, in that sentence or the
        ``window`` before it ("Isis ... the group"); None when there is none."""
        earlier = [a for k, i, a in self.named_groups if (k, i) < (index, position) and index - k <= window]
        return earlier[-1] if earlier else None

    def remember_person(self, word: str, actor: Actor) -> None:
        """Remember that the name word ``word`` ("Japarov") refers to ``actor``."""
        if self.people.get(word) != actor:
            self.people[word] = actor
            self.revision += 1

    def remember_agent(self, agent: str, country: str) -> None:
        """Remember that the agent word ``agent`` ("junta") was last named with ``country`` (ISO3)."""
        if self.agents.get(agent) != country:
            self.agents[agent] = country
            self.revision += 1

    def set_last_person(self, actor: Actor | None) -> None:
        """The person "he"/"she" refers to from now on (None: unknown); pronouns are never reused from a
        cache, so this does not count as a revision."""
        self.last_person = actor

    def set_last_subject(self, index: int, actors: tuple[Actor, ...], plural: bool) -> None:
        """The subject of sentence ``index`` that a later subject "they" (``plural``) or "it" refers to; pronouns
        are never reused from a cache, so this does not count as a revision."""
        if plural:
            self.last_group = (index, actors)
        elif len(actors) == 1:
            self.last_body = (index, actors[0])

    def set_last_organisation(self, actor: Actor | None) -> None:
        """The organisation "the bloc" refers to from now on."""
        if actor != self.last_organisation:
            self.last_organisation = actor
            self.revision += 1
