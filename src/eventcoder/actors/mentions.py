"""Actor mentions: the knowledge-file phrases in a parsed segment (stage "actor mentions").

:class:`ActorFinder` is built once per process from the spaCy pipeline (to tokenise the phrases) and the
:class:`~eventcoder.knowledge.Knowledge`; :meth:`ActorFinder.mentions` finds every phrase of the knowledge
files in a :class:`~eventcoder.parse.ParseView` as a :class:`~eventcoder.model.Mention`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..knowledge import GazetteerEntry, Knowledge
from ..model import Mention
from ..parse import ENT, ParseView

__all__ = ["COUNTRY_KINDS", "ActorFinder", "count_countries"]

COUNTRY_KINDS = frozenset({"country", "adjective", "demonym", "capital", "metonym", "igo", "group", "actor"})
"""Kinds of knowledge entries that give an actor its country."""
STATELESS = frozenset({"IMG", "INT"})
"""Codes groups.tsv gives groups of no one home country (CAMEO's transnational militarized group, transnational):
no article's main country, and so never the country of an agent named without one."""
NUMERIC_ENTS = frozenset({ENT.MONEY, ENT.QUANTITY, ENT.PERCENT, ENT.CARDINAL})
"""Entity types of amounts: a phrase whose head is one names no actor ("20 million U.S. dollars")."""


class ActorFinder:
    """Finds the knowledge files' phrases in parsed segments; holds no per-article state.

    Args:
        nlp: the spaCy ``Language`` (its tokenizer makes the phrases' patterns; its vocabulary is the Docs').
        knowledge (Knowledge): the knowledge files.
    Attributes:
        nlp, knowledge: as given.
    """

    def __init__(self, nlp, knowledge: Knowledge) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.knowledge = knowledge
        self._cased = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entries: dict[str, GazetteerEntry] = {}
        self._add_phrases(nlp, tuple(knowledge.entries) + tuple(knowledge.named_entries))

    def _add_phrases(self, nlp, entries: Iterable[GazetteerEntry]) -> None:
        """Agent words match in any case; names as written. The first entry of a kind and phrase wins."""
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

    def mentions(self, view: ParseView) -> dict[int, Mention]:
        """The knowledge-file phrases of the parsed segment ``view``: token position -> its :class:`Mention`
        (every token of a phrase maps to it).

        The longest match wins where matches overlap (spaCy's ``filter_spans`` order: longest first, then
        earliest); a phrase whose head is an amount ("20 million U.S. dollars") is left out.
        """
        doc = view.doc
        found = [m for matcher in (self._cased, self._lower) for m in matcher(doc)]  # (key id, start, end)
        found.sort(key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        kept, seen = [], set()
        for match_id, start, end in found:
            if start not in seen and end - 1 not in seen:
                kept.append((start, end, match_id))
                seen.update(range(start, end))
        result: dict[int, Mention] = {}
        for start, end, match_id in sorted(kept):
            if view.ents[view.span_root(start, end)] in NUMERIC_ENTS:
                continue
            mention = Mention(start, end, self._entries[view.strings[match_id]])
            for i in range(start, end):
                result[i] = mention
        return result


def count_countries(mention_maps: Iterable[dict[int, Mention]]) -> list[tuple[str, int]]:
    """(country, mentions) across the :meth:`ActorFinder.mentions` of an article's parsed segments, most
    mentioned first, ties by first mention; organisations and groups of no state (IMG, INT) are left out. The
    article's dyad is made of them."""
    counts: dict[str, list[int]] = {}
    order = 0
    for mentions in mention_maps:
        seen_spans = set()
        for _i, mention in sorted(mentions.items()):
            entry = mention.entry
            if entry.kind not in COUNTRY_KINDS or entry.kind == "igo" or entry.country in (None, *STATELESS):
                continue
            if (mention.start, entry.country) in seen_spans:
                continue
            seen_spans.add((mention.start, entry.country))
            slot = counts.setdefault(entry.country, [0, order])
            slot[0] += 1
            order += 1
    return [(c, n) for c, (n, _) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[1][1]))]
