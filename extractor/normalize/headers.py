"""What a caption, column header or label says about the bare numbers under it: their scale and currency.

Tables and ranked lists print "172" under "MAU (million)", "55.2" under "Approved support, in billions of
yen", "2.49" under "$ per GPU-hour". The contract normalizes those to 172000000 users, JPY 55.2 billion
and USD 2.49 (GUIDELINES D21); the span stays the number as printed.

>>> header_reading("MAU (million), December 2025")
(6, None)
>>> header_reading("Approved support, in billions of yen")
(9, 'JPY')
>>> header_reading("$ per GPU-hour (March 2026)")
(0, 'USD')
>>> header_reading("Company")
(0, None)
>>> header_reading("Exhibit 1: Capex by company, US$ bn (calendar years)")
(9, 'USD')
>>> header_reading("AI capex, EUR m")
(6, 'EUR')
>>> header_reading("FACT BOX: HUMAIN AT A GLANCE")
(0, None)
>>> header_reading("(Unit: 100 million yen; fiscal years end in March)")
(8, 'JPY')
"""

from __future__ import annotations

import re

from extractor.normalize.currency import currency_table
from extractor.normalize.numbers import scale_table

_WORD = re.compile(r"US\$|[A-Z]{1,3}\$|[$€£¥₩₹]|[A-Za-z]+")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
# an abbreviated scale right after a currency, outside brackets too: 'Capex by company, US$ bn', 'EUR m'
_CURRENCY_SCALE = re.compile(r"(?P<currency>US\$|[A-Z]{1,3}\$|[$€£¥₩₹]|\b[A-Z]{3}(?=\s))\s?(?P<scale>[A-Za-z]{1,3})\b")


def header_reading(header: str, dollar: str | None = None) -> tuple[int, str | None]:
    """(power of ten, ISO code or None) stated by a header for the numbers under it; `dollar` is the page's
    declared dollar, which a bare '$' or 'dollars' means ('$m' on a page of New Zealand dollars).

    >>> header_reading("Fiscal impact ($m)", dollar="NZD")
    (6, 'NZD')
    """
    scales = scale_table()
    table = currency_table()
    power = 0
    for word in _WORD.findall(header):
        singular = word.lower().removesuffix("s")
        if len(singular) > 3 and scales.get(singular, 0) >= 3:
            power = scales[singular]
            # '(Unit: 100 million yen)', 'in 10 thousands': a power of ten before the scale multiplies it
            times = re.search(rf"\b(10+)\s+{re.escape(word)}\b", header)
            power += len(times.group(1)) - 1 if times else 0
            break
    if not power:
        for m in _CURRENCY_SCALE.finditer(header):
            word = m.group("scale")
            if scales.get(word, 0) >= 3 and table.resolve(m.group("currency"), header):
                power = scales[word]
                break
    if not power:
        for inside in _PARENTHESES.findall(header):
            for word in _WORD.findall(inside):
                if word in scales and scales[word] >= 3 and len(word) <= 3:
                    power = scales[word]
                    break
    code = None
    for word in _WORD.findall(header):
        if word.isalpha() and word.islower() and word not in ("yen", "won", "yuan", "euros", "dollars", "rupees",
                                                              "pounds", "euro", "dollar", "rupee", "pound"):
            continue
        code = table.read(word, header, dollar)
        if code:
            break
    return power, code


__all__ = ["header_reading"]
