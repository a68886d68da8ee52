"""PETRARCH-format actor and agent dictionaries, read into eventcoder's knowledge entries.

Users of PETRARCH/TABARI bring their dictionaries with ``--petrarch-actors FILE`` and ``--petrarch-agents
FILE`` (or ``load_knowledge(petrarch_actors=..., petrarch_agents=...)``). What is read (the format of the
PETRARCH dictionaries; see ``eventcoder/data/README.md``, "PETRARCH dictionaries", for the details):

- comments: ``<!-- ... -->`` blocks (over several lines too) and ``#`` to the end of a line;
- actors: an entry line ``PHRASE [CODE]``; words joined by ``_`` or spaces; ``+PHRASE`` lines are synonyms of
  the entry above; code lines, often indented, below the entry; several codes with date restrictions:
  ``[CODE <YYYYMMDD]`` (before that day), ``[CODE >YYYYMMDD]`` (after it), ``[CODE YYYYMMDD-YYYYMMDD]``
  (both days included), dates also as ``YYMMDD`` (19YY from 30 on, else 20YY). A code without a date is
  the default. ``[---]`` (no code) terms are skipped. ``[A/B/C]`` is a compound code: the phrase names
  several actors at once (the actor stage codes an event once per part); ``[+++]`` and ``[###]`` are kept as
  codes written as they are (PETRARCH writes them out as the actor's code: a known phrase that is not an actor
  of any country; ``###`` is TABARI's older form); in news conventions the actor stage leaves them out.
- agents: ``PHRASE {PLURALS} [~CODE]`` (an agent code added after the actor's code), ``[CODE~]`` (before it);
  the code is one or more three-letter sectors (``[~GOVMED]``), kept whole in the entry's ``code`` with its
  ``~`` (``"~GOVMED"``, ``"NGO~"``), its first three letters as ``sector``; ``{}`` = no plural, no braces = the
  regular English plural of the last word; ``!NAME! = A, B`` defines a substitution used inside phrases
  (``CONGRESS!PERSON!``).

Phrases are written in capitals in PETRARCH files; actors are turned into news case ("ARNOR_" ->
"Arnor", "U.N." stays), agents into lower case, and a leading "the" is dropped, as in the package's files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from .knowledge_types import SECTOR_CODES, ActorTerm, GazetteerEntry, KnowledgeError

__all__ = ["LITERAL_CODES", "agent_code_parts", "read_petrarch_actors", "read_petrarch_agents"]

_COMMENT_BLOCK = re.compile(r"<!\s*--.*?-->", re.S)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_RESTRICTION = re.compile(r"^(?:<\s*(?P<before>\d+)|>\s*(?P<after>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+))$")
_SUBSTITUTION = re.compile(r"^(!\w+!)\s*=\s*(.+)$")
_PLURALS = re.compile(r"\{([^}]*)\}")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "al"})
_NO_CODE = "---"
LITERAL_CODES = frozenset({"+++", "###"})
"""Actor codes a PETRARCH dictionary writes for a phrase that names no country's actor; kept as they are."""
_AGENT_CODE = re.compile(r"^(?:~[A-Z0-9]{3,}|[A-Z0-9]{3,}~)$")


def read_petrarch_actors(path: str, *, on_error: str = "raise",
                         skipped: list[str] | None = None) -> list[tuple[ActorTerm, tuple[str, ...]]]:
    """Read a PETRARCH actor dictionary.

    Args:
        path (str): the file (UTF-8 or Latin-1).
        on_error (str): a malformed line (unbalanced brackets "ZORBLAND [ZZZ", a code of another kind of file
            "[010]", "[~GOV]"): "raise" (KnowledgeError) or "skip" (the line is left out and named in ``skipped``,
            "FILE line N: skipped: ...").
    RETURNS (list[tuple[ActorTerm, tuple[str, ...]]]): one item per code of each entry: the dated term
        (``source`` = file:line of the code) and the phrases naming the actor (the entry and its synonyms).
        Entries without a usable code are left out; a phrase already named by an earlier entry is left to
        it (PETRARCH dictionaries repeat phrases; the first wins). No term has a ``lapse``: outside its dates a PETRARCH
        code falls back to the entry's default code, else to none.

    Raises:
        KnowledgeError: a bad date restriction, a code line before any entry, a malformed line (message names
            file and line); the file cannot be read.
    """
    rows: list[tuple[ActorTerm, tuple[str, ...]]] = []
    seen: set[str] = set()
    for phrases, codes in _actor_blocks(path, on_error, skipped):
        cased = (_news_case(ph) for ph in phrases)
        names = tuple(dict.fromkeys(p for p in cased if p and p.casefold() not in seen))
        if not names:
            continue
        seen.update(p.casefold() for p in names)
        for number, block in codes:
            term = _term(names[0], block, f"{Path(path).name}:{number}", (path, number))
            if term is not None:
                rows.append((term, names))
    return rows


def read_petrarch_agents(path: str, *, on_error: str = "raise",
                         skipped: list[str] | None = None) -> list[GazetteerEntry]:
    """Read a PETRARCH agent dictionary.

    Args:
        path (str): the file.
        on_error, skipped: as for :func:`read_petrarch_actors`.
    RETURNS (list[GazetteerEntry]): entries of kind "agent", one per phrase and plural form (lower case), in
        file order; the first entry for a phrase wins. Agents whose code names no sector are left out.

    Raises:
        KnowledgeError: a malformed line (message names file and line); the file cannot be read.
    """
    substitutions: dict[str, list[str]] = {}
    entries: dict[str, GazetteerEntry] = {}
    for number, line in _checked_lines(path, "agent", on_error, skipped):
        match = _SUBSTITUTION.match(line)
        if match:
            substitutions[match.group(1)] = [w.strip() for w in match.group(2).split(",") if w.strip()]
            continue
        code = _agent_code(line)
        if code is None:
            continue
        sector = code.strip("~")[:3]
        head = _CODE_BLOCK.split(line, 1)[0]
        plurals = _PLURALS.search(head)
        phrase = _PLURALS.sub("", head)
        for form in _expand(phrase, substitutions):
            name = _words(form).lower()
            forms = [name] + (_explicit_plurals(plurals.group(1)) if plurals else [_plural(name)])
            for text in forms:
                key = _drop_the(text)
                if key and key not in entries:
                    entries[key] = GazetteerEntry(key, "agent", None, sector, code, _drop_the(name),
                                                  f"{Path(path).name}:{number}")
    return list(entries.values())


# --------------------------------------------------------------------------------------------- reading
def dictionary_text(path: str | Path, what: str) -> str:
    """The text of a PETRARCH file (UTF-8, else Latin-1; a BOM dropped).

    Raises:
        KnowledgeError: the file cannot be read (a missing file, a folder), naming ``what`` and the path.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise KnowledgeError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.removeprefix("\ufeff")


def _lines(path: str) -> Iterator[tuple[int, str]]:
    """Non-empty lines without comments, with their 1-based numbers (comment blocks keep the numbering; lines end
    at LF, CRLF or a lone CR).

    Raises:
        KnowledgeError: the file cannot be read (a missing file, a folder).
    """
    text = re.sub(r"\r\n?", "\n", dictionary_text(path, "PETRARCH dictionary"))
    text = _COMMENT_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield number, line


def _checked_lines(path: str, kind: str, on_error: str, skipped: list[str] | None) -> Iterator[tuple[int, str]]:
    """:func:`_lines` less the malformed ones (:func:`_line_problem`): an error, or with ``on_error="skip"`` named
    in ``skipped``. ``kind``: "actor" or "agent", the dictionary read.

    Raises:
        KnowledgeError: a malformed line, unless skipped (the message names file and line).
    """
    for number, line in _lines(path):
        problem = _line_problem(line, kind)
        if problem is None:
            yield number, line
        elif on_error != "skip":
            raise KnowledgeError(f"{path} line {number}: {problem}")
        elif skipped is not None:
            skipped.append(f"{Path(path).name} line {number}: skipped: {problem}")


def _line_problem(line: str, kind: str) -> str | None:
    """Why a line of an actor or agent dictionary is malformed, or None: brackets that do not pair ("ZORBLAND
    [ZZZ", "+NAME]_"), or a code of the other kind of file (a verb or agent code in an actor dictionary: "[010]",
    "[~GOV]"; an actor or verb code in an agent dictionary: "[KAZ]"), a sign of a file given for another."""
    shown = line.strip() if len(line.strip()) <= 80 else line.strip()[:77] + "..."
    if line.count("[") != line.count("]") or line.count("{") != line.count("}"):
        return f"unbalanced brackets in {shown!r}"
    for block in _CODE_BLOCK.findall(line):
        code = "".join(block.split()[:1])
        if kind == "actor" and code and ("~" in code or code[0].isdigit()):
            return f"[{block}] is not an actor code (letters, as [KAZ] or [KAZGOV]): is this an agent or verb dictionary?"
        if kind == "agent" and "~" not in block:
            return f"[{block}] is not an agent code ([~SEC] or [SEC~]): is this an actor or verb dictionary?"
    return None


def _actor_blocks(path: str, on_error: str = "raise",
                  skipped: list[str] | None = None) -> Iterator[tuple[list[str], list[tuple[int, str]]]]:
    """(phrases, [(line number, code block text)]) per actor entry."""
    phrases: list[str] = []
    codes: list[tuple[int, str]] = []
    for number, line in _checked_lines(path, "actor", on_error, skipped):
        stripped = line.strip()
        if stripped.startswith("+"):
            phrases.append(_CODE_BLOCK.split(stripped[1:], 1)[0])
        elif line[0].isspace() or stripped.startswith("["):
            if not phrases:
                raise KnowledgeError(f"{path} line {number}: a code line before any actor entry")
        else:
            if phrases:
                yield phrases, codes
            phrases, codes = [_CODE_BLOCK.split(stripped, 1)[0]], []
        codes += [(number, block) for block in _CODE_BLOCK.findall(line)]
    if phrases:
        yield phrases, codes


def _term(name: str, block: str, source: str, where: tuple[str, int]) -> ActorTerm | None:
    parts = block.split(None, 1)
    if not parts:
        return None
    code = parts[0].upper()
    if code == _NO_CODE or not (code in LITERAL_CODES or re.fullmatch(r"[A-Z0-9]{3,}(?:/[A-Z0-9]{3,})*", code)):
        return None
    start, end = _restriction(parts[1] if len(parts) > 1 else "", where)
    first = code.split("/")[0]
    country = first[:3] if code not in LITERAL_CODES else None
    sector = first[3:6] if first[3:6] in SECTOR_CODES else None
    return ActorTerm(name, code, country, sector, start, end, source)


def _restriction(text: str, where: tuple[str, int]) -> tuple[date | None, date | None]:
    """(start, end) of a date restriction: "<D" ends the day before D, ">D" starts the day after D."""
    text = text.strip()
    if not text:
        return None, None
    match = _RESTRICTION.match(text)
    if match is None:
        raise KnowledgeError(f"{where[0]} line {where[1]}: bad date restriction {text!r} "
                             "(expected <YYYYMMDD, >YYYYMMDD or YYYYMMDD-YYYYMMDD)")
    if match.group("before"):
        return None, _day(match.group("before"), where) - timedelta(days=1)
    if match.group("after"):
        return _day(match.group("after"), where) + timedelta(days=1), None
    return _day(match.group("start"), where), _day(match.group("end"), where)


def _day(digits: str, where: tuple[str, int]) -> date:
    try:
        if len(digits) == 6:
            year = int(digits[:2])
            return date(1900 + year if year >= 30 else 2000 + year, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        pass
    raise KnowledgeError(f"{where[0]} line {where[1]}: bad date {digits!r} (expected YYYYMMDD or YYMMDD)")


# ---------------------------------------------------------------------------------------- phrases
def _words(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


def _drop_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _news_case(text: str) -> str:
    """A PETRARCH phrase in the case news writes it: "MINAS_TIRITH" -> "Minas Tirith"; acronyms of up to
    three letters standing alone or without a vowel and words with dots stay in capitals ("U.N.", "USA");
    "of", "the" ... in lower case."""
    words = _drop_the(_words(text)).split()
    out = []
    for i, word in enumerate(words):
        short = len(word) <= 3 and word.isalpha() and (len(words) == 1 or not re.search(r"[AEIOUY]", word.upper()))
        if "." in word or (short and word.lower() not in _SMALL_WORDS):
            out.append(word.upper())
        elif i and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


def _agent_code(line: str) -> str | None:
    """The agent code of a line's ``[~SEC...]`` or ``[SEC...~]`` block ("~GOVMED", "NGO~"), upper case, without
    spaces; None for lines without one (or whose code names no sector)."""
    match = _CODE_BLOCK.search(line)
    if match is None:
        return None
    code = "".join(match.group(1).split()).upper()
    if not _AGENT_CODE.match(code):
        code = code.replace("~", "")
        return "~" + code[:3] if re.fullmatch(r"[A-Z]{3}", code[:3]) else None
    return code


def agent_code_parts(code: str) -> tuple[str, bool]:
    """An agent entry's code split into its letters and where they go: ("GOVMED", False) for "~GOVMED" (after
    the actor's code), ("NGO", True) for "NGO~" (before it)."""
    return (code[:-1], True) if code.endswith("~") else (code.lstrip("~"), False)


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    """The phrase with each ``!NAME!`` replaced by each of its words."""
    match = re.search(r"!\w+!", phrase)
    if match is None or match.group(0) not in substitutions:
        return [phrase]
    out = []
    for word in substitutions[match.group(0)]:
        out += _expand(phrase[:match.start()] + word + phrase[match.end():], substitutions)
    return out


def _explicit_plurals(text: str) -> list[str]:
    return [_words(p).lower() for p in re.split(r"[,\s]+", text) if p]


def _plural(phrase: str) -> str:
    """The regular English plural of the last word ("soldier" -> "soldiers", "authority" -> "authorities")."""
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    if re.search(r"(ss|sh|ch|x|z)$", phrase):
        return phrase + "es"
    if re.search(r"(s|men)$", phrase):  # already a plural ("walks", "congressmen")
        return phrase
    return phrase + "s"
