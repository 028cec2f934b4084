"""Party names by their shape and position, for the names no pattern or gazetteer knows.

News names many more companies than any list: 'Swisscom raised its plan', 'TensorWave, which already
operates', "Omantel's figure includes", 'the National Center for High-performance Computing (NCHC) will
receive'. A run of capitalized words (camel case and acronyms included) is a party's name when it stands
where a party stands: before its clause's verb (after an optional acronym or appositive), before a
possessive, before a metric ('Lumo weekly active users'), before ', which', or after 'from the' / 'by the'.
Opening words, months and days, places, currencies before their number and people (named with a title:
'chief executive Jane Park', 'Park, the chief executive') are not. An acronym or alias in brackets is the
name the article goes on to use (GUIDELINES D31). Pure functions over text; the word lists are
`data/roles.json` ("name_shape").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from extractor.regexes import trie_alternation
from extractor.resources import load_json

_NAME_SHAPED = re.compile(r"[A-Z].*[A-Z0-9]|\d")  # 'TensorWave', 'VNG', 'E2E': a name by its letters alone
_BRACKET = re.compile(r"\s*\((?:(?P<acronym>[A-Z][A-Z0-9&.-]{1,9})|[\"“](?P<alias>[A-Z][^\"”()]{1,30})[\"”]"
                      r"(?:\s+or\s+[\"“][^\"”()]{1,30}[\"”])?)\)")  # '("Tessaro" or "the Company")' too
_SHORT_BRACKET = re.compile(r"\s*\((?P<short>[A-Z][\w&'’-]*(?:\s+[A-Z0-9][\w&'’-]*){1,2})\)")  # '(Wahat AI)'
# '("Tessaro" or "the Company")', '(the "Bank")', '(hereinafter the "Issuer")': a press release's defined term
_DEFINED_TERM = re.compile(
    r"\((?:[^()]{0,40}?\s+or\s+)?(?:(?:hereinafter\s+)?the\s+[\"“]|[\"“]the\s+)(?P<term>[A-Z][a-z]+)[\"”]\)")
_KICKER_AFTER = re.compile(r"\.[ \t]+[A-Z\"“]")
_DESCRIBED = re.compile(r"-[a-z]+$")  # 'Paris-based', 'Tokyo-listed': a description before the name
_NUMBER_BEFORE = re.compile(r"\d\s$")
_NUMBER_AFTER = re.compile(r"\s?[$€£¥₹]?\d")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]+")
_WORD = r"[A-Z][\w&.'’-]*?"  # lazy: a trailing "'s" or sentence-final '.' is not part of the word
_WORD_END = r"(?=['’]s(?!\w)|['’](?=\s)|[^\w&'’-]|$)"  # "Omantel's", "the Philippines' office": owners


@dataclass(frozen=True, slots=True)
class ShapedName:
    start: int
    end: int
    text: str  # the name the article goes on to use: the bracketed acronym when it gives one
    possessive: bool = False  # "Omantel's figure": a name written only as an owner is no short name (D13)


class NameShape:
    """The compiled rules of `data/roles.json` "name_shape"."""

    def __init__(self, data: dict[str, Any]) -> None:
        for key in ("verbs", "adverbs", "connectors", "not_names", "person_titles", "relative_pronouns",
                    "place_prepositions", "party_before", "person_speech", "metric_after", "joined_tails",
                    "joining_prepositions", "product_tails"):
            if not isinstance(data.get(key), list):
                raise ValueError(f"roles data: name_shape.{key} must be a list")
        connectors = trie_alternation(data["connectors"])
        self.run = re.compile(  # 'Tata Communications', 'National Center for High-performance Computing'
            rf"(?<![\w&.'’-]){_WORD}{_WORD_END}(?:[ ](?:(?:{connectors})[ ])?{_WORD}{_WORD_END})*")
        verbs, adverbs = trie_alternation(data["verbs"]), trie_alternation(data["adverbs"])
        self.position = re.compile(  # what follows a party's name
            rf"(?P<bracket>{_BRACKET.pattern})?"
            rf"(?:(?P<possessive>['’]s\s+[a-z][a-z-]*\b)"
            rf"|(?P<metric>[ \t]+(?:{trie_alternation(data['metric_after'])})\b)"
            rf"|,\s+(?P<relative>{trie_alternation(data['relative_pronouns'])})\b"
            rf"|(?P<appositive>,[^,;:()]{{1,80}},)?\s+(?:(?:{adverbs})\s+)?(?:{verbs})\b)")
        titles = trie_alternation(data["person_titles"])
        self.titles = titles  # the alternation, for callers that look for a title before a name further back
        self.titled_before = re.compile(rf"\b(?:{titles})\s+$", re.I)
        self.titled_after = re.compile(
            rf",\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{titles})\b", re.I)
        self.titled_is = re.compile(  # 'Ilse Brandvold is co-founder and CEO of Tessel AI'
            rf"\s+(?:is|was|has been)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{titles})\b", re.I)
        self.title_word = re.compile(rf"(?<!\w)(?:{trie_alternation(_capitalized(data['person_titles']))})(?![\w-])")
        self.speaks_of_own = re.compile(
            rf"\s+(?:said|says|told\s+\w+)\s+(?:that\s+)?(?:{trie_alternation(data['person_speech'])})\b")
        self.party_before = re.compile(rf"\b(?:{trie_alternation(data['party_before'])})\s+$")
        self.place_before = re.compile(rf"\b(?:{trie_alternation(data['place_prepositions'])})\s+(?:the\s+)?$")
        self.not_names = frozenset(w.lower() for w in data["not_names"]) | STOP_WORDS
        self.and_split = re.compile(rf" (?:and|&) (?!(?:{trie_alternation(data['joined_tails'])})(?![\w.]))")
        self.joining = re.compile(rf" (?:{trie_alternation(data['joining_prepositions'])}) ")
        self.product_tails = frozenset(data["product_tails"])

    def leading_words(self, words: list[str]) -> int:
        """How many opening words of a run are not part of a name ('Separately', 'The', 'In', 'Paris-based',
        'São Paulo-based': a description of two or three words ends on its '-based')."""
        n = 0
        while n < len(words) and (words[n].lower().rstrip(",") in self.not_names or is_description(words[n])):
            n += 1
        described = next((i for i in range(n, min(n + 3, len(words) - 1)) if is_description(words[i])), None)
        return described + 1 if described is not None else n


def is_description(word: str) -> bool:
    """'Paris-based', 'Singtel-owned', 'AI-related': a word that describes a party, not its name.

    >>> is_description("Singtel-owned"), is_description("Hewlett-Packard")
    (True, False)
    """
    return _DESCRIBED.search(word) is not None


def _capitalized(titles: list[str]) -> list[str]:
    """A title as it is written inside a name: 'CEO', 'Chief Financial Officer'."""
    return [t if t[0].isupper() else " ".join(w.capitalize() for w in t.split()) for t in titles]


@cache
def default_shape() -> NameShape:
    return NameShape(load_json("roles.json")["name_shape"])


@dataclass(frozen=True, slots=True)
class NameReading:
    """One pass over a text: every capitalized name-like run as `_parts` cuts it, and the runs that stand
    in a party's position."""

    runs: list[tuple[int, int]]
    names: list[ShapedName]
    people: frozenset[str] = frozenset()  # people the text names with a title, and their surnames alone


def shaped_names(text: str, shape: NameShape | None = None) -> list[ShapedName]:
    """Every capitalized name that stands in a party's position, in text order; one pass over the text.
    Countries are among them: the caller knows them (extractor/countries.py) and decides. A possessor
    before another name ("Spain's Barcelona ...", "Elon Musk's xAI") is a place or a person, not the party.

    >>> [n.text for n in shaped_names("ZURICH — Swisscom raised its plan. TensorWave, which runs GPUs, said so.")]
    ['Swisscom', 'TensorWave']
    >>> [n.text for n in shaped_names("Omantel's figure includes chips. Omantel said so. To keep up, VNG bought 10.")]
    ['Omantel', 'Omantel', 'VNG']
    >>> [n.text for n in shaped_names("Private pledges rose. Management said so. Demand has risen; demand is high.")]
    []
    >>> [n.text for n in shaped_names("Under it, Spain's Barcelona Supercomputing Center (BSC) will receive 3,200.")]
    ['BSC']
    >>> [n.text for n in shaped_names("Chief executive Jane Park said demand was strong. Management said so.")]
    []
    >>> [n.text for n in shaped_names("Tata Communications and E2E Networks will bring 3,000 units.")]
    ['Tata Communications', 'E2E Networks']
    """
    return read_names(text, shape).names


def read_names(text: str, shape: NameShape | None = None) -> NameReading:
    """The runs and the shaped names of `text` (see `shaped_names` and `name_runs`), read once."""
    shape = shape or default_shape()
    lowercase_words = set(_LOWER_WORD.findall(text))
    runs: list[tuple[int, int]] = []
    people: set[str] = set()
    places: set[str] = set()
    candidates: list[tuple[int, int, re.Match[str] | None, bool]] = []
    written: Counter[str] = Counter()  # how often each name is written, in any position
    kickers: set[int] = set()
    for m in shape.run.finditer(text):
        after = shape.position.match(text, m.end())
        for start, end in _parts(text, m.start(), m.end(), shape):
            runs.append((start, end))
            name = text[start:end]
            written[name] += 1
            if _is_person(text, start, end, shape):
                people.update((name, name.split()[-1]))
            elif shape.place_before.search(text, max(0, start - 16), start):
                places.add(name)
            elif after is not None or shape.party_before.search(text, max(0, start - 16), start):
                candidates.append((start, end, after, end == m.end()))
            elif _KICKER_AFTER.match(text, end) and text[max(0, start - 1):start] in ("", "\n"):
                kickers.add(start)  # 'Indosat. Its cloud runs 4,000 GPUs': an analyst note's section on a party
                candidates.append((start, end, None, True))
    found: list[ShapedName] = []
    for start, end, after, last in candidates:
        name = text[start:end]
        if (name in people or name.split()[-1] in people or name in places or _NUMBER_AFTER.match(text, end)
                or _NUMBER_BEFORE.search(text, max(0, start - 16), start)):
            continue  # a person, a place, a currency before its number ('CHF 2.2'), a counted product ('512 H100s')
        if start in kickers and (written[name] < 2 or name.lower() in lowercase_words):
            continue  # 'Risks. The obvious one ...': a section's label, not a party named elsewhere
        introduced = after is not None and any(after.group(g) for g in ("bracket", "appositive", "relative", "metric"))
        if " " not in name and not introduced and _sentence_initial(text, start) and (
                name.lower() in lowercase_words or not (_NAME_SHAPED.search(name) or written[name] > 1)):
            continue  # 'Demand has risen', 'Private pledges ...': an opening word, unless the article repeats it
        short = (after.group("acronym") or after.group("alias")) if last and after else None
        if short is not None and after.group("acronym") and _ticker_of(short, name):
            short = name.split()[0]  # 'Norvik Holdings (NRVK)': a ticker, which abbreviates the short name
        possessive = bool(after and after.group("possessive"))
        found.append(ShapedName(start, after.end("bracket") if short else end, short or name, possessive))
    return NameReading(runs, found, frozenset(people))


def alias_after(text: str, end: int, name: str | None = None) -> tuple[str, int] | None:
    """The bracketed acronym or quoted alias right after a name ending at `end`, and where the bracket ends:
    the name the article goes on to use (GUIDELINES D31); given the `name`, also a bracketed short form that
    starts with its first word.

    >>> alias_after("The Orbis Center for Advanced Computing (OCAC) will spend", 39)
    ('OCAC', 46)
    >>> alias_after('Tessaro Data Centres Sdn Bhd ("Tessaro" or "the Company") said', 28)
    ('Tessaro', 57)
    >>> alias_after("Wahat Intelligence Holding (Wahat AI) said", 26, "Wahat Intelligence Holding")
    ('Wahat AI', 37)
    >>> alias_after("YTL Power (Malaysia) said", 9, "YTL Power") is None
    True
    >>> alias_after("Norvik Holdings (NRVK) Q2 results", 15, "Norvik Holdings")  # a ticker: the short name
    ('Norvik', 22)
    """
    m = _BRACKET.match(text, end)
    if m is not None:
        if m.group("acronym") and name and _ticker_of(m.group("acronym"), name):
            return name.split()[0], m.end()  # a ticker abbreviates the company's short name
        return m.group("acronym") or m.group("alias"), m.end()
    m = _SHORT_BRACKET.match(text, end) if name else None
    short = m.group("short") if m else None
    if short is not None and len(short) < len(name) and short.split()[0] == name.split()[0]:
        return short, m.end()
    return None


def defined_terms(text: str) -> list[tuple[str, int]]:
    """The defined terms a press release or filing sets up for a party, and where each bracket starts: the
    article's later 'the Company' is that party (GUIDELINES D33).

    >>> defined_terms('Tessaro Data Centres Sdn Bhd ("Tessaro" or "the Company") today said; the Company will')
    [('Company', 29)]
    >>> defined_terms('Orbis Holdings (the "Group") and Kestrel plc (the "Buyer")')
    [('Group', 15), ('Buyer', 45)]
    >>> defined_terms('the chatbot ("Quill") and the "Company" culture')
    []
    """
    return [(m.group("term"), m.start()) for m in _DEFINED_TERM.finditer(text)]


def name_runs(text: str, shape: NameShape | None = None) -> list[tuple[int, int]]:
    """Every capitalized name-like run of the text as `_parts` cuts it, in text order: what a name that a
    pattern found only in part ('National AI' in 'National AI Capability Plan') extends to.

    >>> t = "The National AI Capability Plan has set aside A$1 billion, Orbis and Kestrel said."
    >>> [t[a:b] for a, b in name_runs(t)]
    ['National AI Capability Plan', 'Orbis', 'Kestrel']
    """
    return read_names(text, shape).runs


def _parts(text: str, start: int, end: int, shape: NameShape) -> list[tuple[int, int]]:
    """The names inside one capitalized run: its opening words dropped, split at 'and' unless an 'of' or 'for'
    comes first ('Tata Communications and E2E Networks' is two, 'Ministry of Science and ICT' one) or a joined
    tail follows ('Mitsui & Co')."""
    title = next(reversed(list(shape.title_word.finditer(text, start, end))), None)
    if title is not None:  # 'Microsoft CFO Amy Hood': the person after the title; the company is no subject here
        start = title.end() + 1
        if start >= end:
            return []
    words = text[start:end].split(" ")
    while words and words[-1] in shape.product_tails:  # 'the Lumora Cloud GPU fleet': the party is Lumora Cloud
        end -= len(words.pop()) + 1
    if not words:
        return []
    skip = shape.leading_words(words)
    if skip == len(words):
        return []
    start += sum(len(w) + 1 for w in words[:skip])
    run = text[start:end]
    if shape.joining.search(run.split(" and ")[0].split(" & ")[0]):
        return [(start, end)]
    parts, offset = [], start
    for piece in shape.and_split.split(run):
        if piece and piece.split(" ")[0].lower() not in shape.not_names:
            parts.append((offset, offset + len(piece)))
        offset += len(piece) + 5 if text.startswith(" and ", offset + len(piece)) else len(piece) + 3
    return parts


def _ticker_of(letters: str, name: str) -> bool:
    """'NRVK' after 'Norvik Holdings', 'META' after 'Meta Platforms': capitals spelled out of the first word alone
    are a stock ticker, not the acronym the article goes on to use (an acronym takes the words' initials: 'OCAC',
    'NCHC'); the first word is the short name the ticker abbreviates."""
    words = name.split()
    if len(words) < 2 or len(letters) < 2:
        return False
    rest = iter(words[0].upper())
    return all(ch in rest for ch in letters.upper())


def _is_person(text: str, start: int, end: int, shape: NameShape) -> bool:
    """'chief executive Jane Park', 'Jane Park, the company's chief executive', 'Jane Park says the company
    ...', 'Jane Park is co-founder and CEO of ...' (a full name only: 'Nvidia is the leader' names no person):
    a person, not a party."""
    return bool(shape.titled_before.search(text, max(0, start - 40), start) or shape.titled_after.match(text, end)
                or shape.speaks_of_own.match(text, end) or " " in text[start:end] and shape.titled_is.match(text, end))


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].strip()
    return not before or before[-1] in ".!?\n:"


__all__ = ["NameReading", "NameShape", "ShapedName", "alias_after", "default_shape", "defined_terms",
           "is_description", "name_runs", "read_names", "shaped_names"]
