"""Numbers as written in news: digits with separators, scale words and
abbreviations, and numbers in words (read by text2num)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache

from text_to_num import alpha2digit, text2num

from extractor.resources import load_json


@cache
def scale_table() -> dict[str, int]:
    """Surface -> power of ten; scale words are matched case-insensitively."""
    data = load_json("scales.json")
    return {**{w.lower(): p for w, p in data["words"].items()}, **data["abbreviations"]}


def scale_power(surface: str | None) -> int:
    """'billion' -> 9; compound scales multiply: 'lakh crore' -> 12."""
    if not surface:
        return 0
    table = scale_table()
    return sum(table.get(word, table.get(word.lower(), 0)) for word in surface.split())


def parse_digits(surface: str) -> Decimal:
    """'20,000' -> 20000, '11.8' -> 11.8; separators are commas or thin spaces."""
    cleaned = surface.replace(",", "").replace("\u2009", "").replace("\u202f", "").replace(" ", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(f"not a number: {surface!r}") from error


def scaled(number: Decimal, power: int) -> Decimal:
    return number.scaleb(power) if power else number


@cache
def _word_data() -> dict:
    return load_json("number_words.json")


_HYPHEN = re.compile(r"[\s\-]+")


def _scale_word_power(word: str) -> int:
    return scale_table().get(word, 0) if word.isalpha() and len(word) > 3 else 0


def parse_number_words(surface: str) -> Decimal | None:
    """'twenty thousand' -> 20000, 'a million' -> 1e6, 'one point two
    million' -> 1.2e6, 'half a trillion' -> 5e11, 'a quarter-million' ->
    250000; None when the words are not a number."""
    data = _word_data()
    words = [w for w in _HYPHEN.split(surface.lower().strip()) if w]
    if not words:
        return None
    fraction = Decimal(1)
    fractions = data["fractions"]
    rest: list[str] = []
    for i, word in enumerate(words):
        if word in fractions:
            fraction = Decimal(fractions[word])
            rest = [w for w in words[i + 1:] if w not in ("of", "a", "an")]
            if not rest:
                return None
            words = rest
            break
    if words[0] in data["article"] or scale_table().get(words[0], 0) >= 3:
        words = words[1:] if words[0] in data["article"] else words
        words = ["one", *words]
    power = 0
    if len(words) > 1 and _scale_word_power(words[-1]) and not any(map(_scale_word_power, words[:-1])):
        # text2num stops at billion; a single trailing scale word is applied here
        power, words = _scale_word_power(words[-1]), words[:-1]
    if "point" in words:
        digits = alpha2digit(" ".join(words), "en").replace(" ", "")
    else:
        try:
            digits = str(text2num(" ".join(words), "en"))
        except ValueError:
            return None
    try:
        number = Decimal(digits)
    except InvalidOperation:
        return None
    return scaled(number, power) * fraction
