"""PETRARCH's validation suites run through eventcoder: read a records file, code each record's text, score it.

A PETRARCH validation file (``PETR.UnitTest.records.xml``, ``PETR_Validate_records_2_02.xml``) is XML-like: an
``<Environment>`` names the suite's dictionaries (``<Verbfile>``, ``<Actorfile>``, ``<Agentfile>``,
``<Discardfile>``, paths relative to the records file) and the categories it scores (``<Include>``); each
``<Sentence date="YYYYMMDD" id=... category=...>`` record holds its expected events, one ``<EventCoding
sourcecode=... targetcode=... eventcode=.../>`` line each (or ``noevents``, or ``error="..."``: PETRARCH rejects the
record), a ``<Text>`` and a ``<Parse>`` (PETRARCH's input, ignored here: eventcoder parses the text itself).
The files are not well-formed XML (a comment in the ud_2_02 header holds ``<!-- ... -->``), so they are read
with a tolerant scanner: comments are blanked (keeping line numbers), then the tags are matched.

How a record is scored (PETRARCH's own rule): it passes when every expected event is coded and nothing else is;
a ``noevents`` record passes when nothing is coded (as does a record with no ``<EventCoding>`` line: PATTERN-06 of
the unit tests has its only expectation in a comment), and so does an ``error`` record (PETRARCH codes nothing for
a record it rejects: a dateline, a story or sentence discard), except ``error="bad_input_parse"``, which is
about the supplied parse tree and is not scored. The discard records (``error="storydiscard"``,
``"sentencediscard"``) are coded with the suite's ``<Discardfile>`` (:func:`options_for`), so they pass because a
phrase of it stops them. ``error="dateline"`` is PETRARCH-1's rejection of a parse tree whose root is a bare noun
phrase opening with a named entity (``check_irregulars``: a dateline such as ``CITY: --`` left before the
sentence, which the parser glued onto it); PETRARCH-2 has no such check, and eventcoder does not reject the text
either: a dateline it recognises is not a sentence, a dateline sentence alone has no verb and codes nothing, and
the rest of the text is coded (a news event after a dateline is news). Such a record passes when its text codes
nothing. Records marked ``sentence="false"`` or ``evaluate="false"``,
and records whose category the ``<Include>`` line does not list, are not scored either (the report counts them).

How records are coded: with the suite's actor and agent dictionaries, eventcoder's own verb lexicon (with ``petrarch_verbs``:
the suite's verb dictionary instead, ``lexicon_mode="replace"``, or after it, "add"), ``one_sided`` off: PETRARCH codes an
event only where it finds a target (an unknown one as ``---``); with ``one_sided`` on, ud_2_02 passed 3 records
fewer (7 Dec 2026). Each record is an article of its own, published on the record's date.

How codes are compared: an event is the triple (source code, target code, event code), compared as strings.
The coded codes are the records' ``source_code`` and ``target_code``, which for actors of the suite's
dictionaries are the dictionary's codes composed with the agents' as PETRARCH does (``ARN``, ``NGOARNGOV``,
``---GOV``: :mod:`eventcoder.actors.petrarch_codes`); ``[+++]`` is written as it is. A compound code
(``[FRO/BIL/SAM]``: a phrase naming several actors) is coded as one event per actor, as PETRARCH-1 does and
``unit_tests`` expects; ``ud_2_02`` (PETRARCH-2) expects the joined string instead (``FRO/BIL/SAM GON 050``), so an
expected triple with joined codes is met when the coded events include every combination of its parts
(:func:`compound_parts`), and those events are not extra. A coded actor without a code is PETRARCH's ``---``
(its unknown actor), with the sector when eventcoder found one (``---GOV``). An expected code written in quotes (``'"THE MINISTRY OF MAGIC"'``: PETRARCH-1 names an actor it
does not know by its noun phrase) matches a coded actor without a code whose text, upper-cased, with a
possessive ``'s`` and punctuation dropped, is that phrase.

    >>> from eventcoder.petrarch_validate import validate_file, format_report
    >>> report = validate_file("PETR_Validate_records_2_02.xml")      # doctest: +SKIP
    >>> print(format_report(report))                                  # doctest: +SKIP
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .knowledge_types import KnowledgeError
from .model import EventRecord
from .options import CoderOptions

__all__ = ["Actor", "Environment", "Outcome", "Report", "ValidationRecord", "coded_events", "compound_parts",
           "failure_classes",
           "format_report", "judge", "parse_records", "read_records", "validate", "validate_file"]

UNKNOWN = "---"
"""PETRARCH's code of an actor it found but could not code."""

NOT_SCORED_ERRORS = frozenset({"bad_input_parse"})
"""``error`` expectations about PETRARCH's input parse trees, which eventcoder does not read."""

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<(Environment|Sentence)\b([^>]*)>(.*?)</\1\s*>", re.S)
_ATTR = re.compile(r"""([A-Za-z_]\w*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODING = re.compile(r"<EventCoding\b([^>]*)>", re.S)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ENV_FILES = {"Verbfile": "verbs", "Actorfile": "actors", "Agentfile": "agents", "Discardfile": "discards"}


@dataclass(frozen=True)
class Environment:
    """The ``<Environment>`` of a records file: its dictionaries (absolute paths) and scored categories.

    Attributes:
        path (str): the records file.
        verbs, actors, agents, discards (tuple[str, ...]): the dictionaries it names, resolved against its folder.
        include (frozenset[str] | None): the categories ``<Include>`` lists (None: no such line, all are scored).
    """

    path: str
    verbs: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    discards: tuple[str, ...] = ()
    include: frozenset[str] | None = None


@dataclass(frozen=True)
class ValidationRecord:
    """One ``<Sentence>`` record.

    Attributes:
        id, category (str): as written.
        day (date): the record's date (the date it is coded at).
        text (str): the ``<Text>``, white space collapsed.
        events (tuple[tuple[str, str, str], ...]): the expected (source, target, event code) triples.
        noevents (bool): the record expects no events.
        error (str | None): the ``error`` PETRARCH expects to raise instead of coding ("storydiscard" ...).
        flags (dict): the record's ``sentence`` and ``evaluate`` attributes as written ("true"/"false").
        line (int): the 1-based line of its ``<Sentence`` tag.
    """

    id: str
    category: str
    day: date
    text: str
    events: tuple[tuple[str, str, str], ...]
    noevents: bool
    error: str | None
    flags: dict = field(default_factory=dict, compare=False)
    line: int = 0

    def skip_reason(self, include: frozenset[str] | None) -> str | None:
        """Why this record is not scored (None: it is): marked off, a category not included, or an error
        expectation about PETRARCH's input parse."""
        for flag in ("sentence", "evaluate"):
            if self.flags.get(flag, "true").lower() == "false":
                return f'{flag}="false"'
        if include is not None and self.category not in include:
            return f"category {self.category} not in <Include>"
        if self.error in NOT_SCORED_ERRORS:
            return f'error="{self.error}" is about the supplied parse tree'
        return None


@dataclass(frozen=True)
class Actor:
    """A coded actor as compared: its code (``---`` when eventcoder gave none, with the sector if known) and
    its text normalised as PETRARCH writes a noun phrase (upper case, no possessive or punctuation)."""

    code: str
    phrase: str

    def matches(self, expected: str) -> bool:
        """True when this actor is the expected code (a quoted expectation: a phrase of an uncoded actor)."""
        if len(expected) > 1 and expected[0] == expected[-1] == '"':
            return self.code.startswith(UNKNOWN) and self.phrase == _phrase(expected[1:-1])
        return self.code == expected


@dataclass
class Outcome:
    """How one record fared: ``passed``, the expected triples not coded (``missing``), the coded events not
    expected (``extra``, as ``(source, target, code)`` strings), every coded event (``coded``), a coding
    error, if any (``error``), and what the engine did with each trigger (``triggers``: "word: pattern
    [outcome]", from the coder's trace; empty: no lexicon entry matched a word of the text)."""

    record: ValidationRecord
    passed: bool
    missing: list[tuple[str, str, str]]
    extra: list[tuple[str, str, str]]
    coded: list[tuple[str, str, str]]
    error: str | None = None
    triggers: list[str] = field(default_factory=list)


@dataclass
class Report:
    """A suite's results: its environment, one :class:`Outcome` per scored record (file order), the
    records not scored with why (``skipped``), and the lines of the suite's dictionaries skipped as malformed
    (``warnings``, "FILE line N: skipped: ...")."""

    environment: Environment
    outcomes: list[Outcome]
    skipped: list[tuple[ValidationRecord, str]]
    warnings: tuple[str, ...] = ()

    def by_category(self) -> dict[str, tuple[int, int]]:
        """Passed and scored records per category, in the order the categories first appear."""
        counts: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            passed, total = counts.get(o.record.category, (0, 0))
            counts[o.record.category] = (passed + o.passed, total + 1)
        return counts

    @property
    def passed(self) -> int:
        """Scored records that pass."""
        return sum(o.passed for o in self.outcomes)


# --- reading ---------------------------------------------------------------------------------------------


def _blank_comments(text: str) -> str:
    """The text with every ``<!-- ... -->`` replaced by its newlines, so that offsets keep their line."""
    return _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR.finditer(text)}


def _phrase(text: str) -> str:
    text = re.sub(r"['\u2019]S\b", "", text.upper())
    return " ".join(re.sub(r"[^\w/+-]", " ", text).split())


def _environment(path: Path, body: str) -> Environment:
    found: dict[str, list[str]] = {name: [] for name in _ENV_FILES.values()}
    for tag, name in _ENV_FILES.items():
        for m in re.finditer(rf"<{tag}>(.*?)</{tag}>", body, re.S):
            found[name] += [str(path.parent / p.strip()) for p in m.group(1).split(",") if p.strip()]
    include = re.search(r"<Include>(.*?)</Include>", body, re.S)
    return Environment(str(path), **{k: tuple(v) for k, v in found.items()},
                       include=frozenset(include.group(1).split()) if include else None)


def _date(value: str, where: str) -> date:
    if not re.fullmatch(r"\d{8}", value.strip()):
        raise KnowledgeError(f"{where}: bad date {value!r} (expected YYYYMMDD)")
    v = value.strip()
    try:
        return date(int(v[:4]), int(v[4:6]), int(v[6:]))
    except ValueError:
        raise KnowledgeError(f"{where}: bad date {value!r} (expected YYYYMMDD)") from None


def _codings(body: str, where: str) -> tuple[list[tuple[str, str, str]], bool, str | None]:
    events, noevents, error = [], False, None
    for m in _CODING.finditer(body):
        attrs = _attributes(m.group(1))
        if "noevents" in attrs:
            noevents = True
        elif "error" in attrs:
            error = attrs["error"].strip()
        elif {"sourcecode", "targetcode", "eventcode"} <= attrs.keys():
            events.append((attrs["sourcecode"].strip(), attrs["targetcode"].strip(), attrs["eventcode"].strip()))
        else:
            raise KnowledgeError(f"{where}: an <EventCoding> needs sourcecode, targetcode and eventcode, "
                                 "or noevents, or error")
    return events, noevents or not (events or error), error


def _record(attrs: dict[str, str], body: str, where: str, line: int) -> ValidationRecord:
    for name in ("id", "date"):
        if not attrs.get(name, "").strip():
            raise KnowledgeError(f"{where}: <Sentence> without {name}")
    text = _TEXT.search(body)
    if text is None or not text.group(1).strip():
        raise KnowledgeError(f"{where}: record {attrs['id']} has no <Text>")
    events, noevents, error = _codings(body, where)
    return ValidationRecord(attrs["id"].strip(), attrs.get("category", "").strip() or "NONE",
                            _date(attrs["date"], where), " ".join(html.unescape(text.group(1)).split()),
                            tuple(events), noevents, error,
                            {k: attrs[k] for k in ("sentence", "evaluate") if k in attrs}, line)


def parse_records(text: str, path: str | Path = "records.xml") -> tuple[Environment, list[ValidationRecord]]:
    """The environment and the records of a validation file's ``text`` (``path``: its name in messages and
    the folder its dictionaries are resolved against).

    Raises:
        KnowledgeError: a record without id, date, text or expectations, a bad date, a record not closed, no
            record, or no ``<Environment>``; the message names the file and line.
    """
    path = Path(path)
    clean = _blank_comments(text)
    environment, records = None, []
    for m in _TAG.finditer(clean):
        line = clean.count("\n", 0, m.start()) + 1
        if m.group(1) == "Environment":
            environment = _environment(path, m.group(3))
        else:
            records.append(_record(_attributes(m.group(2)), m.group(3), f"{path} line {line}", line))
    if environment is None:
        raise KnowledgeError(f"{path} line 1: no <Environment> naming the dictionaries")
    _check_closed(clean, path, {r.line for r in records})
    return environment, records


def _check_closed(clean: str, path: Path, starts: set[int]) -> None:
    """Every ``<Sentence`` opens a record that ends with ``</Sentence>`` before the next one (a typo in a closing
    tag would merge two records), and there is one at least.

    Raises:
        KnowledgeError: naming the line of the first record not closed, or the file.
    """
    opened = [clean.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<Sentence\b", clean)]
    if not opened:
        raise KnowledgeError(f"{path} line 1: no <Sentence> records")
    for line in opened:
        if line not in starts:
            before = max((s for s in starts if s < line), default=line)
            raise KnowledgeError(f"{path} line {before}: the <Sentence> record is not closed by </Sentence> "
                                 f"before the next one, at line {line}")


def read_records(path: str | Path) -> tuple[Environment, list[ValidationRecord]]:
    """:func:`parse_records` of a file.

    Raises:
        KnowledgeError: as :func:`parse_records`, or the file cannot be read.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read the records file ({exc})") from None
    return parse_records(text, path)


# --- scoring ---------------------------------------------------------------------------------------------


def _actor(code: str | None, sector: str | None, text: str | None) -> Actor:
    if not code:
        code = UNKNOWN + (sector or "")
    return Actor(code, _phrase(text or ""))


def coded_events(records: Iterable[EventRecord]) -> list[tuple[Actor, Actor, str]]:
    """The (source, target, event code) of each coded record, without repeats, in order."""
    out: list[tuple[Actor, Actor, str]] = []
    for r in records:
        event = (_actor(r.source_code, r.source_sector, r.source_text),
                 _actor(r.target_code, r.target_sector, r.target_text), r.cameo_code)
        if event not in out:
            out.append(event)
    return out


def _matches(expected: tuple[str, str, str], coded: tuple[Actor, Actor, str]) -> bool:
    return expected[2] == coded[2] and coded[0].matches(expected[0]) and coded[1].matches(expected[1])


def compound_parts(expected: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """The events an expected triple with compound codes stands for: ``("FRO/BIL/SAM", "ELR/GAL", "050")`` -> the
    six (source part, target part, "050") triples (eventcoder codes an event once per actor of a compound code);
    a triple without one is itself. A quoted phrase is never split."""
    def parts(code: str) -> list[str]:
        return code.split("/") if "/" in code and not code.startswith('"') else [code]

    return [(a, b, expected[2]) for a in parts(expected[0]) for b in parts(expected[1])]


def judge(record: ValidationRecord, coded: list[tuple[Actor, Actor, str]], error: str | None = None,
          triggers: list[str] | None = None) -> Outcome:
    """Score one record against its coded events (:func:`coded_events`): it passes when every expected
    triple is coded and every coded event is expected (a record expecting no events or an error: when
    nothing is coded). ``error``: why coding the record failed, if it did (it then counts as coding nothing);
    ``triggers``: kept in the outcome, to explain a failure."""
    missing = [e for e in record.events if not all(any(_matches(p, c) for c in coded) for p in compound_parts(e))]
    expected = [p for e in record.events for p in compound_parts(e)]
    extra = [(c[0].code, c[1].code, c[2]) for c in coded if not any(_matches(e, c) for e in expected)]
    shown = [(c[0].code, c[1].code, c[2]) for c in coded]
    return Outcome(record, not missing and not extra, missing, extra, shown, error, list(triggers or ()))


def _triggers(result) -> list[str]:
    """What the engine did with each trigger of a coded article (its traces), one line each."""
    traces = getattr(result, "traces", ())
    return ([f"[not coded: {why}]" for why in dict.fromkeys(t.discarded for t in traces if t.discarded)]
            + [f"{t.trigger.word}: {t.trigger.pattern.describe()} [{t.outcome}]" for trace in traces
               for t in trace.triggers])


def options_for(environment: Environment, *, petrarch_verbs: bool = True, one_sided: bool = False,
                lexicon_mode: str = "replace") -> CoderOptions:
    """The coder options for a suite: its actor and agent dictionaries; with ``petrarch_verbs``, also its
    verb dictionary (``lexicon_mode`` "replace", the default: instead of the built-in lexicon; "add": after it),
    with its non-CAMEO codes kept (the suites use old WEIS codes) and its malformed lines skipped (ud_2_02's
    verb dictionary names an undefined synonym set); and its discard file (a sentence holding one of its phrases
    is not coded, a record holding a story phrase codes nothing: the suites' ``error="sentencediscard"`` and
    ``"storydiscard"`` records).
    """
    settings: dict = {"petrarch_actors": environment.actors, "petrarch_agents": environment.agents,
                      "petrarch_discards": environment.discards, "one_sided": one_sided, "conventions": "petrarch"}
    if petrarch_verbs and environment.verbs:
        settings.update(petrarch_verbs=environment.verbs, lexicon_mode=lexicon_mode, petrarch_non_cameo="keep",
                        petrarch_on_error="skip")
    return CoderOptions(**settings)


def validate(environment: Environment, records: list[ValidationRecord], *, petrarch_verbs: bool = True,
             one_sided: bool = False, lexicon_mode: str = "replace") -> Report:
    """Code the text of each scored record at its date with the suite's dictionaries (see
    :func:`options_for`) and score it (:func:`judge`).

    Raises:
        KnowledgeError, LexiconError: a bad dictionary of the suite (file and line named).
    """
    from .ingest import parse_article
    from .pipeline import get_coder

    coder = get_coder(options_for(environment, petrarch_verbs=petrarch_verbs, one_sided=one_sided,
                                  lexicon_mode=lexicon_mode))
    scored, skipped = [], []
    for record in records:
        why = record.skip_reason(environment.include)
        if why is None:
            scored.append(record)
        else:
            skipped.append((record, why))
    articles = [parse_article(f"{r.id}@{r.line}", r.text, published=r.day) for r in scored]
    outcomes = []
    for record, result in zip(scored, coder.code_articles(articles, english_only=False)):
        records_ = getattr(result, "records", None)
        error = None if records_ is not None else str(result)
        outcomes.append(judge(record, coded_events(records_ or []), error, _triggers(result)))
    return Report(environment, outcomes, skipped, coder.knowledge.warnings + coder.lexicon.warnings)


def validate_file(path: str | Path, *, petrarch_verbs: bool = True, one_sided: bool = False,
                  lexicon_mode: str = "replace") -> Report:
    """:func:`validate` the records of a validation file (:func:`read_records`)."""
    environment, records = read_records(path)
    return validate(environment, records, petrarch_verbs=petrarch_verbs, one_sided=one_sided,
                    lexicon_mode=lexicon_mode)


# --- reporting -------------------------------------------------------------------------------------------


def _nothing_coded(o: Outcome) -> list[str]:
    if not o.triggers:
        return ["nothing coded: no lexicon entry matched"]
    stops = [t.split("[not coded: ", 1)[1].split(":")[0].rstrip("]") for t in o.triggers if "[not coded: " in t]
    return [f"nothing coded: {why}" for why in dict.fromkeys(stops)] or ["nothing coded"]


def _wrong_events(o: Outcome) -> list[str]:
    expected = set(o.record.events)
    pairs = {(s, t) for s, t, _c in expected}
    actors = {a for s, t, _c in expected for a in (s, t)}
    labels = []
    if any((t, s) in pairs and (s, t) not in pairs for s, t, _c in o.extra):
        labels.append("extra reverse of an expected event")
    if any((s, t) in pairs and (t, s, c) not in expected for s, t, c in o.extra):
        labels.append("event code differs")
    if any(a not in actors for s, t, _c in o.extra for a in (s, t)):
        labels.append("actor code differs")
    return labels or ["expected events missing"]


def failure_classes(outcome: Outcome) -> list[str]:
    """Why a failed record failed, in classes (a record may fall in several): "coding failed", "coded where
    nothing was expected", "nothing coded: " and why the engine left each trigger uncoded (or "no lexicon entry
    matched"), "extra reverse of an expected event" (a joint action coded both ways: an extra event whose actors are an
    expected pair reversed), "event code differs" (an
    expected pair of actors with another code), "actor code differs", "expected events missing"."""
    if outcome.passed:
        return []
    if outcome.error:
        return ["coding failed"]
    if not outcome.record.events:
        return ["coded where nothing was expected"]
    if not outcome.coded:
        return _nothing_coded(outcome)
    return _wrong_events(outcome)


def _triples(events: Iterable[tuple[str, str, str]]) -> str:
    return ", ".join(" ".join(e) for e in events) or "nothing"


def _failure(o: Outcome) -> str:
    r = o.record
    expected = _triples(r.events) if r.events else (f"error {r.error}: nothing" if r.error else "nothing")
    why = []
    if o.missing:
        why.append(f"missing {_triples(o.missing)}")
    if o.extra:
        why.append(f"extra {_triples(o.extra)}")
    if o.error:
        why.append(f"coding failed: {o.error}")
    engine = "; ".join(o.triggers) or "no lexicon entry matched"
    return (f"FAIL {r.id} [{r.category}] line {r.line}: expected {expected}; coded {_triples(o.coded)} "
            f"({'; '.join(why)})\n    text: {r.text}\n    triggers: {engine}")


def format_report(report: Report, *, verbose: bool = False) -> str:
    """The report as text: one line per category (passed/scored and percent), the total, the records not
    scored (counted; listed with ``verbose``), then each failure with what was expected and coded."""
    lines = [f"PETRARCH validation: {report.environment.path}"]
    for category, (passed, total) in report.by_category().items():
        lines.append(f"  {category:<10} {passed:>4}/{total:<4} {passed / total:6.1%}")
    total = len(report.outcomes)
    lines.append(f"  {'TOTAL':<10} {report.passed:>4}/{total:<4} {report.passed / max(total, 1):6.1%}")
    lines.append(f"  not scored: {len(report.skipped)}")
    lines += [f"  warning: {w}" for w in report.warnings]
    if verbose:
        lines += [f"    {r.id} [{r.category}] line {r.line}: {why}" for r, why in report.skipped]
    classes = Counter(c for o in report.outcomes for c in failure_classes(o))
    if classes:
        lines.append("failed records by class (a record may count in several):")
        lines += [f"  {n:>4}  {c}" for c, n in classes.most_common()]
    lines += [_failure(o) for o in report.outcomes if not o.passed]
    return "\n".join(lines)
