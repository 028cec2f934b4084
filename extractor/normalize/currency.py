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
    cue_reach: tuple[int, int] = (0, 0)  # characters before and after a '¥' whose cue words decide it first

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


    def read(self, surface: str, context: str = "", declared: str | None = None) -> str | None:
        """The code a surface means on a page whose declared dollar is `declared` (see `declared`): that dollar
        for a bare '$' or 'dollars', else the surface's own reading.

        >>> currency_table().read("$", declared="NZD"), currency_table().read("US$", declared="NZD")
        ('NZD', 'USD')
        """
        if declared and surface.strip() in self.declarable:
            return declared
        return self.resolve(surface, context)

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

    def resolve_near(self, symbol: str, text: str, at: int) -> str | None:
        """The code of a context-dependent symbol at `at` whose cue word stands nearest within reach ('Tokyo's
        Hoshizora Cloud raised its plan to ¥62 billion' in a roundup that is mostly about China); None when no cue
        is within reach, and the document decides.

        >>> t = "Alibaba spends ¥380 billion on chips this year. Tokyo's Hoshizora raised its plan to ¥62 billion."
        >>> currency_table().resolve_near("¥", t, t.index("¥62")), currency_table().resolve_near("¥", t, 15)
        ('JPY', 'CNY')
        """
        before, after = self.cue_reach
        lo, hi = max(0, at - before), min(len(text), at + after)
        nearest: dict[str, int] = {}
        for code, pattern in self.cue_patterns.get(symbol, {}).items():
            distances = [at - m.end() if m.end() <= at else m.start() - at for m in pattern.finditer(text, lo, hi)]
            if distances:
                nearest[code] = min(distances)
        ranked = sorted(nearest.items(), key=lambda item: item[1])
        if not ranked or len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    def resolve_in(self, symbol: str, context: str) -> str | None:
        """The code whose cue words occur most often in the context ('¥' in a
        story about Tokyo is JPY); the rule's default when none occurs (None: no
        currency at all, 'N95' outside a Nigerian story)."""
        counts = Counter({code: len(pattern.findall(context)) for code, pattern in self.cue_patterns[symbol].items()})
        best, count = counts.most_common(1)[0] if counts else (None, 0)
        return best if count else self.context_dependent[symbol]["default"]


def _reach(data: dict | None) -> tuple[int, int]:
    """(before, after) of `context_cue_reach`; a pipeline saved before it existed reads no local cues."""
    return (int(data["before"]), int(data["after"])) if data else (0, 0)


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
                         {k: v for k, v in additions["dollar_prefixes"].items() if not k.startswith("_")},
                         _reach(additions.get("context_cue_reach")))
