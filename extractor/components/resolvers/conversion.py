"""`equivalent_of`: a money amount restated in another currency beside its
original ('RMB 160 billion (≈US$23 billion)'). The conversion takes the
original's type and, when it has none of its own, its qualifier."""

from __future__ import annotations

import re
from typing import Any

from extractor.components.resolvers.base import Draft
from extractor.cues import CueList
from extractor.fact_types import Registry

_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_PER_UNIT = re.compile(r"^(?:per|an?|each|for each)\s+[\w .-]{1,40}?(?=\s*\(|\s*,\s*or\b|\s+or\b)")


class ConversionResolver:
    """Strategies, tried in order between two neighbouring money figures of
    different currencies: `adjacent` (only a bracket, comma, 'or', 'about'…
    between them), `linking-phrase` ('equivalent to' right before the second,
    no other number between, within `conversion_max_chars`)."""

    def __init__(self, cues: dict[str, Any], types: Registry) -> None:
        self.adjacent = {_SPACES.sub(" ", s.strip().lower()) for s in cues["conversion_adjacent"]}
        self.linking = CueList(cues["conversion_linking"])
        self.max_chars = int(cues["conversion_max_chars"])
        self.linking_window = int(cues["windows"]["conversion_linking_before"])
        self.money = {t.name for t in types if t.carries("equivalent_of")}

    def resolve(self, text: str, drafts: list[Draft]) -> None:
        money = [d for d in drafts if d.kind in self.money]
        for prev, cur in zip(money, money[1:], strict=False):
            # a second conversion of one original: 'PLN 1.2 billion (roughly €282 million, or about $307 million)'
            original = prev.equivalent if prev.equivalent is not None else prev
            if prev.quantity.unit == cur.quantity.unit or original.quantity.unit == cur.quantity.unit:
                continue
            between = _SPACES.sub(" ", text[prev.end:cur.start].strip().lower())
            if prev.kind == cur.kind:  # 'PLN 11.90 per GPU-hour (€2.80)': past the price's unit
                between = _PER_UNIT.sub("", between, count=1).strip()
            if prev.equivalent is not None and not between.startswith(","):
                continue
            strategy = self._strategy(text, prev, cur, between)
            if strategy is None:
                continue
            cur.equivalent = original
            cur.kind = original.kind
            why = ("conversion beside its original" if strategy == "adjacent"
                   else "conversion linked by a phrase ('equivalent to')")
            cur.link("equivalent", strategy, prev.figure(why), between or "adjacent")
            if cur.qualifier == "exact":
                cur.qualifier = original.qualifier

    def _strategy(self, text: str, prev: Draft, cur: Draft, between: str) -> str | None:
        if between in self.adjacent:
            return "adjacent"
        if (cur.start - prev.end <= self.max_chars and self.linking.ends_before(text, cur.start, self.linking_window)
                and not _DIGIT.search(text, prev.end, cur.start)):
            return "linking-phrase"
        return None
