"""`attribute_linker`: typed quantities -> the contract's fact records.

Orchestrates one resolver per attribute (`components/resolvers/`): first
conversions (`equivalent_of`, and a conversion's type and qualifier from its
original), retractions and periods over the whole document, then per fact in
order subject, item and metric. Which attributes a type carries and the order
of each resolver's strategies come from the fact-type registry; the cue words
and windows from `data/link_cues.json`. Every decision is recorded as typed
evidence, from which the fact's `rule` is assembled.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from extractor.components.base import DataComponent
from extractor.components.context import (
    FACTS_KEY,
    QUANTITIES_KEY,
    RULER_KEY,
    DocContext,
    MentionIndex,
    doc_layout,
    pattern_table,
    release,
)
from extractor.components.resolvers import (
    Clauses,
    ConversionResolver,
    Draft,
    ItemResolver,
    MetricResolver,
    PeriodResolver,
    RetractionResolver,
    Scene,
    SubjectResolver,
)
from extractor.evidence import Cue, FactEvidence, assemble_rule
from extractor.fact_types import Registry
from extractor.records import Fact, Quantity
from extractor.schemas import LinkCuesSchema, check

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Doc.has_extension("doc_id"):
    Doc.set_extension("doc_id", default=None)


class AttributeLinker(DataComponent):
    def __init__(self, nlp: Language, name: str, facts_key: str, quantities_key: str, ruler_key: str) -> None:
        super().__init__(nlp, name)
        self.facts_key = facts_key
        self.quantities_key = quantities_key
        self.ruler_key = ruler_key

    def compile(self) -> None:
        cues = self.cues
        check(LinkCuesSchema, cues, f"{self.name} data (data/link_cues.json)")
        self.types = Registry(cues["fact_types"])
        self.patterns = pattern_table(cues["pattern_meta"])
        clauses = Clauses(cues["clause_breaks"])
        self.conversions = ConversionResolver(cues, self.types)
        self.retractions = RetractionResolver(cues, clauses)
        self.periods = PeriodResolver(cues, self.types)
        self.items = ItemResolver(cues, self.types)
        self.subjects = SubjectResolver(cues, self.types, clauses, self.items)
        self.metrics = MetricResolver(cues, self.types)

    def __call__(self, doc: Doc) -> Doc:
        self._require()
        context = DocContext.of(doc, self.ruler_key, self.patterns)
        text = context.text
        drafts = [
            Draft(span.label_, span._.quantity, span._.typing, context.sentence_index(span.start_char),
                  span._.quantity.qualifier)
            for span in doc.spans.get(self.facts_key, [])
        ]
        sources: set[str] = set()
        people: set[str] = set()
        labels = self.subjects.speaker_labels(text)
        orgs = MentionIndex(self.subjects.organizations(context, text, sources, labels, people))
        figures = [(q.start_char, q.end_char) for q in doc.spans.get(self.quantities_key, [])
                   if any(ch.isdigit() for ch in q.text) or (q._.quantity is not None and q._.quantity.scaled)]
        parties = self.subjects.parties(text, orgs.items)
        salience = Counter(o.text for o in parties)
        publisher = self.subjects.publisher(text)
        publisher = self.subjects.most_named_form(publisher, salience) if publisher else None
        dominant = ([publisher], None) if publisher else self.subjects.dominant(parties, salience)
        scene = Scene(text, context, doc._.published, orgs, MentionIndex(self.subjects.apps(context, orgs.items)),
                      *dominant, figures, doc_layout(doc), salience=salience,
                      source_names=frozenset(sources), speaker_labels=labels, publisher=publisher,
                      people=frozenset(people))
        self.conversions.resolve(text, drafts)
        self.retractions.resolve(text, context, drafts)
        self.periods.resolve(scene, drafts)
        for draft in drafts:
            self.subjects.resolve(scene, draft)
            self.items.resolve(scene, draft)
            self.metrics.resolve(scene, draft)
            scene.history.add(draft)
        doc._.facts = [self._fact(doc._.doc_id or "", draft, text) for draft in drafts]
        release(doc)
        return doc

    def _fact(self, doc_id: str, draft: Draft, text: str) -> Fact:
        q = draft.quantity
        fact_type = self.types[draft.kind]
        unit = q.unit if fact_type.is_money else fact_type.unit
        value, low, high = q.value, q.low, q.high
        if fact_type.value == "measure":
            factor = fact_type.factor(draft.typing.noun)
            value, low, high = (None if n is None else n * factor for n in (value, low, high))
        qualifier = _qualifier_cue(q, text) or (_qualifier_cue(draft.equivalent.quantity, text)
                                                if draft.equivalent is not None and q.qualifier == "exact" else None)
        evidence = FactEvidence(q, draft.typing, list(draft.links), draft.item_cue, draft.metric_cue, qualifier)
        return Fact(
            doc_id=doc_id, type=draft.kind, value=value, low=low, high=high, unit=unit,
            start=q.start, end=q.end, text=q.text, qualifier=draft.qualifier, subject=draft.subject,
            item=draft.item, metric=draft.metric, period=draft.period, retracted=draft.retracted,
            equivalent_of=draft.equivalent.start if draft.equivalent else None, rule=assemble_rule(evidence),
            evidence=evidence,
        )


def _qualifier_cue(quantity: Quantity, text: str) -> Cue | None:
    if quantity.qualifier_start is None or quantity.qualifier_end is None or quantity.qualifier == "exact":
        return None
    return Cue(text[quantity.qualifier_start:quantity.qualifier_end], quantity.qualifier_start,
               quantity.qualifier_end, f"{quantity.qualifier}: the word beside the amount")


@Language.factory("attribute_linker", default_config={
    "facts_key": FACTS_KEY, "quantities_key": QUANTITIES_KEY, "ruler_key": RULER_KEY})
def make_attribute_linker(nlp: Language, name: str, facts_key: str, quantities_key: str,
                          ruler_key: str) -> AttributeLinker:
    return AttributeLinker(nlp, name, facts_key, quantities_key, ruler_key)


__all__ = ["AttributeLinker"]
