"""Currency symbols, codes and names -> ISO 4217, from Babel's CLDR data.

CLDR (through `normalize/cldr.py`, saved in `data/cldr_currencies.json`)
gives the codes, the symbols ('€', 'HK$', '₾') and the English display names
('US dollars', 'Chinese yuan'); the project's
additions (`data/currencies.json`) add what news writes beyond CLDR ('RMB',
'US$', bare 'dollars') and name the ISO codes that are usually English words
or tickers ('AMD', 'TRY'). Symbols CLDR gives to several currencies are left
out unless the additions decide them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from extractor.resources import load_json


@dataclass(frozen=True)
class CurrencyTable:
    codes: frozenset[str]
    aliases: dict[str, str]
    context_dependent: dict[str, dict]
    cue_patterns: dict[str, dict[str, re.Pattern]] = field(default_factory=dict)
    declaration: re.Pattern | None = None  # 'All figures are New Zealand dollars': the page's own dollar
    declarable: frozenset[str] = frozenset()  # the surfaces a declared dollar rebinds: '$', 'dollars'
    dollars: dict[str, str] = field(default_factory=dict)  # letters before '$' -> code: 'NZ' -> 'NZD'

    def resolve(self, surface: str, context: str = "") -> str | None:
        """ISO code for a symbol, code or name; context decides '¥'."""
        key = surface.strip()
        if key in self.context_dependent:
            return self.resolve_in(key, context)
        if key in self.aliases:
            return self.aliases[key]
        if key.upper() in self.codes and key.isupper():
            return key.upper()
        lowered = key.lower()
        return self.aliases.get(lowered)


    def declared(self, text: str) -> str | None:
        """The dollar a page declares for its bare '$' and 'dollars' ('All figures are New Zealand dollars',
        'Amounts in A$'); None when it declares none, or declares a currency that is no dollar ('All figures in
        EUR' leaves a quoted '$2 billion' in US dollars). One search of the text: call it once per document.

        >>> currency_table().declared("All figures are New Zealand dollars unless stated. Funding: $240 million")
        'NZD'
        >>> currency_table().declared("Amounts in A$ unless noted."), currency_table().declared("All figures in EUR.")
        ('AUD', None)
        """
        m = self.declaration.search(text) if self.declaration is not None else None
        if m is None:
            return None
        surface = m.group("currency")
        code = self.resolve(surface) or self.dollars.get(surface[:-1] if surface.endswith("$") else surface)
        return code if code in self.dollars.values() else None

    def resolve_in(self, symbol: str, context: str) -> str | None:
        """The code whose cue words occur most often in the context ('¥' in a
        story about Tokyo is JPY); the rule's default when none occurs (None: no
        currency at all, 'N95' outside a Nigerian story)."""
        counts = Counter({code: len(pattern.findall(context)) for code, pattern in self.cue_patterns[symbol].items()})
        best, count = counts.most_common(1)[0] if counts else (None, 0)
        return best if count else self.context_dependent[symbol]["default"]


def _cue_patterns(context_dependent: dict[str, dict]) -> dict[str, dict[str, re.Pattern]]:
    return {
        symbol: {code: re.compile(r"\b(?:" + "|".join(map(re.escape, cues)) + r")\b")
                 for code, cues in rule["cues"].items()}
        for symbol, rule in context_dependent.items()
    }


@cache
def currency_table() -> CurrencyTable:
    """The merged table of the package data, built once per process."""
    return build_currency_table(load_json("currencies.json"), load_json("cldr_currencies.json"))


def build_currency_table(additions: dict, cldr: dict) -> CurrencyTable:
    """The merged table of the given data (a saved pipeline carries its own)."""
    codes = frozenset(set(cldr["codes"]) - set(additions["not_currency_codes"]))
    aliases = {**cldr["names"], **cldr["symbols"], **additions["aliases"]}
    context_dependent = additions["context_dependent"]
    declared = additions.get("declared_currency", {})
    return CurrencyTable(codes, aliases, context_dependent, _cue_patterns(context_dependent),
                         re.compile(declared["pattern"]) if declared else None,
                         frozenset(declared.get("surfaces", ())),
                         {k: v for k, v in additions["dollar_prefixes"].items() if not k.startswith("_")})
