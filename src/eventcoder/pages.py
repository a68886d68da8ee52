"""Articles from the web: HTML pages (main text and metadata through trafilatura) and RSS/Atom feeds
(feedparser), from files or URLs.

* :func:`html_article` takes a saved page: its main text (menus, footers and comments left out) becomes the
  article text, one paragraph per block; the page's title, date, canonical URL and site name become the
  headline, ``published``, ``url`` and ``outlet``.
* :func:`read_feed` reads a feed file or URL (a URL of an HTML page gives the page's article): one article per item, with the item's id (else its link) as
  ``doc_id``, its full content (else its summary) as text, its title, link and date, and the feed's title as
  outlet. Items are not fetched from their links: the feed's own text is coded.

Both yield an :class:`~eventcoder.article_text.IngestError` instead of raising for input they cannot read.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from html import unescape
from typing import Any

from .article_text import IngestError, parse_article
from .model import Article

__all__ = ["FEED_TIMEOUT", "html_article", "html_text", "is_url", "read_feed"]

FEED_TIMEOUT = 30.0
"""Seconds to wait for a feed URL to answer."""

_BLOCK_END = re.compile(r"(?i)<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*>")
_TAG = re.compile(r"<[^>]+>")


def is_url(source: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return source.startswith(("http://", "https://"))


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content): one paragraph per block, blank lines between."""
    text = _TAG.sub(" ", _BLOCK_END.sub("\n\n", fragment))
    paragraphs = (" ".join(unescape(p).split()) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _article(doc_id: str, text: str, meta: dict[str, Any], line: int | None = None) -> Article | IngestError:
    try:
        return parse_article(doc_id, text, line=line, **meta)
    except ValueError as exc:
        return IngestError(doc_id, line, str(exc))


def html_article(name: str, data: bytes, *, url: str | None = None) -> Article | IngestError:
    """Read one saved HTML page.

    Args:
        name (str): the article's ``doc_id`` (the file name).
        data (bytes): the page as read.
        url (str | None): where the page came from, when its own canonical link does not say.
    RETURNS (Article | IngestError): the article, or an error when no main text is found in the page.
    """
    import trafilatura

    try:
        found = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - an extractor fault on one page must not stop a batch
        return IngestError(name, None, f"could not read the HTML page ({type(exc).__name__}: {exc})")
    doc = found.as_dict() if hasattr(found, "as_dict") else (found or {})
    text = (doc.get("text") or "").strip()
    if not text:
        return IngestError(name, None, "no article text found in the HTML page")
    meta = {"headline": doc.get("title"), "published": doc.get("date"), "url": doc.get("url") or url,
            "outlet": doc.get("sitename")}
    paragraphs = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return _article(name, paragraphs, meta)


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "eventcoder (+feed reader)"})
    with urllib.request.urlopen(request, timeout=FEED_TIMEOUT) as response:  # noqa: S310 - http(s) only
        return response.read()


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_article(entry: Any, number: int, source: str, outlet: str | None) -> Article | IngestError:
    doc_id = entry.get("id") or entry.get("link") or f"{source}:{number}"
    contents = [c.get("value", "") for c in entry.get("content") or [] if c.get("value")]
    text = html_text(contents[0] if contents else entry.get("summary") or "")
    if not text:
        return IngestError(source, None, f"item {number} ({doc_id}) has no text")
    title = html_text(entry.get("title") or "") or None
    meta = {"headline": title, "published": _entry_date(entry), "url": entry.get("link"), "outlet": outlet}
    return _article(doc_id, text, meta)


def read_feed(source: str, data: bytes | None = None) -> Iterator[Article | IngestError]:
    """Read an RSS or Atom feed: a URL (fetched, :data:`FEED_TIMEOUT` s at most) or a file's bytes.

    Args:
        source (str): the URL or file name, used in messages and for items without an id or link.
        data (bytes | None): the feed as read from a file; None = fetch ``source``.
    YIELDS (Article | IngestError): an article per item, or an error
        for a feed that cannot be fetched or parsed, or an item without text. A URL that gives an HTML page
        instead of a feed gives that page's article (:func:`html_article`, its URL as ``doc_id``).
    """
    import feedparser

    if data is None:
        try:
            data = _fetch(source)
        except urllib.error.HTTPError as exc:
            yield IngestError(source, None, f"cannot fetch the feed (HTTP {exc.code} {exc.reason})")
            return
        except (OSError, ValueError) as exc:
            yield IngestError(source, None, f"cannot fetch the feed ({getattr(exc, 'reason', None) or exc})")
            return
    feed = feedparser.parse(data)
    if not feed.entries and is_url(source) and b"<html" in data[:4096].lower():
        yield html_article(source, data, url=source)  # a web page, not a feed: its article
        return
    if not feed.entries:
        why = f" ({feed.get('bozo_exception')})" if feed.get("bozo") else ""
        yield IngestError(source, None, f"not an RSS or Atom feed, or a feed without items{why}")
        return
    outlet = html_text(feed.feed.get("title") or "") or None
    for number, entry in enumerate(feed.entries, start=1):
        yield _entry_article(entry, number, source, outlet)
