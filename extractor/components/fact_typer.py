"""`fact_typer`: which of the contract's types a quantity is, if any.

The types come from the fact-type registry. Money: a per-unit phrase after
the amount (or a price phrase before a small amount) makes the registry's
per-unit money type (`unit_price`); otherwise the nearest total-money cue
(`budget`) or distractor cue in the sentence decides, and an amount with no
cue is a total only when it restates an earlier one. Counts and measures: the
noun after the number (skipping names and modifiers) names the type. Every
typed span carries its `Typing` evidence (`span._.typing`): the strategy, the
cue text and its offsets.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.components.base import DataComponent
from extractor.components.context import FACTS_KEY, QUANTITIES_KEY, RULER_KEY, DocContext, pattern_table
from extractor.cues import CueList
from extractor.evidence import Cue, Typing
from extractor.fact_types import Registry
from extractor.records import Quantity
from extractor.schemas import FactCuesSchema, check

if not Span.has_extension("typing"):
    Span.set_extension("typing", default=None)

def amount_key(value: Decimal) -> float:
    """An amount rounded to 4 significant digits: the key under which two
    mentions count as the same figure (as in the contract's fact level)."""
    return float(f"{value:.4g}")


class FactTyper(DataComponent):
    def __init__(self, nlp: Language, name: str, quantities_key: str, spans_key: str, ruler_key: str) -> None:
        super().__init__(nlp, name)
        self.quantities_key = quantities_key
        self.spans_key = spans_key
        self.ruler_key = ruler_key

    def compile(self) -> None:
        check(FactCuesSchema, self.cues, f"{self.name} data (data/fact_cues.json)")
        money, counts, windows = self.cues["money"], self.cues["counts"], self.cues["windows"]
        self.patterns = pattern_table(self.cues["pattern_meta"])
        self.types = Registry(self.cues["fact_types"])
        self.windows = windows
        self.max_unit_price = Decimal(str(self.cues["thresholds"]["max_unit_price"]))
        self.restate_min = Decimal(str(self.cues["thresholds"]["restate_min"]))
        total, per_unit = self.types.money_role("total"), self.types.money_role("per_unit")
        self.total = total.name if total else None
        self.per_unit = per_unit.name if per_unit else None
        self.unit_price_after = CueList(per_unit.spec.cues_after if per_unit else [])
        self.unit_price_before = CueList(per_unit.spec.cues_before if per_unit else [])
        self.rental = CueList(per_unit.spec.rental_cues if per_unit else [])
        self.budget = CueList(total.spec.cues if total else [])
        self.not_unit_price_after = CueList(money["not_unit_price_after"])
        self.not_a_fact = CueList(money["not_a_fact"])
        self.in_company = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                                                         money["investment_in_company_after"]) + r")\s+(?:the\s+)?",
                                     re.I)
        self.count_not_before = CueList(counts["not_before"])
        self.count_not_after = CueList(counts["not_after"])
        box = counts["per_container"]
        alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
        words = lambda phrases: alt(phrases).replace(r"\ ", r"\s+")  # noqa: E731
        self.contents_of_one = re.compile(
            rf"\b(?:{alt(box['determiners'])})\s+(?:[\w-]+\s+){{0,2}}(?:{alt(box['containers'])})s?\s+"
            rf"(?:{alt(box['verbs'])})\s+(?:(?:{words(box['qualifiers'])})\s+)?$", re.I)
        self.continuation_cue = CueList(counts["continuation_verbs"])
        self.continuation_sentences = int(counts["continuation_sentences"])
        self.continuation = re.compile(
            rf"(?:^|[\s,(])(?:{alt(counts['continuation_before'])})\s+"
            rf"(?:(?:{alt(counts['continuation_determiners'])})\s+)?\S*\s*$", re.I)
        counted = self.types.of_value("count", "measure")
        self.counted = {t.name for t in counted}
        self.needs_context = {t.name: {n.lower() for n in t.spec.nouns_need_context} for t in counted}
        self.context_cues = {t.name: CueList(t.spec.context_cues) for t in counted}
        self.context_label = {t.name: t.spec.context_label for t in counted}
        self.noun_kind = {noun.lower(): t.name for t in counted for noun in t.spec.nouns}
        skip = "|".join(re.escape(s) for s in sorted(counts["skip_between"], key=len, reverse=True))
        noun_alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in
                            sorted(self.noun_kind, key=len, reverse=True))
        name_like = r"[A-Z][\w.&’'-]*"  # a name or model between number and noun: 'Nvidia', 'H100'
        model_like = r"\d+[A-Za-z][\w-]*"  # a model number with its letters: '910C', '4090s'
        skipped = rf"(?:(?:{name_like}|{model_like}|(?i:{skip}))[\s-]+){{0,{int(counts['max_gap_tokens'])}}}"
        self.count_noun = re.compile(rf"[\s-]*{skipped}(?P<noun>(?i:{noun_alt}))(?![\w-])")

    def __call__(self, doc: Doc) -> Doc:
        self._require()
        context = DocContext.of(doc, self.ruler_key, self.patterns)
        typed: list[Span] = []
        budgets: dict[tuple[str, float], Quantity] = {}
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
                typing = self._type_money(context.text, quantity, context, budgets, typed)
                if quantity.value is not None:
                    money_seen[amount_key(quantity.value)] = quantity.unit
            else:
                typing = self._type_count(context.text, quantity, context, typed)
            if typing is None:
                continue
            if typing.kind == self.total and quantity.value is not None:
                budgets.setdefault((quantity.unit, amount_key(quantity.value)), quantity)
            fact_span = Span(doc, span.start, span.end, label=typing.kind)
            fact_span._.quantity = quantity
            fact_span._.typing = typing
            typed.append(fact_span)
        doc.spans[self.spans_key] = typed
        return doc

    # -- money -------------------------------------------------------------------------

    def _currency_by_restatement(self, quantity: Any, money_seen: dict, text: str) -> Any | None:
        """'the figure of 85 billion' after '85 billion yuan': same amount, same currency."""
        if quantity.value is None or quantity.value < self.restate_min or not quantity.scaled:
            return None
        if self.count_noun.match(text, quantity.end):
            return None
        unit = money_seen.get(amount_key(quantity.value))
        if unit is None:
            return None
        return replace(quantity, unit=unit, currency_source="restatement")

    def _type_money(self, text: str, quantity: Any, context: DocContext,
                    budgets: dict, typed: list[Span]) -> Typing | None:
        """A unit price, a budget, or None (not a fact)."""
        lo, hi = context.sentence(quantity.start)
        if self.not_unit_price_after.starts_after(text, quantity.end):
            return None  # a per-token or per-share price
        amount = quantity.value if quantity.value is not None else quantity.high
        lead = _lead(quantity)
        if self.per_unit and amount < self.max_unit_price:
            rental = bool(self.rental.nearest(text, quantity.start, quantity.end, lo, hi))
            after = self.unit_price_after.starts_after(text, quantity.end)
            if after:
                cue = _cue(after, quantity.end, "unit_price: a per-unit phrase right after the amount")
                return Typing(self.per_unit, "per-unit-after", cue, rental=rental, money=True)
            before = self.unit_price_before.ends_before(text, lead)
            if before:
                cue = _cue(before, 0, "unit_price: a price phrase right before the amount")
                return Typing(self.per_unit, "price-phrase-before", cue, rental=rental, money=True)
        positive = self.budget.nearest(text, quantity.start, quantity.end, lo, hi)
        negative = self.not_a_fact.nearest(text, quantity.start, quantity.end, lo, hi)
        if negative and (positive is None or negative[0] <= positive[0]):
            return None  # a distractor cue (revenue, valuation…) is nearer
        if positive and self.total:
            m = positive[1]
            if m.group().lower().startswith("invest") and self._invested_in_company(text, quantity, context, hi):
                return None  # an investment in a company
            return Typing(self.total, "cue", Cue(m.group(), m.start(), m.end(),
                                                 f"{self.total}: cue {m.group()!r}, the nearest in the sentence"),
                          money=True)
        earlier = budgets.get((quantity.unit, amount_key(quantity.value))) if quantity.value is not None else None
        if earlier is not None:
            cue = Cue(earlier.text, earlier.start, earlier.end, f"{self.total}: restates this earlier amount")
            return Typing(self.total, "restates-earlier-budget", cue, money=True)
        price = self._price_before(context, quantity, typed) if self.per_unit else None
        if price is not None:
            earlier = price._.typing
            cue = Cue(price.text, price.start_char, price.end_char, f"{self.per_unit}: continues the price before it")
            return Typing(self.per_unit, "continues-earlier-price", cue, continuation=True, rental=earlier.rental,
                          money=True)
        return None

    def _price_before(self, context: DocContext, quantity: Any, typed: list[Span]) -> Span | None:
        """The unit price this cue-less amount continues: in the same or the
        previous sentence, same currency, within a factor of ten."""
        if not typed or typed[-1].label_ != self.per_unit or quantity.value is None:
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
        window = self.in_company.finditer(text, quantity.end,
                                          min(hi, quantity.end + self.windows["investment_in_company_after"]))
        return any(orgs.starting_at(m.end()) for m in window)

    # -- counts ------------------------------------------------------------------------

    def _type_count(self, text: str, quantity: Any, context: DocContext, typed: list[Span]) -> Typing | None:
        """Chips, users or tokens by the noun after the number, or None."""
        lead = _lead(quantity)
        if self.contents_of_one.search(text, max(0, lead - self.windows["contents_of_one_before"]), lead):
            return None  # the contents of one product ('each rack holds 72 GPUs')
        m = self.count_noun.match(text, quantity.end)
        if not m:
            return self._continuation(text, quantity, context, typed)
        noun = re.sub(r"\s+", " ", m.group("noun").lower())
        kind = self.noun_kind[noun]
        if self.count_not_before.ends_before(text, lead, self.windows["count_not_before"]):
            return None
        if self.count_not_after.starts_after(text, m.end(), self.windows["count_not_after"]):
            return None
        if noun in self.needs_context[kind]:
            lo, hi = context.sentence(quantity.start)
            label = self.context_label[kind]
            if not ((label and context.within(label, lo, hi)) or self.context_cues[kind].search(text, lo, hi)):
                return None  # 'units', 'systems' with no sign that they are chips
        cue = Cue(m.group("noun"), m.start("noun"), m.end("noun"), f"{kind}: the noun {noun!r} after the number")
        return Typing(kind, "noun", cue, noun=noun)

    def _continuation(self, text: str, quantity: Any, context: DocContext, typed: list[Span]) -> Typing | None:
        """A count whose noun is elided continues the previous count of its sentence."""
        if not typed or typed[-1].label_ not in self.counted:
            return None
        previous = typed[-1]
        lead = _lead(quantity)
        distance = context.sentence_index(quantity.start) - context.sentence_index(previous.start_char)
        cue = Cue(previous.text, previous.start_char, previous.end_char,
                  f"{previous.label_}: continues the count before it")
        if distance == 0 and self.continuation.search(text, previous.end_char, lead):
            return Typing(previous.label_, "continuation", cue, continuation=True)
        if distance <= self.continuation_sentences and self.continuation_cue.ends_before(
                text, lead, self.windows["continuation_verb_before"]):
            # 'We ordered 25,000, and the first 8,000 arrive…' after '…50,000 Blackwell GPUs'
            return Typing(previous.label_, "continuation-after-verb", cue, continuation=True)
        return None


def _cue(m: re.Match, offset: int, why: str) -> Cue:
    """A cue from a match of `CueList.starts_after` (on a slice starting at
    `offset`) or `ends_before` (on the text itself, offset 0)."""
    text = m.group().strip(" \t\n\"“”'’()[]")
    start = offset + m.start() + m.group().find(text)
    return Cue(text, start, start + len(text), why)


def _lead(quantity: Quantity) -> int:
    """Where the amount's wording starts once its qualifier is included
    ('sells for less than $100,000' -> the offset of 'less')."""
    start = quantity.qualifier_start
    return start if start is not None and start < quantity.start else quantity.start


@Language.factory("fact_typer", default_config={
    "quantities_key": QUANTITIES_KEY, "spans_key": FACTS_KEY, "ruler_key": RULER_KEY})
def make_fact_typer(nlp: Language, name: str, quantities_key: str, spans_key: str, ruler_key: str) -> FactTyper:
    return FactTyper(nlp, name, quantities_key, spans_key, ruler_key)
