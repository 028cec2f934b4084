"""Facts with the type model's calibrated `confidence` and the features behind it.

Opt-in: the default pipeline does not call the model (data/learn.json `decisions.type` is false; see
helpers/README-learn.md for the cross-validated reason). With `decide=True` the model also makes the
rules+model decision (veto, retype, add) at the settings' thresholds.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from extractor.corpus import Document
from extractor.learn.candidates import NONE, document_candidates
from extractor.learn.models import TypeModel
from extractor.learn.settings import LearnSettings, load_settings


def facts_with_confidence(nlp: Language, document: Document, model: TypeModel,
                          settings: LearnSettings | None = None, decide: bool | None = None) -> list[dict[str, Any]]:
    """The article's fact records, each with `confidence` (the model's probability of the fact's type) and
    `model_features` (the three features that pushed most towards it)."""
    settings = settings or load_settings()
    decide = settings.decisions.type if decide is None else decide
    candidates = document_candidates(nlp, document, settings.features)
    proba = model.predict_proba(candidates)
    none = model.classes.index(NONE)
    out = []
    for candidate, row in zip(candidates, proba, strict=True):
        best = int(row.argmax())
        kind = candidate.rule_type
        if decide:
            sure = row[best] >= settings.combination.add and best != none
            if kind != NONE and row[none] >= settings.combination.veto and not sure:
                kind = NONE
            elif sure:
                kind = model.classes[best]
        if kind == NONE:
            continue
        record = dict(candidate.record(kind))
        record["confidence"] = round(float(row[model.classes.index(kind)]), 4) if kind in model.classes else 0.0
        record["model_features"] = [name for name, _ in model.top_features(candidate, kind)]
        out.append(record)
    return out
