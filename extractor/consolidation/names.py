"""Comparable keys for subject names and items: pure functions.

Outlets spell one company several ways ("ByteDance", "Bytedance",
"ByteDance Ltd."); consolidation compares names only through these keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_DROPPED = re.compile(r"[.'’]")
_WORD = re.compile(r"[^\W_]+")


def name_key(name: str, suffixes: frozenset[str] = frozenset()) -> str:
    """Case, accents, punctuation, spacing and trailing corporate suffixes removed.

    >>> suffixes = frozenset({"ltd", "inc", "corp", "co", "holdings"})
    >>> [name_key(n, suffixes) for n in ("ByteDance", "ByteDance Ltd.", "Bytedance", "Byte Dance")]
    ['bytedance', 'bytedance', 'bytedance', 'bytedance']
    >>> name_key("Tencent Holdings Co., Ltd.", suffixes), name_key("X.AI Corp", suffixes), name_key("Inc.", suffixes)
    ('tencent', 'xai', 'inc')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = _WORD.findall(_DROPPED.sub("", text))
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return "".join(words)


def subject_key(subject: Iterable[str], suffixes: frozenset[str] = frozenset()) -> frozenset[str]:
    """The set of name keys: order and repeats do not matter.

    >>> sorted(subject_key(["Meta", "Microsoft Corp.", "meta"], frozenset({"corp"})))
    ['meta', 'microsoft']
    """
    return frozenset(key for key in (name_key(n, suffixes) for n in subject) if key)


def item_key(item: str | None) -> str | None:
    """A product name without case, spaces or hyphens: "H-200" = "h200" = "H200".

    >>> item_key("GB300 NVL72"), item_key("gb300-nvl72"), item_key(None)
    ('gb300nvl72', 'gb300nvl72', None)
    """
    if item is None:
        return None
    return name_key(item) or None
