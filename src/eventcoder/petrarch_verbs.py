"""PETRARCH-format CAMEO verb dictionaries, read into typed blocks (groundwork of issue 16).

What is read (see ``eventcoder/data/README.md``, "PETRARCH verb dictionaries"):

- comments: ``#`` and ``;`` to the end of a line, ``<!-- ... -->`` (on one line or over several);
- synonym sets: a line ``&NAME`` (a trailing ``_`` = no plurals) and below it ``+WORD`` or ``+TWO_WORDS`` lines
  (a word ending in ``_`` takes no plural; ``+&OTHER`` embeds another set);
- verb blocks: ``--- NAME [CODE] ---`` then verb lines ``VERB {IRREGULAR FORMS} [OWN CODE]``; a multi-word verb
  joins its words with ``_`` and marks the verb with ``+`` (``+CORDON_OFF``, ``WIRE_+TAP``);
- patterns, under a block: ``- WORDS * WORDS [CODE]``: ``*`` the verb's place, ``+`` the target, ``$`` the
  source, ``%`` a compound (reciprocal) actor, ``^`` a skip, ``&NAME`` a synonym set, ``_`` joins consecutive
  words, ``(PREP WORDS)`` a prepositional phrase and ``{WORDS}`` a noun phrase (PETRARCH-2);
- codes: ``[042]``, ``[042:043]`` (two codes: PETRARCH-1 codes source->target with the first, target->source with
  the second; PETRARCH-2 reads them as active and passive meanings; ``[:051]`` only the second), ``[---]``
  (discard: no event), ``[+++]`` and ``[###]`` (null codes); a trailing ``?`` or ``!`` is dropped and counted;
- ``~ ...`` verb transformations (PETRARCH-2) are kept as text, not interpreted.

Codes are checked against eventcoder's CAMEO codes: ``non_cameo="error"`` (the default) raises, ``"keep"`` keeps
and counts them (PETRARCH's validation suites use old WEIS codes), ``"skip"`` drops the pattern and counts it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .knowledge_types import KnowledgeError
from .petrarch_dicts import dictionary_text

__all__ = ["EventCode", "Pattern", "PatternToken", "PetrarchVerbs", "Synonym", "SynonymSet", "VerbBlock",
           "VerbForm", "read_petrarch_verbs"]

NULL_CODES = frozenset({"---", "+++", "###"})
MARKERS = {"*": "verb", "+": "target", "$": "source", "%": "compound", "^": "skip"}
_HEADER = re.compile(r"^---\s+(?P<name>[^\s\[\]](?:[^\[\]]*[^\s\[\]])?)\s*(?P<codes>(?:\[[^\]]*\]\s*)*)(?P<glued>---\s*(?=---))?(?P<end>---)?$")
_BEFORE_COMMENT = re.compile(r"(?:[^#;\[]|\[[^\]]*\])*")
_CODE_AT_END = re.compile(r"\[(?P<code>[^\]]*)\]\s*$")
_WORD = re.compile(r"^(?:[^\W_]|')[^\s\[\]{}()*+$%^_]*$")  # a letter of any script, a digit or "'" first
_SYNSET = re.compile(r"^&[A-Za-z0-9_]+$")
_VERB_LINE = re.compile(r"^(?P<verb>[^{}\[\]]+?)\s*(?:\{(?P<forms>[^{}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?$")


@dataclass(frozen=True)
class EventCode:
    """A code cell: ``text`` as written; ``codes`` the event codes it gives (two for ``[042:043]``, with "" for an
    empty side); ``discard`` for ``[---]``; ``null`` for ``[+++]``/``[###]``; ``doubt`` the dropped ``?``/``!``."""

    text: str
    codes: tuple[str, ...]
    discard: bool = False
    null: bool = False
    doubt: str = ""

    @property
    def reciprocal(self) -> bool:
        """True for a two-sided code such as ``[042:043]``."""
        return len(self.codes) == 2


@dataclass(frozen=True)
class VerbForm:
    """One verb line: ``words`` (upper case), ``head`` the index of the verb word, ``forms`` the irregular forms
    in braces (each a tuple of words), ``code`` its own code (None: the block's)."""

    words: tuple[str, ...]
    head: int
    forms: tuple[tuple[str, ...], ...]
    code: EventCode | None
    source: str
    comment: str = ""

    @property
    def lemma(self) -> str:
        """The words joined by spaces, lower case ("cordon off")."""
        return " ".join(self.words).lower()


@dataclass(frozen=True)
class PatternToken:
    """A pattern element: ``kind`` is word, synset, verb, target, source, compound or skip; ``joined`` = tied to the
    previous element by ``_``; ``group`` "prep" inside ``( )``, "phrase" inside ``{ }``, "prep phrase" inside both,
    else ""."""

    text: str
    kind: str
    joined: bool = False
    group: str = ""


@dataclass(frozen=True)
class Pattern:
    """A ``- ... [CODE]`` line of a verb block."""

    tokens: tuple[PatternToken, ...]
    code: EventCode
    source: str
    comment: str = ""

    @property
    def verb_at(self) -> int:
        """The index of the ``*`` token."""
        return next(i for i, t in enumerate(self.tokens) if t.kind == "verb")

    def positions(self, kind: str) -> tuple[int, ...]:
        """The indexes of the tokens of a kind ("target", "source", "compound", "skip", "synset", "word")."""
        return tuple(i for i, t in enumerate(self.tokens) if t.kind == kind)


@dataclass
class VerbBlock:
    """``--- NAME [CODE] ---`` and what follows it: the verbs (the first is the main verb) and the patterns."""

    name: str
    code: EventCode
    source: str
    verbs: list[VerbForm] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    extra_codes: tuple[EventCode, ...] = ()


@dataclass(frozen=True)
class Synonym:
    """A ``+`` line of a synonym set: ``words`` (``&OTHER`` for an embedded set), ``plural`` (False when the line
    or its set ends in ``_``), ``prep`` (written as a prepositional phrase: ``+(TO THE END)``)."""

    words: tuple[str, ...]
    plural: bool
    prep: bool
    source: str


@dataclass
class SynonymSet:
    """``&NAME`` (without ``&`` and a trailing ``_``; ``plurals`` False when the name ends in ``_``) and its lines."""

    name: str
    plurals: bool
    source: str
    words: list[Synonym] = field(default_factory=list)


@dataclass
class PetrarchVerbs:
    """A read verb dictionary: blocks, synonym sets (by name without ``&`` and trailing ``_``), transformations
    (``(text, source)``), comments (``(text, source)``), skipped lines (``(reason, source)``) and notes counted
    without refusing (``non-CAMEO code 345``, ``doubtful code 080!``)."""

    path: str
    blocks: list[VerbBlock] = field(default_factory=list)
    synsets: dict[str, SynonymSet] = field(default_factory=dict)
    transformations: list[tuple[str, str]] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)

    def summary(self) -> dict[str, int]:
        """Counts: blocks, verbs, forms, synonym sets and words, patterns, discards, reciprocal patterns,
        transformations, comments, skipped lines, and each note (``"note: non-CAMEO code"`` ...)."""
        patterns = [p for b in self.blocks for p in b.patterns]
        out = {"blocks": len(self.blocks), "verbs": sum(len(b.verbs) for b in self.blocks),
               "forms": sum(len(v.forms) for b in self.blocks for v in b.verbs),
               "multi_word_verbs": sum(len(v.words) > 1 for b in self.blocks for v in b.verbs),
               "synonym_sets": len(self.synsets), "synonym_words": sum(len(s.words) for s in self.synsets.values()),
               "patterns": len(patterns), "discards": sum(p.code.discard for p in patterns),
               "reciprocal_patterns": sum(p.code.reciprocal for p in patterns),
               "transformations": len(self.transformations), "comments": len(self.comments),
               "skipped": len(self.skipped)}
        for reason, _ in self.skipped:
            out[f"skipped: {reason}"] = out.get(f"skipped: {reason}", 0) + 1
        for note, count in sorted(self.notes.items()):
            out[f"note: {note}"] = count
        return out


# --------------------------------------------------------------------------------------------- reading
def read_petrarch_verbs(path: str, *, synsets_from: Iterable[str] = (), cameo_codes: Iterable[str] | None = None,
                        non_cameo: str = "error", on_error: str = "raise") -> PetrarchVerbs:
    """Read a PETRARCH verb dictionary.

    Args:
        path (str): the file (UTF-8 or Latin-1).
        synsets_from (Iterable[str]): other PETRARCH verb files whose synonym sets the patterns may name.
        cameo_codes (Iterable[str] | None): the codes a pattern may give; None = eventcoder's CAMEO codes.
        non_cameo (str): a code that is not CAMEO: "error" raises, "keep" keeps it, "skip" drops the pattern or
            the verb's own code (both counted in ``notes``).
        on_error (str): a malformed line: "raise" (the default) raises; "skip" counts it in ``skipped`` with the
            reason (PETRARCH's own CAMEO.2.0.txt has a few such lines) and goes on.
    RETURNS (PetrarchVerbs): everything read, with file:line for each item.

    Raises:
        KnowledgeError: a malformed line, an unknown synonym set, a non-CAMEO code (with "error"); the message
            names file and line.
        KnowledgeError: also when the file cannot be read.
    """
    if non_cameo not in ("error", "keep", "skip"):
        raise ValueError(f"non_cameo must be error, keep or skip, not {non_cameo!r}")
    if cameo_codes is None:
        from .knowledge import load_knowledge
        cameo_codes = load_knowledge().cameo_codes()
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be raise or skip, not {on_error!r}")
    out = _read_unchecked(path, frozenset(cameo_codes), non_cameo, on_error == "skip")
    known = set(out.synsets)
    for other in synsets_from:  # only their set names: their own lines are checked when they are read
        known |= set(_read_unchecked(other, frozenset(cameo_codes), "keep", True).synsets)
    _check_synsets(out, known, on_error == "skip")
    return out


def _read_unchecked(path: str, cameo: frozenset[str], non_cameo: str, skip: bool) -> PetrarchVerbs:
    """A file read line by line, its synonym sets not yet checked against each other's names."""
    reader = _Reader(path, cameo, non_cameo, skip)
    reader.read()
    return reader.out


def _lines(path: str) -> Iterator[tuple[int, str, str]]:
    """(number, text without comments, comment) for each line; ``<!-- -->`` blocks count as comments."""
    in_block = False
    for number, line in enumerate(dictionary_text(path, "PETRARCH verb dictionary").splitlines(), start=1):
        if in_block or line.lstrip().startswith("<!"):
            in_block = "-->" not in line
            yield number, "", re.sub(r"^<!\s*-*\s*|\s*-->$", "", line.strip())
            continue
        cut = len(_BEFORE_COMMENT.match(line).group(0))  # "#" inside [###] is a code
        if line[cut:cut + 1] == "[":  # an unclosed "[": no comment, a malformed line for the reader to refuse
            cut = len(line)
        yield number, line[:cut].strip(), line[cut:].lstrip("#; ").strip()


class _Reader:
    """The line-by-line state: the current block or synonym set."""

    def __init__(self, path: str, cameo: frozenset[str], non_cameo: str, skip_errors: bool) -> None:
        self.path, self.cameo, self.non_cameo, self.skip_errors = path, cameo, non_cameo, skip_errors
        self.name = Path(path).name
        self.out = PetrarchVerbs(path)
        self.block: VerbBlock | None = None
        self.synset: SynonymSet | None = None
        self.number = 0

    def error(self, message: str) -> KnowledgeError:
        """The error of the current line; a message quoting a long line is cut to 200 characters."""
        return KnowledgeError(f"{self.path} line {self.number}: {message if len(message) <= 200 else message[:197] + '...'}")

    @property
    def where(self) -> str:
        return f"{self.name}:{self.number}"

    def read(self) -> None:
        for number, text, comment in _lines(self.path):
            self.number = number
            if comment:
                self.out.comments.append((comment, self.where))
            if not text:
                continue
            try:
                self.line(text, comment)
            except KnowledgeError as exc:
                if not self.skip_errors or "not a CAMEO" in str(exc):
                    raise
                reason = re.sub(r"'[^']*'|\([^)]*\)", "", str(exc).split(": ", 1)[1])
                self.out.skipped.append((" ".join(reason.split()).rstrip(":"), self.where))

    def line(self, text: str, comment: str) -> None:
        if text.startswith("---"):
            self.header(text)
        elif text.startswith("-"):
            self.pattern(text[1:].strip(), comment)
        elif text.startswith("&"):
            self.synset_header(text)
        elif text.startswith("~"):
            self.out.transformations.append((text[1:].strip(), self.where))
        elif text.startswith("*") and self.block is not None:  # PETRARCH-2 reads it as a pattern
            self.out.notes["pattern without its leading '-' (read as a pattern)"] += 1
            self.pattern(text, comment)
        elif text.startswith("+") and self.synset is not None:
            self.synset_word(text[1:].strip())
        else:
            self.verb(text, comment)

    # ------------------------------------------------------------------------------ blocks and verbs
    def header(self, text: str) -> None:
        match = _HEADER.match(text)
        self.block = None
        if match is None or not (match.group("codes") or match.group("end")):
            raise self.error(f"malformed verb block header {text!r} (expected --- NAME [CODE] ---)")
        cells = re.findall(r"\[([^\]]*)\]", match.group("codes")) or ["---"]
        codes = [self.code(cell) for cell in cells]
        code = codes[0] or EventCode("---", (), discard=True)
        self.block = VerbBlock(match.group("name"), code, self.where, extra_codes=tuple(c for c in codes[1:] if c))
        self.out.blocks.append(self.block)
        if not match.group("end"):
            self.out.notes["block header without its closing '---'"] += 1
        if match.group("glued"):
            self.out.notes["block header with '---' twice at its end"] += 1
        if len(codes) > 1:
            self.out.notes["block header with several codes (the first is the block's)"] += 1
        self.synset = None

    def verb(self, text: str, comment: str) -> None:
        if self.block is None:
            raise self.error(f"a verb line outside a verb block: {text!r}")
        match = _VERB_LINE.match(text)
        if match is None:
            raise self.error(f"malformed verb line {text!r} (expected VERB {{FORMS}} [CODE])")
        words, head = self.verb_words(match.group("verb"))
        cell = match.group("forms") or ""
        if "," in cell:
            self.out.notes["irregular forms separated by ','"] += 1
        forms = tuple(self.verb_words(f)[0] for f in cell.replace(",", " ").split())
        code = self.code(match.group("code")) if match.group("code") is not None else None
        self.block.verbs.append(VerbForm(words, head, forms, code, self.where, comment))

    def verb_words(self, text: str) -> tuple[tuple[str, ...], int]:
        """("WIRE", "TAP"), 1 for ``WIRE_+TAP``; a one-word verb has head 0."""
        if " " in text.strip():
            self.out.notes["multi-word verb written with spaces (read as if joined by '_')"] += 1
        parts = "_".join(text.split()).strip("_").split("_")
        marked = [i for i, p in enumerate(parts) if p.startswith("+")]
        words = tuple(p.lstrip("+").upper() for p in parts)
        if len(marked) > 1 or not all(_WORD.match(w) for w in words):
            raise self.error(f"malformed verb {text!r}")
        if len(words) > 1 and not marked:
            self.out.notes["multi-word verb without '+' (the first word taken as the verb)"] += 1
        return words, marked[0] if marked else 0

    # ------------------------------------------------------------------------------ synonym sets
    def synset_header(self, text: str) -> None:
        if not _SYNSET.match(text):
            raise self.error(f"malformed synonym set name {text!r} (expected &NAME)")
        name = text[1:].rstrip("_").upper()
        if name in self.out.synsets:  # PETRARCH adds the words to the first definition
            self.out.notes["synonym set defined again (its words added to the first)"] += 1
            self.synset = self.out.synsets[name]
        else:
            self.synset = self.out.synsets[name] = SynonymSet(name, not text.endswith("_"), self.where)
        self.block = None

    def synset_word(self, text: str) -> None:
        prep = text.startswith("(") and text.endswith(")")
        body = text[1:-1].strip() if prep else text
        words = tuple(w.upper() for w in body.replace("_", " ").split())
        if not words or not all(_WORD.match(w) or _SYNSET.match(w) for w in words):
            raise self.error(f"malformed synonym {text!r} (expected +WORD, +WORD_WORD or +(PREP WORDS))")
        plural = self.synset.plurals and not body.endswith("_") and not prep
        self.synset.words.append(Synonym(words, plural, prep, self.where))

    # ------------------------------------------------------------------------------ patterns and codes
    def pattern(self, text: str, comment: str) -> None:
        if self.block is None:
            raise self.error("a pattern outside a verb block")
        match = _CODE_AT_END.search(text)
        if match is None:
            raise self.error(f"pattern without a [CODE] at its end: {text!r}")
        tokens = self.tokens(text[:match.start()])
        if sum(t.kind == "verb" for t in tokens) != 1:
            raise self.error(f"a pattern needs exactly one '*' (the verb's place): {text!r}")
        code = self.code(match.group("code"))
        if code is None:
            self.out.skipped.append(("a pattern with a non-CAMEO code", self.where))
            return
        self.block.patterns.append(Pattern(tuple(tokens), code, self.where, comment))

    def tokens(self, text: str) -> list[PatternToken]:
        out: list[PatternToken] = []
        groups: list[str] = []
        for chunk in text.split():
            for i, piece in enumerate(chunk.split("_")):
                while piece[:1] in ("(", "{"):
                    groups.append(")" if piece[0] == "(" else "}")
                    piece = piece[1:]
                body = piece.rstrip(")}")
                group = " ".join("prep" if g == ")" else "phrase" for g in groups)
                for j, part in enumerate(p for p in re.split(r"(\*)", body) if p):
                    out.append(self.token(part, bool(i or j), group, text))
                if body not in ("*", "") and "*" in body:
                    self.out.notes["'*' written against a word (read as separate)"] += 1
                for closer in piece[len(body):]:
                    if not groups or groups.pop() != closer:
                        raise self.error(f"unbalanced {closer!r} in pattern {text!r}")
        if groups:
            raise self.error(f"unclosed '(' or '{{' in pattern {text!r}")
        return out

    def token(self, piece: str, joined: bool, group: str, text: str) -> PatternToken:
        if piece in MARKERS:
            return PatternToken(piece, MARKERS[piece], joined, group)
        if _SYNSET.match(piece):
            return PatternToken(piece.upper().rstrip("_"), "synset", joined, group)
        if _WORD.match(piece):
            return PatternToken(piece.upper(), "word", joined, group)
        raise self.error(f"malformed pattern element {piece!r} in {text!r}")

    def code(self, cell: str) -> EventCode | None:
        """The code of ``[cell]``; None when a non-CAMEO code is skipped."""
        text = cell.strip()
        if text in NULL_CODES:
            return EventCode(text, (), discard=text == "---", null=text != "---")
        doubt = text[-1] if text[-1:] in "?!" and text else ""
        if doubt:
            self.out.notes[f"code with a trailing {doubt!r} (dropped)"] += 1
        parts = tuple(p.strip() for p in text.rstrip("?!").split(":"))
        if len(parts) > 2 or not any(parts) or not all(re.fullmatch(r"[0-9A-Za-z]*", p) for p in parts):
            raise self.error(f"malformed code [{cell}] (expected [CODE], [CODE:CODE] or [---])")
        for part in (p for p in parts if p and p not in self.cameo):
            if self.non_cameo == "error":
                raise self.error(f"code {part!r} is not a CAMEO event code")
            self.out.notes[f"non-CAMEO code ({self.non_cameo})"] += 1
            if self.non_cameo == "skip":
                return None
        return EventCode(text, parts, doubt=doubt)


def _check_synsets(verbs: PetrarchVerbs, known: set[str], skip: bool) -> None:
    """Every ``&NAME`` used in a pattern or a synonym set must be defined (in the file or ``synsets_from``); with
    ``skip`` a pattern naming an unknown set is dropped and counted instead."""
    for synset in verbs.synsets.values():
        synset.words[:] = _known_only(synset.words, lambda syn: [w[1:].rstrip("_").upper() for w in syn.words
                                                                 if w.startswith("&")], "synonym", verbs, known, skip)
    for block in verbs.blocks:
        block.patterns = _known_only(block.patterns, lambda p: [t.text[1:] for t in p.tokens if t.kind == "synset"],
                                     "pattern", verbs, known, skip)


def _known_only(items: list, names_of, what: str, verbs: PetrarchVerbs, known: set[str], skip: bool) -> list:
    """The synonyms or patterns of ``items`` whose synonym sets (``names_of``) are all ``known``; one naming an
    unknown set is an error, or with ``skip`` dropped and counted in ``verbs.skipped``."""
    kept = []
    for item in items:
        unknown = [name for name in names_of(item) if name not in known]
        if unknown and not skip:
            raise KnowledgeError(f"{verbs.path} line {item.source.rpartition(':')[2]}: unknown synonym set &{unknown[0]}")
        if unknown:
            verbs.skipped.append((f"a {what} naming an unknown synonym set", item.source))
        else:
            kept.append(item)
    return kept
