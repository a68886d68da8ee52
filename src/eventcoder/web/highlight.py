"""Where the actors and the trigger of an event stand in its evidence sentence, for highlighting.

An :class:`~eventcoder.model.EventRecord` (and a stored mention) names its actors as written
(``source_text``, ``target_text``) and its ``trigger`` words, but not their character offsets. They are
found again by searching within the ``sentence``:

- an actor is its whole text, as a word-bounded match (case first as written, then case ignored); when the
  text occurs more than once, the first occurrence not already taken by another span wins;
- a trigger is split at ``" ... "`` (the coder joins words that stand apart, "ready ... work"); each part is
  searched as a phrase, and a part not found as a phrase is searched word by word, left to right
  ("held dialogue" in "held a strategic dialogue");
- a target written as the source's very words ("both sides" acting jointly) shares the source's span.

Offsets are 0-based Python string indices into the sentence; add the record's ``sentence_start`` for
offsets in the article text. Words that cannot be found are left out (never guessed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Span", "event_spans", "with_spans"]


@dataclass
class Span:
    """A highlighted stretch of a sentence.

    Attributes:
        start, end (int): character offsets in the sentence (``sentence[start:end]`` is ``text``).
        roles (list[str]): what it is: ``"source"``, ``"target"`` and/or ``"trigger"``.
        text (str): the words highlighted.
    """

    start: int
    end: int
    roles: list[str] = field(default_factory=list)
    text: str = ""

    def as_dict(self) -> dict[str, Any]:
        """``{"start", "end", "roles", "text"}`` for JSON."""
        return {"start": self.start, "end": self.end, "roles": list(self.roles), "text": self.text}


def _occurrences(sentence: str, words: str, start_at: int = 0) -> list[tuple[int, int]]:
    """(start, end) of every word-bounded occurrence of ``words`` at or after ``start_at``, exact case
    first, then any case."""
    pattern = r"(?<!\w)" + re.escape(words) + r"(?!\w)"
    found = [m.span() for m in re.finditer(pattern, sentence[start_at:])]
    if not found:
        found = [m.span() for m in re.finditer(pattern, sentence[start_at:], flags=re.IGNORECASE)]
    return [(a + start_at, b + start_at) for a, b in found]


def _overlaps(a: tuple[int, int], spans: list[Span]) -> bool:
    return any(a[0] < s.end and s.start < a[1] for s in spans)


def _place(sentence: str, words: str, role: str, spans: list[Span], start_at: int = 0) -> Span | None:
    """Add a span for ``words`` (the first free occurrence) to ``spans``; share an identical span."""
    hits = _occurrences(sentence, words, start_at) if words.strip() else []
    for hit in hits:
        if not _overlaps(hit, spans):
            span = Span(hit[0], hit[1], [role], sentence[hit[0]:hit[1]])
            spans.append(span)
            return span
    for span in spans:
        if (span.start, span.end) in hits and role not in span.roles:
            span.roles.append(role)
            return span
    return None


def _place_trigger(sentence: str, trigger: str, spans: list[Span]) -> None:
    position = 0
    for part in (p.strip() for p in trigger.split(" ... ")):
        span = _place(sentence, part, "trigger", spans, position) if part else None
        if span is not None:
            position = span.end
            continue
        for word in part.split():
            span = _place(sentence, word, "trigger", spans, position)
            if span is not None:
                position = span.end


def event_spans(sentence: str | None, source_text: str | None, target_text: str | None,
                trigger: str | None) -> list[Span]:
    """The spans of an event's source, target and trigger in its evidence sentence, sorted by position.

    Args:
        sentence (str | None): the evidence sentence; None or empty gives no spans.
        source_text, target_text (str | None): the actors as written (an empty target: one-sided event).
        trigger (str | None): the trigger words ("met", "pledging ... strengthen cooperation").

    RETURNS (list[Span]): non-overlapping spans, by ``start``; a source and target written alike share one
        span with both roles.
    """
    if not sentence:
        return []
    spans: list[Span] = []
    for words, role in ((source_text, "source"), (target_text, "target")):
        if words:
            _place(sentence, words, role, spans)
    if trigger:
        _place_trigger(sentence, trigger, spans)
    return sorted(spans, key=lambda s: s.start)


def with_spans(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` (a record or mention as a dict) with ``spans``: where its source, target and trigger stand in its
    ``sentence``, as :func:`event_spans` finds them (a list of ``Span.as_dict()``)."""
    spans = event_spans(row.get("sentence"), row.get("source_text"), row.get("target_text"), row.get("trigger"))
    return {**row, "spans": [s.as_dict() for s in spans]}
