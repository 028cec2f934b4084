"""Every quantity the normalizer finds is a candidate fact: its features, the rules' decision, its gold label.

The pipeline runs once per document; the candidates carry what the cross-validation and the model need
(the rules' fact record, the quantity, the features), so no fold runs the pipeline again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor.components.context import FACTS_KEY, QUANTITIES_KEY, RULER_KEY, DocContext
from extractor.corpus import Document
from extractor.evidence import Typing
from extractor.fact_types import Registry, default_registry
from extractor.learn.features import candidate_features
from extractor.learn.settings import FeatureSettings
from extractor.records import Fact, Quantity, blank_record, json_number
from extractor.scoring import numbers_agree, spans_overlap
from extractor.structure import DocumentLayout

NONE = "none"
LINKER = "attribute_linker"


@dataclass(slots=True)
class Candidate:
    """One figure of one article. `rule_type` is the type of the rules' fact at this span ("none" when the
    rules made none), `rule_record` that fact's contract record; `label` the gold type or "none"."""

    doc_id: str
    quantity: Quantity
    typing: Typing | None
    rule_type: str
    rule_record: dict[str, Any] | None
    features: dict[str, Any] = field(default_factory=dict)
    label: str | None = None

    def record(self, kind: str, registry: Registry | None = None) -> dict[str, Any]:
        """The contract record of this figure as a fact of `kind`: the rules' own record when they agree, else
        the figure with the normalizer's qualifier and the other attributes at their neutral values (the
        linker did not see it as this type)."""
        if self.rule_record is not None and self.rule_record["type"] == kind:
            return self.rule_record
        fact_type = (registry or default_registry())[kind]
        q = self.quantity
        return blank_record(doc_id=self.doc_id, type=kind, unit=q.unit if fact_type.is_money else fact_type.unit,
                            value=json_number(q.value), low=json_number(q.low), high=json_number(q.high),
                            start=q.start, end=q.end, text=q.text, qualifier=q.qualifier)

    @property
    def is_money(self) -> bool:
        return self.quantity.unit is not None


@dataclass
class Parsed:
    """One article after the pipeline: the Doc, its context and layout, and the rules' facts."""

    document: Document
    doc: Doc
    context: DocContext
    layout: DocumentLayout
    facts: list[Fact]


def parse(nlp: Language, document: Document) -> Parsed:
    """Run the pipeline once, keeping the context the typer built (the linker releases it when it is done,
    and building it again would cost a tenth of the run)."""
    doc = nlp.make_doc(document.text)
    doc._.published = document.published
    doc._.doc_id = document.doc_id
    context = None
    for name, component in nlp.pipeline:
        if name == LINKER:
            context = DocContext.of(doc, RULER_KEY, nlp.get_pipe(name).patterns)
        doc = component(doc)
    if context is None:
        raise ValueError(f"the pipeline has no {LINKER!r} component: {nlp.pipe_names}")
    return Parsed(document, doc, context, DocumentLayout.of(context.text), list(doc._.facts))


def document_candidates(nlp: Language, document: Document, settings: FeatureSettings,
                        parsed: Parsed | None = None) -> list[Candidate]:
    """The candidates of one article, in document order, with their features."""
    parsed = parsed or parse(nlp, document)
    doc, context, layout = parsed.doc, parsed.context, parsed.layout
    facts = {(f.start, f.end): f for f in parsed.facts}
    typed = {(s.start_char, s.end_char): s for s in doc.spans.get(FACTS_KEY, [])}
    text = context.text
    out: list[Candidate] = []
    previous: tuple[str, int] | None = None
    for span in doc.spans.get(QUANTITIES_KEY, []):
        if span._.quantity is None:
            continue
        key = (span.start_char, span.end_char)
        typed_span = typed.get(key)
        quantity = typed_span._.quantity if typed_span is not None else span._.quantity
        typing = typed_span._.typing if typed_span is not None else None
        fact = facts.get((quantity.start, quantity.end))
        rule_type = fact.type if fact is not None else NONE
        sentence = context.sentence_index(quantity.start)
        previous_type = previous[0] if previous is not None and sentence - previous[1] <= 2 else None
        typer_type = typed_span.label_ if typed_span is not None else NONE  # known before the linker runs
        features = candidate_features(text, context, layout, quantity, typing, typer_type, previous_type, settings)
        out.append(Candidate(document.doc_id, quantity, typing, rule_type,
                             fact.to_dict() if fact is not None else None, features))
        if typer_type != NONE:
            previous = (typer_type, sentence)
    return out


def label_candidates(candidates: list[Candidate], gold: list[dict[str, Any]],
                     registry: Registry | None = None) -> None:
    """Each candidate's gold type: a gold fact of its document whose span overlaps it and whose numbers (and
    currency, for money) agree, as the scorer matches; "none" when there is no such fact."""
    registry = registry or default_registry()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for record in gold:
        by_doc.setdefault(record["doc_id"], []).append(record)
    for candidate in candidates:
        candidate.label = NONE
        q = candidate.quantity
        mine = {"start": q.start, "end": q.end}
        for record in by_doc.get(candidate.doc_id, []):
            money = registry[record["type"]].is_money
            if money != candidate.is_money or (money and record["unit"] != q.unit):
                continue
            if spans_overlap(mine, record) and _numbers_agree(q, record):
                candidate.label = record["type"]
                break


def _numbers_agree(quantity: Quantity, record: dict[str, Any]) -> bool:
    if record["value"] is None or quantity.value is None:
        return record["value"] is None and quantity.value is None and numbers_agree(
            json_number(quantity.low), record["low"]) and numbers_agree(json_number(quantity.high), record["high"])
    return numbers_agree(json_number(quantity.value), record["value"])
