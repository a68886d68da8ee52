"""The limits on one article's size, checked before spaCy sees it (:func:`check_article`), so that one hostile or
broken text costs a one-line error rather than minutes of CPU and gigabytes of memory.

:class:`ArticleLimits` holds the numbers in one place; :data:`DEFAULT_LIMITS` are those every coder uses unless
given others (``Coder(limits=ArticleLimits(characters=2_000_000))``, ``code_text(..., limits=...)``):

* **characters** - 500,000 characters of text (a long news article holds 5,000 to 30,000; the longest of the
  real-news, dev-set and bench articles 58,265). spaCy parses 10,000 to 20,000 characters a second here, so the
  limit bounds one article to under a minute of parsing (a 2.6 MB article took 318 s and 7.3 GB); it also keeps
  every paragraph under spaCy's own ``nlp.max_length`` (1,000,000 characters), checked as well.
* **sentences** - 5,000 sentences, counted before the parse as the sentence ends of each paragraph (".", "!",
  "?", "..." before a space or the end; a paragraph without one counts as one sentence): about spaCy's count,
  a little more where an abbreviation such as "Nov." ends a word. A news article holds 20 to 100 (at most 428
  counted so in those articles).
* **token_characters** - 1,000 characters in the longest run without whitespace. spaCy's tokenizer is
  quadratic in a run of punctuation (a run of 25,000 "(" holds it 54 s; one of 1,000, 0.1 s: about what parsing
  1,000 characters of prose costs); a web address in news is a few hundred characters at most (the longest run
  in those articles: 32).

The checks read the text twice, 0.05 to 0.15 microseconds a character: 0.3% of what coding it costs at most.

An article over a limit raises :class:`ArticleTooLarge`, a :class:`~eventcoder.errors.CodingError` whose
message names the article and the limit ("big.txt: 2,612,345 characters, over the limit of 500,000"): a batch
prints it as one line and goes on, the HTTP API answers 400.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import CodingError
from .model import Article

__all__ = ["DEFAULT_LIMITS", "ArticleLimits", "ArticleTooLarge", "check_article", "count_sentence_ends", "longest_run"]


@dataclass(frozen=True)
class ArticleLimits:
    """The most one article may hold to be coded (see the module docstring for why each number).

    Attributes:
        characters (int): characters of text (``len(article.text)``).
        sentences (int): sentence ends counted before the parse (an upper bound of the sentences).
        token_characters (int): characters of the longest run without whitespace.
    Raises:
        ValueError: a limit that is not a positive int.
    """

    characters: int = 500_000
    sentences: int = 5_000
    token_characters: int = 1_000

    def __post_init__(self) -> None:
        for name in ("characters", "sentences", "token_characters"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"ArticleLimits.{name} must be a positive int, got {value!r}")


DEFAULT_LIMITS = ArticleLimits()
"""The limits a coder applies unless given others."""


class ArticleTooLarge(CodingError):
    """An article over one of its :class:`ArticleLimits`; the message names the article and the limit.

    Attributes:
        limit (str): which limit: "characters", "sentences", "token_characters" or "paragraph" (spaCy's own).
    """

    def __init__(self, message: str, *, limit: str, doc_id: str | None = None, line: int | None = None) -> None:
        super().__init__(message, doc_id=doc_id, line=line)
        self.limit = limit


_SENTENCE_END = re.compile(r"(?:[.!?\u2026]+)[\"'\u201d\u2019)\]]*(?=\s|$)")


def count_sentence_ends(text: str) -> int:
    """Sentence ends in ``text``: runs of ".", "!", "?" or "..." (closing quotes and brackets after them) before
    whitespace or the end. An upper bound of a parser's sentence count but for paragraphs without any."""
    return len(_SENTENCE_END.findall(text))


def longest_run(text: str) -> int:
    """Characters of the longest run of ``text`` without whitespace (``str.split``'s; 0 for an empty text)."""
    return max(map(len, text.split()), default=0)


def check_article(article: Article, limits: ArticleLimits = DEFAULT_LIMITS, *, paragraph_max: int | None = None
                  ) -> None:
    """Raise :class:`ArticleTooLarge` when ``article`` is over ``limits`` (checked in the order of their cost:
    characters, the longest paragraph against ``paragraph_max`` (the parser's ``nlp.max_length``; None: not
    checked), the longest run without whitespace, sentences). Reads the text a few times; parses nothing."""
    found = _over(article, limits, paragraph_max)
    if found is not None:
        limit, count, most, unit = found
        raise ArticleTooLarge(f"{article.doc_id}: {count:,} {unit}, over the limit of {most:,}", limit=limit,
                              doc_id=article.doc_id, line=article.line)


def _over(article: Article, limits: ArticleLimits, paragraph_max: int | None) -> tuple[str, int, int, str] | None:
    """The first limit ``article`` is over: (limit, count, most allowed, what is counted), or None."""
    if len(article.text) > limits.characters:
        return "characters", len(article.text), limits.characters, "characters"
    longest = max((len(seg.text) for seg in article.segments), default=0)
    if paragraph_max is not None and longest > paragraph_max:
        return "paragraph", longest, paragraph_max, "characters in one paragraph (split it at blank lines)"
    run = longest_run(article.text)
    if run > limits.token_characters:
        return "token_characters", run, limits.token_characters, "characters without a space"
    sentences = sum(max(count_sentence_ends(seg.text), 1) for seg in article.segments)
    if sentences > limits.sentences:
        return "sentences", sentences, limits.sentences, "sentences"
    return None
