"""Derive the currency table from Babel's CLDR data.

Run once when Babel is upgraded (`extractor build-currencies`); the result is
`data/cldr_currencies.json`, read at start-up, and a test fails when that
file no longer matches what the installed Babel derives.

- codes: ISO 4217 codes that are legal tender in some territory today;
- names: English display names, singular and plural ('US dollars');
- symbols: the English symbols plus the symbol each currency's home
  locales write ('₾' in ka_GE, '₭' in lo_LA, 'zł' in pl_PL), kept only when
  exactly one currency claims it and it is not a one- or two-letter word
  ('R', 'KM', 'Le' read as words far more often than as money; the
  additions file names the two-letter symbols news does use, such as 'RM').
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from babel import Locale, localedata
from babel.numbers import get_currency_name, get_territory_currencies

OUTPUT = Path(__file__).resolve().parent.parent / "data" / "cldr_currencies.json"


def _tender(territory: str) -> list[str]:
    try:
        return list(get_territory_currencies(territory, tender=True))
    except Exception:  # noqa: BLE001 - CLDR regions without currency data
        return []


def derive() -> dict[str, Any]:
    import babel

    english = Locale("en")
    codes: set[str] = set()
    owners: dict[str, set[str]] = {}
    for identifier in localedata.locale_identifiers():
        try:
            locale = Locale.parse(identifier)
        except Exception:  # noqa: BLE001 - locales CLDR lists but cannot load
            continue
        if not locale.territory:
            continue
        for code in _tender(locale.territory):
            codes.add(code)
            symbol = locale.currency_symbols.get(code)
            if symbol and symbol != code:
                owners.setdefault(symbol, set()).add(code)
    for code in codes:
        symbol = english.currency_symbols.get(code)
        if symbol and symbol != code:
            owners.setdefault(symbol, set()).add(code)
    symbols = {
        symbol: next(iter(claims)) for symbol, claims in owners.items()
        if len(claims) == 1 and not (symbol.isalpha() and len(symbol) < 3)
    }
    names: dict[str, str] = {}
    for code in sorted(codes):
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en")
            if name and name != code:
                names[name.lower()] = code
    return {
        "_source": f"Derived from CLDR by Babel {babel.__version__} (extractor/normalize/cldr.py); "
                   "do not edit by hand.",
        "codes": sorted(codes),
        "names": dict(sorted(names.items())),
        "symbols": dict(sorted(symbols.items())),
    }


def write(path: Path = OUTPUT) -> Path:
    path.write_text(json.dumps(derive(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
