"""Countries as parties: 'Germany has signalled it will put in EUR 1.6 billion', 'Spain's government said it
had reserved ...', 'the Korean government', 'ship 60,400 A100 chips to the UAE' (GUIDELINES D20).

Names come from CLDR through Babel, short forms and adjectives from `data/countries.json`. A country is
found only where its clause makes it a party, so 'a campus in Texas' or 'chips made in Taiwan' stay places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor.regexes import trie_alternation
from extractor.resources import load_json

_PLACE_BEFORE = re.compile(r"\b(?:in|across|from|of|into|within|outside|throughout|at|near|around)\s+(?:the\s+)?$",
                           re.I)


# 'SINGAPORE — ', 'Singapore, March 3 (Reuters) - ': a dateline opening a line
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z .'’-]{1,30}?)(?:,[^\n—–]{0,40}?)?\s+(?:—|–|--?)\s", re.M)


@dataclass(frozen=True, slots=True)
class CountryParty:
    start: int
    end: int
    text: str  # the name of the party: the country as the article writes it, or the one an adjective names


@cache
def _tables() -> tuple[re.Pattern, re.Pattern, dict[str, str], dict[str, str], dict[str, str]]:
    import babel

    data = load_json("countries.json")
    names = {name: name for code, name in babel.Locale("en").territories.items() if len(code) == 2}
    names.update(data["aliases"])
    verbs = trie_alternation(data["party_verbs"])
    government = trie_alternation(data["government_nouns"])
    name_alt = trie_alternation(list(names))
    acting_alt = trie_alternation([*names, *data["capitals"]])  # a capital acts for its government
    by_name = re.compile(
        rf"(?<![\w-])(?P<name>{acting_alt})(?![\w-])"
        rf"(?=(?:['’]s)\s+(?:{government})\b|\s+(?:{verbs})\b"
        # 'Sweden and Denmark will jointly put in': both
        rf"|\s+and\s+(?:the\s+)?(?:{acting_alt})\s+(?:(?:jointly|together|each)\s+)?(?:{verbs})\b)"
        rf"|(?<=\bto\s)(?:the\s+)?(?P<recipient>{name_alt})(?![\w-])"
        # 'Madrid has promised €1.4 billion, Warsaw €900 million and Rome €750 million': a gapped clause's party
        rf"|(?:(?<=,\s)|(?<=\band\s))(?P<gapped>{acting_alt})(?=\s+(?:[A-Z]{{0,3}}[$€£¥₹]|[$€£¥₹])?\d)")
    adjectives = trie_alternation(list(data["demonyms"]))
    demonym = re.compile(  # 'the Korean government', 'the Swedish and Danish governments'
        rf"(?<![\w-])(?P<adj>{adjectives})(?:\s+and\s+(?P<adj2>{adjectives}))?\s+(?:{government})\b")
    return by_name, demonym, names, data["demonyms"], data["capitals"]


@cache
def country_names() -> frozenset[str]:
    """Every name a country party can have ('Germany', 'UK', 'Korea')."""
    _, _, names, demonyms, _ = _tables()
    return frozenset(names.values()) | frozenset(demonyms.values())


@cache
def country_words() -> frozenset[str]:
    """Every word that names a country or its people ('Germany', 'UK', 'Korean'): never a company's name."""
    _, _, names, demonyms, _ = _tables()
    return frozenset(names) | frozenset(demonyms) | country_names()


@cache
def region_names() -> frozenset[str]:
    """World regions in lower case ('north america', 'asia-pacific', 'emea'): CLDR's numeric territories plus
    the supplement in `data/countries.json`. A region is a market, never a party."""
    import babel

    names = [name for code, name in babel.Locale("en").territories.items() if code.isdigit()]
    return frozenset(name.lower() for name in [*names, *load_json("countries.json").get("regions", ())])


def country_parties(text: str) -> list[CountryParty]:
    """Every country that a clause makes a party, in text order.

    >>> [p.text for p in country_parties("Germany has signalled it will put in money; Spain's government agreed.")]
    ['Germany', 'Spain']
    >>> [p.text for p in country_parties("a campus in Texas, chips made in Taiwan; prices in China have fallen")]
    []
    >>> [p.text for p in country_parties("Nvidia will supply chips to the Korean government and to the UAE.")]
    ['Korea', 'UAE']
    >>> [p.text for p in country_parties("The Swedish and Danish governments will each invest SEK 4 billion.")]
    ['Sweden', 'Denmark']
    >>> [p.text for p in country_parties("Berlin has pledged €2 billion, Warsaw €900 million and Rome €750 million.")]
    ['Germany', 'Poland', 'Italy']
    >>> [p.text for p in country_parties("Sweden and Denmark will jointly put in €1.2 billion.")]
    ['Sweden', 'Denmark']
    """
    by_name, demonym, names, demonyms, capitals = _tables()
    found = []
    for m in by_name.finditer(text):
        group = next(g for g in ("name", "recipient", "gapped") if m.group(g))
        if group == "name" and _PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # 'servers in China have fallen': a place
        found.append(CountryParty(m.start(group), m.end(group), names.get(m.group(group)) or capitals[m.group(group)]))
    for m in demonym.finditer(text):
        found.append(CountryParty(m.start("adj"), m.end("adj"), demonyms[m.group("adj")]))
        if m.group("adj2"):
            found.append(CountryParty(m.start("adj2"), m.end(), demonyms[m.group("adj2")]))
    return sorted(found, key=lambda p: p.start)


def dateline_countries(text: str) -> list[tuple[int, CountryParty | None]]:
    """Every dateline of the text in order, each as the country it names or None (a city's dateline names no
    country): whose government 'the government' or 'the ministry' is when the article names no other
    (GUIDELINES D20). A roundup has one dateline per item.

    >>> [(at, c and c.text) for at, c in dateline_countries("SINGAPORE — The government set aside S$1.5bn.")]
    [(0, 'Singapore')]
    >>> [(at, c and c.text) for at, c in dateline_countries("Headline\\n\\nNairobi, March 12 (Wire) - Kenya will.")]
    [(10, None)]
    """
    _, _, names, _, _ = _tables()
    found = []
    for m in _DATELINE.finditer(text):
        place = m.group("place").strip()
        name = names.get(place) or names.get(place.title()) or _upper_names().get(place)
        found.append((m.start(), None if name is None else CountryParty(m.start("place"), m.end("place"), name)))
    return found


@cache
def _upper_names() -> dict[str, str]:
    _, _, names, _, _ = _tables()
    return {key.upper(): name for key, name in names.items()}


__all__ = ["CountryParty", "country_names", "country_parties", "country_words", "dateline_countries"]
