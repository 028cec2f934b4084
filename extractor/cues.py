"""Phrase lists from the data files compiled into one regex each.

A cue list is matched case-insensitively on word boundaries; the helpers
answer the questions the components ask: which cue is nearest to a figure,
does a cue stand right before or right after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractor.regexes import trie_alternation


def _escape(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


def _bounded(phrases: list[str]) -> str:
    """Phrases starting and ending with a word character get word boundaries;
    the rest ('(≈', '/hour') match as written. Each group is one trie."""
    groups: dict[tuple[bool, bool], list[str]] = {}
    for p in phrases:
        groups.setdefault((p[:1].isalnum(), p[-1:].isalnum()), []).append(p)
    parts = []
    for (left, right), items in sorted(groups.items()):
        body = trie_alternation(items, _escape)
        parts.append((r"(?<![\w])" if left else "") + f"(?:{body})" + (r"(?![\w])" if right else ""))
    return "|".join(parts)


class CueList:
    """One compiled alternation over a list of phrases, longest first."""

    __slots__ = ("phrases", "regex", "before_regex", "after_regex")

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = sorted({p.lower() for p in phrases if p}, key=len, reverse=True)
        alternation = _bounded(self.phrases) or r"(?!x)x"
        self.regex = re.compile(alternation, re.IGNORECASE)
        self.before_regex = re.compile(rf"(?:{alternation})[\s\"“”'’(\[]*$", re.IGNORECASE)
        self.after_regex = re.compile(rf"[\s\"“”'’)\]]*(?:{alternation})", re.IGNORECASE)

    def nearest(self, text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, re.Match] | None:
        """(distance in characters, match) of the cue nearest to text[start:end]
        within text[lo:hi], or None; the first of equally near ones."""
        best: tuple[int, re.Match] | None = None
        for m in self.regex.finditer(text, lo, hi):
            if m.end() <= start:
                distance = start - m.end()
            elif m.start() >= end:
                distance = m.start() - end
            else:
                distance = 0
            if best is None or distance < best[0]:
                best = (distance, m)
        return best

    def ends_before(self, text: str, start: int, window: int = 40) -> re.Match | None:
        """The cue that ends right before `start` (only spaces and quotes between)."""
        return self.before_regex.search(text, max(0, start - window), start)

    def starts_after(self, text: str, end: int, window: int = 40) -> re.Match | None:
        """The cue that starts right after `end` (only spaces and quotes between)."""
        return self.after_regex.match(text[end:end + window])

    def search(self, text: str, lo: int = 0, hi: int | None = None) -> re.Match | None:
        return self.regex.search(text, lo, len(text) if hi is None else hi)
