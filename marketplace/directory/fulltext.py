"""Text for PostgreSQL's built-in full-text search: Chinese segmented with jieba, English stemmed.

The database has no extensions (no zhparser, no pg_trgm), so Chinese is segmented here, at index time
and at query time, into space-separated words that PostgreSQL's default parser then keeps whole.

- Index: :func:`segment_for_index` cuts every run of Chinese characters in jieba's search mode (each
  word and the dictionary words inside it: 深沟球轴承 -> 深沟 轴承 球轴承) and keeps other text as it
  is. The result is stored in a text column and turned into a ``tsvector`` by the writing service with
  both the ``simple`` configuration (exact words, any language) and ``english`` (stemmed: bearings ->
  bear), weighted by field.
- Query: :func:`query_terms` cuts the query precisely (深沟球轴承 -> 深沟 / 球轴承) and ANDs the words;
  each word may match as itself or, for a Chinese word jieba could split further, as all of its parts,
  and each Latin word as itself or its English stem. :func:`search_query` builds that ``tsquery``.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from typing import Any

_CJK_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
_WORD = re.compile(r"\w", re.UNICODE)
_LATIN_SPLIT = re.compile(
    r"[\s,;:!?()\[\]{}<>\"'|/\\"
    "\uff0c\u3002\uff1b\uff1a\uff01\uff1f\uff08\uff09\u3010\u3011\u3001\u300a\u300b\u201c\u201d\u2018\u2019]+"
)
MAX_QUERY_TERMS = 10

_lock = threading.Lock()
_tokenizer: Any = None


def _jieba() -> Any:
    """jieba's tokenizer, loaded once per process (about a second the first time)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


@lru_cache(maxsize=20000)
def _cut_for_search(run: str) -> tuple[str, ...]:
    return tuple(_jieba().cut_for_search(run))


@lru_cache(maxsize=5000)
def _cut(run: str) -> tuple[str, ...]:
    return tuple(_jieba().cut(run))


def _pieces(text: str) -> list[tuple[bool, str]]:
    """(is Chinese, run) pairs of ``text``."""
    out = []
    for i, part in enumerate(_CJK_RUN.split(text or "")):
        if part:
            out.append((i % 2 == 1, part))
    return out


def segment_for_index(*texts: str) -> str:
    """The texts as space-separated words: Chinese cut in search mode, everything else kept."""
    words: list[str] = []
    for text in texts:
        for chinese, run in _pieces(text):
            if chinese:
                words.extend(_cut_for_search(run))
            else:
                words.extend(w for w in _LATIN_SPLIT.split(run) if _WORD.search(w))
    return " ".join(w.lower() for w in words if w.strip())


def query_terms(q: str) -> list[tuple[str, ...]]:
    """The query as AND-ed groups of alternatives (each alternative is a space-separated phrase of words
    that must all be present)."""
    groups: list[tuple[str, ...]] = []
    for chinese, run in _pieces(q.strip()):
        if chinese:
            for word in _cut(run):
                if not _WORD.search(word):
                    continue
                parts = [p for p in _cut_for_search(word) if p != word and len(p) > 1]
                groups.append((word, " ".join(parts)) if len(parts) > 1 else (word,))
        else:
            groups.extend((w.lower(),) for w in _LATIN_SPLIT.split(run) if _WORD.search(w))
    seen: set[tuple[str, ...]] = set()
    unique = [g for g in groups if not (g in seen or seen.add(g))]  # type: ignore[func-returns-value]
    return unique[:MAX_QUERY_TERMS]


def search_query(q: str) -> Any | None:
    """The ``tsquery`` expression for ``q`` (None when it has no searchable word)."""
    from django.contrib.postgres.search import SearchQuery

    combined: Any = None
    for group in query_terms(q):
        alternatives: Any = None
        for phrase in group:
            for config in ("simple", "english"):
                if config == "english" and _CJK_RUN.search(phrase):
                    continue
                part = SearchQuery(phrase, config=config, search_type="plain")
                alternatives = part if alternatives is None else alternatives | part
        combined = alternatives if combined is None else combined & alternatives
    return combined


def vector_sql(names_column: str, details_column: str) -> str:
    """SQL computing the stored ``tsvector`` from the two segmented columns (names weigh more)."""
    return (
        f"setweight(to_tsvector('simple', {names_column}) || to_tsvector('english', {names_column}), 'A')"
        f" || setweight(to_tsvector('simple', {details_column}) || to_tsvector('english', {details_column}), 'B')"
    )


# Filter tokens ------------------------------------------------------------------------------------
# Listings also carry, in their tsvector (weight D), one token per value of the selective filters
# (category and its ancestors, region keys, the verified badge, certifications valid when the vector was
# last written), so that a search with such a filter is answered by the GIN index alone instead of
# reading every listing the words match. A token is letters and digits only, so that the "simple"
# parser keeps it whole. Search still checks the columns (and a certification's validity today): a token
# narrows, the check decides.


_TOKEN_CHARS = str.maketrans({".": "x", "-": "y", "*": "z", "_": None})


def filter_token(kind: str, value: str) -> str:
    """``filter_token("cat", "10.01") == "cat10x01"``; regions: ``CN-JS`` -> ``regcnyjs``, ``CN*`` ->
    ``regcnz`` (the same translation as :func:`listing_tags_sql`)."""
    return (kind + value.translate(_TOKEN_CHARS)).lower()


def certification_token(certification_type: str) -> str | None:
    """``ISO 9001`` -> ``certiso9001``; None for a type without ASCII letters or digits (or with others)."""
    if not certification_type.isascii():
        return None
    compact = "".join(ch for ch in certification_type.lower() if ch.isalnum())
    return f"cert{compact}" if compact else None


VERIFIED_TOKEN = "verifiedsupplier"  # noqa: S105 - a search token, not a secret


def listing_tags_sql(row: str = "catalog_listing") -> str:
    """The tokens of a listing row (``row`` names the table or alias it is read from)."""
    return (
        "concat_ws(' ',"  # noqa: S608 - table and column names only, never input
        f" regexp_replace(translate({row}.category_path, '.', 'x'), '([^/]+)/', 'cat\\1 ', 'g'),"
        f" CASE WHEN cardinality({row}.supplier_regions) > 0"
        f" THEN translate('reg' || array_to_string({row}.supplier_regions, ' reg'), '-*', 'yz') END,"
        f" CASE WHEN {row}.supplier_verified THEN '{VERIFIED_TOKEN}' END,"
        " (SELECT string_agg('cert' || lower(regexp_replace(c.type, '[^A-Za-z0-9]', '', 'g')), ' ')"
        "  FROM directory_certification AS c"
        f"  WHERE c.supplier_id = {row}.supplier_id AND c.valid_until >= current_date AND c.type ~ '^[ -~]+$'))"
    )


def filter_query(tokens: list[str]) -> Any:
    """A tsquery matching any of ``tokens``."""
    from django.contrib.postgres.search import SearchQuery

    combined: Any = None
    for token in tokens:
        part = SearchQuery(token, config="simple", search_type="plain")
        combined = part if combined is None else combined | part
    return combined


def listing_vector_sql(row: str = "catalog_listing") -> str:
    """The stored ``tsvector`` of a listing row: its words and its filter tokens."""
    names, details = f"{row}.search_names", f"{row}.search_details"
    return f"{vector_sql(names, details)} || setweight(to_tsvector('simple', {listing_tags_sql(row)}), 'D')"
