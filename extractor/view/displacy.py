"""displaCy that reads well: colours per fact type and labels with the value.

    >>> from spacy import displacy
    >>> html = displacy.render(doc, style="span", options=extractor.displacy_options(doc))

`displacy_options()` alone gives the colours per type label for `doc.spans["facts"]`;
given a doc it also writes a copy of the fact spans whose labels carry the value
and unit ("budget ≈ 23 billion USD") to `doc.spans[spans_key + "_labelled"]` and
points displaCy at it.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from extractor.records import COUNT_UNITS
from extractor.view.model import format_words, styles

SPANS_KEYS = ("extractor_facts", "facts")  # the group's name after and before its announced rename
QUALIFIER_SIGNS = {"exact": "", "approx": "≈ ", "lower_bound": "≥ ", "upper_bound": "≤ "}


def _record_of(span: Span, facts: dict[tuple[int, int], Any]) -> dict[str, Any] | None:
    fact = facts.get((span.start_char, span.end_char))
    if fact is not None:
        return fact.to_dict() if hasattr(fact, "to_dict") else dict(fact)
    quantity = span._.quantity if Span.has_extension("quantity") else None
    if quantity is None:
        return None
    record = quantity.to_dict()
    record["unit"] = record["unit"] or COUNT_UNITS.get(span.label_)
    return record


def fact_label(kind: str, record: dict[str, Any] | None) -> str:
    """'budget ≈ 23 billion USD', 'chip_count 40 thousand–80 thousand chips (retracted)'."""
    if record is None:
        return kind
    sign = QUALIFIER_SIGNS.get(record.get("qualifier") or "exact", "")
    label = f"{kind} {sign}{format_words(record)} {record.get('unit') or ''}".rstrip()
    return label + " (retracted)" if record.get("retracted") else label


def displacy_options(doc: Doc | None = None, spans_key: str | None = None) -> dict[str, Any]:
    """Options for `displacy.render(..., style="span")`: colours per type, and with a doc,
    labels with value and unit (see the module docstring). `spans_key` names the doc's
    span group of facts; by default the first of SPANS_KEYS the doc has."""
    colors = {kind: s["background"] for kind, s in styles()["types"].items()}
    if spans_key is None:
        present = [key for key in SPANS_KEYS if doc is not None and key in doc.spans]
        spans_key = present[0] if present else SPANS_KEYS[-1]
    if doc is None:
        return {"spans_key": spans_key, "colors": colors}
    facts = {}
    if Doc.has_extension("facts") and doc._.facts:
        facts = {(f.start, f.end) if hasattr(f, "start") else (f["start"], f["end"]): f for f in doc._.facts}
    labelled = []
    for span in doc.spans.get(spans_key, []):
        label = fact_label(span.label_, _record_of(span, facts))
        colors[label] = colors.get(span.label_, "#dddddd")
        labelled.append(Span(doc, span.start, span.end, label=label))
    key = f"{spans_key}_labelled"
    doc.spans[key] = labelled
    return {"spans_key": key, "colors": colors}
