"""PETRARCH verb patterns matched the way PETRARCH matches them (issue 16): on the words as written.

A PETRARCH verb dictionary (:mod:`eventcoder.petrarch_verbs`) is matched here, not through lemma look-ups:

- verb forms: a verb matches its base form and, without irregular forms in braces, its regular forms (``+S``/``+ES``,
  ``+D``/``+ED``, ``+ING``, with English spelling: stopped, tries, carried); with braces, only the base form and the
  forms in braces. A block's other verb lines are separate words (``--- LEFT [032:033] ---`` is its own verb, not a
  form of LEAVE). A multi-word verb (``+CORDON_OFF``, ``WIRE_+TAP``) needs its other words next to the verb word
  (articles may stand between); the longest verb that matches wins; a verb written in several blocks has the
  code of the last and the patterns of all;
- patterns: the words after ``*`` are looked for, in order, among the words after the verb up to the end of its
  phrase (a coordinated verb ends it); the words before ``*`` among the words before the verb back to a comma or
  the start of the sentence, nearest first. Words joined by ``_`` (and a word joined to ``*``) must follow each other
  (an article may stand between); between words written apart any words may stand. ``&NAME`` matches any member of
  the synonym set (a member may be several words; plurals are made as PETRARCH makes them); ``+``, ``$`` and ``%``
  match a noun (an actor's place); ``^`` matches nothing of its own; ``(...)`` and ``{...}`` group words and are
  read as the words they hold;
- PETRARCH-2's dictionaries (those that write groups, ``(...)`` or ``{...}``): the words before ``*`` are looked
  for among the head nouns of the verb's subject (their conjuncts, the nouns compounded with them) and the prepositional phrases before the
  verb only, and the words after it are the verb's own phrases, not a clause of its own (a that-clause, an
  adverbial clause): what its validation suite expects ("RECENTLY *" does not match "X recently allowed");
- choice: of the patterns of the verb's block that match, the one with the most elements wins (the first in the
  file among equals); a matched discard or null code, or no match, leaves the verb's own code (its line's or its
  block's); a verb whose code is a discard codes nothing;
- codes: ``[a:b]`` codes source->target with ``a`` and the reverse with ``b`` (PETRARCH-1's reading, which both
  validation suites expect): the pattern gets the flag ``sym`` and ``reverse`` = ``b``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .knowledge_types import KnowledgeError
from .lexicon import VerbPattern
from .parse import DEP, POS, SUBJECT_DEPS, ParseView
from .petrarch_verbs import EventCode, Pattern, PetrarchVerbs, SynonymSet, VerbBlock, VerbForm

__all__ = ["PetrarchIndex", "build_index", "match_elements", "regular_forms"]

ARTICLES = frozenset({"a", "an", "the"})
"""Words that may stand between words a pattern joins."""
ACTOR_POS = frozenset({POS.PROPN, POS.NOUN, POS.PRON})
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
PHRASE_ENDS = frozenset({DEP.conj, DEP.cc})
CLAUSE_DEPS = frozenset({DEP.ccomp, DEP.advcl})
PREPOSITIONS = frozenset({"about", "across", "against", "among", "at", "between", "by", "during", "for", "from", "in",
                          "into", "of", "off", "on", "onto", "over", "through", "to", "toward", "towards", "under",
                          "upon", "with", "within", "without"})
ACTOR_KINDS = frozenset({"target", "source", "compound"})
NOUN, COMPOUND = 1, 2
"""What a word may stand for in a pattern: an actor's place (a noun), a compound actor (coordinated nouns)."""


@dataclass(frozen=True)
class Element:
    """One element of a pattern side: ``kind`` (word, synset, target, source, compound, skip), ``options`` (the
    word sequences it may be, lower case, in matching order), ``adjacent`` (it must follow the element before it,
    or the verb, directly)."""

    kind: str
    options: tuple[tuple[str, ...], ...]
    adjacent: bool
    text: str


@dataclass(frozen=True)
class CompiledPattern:
    """A pattern ready to match: ``upper`` (the elements before ``*``, nearest the verb first, their words
    reversed), ``lower`` (after ``*``), the code, ``source`` (file:line), ``text`` and ``order`` (file order)."""

    upper: tuple[Element, ...]
    lower: tuple[Element, ...]
    code: EventCode
    source: str
    text: str
    order: int

    @property
    def size(self) -> int:
        """The number of elements (what makes a pattern more specific)."""
        return len(self.upper) + len(self.lower)


@dataclass(frozen=True)
class VerbEntry:
    """A verb form as written: the words before and after the verb word (lower case), its code, the verb line's
    base form (``lemma``, "cordon off"), ``source`` (file:line) and the block's patterns."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    code: EventCode
    lemma: str
    source: str
    patterns: tuple[CompiledPattern, ...]
    subject_only: bool = False
    """PETRARCH-2's reading: the words before the verb are its subject's (and its conjuncts') head nouns and
    the prepositional phrases before it, not every word back to a comma."""


@dataclass
class PetrarchIndex:
    """The verbs of PETRARCH dictionaries by the verb word as written (lower case)."""

    forms: dict[str, list[VerbEntry]] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(v) for v in self.forms.values())

    def has(self, word: str) -> bool:
        """Whether a verb form is this word (lower case)."""
        return word in self.forms

    def phrase_end(self, view: ParseView, i: int) -> int:
        """The position after the phrase of the verb at ``i`` (after its last word when no verb is written so)."""
        found = _verb_at(self.forms.get(view.lower(i), ()), view, i)
        end = found[2] if found is not None else i
        return _lower_end(view, i, end, view.sentence_of(i)[1])

    def match(self, view: ParseView, i: int) -> VerbPattern | None:
        """The pattern of the verb at ``i`` (a verb by its tag; a modal is not), or None: no verb of the
        dictionaries is written so, or its code is a discard."""
        if view.tag(i) not in VERB_TAGS or view.pos[i] not in (POS.VERB, POS.AUX, POS.ADJ):
            return None
        found = _verb_at(self.forms.get(view.lower(i), ()), view, i)
        if found is None:
            return None
        entry, start, end = found
        first, last = view.sentence_of(i)
        upper = _subject_words(view, i) if entry.subject_only else _upper_span(view, first, start)
        lower = list(range(end + 1, _lower_end(view, i, end, last)))
        if entry.subject_only:  # PETRARCH-2: the verb's own phrases, not a clause of its own
            clauses = {j for c in view.kids[i] if view.deps[c] in CLAUSE_DEPS for j in view.subtree(c)}
            lower = [j for j in lower if j not in clauses]
        best = _best_pattern(entry.patterns, view, upper, lower)
        return _verb_pattern(entry, best, view)


# --------------------------------------------------------------------------------------------- building
def build_index(dictionaries: Iterable[PetrarchVerbs]) -> PetrarchIndex:
    """The index of the verbs of read dictionaries; a pattern's ``&NAME`` may name a set of any of them."""
    dictionaries = list(dictionaries)
    synsets: dict[str, SynonymSet] = {}
    for verbs in dictionaries:
        for name, synset in verbs.synsets.items():
            synsets.setdefault(name, synset)
    members = _Members(synsets)
    index = PetrarchIndex()
    order = 0
    for verbs in dictionaries:
        petrarch2 = any(t.group for b in verbs.blocks for p in b.patterns for t in p.tokens)
        for block in verbs.blocks:
            patterns = []
            for pattern in block.patterns:
                patterns.append(_compile(pattern, members, order))
                order += 1
            _add_block(index, block, tuple(patterns), petrarch2)
    return index


def _add_block(index: PetrarchIndex, block: VerbBlock, patterns: tuple[CompiledPattern, ...],
               subject_only: bool) -> None:
    for verb in block.verbs:
        code = verb.code or block.code
        for words, head in _written_forms(verb):
            entry = VerbEntry(words[:head], words[head + 1:], code, verb.lemma, verb.source, patterns, subject_only)
            entries = index.forms.setdefault(words[head], [])
            same = next((k for k, e in enumerate(entries) if (e.before, e.after) == (entry.before, entry.after)), None)
            if same is None:
                entries.append(entry)
            else:  # a verb in several blocks: the last code, the patterns of all (PETRARCH merges them so)
                old = entries[same]
                merged = old.patterns + tuple(p for p in patterns if p not in old.patterns)
                entries[same] = VerbEntry(entry.before, entry.after, code, entry.lemma, entry.source, merged,
                                          subject_only)


def _written_forms(verb: VerbForm) -> list[tuple[tuple[str, ...], int]]:
    """The word sequences (lower case) a verb line matches, with the verb word's index."""
    words = tuple(w.lower() for w in verb.words)
    head = verb.head
    if verb.forms:
        out = [(words, head)]
        for form in verb.forms:
            form = tuple(w.lower() for w in form)
            out.append((form, head if len(form) == len(words) else 0))
        return out
    return [(words[:head] + (form,) + words[head + 1:], head) for form in regular_forms(words[head])]


def regular_forms(verb: str) -> tuple[str, ...]:
    """The base form and the regular forms PETRARCH makes (``+S``/``+ES``, ``+D``/``+ED``, ``+ING``, a final E
    dropped), with English spelling added: a doubled final consonant (stopped), Y after a consonant (tries,
    tried), ``+ES`` after CH, SH and O, ``+ING`` after EE (agreeing)."""
    forms = {verb, verb + ("es" if verb[-1:] in ("s", "x", "z") else "s")}
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    else:
        forms |= {verb + "ed", verb + "ing"}
    if len(verb) > 2 and verb[-1] == "y" and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith(("ee", "ye", "oe")):
        forms.add(verb + "ing")
    if verb.endswith(("ch", "sh", "o")):
        forms.add(verb + "es")
    if len(verb) > 2 and verb[-1] not in "aeiouywx" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return tuple(sorted(forms))


MAX_NESTING = 50
"""How deep synonym sets may be nested in each other."""


class _Members:
    """The word sequences of each synonym set (embedded sets expanded, plurals made as PETRARCH makes them)."""

    def __init__(self, synsets: dict[str, SynonymSet]) -> None:
        self.synsets = synsets
        self.memo: dict[str, tuple[tuple[str, ...], ...]] = {}

    def of(self, name: str, seen: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], ...]:
        """The word sequences of set ``name`` (``seen``: the sets that embed it, a cycle stops there).

        Raises:
            KnowledgeError: sets nested more than :data:`MAX_NESTING` deep (file and line of the deepest named).
        """
        if name in self.memo:
            return self.memo[name]
        if len(seen) > MAX_NESTING and name in self.synsets:
            where, _, line = self.synsets[name].source.rpartition(":")
            raise KnowledgeError(f"{where} line {line}: synonym set &{name} is nested in more than {MAX_NESTING} "
                                 "others")
        out: list[tuple[str, ...]] = []
        for member in self.synsets[name].words if name in self.synsets else ():
            if len(member.words) == 1 and member.words[0].startswith("&"):
                inner = member.words[0][1:].rstrip("_").upper()
                out += self.of(inner, seen | {name}) if inner not in seen else ()
                continue
            words = tuple(w.lower() for w in member.words)
            out.append(words)
            if member.plural:
                out.append(words[:-1] + (_plural(words[-1]),))
        self.memo[name] = tuple(dict.fromkeys(out))
        return self.memo[name]


def _plural(word: str) -> str:
    """PETRARCH's plural of a synonym: Y -> IES, S -> SES, else +S."""
    if word.endswith("y"):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith("s") else "s")


def _compile(pattern: Pattern, members: _Members, order: int) -> CompiledPattern:
    tokens = pattern.tokens
    at = pattern.verb_at
    lower = tuple(_element(t, members, t.joined or (k == at + 1 and tokens[k].joined))
                  for k, t in enumerate(tokens) if k > at)
    upper = []
    for k in range(at - 1, -1, -1):
        element = _element(tokens[k], members, tokens[k + 1].joined)
        upper.append(Element(element.kind, tuple(tuple(reversed(o)) for o in element.options), element.adjacent,
                             element.text))
    text = " ".join(t.text for t in tokens)
    return CompiledPattern(tuple(upper), lower, pattern.code, pattern.source, text, order)


def _element(token, members: _Members, adjacent: bool) -> Element:
    if token.kind == "word":
        return Element("word", ((token.text.lower(),),), adjacent, token.text)
    if token.kind == "synset":
        return Element("synset", members.of(token.text[1:]), adjacent, token.text)
    return Element(token.kind, (), adjacent, token.text)


# --------------------------------------------------------------------------------------------- matching
def match_elements(elements: tuple[Element, ...], words: list[str],
                   actors: list[int]) -> list[tuple[int, str]] | None:
    """Where ``elements`` match in ``words`` (lower case; ``actors``: what each word may stand for, 0, ``NOUN`` or
    ``NOUN | COMPOUND``, for ``+``/``$`` and ``%``):
    (position, element kind) of each word a matched element took (none for ``^``), or None when they do not
    match."""
    taken: list[tuple[int, str]] = []
    failed: set[tuple[int, int]] = set()

    def step(k: int, at: int) -> bool:
        if k == len(elements):
            return True
        if (k, at) in failed:
            return False
        element = elements[k]
        if element.kind == "skip":  # PETRARCH's "^": past the next noun phrase (its nouns), or nothing
            end = _past_noun(actors, at)
            return (end is not None and step(k + 1, end)) or step(k + 1, at)
        for start in _starts(element, words, at):
            for size in _sizes(element, words, actors, start):
                taken.extend((j, element.kind) for j in range(start, start + size))
                if step(k + 1, start + size):
                    return True
                del taken[len(taken) - size:]
        failed.add((k, at))
        return False

    return taken if step(0, 0) else None


def _past_noun(actors: list[int], at: int) -> int | None:
    """The position after the next run of nouns from ``at`` (a noun phrase's head words), or None."""
    j = at
    while j < len(actors) and not actors[j] & NOUN:
        j += 1
    if j == len(actors):
        return None
    while j < len(actors) and actors[j] & NOUN:
        j += 1
    return j


def _starts(element: Element, words: list[str], at: int) -> Iterable[int]:
    if not element.adjacent:
        return range(at, len(words))
    first = element.options[0][0] if element.options else ""
    while at < len(words) and words[at] in ARTICLES and first not in ARTICLES:
        at += 1
    return (at,) if at < len(words) else ()


def _sizes(element: Element, words: list[str], actors: list[int], start: int) -> list[int]:
    if element.kind in ACTOR_KINDS:
        need = COMPOUND if element.kind == "compound" else NOUN
        return [1] if actors[start] & need else []
    return sorted({len(o) for o in element.options if tuple(words[start:start + len(o)]) == o}, reverse=True)


def _verb_at(entries: Iterable[VerbEntry], view: ParseView, i: int) -> tuple[VerbEntry, int, int] | None:
    """The longest verb entry whose other words stand next to the verb word at ``i``: (entry, first, last)."""
    best = None
    first, last = view.sentence_of(i)
    for entry in entries:
        start = _next_to(view, i, entry.before, -1, first)
        end = _next_to(view, i, entry.after, 1, last - 1)
        if start is None or end is None:
            continue
        if best is None or len(entry.before) + len(entry.after) > len(best[0].before) + len(best[0].after):
            best = (entry, start, end)
    return best


def _next_to(view: ParseView, i: int, words: tuple[str, ...], step: int, bound: int) -> int | None:
    """The position of the last of ``words`` found next to ``i`` going ``step`` (articles may stand between),
    ``i`` itself when there are none, None when they are not there."""
    at = i
    for word in (words if step > 0 else tuple(reversed(words))):
        at += step
        while (at - bound) * step <= 0 and view.lower(at) in ARTICLES and word not in ARTICLES:
            at += step
        if (at - bound) * step > 0 or view.lower(at) != word:
            return None
    return at


def _upper_span(view: ParseView, first: int, start: int) -> list[int]:
    """The positions before the verb back to a comma or the sentence's start, nearest first."""
    out = []
    for j in range(start - 1, first - 1, -1):
        if view.lower(j) == ",":
            break
        out.append(j)
    return out


def _subject_words(view: ParseView, i: int) -> list[int]:
    """PETRARCH-2's words before the verb, nearest first: the head nouns of its subject and their conjuncts, with
    the nouns compounded with them ("death toll"), and the prepositions before it with their objects."""
    out = []
    for c in view.kids[i]:
        if c > i:
            continue
        if view.deps[c] in SUBJECT_DEPS:
            heads = [c, *view.conjuncts(c)]
            nouns = [g for h in heads for g in view.kids[h] if view.deps[g] == DEP.compound]
            out += heads + nouns + [k for g in nouns for k in view.conjuncts(g)]
        elif view.deps[c] == DEP.prep:
            out += [c, *(g for g in view.kids[c] if view.deps[g] == DEP.pobj)]
    return sorted(set(out), reverse=True)


def _lower_end(view: ParseView, i: int, end: int, last: int) -> int:
    """Where the verb's phrase ends: after its subtree, or at its first coordinated verb or conjunction."""
    edge = max(view.subtree(i))
    cut = [c for c in view.kids[i] if c > end and view.deps[c] in PHRASE_ENDS]
    return min([edge + 1, last, *cut])


Match = tuple[CompiledPattern, list[tuple[int, str]], list[tuple[int, str]]]
"""A matched pattern with the (position, element kind) of each word its elements took after and before the verb."""


def _best_pattern(patterns: tuple[CompiledPattern, ...], view: ParseView, upper: list[int],
                  lower: list[int]) -> Match | None:
    """The most specific pattern that matches (the first among equals) and the positions its elements took (after
    the verb, then before it)."""
    if not patterns:
        return None
    words_up, words_low = [view.lower(j) for j in upper], [view.lower(j) for j in lower]
    actors_up, actors_low = _actors(view, upper), _actors(view, lower)
    best = None
    for pattern in patterns:
        if best is not None and pattern.size <= best[0].size:
            continue
        low = match_elements(pattern.lower, words_low, actors_low)
        up = match_elements(pattern.upper, words_up, actors_up) if low is not None else None
        if up is not None:
            best = (pattern, [(lower[k], kind) for k, kind in low], [(upper[k], kind) for k, kind in up])
    return best


def _actors(view: ParseView, positions: list[int]) -> list[int]:
    """What each word may stand for: a noun (``NOUN``), coordinated with another (``COMPOUND``)."""
    out = []
    for j in positions:
        noun = view.pos[j] in ACTOR_POS
        joint = noun and (view.deps[j] == DEP.conj or any(view.deps[c] == DEP.conj for c in view.kids[j]))
        out.append((NOUN if noun else 0) | (COMPOUND if joint else 0))
    return out


def _verb_pattern(entry: VerbEntry, best: Match | None,
                  view: ParseView) -> VerbPattern | None:
    """The lexicon pattern of a matched verb: the matched pattern's code when it has one, else the verb's; None
    for a matched discard pattern (``[---]``: no event) or a verb that codes nothing. A code with only its second
    side (``[:042]``) codes that side, target on source (flag ``swap``)."""
    pattern, taken, before = best if best is not None else (None, [], [])
    if pattern is not None and pattern.code.discard:
        return None
    code = pattern.code if pattern is not None and _codes(pattern.code) else entry.code
    if not _codes(code):
        return None
    flags = frozenset({"sym"}) if code.reciprocal and code.codes[0] else frozenset()
    if not _first(code):
        flags = frozenset({"swap"})
    reverse = code.codes[1] if code.reciprocal and code.codes[0] else ""
    if pattern is None or code is not pattern.code:
        return VerbPattern(_codes(code), entry.lemma, frozenset(entry.after), (), flags, None, entry.source,
                           reverse=reverse)
    places = tuple((kind, j) for j, kind in taken + before if kind in ACTOR_KINDS)
    words = [j for j, kind in taken if kind not in ACTOR_KINDS]
    objects = frozenset(w for j in words for w in (view.lemma(j), view.lower(j)) if view.lower(j) not in PREPOSITIONS)
    preps = tuple(dict.fromkeys(view.lower(taken[k - 1][0]) for k, (_j, kind) in enumerate(taken)
                                if kind == "target" and k and view.lower(taken[k - 1][0]) in PREPOSITIONS))
    return VerbPattern(_codes(code), entry.lemma, objects | frozenset(entry.after), preps, flags, None,
                       pattern.source, pattern.text, reverse, places)


def _first(code: EventCode) -> str:
    return code.codes[0] if code.codes and not code.discard and not code.null else ""


def _codes(code: EventCode) -> str:
    """The code a cell gives: its first side, else its second (``[:042]``); "" for a discard or null code."""
    return _first(code) or (code.codes[1] if code.reciprocal and not code.discard and not code.null else "")
