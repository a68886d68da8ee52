"""The lexicon of a coder's options: the built-in lexicon (:mod:`eventcoder.lexicon`) with the user's ``--lexicon``
files and PETRARCH verb dictionaries (:mod:`eventcoder.petrarch_verbs`), combined as ``lexicon_mode`` says.

``lexicon_mode="add"`` (the default): the ``--lexicon`` files, then the built-in ``verbs.tsv``, then each PETRARCH
dictionary's entries, so that on the same lemma and object an earlier entry wins: the built-in lexicon is tuned
and measured on real news, a PETRARCH dictionary is not. ``"replace"``: the ``--lexicon`` files and the PETRARCH
entries only, what PETRARCH's validation suites (written for their own dictionaries) need. Back-references and
topics are the package's in both modes; complements (``complements.tsv``: "urged X to hold talks" -> 026) are not
used with "replace" and a PETRARCH dictionary, whose codes are final as PETRARCH gives them. A PETRARCH dictionary's
verbs are matched as PETRARCH matches them (:mod:`eventcoder.petrarch_match`), after the lexicon's patterns.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .knowledge_types import KnowledgeError
from .options import files_stamp
from .lexicon import Lexicon, assemble, builtin_patterns, load_lexicon, user_patterns
from .petrarch_match import build_index
from .petrarch_verbs import PetrarchVerbs, read_petrarch_verbs

__all__ = ["lexicon_for", "load_petrarch_lexicon"]


def lexicon_for(options, known_codes: frozenset[str] | None = None) -> Lexicon:
    """The lexicon of a :class:`~eventcoder.options.CoderOptions`: its ``lexicon_files``, ``petrarch_verbs`` (each
    may use the synonym sets of the others), ``lexicon_mode``, ``petrarch_non_cameo`` and ``petrarch_on_error``;
    loaded once per process.

    Raises:
        LexiconError: a bad line of a ``--lexicon`` file (see :func:`eventcoder.lexicon.load_lexicon`).
        KnowledgeError: a bad line of a PETRARCH verb dictionary (see :func:`_read`).
    """
    stamp = files_stamp(options.lexicon_files + options.petrarch_verbs)  # an edited file is read again
    if not options.petrarch_verbs and options.lexicon_mode == "add":
        return load_lexicon(options.lexicon_files, known_codes, stamp)
    return load_petrarch_lexicon(options.lexicon_files, options.petrarch_verbs, known_codes,
                                 mode=options.lexicon_mode, non_cameo=options.petrarch_non_cameo,
                                 on_error=options.petrarch_on_error, stamp=stamp)


@functools.lru_cache(maxsize=8)
def load_petrarch_lexicon(lexicon_files: tuple[str, ...], petrarch_verbs: tuple[str, ...],
                          known_codes: frozenset[str] | None = None, *, mode: str = "add", non_cameo: str = "error",
                          on_error: str = "raise", stamp: tuple = ()) -> Lexicon:
    """The lexicon of user files, the built-in ``verbs.tsv`` (``mode`` "add"; not with "replace") and PETRARCH
    verb dictionaries, in that order; what ``"skip"`` dropped is in its ``warnings``. ``stamp``: only a cache key
    (:func:`eventcoder.options.files_stamp`).

    Raises:
        LexiconError, KnowledgeError: as :func:`lexicon_for`.
        ValueError: a ``mode`` other than "add" or "replace".
    """
    if mode not in ("add", "replace"):
        raise ValueError(f"mode must be add or replace, got {mode!r}")
    patterns = user_patterns(lexicon_files, known_codes)
    if mode == "add":
        patterns += builtin_patterns(known_codes)
    warnings: list[str] = []
    dictionaries = []
    for path in petrarch_verbs:
        others = tuple(p for p in petrarch_verbs if p != path)
        verbs, skipped = _read(path, known_codes, synsets_from=others, non_cameo=non_cameo, on_error=on_error)
        dictionaries.append(verbs)
        warnings += skipped
    index = build_index(dictionaries) if dictionaries else None
    return assemble(patterns, known_codes, tuple(warnings), index, specialise=mode == "add" or index is None)


def _read(path: str, known_codes: frozenset[str] | None, *, synsets_from: tuple[str, ...], non_cameo: str,
          on_error: str) -> tuple[PetrarchVerbs, list[str]]:
    """A dictionary read, and the warnings of what was dropped on the way.

    Raises:
        KnowledgeError: a malformed line, an unknown synonym set, a non-CAMEO code (``non_cameo="error"``), an
            unreadable file; the message names the file (and line).
    """
    try:
        verbs = read_petrarch_verbs(path, synsets_from=synsets_from, cameo_codes=known_codes, non_cameo=non_cameo,
                                    on_error=on_error)
    except OSError as exc:
        raise KnowledgeError(f"cannot read PETRARCH verb dictionary {path}: {exc.strerror}") from None
    name = Path(path).name
    warnings = [f"{name} line {where.rpartition(':')[2]}: skipped: {reason}" for reason, where in verbs.skipped]
    for note, count in sorted(verbs.notes.items()):
        if "(skip)" in note:
            warnings.append(f"{name}: {count} pattern(s) or verb code(s) skipped: {note}")
    codes = [c for b in verbs.blocks for c in (b.code, *(v.code for v in b.verbs), *(p.code for p in b.patterns))]
    if not verbs.synsets and not any(c is not None and _has_code(c) for c in codes):  # a file of sets only serves others
        raise KnowledgeError(f"PETRARCH verb dictionary {path} gives no verb block with a code and no synonym set")
    return verbs, warnings


def _has_code(code) -> bool:
    return bool(code.codes and code.codes[0])
