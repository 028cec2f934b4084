"""Typed evidence the stages pass on, and the one place it becomes text.

The typer attaches a `Typing` to each typed span; the linker records one
`Link` per decision (which named strategy chose an attribute, and the piece
of text it chose). A `Fact` carries a `FactEvidence` built from both, and
its human-readable `rule` is assembled here, once, at output (in the spirit
of Presidio's `AnalysisExplanation`). No stage reads another's `rule`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.records import Quantity

EVIDENCE_KEYS = ("type", "subject", "period", "item", "metric", "qualifier", "retracted", "equivalent_of")


@dataclass(frozen=True, slots=True)
class Cue:
    """A piece of the article that decided something, and why (offsets are
    character offsets in the article; None when nothing in the text stands
    for the decision)."""

    text: str
    start: int | None
    end: int | None
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "why": self.why}


@dataclass(frozen=True, slots=True)
class Typing:
    """Why the typer gave a quantity its fact type.

    `basis` names the typer's strategy: per-unit-after, price-phrase-before,
    cue, restates-earlier-budget, continues-earlier-price (money); noun,
    continuation, continuation-after-verb (counts). `noun` is the count noun
    that typed a count; `continuation` says the figure carries on an earlier
    one ('…, or roughly 43 trillion a day'); `rental` says a price is a rate;
    `money` says the type's value is an amount of money.
    """

    kind: str
    basis: str
    cue: Cue | None = None
    noun: str | None = None
    continuation: bool = False
    rental: bool = False
    money: bool = False


@dataclass(frozen=True, slots=True)
class Link:
    """One decision of the linker: which strategy set `attribute`, on what text.
    `detail` is what the strategy needs to be told apart in the rule (the
    kind of date, the words between a conversion and its original)."""

    attribute: str
    strategy: str
    cue: Cue | None = None
    detail: str | None = None


@dataclass(slots=True)
class FactEvidence:
    """Everything a fact was decided from: the quantity as the normalizer read
    it, how it was typed, and the linker's decisions in order."""

    quantity: Quantity
    typing: Typing
    links: list[Link] = field(default_factory=list)
    item: Cue | None = None
    metric: Cue | None = None
    qualifier: Cue | None = None

    def cue(self, attribute: str) -> Cue | None:
        """The text behind an attribute (the first decision that set it)."""
        if attribute == "type":
            return self.typing.cue
        if attribute == "item":
            return self.item
        if attribute == "metric":
            return self.metric
        if attribute == "qualifier":
            return self.qualifier
        return next((link.cue for link in self.links if link.attribute == _LINK_NAMES.get(attribute, attribute)
                     and link.cue is not None), None)

    def to_dict(self) -> dict[str, Any]:
        """The shared JSON shape (helpers/EVIDENCE.md): one entry per attribute
        that has text behind it."""
        out = {}
        for key in EVIDENCE_KEYS:
            cue = self.cue(key)
            if cue is not None:
                out[key] = cue.to_dict()
        return out


_LINK_NAMES = {"equivalent_of": "equivalent"}


def typing_rule(typing: Typing) -> str:
    """The typer's part of a fact's `rule`: 'money:budget:cue:capex', 'count:chip_count:noun:gpus'."""
    if typing.noun is not None:
        return f"count:{typing.kind}:noun:{typing.noun}"
    if typing.money:
        head = "money:" + typing.kind.replace("_", "-")
        if typing.basis == "cue":
            return f"{head}:cue:{typing.cue.text.lower()}"
        return f"{head}:{typing.basis}" + (":rental" if typing.rental else "")
    return f"count:{typing.kind}:{typing.basis}"


def quantity_rule(quantity: Quantity) -> str:
    """The normalizer's part of a fact's `rule`."""
    return quantity.rule + (":currency-from-restatement" if quantity.currency_source == "restatement" else "")


def link_note(link: Link) -> str:
    """One linker decision as it reads in `rule`: 'subject:possessive', 'period:date:year'."""
    if link.attribute == "period" and link.strategy == "sentence-date":
        return f"period:date:{link.detail}"
    if link.attribute == "equivalent":
        return f"equivalent:{link.detail}"
    return f"{link.attribute}:{link.strategy}"


def assemble_rule(evidence: FactEvidence) -> str:
    """The whole human-readable `rule` of a fact, from its evidence."""
    return ";".join([typing_rule(evidence.typing), quantity_rule(evidence.quantity),
                     *(link_note(link) for link in evidence.links)])
