"""Plain words in the ``eventcoder`` command's help and usage errors.

Typer writes a required argument as ``{PATH}...`` in the usage line, and each value's Python type in the help
(``PATH <list[str]>``, ``--workers <int range>``, ``--db <path>``). :class:`PlainTyper` makes every command a
:class:`PlainCommand`, which writes ``PATH...`` and a plain word for each value (the option's ``metavar`` where it
has one, else ``N``, ``NUMBER``, ``FILE``, ``TEXT`` or the choices, ``jsonl|csv|table``). :func:`choice` checks an
option with a fixed set of values and fails with ``error: --format json: choose jsonl, csv or table (did you mean
jsonl?)`` (exit status 2).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperOption

__all__ = ["PlainCommand", "PlainTyper", "choice", "choice_option", "plain_metavar"]

_WORDS = {"int": "N", "float": "NUMBER", "path": "FILE", "bool": "BOOL"}
"""Plain words for the type labels Typer shows (``<int range>`` -> N)."""


def plain_metavar(param: Any) -> str:
    """The plain word for a parameter's value: its choices joined by ``|``, or N, NUMBER, FILE or TEXT."""
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None) if descriptor is not None and descriptor.is_choice else None
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    label = param.display_type(None).strip("<>") if hasattr(param, "display_type") else "text"
    return _WORDS.get(label.split()[0], "TEXT")


class PlainCommand(TyperCommand):
    """A Typer command whose usage line and help show plain words: ``PATH...`` (not ``{PATH}...``), ``--db FILE``
    (not ``--db <path>``); an option without a ``metavar`` gets :func:`plain_metavar`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperOption) and param.metavar is None and not param.is_flag:
                param.metavar = plain_metavar(param)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS]`` and each argument: ``PATH...``, ``[TEXT]...`` when it may be left out."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(_argument_usage(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections, each argument by its plain name (no type label)."""
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _argument_name(param: TyperArgument) -> str:
    name = param.metavar or param.name.upper()
    return name if param.nargs == 1 or name.endswith("...") else f"{name}..."


def _argument_usage(param: TyperArgument) -> str:
    name = _argument_name(param)
    return name if param.required else f"[{name.removesuffix('...')}]{'...' if name.endswith('...') else ''}"


class PlainTyper(typer.Typer):
    """A :class:`typer.Typer` whose commands are :class:`PlainCommand` (plain words in help and usage)."""

    def command(self, *args: Any, **kwargs: Any) -> Callable:
        """As :meth:`typer.Typer.command`, with ``cls`` :class:`PlainCommand` unless given."""
        kwargs.setdefault("cls", PlainCommand)
        return super().command(*args, **kwargs)


def choice(option: str, choices: Sequence[str]) -> Callable[[Any], Any]:
    """A Typer ``callback`` for ``option`` (``"--format"``) whose value must be one of ``choices``.

    RETURNS: the callback; it returns the value (None and an allowed value pass).
    Raises (in the callback):
        typer.Exit: status 2 after ``error: --format json: choose jsonl, csv or table (did you mean jsonl?)``.
    """
    allowed = tuple(str(c) for c in choices)

    def check(value: Any) -> Any:
        if value is None or str(getattr(value, "value", value)) in allowed:
            return value
        given = str(value).strip().lower()
        near = [c for c in allowed if given and c.startswith(given)]
        near = near or difflib.get_close_matches(given, allowed, n=1, cutoff=0.6)
        hint = f" (did you mean {near[0]}?)" if near else ""
        listed = f"{', '.join(allowed[:-1])} or {allowed[-1]}" if len(allowed) > 1 else allowed[0]
        typer.echo(f"error: {option} {value}: choose {listed}{hint}", err=True)
        raise typer.Exit(2)

    return check


def choice_option(*names: str, choices: Sequence[str], help: str) -> Any:  # noqa: A002 - Typer's name
    """A ``typer.Option`` (for ``Annotated[str | None, ...]``) named ``names`` whose value is one of ``choices``:
    shown as ``jsonl|csv|table`` in the help, checked by :func:`choice`."""
    return typer.Option(*names, metavar="|".join(choices), callback=choice(names[0], choices), help=help)
