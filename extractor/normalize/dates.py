"""Periods in the contract's format from time expressions the span ruler
found, resolved against the publication date.

Years, fiscal years and relative years are read directly; month and day
expressions go to dateparser with the publication date as its base and a
past/future preference taken from the sentence. Results are cached: a news
batch repeats the same few expressions and dates thousands of times.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

_PARTS = re.compile(r"\b(?:the\s+)?(?:early|mid|late|end|beginning|start|middle)\b(?:\s+of)?\s*-?\s*", re.I)
_YEAR = re.compile(r"(?:19|20)?\d\d\b")
_RELATIVE = re.compile(r"^(this|next|last|previous|coming|current|past)\s+(year|month|week)$", re.I)
OFFSETS = {"this": 0, "current": 0, "next": 1, "coming": 1, "last": -1, "previous": -1, "past": -1}


@lru_cache(maxsize=1)
def holiday_months() -> dict[str, int]:
    from extractor.resources import load_json

    return {k.lower(): int(v) for k, v in load_json("holidays.json")["months"].items()}


def _dateparser():
    import dateparser

    return dateparser


def _month_shift(day: date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _year_of(token: str) -> str:
    digits = re.sub(r"\D", "", token)
    return digits if len(digits) == 4 else f"20{digits[-2:]}"


@lru_cache(maxsize=4096)
def resolve_period(expression: str, rule: str, published: str | None, future: bool = False) -> str | None:
    """'next year', 'date:relative', '2025-12-23' -> '2026'; None when the
    contract cannot express the period (quarters, multi-year spans) or the
    expression needs a publication date that is missing."""
    text = " ".join(expression.split())
    if rule in ("date:quarter", "date:multi-period"):
        return None
    if rule == "date:year":
        return text
    if rule == "date:fiscal-year":
        m = _YEAR.search(text.replace("FY", "FY "))
        return _year_of(m.group()) if m else None
    if rule == "date:part-year":  # 'end-2026', 'mid 2027': the contract has no half-years
        m = _YEAR.search(text)
        return _year_of(m.group()) if m else None
    if published is None:
        return None
    base = date.fromisoformat(published[:10])
    if rule in ("date:year-edge", "date:year-deadline"):  # 'the start of the year', 'the end of last year'
        words = text.lower().split()
        year = base.year + OFFSETS.get(words[-2], 0)
        if rule == "date:year-deadline":
            return str(year)
        month = 12 if "end" in words else (6 if "middle" in words else 1)
        return f"{year:04d}-{month:02d}"
    if rule == "date:holiday":
        month = holiday_months().get(text.lower())
        if month is None:
            return None
        text, rule = date(2000, month, 1).strftime("%B"), "date:month"
    if rule == "date:relative":
        m = _RELATIVE.match(text)
        if not m:
            return None
        offset, unit = OFFSETS[m.group(1).lower()], m.group(2).lower()
        if unit == "year":
            return str(base.year + offset)
        if unit == "month":
            return _month_shift(base, offset)
        return None
    cleaned = _PARTS.sub("", text).strip(" -")
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = _dateparser().parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if rule in ("date:month", "date:part-month", "date:part-of-month", "date:month-year"):
        # the day is irrelevant and dateparser must not read '2025' in 'December 2025' as a day
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return parsed.date().isoformat()
