"""Dates: resolve a time expression from an article ("on Tuesday", "last night", "Nov. 19")
to a calendar date, relative to a reference date (the dateline's date, else the publication date).

Our own rules come first, for the cases where dateparser's answer differs from the dev-set
annotation convention (``shared/devset/README.md``):

* a weekday ("Tuesday", "on Tuesday", "late on Sunday", "Tuesday afternoon") is the most recent
  such day on or before the reference date (also "this Tuesday"); "last Tuesday" the one
  strictly before it;
  "next Tuesday" / "coming Tuesday" the next one after it;
* "today", "this morning", "tonight" -> the reference date; "yesterday", "last night" -> the day
  before; "overnight into Tuesday" -> that Tuesday; a bare "overnight" -> None (undated);
* "Nov. 19, 2025", "March 3", "on February 5", "3 March" -> that date; without a year, the year
  that puts it on or before the reference date (up to 7 days after it is still accepted, so
  "Jan. 2" said on Dec. 31 is two days later, not a year earlier);
* vague spans ("earlier this month", "last year", "in May", "late November", "next week",
  "recent months", "over the weekend", "on the same day") -> None.

Every reference date from 0001-01-01 to 9999-12-31 is accepted; a date or span that would fall outside them
("yesterday" read on 0001-01-01, "next Tuesday" on 9999-12-31) resolves to nothing (None), never an error.

Anything else is handed to **dateparser** (English only, ``RELATIVE_BASE`` = the reference,
``PREFER_DATES_FROM`` = past), but only when it contains a digit or "ago", so that "2 days ago"
or "19/11/2025" resolve while arbitrary words do not.

Stage "dating": :class:`Timeline` dates the events of an article as they are coded, from the time expression
attached to the trigger or the clauses above it (:func:`temporal_phrase`), else the previous act's date for a
narrated act, else the article's reference date.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from .cameo import STATEMENT_ROOTS
from .grammar import TIME_MODIFIERS
from .wordlists import word_lists

if TYPE_CHECKING:  # pragma: no cover
    from .model import Event
    from .parse import ParseView

__all__ = ["DAY_PATTERN", "MONTH_PATTERN", "NEWS_WINDOW_DAYS", "TIME_WORDS", "Timeline", "date_near",
           "first_written_date", "is_temporal", "month_number", "parse_written_date", "past_span", "resolve_date",
           "shift_days", "temporal_phrase"]

_MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
_WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TIME_WORDS = frozenset({*_WEEKDAYS, "overnight", "tonight", "today", "yesterday"})
"""Words that date an act by themselves, when no date entity is attached ("attacked overnight", "met Tuesday")."""

MONTH_PATTERN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
"""Regular-expression source for an English month name or abbreviation ("Nov.", "March"); use with re.IGNORECASE."""
DAY_PATTERN = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
"""Regular-expression source for a day of the month ("3", "03", "19th"); use with re.IGNORECASE."""
_MONTH_RE = MONTH_PATTERN
_DAY_RE = DAY_PATTERN
_WEEKDAY_RE = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

# "Nov. 19, 2025", "March 3", "19 November 2025", "the 19th of November"
_MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>{_DAY_RE})\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<day2>{_DAY_RE})\s+(?:of\s+)?(?P<month2>{_MONTH_RE})(?:,?\s+(?P<year2>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
_TIME_RE = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4})(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?)?"
_WRITTEN_DATE = re.compile(
    rf"(?:(?:updated|published|posted|released)\s*:?\s*)?(?:{_WEEKDAY_RE},?\s+)?(?:{_TIME_RE},?\s+)?"
    rf"(?:(?P<month>{_MONTH_RE})\s+(?P<day>{_DAY_RE}),?\s+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<day2>{_DAY_RE})\s+(?P<month2>{_MONTH_RE}),?\s+(?P<year2>(?:19|20)\d\d)"
    rf"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d))"
    rf"(?:,?\s+(?:at\s+)?{_TIME_RE})?\.?",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")

# Same-day expressions -> offset in days from the reference date.
_DAY_OFFSETS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^(?:the\s+)?day\s+before\s+yesterday$"), -2),
    (re.compile(r"^(?:early\s+|late\s+)?yesterday(?:\s+(?:morning|afternoon|evening|night))?$"), -1),
    (re.compile(r"^(?:late\s+|early\s+)?last\s+night$"), -1),
    (re.compile(r"^(?:earlier\s+|later\s+|early\s+|late\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))$"), 0),
    (re.compile(r"^(?:early\s+|late\s+)?tomorrow(?:\s+(?:morning|afternoon|evening|night))?$"), 1),
)

# Words allowed around a weekday name ("late on Sunday", "overnight into Tuesday", "by Tuesday afternoon").
_WEEKDAY_FILLER = frozenset(
    "on late early by from since until till through into to overnight during in the hours of "
    "morning afternoon evening night dawn noon midday before after around".split()
)

_VAGUE = re.compile(
    r"\b(?:weeks?|weekends?|months?|years?|decades?|centur(?:y|ies)|recent(?:ly)?|lately|season"
    r"|spring|summer|autumn|fall|winter|same\s+day|that\s+day|previous\s+day|day\s+(?:before|after|earlier|later)"
    r"|days\s+(?:before|after|earlier|later))\b"
)
_DAYS_AGO = re.compile(r"^(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven)\s+days?\s+ago$")
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_TEMPORAL_HINT = re.compile(
    rf"\b(?:{_WEEKDAY_RE}|{_MONTH_RE}|today|tonight|yesterday|tomorrow|overnight|night|morning|afternoon"
    r"|evening|ago|week|weekend|month|year|recent(?:ly)?|earlier|later|(?:19|20)\d\d)(?!\w)",
    re.IGNORECASE,
)


def month_number(name: str) -> int | None:
    """The month number of an English month name or abbreviation.

    Args:
        name (str): "November", "Nov.", "nov", "Sept".
    RETURNS (int | None): 1-12, or None when it is not a month name.
    """
    key = name.strip().rstrip(".").lower()
    for number, forms in enumerate(_MONTHS, start=1):
        if key in forms:
            return number
    return None


def shift_days(day: date, days: int) -> date | None:
    """``day`` moved by ``days`` days (negative: back); None outside 0001-01-01 .. 9999-12-31. Never raises."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def date_near(month: int, day: int, reference: date, *, future_days: int = 7) -> date | None:
    """Give a month and day the year that makes it the latest date not after ``reference + future_days``.

    This is the year rule for dates written without a year: a Dec. 31 dateline on an article
    published Jan. 1 falls in the previous year; "Jan. 2" read on Dec. 31 in the next.

    Args:
        month (int): 1-12. day (int): 1-31.
        reference (date): the date the expression is read against.
        future_days (int): how many days after the reference are still accepted.
    RETURNS (date | None): the date, or None when the month/day never exists (Feb. 30) or not in 0001..9999.
    """
    latest = shift_days(reference, future_days) or date.max
    for year in (reference.year + 1, reference.year, reference.year - 1, reference.year - 2, reference.year - 3):
        try:
            candidate = date(year, month, day)
        except ValueError:  # Feb. 29 of a common year, Feb. 30, or a year outside 1..9999
            continue
        if candidate <= latest:
            return candidate
    return None


def parse_written_date(text: str) -> date | None:
    """Parse a complete written date with a year, as on a publication line; nothing else may stand there.

    Accepted: "November 20, 2025", "Nov. 20, 2025", "23 February 2026", "2026-02-23", each
    optionally with a weekday before it and a clock time before or after it
    ("07:57, November 20, 2025", "Thursday, February 5, 2026 10:30 GMT").

    Args:
        text (str): the whole text to parse (surrounding whitespace ignored).
    RETURNS (date | None): the date, or None when ``text`` is not exactly such a date.
    """
    match = _WRITTEN_DATE.fullmatch(text.strip())
    if not match:
        return None
    try:
        if match["iso"]:
            return date.fromisoformat(match["iso"])
        month = month_number(match["month"] or match["month2"])
        day = int(re.sub(r"\D", "", match["day"] or match["day2"]))
        return date(int(match["year"] or match["year2"]), month or 0, day)
    except ValueError:
        return None


def _normalise(expression: str) -> str:
    text = expression.lower().replace("\u2019", "'")
    text = re.sub(r"[,;:()\"]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .")


def _day_offset(text: str, reference: date) -> date | None:
    for pattern, offset in _DAY_OFFSETS:
        if pattern.match(text):
            return shift_days(reference, offset)
    return None


def _explicit_date(text: str, reference: date) -> date | None:
    iso = _ISO_DATE.search(text)
    if iso:
        try:
            return date(int(iso["year"]), int(iso["month"]), int(iso["day"]))
        except ValueError:
            return None
    match = _MONTH_DAY.search(text)
    if not match:
        return None
    month = month_number(match["month"] or match["month2"])
    day = int(re.sub(r"\D", "", match["day"] or match["day2"]))
    year = match["year"] or match["year2"]
    if month is None:
        return None
    if year:
        try:
            return date(int(year), month, day)
        except ValueError:
            return None
    return date_near(month, day, reference)


def _weekday(text: str, reference: date) -> date | None:
    """Resolve an expression made of one weekday name and filler words, or return None."""
    words = text.split()
    days = {w for w in words if w in _WEEKDAYS}
    if len(days) != 1:
        return None
    modifiers = [w for w in words if w not in _WEEKDAY_FILLER and w not in _WEEKDAYS]
    if any(m not in ("last", "past", "next", "coming", "this") for m in modifiers):
        return None
    target = _WEEKDAYS.index(days.pop())
    back = (reference.weekday() - target) % 7
    if "next" in modifiers or "coming" in modifiers:
        return shift_days(reference, (target - reference.weekday() - 1) % 7 + 1)
    if "last" in modifiers or "past" in modifiers:
        back = back or 7
    return shift_days(reference, -back)


def _days_ago(text: str, reference: date) -> date | None:
    match = _DAYS_AGO.match(text)
    if not match:
        return None
    n = match["n"]
    count = int(n) if n.isdigit() else _WORD_NUMBERS[n]
    return shift_days(reference, -count)


def _is_vague(text: str) -> bool:
    """Weeks, months, years, seasons, anaphora ("the same day"), a month without a day, bare "overnight"."""
    if _VAGUE.search(text) or text in ("overnight", "recently", "now", "earlier", "later"):
        return True
    has_month = re.search(rf"\b{_MONTH_RE}(?!\w)", text) is not None
    return has_month and not _MONTH_DAY.search(text) and not _ISO_DATE.search(text)


def _dateparser(text: str, reference: date) -> date | None:
    if "ago" not in text.split() and not re.search(r"\d", text):
        return None
    if re.fullmatch(r"(?:in\s+)?\d{1,4}", text):
        return None
    import dateparser

    settings = {
        "RELATIVE_BASE": datetime(reference.year, reference.month, reference.day, 12, 0),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (OverflowError, ValueError):  # "in 3 days" read on 9999-12-31: past the end of the calendar
        return None
    if parsed is None or abs(parsed.year - reference.year) > 50:
        return None
    return parsed.date()


def resolve_date(expression: str, reference: date) -> date | None:
    """Resolve a time expression to a date, relative to ``reference``.

    Args:
        expression (str): the words of the expression as written ("late on Sunday",
            "overnight into Tuesday", "Nov. 19", "last night", "earlier this month").
        reference (date): the date the article speaks from (dateline date, else publication).
    RETURNS (date | None): the date, or None when the expression is vague (a week, month, year, season, "the
        same day", a bare "overnight"), not a date at all, or outside 0001..9999 ("yesterday" on 0001-01-01).
        Never raises.

    Rules are described in the module docstring; dateparser (offline, English) is the fallback.
    """
    text = _normalise(expression or "")
    if not text:
        return None
    exact = _day_offset(text, reference) or _days_ago(text, reference)
    if exact:
        return exact
    if _is_vague(text):
        return None
    return _explicit_date(text, reference) or _weekday(text, reference) or _dateparser(text, reference)


NEWS_WINDOW_DAYS = 31
"""How far before the reference date an act may lie and still be news: acts whose own time ends earlier are
background history ("the 2017 veto", "in 2009", "last year" said in March)."""

_YEAR_SPAN = re.compile(r"\b(?P<a>(?:19|20)\d\d)\s*[-\u2013/]\s*(?P<b>\d\d(?:\d\d)?)\b")
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH_RE})\.?,?\s+(?P<year>(?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d\d)s?\b")
_UNITS_AGO = re.compile(r"\b(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven)\s+(?P<unit>years?|months?)\s+"
                        r"(?:ago|earlier|before)\b")
_LAST_UNIT = re.compile(r"\b(?:last|previous|past)\s+(?P<unit>year|month)\b")
_PAST_YEARS = re.compile(r"\b(?:past|last|previous)\s+(?:(?P<n>\d{1,2}|two|three|four|five|six|seven)\s+(?P<unit>years)"
                         r"|(?P<unit2>decade))\b")
_PAST_MARKER = re.compile(r"\b(?:(?:19|20)\d\d|ago|earlier|before|last|previous)\b", re.IGNORECASE)
_BARE_MONTH = re.compile(rf"^(?:in|during|since|by|early|late|mid|-|\s)*(?P<month>{_MONTH_RE})\.?$")


def _month_end(year: int, month: int) -> date:
    return date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def _count(n: str) -> int:
    return int(n) if n.isdigit() else _WORD_NUMBERS[n]


def past_span(expression: str, reference: date) -> tuple[date, date] | None:
    """The span of days a time expression covers, for expressions of a year or a month that lie before
    ``reference`` ("in 2009", "the 2013-14 crisis", "in May 2017", "last year", "two years ago", "three months
    earlier", "in April" said in December); a stretch of years up to the news window ("in the past two years",
    "over the last decade": a summary, not news); None for anything else (days, weeks, "earlier this year",
    "the past year"), and for a span that would reach outside 0001..9999 ("last year" read in the year 1).
    Never raises."""
    try:
        return _past_span(_normalise(expression or ""), reference)
    except (OverflowError, ValueError):  # date() of year 0 or 10000, or a timedelta past date.min/max
        return None


def _past_span(text: str, reference: date) -> tuple[date, date] | None:
    """:func:`past_span` of a normalised expression; raises ValueError/OverflowError outside the calendar."""
    if not text or re.search(r"\b(?:this|next|coming)\b", text):
        return None
    ago = _UNITS_AGO.search(text)
    if ago:
        n = _count(ago["n"])
        if ago["unit"].startswith("year"):
            return date(reference.year - n, 1, 1), date(reference.year - n, 12, 31)
        back = reference.year * 12 + reference.month - 1 - n
        return date(back // 12, back % 12 + 1, 1), _month_end(back // 12, back % 12 + 1)
    stretch = _PAST_YEARS.search(text)
    if stretch:  # "in the past two years", "over the last decade": somewhere in a long stretch, a summary
        n = 10 if stretch["unit2"] else _count(stretch["n"])
        return date(reference.year - n, reference.month, 1), reference - timedelta(days=NEWS_WINDOW_DAYS + 1)
    last = _LAST_UNIT.search(text)
    if last and "past" not in text:
        if last["unit"] == "year":
            return date(reference.year - 1, 1, 1), date(reference.year - 1, 12, 31)
        back = reference.year * 12 + reference.month - 2
        return date(back // 12, back % 12 + 1, 1), _month_end(back // 12, back % 12 + 1)
    return _written_span(text, reference)


def _written_span(text: str, reference: date) -> tuple[date, date] | None:
    """The span of a written year, range of years, month of a year, or bare month (the latest one on or
    before ``reference``'s month)."""
    span = _YEAR_SPAN.search(text)
    if span:
        b = span["b"] if len(span["b"]) == 4 else span["a"][:2] + span["b"]
        if int(b) >= int(span["a"]):
            return date(int(span["a"]), 1, 1), date(int(b), 12, 31)
    month_year = _MONTH_YEAR.search(text)
    if month_year and not _MONTH_DAY.search(text):
        month, year = month_number(month_year["month"]), int(month_year["year"])
        return (date(year, month, 1), _month_end(year, month)) if month else None
    year = _YEAR.search(text)
    if year and not _MONTH_DAY.search(text) and not re.search(rf"\b{_MONTH_RE}(?!\w)", text):
        y = int(year["year"])
        end = y + 9 if year.group(0).endswith("s") else y
        return date(y, 1, 1), date(end, 12, 31)
    bare = _BARE_MONTH.match(text)
    if bare:
        month = month_number(bare["month"])
        if month:
            y = reference.year if month <= reference.month else reference.year - 1
            return date(y, month, 1), _month_end(y, month)
    return None


def is_temporal(expression: str) -> bool:
    """Whether an expression looks like a time expression at all (cheap check, no resolution).

    Args:
        expression (str): e.g. "on Tuesday", "last year", "here".
    RETURNS (bool): True when it names a weekday, month, year, a relative day word
        (today, yesterday, overnight ...) or a period (week, month, year).
    """
    return bool(_TEMPORAL_HINT.search(expression or ""))


# ---------------------------------------------------------------------- dating events (stage "dating")
_OPENING_DATE = re.compile(r"\b(?:\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
                          r"(?: \d{1,2},?)? \d{4}\b")
TIME_OF_DAY = re.compile(r"(?:in |during )?(?:the )?(?:early |late )?(?:morning|afternoon|evening|night)", re.I)
SAME_DAY = re.compile(r"\bsame day\b", re.I)


class _Labels(NamedTuple):
    clauses: frozenset[int]  # a time expression inside another clause dates that clause, not the trigger
    arguments: frozenset[int]  # subjects and objects hold no time expression of the act
    times: frozenset[int]  # entity types of dates and times
    arguments_object: int  # the direct object


@functools.lru_cache(maxsize=1)
def _labels() -> _Labels:
    """The keys of the labels the dating rules read (made on first use: importing this module loads no spaCy)."""
    from .parse import DEP, ENT

    return _Labels(frozenset({DEP.ccomp, DEP.xcomp, DEP.advcl, DEP.relcl, DEP.acl, DEP.conj, DEP.parataxis,
                              DEP.csubj}), frozenset({DEP.nsubj, DEP.nsubjpass, DEP.dobj}),
                   frozenset({ENT.DATE, ENT.TIME}), DEP.dobj)


def first_written_date(text: str) -> date | None:
    """The first full date with a year in the opening of ``text`` (its first 2,000 characters: "for the week
    ending January 18, 2026"): the reference date of an article with no dateline date and no publication date."""
    for match in _OPENING_DATE.finditer(text[:2000]):
        found = parse_written_date(match.group(0))
        if found:
            return found
    return None


class Timeline:
    """The dates of one article's events, as they are coded in article order.

    Args:
        reference (date | None): the article's reference date (dateline, publication, first written date).
    Attributes:
        last_date (date | None): the last date an act's own time expression gave ("on the same day" refers to it).
    """

    def __init__(self, reference: date | None) -> None:
        self.reference = reference
        self.last_date: date | None = None

    def date(self, view: ParseView, event: Event) -> date | None:
        """The event's date: its own time expression, else the previous act's date for a narrated act, else the
        reference date. Announced intents and statements carry the date of the statement (a "will visit next
        month" is dated when it was said; the dev set's annotation convention)."""
        reference = self.reference
        if reference is None:
            return None
        intent = event.mood == "intent"
        start = statement_verb(view, event.trigger.position) if intent else event.trigger.position
        phrase = temporal_phrase(view, start) if start is not None else None
        if phrase is not None and is_temporal(phrase):
            if SAME_DAY.search(phrase) or TIME_OF_DAY.fullmatch(phrase.strip()):
                return self.last_date or reference
            when = resolve_date(phrase, reference)
            if when is not None and not intent:
                self.last_date = when
            return when
        if not intent and event.code[:2] not in STATEMENT_ROOTS and self.last_date:
            return self.last_date
        return reference

    def background(self, view: ParseView, event: Event) -> str | None:
        """Why the event is background history rather than news, or None: its own time expression (or that of
        the statement that announced it) names a year or month that ends more than :data:`NEWS_WINDOW_DAYS`
        before the reference date ("in 2009", "the 2017 veto", "last year", "two years ago")."""
        reference = self.reference
        if reference is None:
            return None
        i = event.trigger.position
        phrase = temporal_phrase(view, _dated_from(view, event)) or _subject_time(view, i) or _clause_time(view, i)
        if phrase and event.mood == "intent" and not _PAST_MARKER.search(phrase):
            return None  # "agreed to hold talks in April": the month the act is planned for, not a past one
        span = past_span(phrase, reference) if phrase else None
        if span is None or span[1] >= (shift_days(reference, -NEWS_WINDOW_DAYS) or date.min):
            return None
        return (f"background: '{phrase}' ({span[0].isoformat()} to {span[1].isoformat()}) lies before the news "
                f"window ({NEWS_WINDOW_DAYS} days before {reference.isoformat()})")


TIME_CLAUSE_MARKERS = frozenset({"when", "after", "before", "while", "as", "since", "once"})
"""Conjunctions of a clause of time: its date is the date of the act it modifies ("When he returned last year,
he was arrested")."""


def _clause_time(view: ParseView, i: int) -> str | None:
    """A time expression in a clause of time attached to ``i`` (:data:`TIME_CLAUSE_MARKERS`)."""
    advcl = _labels().clauses
    for c in view.kids[i]:
        if view.deps[c] in advcl and any(view.lower(m) in TIME_CLAUSE_MARKERS for m in view.kids[c] if m < c):
            found = _temporal_child(view, c)
            if found:
                return found
    return None


def _dated_from(view: ParseView, event: Event) -> int:
    """The token whose time expression dates the event: for an announced intent, the statement that announced it
    ("will visit next week, he said on Monday"), else (and for a pledge made by the trigger itself) the trigger."""
    said = statement_verb(view, event.trigger.position) if event.mood == "intent" else None
    return event.trigger.position if said is None else said


def _subject_time(view: ParseView, i: int) -> str | None:
    """A time expression on the subject of ``i`` when that subject names an act ("the May 2017 attack killed
    ...", "the attack in 2015 killed ...")."""
    labels = _labels()
    for c in view.kids[i]:
        if view.deps[c] in labels.arguments and view.deps[c] != labels.arguments_object:
            for x in view.subtree(c):
                if view.ents[x] in labels.times and not _in_other_clause(view, x, c):
                    return _entity_text(view, x)
    return None


def statement_verb(view: ParseView, i: int) -> int | None:
    """The speech verb above ``i`` that reports it ("... would meet, he said"; eight levels), or None."""
    say = word_lists().speech_verbs
    t = i
    for _ in range(8):
        if view.heads[t] == t:
            return None
        t = view.heads[t]
        if view.lemma(t) in say:
            return t
    return None


def temporal_phrase(view: ParseView, i: int) -> str | None:
    """The time expression attached to the token ``i`` or to the clauses governing it ("Wednesday", "on
    Tuesday"): its own modifiers first, then those of the verbs above it (six levels); the text of the whole
    DATE/TIME entity. None when nothing is attached."""
    t = i
    for _ in range(6):
        found = _temporal_child(view, t)
        if found:
            return found
        if view.heads[t] == t:
            break
        t = view.heads[t]
    return None


def _temporal_child(view: ParseView, t: int) -> str | None:
    """The time expression among the modifiers of ``t``: a DATE/TIME entity first ("overnight into Tuesday"
    keeps its "overnight"), else a bare time word (:data:`TIME_WORDS`)."""
    bare = None
    labels = _labels()
    for c in view.kids[t]:
        if view.deps[c] in labels.clauses or view.deps[c] in labels.arguments:
            continue
        for x in view.subtree(c):
            if _in_other_clause(view, x, t):
                break
            if view.ents[x] in labels.times:
                text = _entity_text(view, x)
                if any(view.lower(b) == "overnight" for b in range(max(x - 3, 0), x)) and (
                        "overnight" not in text.lower()):
                    text = f"overnight into {text}"
                return text
            if view.lower(x) in TIME_WORDS and bare is None:
                bare = view.word(x)
    return bare


def _in_other_clause(view: ParseView, x: int, top: int) -> bool:
    """Whether a clause boundary lies on the path from ``x`` up to ``top`` (``top`` itself excluded)."""
    clauses = _labels().clauses
    while x != top and view.heads[x] != x:
        if view.deps[x] in clauses:
            return True
        x = view.heads[x]
    return False


def _entity_text(view: ParseView, x: int) -> str:
    """The text of the entity ``x`` lies in, with a modifier before it that belongs to it ("late Tuesday")."""
    if not view.ents[x]:
        return view.word(x)
    start, end = view.entity(x)
    text = view.span_text(start, end)
    if start > 0:
        prev = view.lower(start - 1)
        if prev in TIME_MODIFIERS and prev not in text.lower():
            text = f"{view.word(start - 1)} {text}"
    return text
