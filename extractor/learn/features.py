"""Features of one candidate figure, read from the typed evidence (never from a fact's `rule` string).

What the rules decided (`Typing`: type, strategy, cue word and its distance, count noun), what the normalizer
read (`Quantity`: currency, scale, qualifier, range, magnitude), the words around the figure in its sentence,
where the page's layout puts it (`DocumentLayout`: line kind, header words, row label, question), which named
mentions share its sentence, and the type of the figure the rules typed before it.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from extractor.components.context import DocContext
from extractor.evidence import Typing
from extractor.learn.settings import FeatureSettings
from extractor.records import Quantity
from extractor.structure import DocumentLayout

_WORD = re.compile(r"[a-z][a-z'’-]*|\d+|[$€£¥%]", re.I)
_MENTION_LABELS = ("ORG", "CHIP", "APP", "DATE", "SOURCE")
_WINDOW_CHARS = 160


def magnitude(amount: Decimal | None) -> int:
    """The order of magnitude of an amount (floor of log10), 0 for none or zero."""
    if amount is None or amount <= 0:
        return 0
    return int(math.floor(math.log10(float(amount))))


def _distance_bucket(chars: int) -> str:
    """Signed, log-spaced distance: near cues weigh differently from far ones."""
    sign = "-" if chars < 0 else "+"
    return sign + str(min(int(math.log2(abs(chars) + 1)), 8))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def typing_features(typing: Typing | None, quantity: Quantity, typer_type: str) -> dict[str, Any]:
    """The typer's own decision as evidence: which type, which strategy, on which cue, how far away."""
    out: dict[str, Any] = {f"rule={typer_type}": 1}
    if typing is None:
        return out
    out[f"basis={typing.basis}"] = 1
    out[f"typer={typing.kind}:{typing.basis}"] = 1
    if typing.noun:
        out[f"noun={typing.noun}"] = 1
    for flag in ("continuation", "rental"):
        if getattr(typing, flag):
            out[flag] = 1
    cue = typing.cue
    if cue is not None and cue.start is not None:
        out[f"cue_dist={_distance_bucket(cue.start - quantity.start)}"] = 1
        if not any(ch.isdigit() for ch in cue.text):
            out[f"cue={cue.text.lower()}"] = 1
    return out


def quantity_features(quantity: Quantity) -> dict[str, Any]:
    """What the normalizer read: currency or bare count, scale, qualifier, range, magnitude."""
    amount = quantity.value if quantity.value is not None else quantity.high
    kind = "money" if quantity.unit else "count"
    mag = magnitude(amount)
    out: dict[str, Any] = {kind: 1, f"mag={kind}:{mag}": 1, f"qual={quantity.qualifier}": 1}
    if quantity.unit:
        out[f"cur={quantity.unit}"] = 1
        out[f"cur_src={quantity.currency_source}"] = 1
    if quantity.scaled:
        out["scaled"] = 1
    if quantity.value is None:
        out["range"] = 1
    return out


def window_features(text: str, context: DocContext, quantity: Quantity, settings: FeatureSettings) -> dict[str, Any]:
    """The words before and after the figure in its sentence: the first two each side by position, the rest
    as bags."""
    lo, hi = context.sentence(quantity.start)
    lead = quantity.qualifier_start if quantity.qualifier_start is not None else quantity.start
    lead = min(lead, quantity.start)
    before = _words(text[max(lo, lead - _WINDOW_CHARS):lead])[-settings.words_before:] if settings.words_before else []
    after = _words(text[quantity.end:min(hi, quantity.end + _WINDOW_CHARS)])[:settings.words_after]
    out: dict[str, Any] = {}
    for i, word in enumerate(reversed(before[-2:]), 1):
        out[f"b{i}={word}"] = 1
    for i, word in enumerate(after[:2], 1):
        out[f"a{i}={word}"] = 1
    for word in before:
        out[f"wb={word}"] = 1
    for word in after:
        out[f"wa={word}"] = 1
    if not before:
        out["sentence_first"] = 1
    return out


def layout_features(text: str, layout: DocumentLayout, quantity: Quantity,
                    settings: FeatureSettings) -> dict[str, Any]:
    """Where the page puts the figure: its line's kind, and the words of the header, label or question it
    sits under."""
    where = layout.at(quantity.start)
    out: dict[str, Any] = {f"line={where.line.kind}": 1}
    if where.line.bullet:
        out["bullet"] = 1
    if where.row_label is not None:
        out["row_label"] = 1
    for name, region in where.context_regions():
        out[f"under={name}"] = 1
        for word in _words(text[region.start:region.end])[:settings.header_words]:
            out[f"hw={word}"] = 1
    return out


def scene_features(context: DocContext, quantity: Quantity, previous_type: str | None) -> dict[str, Any]:
    """Named mentions in the sentence, the headline, and the type of the figure the rules typed before."""
    lo, hi = context.sentence(quantity.start)
    out: dict[str, Any] = {f"prev={previous_type or 'none'}": 1}
    if context.sentence_index(quantity.start) == 0:
        out["headline"] = 1
    for label in _MENTION_LABELS:
        if context.within(label, lo, hi):
            out[f"has={label}"] = 1
    return out


def candidate_features(text: str, context: DocContext, layout: DocumentLayout, quantity: Quantity,
                       typing: Typing | None, typer_type: str, previous_type: str | None,
                       settings: FeatureSettings) -> dict[str, Any]:
    """Every feature of one candidate, as the `DictVectorizer` reads them."""
    return {**typing_features(typing, quantity, typer_type), **quantity_features(quantity),
            **window_features(text, context, quantity, settings), **layout_features(text, layout, quantity, settings),
            **scene_features(context, quantity, previous_type)}
