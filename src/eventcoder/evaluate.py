"""Scoring coded events against gold annotations, so users can validate the coder on their own gold data.

Gold format (one JSON file per article, ``NAME.gold.json``; documented in ``docs/gold-format.md``)::

    {"article": "NAME.txt",
     "metadata": {...},
     "events": [{"id": "meeting", "quote": "met here Wednesday with ...", "source": ["KGZ"], "target": ["CHN"],
                 "symmetric": true, "sectors": ["GOV"], "roots": ["04"], "codes": ["040", "042"],
                 "date": "2025-11-19", "location_country": "KGZ", "required": true}, ...]}

Matching rules (those of the project's reference scorer): a coded event matches the first gold event of its
article whose quote occurs in the event's sentence (case and quote marks ignored), whose ``roots`` hold the
event's CAMEO root and whose dyad agrees (either direction when ``symmetric``). Events matching an optional
gold event (``"required": false``) count neither way; further events on an already matched gold event are
duplicates (one per direction for symmetric gold) and count against precision; unmatched events are false
positives. A gold quote may instead be given as ``quote_sha1`` and ``quote_words`` (the sha1 of its lower-cased
``\\w+`` words joined by single spaces, and their number) for text that must not be copied.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import EventcoderError

__all__ = ["EvalError", "Scores", "article_key", "load_gold", "score_events"]


class EvalError(EventcoderError):
    """A gold folder or gold file that cannot be read; the message names the file."""


@dataclass
class Scores:
    """The result of :func:`score_events`.

    Attributes:
        gold (int): required gold events. tp (int): matched. fp (int): false positives.
        duplicates (int), neutral (int): extra matches and matches of optional gold events.
        counts (Counter): code_ok, date_ok/date_n, loc_ok/loc_n, sector_ok/sector_n over matched events.
        per_root (dict[str, Counter]): gold / tp / fp per CAMEO root (gold's first root for tp and gold).
        misses (list[tuple[str, dict]]): (article key, gold event) never matched.
        false_positives (list[tuple[str, dict]]): (article key, coded event) that matched nothing.
    """

    gold: int = 0
    tp: int = 0
    fp: int = 0
    duplicates: int = 0
    neutral: int = 0
    counts: Counter = field(default_factory=Counter)
    per_root: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[tuple[str, dict]] = field(default_factory=list)
    false_positives: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """tp / (tp + fp + duplicates); 0.0 when nothing was coded."""
        coded = self.tp + self.fp + self.duplicates
        return self.tp / coded if coded else 0.0

    @property
    def recall(self) -> float:
        """tp / required gold events; 0.0 without gold."""
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def report(self, verbose: bool = False) -> str:
        """The summary as text, last line ``precision P recall R F1 F``."""
        c = self.counts

        def ratio(ok: str, n: str) -> str:
            return f"{c[ok]}/{c[n]}" if c[n] else "n/a"

        lines = [
            f"gold events: {self.gold}  matched: {self.tp}  false positives: {self.fp}  "
            f"duplicates: {self.duplicates}  neutral: {self.neutral}",
            f"full CAMEO code right on matched: {c['code_ok']}/{self.tp}  date right: {ratio('date_ok', 'date_n')}  "
            f"location country right: {ratio('loc_ok', 'loc_n')}  sectors right: {ratio('sector_ok', 'sector_n')}",
            "per root (gold / matched / false positives): " + ", ".join(
                f"{r}:{v['gold']}/{v['tp']}/{v['fp']}" for r, v in sorted(self.per_root.items())),
        ]
        if verbose:
            lines += [f"MISS {k} [{g.get('id')}] {'/'.join(g['roots'])} {g['source']}->{g['target']}: "
                      f"{g.get('quote', '(hashed quote)')}" for k, g in self.misses]
            lines += [f"FP   {k} {e.get('cameo_code')} {e.get('source_country')}->{e.get('target_country')}: "
                      f"{(e.get('sentence') or '')[:120]}" for k, e in self.false_positives]
        lines.append(f"precision {self.precision:.3f} recall {self.recall:.3f} F1 {self.f1:.3f}")
        return "\n".join(lines)


def article_key(name: str) -> str:
    """The key an article is matched on: its file name without folder and without .txt/.html/.htm/.json."""
    base = Path(str(name)).name
    for suffix in (".txt", ".html", ".htm", ".json"):
        if base.endswith(suffix):
            return base[: -len(suffix)]
    return base


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    """Read every ``*.gold.json`` of ``gold_dir``: article key -> gold document.

    Raises:
        EvalError: the folder does not exist or holds no gold file, or a file is not valid gold JSON.
    """
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise EvalError(f"gold folder {folder} does not exist")
    golds = {}
    for path in sorted(folder.glob("*.gold.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            events = doc["events"]
            for event in events:
                _check_event(event)
            golds[article_key(doc["article"])] = doc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EvalError(f"{path}: not a gold file ({exc})") from None
    if not golds:
        raise EvalError(f"gold folder {folder} holds no *.gold.json file")
    return golds


def _check_event(event: dict) -> None:
    """Raise ValueError naming the gold event when a field is missing or of the wrong type."""
    name = event.get("id", "?") if isinstance(event, dict) else "?"
    if not isinstance(event, dict):
        raise ValueError(f"event {name} is not an object")
    for key in ("roots", "source", "target"):
        if not isinstance(event.get(key), list) or not all(isinstance(v, str) for v in event[key]):
            raise ValueError(f"event {name}: '{key}' must be a list of strings")
    if not isinstance(event.get("quote"), str) and not ("quote_sha1" in event and "quote_words" in event):
        raise ValueError(f"event {name}: needs a 'quote' string (or 'quote_sha1' and 'quote_words')")


def _norm(text: str | None) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _quote_in(gold: dict, sentence: str) -> bool:
    if "quote" in gold:
        return _norm(gold["quote"]) in sentence
    words, n = re.findall(r"\w+", sentence), gold["quote_words"]
    return any(hashlib.sha1(" ".join(words[i:i + n]).encode()).hexdigest() == gold["quote_sha1"]
               for i in range(len(words) - n + 1))


def _direction(gold: dict, event: dict) -> str | None:
    src, tgt = event.get("source_country"), event.get("target_country")
    if src in gold["source"] and tgt in gold["target"]:
        return "forward"
    if gold.get("symmetric") and src in gold["target"] and tgt in gold["source"]:
        return "reverse"
    return None


def score_events(golds: dict[str, dict], events: Iterable[dict[str, Any]]) -> Scores:
    """Score coded events (dicts with the record columns) against ``golds`` from :func:`load_gold`."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        by_article[article_key(event.get("doc_id", ""))].append(event)
    scores = Scores()
    for key, doc in golds.items():
        _score_article(key, doc["events"], by_article.get(key, []), scores)
    return scores


def _first_match(gold_events: list[dict], event: dict) -> tuple[int, str] | None:
    sentence = _norm(event.get("sentence"))
    root = str(event.get("cameo_code") or "")[:2]
    for i, gold in enumerate(gold_events):
        if root in gold["roots"] and _quote_in(gold, sentence):
            direction = _direction(gold, event)
            if direction:
                return i, direction
    return None


def _score_article(key: str, gold_events: list[dict], events: list[dict], scores: Scores) -> None:
    hits: dict[int, set[str]] = defaultdict(set)
    for event in events:
        found = _first_match(gold_events, event)
        if found is None:
            scores.fp += 1
            scores.per_root[str(event.get("cameo_code") or "")[:2]]["fp"] += 1
            scores.false_positives.append((key, event))
            continue
        i, direction = found
        gold = gold_events[i]
        if not gold.get("required", True):
            scores.neutral += 1
            continue
        allowed = 2 if gold.get("symmetric") else 1
        if direction in hits[i] or len(hits[i]) >= allowed:
            scores.duplicates += 1
            continue
        first = not hits[i]
        hits[i].add(direction)
        if first:
            _count_hit(gold, event, scores)
    for i, gold in enumerate(gold_events):
        if gold.get("required", True):
            scores.gold += 1
            scores.per_root[gold["roots"][0]]["gold"] += 1
            if not hits[i]:
                scores.misses.append((key, gold))


def _count_hit(gold: dict, event: dict, scores: Scores) -> None:
    c = scores.counts
    scores.tp += 1
    scores.per_root[gold["roots"][0]]["tp"] += 1
    c["code_ok"] += str(event.get("cameo_code")) in gold.get("codes", [])
    if gold.get("date"):
        c["date_n"] += 1
        c["date_ok"] += event.get("event_date") == gold["date"]
    if gold.get("location_country"):
        c["loc_n"] += 1
        c["loc_ok"] += event.get("location_country") == gold["location_country"]
    if gold.get("sectors"):
        c["sector_n"] += 1
        c["sector_ok"] += event.get("source_sector") in gold["sectors"] and event.get("target_sector") in gold["sectors"]
