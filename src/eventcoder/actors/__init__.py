"""Actors: the knowledge-file phrases of a sentence, and who a noun phrase refers to.

Two stages of the engine live here, each a module you can read alone:

- actor mentions (:mod:`~eventcoder.actors.mentions`): :class:`ActorFinder` finds the phrases of the knowledge
  files (countries, capitals, organisations, groups, office-holders, titles) in a parsed segment;
- resolution (:mod:`~eventcoder.actors.resolve`): :class:`ArticleActors` resolves the noun phrase of an event's
  argument to :class:`~eventcoder.model.Actor` objects (country, sector, CAMEO-style code, and ``how``), with
  the words of the phrase (:mod:`~eventcoder.actors.phrases`) and what the article said before
  (:mod:`~eventcoder.actors.context`).

:func:`lookup` (:mod:`~eventcoder.actors.phrase_lookup`) resolves a single string the same way (``eventcoder
actors lookup``).
"""

from .context import ArticleSetting, Discourse, make_actor
from .mentions import ActorFinder, count_countries
from .phrase_lookup import Resolution, default_finder, describe_mention, lookup, nationality
from .resolve import ArticleActors

__all__ = ["ActorFinder", "ArticleActors", "ArticleSetting", "Discourse", "Resolution", "count_countries",
           "default_finder", "describe_mention", "lookup", "make_actor", "nationality"]
