"""`fact_typer`: which of the contract's types a quantity is, if any.

Money: a per-unit phrase after the amount (or a price phrase before a small
amount) makes a `unit_price`; otherwise the nearest budget or distractor cue
in the sentence decides, and an amount with no cue is a `budget` only when
it restates an earlier budget. Counts: the noun after the number (skipping
names and modifiers) decides between chips, users and tokens. Every typed
span carries the rule that typed it (`span._.fact_rule`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from decimal import Decimal
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.components.base import DataComponent
from extractor.components.context import DocContext
from extractor.cues import CueList
from extractor.normalize.headers import header_reading
from extractor.normalize.numbers import scaled
from extractor.normalize.quantities import default_scanner
from extractor.resources import load_json
from extractor.roles import clause_start
from extractor.structure import DocumentLayout

if not Span.has_extension("fact_rule"):
    Span.set_extension("fact_rule", default=None)

RESTATE_MIN = Decimal(1_000_000)


def amount_key(value: Decimal) -> float:
    """An amount rounded to 4 significant digits: the key under which two
    mentions count as the same figure (as in the contract's fact level)."""
    return float(f"{value:.4g}")


class FactTyper(DataComponent):
    def __init__(self, nlp: Language, name: str, quantities_key: str, spans_key: str) -> None:
        super().__init__(nlp, name)
        self.quantities_key = quantities_key
        self.spans_key = spans_key

    def compile(self) -> None:
        money, counts = self.cues["money"], self.cues["counts"]
        self.unit_price_after = CueList(money["unit_price_after"])
        self.unit_price_before = CueList(money["unit_price_before"])
        self.not_unit_price_after = CueList(money["not_unit_price_after"])
        self.budget = CueList(money["budget"])
        self.not_a_fact = CueList(money["not_a_fact"])
        self.count_not_before = CueList(counts["not_before"])
        self.count_not_after = CueList(counts["not_after"])
        self.chip_context = CueList(counts["chip_context"])
        self.rental = CueList(money["rental_cues"])
        self.rental_period_after = CueList(money["rental_period_after"])
        max_usd = Decimal(str(money["unit_price_max_usd"]))
        rates = load_json("currency_magnitudes.json")["units_per_usd"]
        self.max_unit_price = {code: max_usd * Decimal(str(rate)) for code, rate in rates.items()}
        self.max_unit_price_usd = max_usd
        box = counts["per_container"]
        alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
        self.contents_of_one = re.compile(
            rf"\b(?:{alt(box['determiners'])})\s+(?:[\w-]+\s+){{0,2}}(?:{alt(box['containers'])})s?\s+"
            rf"(?:{alt(box['verbs'])})\s+(?:up\s+to\s+|about\s+|roughly\s+)?$", re.I)
        self.continuation_cue = CueList(counts["continuation_verbs"])
        self.continuation_sentences = int(counts["continuation_sentences"])
        self.continuation = re.compile(
            rf"(?:^|[\s,(])(?:{alt(counts['continuation_before'])})\s+"
            rf"(?:(?:{alt(counts['continuation_determiners'])})\s+)?\S*\s*$", re.I)
        self.needs_context = {n.lower() for n in counts["chip_units_need_context"]}
        nouns = {kind: counts[kind] for kind in ("chip_count", "user_count", "token_volume")}
        self.noun_kind = {noun.lower(): kind for kind, ns in nouns.items() for noun in ns}
        skip = "|".join(re.escape(s) for s in sorted(counts["skip_between"], key=len, reverse=True))
        noun_alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in
                            sorted(self.noun_kind, key=len, reverse=True))
        self.count_noun = re.compile(
            rf"\+?[\s-]*(?:(?:[A-Z][\w.&’'/-]*|\d+[A-Za-z][\w-]*|(?i:{skip}))[\s-]+){{0,{int(counts['max_gap_tokens'])}}}"
            rf"(?P<noun>(?i:{noun_alt}))(?![\w-])")

        families = "|".join(r.lstrip("^") for r in load_json("chip_makers.json")["makers"].values())
        self.product_noun = re.compile(
            rf"\+?[\s-]*(?:(?:[A-Z][\w.&’'/-]*|(?i:{skip}))[\s-]+){{0,{int(counts['max_gap_tokens'])}}}"
            rf"(?:(?P<plural>(?:{families})[A-Za-z0-9-]*?s)|[x×]\s+(?P<times>(?:{families})[\w-]*))(?![\w])")

        bare = self.cues["bare_figures"]
        self.bare_followers = {w.lower() for w in bare["followers"]}
        self.not_bare_units = set(bare["not_bare_units"])
        self.bare_max_sentences = int(bare["max_sentences"])
        self.bare_max_ratio = Decimal(str(bare["max_ratio"]))
        range_words = "|".join(re.escape(w) for w in bare["range_words"])
        self.range_gap = re.compile(rf"\s*(?:{range_words})\s+(?:[a-z]+\s+){{0,3}}", re.I)
        self.noun_anywhere = re.compile(rf"(?<![\w-])(?P<noun>(?i:{noun_alt}))(?![\w-])")
        self.bare_blocked = CueList(bare["blocked_by_nouns"])

    def __call__(self, doc: Doc) -> Doc:
        self._require()
        context = DocContext.of(doc)
        typed: list[Span] = []
        bare: list[tuple[Span, Any]] = []
        budgets: set[tuple[str, float]] = set()
        money_seen: dict[float, str] = {}
        for span in doc.spans.get(self.quantities_key, []):
            quantity = span._.quantity
            if quantity is None:
                continue
            if quantity.unit is None:
                restated = self._currency_by_restatement(quantity, money_seen, context.text)
                if restated is not None:
                    quantity = restated
                    span._.quantity = quantity
            if quantity.unit is not None:
                kind, rule = self._type_money(context.text, quantity, context, budgets, typed)
                if quantity.value is not None:
                    money_seen[amount_key(quantity.value)] = quantity.unit
            else:
                kind, rule = self._type_count(context.text, quantity, context, typed)
            if kind is None:
                if rule in ("count:no-noun", "money:no-cue") and self._is_bare(context.text, quantity):
                    bare.append((span, quantity))
                continue
            if kind == "budget" and quantity.value is not None:
                budgets.add((quantity.unit, amount_key(quantity.value)))
            fact_span = Span(doc, span.start, span.end, label=kind)
            fact_span._.quantity = quantity
            fact_span._.fact_rule = rule
            typed.append(fact_span)
        if bare:
            typed = self._type_bare(doc, context, bare, typed)
        doc.spans[self.spans_key] = typed
        return doc

    # -- figures with no noun or cue of their own ---------------------------------------

    def _is_bare(self, text: str, quantity: Any) -> bool:
        """Nothing after the number names what it counts: punctuation, a function word, a name. A list's rank
        ('1. DeepSeek') and a model's version ('Gemini 3 Flash') are not figures."""
        if self.count_not_before.ends_before(text, _lead(text, quantity.start), 30):
            return False
        if ":scaled" not in quantity.rule and quantity.unit is None:
            line_start = text.rfind("\n", 0, quantity.start) + 1
            if not text[line_start:quantity.start].strip(" \t-*•") and _RANK.match(text, quantity.end):
                return False
            if _NAME_BEFORE.search(text, max(0, quantity.start - 30), quantity.start) and (
                    _NAME_OR_LEADER_AFTER.match(text, quantity.end)):
                return False
        m = _NEXT_WORDS.match(text, quantity.end)
        if m is None:
            return True
        word = m.group("word")
        if word in self.not_bare_units:
            return False
        if word[0].isupper():
            return True
        two = f"{word} {m.group('next') or ''}".strip().lower()
        return word.lower() in self.bare_followers or two in self.bare_followers

    def _type_bare(self, doc: Doc, context: DocContext, bare: list, typed: list[Span]) -> list[Span]:
        """Type the bare figures from the layout around them, else from the nearest typed figure of their
        value kind (see `bare_figures` in the cue data)."""
        text = context.text
        layout = DocumentLayout.of(text)
        found: list[Span] = []
        counts = [s for s in typed if s.label_ in ("chip_count", "user_count", "token_volume")]
        count_starts = [s.start_char for s in counts]
        for span, quantity in bare:
            quantity = self._scaled_by_layout(text, layout, quantity)
            kind, rule = self._kind_from_layout(text, layout, quantity)
            if kind is None and quantity.unit is None:
                kind, rule = self._kind_from_neighbour(text, context, quantity, counts, count_starts)
            if kind is None:
                continue
            fact_span = Span(doc, span.start, span.end, label=kind)
            fact_span._.quantity = quantity
            fact_span._.fact_rule = rule
            found.append(fact_span)
        return sorted([*typed, *found], key=lambda s: (s.start, s.end))

    @staticmethod
    def _scaled_by_layout(text: str, layout: DocumentLayout, quantity: Any) -> Any:
        """'172' under 'MAU (million)', '55.2' under 'in billions of yen': the header's scale and currency."""
        if ":scaled" in quantity.rule:
            return quantity
        for _, region in layout.at(quantity.start).context_regions():
            power, code = header_reading(text[region.start:region.end])
            if not power and not (code and quantity.unit is None):
                continue
            values = {name: None if getattr(quantity, name) is None else scaled(getattr(quantity, name), power)
                      for name in ("value", "low", "high")}
            return replace(quantity, **values, unit=quantity.unit or code,
                           rule=quantity.rule + ":scaled-by-layout" + (":currency-from-layout" if code else ""))
        return quantity

    def _kind_from_layout(self, text: str, layout: DocumentLayout, quantity: Any) -> tuple[str | None, str]:
        where = layout.at(quantity.start)
        for name, region in where.context_regions():
            if quantity.unit is None:
                m = self.noun_anywhere.search(text, region.start, region.end)
                if m is not None:
                    noun = re.sub(r"\s+", " ", m.group("noun").lower())
                    kind = self.noun_kind[noun]
                    return kind, f"count:{kind}:layout-{name}:{noun}"
                continue
            if self.not_a_fact.nearest(text, region.start, region.end, region.start, region.end):
                return None, "money:not-a-fact:layout"
            if self.unit_price_after.regex.search(text, region.start, region.end) or self.rental.regex.search(
                    text, region.start, region.end):
                return "unit_price", f"money:unit-price:layout-{name}"
            cue = self.budget.nearest(text, region.start, region.end, region.start, region.end)
            if cue is not None:
                return "budget", f"money:budget:layout-{name}:{cue[1]}"
        return None, "layout:none"

    def _kind_from_neighbour(self, text: str, context: DocContext, quantity: Any, counts: list[Span],
                             starts: list[int]) -> tuple[str | None, str]:
        lo, _ = context.sentence(quantity.start)
        noun = self._noun_before(text, clause_start(text, lo, quantity.start), _lead(text, quantity.start))
        if noun is not None:
            kind = self.noun_kind[noun]
            return kind, f"count:{kind}:noun-before:{noun}"
        i = bisect_left(starts, quantity.start)
        if i < len(counts):
            after = counts[i]
            gap = self.range_gap.fullmatch(text, quantity.end, after.start_char)
            if gap is not None and self._comparable(quantity, after):
                return after.label_, f"count:{after.label_}:range-with-next"
        if i > 0:
            before = counts[i - 1]
            distance = context.sentence_index(quantity.start) - context.sentence_index(before.start_char)
            lo, _ = context.sentence(quantity.start)
            if self.bare_blocked.regex.search(text, lo, quantity.start):
                return None, "count:no-noun:other-noun-in-sentence"
            if distance <= self.bare_max_sentences and self._comparable(quantity, before):
                return before.label_, f"count:{before.label_}:antecedent"
        return None, "count:no-noun"

    def _noun_before(self, text: str, lo: int, start: int) -> str | None:
        """'Weekly users for Lumo stood at about 6 million', 'daily token use rose from 12.7 trillion': the
        clause names the noun before the figure, with no other figure between."""
        last = None
        for m in self.noun_anywhere.finditer(text, lo, start):
            last = m
        if last is None or _DIGIT.search(text, last.end(), start):
            return None
        if self.bare_blocked.regex.search(text, last.end(), start):
            return None
        return re.sub(r"\s+", " ", last.group("noun").lower())

    def _comparable(self, quantity: Any, other: Span) -> bool:
        mine = quantity.value if quantity.value is not None else quantity.high
        q = other._.quantity
        theirs = q.value if q.value is not None else q.high
        if not mine or not theirs:
            return False
        ratio = abs(mine / theirs)
        return 1 / self.bare_max_ratio <= ratio <= self.bare_max_ratio

    # -- money -------------------------------------------------------------------------

    def _currency_by_restatement(self, quantity: Any, money_seen: dict, text: str) -> Any | None:
        """'the figure of 85 billion' after '85 billion yuan': same amount, same currency."""
        if quantity.value is None or quantity.value < RESTATE_MIN or ":scaled" not in quantity.rule:
            return None
        if self.count_noun.match(text, quantity.end):
            return None
        unit = money_seen.get(amount_key(quantity.value))
        if unit is None:
            return None
        return replace(quantity, unit=unit, rule=quantity.rule + ":currency-from-restatement")

    def _type_money(self, text: str, quantity: Any, context: DocContext,
                    budgets: list, typed: list[Span]) -> tuple[str | None, str]:
        lo, hi = context.sentence(quantity.start)
        if self.not_unit_price_after.starts_after(text, quantity.end):
            return None, "money:per-token-or-share-price"
        amount = quantity.value if quantity.value is not None else quantity.high
        lead = _lead(text, quantity.start)
        if amount < self.max_unit_price.get(quantity.unit, self.max_unit_price_usd):
            rental = ":rental" if self.rental.nearest(text, quantity.start, quantity.end, lo, hi) else ""
            if self.unit_price_after.starts_after(text, quantity.end):
                return "unit_price", f"money:unit-price:per-unit-after{rental}"
            if self.unit_price_before.ends_before(text, lead):
                return "unit_price", f"money:unit-price:price-phrase-before{rental}"
            if rental and self.rental_period_after.starts_after(text, quantity.end):
                return "unit_price", "money:unit-price:rental-per-period:rental"
        positive = self.budget.nearest(text, quantity.start, quantity.end, lo, hi)
        negative = self.not_a_fact.nearest(text, quantity.start, quantity.end, lo, hi)
        if negative and (positive is None or negative[0] < positive[0]
                         or negative[0] == positive[0] and len(negative[1]) >= len(positive[1])):
            return None, f"money:not-a-fact:{negative[1]}"
        if positive:
            if positive[1].startswith("invest") and self._invested_in_company(text, quantity, context, hi):
                return None, "money:not-a-fact:investment-in-company"
            return "budget", f"money:budget:cue:{positive[1]}"
        if quantity.value is not None and (quantity.unit, amount_key(quantity.value)) in budgets:
            return "budget", "money:budget:restates-earlier-budget"
        price = self._price_before(context, quantity, typed)
        if price is not None:
            return "unit_price", "money:unit-price:continues-earlier-price" + (
                ":rental" if "rental" in (price._.fact_rule or "") else "")
        return None, "money:no-cue"

    @staticmethod
    def _price_before(context: DocContext, quantity: Any, typed: list[Span]) -> Span | None:
        """The unit price this cue-less amount continues: in the same or the
        previous sentence, same currency, within a factor of ten."""
        if not typed or typed[-1].label_ != "unit_price" or quantity.value is None:
            return None
        price = typed[-1]
        previous = price._.quantity
        if previous.unit != quantity.unit or previous.value is None:
            return None
        if context.sentence_index(quantity.start) - context.sentence_index(previous.start) > 1:
            return None
        ratio = quantity.value / previous.value if previous.value else Decimal(0)
        return price if Decimal("0.1") <= ratio <= 10 else None

    def _invested_in_company(self, text: str, quantity: Any, context: DocContext, hi: int) -> bool:
        """'invested $4 billion in Anthropic', 'its $8 billion investment in
        Anthropic': money put into another company, not into capacity."""
        orgs = context.index("ORG")
        window = _IN_COMPANY.finditer(text, quantity.end, min(hi, quantity.end + 50))
        return any(orgs.starting_at(m.end()) for m in window)

    # -- counts ------------------------------------------------------------------------

    def _type_count(self, text: str, quantity: Any, context: DocContext,
                    typed: list[Span]) -> tuple[str | None, str]:
        lead = _lead(text, quantity.start)
        if self.contents_of_one.search(text, max(0, lead - 60), lead):
            return None, "count:not-a-fact:contents-of-one-product"
        m = self.count_noun.match(text, quantity.end)
        if not m:
            product = self.product_noun.match(text, quantity.end)
            if product is not None and not self.count_not_before.ends_before(text, lead, 30):
                return "chip_count", "count:chip_count:product-" + ("plural" if product.group("plural") else "times")
            return self._continuation(text, quantity, context, typed)
        noun = re.sub(r"\s+", " ", m.group("noun").lower())
        kind = self.noun_kind[noun]
        if self.count_not_before.ends_before(text, lead, 30):
            return None, f"count:not-a-fact:{noun}"
        if self.count_not_after.starts_after(text, m.end(), 30):
            return None, f"count:not-a-fact:{noun}-per"
        if kind == "chip_count" and noun in self.needs_context:
            lo, hi = context.sentence(quantity.start)
            has_chip = context.within("CHIP", lo, hi) or self.chip_context.search(text, lo, hi)
            if not has_chip:
                return None, f"count:{noun}-without-chip-context"
        return kind, f"count:{kind}:noun:{noun}"

    def _continuation(self, text: str, quantity: Any, context: DocContext,
                      typed: list[Span]) -> tuple[str | None, str]:
        """A count whose noun is elided continues the previous count of its sentence."""
        if not typed or typed[-1].label_ not in ("chip_count", "user_count", "token_volume"):
            return None, "count:no-noun"
        previous = typed[-1]
        lead = _lead(text, quantity.start)
        distance = context.sentence_index(quantity.start) - context.sentence_index(previous.start_char)
        if distance == 0 and self.continuation.search(text, previous.end_char, lead):
            return previous.label_, f"count:{previous.label_}:continuation"
        if distance <= self.continuation_sentences and self.continuation_cue.ends_before(text, lead, 30):
            # 'We ordered 25,000, and the first 8,000 arrive…' after '…50,000 Blackwell GPUs'
            return previous.label_, f"count:{previous.label_}:continuation-after-verb"
        return None, "count:no-noun"


def _lead(text: str, start: int) -> int:
    """Where the amount's wording starts once its qualifier is included
    ('sells for less than $100,000' -> the offset of 'less')."""
    m = default_scanner().qualifier_before.search(text, max(0, start - 24), start)
    return m.start("q") if m else start


_DIGIT = re.compile(r"\d")
_NEXT_WORDS = re.compile(r"[\s+-]*(?P<word>[A-Za-z][\w-]*)(?:\s+(?P<next>[a-z]+))?")
_RANK = re.compile(r"[.)]?\s+[A-Z]")  # '1. DeepSeek', '2) Tencent': a list's rank
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.-]*\s$")  # 'Gemini 3 Flash', 'Claude Opus 4.7': a model's version
_NAME_OR_LEADER_AFTER = re.compile(r"\s+(?:[A-Z]|\.{3,})")
_IN_COMPANY = re.compile(r"\b(?:in|into|stake\s+in)\s+(?:the\s+)?", re.I)


@Language.factory("fact_typer", default_config={"quantities_key": "quantities", "spans_key": "facts"})
def make_fact_typer(nlp: Language, name: str, quantities_key: str, spans_key: str) -> FactTyper:
    return FactTyper(nlp, name, quantities_key, spans_key)


def default_cues() -> dict[str, Any]:
    return load_json("fact_cues.json")
