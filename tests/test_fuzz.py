"""The fuzz property of issue 17: random mutations of the seed article through ``code_text``, with random
publication dates between 0001-01-01 and 9999-12-31 (date objects and ISO strings, and some strings that are not
dates) and random Unicode (lone surrogates, control characters, NUL, direction marks, emoji, combining marks,
words up to the longest-run limit, deleted, duplicated and shuffled spans).

The property: ``code_text`` raises nothing but the documented ``ValueError`` for a string that is not a date
(and for that string always), or the documented ``CodingError`` for a text left with no sentence to code; it never
finds a mutation over the article limits (they are kept within them), and each call takes under 5 s (a safety
bound, not a speed measure: ``make soak`` runs ``benchmarks/fuzz_soak.py``, more cases and other seeds, and
reports the times).

A seeded loop (hypothesis is not a dependency): :func:`mutation` makes case ``i`` of seed ``s`` the same on every
run, so that a failure names the case that reproduces it. The texts are kept short (a window of the seed article,
a few hundred characters) so that the thousand cases take seconds with one loaded coder.
"""

from __future__ import annotations

import random
import re
import time
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

from eventcoder.errors import CodingError
from eventcoder.limits import DEFAULT_LIMITS
from eventcoder.pipeline import code_text, get_coder

SEED_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
CASES = 1_000
SEED = 17
SECONDS_PER_CALL = 5.0

_ODD = {
    "surrogate": [chr(c) for c in (0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D, 0xDE00)],
    "control": [chr(c) for c in (*range(0, 32), 0x7F, 0x85, 0x9B)],
    "direction": ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069",
                  "\u061c"],
    "invisible": ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\ufffe", "\uffff"],
    "space": ["\u00a0", "\u2028", "\u2029", "\u3000", "\u2009", "\r", "\r\n", "\t", "\v", "\f", "\n\n\n"],
    "emoji": ["\U0001f600", "\U0001f1f0\U0001f1ec", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u2764\ufe0f",
              "\U0001f44d\U0001f3fd", "\U000e0067"],
    "combining": ["\u0301", "\u0308" * 20, "\u0336", "e\u0301", "\u20dd", "\u0489"],
    "script": ["\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd", "\u4e2d\u56fd", "\u041c\u043e\u0441"
               "\u043a\u0432\u0430", "\U00020000", "\u0130", "\u00df", "\ufb01"],
    "punctuation": ["(", ")", "\u201c", "\u2019", "--", "\u2014", "...", "\u2026", "?!", ";", "#", "@", "\\", "\""],
    "time": ["yesterday", "tomorrow", "next week", "last year", "in two months", "on Tuesday", "last Sunday",
             "next Friday", "Dec. 31", "Jan. 2", "3 days ago", "two years ago", "in 2009", "last month",
             "in April", "overnight into Tuesday", "on the same day", "Feb. 29", "Nov. 19, 2025"],
}
BAD_DATES = ["10000-01-01", "0000-01-01", "2025-13-01", "2025-02-30", "yesterday", "Nov 20th", "\ud800",
             "2025-11-20x", "-2025-11-20", "NaN", "9999-12-32"]
"""Publication strings that are not dates: ``code_text`` raises ValueError for each."""


class Case(NamedTuple):
    """One fuzz case: the arguments of ``code_text`` and whether its ``published`` is a bad string."""

    text: str
    published: date | str | None
    doc_id: str
    headline: str | None
    bad_date: bool


def seed_text() -> str:
    """The seed article's text (skips the test when ../shared/seed is absent)."""
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip("../shared/seed is absent")
    return files[0].read_text(encoding="utf-8")


def _window(rng: random.Random, text: str) -> str:
    """A short piece of the seed: one to three paragraphs from a random place, cut to 400 characters."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    first = 0 if rng.random() < 0.3 else rng.randrange(len(paragraphs))  # the dateline paragraph, often
    piece = "\n\n".join(paragraphs[first:first + rng.randint(1, 3)])
    return piece[:400]


def _odd(rng: random.Random) -> str:
    kind = rng.choice(list(_ODD))
    return "".join(rng.choice(_ODD[kind]) for _ in range(rng.randint(1, 4)))


def _long_word(rng: random.Random) -> str:
    """A run without whitespace, at most the longest-run limit (a run of "(" is what spaCy finds hardest)."""
    size = rng.choices([20, 100, 300, DEFAULT_LIMITS.token_characters - 100], weights=[4, 3, 2, 1])[0]
    unit = rng.choice(["(", "x", "\u00e9", "a.", "-", "'", "\U0001f600"])
    return (unit * size)[:size]


def _mutate_once(rng: random.Random, text: str) -> str:
    """One mutation: insert odd characters or a long word, delete, duplicate, shuffle or re-case a span."""
    at, to = sorted(rng.randint(0, len(text)) for _ in range(2))
    to = min(to, at + 200)
    how = rng.randrange(8)
    if how <= 2:
        return text[:at] + _odd(rng) + text[at:]
    if how == 3:
        return text[:at] + rng.choice([" ", ""]) + _long_word(rng) + " " + text[at:]
    if how == 4:
        return text[:at] + text[to:]
    if how == 5:
        return text[:to] + text[at:to] + text[to:]
    if how == 6:
        parts = [text[i:i + 40] for i in range(0, len(text), 40)]
        rng.shuffle(parts)
        return "".join(parts)
    return text[:at] + text[at:to].swapcase() + text[to:]


def _published(rng: random.Random) -> tuple[date | str | None, bool]:
    """A publication date: None, a date object or an ISO string anywhere in 0001..9999 (often at its ends),
    or a string that is not a date (second value True)."""
    roll = rng.random()
    if roll < 0.1:
        return None, False
    if roll < 0.2:
        return rng.choice(BAD_DATES), True
    if roll < 0.5:
        end = rng.choice([1, date.max.toordinal()])
        day = date.fromordinal(min(max(end + rng.randint(-40, 40), 1), date.max.toordinal()))
    else:
        day = date.fromordinal(rng.randint(1, date.max.toordinal()))
    return (day.isoformat() if rng.random() < 0.5 else day), False


def mutation(seed: int, index: int, text: str) -> Case:
    """Case ``index`` of the run with ``seed``: the same case on every run."""
    rng = random.Random(seed * 1_000_003 + index)
    mutated = _window(rng, text)
    for _ in range(rng.randint(1, 5)):
        mutated = _mutate_once(rng, mutated)
    longest = DEFAULT_LIMITS.token_characters - 50  # later mutations may have joined runs: break them, stay within
    mutated = re.sub(rf"\S{{{longest}}}", lambda m: m.group(0) + " ", mutated)
    published, bad = _published(rng)
    doc_id = rng.choice(["text", f"fuzz-{index}", "doc\ud800", "\u202edi_cod", "\x00"])
    headline = rng.choice([None, None, _odd(rng), "Headline \udfff"])
    return Case(mutated, published, doc_id, headline, bad)


def run_case(case: Case) -> tuple[str, float]:
    """Code one case; returns (outcome, seconds): "coded N", "no-sentences" or "bad-date". Raises
    AssertionError for anything the property does not allow."""
    start = time.perf_counter()
    try:
        records = code_text(case.text, published=case.published, doc_id=case.doc_id, headline=case.headline)
    except ValueError as exc:
        assert case.bad_date, f"ValueError for a good date {case.published!r}: {exc}"
        assert str(exc).startswith("bad 'published' value"), exc
        return "bad-date", time.perf_counter() - start
    except CodingError as exc:
        assert not case.bad_date, f"a bad date {case.published!r} was accepted"
        assert "has no sentences to code" in exc.message and "\n" not in exc.message, exc.message
        return "no-sentences", time.perf_counter() - start
    assert not case.bad_date, f"a bad date {case.published!r} was accepted"
    for r in records:
        assert r.event_date is None or "0001-01-01" <= r.event_date <= "9999-12-31"
        r.sentence.encode("utf-8")  # valid Unicode: it can be stored
    return f"coded {len(records)}", time.perf_counter() - start


def test_fuzz_mutations_of_the_seed_article_never_fault():
    text = seed_text()
    get_coder()  # loaded once, before the first timed call: every case is coded by this one coder
    outcomes: dict[str, int] = {}
    slowest = 0.0
    for index in range(CASES):
        case = mutation(SEED, index, text)
        try:
            outcome, seconds = run_case(case)
        except Exception as exc:
            raise AssertionError(f"seed {SEED} case {index}: {type(exc).__name__}: {exc}; {case!r}") from exc
        assert seconds < SECONDS_PER_CALL, f"seed {SEED} case {index} took {seconds:.1f} s"
        slowest = max(slowest, seconds)
        kind = outcome.split()[0]
        outcomes[kind] = outcomes.get(kind, 0) + 1
    # the cases reach every path: most are coded, some bad dates refused, a few texts left without sentences
    assert outcomes["coded"] > CASES * 0.7 and outcomes["bad-date"] > CASES * 0.05, outcomes
