"""The noun phrase of an actor and what its words say: pure functions over a parse and its mentions.

Every function reads a :class:`~eventcoder.parse.ParseView` (``view``) and the segment's actor mentions
(``mentions``: token position -> :class:`~eventcoder.model.Mention`), and takes token positions: the
phrase's tokens (:func:`actor_positions`), the names in it (:func:`name_positions`), its country words ranked
(:func:`country_entries`), its sector (:func:`phrase_sector`); the places it names are read by
:mod:`eventcoder.actors.places` (:func:`place_entries`, :func:`located_countries`).
"""

from __future__ import annotations

from ..grammar import DEFINITE_ARTICLE, LOCATIVE_PREPOSITIONS, ORIGIN_PREPOSITION, OWNER_PRONOUNS, PHRASE_PREPOSITIONS
from ..knowledge import STATE_OFFICE_SECTORS, GazetteerEntry
from ..model import Actor, Mention
from ..parse import DEP, ENT, POS, SUBJECT_DEPS, ParseView
from ..wordlists import word_lists
from . import places
from .context import Discourse, make_actor
from .mentions import COUNTRY_KINDS
from .places import place_entries
from .places import proper_runs as _proper_runs

__all__ = ["actor_positions", "any_name", "apposed_title", "as_mention", "backer", "country_actor", "country_entries", "former",
           "from_article", "located_countries", "main_clause", "name_positions", "named_apposition", "names_nothing",
           "owned_by_pronoun", "owns_other", "phrase_positions", "phrase_sector", "place_entries", "quoted", "reporting_subject",
           "span_text", "title_owner"]

Mentions = dict[int, Mention]

MODIFIER_DEPS = frozenset({DEP.compound, DEP.amod, DEP.poss, DEP.nmod, DEP.det, DEP.nummod, DEP.appos, DEP.npadvmod,
                           DEP.case, DEP.punct, DEP.pobj})
"""Labels of the words a noun phrase keeps below its head (with the phrases of PHRASE_PREPOSITIONS)."""
RANK_DEPS = frozenset({DEP.prep, DEP.pobj, DEP.appos})
EXAMPLE_PREPOSITION, EXAMPLE_MARKER = "as", "such"
"""The words of "such as", which introduces the examples that name a phrase's actors."""
BACKING_WORDS = frozenset({"backed", "supported", "sponsored", "funded", "financed", "armed", "trained", "aligned",
                           "allied", "friendly", "leaning"})
"""Second halves of "Turkish-backed" compounds: the country of the first half backs the actor (:func:`backer`)."""
HYPHEN, PRO = "-", "pro"
OPENING_QUOTES, CLOSING_QUOTES = frozenset({"\u201c", "``"}), frozenset({"\u201d", "''"})
QUOTE_MARKS = OPENING_QUOTES | CLOSING_QUOTES | {'"'}
SERVED_PREPOSITION = "for"
"""The preposition of whom a generic title serves ("a spokesman for the army")."""
INDEFINITE_ARTICLES = frozenset({"a", "an"})
CLAUSE_DEPS = frozenset({DEP.relcl, DEP.acl, DEP.advcl, DEP.ccomp, DEP.xcomp})
REPORTED_DEPS = frozenset({DEP.ccomp, DEP.xcomp, DEP.conj})
"""Labels a reported clause hangs from its speech verb by (and the verbs of that clause from each other)."""
NOT_NAME_ENTS = frozenset({ENT.GPE, ENT.NORP, ENT.LOC, ENT.FAC, ENT.DATE})
"""Entity types of proper nouns that are no person's name."""
NAME_DEPS = frozenset({DEP.compound, DEP.flat})


def phrase_positions(view: ParseView, top: int) -> list[int]:
    """The positions, ascending, of the noun phrase headed by ``top``: modifiers, appositions and
    of/from/in/at/by phrases ("police in Kyrgyzstan's capital"; a named person's "in X" is where they were, so
    it is left out). Relative clauses, participles and other clauses are left out, except a "from" phrase in a
    relative clause, which tells where people come from ("gunmen who crossed from Afghanistan")."""
    kids, deps = view.kids, view.deps
    found, stack = [top], [top]
    person = view.ents[top] == ENT.PERSON
    while stack:
        at = stack.pop()
        for child in kids[at]:
            dep = deps[child]
            if dep in MODIFIER_DEPS or (dep == DEP.conj and at != top) or (dep == DEP.prep and _keeps_phrase(
                    view.lower(child), person and at == top)):
                found.append(child)
                stack.append(child)
            elif dep == DEP.relcl and at == top:
                for word in kids[child]:
                    if deps[word] == DEP.prep and view.lower(word) == ORIGIN_PREPOSITION:
                        found.extend(view.subtree(word))
    found.sort()
    return found


def _keeps_phrase(word: str, own_person: bool) -> bool:
    """A preposition whose phrase stays in the noun phrase; a named person's "in"/"at" does not."""
    return word in PHRASE_PREPOSITIONS and not (own_person and word in LOCATIVE_PREPOSITIONS)


def actor_positions(view: ParseView, mentions: Mentions, at: int) -> list[int]:
    """:func:`phrase_positions` of the head ``at``, with the "for" phrase of a generic title ("a spokesman for the
    army", "an official for the UN"); for a thing rather than an agent ("a protocol in Kabul"), without its place
    (the subtree of its "in"/"at" phrase), and, when the thing is a subject ("Manila's protest was groundless"),
    without its possessor: neither is the actor. The possessor of a thing that is an object stays: an act on
    "Russia's annexation of Crimea" or "the UAE's recognition of Israel" is aimed at its doer."""
    positions = phrase_positions(view, at)
    mention = mentions.get(at)
    if mention is not None and mention.kind == "agent" and mention.entry.role in ("generic", "head"):
        # "a spokesman for the Kurdish militias": whom the title-holder speaks or works for
        served = [c for c in view.kids[at] if view.deps[c] == DEP.prep and view.lower(c) == SERVED_PREPOSITION]
        positions = sorted(set(positions).union(*(phrase_positions(view, c) for c in served)))
    if view.pos[at] == POS.NOUN and at not in mentions:
        deps = view.deps
        owners = {c for c in view.kids[at]
                  if (deps[c] == DEP.poss and deps[at] in SUBJECT_DEPS) or (
                      deps[c] == DEP.prep and view.lower(c) in LOCATIVE_PREPOSITIONS)}
        if owners:  # drop the owners' subtrees
            positions = [i for i in positions if not _under(view.heads, i, owners)]
    return positions


def _under(heads: list[int], i: int, tops: set[int]) -> bool:
    """Whether position ``i`` or one of its ancestors (``heads``: each token's head) is in ``tops``."""
    while i not in tops:
        if heads[i] == i:
            return False
        i = heads[i]
    return True


def owned_by_pronoun(view: ParseView, at: int) -> bool:
    """Whether the token ``at`` has the possessive "its" or "their" ("its forces")."""
    return any(view.deps[c] == DEP.poss and view.lower(c) in OWNER_PRONOUNS for c in view.kids[at])


def _rank(view: ParseView, at: int, i: int) -> tuple[int, int]:
    """Preference of the country word ``i`` inside the noun phrase headed by ``at``: the head, its own
    modifiers, then appositions and of-phrases; nearer first."""
    if i == at:
        return (0, 0)
    depth, t, via_prep = 0, i, False
    while t != at and depth < 8:
        if view.deps[t] in RANK_DEPS:
            via_prep = True
        t = view.heads[t]
        depth += 1
    return (2 if via_prep else 1, abs(i - at))


def country_entries(view: ParseView, at: int, hits: list[tuple[int, Mention]]) -> list[GazetteerEntry]:
    """The country entries of the phrase headed by ``at`` (``hits``: its words' (position, mention) pairs),
    best first: the best ranked, and those coordinated with it ("China and Russia")."""
    found: dict[int, tuple] = {}
    for _i, mention in hits:
        entry = mention.entry
        if entry.kind in COUNTRY_KINDS and entry.country and not backer(view, mention):
            root = view.span_root(mention.start, mention.end)
            rank = _rank(view, at, root)
            if mention.start not in found or rank < found[mention.start][1]:
                found[mention.start] = (entry, rank, root)
    if not found:
        return []
    # words of the sentence (a title's country) beat a dictionary actor: "Kyrgyz Foreign Minister X"
    ranked = sorted(found.values(), key=lambda x: (x[0].kind == "actor" and len(found) > 1, x[1]))
    best_entry, best_rank, best_root = ranked[0]
    chosen = [best_entry]
    for entry, rank, root in ranked[1:]:
        if rank[0] == best_rank[0] and entry.country not in {e.country for e in chosen} and _coordinated(
                view, best_root, root):
            chosen.append(entry)
    return chosen


def title_owner(view: ParseView, hits: list[tuple[int, Mention]]) -> Mention | None:
    """The mention that possesses a title of the phrase ("Trump" of "Trump's Syria envoy", "Syria" of "Syria's
    UN ambassador"): a country word or an office-holder in the "poss" of an agent word; None when there is
    none, or when a country word heads the phrase on its own."""
    by_position = dict(hits)
    for i, mention in hits:
        if mention.kind != "agent" or i != view.span_root(mention.start, mention.end):
            continue
        for child in view.kids[i]:
            owner = by_position.get(child)
            if view.deps[child] == DEP.poss and owner is not None and owner.entry.country and (
                    owner.kind in ("country", "capital", "metonym", "person", "actor")):
                return owner
    return None


def named_apposition(view: ParseView, mentions: Mentions, head: int) -> int | None:
    """The apposition that names the actor of a descriptive phrase ("a longstanding US ally and Nato member,
    Turkey"; "a key partner of Moscow, Belarus"): a common noun that is no title or other knowledge-file word
    (ally, partner, member, neighbour), alone or coordinated, describes the named actor in apposition to it, and
    the country words of the description (whose ally) are not the actor; likewise the examples of a "such as"
    phrase in it. The apposition's (or first example's) head, or None when the phrase has neither."""
    if view.pos[head] != POS.NOUN:
        return None
    if head in mentions:
        return _example(view, mentions, head)
    for token in [head, *view.conjuncts(head)]:
        for child in view.kids[token]:
            if view.deps[child] != DEP.appos:
                continue
            mention = mentions.get(child)
            if (mention is not None and mention.kind != "agent") or view.pos[child] == POS.PROPN:
                return child
    return _example(view, mentions, head)


def apposed_title(view: ParseView, mentions: Mentions, head: int) -> int | None:
    """The title (an agent word) that the person's name at ``head`` stands in apposition to ("the UN envoy, Karl
    Oberholz" -> envoy), also when the parser hangs the name on the title's prepositional object ("the UN
    envoy for Libya, Karl Oberholz" -> envoy); None when ``head`` is no such name (a proper noun outside the
    knowledge files that the parser does not tag as a place, people or date)."""
    if view.deps[head] != DEP.appos or view.pos[head] != POS.PROPN or head in mentions or (
            view.ents[head] in NOT_NAME_ENTS):
        return None
    t = view.heads[head]
    for _step in range(2):
        mention = mentions.get(t)
        if mention is not None and mention.kind == "agent":
            return t
        if view.deps[t] != DEP.pobj or view.deps[view.heads[t]] != DEP.prep:
            return None
        t = view.heads[view.heads[t]]
    return None


def _example(view: ParseView, mentions: Mentions, head: int) -> int | None:
    """The first of the examples that name the actors of a descriptive phrase ("external backers of the rebels,
    such as Qatar and Kuwait"): the object of a "such as" phrase in it that is a country or organisation."""
    for i in view.subtree(head):
        if view.lower(i) != EXAMPLE_PREPOSITION or view.deps[i] != DEP.prep or not any(
                view.lower(c) == EXAMPLE_MARKER for c in view.kids[i]) or _in_clause(view, i, head):
            continue
        for obj in view.kids[i]:
            mention = mentions.get(obj)
            if view.deps[obj] == DEP.pobj and mention is not None and mention.kind in COUNTRY_KINDS:
                return obj
    return None


def reporting_subject(view: ParseView, at: int) -> int | None:
    """The subject of the speech verb ("say", "tell", "insist" ...: ``words.tsv`` speech_verbs) whose reported
    clause has the token ``at`` ("Lavrov" for "he" in "Lavrov said he hoped ..."), or None: climbs from ``at``'s
    verb through clausal complements, not through adverbial or relative clauses; None when that verb is itself a
    speech verb (the token is a speaker), or when the token is inside a direct quotation (where the speaker is
    "I" or "we", and "he" or "they" is someone else)."""
    say = word_lists().speech_verbs
    t = view.heads[at]
    if view.lemma(t) in say or quoted(view, at):  # "when it insists", "“He lied,” Trump said": not the speaker
        return None
    for _ in range(6):
        if view.deps[t] not in REPORTED_DEPS or view.heads[t] == t:
            return None
        t = view.heads[t]
        if view.lemma(t) in say:
            return next((c for c in view.kids[t] if view.deps[c] == DEP.nsubj and c != at), None)
    return None


def main_clause(view: ParseView, at: int) -> bool:
    """Whether the token ``at`` belongs to the main clause of its sentence: its head is the sentence's root or a
    verb coordinated with it, not a subordinate or reported clause."""
    t = view.heads[at]
    while view.deps[t] == DEP.conj and view.heads[t] != t:
        t = view.heads[t]
    return view.heads[t] == t


def _in_clause(view: ParseView, i: int, head: int) -> bool:
    """Whether a clause (relative, participle, complement) lies between the token ``i`` and its ancestor
    ``head``."""
    t = i
    while t != head and view.heads[t] != t:
        if view.deps[t] in CLAUSE_DEPS:
            return True
        t = view.heads[t]
    return False


def owns_other(view: ParseView, mentions: Mentions, i: int, head: int) -> bool:
    """Whether the word ``i`` of the phrase headed by ``head`` is the possessor of someone or something other
    than a title ("Cavusoglu" of "Mira Rojkan, Cavusoglu's niece"): not the phrase's actor."""
    owned = view.heads[i]
    if view.deps[i] != DEP.poss or (owned == head and head not in mentions and view.pos[head] == POS.NOUN):
        return False  # not a possessor, or the possessor of the thing the phrase is ("the UAE's recognition")
    mention = mentions.get(owned)
    return not (mention is not None and mention.kind == "agent")


def quoted(view: ParseView, at: int) -> bool:
    """Whether the token ``at`` is inside a direct quotation: the last quotation mark of its sentence before it
    opens one (“), or an odd number of straight quotation marks precede it, or none precedes it and the first
    after it closes one (”: the quotation began in an earlier sentence)."""
    first, last = view.sentence_of(at)
    marks = [view.word(i) for i in range(first, at) if view.word(i) in QUOTE_MARKS]
    if not marks:  # a quotation opened in an earlier sentence closes after the token
        return next((view.word(i) for i in range(at, last) if view.word(i) in QUOTE_MARKS), "") in CLOSING_QUOTES
    if marks[-1] in OPENING_QUOTES:
        return True
    return marks[-1] not in CLOSING_QUOTES and len(marks) % 2 == 1


def _indefinite(view: ParseView, head: int) -> bool:
    """Whether the noun ``head`` has an indefinite article ("a risk-averse president"): it brings in someone new,
    not the one named before with that word."""
    return any(view.deps[c] == DEP.det and view.lower(c) in INDEFINITE_ARTICLES for c in view.kids[head])


def backer(view: ParseView, mention: Mention) -> bool:
    """Whether the country word ``mention`` only says who backs the actor ("Turkish-backed rebels", "Iran-backed
    militias", "pro-Iranian militias"): it is joined by a hyphen to a participle of backing (BACKING_WORDS) or
    follows "pro-". Such a country is a standing relation, not the actor's own ("US-led", whose leader is the
    actor, is not one)."""
    start, end = mention.start, mention.end
    after = view.lower(end + 1) if end + 1 < len(view.doc) and view.word(end) == HYPHEN else ""
    before = view.lower(start - 2) if start >= 2 and view.word(start - 1) == HYPHEN else ""
    return after in BACKING_WORDS or before == PRO


def _coordinated(view: ParseView, best: int, i: int) -> bool:
    """Whether ``i`` or one of its ancestors is a conjunct of ``best``."""
    conjuncts = set(view.conjuncts(best))
    return i in conjuncts or any(t in conjuncts for t in view.ancestors(i))


def phrase_sector(view: ParseView, at: int, hits: list[tuple[int, Mention]]) -> tuple[str | None, str]:
    """The sector of the phrase headed by ``at`` from its agent words, and why: the head's own first, then its
    compounds and appositions; for a generic head ("officer", "official") or the head of a body ("leader of
    Hamas"; the ``role`` of agents.tsv) the body's own sector: an agent word or a metonym or named group with a
    sector ("intelligence agency officer" SPY, "Pentagon official" MIL). ``hits``: the phrase's (position,
    mention) pairs."""
    candidates = []
    for i, mention in hits:
        entry = mention.entry
        if entry.sector and entry.kind in ("agent", "metonym", "group"):
            candidates.append((entry.kind != "agent", _rank(view, at, i), mention.start, entry))
    if not candidates:
        return None, ""
    candidates.sort(key=lambda x: x[:3])
    entry = candidates[0][3]
    if entry.kind != "agent":
        return None, ""
    generic = entry.role == "generic"
    if generic or entry.role == "head":
        body = next((c[3] for c in sorted(candidates, key=lambda x: x[1:3]) if c[3].role != "generic"
                     and c[3].sector not in ("GOV", "CVL", "REF")  # a people is not a body one works for
                     and (generic or c[1][0] == 2)), None)
        if body is not None:
            return body.sector, f"{body.kind} '{body.phrase}' ({body.source}), the body of '{entry.phrase}'"
    return entry.sector, f"agent '{entry.phrase}' ({entry.source})"


def located_countries(view: ParseView, mentions: Mentions, first: int, last: int, acts: bool = False) -> list[str]:
    """The countries of the places the sentence ``[first, last)`` names as where something is or happens, each
    place phrase read as :func:`phrase_positions` reads it: :func:`eventcoder.actors.places.located_countries`."""
    return places.located_countries(view, mentions, (first, last), phrase_positions, acts)


def any_name(view: ParseView, positions: list[int], mentions: Mentions) -> bool:
    """Whether a name word (:func:`eventcoder.actors.places.name_word`) outside the mentions is among
    ``positions``."""
    return bool(_proper_runs(view, positions, mentions))


def default_sector(entry: GazetteerEntry, view: ParseView, head: int, mentions: Mentions) -> str | None:
    """The sector of an actor named by a country word and no agent word: none for a place ("Syrian island"),
    the entry's own for organisations, user actors and places, civilians for a people in the plural
    ("Afghans"), else the entry's sector or government."""
    if head not in mentions and view.lemma(head) in word_lists().place_nouns:
        return None
    if entry.kind in ("igo", "actor", "place"):
        return entry.sector
    if entry.kind == "demonym" and view.tag(head) in ("NNS", "NNPS"):
        return "CVL"
    return entry.sector or "GOV"


def name_positions(view: ParseView, positions: list[int], mentions: Mentions) -> list[int]:
    """A person's name in a phrase (``positions``: its tokens), as positions, ascending: the proper nouns of
    the head (or of an apposition) and its compounds that are not countries, titles or organisations
    ("Kyrgyz President Sadyr Japarov" -> Sadyr, Japarov)."""
    pos, alpha, title, ents = view.pos, view.alpha, view.title, view.ents
    found = [i for i in positions if pos[i] == POS.PROPN and (i not in mentions or mentions[i].kind in (
        "person", "actor")) and alpha[i] and title[i] and ents[i] not in NOT_NAME_ENTS]
    if not found:
        return []
    inside = set(positions)
    parent, deps = view.heads, view.deps
    tops = {i for i in positions if parent[i] not in inside or parent[i] == i or deps[i] == DEP.appos}
    # a top's own word, or a compound or flat word below a top
    return sorted({i for i in found
                   if i in tops or (deps[i] in NAME_DEPS and parent[i] != i and _under(parent, parent[i], tops))})


def known_person(view: ParseView, positions: list[int], discourse: Discourse) -> Actor | None:
    """A person the article introduced before whose name word is in the phrase ("Japarov")."""
    for i in positions:
        text = view.word(i)
        if text in discourse.people and (view.pos[i] == POS.PROPN or view.title[i]):
            return discourse.people[text]
    return None


def span_text(view: ParseView, at: int, positions: list[int]) -> tuple[str, int, int]:
    """The text of the phrase headed by ``at`` (its tokens, ``positions``, within 8 words of the head) and its
    character offsets in the sentence."""
    near = [i for i in positions if abs(i - at) <= 8]
    first, last = min(near), max(near)
    offset = view.idxs[view.sentence_of(at)[0]]
    start, end = view.idxs[first], view.idxs[last] + len(view.word(last))
    return view.text[start:end], start - offset, end - offset


def as_mention(actor: Actor, view: ParseView, head: int, how: str) -> Actor:
    """``actor`` as named by the single word ``head`` of a sentence ("he", "Japarov"), with ``how``."""
    offset = view.idxs[view.sentence_of(head)[0]]
    word, idx = view.word(head), view.idxs[head]
    return Actor(code=actor.code, country=actor.country, sector=actor.sector, name=actor.name, text=word,
                 start=idx - offset, end=idx - offset + len(word), how=how)


def country_actor(entry: GazetteerEntry, sector: tuple[str | None, str], name: str, span: tuple[str, int, int],
                  default: str | None) -> Actor:
    """The actor of a country, capital, organisation or group word, with the phrase's ``sector`` (sector, why)
    if any (else ``default``), named ``name`` (a person's name in the phrase) or else as the entry is;
    ``span``: the phrase's text and offsets."""
    sec, sector_how = sector
    text, start, end = span
    own_how = f"{entry.kind} '{entry.phrase}' ({entry.source})"
    if sec and sector_how.startswith(own_how):  # the same word gives the sector: "a former CIA official"
        how = sector_how
    else:
        how = own_how + (f" + {sector_how}" if sec else "")
    # an organisation keeps its own code; a user actor too, unless a title in the phrase gives the sector
    own = entry.kind in ("igo", "group") or (entry.kind == "actor" and not sec)
    code = entry.code if own else None
    return make_actor(entry.country, sec or default, name or entry.name, text, how, start, end, code)


def former(actors: list[Actor], view: ParseView, positions: list[int]) -> list[Actor]:
    """Officials called "former", "ex-" or "retired" in the phrase ("a former CIA official") as former
    officials (ELI)."""
    words = word_lists().former_words
    word = next((i for i in positions if view.lower(i) in words), None)
    if word is None:
        return actors
    return [make_actor(a.country, "ELI", a.name, a.text, f"{a.how}; '{view.word(word)}' -> former official (ELI)",
                       a.start, a.end) if a.sector in STATE_OFFICE_SECTORS else a for a in actors]


def names_nothing(view: ParseView, mentions: Mentions, at: int, positions: list[int], discourse: Discourse) -> bool:
    """Whether the phrase headed by ``at`` (``positions``: its tokens) certainly names no actor (so that the
    rules need not run): none of its words is in the knowledge files, none is a name (a run of proper nouns that
    may be a place) or a name the article introduced, and its head is no organisation noun ("the bloc") that
    may refer back."""
    return (not any(i in mentions for i in positions) and view.lemma(at) not in word_lists().organisation_nouns
            and not (discourse.people and any(view.word(i) in discourse.people for i in positions))
            and not any_name(view, positions, mentions))


def from_article(view: ParseView, head: int, positions: list[int], discourse: Discourse, agent_info: tuple,
                 span: tuple[str, int, int]) -> list[Actor]:
    """A phrase without a country word: "the bloc", a surname named earlier, an agent word named earlier
    with a country ("the junta", not "a junta": an indefinite one is someone new), else the agent without a
    country (the event stage may fill it in).
    ``agent_info``: the phrase's sector, why, and its head's agent word (or None)."""
    sector, sector_how, agent = agent_info
    text, start, end = span
    if view.lemma(head) in word_lists().organisation_nouns and discourse.last_organisation is not None and any(
            view.lower(c) == DEFINITE_ARTICLE for c in view.kids[head]):
        org = discourse.last_organisation
        how = f"'{text}' -> the organisation named last, {org.name}"
        return [make_actor(org.country, org.sector, org.name, text, how, start, end, org.code)]
    person = known_person(view, positions, discourse)
    if person is not None:
        return [as_mention(person, view, head, f"person '{person.name}' named earlier as {person.code}")]
    known = agent if agent in discourse.agents else next(
        (view.lemma(i) for i in positions if view.lemma(i) in discourse.agents), None)  # "the junta's spokesman"
    if sector and known is not None and not _indefinite(view, head):
        how = f"{sector_how}; '{known}' named earlier with country {discourse.agents[known]}"
        return [make_actor(discourse.agents[known], sector, None, text, how, start, end)]
    if sector:
        return [make_actor(None, sector, None, text, f"{sector_how}, no country named", start, end)]
    return []
