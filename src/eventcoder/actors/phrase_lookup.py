"""Looking up one string as an actor: what ``eventcoder actors lookup`` prints.

:func:`lookup` parses a phrase and resolves it with the rules of :mod:`eventcoder.actors.resolve`, as the coder
resolves an actor in a sentence; :func:`nationality` finds the country a phrase names.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from ..grammar import ARTICLES, PLACE_PREPOSITIONS
from ..knowledge_types import GazetteerEntry
from ..model import Actor, Sentence
from ..parse import ParseView
from .context import ArticleSetting, make_actor
from .mentions import COUNTRY_KINDS, ActorFinder
from .resolve import ArticleActors

__all__ = ["Resolution", "default_finder", "describe_mention", "lookup", "nationality"]


@functools.lru_cache(maxsize=1)
def default_finder() -> ActorFinder:
    """The finder of the default pipeline and the package's knowledge files, built once per process."""
    from ..knowledge import load_knowledge
    from ..nlp import load_model

    return ActorFinder(load_model(), load_knowledge())


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

    The string is parsed as a noun phrase; its head and conjuncts are resolved with the rules of
    :mod:`eventcoder.actors.resolve` (a title and country in the phrase beat the knowledge base's office-holders,
    which beat guessing), with
    offices and dated dictionary codes taken for the day ``on``. A string in capitals that matches nothing as
    written ("TEHRAN") is read in title case, as datelines are.

    Args:
        text (str): the phrase.
        on (date | str | None): the day (a date, an ISO string "2025-11-19", or "today" for the day it is
            run, as the command line takes it); None = as of now (current office-holders).
        context (str | None): words around the phrase (a sentence, "Saudi"); a country they name gives the
            country of an actor the phrase leaves without one ("the National Guard").
        finder (ActorFinder | None): the finder to use (its knowledge may hold user dictionaries); None = the
            default coder's.
    RETURNS (Resolution): the actors and the decision trail.
    Raises:
        ValueError: ``on`` is a string that is neither an ISO date nor "today".
        TypeError: ``text`` is not a str, or ``on`` is not a date, a str or None.

    Example: ``lookup("Kyrgyz Foreign Minister Jeenbek Kulubaev", date(2025, 11, 19)).code`` -> "KGZGOV".
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if isinstance(on, str):
        on = date.today() if on.strip().lower() == "today" else date.fromisoformat(on.strip())
    elif on is not None and not isinstance(on, date):
        raise TypeError(f"on must be a date, an ISO date string or 'today', got {type(on).__name__}")
    from ..where import smart_title

    finder = finder or default_finder()
    context_entries = _context_entries(context, finder) if context else []
    named = tuple(dict.fromkeys(entry.country for entry in context_entries))
    s = _phrase(text, finder, named)
    if not s.mentions and text.isupper():  # "TEHRAN", as a dateline writes it
        s = _phrase(smart_title(text), finder, named)
    actors = []
    if s.last:
        resolver = ArticleActors(finder, ArticleSetting(date=on))
        actors = resolver.resolve(s, s.parse.sentence_root(0))
    if context and any(a.country is None for a in actors):
        actors = _context_country(actors, context_entries)
    if not actors:
        actors = _located(s)
    return Resolution(text, on, tuple(dict.fromkeys(actors)), tuple(_describe(s)))


def _located(s: Sentence) -> list[Actor]:
    """For a phrase that names no actor, a thing or a group placed in a country ("targets in Syria", "regions across
    Indonesia"): the country of the place, with no sector; else nothing."""
    view = s.parse
    for i in sorted(s.mentions):
        mention = s.mentions[i]
        entry = mention.entry
        if i != mention.start or entry.kind not in ("country", "capital") or not entry.country:
            continue
        head = view.heads[view.span_root(mention.start, mention.end)]
        if view.lower(head) in PLACE_PREPOSITIONS:
            how = f"placed in {entry.kind} '{entry.phrase}' ({entry.source}), no actor named"
            return [make_actor(entry.country, None, None, s.text, how)]
    return []


def _phrase(text: str, finder: ActorFinder, named: tuple[str, ...] = ()) -> Sentence:
    """``text`` parsed as one sentence (the first of the parse), with its mentions; an ambiguous short form
    ("PAN") only where the text or the countries ``named`` by the context name its country."""
    view = ParseView.of(finder.nlp(text), text)
    end = view.sentence_of(0)[1] if len(view) else 0
    mentions = finder.settle_context([finder.mentions(view)], named)[0]
    return Sentence(0, text, 0, len(text), "body", view, 0, end, mentions)


def _context_entries(context: str, finder: ActorFinder) -> list[GazetteerEntry]:
    """The knowledge entries of ``context`` that give a country (country words, capitals, named actors; not the
    ambiguous short forms), in the order of the text."""
    mentions = finder.mentions(ParseView.of(finder.nlp(context), context))
    return [m.entry for m in dict.fromkeys(mentions[i] for i in sorted(mentions))
            if m.kind in COUNTRY_KINDS and not m.entry.context_only and m.entry.country]


def nationality(text: str, finder: ActorFinder | None = None) -> tuple[str | None, str]:
    """The country a phrase names by a country name, adjective or demonym, and the phrase without it.

    Args:
        text (str): a phrase ("four Saudi men", "an American destroyer", "People's Republic of China").
        finder (ActorFinder | None): None = the default coder's.
    RETURNS (tuple[str | None, str]): the ISO alpha-3 code of the first country word (None when there is none)
        and the text with that word removed and a leading "a", "an" or "the" dropped, other spacing kept:
        ("SAU", "four  men"), ("USA", "destroyer"), ("CHN", "").
    """
    finder = finder or default_finder()
    s = _phrase(text, finder)
    hit = next((s.mentions[i] for i in sorted(s.mentions) if s.mentions[i].kind in ("country", "adjective", "demonym")),
               None)
    if hit is None:
        return None, text.strip()
    view = s.parse
    start_char = view.idxs[hit.start]
    end_char = view.idxs[hit.end - 1] + len(view.word(hit.end - 1))
    rest = (text[:start_char] + text[end_char:]).strip()
    first, _, remainder = rest.partition(" ")
    if first.lower() in ARTICLES:
        rest = remainder.strip()
    return hit.entry.country, rest


def _context_country(actors: list[Actor], entries: list[GazetteerEntry]) -> list[Actor]:
    """``actors`` with the country of the first of the context's ``entries`` that is no organisation given to those
    without one."""
    entry = next((e for e in entries if e.kind != "igo"), None)
    if entry is None:
        return actors
    why = f"; country from the context: {entry.kind} '{entry.phrase}' ({entry.source})"
    return [make_actor(entry.country, a.sector, a.name, a.text, a.how + why, a.start, a.end)
            if a.country is None else a for a in actors]


def _describe(s: Sentence) -> list[str]:
    """Each mention of the sentence: "words -> kind country/sector (file:line)"."""
    return [describe_mention(s.parse, m) for m in dict.fromkeys(s.mentions[i] for i in sorted(s.mentions))]


def describe_mention(view: ParseView, mention) -> str:
    """A mention as "words -> kind country/sector (file:line)" ("Kyrgyz -> adjective KGZ/- (countries.tsv:128)")."""
    entry = mention.entry
    return (f"{view.span_text(mention.start, mention.end)} -> {entry.kind} {entry.country or '-'}/"
            f"{entry.sector or '-'} ({entry.source})")
