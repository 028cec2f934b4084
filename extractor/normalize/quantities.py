"""find_quantities: every money amount and count in a text, normalized.

One compiled pattern (built once from the data files) finds single amounts;
a second pass joins two of them into a range when a range connector stands
between them, sharing the scale word and currency ("$350-400 billion",
"between 40,000 and 80,000"). Years, percentages, ratios, product names
(H200), phone- and ISBN-like digit chains and dates are not quantities.
Everything here is linear in the input: no nested quantifiers over the same
characters, and every context look is a bounded window.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from functools import cache

from extractor.normalize.currency import CurrencyTable, currency_table
from extractor.normalize.numbers import build_scale_table, parse_digits, parse_number_words, scale_power, scaled
from extractor.records import Quantity
from extractor.regexes import trie_alternation
from extractor.resources import load_json

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_NOT_AFTER = re.compile(
    r"\s?(?:%|percent\b|per\s?cent\b|pct\b|percentage\b|°|-fold\b|(?:st|nd|rd|th)\b|[ap]\.?m\.?(?!\w))"
    r"|x\b"  # '10x' (a multiple)
    r"|\sx\b(?!(?-i:\s+[A-Z]))",  # '5 x faster', '3 x 3'; not '350,000 x H100', a count of products
    re.I)
_DIGITS = re.compile(r"\d+")
WINDOW_BEFORE = 16  # longest currency prefix with its space: 'U.S.$ ', 'MOP$ '
WINDOW_AFTER = 64  # a number, a scale word and a currency name: ',000 billion South Korean won'
_NAME_HYPHEN = re.compile(  # 'F-35', 'SCP-173', 'OAO-1'; not '5k-20k', '$115 billion-$125 billion', '$46 BLN-$50 BLN'
    r"(?<![\w])(?!(?i:thousand|million|billion|trillion|bn|mn|tn|bln|mln|trn|tln|bil|mil|crore|lakh|[kmb])[-‐]$)"
    r"[A-Za-z]+[-‐]$")
_YEAR_SUFFIX = re.compile(r"(?:19|20)\d\d[-–/]$")
_DATE_AFTER = re.compile(rf"[ \t](?:{MONTHS})\b\.?")  # on the same line: "5 August", not a list's next row
_DATE_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?[ \t]$")
_DIGIT_CHAIN = re.compile(  # dates, ISBNs and phones (2+ dashes or slashes), versions and IPs (2+ dots), ratios
    r"\d+(?:\.\d+)?(?:[-–/]\d+(?:\.\d+)?){2,}|\d+(?:\.\d+){2,}|\d+/\d+|\(?\d{3}\)?[ -]\d{3}-\d{4}"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b")  # clock times in date lines ('Updated: 2025-09-02 19:05')
_CHAIN_HINT = re.compile(r"\d[-–./:]\d|\d{3}[ -]\d{3}")
# the characters a digit chain is made of, from its first '(' or digit: scanning these runs is much cheaper
# than trying the chain pattern (which starts with an optional '(' or a word boundary) at every position
_CHAIN_RUN = re.compile(r"\(?\d[\d.:/() \u2013-]*")
# a dash joins a range on its own line only ('Alder 1' over '- 412 new jobs' is a list's next bullet); a word may
# wrap ('between 40,000 and' / '80,000 units')
_RANGE_JOIN = re.compile(r"[ \t]*(?:-|–|—|~)[ \t]*|\s*(?:to|and|through|thru)\s*", re.I)
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
_FROM = re.compile(  # 'rose from X to Y' is a change; 'ranged from X to Y' is a range (see range_lead_words)
    r"(?:\b(?P<lead>[a-z]+)\s+)?\bfrom\s+(?:about\s+|around\s+|roughly\s+|some\s+)?$", re.I)
_HYPHEN_CHAIN_AFTER = re.compile(r"[-–]\d")
_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")
_PRODUCT_BEFORE = re.compile(r"\b(?P<name>[A-Z][A-Za-z]+)\s$")  # 'Ascend 910B', 'Llama 405B', 'Qwen 72B'
_NEXT_WORD = re.compile(r"\+?[\s-]{0,2}(?P<word>[A-Za-z]+)")


def _alternation(surfaces: list[str]) -> str:
    return trie_alternation(surfaces)


class QuantityScanner:
    """Compiled patterns for one currency table; build once, call many times."""

    def __init__(self, table: CurrencyTable, data: dict | None = None) -> None:
        """`data`: the normalizer's data files by name (default: the package's)."""
        data = data or {name: load_json(name) for name in ("currencies.json", "number_words.json",
                                                           "qualifiers.json", "scales.json")}
        self.table = table
        additions = data["currencies.json"]
        symbols = [a for a in table.aliases if not a.replace(" ", "").replace(".", "").isalpha()]
        symbols += list(table.context_dependent)
        codes = sorted(table.codes)
        upper_aliases = [a for a in table.aliases if a.isalpha() and (a.isupper() or a[0].isupper())
                         and len(a) <= 4]  # RMB, Rmb, Rs, RM
        names = [a for a in table.aliases if a.replace(" ", "").replace(".", "").isalpha()
                 and a not in upper_aliases]
        lower_codes = additions["lowercase_codes"]
        self.dollar_prefixes = {k: v for k, v in additions["dollar_prefixes"].items() if not k.startswith("_")}
        scaled = additions["scaled_codes"]
        self.code_scales = {p + c: (c, power) for p, power in scaled["prefixes"].items() for c in scaled["codes"]}
        spoken = additions.get("spoken_money", {})
        self.code_scales.update({name: (code, int(power)) for name, (code, power) in spoken.get("scaled_names",
                                                                                              {}).items()})
        self.words = data["number_words.json"]
        self.scales = scales = build_scale_table(data["scales.json"])
        not_before = data["scales.json"]["letter_scale_not_before"]
        self.letter_scale_not_before = {w for k, ws in not_before.items() if not k.startswith("_") for w in ws}
        self.metric_names = frozenset(data["scales.json"].get("metric_names_before", ()))
        scale_words = [w for w in scales if w.isalpha() and w.islower() and len(w) > 3 or w == "thou"]
        multi_abbr = [a for a in scales if a not in scale_words and len(a) >= 2]
        # a lower-case prefix glued to its '$' ('us$5') or in pre-tokenized copy ('us $ 150'): in 'lent us $1.4
        # billion' it is a pronoun
        dollar = _alternation([p for p in self.dollar_prefixes if not p.islower()])
        glued = _alternation([p for p in self.dollar_prefixes if p.islower()])
        pre = _alternation(symbols + codes + upper_aliases + list(self.code_scales))
        # after a number, only a symbol that is always a currency: 'N' is the naira only before one, in context
        post_symbols = [s for s in symbols if not s.endswith("$")
                        and (s not in table.context_dependent or table.context_dependent[s].get("default"))]
        post = _alternation(list(self.code_scales) + codes + upper_aliases + post_symbols)
        scale_alt = _alternation(scale_words)
        comma_currency = _alternation(data["scales.json"]["decimal_comma_currencies"])
        self.pattern = re.compile(
            rf"""
            (?<![\w.,/+$€£¥₩₹])
            (?:
                (?P<dollar>(?:{dollar})\s?\$|(?:{glued})(?:\$|\s\$(?=\s)))\s?
              | (?P<pre>{pre})\s?
              | (?P<lpre>(?i:{_alternation(lower_codes)}))\s
            )?
            (?P<sign>(?<![\d\s][-−])(?<![\d][\s])(?<![A-Za-z])[-−](?=\d))?  # 'SR-71' is a name's hyphen
            (?P<num>(?>
                \d{{1,3}},\d{{1,2}}(?=[\s-]?(?i:{scale_alt}|{_alternation(multi_abbr)})
                                   |[\s\u00a0]?(?:{comma_currency})(?![A-Za-z]))
              | \d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?:\.\d+)?
              | \d{{1,3}}(?:[\u202f\u2009\u00a0]\d{{3}})+(?:\.\d+)?
              | \d{{1,3}}(?:[ ]\d{{3}})+(?![\d.,‐-]|[ ]\d)
              | (?<=€)\d{{1,3}},\d{{1,2}}(?!\d)
              | \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?
              | \d+(?:\.\d+)?
              | \.\d+))
            (?![.,]\d)
            (?:
                [\s-]?(?P<sw>(?i:{scale_alt})(?:\s(?i:{scale_alt}))?)(?![A-Za-z])
              | \s?(?P<sa>{_alternation(multi_abbr)})(?![A-Za-z])
              | (?P<s1>[kKmMbBtT])(?![A-Za-z])
            )?
            (?:
                [\s-]?(?P<post>{post})(?:\s(?P<sw2>(?i:{scale_alt})))?(?![A-Za-z])
              | \s(?P<lpost>(?i:{_alternation(lower_codes)}))(?:\s(?P<sw3>(?i:{scale_alt})))?(?![A-Za-z])
              | \s?(?P<dpost>\$)(?!\s?\d)
              | [\s-]?(?P<name>(?i:{_alternation(names)}))(?![A-Za-z])
            )?
            (?![^\W¹²³⁴⁵⁶⁷⁸⁹⁰])  # a superscript after the amount is a footnote mark: '6.88¹'
            """,
            re.VERBOSE,
        )
        words = self.words
        cardinal = _alternation(words["cardinals"])
        fraction = _alternation(list(words["fractions"]))
        self.alone_is_not_a_number = {w.lower() for w in words["alone_is_not_a_number"]}
        vague = "|".join(re.escape(w) for w in sorted(words["vague_before"], key=len, reverse=True))
        self.vague_before = re.compile(rf"\b(?:{vague})\s+[\"“']?$", re.I)
        self.word_hint = re.compile(rf"\b(?:{cardinal}|{fraction})\b", re.IGNORECASE)
        self.word_pattern = re.compile(
            rf"""
            (?<![\w-])
            (?P<words>
                (?:(?:a|an|{cardinal})[\s-]+)?(?:{fraction})(?:\s+of)?(?:[\s-]+(?:a|an))?[\s-]+(?:{scale_alt})
              | (?:(?:a|an)\s+(?=(?:{scale_alt}|dozen)\b))?  # 'a million', not 'a three-billion-euro'
                (?:{cardinal})(?:(?:[\s-]+|\s+and\s+|\s+point\s+)(?:{cardinal}|{scale_alt}))*
            )
            (?:[\s-](?P<name>(?i:{_alternation(names + lower_codes)}|{_alternation(list(self.code_scales) + codes)})))?
            (?![\w-])
            """,
            re.VERBOSE | re.IGNORECASE,
        )
        below_hundred = _alternation([w for w in words["cardinals"] if w not in ("zero", "hundred", "dozen")
                                      and not scales.get(w)])
        cents_currency = _alternation(spoken.get("cents_currencies", []))
        self.spoken_cents = re.compile(  # 'a dollar ninety', 'two dollars and fifty cents', 'eight bucks twenty'
            rf"(?<![\w-])(?P<units>a|an|{below_hundred})\s+(?P<currency>{cents_currency})\s+(?:and\s+)?"
            rf"(?P<cents>{below_hundred}(?:[\s-](?:{below_hundred}))?)(?:\s+cents?)?(?![\w-])"
            rf"(?!\s+(?:{scale_alt})\b)", re.I) if cents_currency else None
        self.cents_hint = re.compile(rf"\b(?:{cents_currency})\b", re.I) if cents_currency else None
        qualifiers = data["qualifiers.json"]
        before = [(q, w) for q, ws in qualifiers["before"].items() for w in ws]
        self.qualifier_before = re.compile(
            r"(?:^|(?<=[\s(\[“\"'—–-]))(?P<q>" + _alternation([w for _, w in before]) + r")\s*$", re.I)
        self.qualifier_kind = {w.lower(): q for q, w in before}
        self.range_lead_words = frozenset(w.lower() for w in qualifiers.get("range_lead_words", ()))
        self.qualifier_after = re.compile(
            r"(?P<q>" + _alternation(qualifiers["after"]["lower_bound"]) + r")(?![\w])", re.I)

    # -- single amounts --------------------------------------------------------------

    def _currency(self, surface: str | None, text: str, memo: dict[str, str],
                  at: int | None = None) -> tuple[str | None, int]:
        """(ISO code, extra power of ten) for a currency surface: 'MUSD' -> ('USD', 6).
        `memo` holds this text's context-dependent readings ('¥'), resolved once; the words around `at` decide
        first when they cue one reading alone."""
        if not surface:
            return None, 0
        if surface in self.code_scales:
            return self.code_scales[surface]
        if surface in self.table.declarable:
            if "declared" not in memo:  # 'All figures are New Zealand dollars': read once per text
                memo["declared"] = self.table.declared(text) or ""
            if memo["declared"]:
                return memo["declared"], 0
        if surface in self.table.context_dependent:
            if at is not None:
                near = self.table.resolve_near(surface, text, at)
                if near is not None:
                    return near, 0
            if surface not in memo:
                memo[surface] = self.table.resolve_in(surface, text)
            return memo[surface], 0
        code = self.table.resolve(surface, text)
        if code is None and surface.upper() in self.table.codes:
            code = surface.upper()
        return code, 0

    def _dollar(self, surface: str) -> str | None:
        letters = re.sub(r"\s", "", surface)[:-1]
        return self.dollar_prefixes.get(letters) or self.dollar_prefixes.get(letters.rstrip("."))

    def _digit_matches(self, text: str) -> Iterator[re.Match]:
        """The pattern's matches, searched only in a window around each run of
        digits: every digit amount holds a digit, and trying the full pattern
        at every position of a long article is what costs."""
        end = 0
        for run in _DIGITS.finditer(text):
            if run.end() <= end:
                continue
            lo = max(end, run.start() - WINDOW_BEFORE)
            hi = min(len(text), run.end() + WINDOW_AFTER)
            m = self.pattern.search(text, lo, hi)
            if m is not None and m.end() == hi and hi < len(text):
                m = self.pattern.search(text, lo)  # the window cut a longer amount
            while m is not None and m.start() < run.end():
                yield m
                end = m.end()
                m = self.pattern.search(text, end, min(len(text), end + WINDOW_AFTER)) if end < run.end() else None
            end = max(end, run.end())

    def _digit_amounts(self, text: str, masked: list[tuple[int, int]], memo: dict) -> Iterator[Quantity]:
        chains = sorted(masked)
        chain_starts = [s for s, _ in chains]
        for m in self._digit_matches(text):
            start, end = m.span()
            num_start = m.start("num")
            i = bisect_right(chain_starts, num_start) - 1  # the chain starting last at or before the number
            if i >= 0 and num_start < chains[i][1]:
                continue  # inside a date, phone number or version: no quantity (chains never nest)
            if m.group("dollar"):
                unit, extra = self._dollar(m.group("dollar")), 0
            else:
                currency_surface = (m.group("pre") or m.group("lpre") or m.group("post") or m.group("lpost")
                                    or m.group("dpost") or m.group("name"))
                unit, extra = self._currency(currency_surface, text, memo, start)
                if unit is None and currency_surface in self.table.context_dependent:
                    continue  # 'N95' where nothing makes 'N' the naira
            scale = m.group("sw") or m.group("sa") or m.group("s1") or m.group("sw2") or m.group("sw3")
            if m.group("s1") and unit is None and (
                    self._letter_is_a_unit(text, end) or self._is_product_number(text, start, m)):
                continue
            if (_NOT_AFTER.match(text, end) or _YEAR_SUFFIX.search(text, max(0, start - 5), start)
                    or _NAME_HYPHEN.search(text, max(0, start - 12), start)):
                continue
            raw = m.group("num")
            # '€1,2 Mrd.': a decimal comma before a scale (a thousands comma has three digits after it)
            number = parse_digits(raw.replace(",", ".")) if _DECIMAL_COMMA.fullmatch(raw) else parse_digits(raw)
            if m.group("sign"):
                number = -number
            if unit is None and not scale:
                raw = m.group("num")
                if raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100:
                    continue
                if _DATE_AFTER.match(text, end) or _DATE_BEFORE.search(text, max(0, start - 12), start):
                    continue
            value = scaled(number, scale_power(scale, self.scales) + extra)
            before = m.group("dollar") or m.group("pre") or m.group("lpre")
            rule = "money" if unit else "number"
            rule += ":symbol-before" if before else (":currency-after" if unit else "")
            rule += ":scaled" if scale or extra else ""
            source = ("symbol-before" if before else "currency-after") if unit else None
            yield Quantity(start, end, text[start:end], value, unit=unit, rule=rule, scaled=bool(scale or extra),
                           currency_source=source)

    def _letter_is_a_unit(self, text: str, end: int) -> bool:
        """'4K video', 'a 7B model', 'a 100m sprint': the glued letter is a unit or a spec, not a scale."""
        m = _NEXT_WORD.match(text, end)
        return m is not None and m.group("word").lower() in self.letter_scale_not_before

    def _is_product_number(self, text: str, start: int, m: re.Match) -> bool:
        """'Ascend 910B', 'Llama 405B': a whole number glued to a capital letter right after a name is a model
        number; a decimal ('Grok 9.1M') and a qualifier ('About 120M') still make a scaled figure."""
        if not m.group("s1").isupper() or "." in m.group("num"):
            return False
        name = _PRODUCT_BEFORE.search(text, max(0, start - 24), start)
        return (name is not None and name.group("name").lower() not in self.qualifier_kind
                and name.group("name") not in self.metric_names)  # 'MAUs 18M→31M' counts users

    def _word_matches(self, text: str) -> Iterator[re.Match]:
        """The word-number pattern, tried only where a number word occurs (a
        plain scan of a few hundred words is much cheaper than trying the full
        pattern at every position)."""
        end = 0
        for hint in self.word_hint.finditer(text):
            if hint.start() < end:
                continue
            m = self.word_pattern.search(text, max(end, hint.start() - 4), min(len(text), hint.end() + 160))
            if m is not None and m.start() <= hint.start():
                yield m
                end = m.end()

    def _word_amounts(self, text: str, memo: dict) -> Iterator[Quantity]:
        for m in self._word_matches(text):
            words = m.group("words")
            if self.vague_before.search(text, max(0, m.start() - 16), m.start()):
                continue  # 'several hundred thousand' is a vague quantity, not a number
            unit, extra = self._currency(m.group("name"), text, memo)
            if _is_lone_scale(words, self.scales) or not unit and words.lower() in self.alone_is_not_a_number:
                continue  # 'million' alone, also before a currency ('Subsidies (billion yen)'): a header's scale
            value = parse_number_words(words, self.words, self.scales)
            if value is None:
                continue
            start, end = m.span()
            rule = "money:words" if unit else "number:words"
            is_scaled = bool(extra or _has_scale_word(words, self.scales))
            yield Quantity(start, end, text[start:end], scaled(value, extra), unit=unit,
                           rule=rule + (":scaled" if is_scaled else ""), scaled=is_scaled,
                           currency_source="currency-after" if unit else None)

    def _spoken_cents(self, text: str, memo: dict) -> Iterator[Quantity]:
        """'a dollar ninety' -> USD 1.90: the number words after a spoken currency are its cents.

        >>> [(q.text, q.value, q.unit) for q in default_scanner().scan("I saw an H100 go for a dollar ninety an hour")]
        [('a dollar ninety', Decimal('1.90'), 'USD')]
        >>> [q.text for q in default_scanner().scan("two dollars fifty million")]  # a scale: no cents
        ['two dollars', 'fifty million']
        """
        if self.spoken_cents is None or not self.cents_hint.search(text):
            return  # no spoken currency on the page: no pass of the full pattern
        for m in self.spoken_cents.finditer(text):
            units = 1 if m.group("units").lower() in ("a", "an") else parse_number_words(m.group("units"), self.words,
                                                                                          self.scales)
            cents = parse_number_words(m.group("cents"), self.words, self.scales)
            unit, _ = self._currency(m.group("currency"), text, memo)
            if units is None or cents is None or not 0 < cents < 100 or unit is None:
                continue
            value = (Decimal(units) + Decimal(int(cents)) / 100).quantize(Decimal("0.01"))
            yield Quantity(m.start(), m.end(), m.group(), value, unit=unit, rule="money:words:cents",
                           currency_source="currency-after")

    # -- ranges and qualifiers ---------------------------------------------------------

    def _join_ranges(self, text: str, amounts: list[Quantity]) -> list[Quantity]:
        out: list[Quantity] = []
        i = 0
        while i < len(amounts):
            first = amounts[i]
            second = amounts[i + 1] if i + 1 < len(amounts) else None
            joined = self._range(text, first, second) if second else None
            if joined:
                out.append(joined)
                i += 2
            else:
                out.append(first)
                i += 1
        return out

    def _range(self, text: str, first: Quantity, second: Quantity) -> Quantity | None:
        between = text[first.end:second.start]
        join = _RANGE_JOIN.fullmatch(between)
        if not join:
            return None
        connector = between.strip().lower()
        head = text[max(0, first.start - 32):first.start]
        if connector == "and" and not _BETWEEN.search(head):
            return None
        if connector in ("to", "through", "thru") and (m := _FROM.search(head)) and (
                (m.group("lead") or "").lower() not in self.range_lead_words):
            return None  # "from X to Y" reports a change, not a range
        if connector in ("-", "–") and _HYPHEN_CHAIN_AFTER.match(text, second.end):
            return None
        unit = first.unit or second.unit
        if first.unit and second.unit and first.unit != second.unit:
            return None
        low, high = first.value, second.value
        if not first.scaled and second.scaled and low < high:
            # "350-400 billion", "a hundred and ten to a hundred and twenty billion": the scale word is shared
            power = sum(self.scales.get(w.lower(), 0) for w in second.text.split() if w.lower() in self.scales
                        and w.isalpha() and len(w) > 1)
            lead = parse_digits(_leading_number(second.text))
            if lead:
                power = (high / lead).adjusted()
            low = scaled(low, power)
        if low > high:
            return None
        return Quantity(first.start, second.end, text[first.start:second.end], None, low, high,
                        unit=unit, rule=f"range:{connector}:{'money' if unit else 'number'}",
                        scaled=first.scaled or second.scaled, currency_source=first.currency_source
                        or second.currency_source)

    def _qualify(self, text: str, quantity: Quantity) -> Quantity:
        offset = max(0, quantity.start - 24)
        m = self.qualifier_before.search(text[offset:quantity.start])
        if m:
            return replace(quantity, qualifier=self.qualifier_kind[m.group("q").lower()],
                           qualifier_start=offset + m.start("q"), qualifier_end=offset + m.end("q"))
        m = self.qualifier_after.match(text, quantity.end)
        if m:
            return replace(quantity, qualifier="lower_bound", qualifier_start=m.start("q"), qualifier_end=m.end("q"))
        return quantity

    def scan(self, text: str) -> list[Quantity]:
        masked = _digit_chains(text)
        memo: dict[str, str] = {}
        amounts = sorted([*self._digit_amounts(text, masked, memo), *self._word_amounts(text, memo),
                          *self._spoken_cents(text, memo)], key=lambda q: (q.start, -q.end))
        kept: list[Quantity] = []
        for q in amounts:
            if kept and q.start < kept[-1].end:
                continue
            kept.append(q)
        return [self._qualify(text, q) for q in self._join_ranges(text, kept)]


def _is_lone_scale(words: str, scales: dict[str, int]) -> bool:
    """'hundred', 'million' alone ('several hundred', 'per million tokens') are not numbers."""
    parts = re.split(r"[\s-]+", words.lower().strip())
    return len(parts) == 1 and (scales.get(parts[0], 0) >= 2 or parts[0] == "dozen")


def _has_scale_word(words: str, scales: dict[str, int]) -> bool:
    return any(scales.get(w, 0) >= 3 for w in re.split(r"[\s-]+", words.lower()))


def _digit_chains(text: str) -> list[tuple[int, int]]:
    """Spans of phone numbers, dates, ISBNs, versions and ratios ('1/10'),
    whose digits are not quantities; a chain must not start inside a number."""
    if not _CHAIN_HINT.search(text):
        return []
    found = []
    for run in _CHAIN_RUN.finditer(text):  # a chain lies inside one run; one character more keeps its `\b`
        for m in _DIGIT_CHAIN.finditer(text, run.start(), min(len(text), run.end() + 1)):
            if m.start() == 0 or text[m.start() - 1] not in "0123456789.,/-–":
                found.append(m.span())
    return found


_LEADING = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _leading_number(surface: str) -> str:
    m = _LEADING.search(surface)
    return m.group() if m else "0"


@cache
def default_scanner() -> QuantityScanner:
    return QuantityScanner(currency_table())


def find_quantities(text: str) -> list[Quantity]:
    """Every normalized money amount and count in `text`, fact or not.

    >>> [(q.text, int(q.value), q.unit) for q in find_quantities("RMB 160 billion (≈US$23 billion)")]
    [('RMB 160 billion', 160000000000, 'CNY'), ('US$23 billion', 23000000000, 'USD')]
    >>> q, = find_quantities("between 40,000 and 80,000 units")
    >>> (q.text, q.low, q.high, q.value)
    ('40,000 and 80,000', Decimal('40000'), Decimal('80000'), None)
    """
    if not isinstance(text, str):
        raise TypeError(f"find_quantities needs a str, got {type(text).__name__}")
    return default_scanner().scan(text)


__all__ = ["QuantityScanner", "find_quantities"]
