"""One view of a parsed Doc: what every rule of the coding engine reads, by token position.

The coder parses each segment of an article with spaCy and makes one :class:`ParseView` of its ``Doc``
(:meth:`ParseView.of`), which it passes explicitly to every stage (actor mentions, triggers, screening,
arguments, resolution, dating and placing). A rule asks about the token at a position: its part of speech,
dependency label, head, children, lemma, word, entity type, offset. The attributes are read from the Doc
once, with ``Doc.to_array``, into lists of ints: a rule reads ``view.deps[i]`` instead of making a spaCy
``Token`` (a new object on each ``doc[i]``) and looking up ``.dep_`` (a string lookup each time).

Labels, parts of speech and words are compared by key: ``view.deps[i] == DEP.nsubj``,
``view.lowers[i] in keys(MODALS)``: :data:`DEP`, :data:`POS` and :data:`ENT` name the labels the rules read
(spaCy's English labels, ClearNLP style), :func:`keys` makes the keys of words (:mod:`eventcoder.grammar` names
the closed-class words). A key is the same in every spaCy ``StringStore`` (a symbol's id, else the hash of the
text).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from types import SimpleNamespace

__all__ = ["COMPLEMENT_DEPS", "DEP", "ENT", "OBJECT_DEPS", "POS", "PREP_OBJECT_DEPS", "SUBJECT_DEPS", "ParseView", "keys"]


def keys(texts: Iterable[str]) -> frozenset[int]:
    """The ``StringStore`` keys of labels or lower-cased words, to compare with a view's columns (a key is the
    same in every store: a symbol's id, else the hash of the text)."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(t) for t in texts)


def _key(text: str) -> int:
    (key,) = keys((text,))
    return key


def _pos_ids(names: Iterable[str]) -> frozenset[int]:
    from spacy.parts_of_speech import IDS

    return frozenset(IDS[name] for name in names)


DEP = SimpleNamespace(**{label: _key(label) for label in (
    "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "case", "cc", "ccomp",
    "compound", "conj", "csubj", "dative", "det", "dobj", "flat", "mark", "neg", "nmod", "npadvmod", "nsubj",
    "nsubjpass", "nummod", "oprd", "parataxis", "pcomp", "pobj", "poss", "prep", "prt", "punct", "relcl", "xcomp",
    "ROOT")})
"""Keys of the dependency labels (``DEP.nsubj``)."""

POS = SimpleNamespace(**{name: next(iter(_pos_ids((name,)))) for name in (
    "ADJ", "AUX", "NOUN", "NUM", "PRON", "PROPN", "VERB")})
"""Part-of-speech ids (``POS.VERB``)."""

ENT = SimpleNamespace(**{label: _key(label) for label in (
    "PERSON", "NORP", "GPE", "LOC", "FAC", "ORG", "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL")})
"""Keys of the entity labels (``ENT.GPE``); 0 is no entity."""

SUBJECT_DEPS = frozenset({DEP.nsubj, DEP.nsubjpass})
"""Labels of a verb's subject, active or passive."""
OBJECT_DEPS = frozenset({DEP.dobj, DEP.nsubjpass})
"""Labels of what a verb acts on: its direct object, or the subject of its passive."""
COMPLEMENT_DEPS = frozenset({DEP.xcomp, DEP.ccomp})
"""Labels of a verb's clausal complements."""
PREP_OBJECT_DEPS = frozenset({DEP.pobj, DEP.pcomp})
"""Labels of a preposition's object."""

_IOB_INSIDE = 1  # ``Token.ent_iob``: 1 inside an entity, 2 outside, 3 at its beginning, 0 unset


@functools.lru_cache(maxsize=1 << 17)
def lowered(strings, key: int) -> str:
    """The text of ``key`` in the ``StringStore`` ``strings``, lower-cased (cached per process: a key names
    the same string in every store)."""
    return strings[key].lower()


class Children:
    """Each token's children in a Doc, as two flat lists (a list per token would be thousands of objects per
    Doc for Python's cycle collector to walk): ``children[i]`` is the positions, ascending, whose head is ``i``.
    """

    __slots__ = ("_flat", "_starts")

    def __init__(self, flat: list[int], starts: list[int]):
        self._flat, self._starts = flat, starts

    @classmethod
    def of(cls, heads: list[int]) -> Children:
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


_COLUMNS = ("pos", "tags", "deps", "heads", "lemmas", "lowers", "orths", "ents", "iobs", "idxs", "alpha", "title",
            "numeric")


class ParseView:
    """The tokens of one parsed spaCy ``Doc`` as lists indexed by token position (``doc[i]``).

    Attributes (each a list of ints, one per token):
        pos: coarse part-of-speech ids (``Token.pos``; ``spacy.parts_of_speech.IDS``).
        tags, deps, lemmas, lowers, orths, ents: keys of the fine-grained tag, dependency label, lemma,
            lower-cased word, word as written and entity type (``Token.tag``, ``.dep``, ``.lemma``, ``.lower``,
            ``.orth``, ``.ent_type``; 0 outside an entity).
        heads: the position of each token's head (the root's own).
        iobs: ``Token.ent_iob`` (1 inside an entity, 2 outside, 3 at its beginning).
        idxs: character offset of each token in :attr:`text` (``Token.idx``).
        alpha, title, numeric: 1 where ``Token.is_alpha``, ``.is_title``, ``.like_num``, else 0.
    Also:
        doc: the spaCy ``Doc`` (for showing a parse; rules read the lists).
        text (str): the Doc's text.
        strings: the Doc's ``StringStore``.
        kids (Children): each token's children.
        sentence_starts (list[int]): the first position of each sentence, ascending.

    Raises (:meth:`of`):
        ValueError: the Doc has no sentence boundaries (it was not parsed).
    """

    __slots__ = (*_COLUMNS, "doc", "text", "strings", "kids", "sentence_starts", "_left_edges")

    @classmethod
    def of(cls, doc, text: str | None = None) -> ParseView:
        """The view of the parsed ``doc``. ``text``: the text ``doc`` was made from, when the caller has it
        (``Doc.text`` joins the tokens again on each access)."""
        import numpy
        from spacy import attrs

        names = ("POS", "TAG", "DEP", "HEAD", "LEMMA", "LOWER", "ORTH", "ENT_TYPE", "ENT_IOB", "IDX", "IS_ALPHA",
                 "IS_TITLE", "LIKE_NUM", "SENT_START")
        n = len(doc)
        if n and not doc.has_annotation("SENT_START"):
            raise ValueError("a ParseView needs a parsed Doc with sentence boundaries")
        table = (doc.to_array([getattr(attrs, a) for a in names]) if n
                 else numpy.zeros((0, len(names)), dtype=numpy.uint64))
        view = cls.__new__(cls)
        for k, column in enumerate(_COLUMNS):
            setattr(view, column, table[:, k].tolist())
        view.heads = (table[:, 3].astype(numpy.int64) + numpy.arange(n)).tolist()  # HEAD is an offset
        starts = table[:, 13].astype(numpy.int64) == 1
        if n:
            starts[0] = True
        view.sentence_starts = numpy.flatnonzero(starts).tolist()
        if text is None or not n or len(text) != doc[-1].idx + len(doc[-1].text_with_ws):
            text = doc.text
        view.doc, view.text, view.strings = doc, text, doc.vocab.strings
        view.kids = Children.of(view.heads)
        view._left_edges = None
        return view

    def __len__(self) -> int:
        return len(self.heads)

    # ------------------------------------------------------------------ words
    def word(self, i: int) -> str:
        """The word at ``i`` as written (``Token.text``)."""
        return self.strings[self.orths[i]]

    def lower(self, i: int) -> str:
        """The lower-cased word at ``i`` (``Token.lower_``)."""
        return lowered(self.strings, self.lowers[i])

    def lemma(self, i: int) -> str:
        """The lower-cased lemma at ``i`` (``Token.lemma_.lower()``)."""
        return lowered(self.strings, self.lemmas[i])

    def tag(self, i: int) -> str:
        """The fine-grained tag at ``i`` ("VBD", "NNS")."""
        return self.strings[self.tags[i]]

    def dep(self, i: int) -> str:
        """The dependency label at ``i`` ("nsubj")."""
        return self.strings[self.deps[i]]

    def ent(self, i: int) -> str:
        """The entity type at ``i`` ("GPE"; "" outside an entity)."""
        return self.strings[self.ents[i]]

    def span_text(self, start: int, end: int) -> str:
        """The text of the tokens ``[start, end)`` (``doc[start:end].text``)."""
        if start >= end:
            return ""
        return self.text[self.idxs[start]:self.idxs[end - 1] + len(self.word(end - 1))]

    # ------------------------------------------------------------------ tree
    def subtree(self, i: int) -> list[int]:
        """The positions of the subtree of ``i`` in the order ``Token.subtree`` gives them: each left child's
        subtree, the token, each right child's subtree (ascending when the parse is projective)."""
        return subtree_positions(self.kids, i)

    def lefts(self, i: int) -> list[int]:
        """The children of ``i`` before it (``Token.lefts``)."""
        return [c for c in self.kids[i] if c < i]

    def ancestors(self, i: int) -> Iterator[int]:
        """The heads above ``i``, nearest first (``Token.ancestors``)."""
        heads = self.heads
        while heads[i] != i:
            i = heads[i]
            yield i

    def conjuncts(self, i: int) -> list[int]:
        """The tokens coordinated with ``i``, without ``i`` (``Token.conjuncts``): from the first conjunct of
        its chain, each conjunct to the right, breadth first."""
        conj, heads, deps = DEP.conj, self.heads, self.deps
        start = i
        while heads[start] != start and deps[start] == conj:
            start = heads[start]
        out, queue = [start], [start]
        for word in queue:
            for child in self.kids[word]:
                if child > word and deps[child] == conj:
                    out.append(child)
                    queue.append(child)
        return [w for w in out if w != i]

    def left_edge(self, i: int) -> int:
        """The position of the leftmost token of the subtree of ``i`` (``Token.left_edge.i``)."""
        if self._left_edges is None:
            self._left_edges = _left_edges(self.heads)
        return self._left_edges[i]

    def span_root(self, start: int, end: int) -> int:
        """The position of ``doc[start:end].root``: a token of the span that is its own head, else its one token
        whose head lies outside it (spaCy's ``Span.root`` itself when several do)."""
        heads = self.heads
        outside = []
        for i in range(start, end):
            if heads[i] == i:
                return i
            if not start <= heads[i] < end:
                outside.append(i)
        return outside[0] if len(outside) == 1 else self.doc[start:end].root.i

    def sentence_of(self, i: int) -> tuple[int, int]:
        """The token range ``[start, end)`` of the sentence holding ``i``."""
        starts = self.sentence_starts
        k = bisect.bisect_right(starts, i) - 1
        return starts[k], starts[k + 1] if k + 1 < len(starts) else len(self.heads)

    def sentence_root(self, i: int) -> int:
        """The root of the sentence holding ``i``."""
        start, end = self.sentence_of(i)
        heads = self.heads
        return next((j for j in range(start, end) if heads[j] == j), start)

    def entity(self, i: int) -> tuple[int, int]:
        """The token range ``[start, end)`` of the named entity ``i`` lies in (from the IOB tags)."""
        iobs, n = self.iobs, len(self.heads)
        start = i
        while start > 0 and iobs[start] == _IOB_INSIDE:
            start -= 1
        end = i + 1
        while end < n and iobs[end] == _IOB_INSIDE:
            end += 1
        return start, end


def subtree_positions(kids: Children, i: int) -> list[int]:
    """The positions of the subtree of token ``i`` in ``Token.subtree`` order (see :meth:`ParseView.subtree`)."""
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


def _left_edges(heads: list[int]) -> list[int]:
    """The leftmost position of each token's subtree: each position carried up to its ancestors."""
    import numpy

    at = numpy.asarray(heads, dtype=numpy.int64)
    edges = numpy.arange(len(at))
    while True:
        carried = edges.copy()
        numpy.minimum.at(carried, at, edges)
        if numpy.array_equal(carried, edges):
            return edges.tolist()
        edges = carried
