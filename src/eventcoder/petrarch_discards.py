"""PETRARCH discard dictionaries: phrases that mark a sentence, or a whole story, as one not to code.

PETRARCH (and TABARI before it) reads a discard file beside its verb, actor and agent dictionaries: sports,
weather, games, history... a sentence that holds one of its phrases is not coded, and a phrase written with a
leading ``+`` discards the whole story (nothing of the article is coded). Users bring theirs with
``--petrarch-discards FILE`` (``CoderOptions(petrarch_discards=...)``). The format, one phrase a line::

    # a comment; '#' also starts a comment after a phrase
    BASEBALL              # sentence level: this sentence is not coded
    +WORLD SERIES         # story level: the article codes nothing
    GROUP A_              # a trailing '_' (TABARI's "ends at a word boundary") is accepted

How a phrase matches (PETRARCH-2's ``check_discards``): not case-sensitive, as whole words (its words are
matched against the sentence's blank-separated words, so ``BASEBALL`` does not discard "baseballs"), the words
in a row; eventcoder also lets punctuation end a word ("baseball," holds BASEBALL) and reads ``_`` between
words as a blank, as PETRARCH's other dictionaries write phrases. A story phrase wins over a sentence phrase.

A line that is not a phrase is an error naming file and line: a ``+`` with no phrase after it (PETRARCH would
then discard every story), or a phrase holding ``[ ] { } < >``, which a discard phrase never has and which
shows a verb, actor or agent dictionary given as a discard file.

    >>> from eventcoder.petrarch_discards import parse_discards
    >>> discards = parse_discards(["BASEBALL", "+TYPHOON  # weather"], "mine.txt")
    >>> discards.match("A typhoon hit the coast.").describe()
    "story discard phrase '+TYPHOON' (mine.txt line 2)"
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .knowledge_types import KnowledgeError
from .petrarch_dicts import dictionary_text

__all__ = ["Discard", "Discards", "load_discards", "parse_discards", "read_discards"]

_NOT_A_PHRASE = re.compile(r"[\[\]{}<>]")


@dataclass(frozen=True)
class Discard:
    """One discard phrase.

    Attributes:
        phrase (str): its words, upper case, one blank between them.
        story (bool): a story-level discard (written with a leading ``+``).
        source (str): where it was read, ``FILE line N``.
    """

    phrase: str
    story: bool
    source: str

    def describe(self) -> str:
        """"story discard phrase '+X' (file line N)" or "sentence discard phrase 'X' (file line N)"."""
        level = "story" if self.story else "sentence"
        return f"{level} discard phrase '{'+' if self.story else ''}{self.phrase}' ({self.source})"


class Discards:
    """The discard phrases of one or more files, matched against a sentence's text (:meth:`match`)."""

    def __init__(self, discards: Iterable[Discard] = ()) -> None:
        self.discards = tuple(discards)
        ordered = sorted(self.discards, key=lambda d: not d.story)  # story phrases first: they win
        self._patterns = [(d, _pattern(d.phrase)) for d in ordered]

    def __bool__(self) -> bool:
        return bool(self.discards)

    def __len__(self) -> int:
        return len(self.discards)

    def match(self, text: str) -> Discard | None:
        """The discard phrase ``text`` holds (a story phrase before a sentence phrase), or None."""
        for discard, pattern in self._patterns:
            if pattern.search(text):
                return discard
        return None

    def story_match(self, texts: Iterable[str]) -> Discard | None:
        """The first story discard phrase that one of ``texts`` (an article's sentences) holds, or None."""
        for text in texts:
            found = self.match(text)
            if found is not None and found.story:
                return found
        return None


def _pattern(phrase: str) -> re.Pattern:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.I)


def parse_discards(lines: Iterable[str], path: str = "discards.txt") -> Discards:
    """The discard phrases of a discard file's ``lines`` (``path``: its name in messages and sources).

    Raises:
        KnowledgeError: a line that is not a phrase (see the module's notes); the message names file and line.
    """
    out = []
    for number, line in enumerate(lines, start=1):
        text = line.removeprefix("\ufeff").split("#", 1)[0].strip()
        if not text:
            continue
        story = text.startswith("+")
        phrase = " ".join(text[1:].replace("_", " ").split()) if story else " ".join(text.replace("_", " ").split())
        if not phrase:
            raise KnowledgeError(f"{path} line {number}: '+' with no phrase after it (a story discard needs one)")
        bad = _NOT_A_PHRASE.search(phrase)
        if bad:
            raise KnowledgeError(f"{path} line {number}: {bad.group(0)!r} in discard phrase {text!r} (a discard "
                                 "line is a phrase, '+' before a story discard; is this a verb, actor or agent "
                                 "dictionary?)")
        out.append(Discard(phrase.upper(), story, f"{path} line {number}"))
    return Discards(out)


def read_discards(path: str) -> Discards:
    """Read a PETRARCH discard file (UTF-8, else Latin-1).

    Raises:
        KnowledgeError: the file cannot be read, or a line is not a phrase (file and line named).
    """
    return parse_discards(dictionary_text(path, "PETRARCH discard file").splitlines(), str(path))


def load_discards(paths: Iterable[str]) -> Discards:
    """The discard phrases of every file of ``paths`` together (none: an empty :class:`Discards`).

    Raises:
        KnowledgeError: as :func:`read_discards`.
    """
    return Discards(d for path in paths for d in read_discards(path).discards)
