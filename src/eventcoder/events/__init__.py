"""Events: CAMEO codes from the verb lexicon over the dependency parse of one sentence.

The engine's stages for a sentence, each a module you can read alone, run in this order by
:class:`SentenceCoder` (:mod:`~eventcoder.events.coder`):

1. triggers (:mod:`~eventcoder.events.triggers`): tokens a lexicon pattern matches (``data/verbs.tsv``);
2. screening (:mod:`~eventcoder.events.screening`): the ordered registry of named checks (background, negation,
   condition, opinion ...), and what only another trigger reports; then mood (:mod:`~eventcoder.events.mood`):
   denials, intent governors, future tense, specialisation by topic;
3. arguments (:mod:`~eventcoder.events.arguments`, :mod:`~eventcoder.events.targets`): the source and target
   phrases, resolved to actors by :class:`~eventcoder.actors.ArticleActors`, and the pairs coded.

:mod:`~eventcoder.events.clauses` holds what the parse says about a clause (voice, tense, subjects, speakers).
Every decision is recorded in a :class:`~eventcoder.model.SentenceTrace`.
"""

from .coder import SentenceCoder
from .targets import EventHistory

__all__ = ["EventHistory", "SentenceCoder"]
