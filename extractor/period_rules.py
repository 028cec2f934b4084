"""Period rules beyond "the nearest time expression of the sentence": datelines, multi-year totals, "a year
earlier", and the dates a table's or list's header gives its rows. Data in `data/period_rules.json`.

>>> rules = PeriodRules.default()
>>> text = "BEIJING, Jan 28 (Wire) - China approved imports of 400,000 chips."
>>> rules.is_dateline(text, 9, 15)
True
>>> rules.is_multi_year("It will invest $30 billion between 2025 and 2028.", 0, 49)
True
>>> year_back("2026-05-24"), year_back("2025"), year_back(None)
('2025-05', '2024', None)
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from extractor.resources import load_json


class PeriodRules:
    def __init__(self, data: dict[str, Any]) -> None:
        for key in ("dateline", "multi_year", "year_before", "week_ending"):
            if not isinstance(data.get(key), dict):
                raise ValueError(f"period rules data: {key!r} must be an object")
        self.dateline_before = re.compile(data["dateline"]["before"])
        self.dateline_after = re.compile(data["dateline"]["after"])
        self.multi_year = re.compile("|".join(f"(?:{p})" for p in data["multi_year"]["patterns"]), re.I)
        self.year_before = re.compile(data["year_before"]["pattern"], re.I)
        self.week_ending = re.compile(data["week_ending"]["before"], re.I)

    @classmethod
    @cache
    def default(cls) -> PeriodRules:
        return cls(load_json("period_rules.json"))

    def is_dateline(self, text: str, start: int, end: int) -> bool:
        """The date opens its line after a place name and is followed by the dash of a dateline."""
        lo = max(0, start - _DATELINE_REACH)
        line_start = text.rfind("\n", lo, start) + 1
        if line_start == 0 and lo > 0:
            return False  # the line opens further back than a place name reaches
        hi = min(len(text), end + _DATELINE_REACH)
        line_end = text.find("\n", end, hi)
        # a line cut at the window must not look like a line's end to the pattern's '$'
        after = text[end:line_end] if line_end != -1 else text[end:hi] + ("" if hi == len(text) else "\x00")
        return bool(self.dateline_before.match(text[line_start:start]) and self.dateline_after.match(after))

    def is_multi_year(self, text: str, lo: int, hi: int) -> bool:
        return self.multi_year.search(text, lo, hi) is not None

    def multi_year_spans(self, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """Where text[lo:hi] says a multi-year span ('over the next two years', 'between 2025 and 2028'); an
        Indian-style fiscal label ('2026-27', one year to the next) is one year (D19), not a span."""
        return [(m.start(), m.end()) for m in self.multi_year.finditer(text, lo, hi)
                if fiscal_label_end(m.group()) is None]

    def year_before_at(self, text: str, lo: int, hi: int) -> re.Match | None:
        """Where text[lo:hi] says 'a year earlier' (the phrase belongs to the figure right before it)."""
        return self.year_before.search(text, lo, hi)


_DATELINE_REACH = 120  # characters: a dateline's place and its source fit well within this on either side

_FISCAL_LABEL = re.compile(r"(?:FY\s?)?((?:19|20)\d\d)\s*[-–/]\s*(\d\d)")


def fiscal_label_end(expression: str) -> str | None:
    """The year a fiscal label of two consecutive years ends in ('2026-27', 'FY2025-26'), else None (D19).

    >>> fiscal_label_end("2026-27"), fiscal_label_end("FY2025–26"), fiscal_label_end("2026-28")
    ('2027', '2026', None)
    """
    m = _FISCAL_LABEL.fullmatch(expression.strip())
    if m is None:
        return None
    start = int(m.group(1))
    return str(start + 1) if (start + 1) % 100 == int(m.group(2)) else None


_LABEL_TAIL = re.compile(r"\s*[-–/]\s*\d\d(?!\d)")
_YEAR_IN = re.compile(r"(?:19|20)\d\d")


def fiscal_label_at(text: str, start: int, end: int) -> str | None:
    """The fiscal label a year expression text[start:end] opens ('2026' in 'the 2026-27 budget', 'FY2025' in
    'FY2025-26'): the year it ends in, else None.

    >>> t = "KoTDA gets KSh 14.5 billion in the 2026-27 budget year."
    >>> fiscal_label_at(t, t.index("2026"), t.index("2026") + 4)
    '2027'
    """
    tail = _LABEL_TAIL.match(text, end)
    year = _YEAR_IN.search(text, start, end)
    if tail is None or year is None:
        return None
    return fiscal_label_end(text[year.start():tail.end()])


def year_back(period: str | None) -> str | None:
    """One year before a period in the contract's format; a day counts as its month."""
    if not period:
        return None
    year = int(period[:4]) - 1
    return f"{year:04d}{period[4:7]}"


__all__ = ["fiscal_label_at", "fiscal_label_end", "PeriodRules", "year_back"]
