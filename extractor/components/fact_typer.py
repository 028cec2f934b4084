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
from dataclasses import replace
from decimal import Decimal
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.components.base import DataComponent
from extractor.components.context import DocContext
from extractor.cues import CueList
from extractor.resources import load_json

if not Span.has_extension("fact_rule"):
    Span.set_extension("fact_rule", default=None)

MAX_UNIT_PRICE = Decimal(10_000_000)
RESTATE_MIN = Decimal(1_000_000)
TOLERANCE = Decimal("0.005")


def same_amount(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


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
        self.needs_context = {n.lower() for n in counts["chip_units_need_context"]}
        nouns = {kind: counts[kind] for kind in ("chip_count", "user_count", "token_volume")}
        self.noun_kind = {noun.lower(): kind for kind, ns in nouns.items() for noun in ns}
        skip = "|".join(re.escape(s) for s in sorted(counts["skip_between"], key=len, reverse=True))
        noun_alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in
                            sorted(self.noun_kind, key=len, reverse=True))
        self.count_noun = re.compile(
            rf"[\s-]*(?:(?:[A-Z][\w.&’'-]*|(?i:{skip}))[\s-]+){{0,{int(counts['max_gap_tokens'])}}}"
            rf"(?P<noun>(?i:{noun_alt}))(?![\w])")

    def __call__(self, doc: Doc) -> Doc:
        self._require()
        context = DocContext.of(doc)
        typed: list[Span] = []
        budgets: list[tuple[Decimal | None, str]] = []
        money_seen: list[tuple[Decimal, str]] = []
        for span in doc.spans.get(self.quantities_key, []):
            quantity = span._.quantity
            if quantity is None:
                continue
            if quantity.unit is None:
                restated = self._currency_by_restatement(quantity, money_seen, doc.text)
                if restated is not None:
                    quantity = restated
                    span._.quantity = quantity
            if quantity.unit is not None:
                kind, rule = self._type_money(doc.text, quantity, context, budgets)
                if quantity.value is not None:
                    money_seen.append((quantity.value, quantity.unit))
            else:
                kind, rule = self._type_count(doc.text, quantity, context)
            if kind is None:
                continue
            if kind == "budget":
                budgets.append((quantity.value, quantity.unit))
            fact_span = Span(doc, span.start, span.end, label=kind)
            fact_span._.quantity = quantity
            fact_span._.fact_rule = rule
            typed.append(fact_span)
        doc.spans[self.spans_key] = typed
        return doc

    # -- money -------------------------------------------------------------------------

    def _currency_by_restatement(self, quantity: Any, money_seen: list, text: str) -> Any | None:
        """'the figure of 85 billion' after '85 billion yuan': same amount, same currency."""
        if quantity.value is None or quantity.value < RESTATE_MIN or ":scaled" not in quantity.rule:
            return None
        if self.count_noun.match(text, quantity.end):
            return None
        for value, unit in reversed(money_seen):
            if same_amount(value, quantity.value):
                return replace(quantity, unit=unit, rule=quantity.rule + ":currency-from-restatement")
        return None

    def _type_money(self, text: str, quantity: Any, context: DocContext,
                    budgets: list) -> tuple[str | None, str]:
        lo, hi = context.sentence(quantity.start)
        if self.not_unit_price_after.starts_after(text, quantity.end):
            return None, "money:per-token-or-share-price"
        amount = quantity.value if quantity.value is not None else quantity.high
        if self.unit_price_after.starts_after(text, quantity.end) and amount < MAX_UNIT_PRICE:
            return "unit_price", "money:unit-price:per-unit-after"
        if self.unit_price_before.ends_before(text, quantity.start) and amount < MAX_UNIT_PRICE:
            return "unit_price", "money:unit-price:price-phrase-before"
        positive = self.budget.nearest(text, quantity.start, quantity.end, lo, hi)
        negative = self.not_a_fact.nearest(text, quantity.start, quantity.end, lo, hi)
        if negative and (positive is None or negative[0] <= positive[0]):
            return None, f"money:not-a-fact:{negative[1]}"
        if positive:
            if positive[1].startswith("invest") and self._invested_in_company(text, quantity, context, hi):
                return None, "money:not-a-fact:investment-in-company"
            return "budget", f"money:budget:cue:{positive[1]}"
        for value, unit in budgets:
            if unit == quantity.unit and same_amount(value, quantity.value):
                return "budget", "money:budget:restates-earlier-budget"
        return None, "money:no-cue"

    def _invested_in_company(self, text: str, quantity: Any, context: DocContext, hi: int) -> bool:
        after = text[quantity.end:min(hi, quantity.end + 40)]
        m = re.match(r"\s+(?:in|into)\s+(?:the\s+)?", after)
        if not m:
            return False
        target = quantity.end + m.end()
        return any(org.start == target for org in context.mentions.get("ORG", []))

    # -- counts ------------------------------------------------------------------------

    def _type_count(self, text: str, quantity: Any, context: DocContext) -> tuple[str | None, str]:
        m = self.count_noun.match(text, quantity.end)
        if not m:
            return None, "count:no-noun"
        noun = re.sub(r"\s+", " ", m.group("noun").lower())
        kind = self.noun_kind[noun]
        if self.count_not_before.ends_before(text, quantity.start, 30):
            return None, f"count:not-a-fact:{noun}"
        if self.count_not_after.starts_after(text, m.end(), 30):
            return None, f"count:not-a-fact:{noun}-per"
        if kind == "chip_count" and noun in self.needs_context:
            lo, hi = context.sentence(quantity.start)
            has_chip = context.within("CHIP", lo, hi) or self.chip_context.search(text, lo, hi)
            if not has_chip:
                return None, f"count:{noun}-without-chip-context"
        return kind, f"count:{kind}:noun:{noun}"


@Language.factory("fact_typer", default_config={"quantities_key": "quantities", "spans_key": "facts"})
def make_fact_typer(nlp: Language, name: str, quantities_key: str, spans_key: str) -> FactTyper:
    return FactTyper(nlp, name, quantities_key, spans_key)


def default_cues() -> dict[str, Any]:
    return load_json("fact_cues.json")
