"""Event coding over the dependency parse of one sentence.

Stage input: a parsed sentence (a spaCy ``Span``), its gazetteer matches, the article's
:class:`~eventcoder.actors.ArticleMemory`; stage output: :class:`Candidate` events (trigger, CAMEO code,
source and target actors). Dates and places are added by :mod:`eventcoder.pipeline`.

The rules, in the order they apply to each trigger (a token whose lemma has a pattern in the lexicon):

- denials ("denied", flag ``deny``) code 016 and switch off everything they govern;
- intent governors ("pledged to", "stands ready to", "agreed to", flag ``intent``) code what they govern
  as intent: the governed pattern's ``intent`` code (036 for a meeting), else 030;
- future tense ("will visit", "would deliver" in reported speech) codes the pattern's intent code, or nothing;
- negated ("did not meet", "no agreement was reached"), conditional ("if X asked"), modal ("could", "might")
  and background triggers (relative clauses, participles modifying a noun) are not coded;
- what is only demanded, alleged, threatened or charged ("urged X to stop", "charged them with setting fire")
  is not coded as having happened; participles of consequence ("..., killing six") and purpose clauses
  ("met to discuss") are not second events;
- passive voice swaps the roles: the ``by``-agent is the source and the subject the target; passive arrests
  and releases without an agent are the target country's authorities';
- joint actions (flag ``sym``) and group subjects ("both sides", "A, B and C signed") are coded both ways;
- reported obligation ("said Libya must hand over ...") is a demand on the obliged (100; "should": 020);
- a noun that refers back to an earlier event ("rejected the demand", "condemned the attack") targets
  whoever did it (``data/references.tsv``);
- targets not named in the sentence: a country named deeper in the objects, else (for joint subjects) the
  pair itself, else the article's other main actor; force with no object at all gets no guessed target.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple
from types import SimpleNamespace

from spacy.parts_of_speech import IDS
from spacy.strings import get_string_id

from .actors import ActorFinder, ArticleMemory, make_actor
from .lexicon import Lexicon, VerbPattern
from .model import Actor
from .nlp import Children, column_lists, columns, lowered, subtree_positions, token_chars, within

__all__ = ["Candidate", "SentenceCoder"]

TRIGGER_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
MODAL_SKIP = frozenset({"could", "might", "may", "should", "must", "can", "ca"})
SAY_LEMMAS = frozenset({"say", "tell", "add", "state", "note", "stress", "announce", "emphasize", "emphasise",
                        "confirm", "reiterate", "declare",
                        "report", "write", "insist", "claim"})
OBJECT_CONTROL = frozenset({"ask", "urge", "invite", "call", "encourage", "press", "request", "persuade", "tell",
                            "order", "help", "allow"})
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acomp", "oprd", "pcomp", "ccomp"})
SKIP_DEPS = frozenset({"relcl", "acl", "amod", "compound", "nmod", "pobj", "nsubj", "nsubjpass", "dobj"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
NEGATIVE_DETS = frozenset({"no", "neither", "never"})
TEMPORAL_WORDS = frozenset({"overnight", "tonight", "today", "yesterday", "monday", "tuesday", "wednesday",
                            "thursday", "friday", "saturday", "sunday"})
TARGET_PREPS = frozenset({"to", "with", "on", "for", "against", "of", "from", "into", "toward", "towards", "at",
                          "inside",
                          "over", "about", "upon"})
REPORTING_ROOTS = frozenset({"02", "10", "11", "12", "13"})
MATERIAL_ROOTS = frozenset({"06", "07", "08", "09", "14", "15", "16", "17", "18", "19", "20"})
OBJECT_PREPS = frozenset({"from", "of", "with", "to", "for", "on", "against"})
SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})
OUTWARD_ROOTS = frozenset({"03", "06", "07"})  # aid and cooperation go abroad unless a target says otherwise
FORCE_ROOTS = frozenset({"15", "17", "18", "19", "20"})
VICTIM_SECTORS = frozenset({"CVL", "REF"})
COERCIVE_ROOTS = frozenset({"17", "08"})
ARMED_ROOTS = frozenset({"18", "19", "20"})
STATEMENT_NOUNS = frozenset({"statement", "declaration", "communique", "resolution", "letter", "message",
                             "note", "ultimatum", "decree", "appeal"})
CREED_WORDS = frozenset({"islamic", "islamist", "muslim", "christian", "catholic", "orthodox", "protestant", "jewish",
                         "buddhist", "hindu", "sunni", "shia", "shiite", "socialist", "communist", "conservative",
                         "liberal", "democratic", "republican", "nationalist", "maoist", "marxist"})
"""Religious and political adjectives that spaCy tags NORP but that say nothing of a country of origin."""
SUPPORT_VERBS = frozenset({"launch", "conduct", "stage", "mount", "begin", "start", "complete", "continue",
                           "resume", "speed", "step", "intensify", "escalate", "finish", "impose", "undertake",
                           "initiate", "order", "carry", "announce", "declare"})


def _keys(texts) -> frozenset[int]:
    """The ``StringStore`` keys of dependency labels or lower-cased words, to compare with the token columns
    (:func:`eventcoder.nlp.columns`): a key is the same in every store (spaCy's symbol id, else the text's hash)."""
    return frozenset(get_string_id(t) for t in texts)


DEP = SimpleNamespace(**{label: get_string_id(label) for label in (
    "acl", "acomp", "advcl", "agent", "amod", "attr", "aux", "auxpass", "ccomp", "compound", "conj", "csubj", "dative",
    "det", "dobj", "mark", "neg", "nsubj", "nsubjpass", "oprd", "parataxis", "pcomp", "pobj", "poss", "prep", "prt",
    "relcl", "xcomp", "appos")})
"""Keys of the dependency labels the rules read from the token columns (``DEP.nsubj``)."""
POS = SimpleNamespace(**{name: IDS[name] for name in ("ADJ", "AUX", "NOUN", "NUM", "PRON", "PROPN", "VERB")})
"""Part-of-speech ids (``Token.pos``) the rules read from the token columns (``POS.VERB``)."""
TRIGGER_POS_IDS = frozenset(IDS[name] for name in TRIGGER_POS)
DENIAL_SIDE_DEPS = _keys(("advcl", "conj", "cc", "punct"))
"""What a denial governs that is not denied: what the denier goes on to do."""
SUBJECT_DEPS = _keys(("nsubj", "nsubjpass"))
OBJECT_DEPS = _keys(("dobj", "nsubjpass"))
RELATIVE_DEPS = _keys(("relcl", "acl"))
SKIP_DEP_KEYS = _keys(SKIP_DEPS)
CLIMB_DEP_KEYS = _keys(CLIMB_DEPS)
COMPLEMENT_DEPS = _keys(("xcomp", "ccomp"))
CONDITION_WORDS = _keys(("if", "unless"))
MODAL_KEYS = _keys(MODAL_SKIP)
FUTURE_KEYS = _keys(FUTURE_AUX)
NEGATIVE_DET_KEYS = _keys(NEGATIVE_DETS)
WORD = SimpleNamespace(to=get_string_id("to"), from_=get_string_id("from"), going=get_string_id("going"))
"""Keys of single lower-cased words the rules compare with (``WORD.to``)."""
OWNER_DEPS = _keys(("amod", "poss", "compound", "nmod"))
ATTACK_PREPS = _keys(("in", "by", "during"))
BETWEEN_PREPS = _keys(("by", "between", "among"))


@dataclass
class Candidate:
    """A coded event before dates, places and flattening.

    Attributes:
        source, target (Actor): the actors.
        code (str): CAMEO code.
        trigger (spacy Token): the token the pattern matched (for dates, places, explanations).
        trigger_text (str): the words shown as the trigger ("held talks").
        rule (str): the pattern (and governor) that fired.
        mood (str): "asserted" or "intent".
    """

    source: Actor
    target: Actor
    code: str
    trigger: object
    trigger_text: str
    rule: str
    mood: str = "asserted"


@dataclass
class _Match:
    token: object  # the token whose arguments are read (the governed verb for intent)
    head: object  # the token whose subject is the source (the governor for intent)
    pattern: VerbPattern
    code: str
    mood: str
    rule: str
    sym: bool


class _Tree(NamedTuple):
    """One Doc's parse as the rules read it, by token position (from :func:`eventcoder.nlp.columns`): each
    token's children, dependency label key, head, part-of-speech id, lemma key and lower-cased word key."""

    kids: Children
    dep: list[int]
    heads: list[int]
    pos: list[int]
    lemmas: list[int]
    lowers: list[int]
    strings: object


def _tree(doc) -> _Tree:
    """The :class:`_Tree` of a parsed ``doc``, made once per Doc (kept with its columns)."""
    cols = columns(doc)
    return cols.remember("events.tree", lambda: _Tree(cols.children(), cols.dep_keys, cols.heads, *column_lists(cols),
                                                      cols.strings))


class SentenceCoder:
    """Codes one sentence at a time; holds only the lexicon and the actor finder (no per-article state)."""

    def __init__(self, lexicon: Lexicon, finder: ActorFinder) -> None:
        self.lexicon = lexicon
        self.finder = finder
        # string key -> whether the lemma / the verb's possible base forms have patterns (a cache across Docs)
        self._lemma_memo: dict[int, bool] = {}
        self._form_memo: dict[int, bool] = {}

    # ------------------------------------------------------------------ matching
    def match(self, token) -> VerbPattern | None:
        """The first lexicon pattern whose lemma, object and preposition constraints ``token`` meets."""
        return self._match_at(token.doc, _tree(token.doc), token.i)

    def _match_at(self, doc, tree, i: int) -> VerbPattern | None:
        """:meth:`match` for the token at position ``i`` of ``doc`` (``tree``: its :func:`_tree`)."""
        objects = preps = None  # read from the parse only when a pattern asks for them
        for p in self._patterns_at(tree, i):
            if p.objects and objects is None:
                objects = _object_lemmas_at(doc, tree, i)
            if "needprep" in p.flags and preps is None:
                preps = _prepositions_at(tree, i)
            if _mismatch_at(doc, tree, i, p, objects or set(), preps or set()) is None:
                return p
        return None

    def _patterns_at(self, tree, i: int) -> tuple[VerbPattern, ...]:
        """The lexicon's patterns for the token at position ``i``: by its lemma, or for a verb the lemmatizer got
        wrong, by the first of its possible base forms that has any."""
        pos, lemmas, lowers = tree.pos, tree.lemmas, tree.lowers
        if pos[i] not in TRIGGER_POS_IDS:
            return ()
        patterns = self.lexicon.candidates(lowered(tree.strings, lemmas[i]))
        if not patterns and pos[i] == POS.VERB:
            patterns = next((self.lexicon.candidates(f) for f in _verb_forms(tree.strings[lowers[i]])
                             if self.lexicon.candidates(f)), ())
        return patterns

    def _found(self, sent, tree: _Tree) -> dict[int, VerbPattern]:
        """Token index -> matched pattern for every trigger of ``sent`` (``tree``: its Doc's), with the reported
        obligations of speech verbs. Only tokens whose part of speech and lemma (or, for a verb, a possible base
        form) have lexicon patterns are looked at (:meth:`_trigger_positions`)."""
        doc = sent.doc
        found = {}
        for i in within(self._trigger_positions(doc, tree), sent.start, sent.end):
            p = self._match_at(doc, tree, i)
            if p is not None:
                found[i] = p
        found.update(_deontic_speech(sent, tree, found))
        return found

    def _trigger_positions(self, doc, tree: _Tree) -> list[int]:
        """Positions, ascending, of the tokens of ``doc`` that have lexicon patterns: the test
        :meth:`_patterns_at` makes first (part of speech, lemma, or for a verb a possible base form), made once
        per Doc; the answer for each lemma or word key is kept across Docs."""
        def find() -> list[int]:
            pos, lemmas, lowers, strings = tree.pos, tree.lemmas, tree.lowers, tree.strings
            by_lemma, by_form = self._lemma_memo, self._form_memo
            out = []
            for i in cols.positions(TRIGGER_POS):
                part = pos[i]
                has = by_lemma.get(lemmas[i])
                if has is None:
                    has = by_lemma[lemmas[i]] = bool(self.lexicon.candidates(lowered(strings, lemmas[i])))
                if not has and part == POS.VERB:
                    has = by_form.get(lowers[i])
                    if has is None:
                        has = by_form[lowers[i]] = self._base_form_has_patterns(lowered(strings, lowers[i]))
                if has:
                    out.append(i)
            return out

        cols = columns(doc)
        return cols.remember(("triggers", self), find)

    def _base_form_has_patterns(self, word: str) -> bool:
        return any(self.lexicon.candidates(f) for f in _verb_forms(word))

    def near_misses(self, token) -> list[tuple[VerbPattern, str]]:
        """Patterns for ``token``'s lemma that did not match it, each with the reason (for explanations)."""
        doc, i = token.doc, token.i
        tree = _tree(doc)
        patterns = self._patterns_at(tree, i)
        if not patterns:
            return []
        objects, preps = _object_lemmas_at(doc, tree, i), _prepositions_at(tree, i)
        found = self._match_at(doc, tree, i)
        return [(p, why) for p in patterns
                if p is not found and (why := _mismatch_at(doc, tree, i, p, objects, preps))]

    def trigger_status(self, sent, gaz: dict) -> dict[int, str]:
        """For each matched trigger of ``sent`` (token index -> text): why it was not coded, or "coded" when it
        went on to argument finding. The same tests as :meth:`code`, reported instead of applied."""
        doc = sent.doc
        tree = _tree(doc)
        found = self._found(sent, tree)
        reported = _reported_only(doc, tree, found)
        matches, governed = self._screen(doc, tree, found, set(reported), gaz)
        out = {}
        for i, p in found.items():
            tok = doc[i]
            if i in reported:
                out[i] = "not coded: only asked for, demanded, alleged or denied by another trigger"
            elif (why := _suppression(doc, tree, i, p, found, gaz)) is not None:
                out[i] = f"not coded: {why}"
            elif i in governed or "deny" in p.flags or any(m.token.i == i for m in matches):
                out[i] = "coded" if i not in governed else "coded as intent via its governor"
            elif _plain_match(tok, tree, p, found, governed) is None:
                out[i] = f"not coded: {_unmatched_mood(tok, p, found, governed)}"
            else:
                out[i] = "coded"
        return out

    def code(self, sent, gaz: dict, memory: ArticleMemory) -> list[Candidate]:
        """All events of one parsed sentence, at most one per (root, source country, target country)."""
        matches = self._matches(sent, gaz)
        out: list[Candidate] = []
        seen: set[tuple] = set()
        for m in matches:
            for cand in self._arguments(m, gaz, memory):
                key = (cand.code[:2], cand.source.country, cand.target.country)
                if key in seen or _elaborates(cand, out):
                    continue
                seen.add(key)
                out.append(cand)
        for cand in out:
            memory.recent.setdefault(cand.code[:2], []).append((cand.source, cand.trigger.lemma_.lower()))
        return out

    def _matches(self, sent, gaz: dict) -> list[_Match]:
        """The triggers of a sentence that are coded, each with its code and mood."""
        doc = sent.doc
        tree = _tree(doc)
        found = self._found(sent, tree)
        suppressed = _reported_only(doc, tree, found)
        matches, governed = self._screen(doc, tree, found, suppressed, gaz)
        for i, p in found.items():
            if i in suppressed or "deny" in p.flags:
                continue
            if i in governed:
                matches.append(governed.pop(i))
                continue
            match = _plain_match(doc[i], tree, p, found, governed)
            if match is not None:
                matches.append(match)
        matches.extend(governed.values())
        return [self._specialised(m, found) for m in matches]

    def _specialised(self, m: _Match, found: dict) -> _Match:
        """An appeal, demand, rejection or intent coded by what it is about ("urged X to hold talks" -> 026)."""
        kind = _topic(m.token, found, self.lexicon.topics)
        code = self.lexicon.specialise(m.code, kind)
        if code == m.code:
            return m
        return _Match(m.token, m.head, m.pattern, code, m.mood, f"{m.rule}; about {kind} -> {code} (complements.tsv)",
                      m.sym)

    def _screen(self, doc, tree: _Tree, found: dict, suppressed: set[int],
                gaz: dict) -> tuple[list[_Match], dict[int, _Match]]:
        """First pass: drop background, negated and hypothetical triggers (into ``suppressed``), code denials
        (switching off what they deny) and collect what intent governors govern."""
        matches: list[_Match] = []
        governed: dict[int, _Match] = {}
        for i, p in found.items():
            if i in suppressed or _suppression(doc, tree, i, p, found, gaz) is not None:
                suppressed.add(i)
            elif "deny" in p.flags:  # what is denied (object, clause), not what the denier goes on to do
                suppressed.update(t for c in tree.kids[i] if tree.dep[c] not in DENIAL_SIDE_DEPS
                                  for t in subtree_positions(tree.kids, c))
                tok = doc[i]
                matches.append(_Match(tok, tok, p, p.code, "asserted", p.describe(), False))
            elif "intent" in p.flags:
                governed.update(self._govern(doc[i], p, found))
        return matches, governed

    def _govern(self, gov, p: VerbPattern, found: dict) -> dict[int, _Match]:
        """Intent governor ``gov``: code the verbs it governs (xcomp, conjoined xcomps) as intent."""
        out = {}
        for comp in _complements(gov):
            inner = found.get(comp.i)
            if inner is None or "intent" in inner.flags:
                continue
            if inner.intent is None and "futureonly" not in inner.flags:
                continue
            rule = f"{inner.describe()} as intent via {p.describe()}"
            sym = "sym" in inner.flags or "sym" in p.flags
            out[comp.i] = _Match(comp, gov, inner, inner.intent or inner.code, "intent", rule, sym)
        return out

    # ------------------------------------------------------------------ arguments
    def _arguments(self, m: _Match, gaz: dict, memory: ArticleMemory) -> list[Candidate]:
        """The events of one matched trigger: its sources and targets, paired (both ways when joint)."""
        main = _home_country(memory)
        sources, targets = self._named_arguments(m, gaz, memory)
        sources = [_with_country(s, main, "the article's main country") if not _unknown_origin(s, m.token, gaz) else s
                   for s in sources]
        sources = [a for a in sources if a.country and not (m.code[:2] == "04" and a.sector in VICTIM_SECTORS)]
        if not sources and _is_passive(m.token) and m.code[:2] in COERCIVE_ROOTS:
            sources, targets = _unnamed_authority(m.token, m.code, targets, main, gaz)
        elif not sources and targets and m.code[:2] in ARMED_ROOTS and not _has_agent(m.token) and (
                _is_passive(m.token) or self._attack_subject(m.token)):
            sources = self._attackers_named_in_attack(m.token, gaz, memory) or _unnamed_attackers(
                m.token, targets, main, gaz)
        nominal = "noun" in m.pattern.flags and _support_verb(m.token) is None
        if not sources or (nominal and not targets and len(sources) < 2):
            return []
        m, targets = self._settle_targets(m, sources, targets, main, gaz, memory)
        pairs = self._pairs(sources, targets, m, gaz, memory)
        if not pairs and not targets and not nominal and m.token.dep_ != "acl" and not _force_without_object(m):
            pairs = [(s, _no_target(m)) for s in sources]  # "X resigned", "X demanded elections": one-sided
        trigger_text = _trigger_text(m.token, m)
        cands = [Candidate(s, t, m.code, m.token, trigger_text, m.rule, m.mood) for s, t in pairs]
        for s, t in pairs:
            if m.sym and (t, s) not in pairs:
                cands.append(Candidate(t, s, m.code, m.token, trigger_text, m.rule + " (joint action, reverse)",
                                       m.mood))
        return cands

    def _attackers_named_in_attack(self, tok, gaz: dict, memory: ArticleMemory) -> list[Actor]:
        """"killed in Israeli airstrikes": the actor named in the attack noun of an in/by phrase (also one
        attached lower: "were killed and five injured in Israeli airstrikes")."""
        doc = tok.doc
        tree = _tree(doc)
        kids, dep = tree.kids, tree.dep
        pos, lowers = tree.pos, tree.lowers
        for c in subtree_positions(tree.kids, tok.i):
            if dep[c] != DEP.prep or lowers[c] not in ATTACK_PREPS:
                continue
            for noun in (g for g in kids[c] if dep[g] == DEP.pobj and pos[g] == POS.NOUN):
                p = self._match_at(doc, tree, noun)
                if p is None or p.code[:2] not in ARMED_ROOTS:
                    continue
                owners = [doc[g] for g in kids[noun] if dep[g] in OWNER_DEPS and g in gaz]
                actors = [a for a in self._resolve_all(owners, gaz, memory) if a.country]
                if actors:
                    return actors
        return []

    def _attack_subject(self, tok) -> bool:
        """The subject is an attack rather than an actor ("a roadside bombing killed ..."): a noun with a
        force pattern in the lexicon."""
        doc = tok.doc
        tree = _tree(doc)
        dep, pos = tree.dep, tree.pos
        for c in tree.kids[tok.i]:
            if dep[c] == DEP.nsubj:
                p = self._match_at(doc, tree, c) if pos[c] == POS.NOUN else None
                if p is not None and p.code[:2] in ARMED_ROOTS:
                    return True
        return False

    def _named_arguments(self, m: _Match, gaz: dict, memory: ArticleMemory) -> tuple[list[Actor], list[Actor]]:
        """Sources and targets the sentence names for the trigger (possibly without a country yet)."""
        if "noun" in m.pattern.flags:
            return self._noun_arguments(m, gaz, memory)
        passive = _is_passive(m.token) and not _stative(m.token)
        sources = self._sources(m, passive, gaz, memory)
        targets = self._resolve_all(_target_heads(m.token, m.pattern, passive, m.sym), gaz, memory)
        if not targets:
            heads = [m.token.doc[h] for h in _object_heads(m.token, m.pattern) if h in gaz]
            targets = [a for a in self._resolve_all(heads, gaz, memory) if a.country or a.sector in VICTIM_SECTORS]
        return sources, targets

    def _settle_targets(self, m: _Match, sources: list[Actor], targets: list[Actor], main: str | None, gaz: dict,
                        memory: ArticleMemory) -> tuple[_Match, list[Actor]]:
        """Fill in targets: replies to earlier events, countries of agents named without one, the real
        addressee of a statement about one's own side, and the speaker's own pledge."""
        home = sources[0].country
        if not targets:
            targets = _reply_targets(m.token, home, memory, self.lexicon.references)
        filler = main or home
        if m.code[:2] in OUTWARD_ROOTS and filler == home:
            partner = memory.partner_of(home)
            filler = partner.country if partner else filler
        why = "the article's main country" if filler == (main or home) else "the article's other main country"
        targets = [_with_country(t, filler, why) for t in targets]
        if targets and m.code[:2] in REPORTING_ROOTS and all(t.country == home for t in targets):
            targets = self._fallback_targets(m, sources[0], gaz, memory, deep_only=True) or targets
        if "deny" in m.pattern.flags:
            targets = [t for t in targets if t.country != home]
        if m.pattern.source.startswith("rule:reported") and any(_same_side(t, sources[0]) for t in targets):
            # "China and Russia should jointly uphold ...", said by China: a pledge, not an appeal
            m = _Match(m.token, m.head, m.pattern, "030", "intent", m.rule + " (speaker among those obliged)", False)
            targets = [t for t in targets if not _same_side(t, sources[0])]
        return m, targets

    def _pairs(self, sources: list[Actor], targets: list[Actor], m: _Match, gaz: dict,
               memory: ArticleMemory) -> list[tuple[Actor, Actor]]:
        """Source-target pairs: named targets; else pairs within a group subject ("both sides signed");
        else a country named deeper in the objects; else the article's other main actor."""
        group_pledge = m.mood == "intent" and all("main actors" in a.how for a in sources)  # "both sides pledged"
        if not targets and len(sources) > 1 and (m.sym or group_pledge) and "parties" not in m.pattern.flags:
            # a joint act or pledge of a group ("both sides signed"): between its members
            return [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:] if a.country != b.country]
        if not targets:
            targets = self._fallback_targets(m, sources[0], gaz, memory)
        pairs = []
        for s in sources:
            for t in targets:
                same_mention = bool(s.text) and (s.start, s.text) == (t.start, t.text)
                if s.country == t.country and (same_mention or s.sector == t.sector):
                    if not same_mention and s.guessed and not t.guessed:
                        pairs.append((_country_unknown(s), t))  # "President Bush threatened Russia"
                    continue
                pairs.append((s, t))
        return pairs

    def _fallback_targets(self, m: _Match, source: Actor, gaz: dict, memory: ArticleMemory,
                          deep_only: bool = False) -> list[Actor]:
        """Targets the sentence does not name as the trigger's object, in order of trust: an actor deeper in
        the objects; (unless ``deep_only``) a country named there; the pattern's default (own government,
        the main parties); the article's other main actor."""
        # a source whose country was only guessed: any country may be the target
        deep = self._deep_target(m, _country_unknown(source) if source.guessed else source, gaz, memory)
        if deep or deep_only:
            return deep
        named = _country_named_in_objects(m.token, gaz, source.country)
        if named is not None:
            return [named]
        if "home" in m.pattern.flags:
            return [make_actor(source.country, "GOV", None, "", "protest aimed at the source's own government")]
        if "parties" in m.pattern.flags:
            parties = [a for a in memory.dyad[:2] if a.country != source.country]
            return [Actor(a.code, a.country, a.sector, a.name, "", 0, 0, "the article's main parties") for a in parties]
        if _force_without_object(m):
            return []  # force with no object at all ("fighters dispersed") gets no guessed target
        partner = memory.partner_of(source.country)
        if partner is None:
            return []
        return [Actor(partner.code, partner.country, partner.sector, partner.name, "", 0, 0,
                      "not named in the sentence: the article's other main actor")]

    def _deep_target(self, m: _Match, source: Actor, gaz: dict, memory: ArticleMemory) -> list[Actor]:
        """The first actor of another country in the trigger's object phrases; for force, unnamed victims."""
        for head in _deep_objects(m.token):
            actors = self._resolve_all([m.token.doc[head]], gaz, memory)
            foreign = [a for a in actors if a.country and a.country != source.country]
            if foreign:
                return foreign
            victims = [a for a in actors if not a.country and a.sector in VICTIM_SECTORS]
            if victims and m.code[:2] in FORCE_ROOTS:
                return [_with_country(a, _home_country(memory), "the article's main country") for a in victims]
        return []

    def _noun_arguments(self, m: _Match, gaz: dict, memory: ArticleMemory) -> tuple[list[Actor], list[Actor]]:
        """A nominal event ("Israeli airstrikes on Lebanon", "talks between A and B"): the source is named in
        the noun phrase itself (a country adjective or possessive, or a by-phrase), else nothing is coded."""
        tok = m.token
        doc = tok.doc
        tree = _tree(doc)
        kids, dep, lowers = tree.kids, tree.dep, tree.lowers
        sources: list[Actor] = []
        for c in kids[tok.i]:
            hit = gaz.get(c)
            if dep[c] in OWNER_DEPS and hit and hit[0].country and hit[0].kind != "agent":
                sources += self.finder.resolve_one(doc[c], gaz, memory)
            elif dep[c] == DEP.prep and lowers[c] in BETWEEN_PREPS:
                sources += self._resolve_all([doc[g] for g in kids[c] if dep[g] == DEP.pobj], gaz, memory)
        if not sources and _support_verb(tok) is not None:  # "launched an offensive", "completed the withdrawal"
            sources = self._resolve_all(_subject_heads(tok.head), gaz, memory)
        targets = self._resolve_all(_target_heads(tok, m.pattern, False, m.sym), gaz, memory)
        return sources, targets

    def _sources(self, m: _Match, passive: bool, gaz: dict, memory: ArticleMemory) -> list[Actor]:
        if passive:
            doc = m.token.doc
            tree = _tree(doc)
            kids, dep = tree.kids, tree.dep
            heads = [doc[g] for a in kids[m.token.i] if dep[a] == DEP.agent for g in kids[a] if dep[g] == DEP.pobj]
            return self._resolve_all(heads, gaz, memory) if heads else self._excluding_body(m.token, gaz, memory)
        heads = _subject_heads(m.head)
        for head in heads:
            if head.lower_ in SPEAKER_PRONOUNS:
                head = _speaker(m.head) or head
            actors = self._resolve_all([head], gaz, memory)
            if actors:
                self._note_person(actors, memory)
                return actors
        if any(_could_act(h, gaz) for h in heads) or self._attack_subject(m.head):
            return []  # a subject that is someone unknown ("thousands rallied") or an attack: not the speaker's act
        speaker = _speaker(m.head)
        if speaker is not None:
            return self._resolve_all([speaker], gaz, memory)
        return []

    def _excluding_body(self, tok, gaz: dict, memory: ArticleMemory) -> list[Actor]:
        """Passive without agent, "suspended/expelled from <organisation>": the organisation acted."""
        doc = tok.doc
        tree = _tree(doc)
        kids, dep, lowers = tree.kids, tree.dep, tree.lowers
        for c in kids[tok.i]:
            if dep[c] != DEP.prep or lowers[c] != WORD.from_:
                continue
            for obj in (g for g in kids[c] if dep[g] == DEP.pobj):
                owners = [doc[obj]] + [doc[g] for g in kids[obj] if dep[g] == DEP.poss]
                bodies = [a for a in self._resolve_all(owners, gaz, memory) if a.sector == "IGO"]
                if bodies:
                    return bodies
        return []

    def _resolve_all(self, heads, gaz: dict, memory: ArticleMemory) -> list[Actor]:
        out: list[Actor] = []
        for h in heads:
            for a in self.finder.resolve(h, gaz, memory):
                if a is not None and a not in out:
                    out.append(a)
        return out

    @staticmethod
    def _note_person(actors: list[Actor], memory: ArticleMemory) -> None:
        if len(actors) == 1 and actors[0].name and actors[0].sector not in (None, "IGO") and " " in (
                actors[0].name or ""):
            memory.set_last_person(actors[0])


# ---------------------------------------------------------------------- parse helpers (pure functions)
def _tag(doc, i: int) -> str:
    """The fine-grained tag of the token at ``i`` (not among the columns: read for the few tokens that need it)."""
    return doc[i].tag_


OBJECT_LEMMA_DEPS = _keys(("dobj", "nsubjpass", "attr", "prt", "advmod", "oprd", "xcomp"))
PREP_OBJECT_DEPS = _keys(("pobj", "pcomp"))
OF_IN = _keys(("of", "in"))


def _object_lemmas_at(doc, tree, i: int) -> set[str]:
    """Lower-cased lemmas of what the token at ``i`` acts on (objects, particles, prepositional and compound
    objects, a reported clause's subject), for the lexicon's object constraints."""
    kids, dep, strings = tree.kids, tree.dep, tree.strings
    lemmas, lowers = tree.lemmas, tree.lowers

    def lemma(j: int) -> str:
        return lowered(strings, lemmas[j])

    out = {lemma(tree.heads[i])} if _verb_parsed_as_modifier_at(doc, tree, i) else set()
    for c in kids[i]:
        d = dep[c]
        if d in OBJECT_LEMMA_DEPS:
            out.add(lemma(c))
        elif d == DEP.prep:
            out.update(lemma(g) for g in kids[c] if dep[g] in PREP_OBJECT_DEPS)
        elif d == DEP.ccomp:
            out.update(lemma(g) for g in kids[c] if dep[g] == DEP.nsubj)
        if d == DEP.dobj:  # "a series of strikes", "20 million dollars in aid", "mediation efforts"
            out.update(lemma(g) for g in kids[c] if dep[g] == DEP.compound)
            for prep in kids[c]:
                if dep[prep] == DEP.prep and lowers[prep] in OF_IN:
                    out.update(lemma(g) for g in kids[prep] if dep[g] == DEP.pobj)
    return out


OBLIGING_LEMMAS = SAY_LEMMAS | {"remind", "reminder"}
"""Verbs that can report an obligation on someone else."""
DEONTIC = {"must": "100", "should": "020"}
"""Reported obligation ("X said Y must hand over ...") is a demand (100); "should" an appeal (020)."""


DEONTIC_KEYS = {get_string_id(word): word for word in DEONTIC}


def _deontic_speech(sent, tree: _Tree, found: dict) -> dict[int, VerbPattern]:
    """Speech verbs whose reported clause puts an obligation on someone ("Chirac reminded Iraq that it must
    cooperate", "the minister said Libya must hand over the suspects"): coded as a demand or an appeal
    addressed to the clause's subject, unless a lexicon pattern already matched the speech verb."""
    out = {}
    kids, dep, lemmas, lowers = tree.kids, tree.dep, tree.lemmas, tree.lowers
    if DEONTIC_KEYS.keys().isdisjoint(lowers[sent.start:sent.end]):
        return out  # no "must" or "should" in the sentence
    for i in range(sent.start, sent.end):
        if lowered(tree.strings, lemmas[i]) not in OBLIGING_LEMMAS:
            continue
        if i in found and "intent" not in found[i].flags and found[i].code[:2] != "01":
            continue  # a specific pattern of the speech verb wins over the reported obligation
        for clause in (c for c in kids[i] if dep[c] == DEP.ccomp):
            modal = next((DEONTIC_KEYS[lowers[a]] for a in kids[clause]
                          if dep[a] == DEP.aux and lowers[a] in DEONTIC_KEYS), None)
            if modal is not None and any(dep[c] == DEP.nsubj for c in kids[clause]):
                out[i] = VerbPattern(DEONTIC[modal], lowered(tree.strings, lemmas[i]), frozenset(), (), frozenset(),
                                     None, f"rule:reported '{modal}'")
    return out


REPORTED_PREPS = _keys(("of", "for", "to"))
ALLEGED_PREPS = _keys(("with", "for", "over", "on", "into"))


def _reported_only(doc, tree: _Tree, found: dict) -> set[int]:
    """Triggers that are only demanded, requested, alleged, threatened or denied by another trigger
    ("urged X to stop", "demanded that Kabul hand over", "accused X of attacking"): not coded as events."""
    out: set[int] = set()
    kids, dep, lowers = tree.kids, tree.dep, tree.lowers
    for i, p in found.items():
        if "futureonly" in p.flags and not _future_at(tree, i):
            continue
        if p.code[:2] in REPORTING_ROOTS or "deny" in p.flags:
            for c in kids[i]:
                if dep[c] in COMPLEMENT_DEPS or (dep[c] == DEP.advcl and _purpose_clause_at(tree, c)) or (
                        dep[c] == DEP.prep and lowers[c] in REPORTED_PREPS):
                    out.update(t for t in subtree_positions(tree.kids, c) if not _verb_parsed_as_modifier_at(doc, tree, t))
        elif p.code[:2] in ("17", "09"):  # "charged them with setting fire", "arrested for spying": alleged acts
            for c in kids[i]:
                if dep[c] == DEP.prep and lowers[c] in ALLEGED_PREPS:
                    out.update(subtree_positions(tree.kids, c))
    return out


def _statement_participle_at(doc, tree, i: int) -> bool:
    """"issued a statement demanding that ...": the participle (at position ``i``) says what the statement does;
    it is the act of whoever issued it."""
    dep, head = tree.dep, tree.heads[i]
    return (dep[i] == DEP.acl and dep[head] == DEP.dobj
            and lowered(tree.strings, tree.lemmas[head]) in STATEMENT_NOUNS
            and not any(dep[c] in SUBJECT_DEPS for c in tree.kids[i]) and _tag(doc, i) == "VBG")


DETERMINER_DEPS = _keys(("det", "poss"))


def _verb_parsed_as_modifier_at(doc, tree, i: int) -> bool:
    """A finite verb (at position ``i``) the parser took for a participle modifying its own object ("..., and
    extended[amod] congratulations[conj] on ..."): a verb tagged as one, modifying a determiner-less noun that
    is itself coordinated with a verb."""
    pos, dep, heads = tree.pos, tree.dep, tree.heads
    if pos[i] != POS.VERB or dep[i] != DEP.amod:
        return False
    head = heads[i]
    return (dep[head] == DEP.conj and pos[heads[head]] == POS.VERB
            and not any(dep[c] in DETERMINER_DEPS for c in tree.kids[head]) and _tag(doc, i) in ("VBD", "VBN"))


def _background(doc, tree, i: int, pattern: VerbPattern | None = None) -> bool:
    """Triggers inside relative clauses, noun modifiers or argument positions (background events),
    purpose clauses ("held a meeting to discuss"), and participles of consequence ("..., killing six
    soldiers") for material acts. The token at position ``i`` of ``doc`` (``tree``: its :func:`_tree`)."""
    pos, dep, heads, kids = tree.pos, tree.dep, tree.heads, tree.kids
    if dep[i] == DEP.advcl and _purpose_clause_at(tree, i):
        return True
    if _verb_parsed_as_modifier_at(doc, tree, i) or _statement_participle_at(doc, tree, i):
        return False
    participle = i
    while dep[participle] == DEP.conj and _tag(doc, participle) == "VBG" and heads[participle] != participle:
        participle = heads[participle]  # "..., damaging buildings and injuring two"
    if (dep[participle] == DEP.advcl and pattern is not None and pattern.code[:2] in MATERIAL_ROOTS
            and not any(dep[c] in SUBJECT_DEPS for c in kids[i]) and _tag(doc, i) == "VBG"):
        return True
    if dep[i] == DEP.acl and any(dep[c] == DEP.agent for c in kids[i]) and _tag(doc, i) == "VBN":
        return False  # "a ceasefire brokered by Qatar": a reduced passive naming its actor is an event
    if dep[i] in SKIP_DEP_KEYS and pos[i] != POS.ADJ:
        return pos[i] in (POS.VERB, POS.AUX) or dep[i] in RELATIVE_DEPS
    return dep[i] in RELATIVE_DEPS


NEGATED_DEPS = _keys(("dobj", "nsubjpass", "nsubj"))
DEPENDENT_DEPS = _keys(("xcomp", "acomp"))
CHAIN_DEPS = _keys(("xcomp", "conj"))


def _negated(tree, i: int) -> bool:
    """The token at position ``i`` is negated ("did not meet") or its subject or object is ("no agreement was
    reached"), or it complements a negated verb."""
    kids, dep, lowers = tree.kids, tree.dep, tree.lowers
    for c in kids[i]:
        if dep[c] == DEP.neg:
            return True
        if dep[c] in NEGATED_DEPS and any(dep[d] == DEP.det and lowers[d] in NEGATIVE_DET_KEYS for d in kids[c]):
            return True
    if dep[i] in DEPENDENT_DEPS and any(dep[c] == DEP.neg for c in kids[tree.heads[i]]):
        return True
    return False


def _hypothetical(tree, i: int) -> bool:
    """The token at position ``i``, or a verb it is chained to (xcomp, conj; six levels), has a condition
    ("if", "unless") or a modal auxiliary (MODAL_SKIP)."""
    kids, dep, heads, lowers = tree.kids, tree.dep, tree.heads, tree.lowers
    t = i
    for _ in range(6):
        if any(dep[c] == DEP.mark and lowers[c] in CONDITION_WORDS for c in kids[t]):
            return True
        if any(dep[c] == DEP.aux and lowers[c] in MODAL_KEYS for c in kids[t]):
            return True
        if dep[t] not in CHAIN_DEPS or heads[t] == t:
            break
        t = heads[t]
    return False


def _future_at(tree, i: int) -> bool:
    """The token at position ``i``, or a verb it is chained to (xcomp, conj; six levels), is in the future
    ("will", "would", "going to")."""
    kids, dep, heads, lowers = tree.kids, tree.dep, tree.heads, tree.lowers
    t = i
    for _ in range(6):
        if any(dep[c] == DEP.aux and lowers[c] in FUTURE_KEYS for c in kids[t]):
            return True
        if any(dep[c] == DEP.aux and lowers[c] == WORD.going for c in kids[t]):
            return True
        if dep[t] not in CHAIN_DEPS or heads[t] == t:
            break
        t = heads[t]
    return False


GOVERNED_DEPS = _keys(("xcomp", "conj", "pcomp", "pobj", "prep", "acomp", "advcl"))


def _governed_by_intent(tree, i: int, found: dict) -> bool:
    """A verb above the token at position ``i`` (through complements, conjuncts, prepositions; six levels)
    is a matched intent governor."""
    dep, heads = tree.dep, tree.heads
    t = i
    for _ in range(6):
        if dep[t] not in GOVERNED_DEPS or heads[t] == t:
            return False
        t = heads[t]
        p = found.get(t)
        if p is not None and "intent" in p.flags:
            return True
    return False


def _complements(gov) -> list:
    """Verbs that an intent governor governs: its xcomp (and what hangs on it), "to"-phrases, conjuncts."""
    out = []
    for c in gov.children:
        if c.dep_ in ("xcomp", "ccomp"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("to", "on"):
            out.extend(g for g in c.children if g.dep_ in ("pcomp", "pobj"))
        elif c.dep_ == "acomp":
            out.extend(g for g in c.children if g.dep_ == "xcomp")
    more = []
    for c in out:
        more.extend(x for x in c.conjuncts if x.pos_ in ("VERB", "AUX"))
        more.extend(x for x in c.children if x.dep_ == "xcomp")
    return out + more


ROOT_KINDS = {"04": "meet", "05": "diplomatic", "06": "material", "07": "aid", "08": "yield"}
"""What a complement verb's own root says an appeal or demand is about."""


TOPIC_OBJECT_DEPS = _keys(("dobj", "xcomp"))
TOPIC_PREPS = _keys(("for", "on", "to"))


def _topic(tok, found: dict, topics: dict[str, str]) -> str | None:
    """What an appeal, demand, rejection or intent is about: a complement verb the lexicon codes (by its root),
    or a complement verb or object noun listed in topics.tsv ("to hold talks", "for the release of")."""
    tree = _tree(tok.doc)
    kids, dep = tree.kids, tree.dep
    lemmas, lowers = tree.lemmas, tree.lowers
    candidates = []
    for c in kids[tok.i]:
        if dep[c] in COMPLEMENT_DEPS:
            candidates += [c, *[x for x in kids[c] if dep[x] in TOPIC_OBJECT_DEPS]]
        elif dep[c] == DEP.dobj:
            candidates.append(c)
        elif dep[c] == DEP.prep and lowers[c] in TOPIC_PREPS:
            candidates += [g for g in kids[c] if dep[g] in PREP_OBJECT_DEPS]
    for cand in candidates:
        pattern = found.get(cand)
        if pattern is not None and pattern.code[:2] in ROOT_KINDS:
            return ROOT_KINDS[pattern.code[:2]]
        lemma = lowered(tree.strings, lemmas[cand])
        if lemma in topics:
            return topics[lemma]
    return None


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


def _has_patient(tok, gaz: dict) -> bool:
    """Whether the trigger acts on people ("released two prisoners", "they were freed"), not on things
    ("released a statement"): its object is an actor word, a person, a pronoun or a number of people."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ == "acl":
        objects.append(tok.head)
    return any(o.i in gaz or o.pos_ in ("PRON", "NUM") or o.ent_type_ in ("PERSON", "NORP") or o.like_num
               for o in objects)


def _plain_match(tok, tree: _Tree, p: VerbPattern, found: dict, governed: dict) -> _Match | None:
    """A trigger not governed by another: its own code, or its intent code when announced ("will visit");
    ``tree``: its Doc's."""
    i = tok.i
    if "intent" in p.flags:
        if "govonly" in p.flags or any(m.head == tok for m in governed.values()) or _governed_by_intent(tree, i, found):
            return None
        return _Match(tok, tok, p, p.code, "intent", p.describe(), "sym" in p.flags)
    if _governed_by_intent(tree, i, found):
        return None
    future = _future_at(tree, i) and "state" not in p.flags
    if "futureonly" in p.flags and not future:
        return None
    if future:
        if p.intent is None:
            return None
        return _Match(tok, tok, p, p.intent, "intent", f"{p.describe()}; announced -> intent {p.intent}",
                      "sym" in p.flags)
    return _Match(tok, tok, p, p.code, "asserted", p.describe(), "sym" in p.flags)


def _mismatch_at(doc, tree, i: int, p: VerbPattern, objects: set[str], preps: set[str]) -> str | None:
    """Why pattern ``p`` does not match the token at position ``i`` of ``doc`` (None when it does)."""
    pos = tree.pos[i]
    if (pos == POS.NOUN) != ("noun" in p.flags):
        return "a pattern for the noun" if "noun" in p.flags else "a pattern for the verb, and this is a noun"
    if pos == POS.ADJ and "intent" not in p.flags and _tag(doc, i) != "VBN":  # "a free hand": no release
        return "an adjective here, not an act"
    if p.objects and not (p.objects & objects):
        return f"needs an object among {'|'.join(sorted(p.objects))}; found {'|'.join(sorted(objects)) or 'none'}"
    if "needprep" in p.flags and not (preps & set(p.preps)):
        return f"needs the preposition {'|'.join(p.preps)}"
    return None


PREPOSITION_DEPS = _keys(("prep", "dative", "agent", "prt"))


def _prepositions_at(tree, i: int) -> set[str]:
    """The words of the prepositions and particles of the token at position ``i``."""
    dep, lowers, strings = tree.dep, tree.lowers, tree.strings
    return {strings[lowers[c]] for c in tree.kids[i] if dep[c] in PREPOSITION_DEPS}


def _suppression(doc, tree, i: int, p: VerbPattern, found: dict, gaz: dict) -> str | None:
    """Why the matched trigger at position ``i`` of ``doc`` (``tree``: its :func:`_tree`) is not an event of its own
    (None when nothing stops it)."""
    if "noun" in p.flags and _light_verb_object(tree, i, found):
        return "the object of a light verb, coded there"
    if _background(doc, tree, i, p):
        return "background (relative clause, modifier, purpose clause or consequence)"
    if "noun" in p.flags and _unrealised_verb(tree, i, found):
        return "the object of a verb that is only intended, announced or hypothetical"
    if _opinion_sense(doc, tree, i, p):
        return "says what someone thinks (a that-clause), not an act"
    if _negated(tree, i):
        return "negated"
    if _hypothetical(tree, i):
        return "conditional or modal (if, could, might, must ...)"
    if "patient" in p.flags and not _has_patient(doc[i], gaz):
        return "acts on no people"
    return None


OPINION_BLOCKING_DEPS = _keys(("dobj", "xcomp", "dative"))


def _opinion_sense(doc, tree, i: int, p: VerbPattern) -> bool:
    """"Cabinet agreed it was vital ...", "he had hoped Assad would ...", "it demonstrates how reckless ...": an
    act verb whose complement is a clause of opinion rather than an object (statements and appeals excepted)."""
    if p.code[:2] in REPORTING_ROOTS or p.code[:2] == "01" or "deny" in p.flags or tree.pos[i] == POS.NOUN:
        return False
    kids, dep = tree.kids[i], tree.dep
    if any(dep[c] in OPINION_BLOCKING_DEPS for c in kids):
        return False
    return any(dep[c] == DEP.ccomp and _describes(doc, tree, c) for c in kids)


PLANNING_AUX_DEPS = _keys(("aux", "auxpass"))
PLANNING_WORDS = _keys(("to", "will", "would", "should", "must", "shall", "'ll"))


def _describes(doc, tree, clause: int) -> bool:
    """A finite clause (its head at position ``clause``) that describes rather than plans: no "to", no
    will/would/should/must/shall."""
    dep, lowers = tree.dep, tree.lowers
    return not any(dep[a] in PLANNING_AUX_DEPS and lowers[a] in PLANNING_WORDS for a in tree.kids[clause]) and (
        _tag(doc, clause) not in ("VB", "VBG"))


NOMINAL_OBJECT_DEPS = _keys(("dobj", "pobj"))


def _unrealised_verb(tree, i: int, found: dict) -> bool:
    """A nominal event (at position ``i``) that is the object of a verb in the future, a condition or an intent
    ("would be ready to host a meeting", "will hold talks"): what happens to it has not happened."""
    pos, lemmas = tree.pos, tree.lemmas
    dep, heads = tree.dep, tree.heads
    verb = heads[heads[i]] if dep[i] == DEP.pobj else heads[i]
    if dep[i] not in NOMINAL_OBJECT_DEPS or pos[verb] not in (POS.VERB, POS.AUX):
        return False
    # "told them to conduct attacks"
    requested = dep[verb] == DEP.xcomp and lowered(tree.strings, lemmas[heads[verb]]) in OBJECT_CONTROL
    return requested or _purpose_clause_at(tree, verb) or _future_at(tree, verb) or _hypothetical(tree, verb) or (
        _governed_by_intent(tree, verb, found))


def _unmatched_mood(tok, p: VerbPattern, found: dict, governed: dict) -> str:
    """Why :func:`_plain_match` refused a trigger."""
    if "intent" in p.flags:
        return "an intent verb whose complement is coded, or that codes nothing alone"
    if _governed_by_intent(_tree(tok.doc), tok.i, found):
        return "governed by an intent verb whose pattern has no intent code for it"
    if "futureonly" in p.flags:
        return "coded only when announced or promised"
    return "announced or future, and the pattern has no intent code"


def _elaborates(cand: Candidate, coded: list[Candidate]) -> bool:
    """A participle that only describes the act of its head verb for the same dyad ("rejected the demand,
    calling it unlawful"; "denied it, saying ..."): not a second event."""
    tok = cand.trigger
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    return any(other.trigger == tok.head and (other.source.country, other.target.country) == (
        cand.source.country, cand.target.country) for other in coded)


def _light_verb_object(tree, i: int, found: dict) -> bool:
    """True when a noun trigger (at position ``i``) is the object of a matched light-verb pattern ("held
    talks")."""
    head = tree.heads[i]
    if tree.dep[head] == DEP.prep:
        head = tree.heads[head]
    p = found.get(head)
    return p is not None and lowered(tree.strings, tree.lemmas[i]) in p.objects


def _is_passive(tok) -> bool:
    """Passive voice, including a reduced passive naming its agent ("a ceasefire brokered by Qatar") and a
    bare participle clause ("when asked about ...": the subject is the one asked)."""
    return _is_passive_at(tok.doc, _tree(tok.doc), tok.i)


PASSIVE_DEPS = _keys(("nsubjpass", "auxpass"))
FINITE_DEPS = _keys(("nsubj", "aux"))


def _is_passive_at(doc, tree, i: int) -> bool:
    """:func:`_is_passive` for the token at position ``i``."""
    kids, dep = tree.kids[i], tree.dep
    if any(dep[c] in PASSIVE_DEPS for c in kids):
        return True
    if dep[i] == DEP.acl:
        return any(dep[c] == DEP.agent for c in kids) and _tag(doc, i) == "VBN"
    if dep[i] == DEP.advcl:
        return not any(dep[c] in FINITE_DEPS for c in kids) and _tag(doc, i) == "VBN"
    return False


def _subject_heads(tok) -> list:
    """Subjects of ``tok``, inherited from the verbs it depends on (xcomp, conj, advcl ...) when it has none."""
    doc = tok.doc
    return [doc[j] for j in _subjects_at(doc, _tree(doc), tok.i)]


ACTIVE_SUBJECT_DEPS = _keys(("nsubj", "csubj"))


def _subjects_at(doc, tree, i: int) -> list[int]:
    """:func:`_subject_heads` of the token at position ``i``, as positions."""
    kids, dep, heads, lemmas = tree.kids, tree.dep, tree.heads, tree.lemmas
    t = i
    if _statement_participle_at(doc, tree, i):  # "X issued a statement demanding ...": X's demand
        return _subjects_at(doc, tree, heads[heads[i]])
    if _verb_parsed_as_modifier_at(doc, tree, i):  # "X asked Y to convey ..., and extended congratulations": X's act
        t = heads[heads[i]]
        while dep[t] in CHAIN_DEPS and heads[t] != t:
            t = heads[t]
    for _ in range(8):
        subs = [c for c in kids[t] if dep[c] in ACTIVE_SUBJECT_DEPS]
        # "is expected to", "is committed to"
        if not subs and (any(dep[c] == DEP.xcomp for c in kids[t]) or _stative_at(tree, t)):
            subs = [c for c in kids[t] if dep[c] == DEP.nsubjpass]
        if subs:
            return subs
        if dep[t] == DEP.xcomp and lowered(tree.strings, lemmas[heads[t]]) in OBJECT_CONTROL:
            objs = [c for c in kids[heads[t]] if dep[c] == DEP.dobj]
            if objs:
                return objs
        if dep[t] not in CLIMB_DEP_KEYS or heads[t] == t or dep[t] == DEP.ccomp:
            break
        t = heads[t]
    return []


SPEECH_CLAUSE_DEPS = _keys(("parataxis", "advcl"))


def _speaker(tok):
    """The subject of the nearest speech verb governing ``tok`` ("..., Wang said")."""
    doc = tok.doc
    found = _speaker_at(doc, _tree(doc), tok.i)
    return None if found is None else doc[found]


def _speaker_at(doc, tree, i: int) -> int | None:
    """:func:`_speaker` of the token at position ``i``, as a position."""
    kids, dep, heads, lemmas, strings = tree.kids, tree.dep, tree.heads, tree.lemmas, tree.strings
    t = i
    for _ in range(8):
        if t != i and lowered(strings, lemmas[t]) in SAY_LEMMAS:
            subs = _subjects_at(doc, tree, t)
            if subs:
                return subs[0]
        for c in kids[t]:
            if dep[c] in SPEECH_CLAUSE_DEPS and lowered(strings, lemmas[c]) in SAY_LEMMAS:
                subs = [g for g in kids[c] if dep[g] == DEP.nsubj]
                if subs:
                    return subs[0]
        if heads[t] == t:
            break
        t = heads[t]
    return None


def _target_heads(tok, pattern: VerbPattern, passive: bool, sym: bool) -> list:
    """Heads of the phrases naming the target: the object (the passive subject), the pattern's prepositions
    on the trigger or its light-verb object, else the subject of a reported clause."""
    doc = tok.doc
    return [doc[j] for j in _target_positions(doc, _tree(doc), tok.i, pattern, passive, sym)]


HOLDER_DEPS = _keys(("dobj", "xcomp"))


def _target_positions(doc, tree, i: int, pattern: VerbPattern, passive: bool, sym: bool) -> list[int]:
    """:func:`_target_heads` of the trigger at position ``i``, as positions."""
    kids, dep, lemmas = tree.kids, tree.dep, tree.lemmas
    heads = []
    preps = set(pattern.preps) | ({"with"} if sym else set())
    holders = [i] + [c for c in kids[i] if dep[c] in HOLDER_DEPS and lowered(tree.strings, lemmas[c]) in pattern.objects]
    if passive and dep[i] == DEP.acl:  # "the sites bombed by Israel": the modified noun is the target
        heads.append(tree.heads[i])
    for holder in holders:
        heads += _holder_targets(tree, holder, i, pattern, passive, preps if holder == i else preps | OBJECT_PREPS)
    return heads or _reported_subjects(doc, tree, i)


DIRECT_DEPS = _keys(("dobj", "dative", "attr"))


def _holder_targets(tree, holder: int, i: int, pattern: VerbPattern, passive: bool, preps: set) -> list[int]:
    """Target heads (positions) on one holder (the trigger at ``i`` or its light-verb object): the passive
    subject or object, and the objects of the pattern's prepositions; when the pattern names a recipient
    preposition ("offered its troops to Lebanon"), the direct object is the thing given, not the target."""
    kids, dep, strings = tree.kids, tree.dep, tree.strings
    lemmas, lowers = tree.lemmas, tree.lowers
    direct, recipients = [], []
    for c in kids[holder]:
        if passive and dep[c] == DEP.nsubjpass and lowered(strings, lemmas[c]) not in pattern.objects:
            direct.append(c)
        elif dep[c] in DIRECT_DEPS and holder == i and lowered(strings, lemmas[c]) not in pattern.objects:
            direct.append(c)
        elif dep[c] == DEP.prep and strings[lowers[c]] in preps:
            recipients.extend(g for g in kids[c] if dep[g] == DEP.pobj)
    if recipients and "to" in pattern.preps and holder == i and not passive:
        return recipients + [c for c in direct if dep[c] == DEP.dative]
    return direct + recipients


def _reported_subjects(doc, tree, i: int) -> list[int]:
    """"demanded that Kabul hand over ...": the reported clause's subject (or its first named place or group),
    as positions."""
    kids, dep, pos = tree.kids, tree.dep, tree.pos
    heads = []
    for c in kids[i]:
        if dep[c] == DEP.ccomp:
            subjects = [g for g in kids[c] if dep[g] in SUBJECT_DEPS]
            named = subjects or next(([t] for t in subtree_positions(tree.kids, c) if pos[t] == POS.PROPN
                                      and doc[t].ent_type_ in ("GPE", "NORP", "ORG")), [])
            heads.extend(named)
    return heads


def _purpose_clause_at(tree, i: int) -> bool:
    """An infinitive of purpose (its verb at position ``i``: "... to help Laos")."""
    dep, lowers = tree.dep, tree.lowers
    return any(dep[c] == DEP.aux and lowers[c] == WORD.to for c in tree.kids[i])


def _unnamed_authority(tok, code: str, targets: list[Actor], main: str | None,
                       gaz: dict) -> tuple[list[Actor], list[Actor]]:
    """Passive coercion or release without an agent ("dozens were detained", "they were released"): the
    police (17) or government (08) of the target's country."""
    if not targets and main and _unnamed_people(tok, gaz):
        targets = [make_actor(main, "CVL", None, "", "unnamed people of the article's main country")]
    if not targets:
        return [], targets
    t = _with_country(targets[0], main, "the article's main country")
    sector = "COP" if code[:2] == "17" else "GOV"
    how = "unnamed authority of the target's country (passive without agent)"
    return [make_actor(t.country, sector, None, "", how)], targets


def _same_side(a: Actor, b: Actor) -> bool:
    """Same country and no different sector named (a government and its country; not rebels and government)."""
    return a.country == b.country and (a.sector == b.sector or not a.sector or not b.sector or
                                       {a.sector, b.sector} <= {"GOV", "MIL", "LEG", "JUD"})


def _stative(tok) -> bool:
    """A participle used as an adjective of stance, with no agent ("Vietnam is committed to ...", "Israel is
    opposed to ..."): its subject holds the stance, as in the active voice."""
    return _stative_at(_tree(tok.doc), tok.i)


def _stative_at(tree, i: int) -> bool:
    """:func:`_stative` for the token at position ``i``."""
    kids, dep = tree.kids[i], tree.dep
    lemmas, lowers = tree.lemmas, tree.lowers
    if any(dep[c] == DEP.agent for c in kids):
        return False
    return any(dep[c] == DEP.prep and lowers[c] == WORD.to for c in kids) and lowered(
        tree.strings, lemmas[i]) != "expect"


def _support_verb(tok):
    """The verb that carries a nominal event as its object ("launched an offensive", "began the
    withdrawal"), when it is one of SUPPORT_VERBS; else None."""
    tree, i = _tree(tok.doc), tok.i
    head = tree.heads[i]
    pos, lemmas = tree.pos, tree.lemmas
    if tree.dep[i] == DEP.dobj and pos[head] == POS.VERB and lowered(tree.strings, lemmas[head]) in SUPPORT_VERBS:
        return tok.doc[head]
    return None


def _unnamed_attackers(tok, targets: list[Actor], main: str | None, gaz: dict) -> list[Actor]:
    """Violence whose perpetrator is not named ("three civilians were killed in a bombing in Baghdad", "a
    roadside bomb killed a soldier"): unidentified armed forces (UAF) of the country where it happened (a
    country named in the trigger's place phrases), else of the victims' country, else the article's."""
    country = _place_country(tok, gaz) or next((t.country for t in targets if t.country), None) or main
    if country is None:
        return []
    return [make_actor(country, "UAF", None, "", "unnamed attackers (no agent named) in the country where it happened")]


PLACE_PREPS = _keys(("in", "near", "at", "outside"))


def _place_country(tok, gaz: dict) -> str | None:
    """The country of the first place named in the trigger's "in"/"near"/"at" phrases (nested ones too)."""
    tree = _tree(tok.doc)
    dep, lowers = tree.dep, tree.lowers
    for c in tree.kids[tok.i]:
        if dep[c] != DEP.prep or lowers[c] not in PLACE_PREPS:
            continue
        for t in subtree_positions(tree.kids, c):
            hit = gaz.get(t)
            if hit and hit[0].kind in ("country", "capital", "place", "city") and hit[0].country:
                return hit[0].country
    return None


def _condition_at(tree, i: int) -> bool:
    """A condition clause (its head at position ``i``: "... if Tehran rebuilds"): in a threat, whoever it names
    is the target."""
    dep, lowers = tree.dep, tree.lowers
    return any(dep[c] == DEP.mark and lowers[c] in CONDITION_WORDS for c in tree.kids[i])


def _could_act(tok, gaz: dict) -> bool:
    """Whether a subject names someone (a number of people, an agent word, a person or organisation),
    as opposed to a thing ("the protest was groundless")."""
    return tok.like_num or tok.i in gaz or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.lemma_.lower() in (
        "thousand", "hundred", "dozen", "million", "crowd")


def _unnamed_people(tok, gaz: dict) -> bool:
    """The passive subject is people left unnamed ("Some of those detained", "Two of them", "dozens")."""
    subjects = [c for c in tok.children if c.dep_ == "nsubjpass"]
    return bool(subjects) and all(c.pos_ in ("PRON", "NUM") or c.i in gaz for c in subjects)


def _object_heads(tok, pattern: VerbPattern) -> list[int]:
    """The trigger's own required object when it names people ("killed civilians", "expelled diplomats"), as
    positions."""
    tree = _tree(tok.doc)
    dep, lemmas = tree.dep, tree.lemmas
    return [c for c in tree.kids[tok.i] if dep[c] in OBJECT_DEPS and lowered(tree.strings, lemmas[c]) in pattern.objects]


DEEP_DEPS = _keys(("dobj", "prep", "xcomp", "dative", "attr", "nsubjpass", "ccomp", "prt", "oprd"))
UNENTERED_DEPS = _keys(("relcl", "acl", "appos"))
TARGET_PREP_KEYS = _keys(TARGET_PREPS)
NAMING_POS = frozenset({POS.PROPN, POS.NOUN, POS.ADJ})


def _deep_objects(tok) -> list[int]:
    """Nouns in the trigger's object phrases and complements (second-choice targets), nearest first, as
    positions.

    Phrases of place and circumstance ("within the UN", "in Bishkek", "near the town"), adverbial clauses
    other than infinitives of purpose ("to help Laos") and conditions ("if Tehran ..."), and relative clauses
    are not entered.
    """
    tree = _tree(tok.doc)
    kids, dep = tree.kids, tree.dep
    pos, lowers = tree.pos, tree.lowers
    out = []
    stack = [c for c in kids[tok.i] if dep[c] in DEEP_DEPS or (dep[c] == DEP.advcl and _purpose_clause_at(tree, c))]
    while stack:
        t = stack.pop(0)
        if dep[t] == DEP.prep and lowers[t] not in TARGET_PREP_KEYS:
            continue
        if dep[t] in UNENTERED_DEPS or (dep[t] == DEP.advcl and not (_purpose_clause_at(tree, t) or _condition_at(tree, t))):
            continue
        if pos[t] in NAMING_POS:
            out.append(t)
        stack.extend(kids[t])
    return out


NAMED_OBJECT_DEPS = _keys(("dobj", "prep", "dative", "nsubjpass"))


def _country_named_in_objects(tok, gaz: dict, exclude: str | None) -> Actor | None:
    """Last resort before guessing: a country (not a capital, not an organisation) named anywhere in the
    trigger's objects, place phrases included ("lifted a curfew in Montenegro")."""
    tree = _tree(tok.doc)
    for c in tree.kids[tok.i]:
        if tree.dep[c] not in NAMED_OBJECT_DEPS:
            continue
        for t in subtree_positions(tree.kids, c):
            hit = gaz.get(t)
            if hit and hit[0].kind in ("country", "adjective", "demonym") and hit[0].country != exclude:
                entry = hit[0]
                return make_actor(entry.country, "GOV", entry.name, tok.doc[t].text,
                                  f"{entry.kind} '{entry.phrase}' ({entry.source}) named in the objects", 0, 0)
    return None


def _home_country(memory: ArticleMemory) -> str | None:
    """The country of agents named without one ("the foreign ministry", "police"): the dateline's country
    when the article names it more than once, else the article's most mentioned country."""
    if memory.dateline_country and memory.dateline_country in memory.recurring:
        return memory.dateline_country
    return memory.dyad[0].country if memory.dyad else memory.dateline_country


def _reply_targets(tok, home: str | None, memory: ArticleMemory, references: dict) -> list[Actor]:
    """Targets of a reply to, or judgement of, an earlier event ("rejected the demand", "condemned the attack"):
    whoever did that event. Earlier events whose trigger is one of the noun's verbs ("demanded" for "the
    demand") are preferred to events that merely share its root; among them, the country behind most such
    events wins (ties: all of them, earliest first). Back-reference nouns: data/references.tsv."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ in ("advcl", "conj") and any(c.lower_ in ("it", "them", "this") for c in objects):
        objects += [c for c in tok.head.children if c.dep_ == "dobj"]  # "rejected the demand, calling it ..."
    for c in objects:
        ref = references.get(c.lemma_.lower())
        if ref is None:
            continue
        earlier = [(a, lemma) for root in ref.roots for a, lemma in memory.recent.get(root, []) if a.country != home]
        same_verb = [a for a, lemma in earlier if lemma in ref.verbs]
        pool = same_verb or [a for a, _ in earlier]
        if not pool:
            continue
        counts = Counter(a.country for a in pool)
        top = max(counts.values())
        chosen: dict[str, Actor] = {}
        for a in pool:
            if counts[a.country] == top and a.country not in chosen:
                chosen[a.country] = a
        return [Actor(a.code, a.country, a.sector, a.name, c.text, a.start, a.end,
                      f"'{c.text}' refers to an earlier event by {a.code} ({ref.source})") for a in chosen.values()]
    return []


def _has_agent(tok) -> bool:
    """``tok`` has a by-agent ("was shelled by ...")."""
    tree = _tree(tok.doc)
    return any(tree.dep[c] == DEP.agent for c in tree.kids[tok.i])


def _force_without_object(m: _Match) -> bool:
    """Force with no object at all ("the fighters dispersed", "jets attacked"): no target, and no event."""
    if m.code[:2] not in FORCE_ROOTS:
        return False
    tree, i = _tree(m.token.doc), m.token.i
    dep = tree.dep
    return tree.pos[i] != POS.NOUN and not any(dep[c] in OBJECT_DEPS for c in tree.kids[i])


def _no_target(m: _Match) -> Actor:
    """The empty target of a one-sided event (GDELT leaves Actor2 blank; POLECAT an empty target list)."""
    return Actor(None, None, None, None, "", 0, 0, f"no target named for '{m.token.text}'")


CREED_KEYS = _keys(CREED_WORDS)


def _unknown_origin(actor: Actor, tok, gaz: dict) -> bool:
    """The mention names an origin the knowledge files do not know ("Kurdish forces", "Yazidi fighters"): its
    country is not the article's main country by default."""
    if actor.country or not actor.text:
        return False
    doc = tok.doc
    sentence_char, chars = columns(doc).sentence_char, token_chars(doc)
    start_char = sentence_char[tok.i]  # the mention's offsets are within ``tok``'s sentence
    first = bisect.bisect_left(sentence_char, start_char)
    last = bisect.bisect_right(sentence_char, start_char)
    lo = bisect.bisect_left(chars, start_char + actor.start, first, last)
    hi = bisect.bisect_left(chars, start_char + actor.end, first, last)
    lowers = _tree(doc).lowers
    return any(t not in gaz and lowers[t] not in CREED_KEYS and doc[t].ent_type_ in ("NORP", "GPE")
               for t in range(lo, hi))


def _country_unknown(actor: Actor) -> Actor:
    """``actor`` without the country it was given from the article's main country (which is its target's)."""
    how = actor.how.rsplit("; country from", 1)[0] + "; country unknown (the article's main country is the target's)"
    return Actor(None, None, actor.sector, actor.name, actor.text, actor.start, actor.end, how)


def _with_country(actor: Actor, country: str | None, why: str) -> Actor:
    """``actor`` with ``country`` filled in when it has none (an agent such as "police" named without one)."""
    if actor.country or not country:
        return actor
    filled = make_actor(country, actor.sector, actor.name, actor.text, f"{actor.how}; country from {why}",
                        actor.start, actor.end)
    return dataclasses.replace(filled, guessed=True)


TRIGGER_WORD_DEPS = _keys(("dobj", "prt", "nsubjpass"))


def _trigger_text(tok, m: _Match) -> str:
    """The words shown as the trigger: ``tok`` and its objects that the pattern names ("held talks"), after
    the governor when coded through one."""
    doc = tok.doc
    tree = _tree(doc)
    kids, dep, lemmas = tree.kids, tree.dep, tree.lemmas

    def named(j: int) -> bool:
        return lowered(tree.strings, lemmas[j]) in m.pattern.objects

    words = [tok.i]
    for c in kids[tok.i]:
        if dep[c] in TRIGGER_WORD_DEPS and named(c):
            words.append(c)
        elif dep[c] == DEP.prep:
            words.extend(g for g in kids[c] if dep[g] == DEP.pobj and named(g))
    text = " ".join(doc[j].text for j in sorted(words))
    if m.head != tok:
        text = f"{m.head.text} ... {text}"
    return text


def temporal_phrase(tok) -> str | None:
    """The time expression attached to ``tok`` or to the clauses governing it ("Wednesday", "on Tuesday").

    Looks at the trigger's own modifiers first, then climbs to its governing verbs; the text of the whole
    DATE/TIME entity is returned. None when nothing is attached.
    """
    t = tok
    for _ in range(6):
        found = _temporal_child(t)
        if found:
            return found
        if t.head == t:
            break
        t = t.head
    return None


def _temporal_child(t) -> str | None:
    """The time expression among ``t``'s own modifiers: a DATE/TIME entity first ("overnight into Tuesday"
    keeps its "overnight"), else a bare time word ("overnight", "today")."""
    bare = None
    for c in t.children:
        if c.dep_ in CLAUSE_DEPS or c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            continue
        for x in c.subtree:
            if any(y.dep_ in CLAUSE_DEPS for y in _path(x, t)):
                break
            if x.ent_type_ in ("DATE", "TIME"):
                text = _entity_text(x)
                before = x.doc[max(x.i - 3, 0):x.i]
                if any(b.lower_ == "overnight" for b in before) and "overnight" not in text.lower():
                    text = f"overnight into {text}"
                return text
            if x.lower_ in TEMPORAL_WORDS and bare is None:
                bare = x.text
    return bare


def _path(x, top) -> list:
    out = []
    while x != top and x.head != x:
        out.append(x)
        x = x.head
    return out


def entity_span(x):
    """The named-entity span containing token ``x`` (found from the IOB tags, without scanning ``doc.ents``)."""
    doc = x.doc
    start = x.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = x.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _entity_text(x) -> str:
    if not x.ent_type_:
        return x.text
    ent = entity_span(x)
    text = ent.text
    prev = x.doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.lower_ in ("late", "early", "on", "last") and prev.lower_ not in text.lower():
        text = f"{prev.text} {text}"
    return text
