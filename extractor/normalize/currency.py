"""Currency symbols, codes and names -> ISO 4217, from Babel's CLDR data.

CLDR's English locale gives the codes, the standard symbols ('€', 'HK$',
'NT$') and the display names ('US dollars', 'Chinese yuan'); the project's
additions (`data/currencies.json`) add what news writes beyond CLDR ('RMB',
'US$', bare 'dollars') and name the ISO codes that are usually English words
or tickers ('AMD', 'TRY'). Symbols CLDR gives to several currencies are left
out unless the additions decide them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.numbers import get_currency_name, get_territory_currencies

from extractor.resources import load_json


@dataclass(frozen=True)
class CurrencyTable:
    codes: frozenset[str]
    aliases: dict[str, str]
    context_dependent: dict[str, dict]

    def resolve(self, surface: str, context: str = "") -> str | None:
        """ISO code for a symbol, code or name; context decides '¥'."""
        key = surface.strip()
        if key in self.context_dependent:
            return resolve_by_context(self.context_dependent[key], context)
        if key in self.aliases:
            return self.aliases[key]
        if key.upper() in self.codes and key.isupper():
            return key.upper()
        lowered = key.lower()
        return self.aliases.get(lowered)


def resolve_by_context(rule: dict, context: str) -> str:
    """The code whose cue words occur most often in the context."""
    counts = Counter()
    for code, cues in rule["cues"].items():
        for cue in cues:
            counts[code] += len(re.findall(rf"\b{re.escape(cue)}\b", context))
    if counts and max(counts.values()) > 0:
        return counts.most_common(1)[0][0]
    return rule["default"]


def babel_currency_forms() -> tuple[frozenset[str], dict[str, str]]:
    """Current ISO codes and their unambiguous English symbols and names, from CLDR."""
    locale = Locale("en")
    current: set[str] = set()
    for territory in locale.territories:
        try:
            current.update(get_territory_currencies(territory, tender=True))
        except Exception:  # noqa: BLE001 - CLDR regions with no currency data
            continue
    symbol_owners: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for code in sorted(current):
        symbol = locale.currency_symbols.get(code)
        if symbol and symbol != code:
            symbol_owners.setdefault(symbol, set()).add(code)
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en")
            if name and name != code:
                names[name.lower()] = code
    symbols = {s: next(iter(owners)) for s, owners in symbol_owners.items() if len(owners) == 1}
    return frozenset(current), {**names, **symbols}


@cache
def currency_table() -> CurrencyTable:
    """The merged table, built once per process."""
    additions = load_json("currencies.json")
    codes, forms = babel_currency_forms()
    codes = frozenset(codes - set(additions["not_currency_codes"]))
    aliases = {**forms, **additions["aliases"]}
    return CurrencyTable(codes, aliases, additions["context_dependent"])
