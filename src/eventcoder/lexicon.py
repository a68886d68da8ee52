"""The verb lexicon: CAMEO event patterns kept as data (``data/verbs.tsv``), loaded once per process.

File format (tab-separated, ``#`` starts a comment line; documented in ``data/README.md``)::

    code  lemma  object  prep  flags  intent

- ``code``: the CAMEO event code the pattern gives ("042").
- ``lemma``: the trigger's lemma as spaCy lemmatises it ("meet", "ready").
- ``object``: ``-`` or ``|``-separated lemmas one of which must be the trigger's object (direct object, or
  the object of one of its prepositions): "hold" + "talk" = held talks. ``@name`` stands for a noun class of
  ``data/nouns.tsv`` ("@weapon": every noun of that class); the loader expands it, so the matcher sees lemmas.
- ``prep``: ``-`` or ``|``-separated prepositions whose objects are the event's target ("with", "to").
- ``flags``: ``-`` or comma-separated: ``sym`` (joint action: coded both ways), ``intent`` (an intent governor:
  "pledged to X" codes X as intent), ``deny`` (a denial: 016, and what is denied is not coded),
  ``needprep`` (the pattern fires only when one of its prepositions is present), ``home`` (without a named
  target the act is aimed at the source's own government: protests, strikes), ``futureonly`` (coded only when
  announced or promised: "promised to respond"), ``govonly`` (an intent governor that codes nothing by itself:
  "looks forward to"), ``noun`` (the lemma is a noun naming the event: "Israeli airstrikes on Lebanon"; coded
  only when the noun phrase itself names the source), ``parties`` (without a named target the act addresses
  the article's two main parties: mediation), ``patient`` (fires only when it acts on people: "released
  prisoners", not "released a statement"), ``state`` (a continuing state, coded as such even when
  announced: "would keep forces on high alert").
- ``intent``: the code used when the event is only intended or announced ("will visit" -> 036); ``-`` means
  such a future event is not coded at all.

A pattern with an ``object`` is preferred to one without; otherwise the first line for a lemma wins.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import EventcoderError

__all__ = ["Lexicon", "LexiconError", "Reference", "VerbPattern", "assemble", "builtin_patterns", "load_lexicon",
           "noun_classes", "read_complements", "read_noun_classes", "read_references", "read_topics", "user_patterns"]

GENERIC_CODES = frozenset({"020", "100", "120", "030"})
"""Codes that complements.tsv may specialise."""
KNOWN_FLAGS = frozenset({"sym", "intent", "deny", "needprep", "home", "futureonly", "govonly", "noun", "parties", "patient",
                         "state"})


class LexiconError(EventcoderError):
    """A bad line in a lexicon file; the message names the file and line."""


@dataclass(frozen=True)
class VerbPattern:
    """One lexicon line. ``source`` is ``"verbs.tsv:57"``."""

    code: str
    lemma: str
    objects: frozenset[str]
    preps: tuple[str, ...]
    flags: frozenset[str]
    intent: str | None
    source: str
    object_cell: str = ""
    """The object cell as written, noun classes unexpanded ("@weapon|gun"); empty when it names no class."""
    reverse: str = ""
    """The code of the reverse event of a two-sided PETRARCH code ``[a:b]`` (``b``; with the flag ``sym``); empty:
    a joint act is coded both ways with ``code``."""
    places: tuple[tuple[str, int], ...] = ()
    """A matched PETRARCH pattern's actor places: ("target", position) for each word its ``+`` took, ("source", ...)
    for ``$``, ("compound", ...) for ``%`` (positions in the segment's parse); empty for a lexicon entry."""

    def describe(self) -> str:
        """A short readable form: ``verbs.tsv:57 hold +talk with -> 040`` (noun classes as written: ``+@weapon``; a
        PETRARCH pattern as written: ``verbs.txt:9 zorble [* TALKS WITH +] -> 043``)."""
        if "*" in self.object_cell:  # a PETRARCH pattern as written
            return f"{self.source} {self.lemma} [{self.object_cell}] -> {self.code}"
        obj = f" +{'|'.join(sorted(self.objects))}" if self.objects else ""
        if self.object_cell:
            obj = f" +{self.object_cell}"
        prep = f" {'|'.join(self.preps)}" if self.preps else ""
        return f"{self.source} {self.lemma}{obj}{prep} -> {self.code}"


@dataclass(frozen=True)
class Reference:
    """A noun that refers back to an earlier event ("the demand"): the roots and trigger verbs of such events."""

    noun: str
    roots: tuple[str, ...]
    verbs: frozenset[str]
    source: str


@dataclass(frozen=True)
class Lexicon:
    """Patterns by lemma, object-specific ones first; back-reference nouns by lemma."""

    by_lemma: dict[str, tuple[VerbPattern, ...]]
    references: dict[str, Reference] = field(default_factory=dict)
    complements: dict[str, dict[str, str]] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    """What loading dropped without failing, one line each ("FILE line N: ..."): lines of a PETRARCH verb
    dictionary skipped with ``petrarch_on_error="skip"`` or patterns with a non-CAMEO code skipped."""
    petrarch: object | None = None
    """PETRARCH verb dictionaries matched as PETRARCH matches them (:class:`eventcoder.petrarch_match.PetrarchIndex`),
    tried when no pattern of ``by_lemma`` matches a word; None without PETRARCH dictionaries."""

    def specialise(self, code: str, kind: str | None) -> str:
        """The code of a generic appeal/demand/rejection/intent (020, 100, 120, 030) given what it is about
        (``kind``, a row of complements.tsv); ``code`` itself when there is no more specific one."""
        if kind is None or code not in GENERIC_CODES:
            return code
        return self.complements.get(kind, {}).get(code[:2]) or code

    def candidates(self, lemma: str) -> tuple[VerbPattern, ...]:
        """Patterns for ``lemma`` in preference order (empty tuple when none)."""
        return self.by_lemma.get(lemma, ())

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_lemma.values())


def _split(cell: str) -> list[str]:
    cell = cell.strip()
    return [] if cell in ("", "-") else [c.strip() for c in cell.replace(",", "|").split("|") if c.strip()]


def _expand(cell: str, source: str, classes: dict[str, frozenset[str]]) -> tuple[frozenset[str], str]:
    """The lemmas of an object cell, its ``@class`` names replaced by their nouns; the cell as written when it
    names a class (else ""). Raises LexiconError for an unknown class."""
    out: set[str] = set()
    named = False
    for item in _split(cell):
        if item.startswith("@"):
            if item[1:].lower() not in classes:
                raise LexiconError(f"{source}: unknown noun class {item!r} (classes are defined in nouns.tsv)")
            out |= classes[item[1:].lower()]
            named = True
        else:
            out.add(item)
    return frozenset(out), (cell.strip() if named else "")


def parse_line(line: str, source: str, known_codes: frozenset[str] | None = None,
               classes: dict[str, frozenset[str]] | None = None) -> VerbPattern:
    """Parse one lexicon line; ``@class`` objects are expanded with ``classes`` (default: the package's
    nouns.tsv). Raises :class:`LexiconError` naming ``source`` for a malformed line or an unknown class."""
    cells = line.rstrip("\n").split("\t")
    if len(cells) != 6:
        raise LexiconError(f"{source}: expected 6 tab-separated columns, found {len(cells)}")
    code, lemma, objects, preps, flags, intent = cells
    flag_set = frozenset(_split(flags))
    if not code.isdigit() or not lemma.strip():
        raise LexiconError(f"{source}: code must be digits and lemma non-empty, got {code!r} {lemma!r}")
    if flag_set - KNOWN_FLAGS:
        raise LexiconError(f"{source}: unknown flag(s) {sorted(flag_set - KNOWN_FLAGS)}")
    intent_code = None if intent.strip() in ("", "-") else intent.strip()
    if known_codes is not None:
        for c in (code, intent_code):
            if c is not None and c not in known_codes:
                raise LexiconError(f"{source}: {c!r} is not a CAMEO event code")
    lemmas, cell = _expand(objects, source, noun_classes() if classes is None else classes)
    return VerbPattern(code, lemma.strip().lower(), lemmas, tuple(_split(preps)), flag_set, intent_code, source,
                       cell)


def read_patterns(text: str, name: str, known_codes: frozenset[str] | None = None,
                  classes: dict[str, frozenset[str]] | None = None) -> list[VerbPattern]:
    """All patterns of one lexicon file's text; ``name`` is used in ``source`` and error messages; ``@class``
    objects are expanded with ``classes`` (default: the package's nouns.tsv)."""
    patterns = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        patterns.append(parse_line(line, f"{name}:{number}", known_codes, classes))
    return patterns


def read_noun_classes(text: str, name: str) -> dict[str, frozenset[str]]:
    """nouns.tsv: class name -> its noun lemmas (columns ``class`` and ``nouns``, ``|``-separated; a class may
    take several rows, and ``@other`` in a row adds a class defined above it).

    Raises:
        LexiconError: a line without two columns, a bad class name, an upper-case noun or an unknown ``@class``.
    """
    out: dict[str, set[str]] = {}
    for source, (cls, nouns) in _rows(text, name, 2):
        if not cls.replace("_", "").isalpha() or not cls.islower():
            raise LexiconError(f"{source}: a class name is lower-case letters and '_', got {cls!r}")
        members = out.setdefault(cls, set())
        for noun in _split(nouns):
            if noun.startswith("@"):
                if noun[1:] not in out or noun[1:] == cls:
                    raise LexiconError(f"{source}: unknown noun class {noun!r} (define it above)")
                members |= out[noun[1:]]
            elif noun != noun.lower():
                raise LexiconError(f"{source}: nouns are lower-case lemmas, got {noun!r}")
            else:
                members.add(noun)
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def noun_classes() -> dict[str, frozenset[str]]:
    """The package's noun classes (``data/nouns.tsv``), read once per process."""
    data = resources.files("eventcoder").joinpath("data")
    return read_noun_classes(data.joinpath("nouns.tsv").read_text(encoding="utf-8"), "nouns.tsv")


def build_lexicon(patterns: list[VerbPattern], references: dict[str, Reference] | None = None) -> Lexicon:
    """Group patterns by lemma: object-specific patterns first, then in file order."""
    by_lemma: dict[str, list[VerbPattern]] = {}
    for p in patterns:
        by_lemma.setdefault(p.lemma, []).append(p)
    ordered = {k: tuple(sorted(v, key=lambda p: 0 if p.objects else 1)) for k, v in by_lemma.items()}
    return Lexicon(ordered, references or {})


def _rows(text: str, name: str, columns: int):
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != columns:
            raise LexiconError(f"{name}:{number}: expected {columns} tab-separated columns, found {len(cells)}")
        yield f"{name}:{number}", cells


def read_complements(text: str, name: str, known_codes: frozenset[str] | None = None) -> dict[str, dict[str, str]]:
    """complements.tsv: kind -> {trigger root ("02", "10", "12", "03"): code}. Raises LexiconError for a bad line."""
    out: dict[str, dict[str, str]] = {}
    for source, (kind, *codes) in _rows(text, name, 5):
        row = {}
        for root, code in zip(("02", "10", "12", "03"), codes):
            if code == "-":
                continue
            if not code.startswith(root) or (known_codes is not None and code not in known_codes):
                raise LexiconError(f"{source}: {code!r} is not a CAMEO code of root {root}")
            row[root] = code
        out[kind] = row
    return out


def read_topics(text: str, name: str, kinds: set[str]) -> dict[str, str]:
    """topics.tsv: lemma -> kind. Raises LexiconError for an unknown kind."""
    out = {}
    for source, (lemma, kind) in _rows(text, name, 2):
        if kind not in kinds:
            raise LexiconError(f"{source}: unknown kind {kind!r} (kinds are the rows of complements.tsv)")
        out[lemma.lower()] = kind
    return out


def read_references(text: str, name: str) -> dict[str, Reference]:
    """The back-reference nouns of a ``references.tsv`` text (columns noun, roots, verbs).

    Raises:
        LexiconError: a line without three columns, or a root that is not two digits; file and line named.
    """
    out: dict[str, Reference] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        source = f"{name}:{number}"
        if len(cells) != 3:
            raise LexiconError(f"{source}: expected 3 tab-separated columns, found {len(cells)}")
        roots = tuple(_split(cells[1]))
        if not roots or not all(len(r) == 2 and r.isdigit() for r in roots):
            raise LexiconError(f"{source}: roots must be two-digit CAMEO roots, got {cells[1]!r}")
        noun = cells[0].strip().lower()
        out[noun] = Reference(noun, roots, frozenset(_split(cells[2])), source)
    return out


def _user_patterns(path: str, known_codes: frozenset[str] | None) -> list[VerbPattern]:
    """The patterns of a user lexicon file (a BOM at its start is dropped). Raises LexiconError as load_lexicon."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise LexiconError(f"cannot read lexicon file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise LexiconError(f"cannot read lexicon file {path}: it is not UTF-8 text") from None
    patterns = read_patterns(text, Path(path).name, known_codes)
    if not patterns:
        raise LexiconError(f"lexicon file {path} has no pattern: it is empty or holds only comments and blank "
                           "lines (a pattern line: code, lemma, object, prep, flags, intent, tab-separated)")
    return patterns


@functools.lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[str, ...] = (), known_codes: frozenset[str] | None = None,
                 stamp: tuple = ()) -> Lexicon:
    """The package lexicon plus user files (same format, UTF-8 with or without a BOM; their patterns come
    first), loaded once per process and ``stamp`` (:func:`eventcoder.options.files_stamp` of the files: only a
    cache key, so that an edited file is read again). (With PETRARCH verb dictionaries:
    :func:`eventcoder.lexicon_petrarch.lexicon_for`.)

    Raises:
        LexiconError: a malformed line (file and line named), a missing or unreadable file, or a user file
            without a pattern (empty, or only comments and blank lines).
    """
    patterns = user_patterns(extra_files, known_codes) + builtin_patterns(known_codes)
    return assemble(patterns, known_codes)


def user_patterns(paths: tuple[str, ...], known_codes: frozenset[str] | None = None) -> list[VerbPattern]:
    """The patterns of user lexicon files, in order. Raises LexiconError as :func:`load_lexicon`."""
    return [p for path in paths for p in _user_patterns(path, known_codes)]


def builtin_patterns(known_codes: frozenset[str] | None = None) -> list[VerbPattern]:
    """The patterns of the package's ``verbs.tsv``."""
    data = resources.files("eventcoder").joinpath("data")
    return read_patterns(data.joinpath("verbs.tsv").read_text(encoding="utf-8"), "verbs.tsv", known_codes)


def assemble(patterns: list[VerbPattern], known_codes: frozenset[str] | None = None,
             warnings: tuple[str, ...] = (), petrarch: object | None = None, specialise: bool = True) -> Lexicon:
    """A lexicon of ``patterns`` (in preference order) with the package's back-references, complements and
    topics, ``warnings`` (what loading dropped) and ``petrarch`` (PETRARCH dictionaries' verb index); without
    ``specialise`` no complement specialises a code (a PETRARCH dictionary's codes are final)."""
    data = resources.files("eventcoder").joinpath("data")
    references = read_references(data.joinpath("references.tsv").read_text(encoding="utf-8"), "references.tsv")
    lexicon = build_lexicon(patterns, references)
    complements = read_complements(data.joinpath("complements.tsv").read_text(encoding="utf-8"), "complements.tsv",
                                   known_codes)
    topics = read_topics(data.joinpath("topics.tsv").read_text(encoding="utf-8"), "topics.tsv", set(complements))
    return Lexicon(lexicon.by_lemma, references, complements if specialise else {}, topics, warnings, petrarch)
