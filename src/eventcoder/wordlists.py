"""Open-class word lists the coding rules read (``data/words.tsv``), loaded once per process.

Which words report speech, which verbs carry a nominal event, which nouns name a statement, a place or an
organisation: knowledge about English words, kept as data like the lexicon and the actor files. Closed-class
words (auxiliaries, determiners, prepositions) are grammar and live in :mod:`eventcoder.grammar`.

File format (documented in ``data/README.md``): UTF-8, tab-separated, a header row ``list	word``, one word a
row; ``#`` starts a comment line. ``list`` is one of the fields of :class:`WordLists`; ``word`` is lower case,
a lemma for verbs and nouns. A word appears once in a list.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from importlib import resources

from .errors import EventcoderError

__all__ = ["WordListError", "WordLists", "load_word_lists", "word_lists"]


class WordListError(EventcoderError, ValueError):
    """A bad line in a word-list file; the message names the file and line."""


@dataclass(frozen=True)
class WordLists:
    """The open-class word lists of ``data/words.tsv``, one frozenset of lower-cased words each.

    Attributes:
        speech_verbs: lemmas of verbs that report what someone said ("say", "stress"): their subject is the
            speaker of the clauses they report.
        obligation_verbs: lemmas that, besides the speech verbs, report an obligation put on someone ("remind").
        control_verbs: lemmas whose object is the subject of their infinitive ("urged Iran to stop").
        support_verbs: lemmas of verbs that carry a nominal event as their object ("launched an offensive"), of
            support nouns ("the launch of X", "a round of talks") and of response verbs ("retaliated with
            airstrikes").
        statement_nouns: nouns of written or spoken statements ("issued a statement demanding ...").
        creed_words: religious and political adjectives that name no country ("Islamist", "Maoist").
        crowd_words: nouns of a group of people ("crowd"; the number words are grammar): a subject that is
            someone, not a thing.
        group_heads: nouns that name a group of the article's main actors when counted ("both sides", "the
            two leaders").
        organisation_nouns: nouns that refer back to the organisation named last ("the bloc").
        place_nouns: nouns of places: a country word on one names where, not who ("Syrian island").
        former_words: words that make an official a former one ("former", "ex").
        expectation_verbs: lemmas whose passive participle with "to" is no stance of its subject ("is expected
            to").
        relation_verbs: lemmas of verbs of a standing relation ("back", "fund"): as a participle or adjective
            ("the army, backed by ...", "US-backed rebels") or a present passive they describe, not act.
        irrealis_verbs: lemmas of verbs of imagining, fearing, predicting or wondering: what they take as a
            complement did not happen ("I imagined jets bombing it").
        irrealis_nouns: nouns of speculation and possibility: their clause did not happen ("speculation that
            Moscow would retaliate").
        refusal_words: words whose "to"-infinitive is refused ("unwilling to", "declined to"): a rejection (12x)
            by what is refused.
        failure_words: words whose "to"-infinitive, or "of"-gerund, did not happen ("failed to", "unable to",
            "stopped short of").
        question_verbs: lemmas of verbs of asking a question: with a question or nothing as complement they ask,
            they do not appeal ("asked whether ...").
        question_nouns: nouns of a question asked ("began asking questions"): no request.
        hedge_words: adverbs and adjectives that make an act only possible ("probably", "perhaps", "likely
            to"): no act asserted.
        wish_verbs: verbs of wishing: with a clause that has a subject of its own they wish, they do not intend
            ("hoped the two men would be put on trial").
        backed_things: nouns of things one backs as an act ("a plan backed by France"): a participle of a
            relation verb on one is an event, not a description.
        announcement_nouns: nouns of an act announced or decided ("the announcement that he was pulling troops
            out"): the finite clause they state is the announced act of its subject, news, not background.
        comment_verbs: verbs of commenting: refused, they are a declined comment (011), no rejection
            ("refused to comment", "refused to confirm").
    """

    speech_verbs: frozenset[str]
    obligation_verbs: frozenset[str]
    control_verbs: frozenset[str]
    support_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    creed_words: frozenset[str]
    crowd_words: frozenset[str]
    group_heads: frozenset[str]
    organisation_nouns: frozenset[str]
    place_nouns: frozenset[str]
    former_words: frozenset[str]
    expectation_verbs: frozenset[str]
    relation_verbs: frozenset[str]
    irrealis_verbs: frozenset[str]
    irrealis_nouns: frozenset[str]
    refusal_words: frozenset[str]
    failure_words: frozenset[str]
    question_verbs: frozenset[str]
    question_nouns: frozenset[str]
    hedge_words: frozenset[str]
    backed_things: frozenset[str]
    wish_verbs: frozenset[str]
    comment_verbs: frozenset[str]
    announcement_nouns: frozenset[str]


def load_word_lists(text: str, name: str) -> WordLists:
    """Read word lists from ``text`` (the contents of the file ``name``, for messages).

    Raises:
        WordListError: a line without two cells, an unknown list, a word not in lower case or listed twice in
            its list, a list with no word, or a missing header (the message names the file and line).
    """
    known = {f.name: [] for f in fields(WordLists)}
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{name} line {number}"
        if len(cells) != 2 or not all(c.strip() for c in cells):
            raise WordListError(f"{where}: expected two tab-separated cells, list and word; got {line!r}")
        if not header_seen:
            if cells != ["list", "word"]:
                raise WordListError(f"{where}: the first row must be the header 'list<TAB>word'")
            header_seen = True
            continue
        _add(known, cells[0].strip(), cells[1].strip(), where)
    empty = [k for k, words in known.items() if not words]
    if empty:
        raise WordListError(f"{name}: no word in the lists {', '.join(empty)}")
    return WordLists(**{k: frozenset(words) for k, words in known.items()})


def _add(known: dict[str, list[str]], listed: str, word: str, where: str) -> None:
    if listed not in known:
        raise WordListError(f"{where}: unknown list {listed!r} (known: {', '.join(known)})")
    if word != word.lower():
        raise WordListError(f"{where}: {word!r} is not in lower case")
    if word in known[listed]:
        raise WordListError(f"{where}: {word!r} is listed twice in {listed}")
    known[listed].append(word)


@functools.lru_cache(maxsize=1)
def word_lists() -> WordLists:
    """The package's word lists (``data/words.tsv``), read once per process.

    Raises:
        WordListError: a bad line in the file.
    """
    path = resources.files("eventcoder").joinpath("data", "words.tsv")
    return load_word_lists(path.read_text(encoding="utf-8"), "words.tsv")
