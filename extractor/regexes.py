"""Regex building shared by the normalizer and the cue matchers."""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_alternation(surfaces: Iterable[str], escape=re.escape) -> str:
    """A regex matching any of `surfaces`, compiled as a character trie.

    Python's `re` tries the branches of an alternation one by one at every
    position; a trie lets it walk one branch per character, so a list of
    hundreds of names costs about as much as one. Longer matches win.
    """
    trie: dict = {}
    for surface in set(surfaces):
        node = trie
        for char in surface:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(trie, escape) if trie else r"(?!x)x"


def _render(node: dict, escape) -> str:
    branches = [escape(char) + _render(child, escape) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return (body if len(branches) > 1 else f"(?:{body})") + "?"
    return body
