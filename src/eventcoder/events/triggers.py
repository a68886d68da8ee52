"""Trigger matching (stage "triggers"): the tokens of a sentence that a lexicon pattern matches.

A token is a candidate when its part of speech can name an act (verb, auxiliary, adjective, noun) and the
lexicon (:mod:`eventcoder.lexicon`, ``data/verbs.tsv``) has patterns for its lemma, or, for a verb the
lemmatizer got wrong, for one of its possible base forms. The first pattern whose object and preposition
constraints the token meets matches it (:class:`~eventcoder.model.Trigger`); the word's other patterns that it
does not meet are near misses, with the reason (:class:`~eventcoder.model.NearMiss`). A speech verb whose reported clause puts
an obligation on someone ("said Libya must hand over ...") is a trigger of its own (a rule, not a lexicon line).
"""

from __future__ import annotations

import functools

from ..cameo import PUBLIC_STATEMENT
from ..grammar import CONTAINER_PREPOSITIONS, OBLIGATION_MODALS
from ..lexicon import Lexicon, VerbPattern
from ..model import NearMiss, Sentence, Trigger
from ..parse import DEP, POS, PREP_OBJECT_DEPS, ParseView, keys
from ..wordlists import word_lists
from . import nominal
from .clauses import verb_parsed_as_modifier

__all__ = ["TriggerMatcher"]

TRIGGER_POS = frozenset({POS.VERB, POS.AUX, POS.ADJ, POS.NOUN})
OBJECT_LEMMA_DEPS = frozenset({DEP.dobj, DEP.nsubjpass, DEP.attr, DEP.prt, DEP.advmod, DEP.oprd, DEP.xcomp})
PREPOSITION_DEPS = frozenset({DEP.prep, DEP.dative, DEP.agent, DEP.prt})
CONTAINER_KEYS = keys(CONTAINER_PREPOSITIONS)
OBLIGATION_KEYS = {next(iter(keys((word,)))): word for word in OBLIGATION_MODALS}


class TriggerMatcher:
    """Matches lexicon patterns on the tokens of parsed sentences; built once per lexicon.

    Args:
        lexicon (Lexicon): the patterns, by lemma.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # string key -> whether the lemma / the verb's possible base forms have patterns (kept across Docs)
        self._lemma_memo: dict[int, bool] = {}
        self._form_memo: dict[int, bool] = {}

    def triggers(self, s: Sentence) -> tuple[list[Trigger], list[NearMiss]]:
        """The triggers of sentence ``s`` in sentence order (a speech verb's reported obligation after them,
        or in its place when a generic pattern matched the speech verb), and the near misses."""
        view = s.parse
        found: dict[int, VerbPattern] = {}
        misses: list[NearMiss] = []
        pos = view.pos
        covered = -1  # the end of the phrase of the last verb a PETRARCH dictionary coded
        for i in s.tokens:
            if pos[i] in TRIGGER_POS and self._has_patterns(view, i):
                p = self.match(view, i, misses, petrarch=i >= covered)
                if p is not None:
                    found[i] = p
                    covered = self._petrarch_phrase_end(view, i, p, covered)
        found.update(self._carried_acts(view, found, misses))
        found.update(_reported_obligations(view, s.first, s.last, found))
        return [Trigger(i, view.word(i), p) for i, p in found.items()], misses

    def _petrarch_phrase_end(self, view: ParseView, i: int, p: VerbPattern, covered: int) -> int:
        """PETRARCH goes on past the end of the phrase of a verb it coded (the verbs in it are not read): that end
        for a pattern of a PETRARCH dictionary, else ``covered``."""
        if self.lexicon.petrarch is None or p in self.lexicon.candidates(p.lemma):
            return covered
        return max(covered, self.lexicon.petrarch.phrase_end(view, i))

    def _carried_acts(self, view: ParseView, found: dict[int, VerbPattern],
                      misses: list[NearMiss]) -> dict[int, VerbPattern]:
        """Governing nouns ("Mexico's decision to withdraw troops"): the act of the infinitive each carries, coded
        at the noun (:func:`nominal.carried_pattern`); a governing noun that carries no coded act is dropped (a
        near miss)."""
        out = {}
        for i, p in list(found.items()):
            if "noun" not in p.flags or "govonly" not in p.flags:
                continue
            del found[i]
            verb = nominal.governed_verb(view, i)
            inner = self.match(view, verb) if verb is not None and view.pos[verb] in TRIGGER_POS else None
            carried = nominal.carried_pattern(p, inner) if inner is not None else None
            if carried is not None:
                out[i] = carried
            else:
                misses.append(NearMiss(i, view.word(i), p, "a governing noun that carries no coded act"))
        return out

    def _has_patterns(self, view: ParseView, i: int) -> bool:
        """Whether the token at ``i``, whose part of speech can name an act, has patterns for its lemma or (a
        verb) for one of its possible base forms; the answer for a lemma or word is kept."""
        part = view.pos[i]
        if self.lexicon.petrarch is not None and self.lexicon.petrarch.has(view.lower(i)):
            return True
        lemma_key = view.lemmas[i]
        has = self._lemma_memo.get(lemma_key)
        if has is None:
            has = self._lemma_memo[lemma_key] = bool(self.lexicon.candidates(view.lemma(i)))
        if not has and part == POS.VERB:
            word_key = view.lowers[i]
            has = self._form_memo.get(word_key)
            if has is None:
                has = self._form_memo[word_key] = any(self.lexicon.candidates(f) for f in _verb_forms(view.lower(i)))
        return has

    def patterns(self, view: ParseView, i: int) -> tuple[VerbPattern, ...]:
        """The lexicon's patterns for the token at ``i``: by its lemma, or for a verb the lemmatizer got wrong,
        by the first of its possible base forms that has any."""
        if view.pos[i] not in TRIGGER_POS:
            return ()
        patterns = self.lexicon.candidates(view.lemma(i))
        if not patterns and view.pos[i] == POS.VERB:
            patterns = next((self.lexicon.candidates(f) for f in _verb_forms(view.lower(i))
                             if self.lexicon.candidates(f)), ())
        return patterns

    def match(self, view: ParseView, i: int, misses: list[NearMiss] | None = None, *,
              petrarch: bool = True) -> VerbPattern | None:
        """The first pattern whose constraints the token at ``i`` meets, or None; then a PETRARCH dictionary's
        verb written so, matched as PETRARCH matches (:mod:`eventcoder.petrarch_match`). With ``misses``, every
        other pattern of the word that does not match is added to it with the reason; without ``petrarch``, no
        PETRARCH dictionary is tried."""
        objects = preps = None  # read from the parse only when a pattern asks for them
        found = None
        for p in self.patterns(view, i):
            if p.objects and objects is None:
                objects = object_lemmas(view, i)
            if "needprep" in p.flags and preps is None:
                preps = prepositions(view, i)
            why = mismatch(view, i, p, objects or set(), preps or set())
            if why is None and found is None:
                found = p
                if misses is None:
                    break
            elif why is not None and misses is not None:
                misses.append(NearMiss(i, view.word(i), p, why))
        if found is None and petrarch and self.lexicon.petrarch is not None:
            found = self.lexicon.petrarch.match(view, i)  # PETRARCH's verbs as written, its patterns
        return found


@functools.lru_cache(maxsize=4096)
def _verb_forms(word: str) -> tuple[str, ...]:
    """Base forms a verb form may have, for when the lemmatizer errs ("staged" -> "stag"): staged -> stage,
    hoping -> hope, shelled -> shell, bans -> ban."""
    forms = []
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # banned -> ban
    return tuple(forms)


def object_lemmas(view: ParseView, i: int) -> set[str]:
    """Lower-cased lemmas of what the token at ``i`` acts on (objects, particles, prepositional and compound
    objects, a reported clause's subject), for the lexicon's object constraints."""
    kids, deps = view.kids, view.deps
    out = {view.lemma(view.heads[i])} if verb_parsed_as_modifier(view, i) else set()
    for c in kids[i]:
        d = deps[c]
        if d in OBJECT_LEMMA_DEPS:
            out.add(view.lemma(c))
        elif d == DEP.prep:
            out.update(view.lemma(g) for g in kids[c] if deps[g] in PREP_OBJECT_DEPS)
        elif d == DEP.ccomp:
            out.update(view.lemma(g) for g in kids[c] if deps[g] == DEP.nsubj)
            if view.pos[c] == POS.ADJ:  # a small clause: "holding Russia responsible"
                out.add(view.lemma(c))
        if d == DEP.dobj:  # "a series of strikes", "20 million dollars in aid", "mediation efforts"
            out.update(view.lemma(g) for g in kids[c] if deps[g] == DEP.compound)
            for prep in kids[c]:
                if deps[prep] == DEP.prep and (view.lowers[prep] in CONTAINER_KEYS or view.lower(prep) == "as"):
                    out.update(view.lemma(g) for g in kids[prep] if deps[g] == DEP.pobj)
    return out


def prepositions(view: ParseView, i: int) -> set[str]:
    """The words of the prepositions and particles of the token at ``i``."""
    return {view.strings[view.lowers[c]] for c in view.kids[i] if view.deps[c] in PREPOSITION_DEPS}


def mismatch(view: ParseView, i: int, p: VerbPattern, objects: set[str], preps: set[str]) -> str | None:
    """Why pattern ``p`` does not match the token at ``i`` (None when it does)."""
    pos = view.pos[i]
    if (pos == POS.NOUN) != ("noun" in p.flags):
        return "a pattern for the noun" if "noun" in p.flags else "a pattern for the verb, and this is a noun"
    if pos == POS.ADJ and "intent" not in p.flags and view.tag(i) != "VBN":  # "a free hand": no release
        return "an adjective here, not an act"
    if p.objects and not (p.objects & objects):
        return f"needs an object among {'|'.join(sorted(p.objects))}; found {'|'.join(sorted(objects)) or 'none'}"
    if "needprep" in p.flags and not (preps & set(p.preps)):
        return f"needs the preposition {'|'.join(p.preps)}"
    return nominal.background_reason(view, i) if pos == POS.NOUN else None


def _reported_obligations(view: ParseView, first: int, last: int,
                          found: dict[int, VerbPattern]) -> dict[int, VerbPattern]:
    """Speech verbs whose reported clause puts an obligation on someone ("Chirac reminded Iraq that it must
    cooperate", "the minister said Libya must hand over the suspects"): a demand or an appeal addressed to the
    clause's subject (``grammar.OBLIGATION_MODALS``), unless a specific lexicon pattern matched the speech verb."""
    out = {}
    if OBLIGATION_KEYS.keys().isdisjoint(view.lowers[first:last]):
        return out  # no "must" or "should" in the sentence
    words = word_lists()
    kids, deps = view.kids, view.deps
    for i in range(first, last):
        lemma = view.lemma(i)
        if lemma not in words.speech_verbs and lemma not in words.obligation_verbs:
            continue
        if i in found and "intent" not in found[i].flags and found[i].code[:2] != PUBLIC_STATEMENT:
            continue  # a specific pattern of the speech verb wins over the reported obligation
        for clause in (c for c in kids[i] if deps[c] == DEP.ccomp):
            modal = next((OBLIGATION_KEYS[view.lowers[a]] for a in kids[clause]
                          if deps[a] == DEP.aux and view.lowers[a] in OBLIGATION_KEYS), None)
            if modal is not None and any(deps[c] == DEP.nsubj for c in kids[clause]):
                out[i] = VerbPattern(OBLIGATION_MODALS[modal], lemma, frozenset(), (), frozenset(), None,
                                     f"rule:reported '{modal}'")
    return out
