"""``eventcoder actors``: how strings resolve to actors, a thin layer over :func:`eventcoder.actors.lookup`.

    eventcoder actors lookup TEXT... [--date YYYY-MM-DD] [--file FILE] [--format table|jsonl]
                                     [--actors FILE] [--petrarch-actors FILE] [--petrarch-agents FILE]
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .cli_help import PlainTyper, choice_option
from .cli_options import (ActorsOption, ModelOption, PetrarchActorsOption, PetrarchAgentsOption, coder_for,
                          coder_options)

__all__ = ["actors_app"]

actors_app = PlainTyper(name="actors", help="Look up how strings resolve to actors.", no_args_is_help=True,
                         rich_markup_mode=None)


class LookupFormat(str, Enum):
    """Output formats of ``eventcoder actors lookup``."""

    table = "table"
    jsonl = "jsonl"


LookupFormatOption = Annotated[str, choice_option("--format", "-f", choices=tuple(f.value for f in LookupFormat),
                                                  help="Output format.")]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _day(text: str | None, what: str) -> date | None:
    """A date option or file cell (``what``: ``--date`` or ``FILE line N:``): YYYY-MM-DD, "today" (the run date)
    or empty (None: as of now)."""
    if text is None or not text.strip():
        return None
    from .errors import QueryError
    from .query import parse_day

    if text.strip().lower() == "today":
        return date.today()
    try:
        return parse_day(text, what)
    except QueryError as exc:
        raise _fail(f"{exc} (or 'today')") from None


def _queries(texts: list[str], file: Path | None, default: date | None) -> list[tuple[str, date | None, str | None]]:
    """(text, date, context) for each TEXT argument and each line of --file (TEXT[<TAB>DATE[<TAB>CONTEXT]])."""
    queries = [(text, default, None) for text in texts]
    if file is None:
        return queries
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}") from None
    for number, line in enumerate(lines, start=1):
        cells = line.split("\t")
        if not cells[0].strip() or cells[0].startswith("#"):
            continue
        when = _day(cells[1], f"{file} line {number}:") if len(cells) > 1 and cells[1].strip() else default
        context = cells[2].strip() if len(cells) > 2 and cells[2].strip() else None
        queries.append((cells[0].strip(), when, context))
    return queries


@actors_app.command()
def lookup(
    texts: Annotated[list[str] | None, typer.Argument(metavar="TEXT...", help="Strings to look up.")] = None,
    date_: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                              help="Day the codes hold for (YYYY-MM-DD or 'today'); default: as of "
                                                   "now.")] = None,
    file: Annotated[Path | None, typer.Option("--file", metavar="FILE",
                                              help="File of strings, one a line: TEXT, or TEXT<TAB>DATE, or "
                                                   "TEXT<TAB>DATE<TAB>CONTEXT.")] = None,
    fmt: LookupFormatOption = LookupFormat.table.value,
    actors: ActorsOption = None,
    petrarch_actors: PetrarchActorsOption = None,
    petrarch_agents: PetrarchAgentsOption = None,
    model: ModelOption = None,
) -> None:
    """Show how each TEXT resolves to an actor: code, country, sector, name, and the knowledge entry, title or context that decided (with its file and line)."""
    from .actors import lookup as resolve

    queries = _queries(list(texts or ()), file, _day(date_, "--date"))
    if not queries:
        raise _fail("give a TEXT to look up or --file FILE")
    finder = coder_for(coder_options(model, actors=actors, petrarch_actors=petrarch_actors,
                                     petrarch_agents=petrarch_agents)).finder
    for text, when, context in queries:
        result = resolve(text, when, context=context, finder=finder)
        if fmt == LookupFormat.jsonl.value:
            typer.echo(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            typer.echo(_render(result))


@actors_app.command()
def stats(
    fmt: LookupFormatOption = LookupFormat.table.value,
    actors: ActorsOption = None,
    petrarch_actors: PetrarchActorsOption = None,
    petrarch_agents: PetrarchAgentsOption = None,
) -> None:
    """Count the knowledge: phrases, actors and terms of office by file and kind of entry (the package's files,
    generated ones included, and any user or PETRARCH dictionaries given)."""
    from .knowledge import load_knowledge

    try:
        knowledge = load_knowledge(tuple(actors or ()), petrarch_actors=tuple(petrarch_actors or ()),
                                   petrarch_agents=tuple(petrarch_agents or ()))
    except (ValueError, OSError) as exc:
        raise _fail(str(exc)) from None
    rows = knowledge.stats()
    if fmt == LookupFormat.jsonl.value:
        for row in rows:
            typer.echo(json.dumps(asdict(row)))
        return
    typer.echo(f"{'file':<34} {'kind':<10} {'phrases':>8} {'actors':>8} {'terms':>8}")
    for row in rows:
        typer.echo(f"{row.file:<34} {row.kind:<10} {row.phrases:>8} {row.actors:>8} {row.terms or '':>8}")
    typer.echo(f"{'total':<34} {'':<10} {sum(r.phrases for r in rows):>8} {sum(r.actors for r in rows):>8} "
               f"{sum(r.terms for r in rows):>8}")


def _render(result) -> str:
    when = result.date.isoformat() if result.date else "now"
    lines = [f"{result.text}  (on {when})"]
    for actor in result.actors or [None]:
        if actor is None:
            lines.append("  code -  (no actor)")
            continue
        lines.append(f"  code {actor.code or '-'}  country {actor.country or '-'}  sector {actor.sector or '-'}  "
                     f"name {actor.name or '-'}")
        lines.append(f"    why: {actor.how}")
    lines += [f"    matched: {m}" for m in result.mentions]
    return "\n".join(lines)
