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

from extractor.resources import load_json

_WORDS = load_json("date_words.json")
OFFSETS = _WORDS["relative_offsets"]
_PARTS = re.compile(rf"\b(?:the\s+)?(?:{'|'.join(_WORDS['period_parts'])})\b(?:\s+of)?\s*-?\s*", re.I)
_YEAR = re.compile(r"(?:19|20)?\d\d\b")
_RELATIVE = re.compile(rf"^({'|'.join(OFFSETS)})\s+({'|'.join(_WORDS['relative_units'])})$", re.I)


def _dateparser():
    import dateparser

    return dateparser


@lru_cache(maxsize=1)
def holiday_months() -> dict[str, int]:
    """The month each holiday falls in (data/holidays.json, GUIDELINES D23)."""
    return {k.lower(): int(v) for k, v in load_json("holidays.json")["months"].items()}


def _month_shift(day: date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _year_of(token: str) -> str:
    digits = re.sub(r"\D", "", token)
    return digits if len(digits) == 4 else f"20{digits[-2:]}"


@lru_cache(maxsize=4096)
def resolve_period(expression: str, kind: str, published: str | None, future: bool = False) -> str | None:
    """'next year', kind 'relative', '2025-12-23' -> '2026'; None when the
    contract cannot express the period (quarters, multi-year spans) or the
    expression needs a publication date that is missing."""
    text = " ".join(expression.split())
    if kind in ("quarter", "multi-period"):
        return None
    if kind == "year":
        return text
    if kind == "fiscal-year":  # 'FY26', 'fiscal 2026', 'FY27E' (an estimate's column: the year all the same)
        m = _YEAR.search(text.replace("FY", "FY ").rstrip("AEFPB"))
        return _year_of(m.group()) if m else None
    if kind == "year-label":  # '2025A', '2027E' over a table column: actual or estimated, the year all the same
        return text[:4]
    if kind == "part-year":  # 'end-2026', 'mid 2027': the contract has no half-years
        m = _YEAR.search(text)
        return _year_of(m.group()) if m else None
    if published is None:
        return None
    base = date.fromisoformat(published[:10])
    if kind in ("year-edge", "year-deadline"):  # 'the start of the year', 'the end of last year'
        words = text.lower().split()
        year = base.year + OFFSETS.get(words[-2], 0)
        if kind == "year-deadline":
            return str(year)
        month = 12 if "end" in words else (6 if "middle" in words else 1)
        return f"{year:04d}-{month:02d}"
    if kind == "holiday":
        month = holiday_months().get(text.lower())
        if month is None:
            return None
        text, kind = date(2000, month, 1).strftime("%B"), "month"
    if kind == "month-relative":  # 'June last year', 'March next year'
        month, rel = text.split()[:2]
        number = datetime.strptime(month[:3].title(), "%b").month
        return f"{base.year + OFFSETS.get(rel.lower(), 0):04d}-{number:02d}"
    if kind == "relative":
        m = _RELATIVE.match(text)
        if not m:
            return None
        offset, unit = OFFSETS[m.group(1).lower()], m.group(2).lower()
        if unit in ("year", "fiscal year"):
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
    if kind in ("month", "part-month", "month-year"):
        # the day is irrelevant and dateparser must not read '2025' in 'December 2025' as a day
        year = parsed.year
        if future and kind != "month-year" and parsed.month == base.month:
            year = base.year  # 'arrive in June' written on June 1: this June is still to come
        return f"{year:04d}-{parsed.month:02d}"
    return parsed.date().isoformat()
