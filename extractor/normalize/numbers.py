"""Numbers as written in news: digits with separators, scale words and
abbreviations, and numbers in words (read by text2num)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache

from text_to_num import text2num

from extractor.resources import load_json


@cache
def scale_table() -> dict[str, int]:
    """Surface -> power of ten of the package data."""
    return build_scale_table(load_json("scales.json"))


def build_scale_table(data: dict) -> dict[str, int]:
    """Surface -> power of ten; scale words are matched case-insensitively."""
    return {**{w.lower(): p for w, p in data["words"].items()}, **data["abbreviations"]}


def scale_power(surface: str | None, table: dict[str, int] | None = None) -> int:
    """'billion' -> 9; compound scales multiply: 'lakh crore' -> 12."""
    if not surface:
        return 0
    table = table or scale_table()
    return sum(table.get(word, table.get(word.lower(), 0)) for word in surface.split())


_SEPARATORS = re.compile("[,\u2009\u202f\u00a0 ]")


def parse_digits(surface: str) -> Decimal:
    """'20,000' -> 20000, '11.8' -> 11.8; separators are commas or thin spaces."""
    cleaned = _SEPARATORS.sub("", surface)
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


def _scale_word_power(word: str, table: dict[str, int]) -> int:
    return table.get(word, 0) if word.isalpha() and len(word) > 3 else 0


_DIGIT_WORDS = {"zero": "0", "oh": "0", "nought": "0", "naught": "0", "one": "1", "two": "2", "three": "3",
                "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}


def _integer(words: list[str]) -> Decimal | None:
    if not words:
        return Decimal(0)
    try:
        return Decimal(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def _read_small(words: list[str]) -> Decimal | None:
    """A number below a thousand in words; 'point' starts a decimal part read
    digit by digit ('one point two five') or as one number ('point seventy-one')."""
    if not words:
        return Decimal(1)
    if "point" not in words:
        return _integer(words)
    cut = words.index("point")
    whole, decimals = _integer(words[:cut]), words[cut + 1:]
    if whole is None or not decimals:
        return None
    if all(w in _DIGIT_WORDS for w in decimals):
        digits = "".join(_DIGIT_WORDS[w] for w in decimals)
    else:
        fraction = _integer(decimals)
        if fraction is None:
            return None
        digits = str(fraction)
    return Decimal(f"{whole}.{digits}")


def _read_chunks(words: list[str], data: dict, scales: dict[str, int]) -> Decimal | None:
    """Sum of chunk x scale: 'twenty-one trillion three hundred' ->
    21 x 10^12 + 300; scale words in a row multiply ('three lakh crore').
    text2num reads each chunk below a thousand."""
    if words and words[0] in data["article"]:
        words = words[1:] if len(words) > 1 else words
    terms: list[Decimal] = []
    chunk: list[str] = []
    previous_was_scale = False
    for word in words:
        power = _scale_word_power(word, scales)
        if power >= 3 or (power and previous_was_scale):
            if previous_was_scale and terms and not chunk:
                terms[-1] = terms[-1].scaleb(power)
            else:
                value = _read_small([w for w in chunk if w != "and"])
                if value is None:
                    return None
                terms.append(value.scaleb(power))
            chunk, previous_was_scale = [], True
        else:
            chunk.append(word)
            previous_was_scale = False
    rest = [w for w in chunk if w != "and"]
    if rest:
        value = _read_small(rest)
        if value is None:
            return None
        terms.append(value)
    return sum(terms, Decimal(0))


def parse_number_words(surface: str, data: dict | None = None,
                       scales: dict[str, int] | None = None) -> Decimal | None:
    """'twenty thousand' -> 20000, 'a million' -> 1e6, 'one point two
    million' -> 1.2e6, 'half a trillion' -> 5e11, 'a quarter-million' ->
    250000; None when the words are not a number."""
    data = data or _word_data()
    words = [w for w in _HYPHEN.split(surface.lower().strip()) if w]
    if not words:
        return None
    fraction = Decimal(1)
    fractions = data["fractions"]
    for i, word in enumerate(words):
        if word in fractions:
            head = [w for w in words[:i] if w not in data["article"]]
            rest = [w for w in words[i + 1:] if w not in ("of", "a", "an")]
            if not rest:
                return None
            multiplier = Decimal(1)
            if head:
                try:
                    multiplier = Decimal(text2num(" ".join(head), "en"))
                except ValueError:
                    return None
            fraction = Decimal(fractions[word]) * multiplier
            words = rest
            break
    number = _read_chunks(words, data, scales or scale_table())
    return None if number is None else number * fraction
