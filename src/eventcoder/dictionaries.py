"""User actor dictionaries in CSV or YAML: read into the rows that :mod:`eventcoder.knowledge` loads.

A user dictionary lists actors with the columns ``name variants code country sector valid_from valid_to``
(:data:`eventcoder.knowledge_types.ACTOR_COLUMNS`; only ``name`` is required, and one of ``code``, ``country``
or ``sector``). The same columns make a TSV file with that header row, which the knowledge loader reads
like its own files. Format and meaning: ``eventcoder/data/README.md``, "User actor dictionaries".

CSV (a header row; ``variants`` separated by ``|``)::

    name,variants,code,country,sector,valid_from,valid_to
    Jeenbek Kulubaev,Kulubaev|Kulubayev,KGZGOV,,,2022-10-05,

YAML (a list of mappings; ``variants`` a list or a ``|``-separated string)::

    - name: Jeenbek Kulubaev
      variants: [Kulubaev, Kulubayev]
      code: KGZGOV
      valid_from: 2022-10-05

Normally used through ``load_knowledge(extra_files=("my_actors.csv",))`` or ``eventcoder code --actors
my_actors.csv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from .knowledge_types import ACTOR_COLUMNS, KnowledgeError

__all__ = ["read_actor_dictionary"]

Row = tuple[int, tuple[str, ...]]
"""A dictionary row: its 1-based line in the file and its cells in :data:`ACTOR_COLUMNS` order."""


def read_actor_dictionary(path: str) -> tuple[str, list[Row]]:
    """Read a CSV (``.csv``) or YAML (``.yaml``/``.yml``) actor dictionary.

    Args:
        path (str): the file.
    RETURNS (tuple[str, list[Row]]): the kind "actors" and the rows, each (line number, cells in
        ``ACTOR_COLUMNS`` order, empty strings for missing values).

    Raises:
        KnowledgeError: the file is not CSV/YAML of the expected shape (message names file and line).
        OSError: the file cannot be read.
    """
    text = Path(path).read_text(encoding="utf-8").removeprefix("\ufeff")
    if Path(path).suffix.lower() == ".csv":
        return "actors", _csv_rows(text, path)
    return "actors", _yaml_rows(text, path)


def _csv_rows(text: str, path: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text))
    lines = ((reader.line_num, row) for row in reader)
    header: list[str] | None = None
    rows: list[Row] = []
    for number, cells in lines:
        if not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in cells]
            _check_columns(header, path, number)
            continue
        if len(cells) != len(header):
            raise KnowledgeError(f"{path} line {number}: expected {len(header)} comma-separated columns, "
                                 f"found {len(cells)}")
        rows.append((number, _ordered(dict(zip(header, cells)))))
    if header is None:
        raise KnowledgeError(f"{path} line 1: no header row (expected {','.join(ACTOR_COLUMNS)})")
    return rows


def _yaml_rows(text: str, path: str) -> list[Row]:
    import yaml

    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise KnowledgeError(f"{path} line {line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise KnowledgeError(f"{path} line 1: expected a list of actors (- name: ...), found {type(data).__name__}")
    rows: list[Row] = []
    for node, item in zip(root.value, data):
        number = node.start_mark.line + 1
        if not isinstance(item, Mapping):
            raise KnowledgeError(f"{path} line {number}: expected a mapping with a name, found {item!r}")
        keys = [str(key).strip().lower() for key in item]
        _check_columns(keys, path, number, need_name=False)
        rows.append((number, _ordered({str(k).strip().lower(): _cell(v) for k, v in item.items()})))
    return rows


def _check_columns(columns: list[str], path: str, number: int, *, need_name: bool = True) -> None:
    unknown = [c for c in columns if c not in ACTOR_COLUMNS]
    if unknown:
        raise KnowledgeError(f"{path} line {number}: unknown column {unknown[0]!r} "
                             f"(expected some of: {', '.join(ACTOR_COLUMNS)})")
    if need_name and "name" not in columns:
        raise KnowledgeError(f"{path} line {number}: no 'name' column (expected some of: {', '.join(ACTOR_COLUMNS)})")


def _cell(value: object) -> str:
    """A YAML value as a cell: lists joined with "|", dates in ISO form, None as empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "|".join(_cell(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _ordered(values: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(values.get(column, "").strip() for column in ACTOR_COLUMNS)
