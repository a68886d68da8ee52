"""Actor mentions: the knowledge-file phrases in a parsed segment (stage "actor mentions").

:class:`ActorFinder` is built once per process from the spaCy pipeline (to tokenise the phrases) and the
:class:`~eventcoder.knowledge.Knowledge`; :meth:`ActorFinder.mentions` finds every phrase of the knowledge
files in a :class:`~eventcoder.parse.ParseView` as a :class:`~eventcoder.model.Mention`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..knowledge import GazetteerEntry, Knowledge
from ..knowledge_cache import cached, fingerprint
from ..model import Mention
from ..parse import ENT, ParseView

__all__ = ["COUNTRY_KINDS", "ActorFinder", "PhraseIndex", "count_countries", "phrase_index"]

COUNTRY_KINDS = frozenset({"country", "adjective", "demonym", "capital", "metonym", "igo", "group", "actor"})
"""Kinds of knowledge entries that give an actor its country."""
STATELESS = frozenset({"IMG", "INT"})
"""Codes groups.tsv gives groups of no one home country (CAMEO's transnational militarized group, transnational):
no article's main country, and so never the country of an agent named without one."""
SOCIAL_SECTORS = frozenset({"BUS", "MED", "JRN", "EDU", "HLH", "ENV", "DEV", "HRI", "NGO", "REL", "AGR", "LAB", "CVL",
                            "MNC", "SOC"})
"""Sectors of named groups that are not political actors (companies, media, schools, hospitals, charities,
churches): a company's or a newspaper's home country is not what an article is about, so their mentions do not
make an article's main countries."""
NUMERIC_ENTS = frozenset({ENT.MONEY, ENT.QUANTITY, ENT.PERCENT, ENT.CARDINAL})
"""Entity types of amounts: a phrase whose head is one names no actor ("20 million U.S. dollars")."""


class ActorFinder:
    """Finds the knowledge files' phrases in parsed segments; holds no per-article state.

    Args:
        nlp: the spaCy ``Language`` (its tokenizer splits the phrases into words as it splits texts).
        knowledge (Knowledge): the knowledge files.
    Attributes:
        nlp, knowledge: as given.
    """

    def __init__(self, nlp, knowledge: Knowledge) -> None:
        self.nlp = nlp
        self.knowledge = knowledge
        self._entries: dict[str, GazetteerEntry] = {}
        self._choices: dict[str, list[GazetteerEntry]] = {}  # a context-only phrase's actors, one per country
        plan: list[tuple[int, str, str]] = []
        for entry in tuple(knowledge.entries) + tuple(knowledge.named_entries):
            key, mode = _key_and_mode(entry)
            if entry.kind == "actor" and not knowledge.builtin_actors:
                mode = TITLED  # PETRARCH conventions: "Gonzo GMO" for GONZO_GMO, as PETRARCH ignores case
            if entry.context_only:
                self._choices.setdefault(key, []).append(entry)
            if key not in self._entries:
                self._entries[key] = entry
                plan.append((mode, entry.phrase, key))
        self._index = phrase_index(nlp, plan)

    def settle_context(self, mention_maps: list[dict[int, Mention]], named: Iterable[str] = ()) -> list[dict[int, Mention]]:
        """The mention maps of an article's segments with each ambiguous short form (a ``context_only`` entry:
        "DA") read as the actor of a country that another mention of the article names (or one of ``named``,
        countries known from elsewhere: a look-up's context), and left out where none is named."""
        if not any(m.entry.context_only for mentions in mention_maps for m in mentions.values()):
            return mention_maps
        countries = set(named)
        for mentions in mention_maps:
            countries.update(m.entry.country for m in mentions.values()
                             if m.entry.kind in COUNTRY_KINDS and not m.entry.context_only and m.entry.country)
        settled = []
        for mentions in mention_maps:
            kept: dict[int, Mention] = {}
            for i, mention in mentions.items():
                if mention.entry.context_only:
                    choice = next((e for e in self._choices.get(_key_and_mode(mention.entry)[0], ())
                                   if e.country in countries), None)
                    if choice is None:
                        continue
                    mention = Mention(mention.start, mention.end, choice)
                kept[i] = mention
            settled.append(kept)
        return settled

    def mentions(self, view: ParseView) -> dict[int, Mention]:
        """The knowledge-file phrases of the parsed segment ``view``: token position -> its :class:`Mention`
        (every token of a phrase maps to it).

        The longest match wins where matches overlap (longest first, then earliest); a phrase whose head is an
        amount ("20 million U.S. dollars") is left out.
        """
        found = self._index.find(view)  # (key, start, end)
        found.sort(key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        kept, seen = [], set()
        for key, start, end in found:
            if start not in seen and end - 1 not in seen:
                kept.append((start, end, key))
                seen.update(range(start, end))
        result: dict[int, Mention] = {}
        for start, end, key in sorted(kept):
            if view.ents[view.span_root(start, end)] in NUMERIC_ENTS:
                continue
            mention = Mention(start, end, self._entries[key])
            for i in range(start, end):
                result[i] = mention
        return result


EXACT, LOWER, TITLED = 0, 1, 2
"""Matching modes of :class:`PhraseIndex`: the words as written; lower-cased; lower-cased where the text's first
and last words start with a capital letter."""


class PhraseIndex:
    """Phrases as tuples of word keys (spaCy's string hashes), looked up at each position of a parsed segment.

    Each mode keeps, for a first word, the lengths of its phrases (longest first), and the phrases themselves.
    """

    def __init__(self) -> None:
        self._phrases: tuple[dict, dict, dict] = ({}, {}, {})
        self._lengths: tuple[dict, dict, dict] = ({}, {}, {})

    def add(self, mode: int, words: tuple[str, ...], key: str) -> None:
        """Index the phrase ``words`` under ``key`` for the matching ``mode`` (the first key given for the same words wins: file order)."""
        from spacy.strings import get_string_id

        ids = tuple(get_string_id(w.lower() if mode != EXACT else w) for w in words)
        self._phrases[mode].setdefault(ids, key)
        lengths = self._lengths[mode].setdefault(ids[0], [])
        if len(ids) not in lengths:
            lengths.append(len(ids))
            lengths.sort(reverse=True)

    def find(self, view: ParseView) -> list[tuple[str, int, int]]:
        """Every (key, start, end) of an indexed phrase in ``view``, overlapping ones included."""
        found = []
        n = len(view)
        for mode, column in ((EXACT, view.orths), (LOWER, view.lowers), (TITLED, view.lowers)):
            phrases, lengths = self._phrases[mode], self._lengths[mode]
            if not phrases:
                continue
            for i in range(n):
                for length in lengths.get(column[i], ()):
                    if i + length > n:
                        continue
                    key = phrases.get(tuple(column[i:i + length]))
                    if key is not None and (mode != TITLED or _capitalised(view, i, i + length)):
                        found.append((key, i, i + length))
        return found


def _capitalised(view: ParseView, start: int, end: int) -> bool:
    """Whether the first and the last word of ``[start, end)`` start with a capital letter."""
    return view.word(start)[:1].isupper() and view.word(end - 1)[:1].isupper()


def _key_and_mode(entry: GazetteerEntry) -> tuple[str, int]:
    """An entry's key in the finder ("kind|phrase") and its matching mode. Agent words match in any case; a
    generated name of two words or more ignoring case where the text capitalises its first and last words; other
    names as written. The first entry of a kind and phrase wins."""
    if entry.kind == "agent":
        return f"agent|{entry.phrase.lower()}", LOWER
    key = f"{entry.kind}|{entry.phrase}" + ("|context" if entry.context_only else "")
    if entry.generated and " " in entry.phrase.strip() and not entry.phrase.isupper():
        return key, TITLED
    return key, EXACT


def phrase_index(nlp, plan: list[tuple[int, str, str]]) -> PhraseIndex:
    """The :class:`PhraseIndex` of ``plan`` ((mode, phrase, key) each), the phrases split into words by ``nlp``'s
    tokenizer; from the disk cache (:mod:`eventcoder.knowledge_cache`) where the same plan was indexed with the
    same model before."""
    import spacy

    meta = getattr(nlp, "meta", {}) or {}
    key = fingerprint([spacy.__version__, str(meta.get("lang")), str(meta.get("name")), str(meta.get("version")),
                       *(f"{mode}\t{phrase}\t{key}" for mode, phrase, key in plan)])

    def build() -> PhraseIndex:
        index = PhraseIndex()
        for mode, phrase, entry_key in plan:
            words = tuple(t.text for t in nlp.make_doc(phrase))
            if words:
                index.add(mode, words, entry_key)
        return index

    return cached("phrase-index", key, build, PhraseIndex)


def count_countries(mention_maps: Iterable[dict[int, Mention]]) -> list[tuple[str, int]]:
    """(country, mentions) across the :meth:`ActorFinder.mentions` of an article's parsed segments, most
    mentioned first, ties by first mention; organisations, groups of no state (IMG, INT), named groups of a
    :data:`SOCIAL_SECTORS` sector and ambiguous short forms are left out. The article's dyad is made of them."""
    counts: dict[str, list[int]] = {}
    order = 0
    for mentions in mention_maps:
        seen_spans = set()
        for _i, mention in sorted(mentions.items()):
            entry = mention.entry
            if (entry.kind not in COUNTRY_KINDS or entry.kind == "igo" or entry.country in (None, *STATELESS)
                    or entry.context_only or (entry.kind == "group" and entry.sector in SOCIAL_SECTORS)):
                continue
            if (mention.start, entry.country) in seen_spans:
                continue
            seen_spans.add((mention.start, entry.country))
            slot = counts.setdefault(entry.country, [0, order])
            slot[0] += 1
            order += 1
    return [(c, n) for c, (n, _) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[1][1]))]
