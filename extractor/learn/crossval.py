"""Leave-one-document-out cross-validation of the type model against the rules, with the contract's scorer.

Each article is predicted by a model fitted on every other training article. Three systems are scored on
the same candidates: `rules` (the pipeline's facts), `model` (the model's most probable type) and
`rules+model` (the rules' facts, minus those the model is sure are none, retyped where the model is sure of
another type, plus figures the rules left out that the model is sure of; the two thresholds are in
`data/learn.json`). Confidence intervals resample documents (bootstrap); the reliability table bins the
model's top probability against how often it is right.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy

from extractor.learn.candidates import NONE, Candidate
from extractor.learn.models import TypeModel
from extractor.learn.settings import LearnSettings
from extractor.records import FACT_TYPES
from extractor.scoring import PRF, Score, fact_key, score

SYSTEMS = ("rules", "model", "rules+model")
SWEEP = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


@dataclass
class CrossValidation:
    """The out-of-fold probabilities of every candidate and what each system predicts from them."""

    candidates: list[Candidate]
    classes: list[str]
    proba: numpy.ndarray
    gold: list[dict[str, Any]]
    predictions: dict[str, list[dict[str, Any]]]

    def score(self, system: str) -> Score:
        return score(self.predictions[system], self.gold)


def out_of_fold(candidates: list[Candidate], settings: LearnSettings,
                extra: list[Candidate] = ()) -> tuple[list[str], numpy.ndarray]:
    """Leave-one-document-out probabilities: each document's candidates from a model that never saw it
    (`extra` candidates, the hand-written sentences, are in every fold's training data and never scored)."""
    documents = list(dict.fromkeys(c.doc_id for c in candidates))
    classes = sorted({c.label for c in [*candidates, *extra]})
    proba = numpy.zeros((len(candidates), len(classes)))
    for doc_id in documents:
        test = [i for i, c in enumerate(candidates) if c.doc_id == doc_id]
        train = [c for c in candidates if c.doc_id != doc_id] + list(extra)
        model = TypeModel.fit(train, settings)
        fold = model.predict_proba([candidates[i] for i in test])
        for column, name in enumerate(model.classes):
            proba[test, classes.index(name)] = fold[:, column]
    return classes, proba


def decide(candidates: list[Candidate], classes: list[str], proba: numpy.ndarray, settings: LearnSettings,
           threshold: float | None = None) -> dict[str, list[dict[str, Any]]]:
    """The facts each system predicts (`threshold`, when given, replaces both of the settings' thresholds)."""
    none = classes.index(NONE)
    veto, add = settings.combination.veto, settings.combination.add
    if threshold is not None:
        veto = add = threshold
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in SYSTEMS}
    for candidate, row in zip(candidates, proba, strict=True):
        best = int(numpy.argmax(row))
        if candidate.rule_record is not None:
            out["rules"].append(candidate.rule_record)
            if best != none and classes[best] != candidate.rule_type and row[best] >= add:
                out["rules+model"].append(candidate.record(classes[best]))
            elif row[none] < veto:
                out["rules+model"].append(candidate.rule_record)
        elif best != none and row[best] >= add:
            out["rules+model"].append(candidate.record(classes[best]))
        if best != none:
            out["model"].append(candidate.record(classes[best]))
    return out


def cross_validate(candidates: list[Candidate], gold: list[dict[str, Any]], settings: LearnSettings,
                   extra: list[Candidate] = ()) -> CrossValidation:
    classes, proba = out_of_fold(candidates, settings, extra)
    return CrossValidation(candidates, classes, proba, gold, decide(candidates, classes, proba, settings))


# -- confidence intervals over documents ----------------------------------------------------------

def _per_document(predictions: list[dict[str, Any]], gold: list[dict[str, Any]],
                  documents: list[str]) -> numpy.ndarray:
    """Fact-level (tp, fp, fn) per document and type: shape (documents, types + micro, 3). Fact keys carry
    the doc_id, so a document's counts sum to the corpus's."""
    types = list(FACT_TYPES)
    index = {d: i for i, d in enumerate(documents)}
    counts = numpy.zeros((len(documents), len(types) + 1, 3), dtype=int)
    pred_keys = defaultdict(set)
    gold_keys = defaultdict(set)
    for record in predictions:
        pred_keys[(record["doc_id"], record["type"])].add(fact_key(record))
    for record in gold:
        gold_keys[(record["doc_id"], record["type"])].add(fact_key(record))
    for (doc_id, kind) in set(pred_keys) | set(gold_keys):
        if doc_id not in index or kind not in types:
            continue
        p, g = pred_keys.get((doc_id, kind), set()), gold_keys.get((doc_id, kind), set())
        counts[index[doc_id], types.index(kind)] += (len(p & g), len(p - g), len(g - p))
    counts[:, -1] = counts[:, :-1].sum(axis=1)
    return counts


def _f1(counts: numpy.ndarray) -> numpy.ndarray:
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    denominator = 2 * tp + fp + fn
    return numpy.divide(2 * tp, denominator, out=numpy.zeros(tp.shape), where=denominator > 0)


def bootstrap_f1(cv: CrossValidation, settings: LearnSettings) -> dict[str, numpy.ndarray]:
    """Per system, F1 per type (+ micro) of every bootstrap resample of the documents: (samples, types+1);
    plus `delta`: rules+model minus rules on the same resamples."""
    documents = sorted({g["doc_id"] for g in cv.gold} | {c.doc_id for c in cv.candidates})
    counts = {name: _per_document(cv.predictions[name], cv.gold, documents) for name in SYSTEMS}
    rng = numpy.random.default_rng(settings.seed)
    samples = settings.evaluation.bootstrap_samples
    draws = rng.integers(0, len(documents), size=(samples, len(documents)))
    out = {name: _f1(c[draws].sum(axis=1)) for name, c in counts.items()}
    out["delta"] = out["rules+model"] - out["rules"]
    out["model-delta"] = out["model"] - out["rules"]
    return out


def interval(values: numpy.ndarray) -> tuple[float, float]:
    if values.size == 0:
        return (float("nan"), float("nan"))
    return float(numpy.percentile(values, 2.5)), float(numpy.percentile(values, 97.5))


# -- calibration ------------------------------------------------------------------------------------

def reliability(cv: CrossValidation, bins: int) -> list[dict[str, Any]]:
    """The model's top probability against how often that type is the gold one, in equal-width bins."""
    top = cv.proba.max(axis=1)
    right = numpy.asarray([cv.classes[int(numpy.argmax(row))] == c.label for row, c in zip(cv.proba, cv.candidates,
                                                                                               strict=True)])
    edges = numpy.linspace(0, 1, bins + 1)
    rows = []
    for i in range(bins):
        inside = (top >= edges[i]) & ((top < edges[i + 1]) if i < bins - 1 else (top <= edges[i + 1]))
        rows.append({"low": float(edges[i]), "high": float(edges[i + 1]), "n": int(inside.sum()),
                     "predicted": float(top[inside].mean()) if inside.any() else None,
                     "observed": float(right[inside].mean()) if inside.any() else None})
    return rows


def expected_calibration_error(rows: list[dict[str, Any]]) -> float:
    total = sum(r["n"] for r in rows)
    return sum(r["n"] * abs(r["predicted"] - r["observed"]) for r in rows if r["n"]) / total if total else 0.0


# -- the report ---------------------------------------------------------------------------------------

def format_report(cv: CrossValidation, settings: LearnSettings) -> str:
    """Fact-level P/R/F1 per type for the three systems with 95% bootstrap intervals of F1, the
    rules+model − rules difference, candidate agreement, and the reliability table."""
    documents = len({c.doc_id for c in cv.candidates})
    boot = bootstrap_f1(cv, settings)
    scores = {name: cv.score(name) for name in SYSTEMS}
    lines = [f"leave-one-document-out cross-validation: {documents} documents, {len(cv.candidates)} candidates, "
             f"{len(cv.gold)} gold facts; 95% intervals from {settings.evaluation.bootstrap_samples} bootstrap "
             "resamples of the documents",
             "", "fact-level P / R / F1 [F1 interval]"]
    width = 34
    lines.append(f"{'':<22}" + "".join(f"{name:>{width}}" for name in SYSTEMS)
                 + f"{'rules+model - rules':>26}{'model - rules':>26}")
    for t, kind in enumerate((*FACT_TYPES, "micro")):
        n = len({fact_key(g) for g in cv.gold if g["type"] == kind}) if kind != "micro" else len(
            {fact_key(g) for g in cv.gold})
        cells = []
        for name in SYSTEMS:
            prf: PRF = scores[name].fact[kind]
            lo, hi = interval(boot[name][:, t])
            cells.append(f"{prf.precision:.3f}/{prf.recall:.3f}/{prf.f1:.3f} [{lo:.3f},{hi:.3f}]")
        for system, key in (("rules+model", "delta"), ("model", "model-delta")):
            delta = scores[system].fact[kind].f1 - scores["rules"].fact[kind].f1
            lo, hi = interval(boot[key][:, t])
            cells.append(f"{delta:+.3f} [{lo:+.3f},{hi:+.3f}]")
        label = f"{kind} (n={n})"
        lines.append(f"  {label:<20}" + "".join(f"{c:>{width}}" for c in cells[:3])
                     + "".join(f"{c:>26}" for c in cells[3:]))
    labels = [c.label for c in cv.candidates]
    best = [cv.classes[int(numpy.argmax(row))] for row in cv.proba]
    rules_right = sum(c.rule_type == c.label for c in cv.candidates)
    model_right = sum(b == label for b, label in zip(best, labels, strict=True))
    lines += ["", f"candidate type accuracy: rules {rules_right}/{len(labels)} = {rules_right / len(labels):.3f}, "
                  f"model {model_right}/{len(labels)} = {model_right / len(labels):.3f}"]
    lines += ["", "rules+model at other thresholds (veto = add = t), fact-level F1 minus rules; chosen on these same",
              "folds, so a row that wins here is an optimistic estimate, not a selection",
              f"  {'t':<6}" + "".join(f"{kind:>14}" for kind in (*FACT_TYPES, "micro"))]
    for threshold in SWEEP:
        swept = score(decide(cv.candidates, cv.classes, cv.proba, settings, threshold)["rules+model"], cv.gold)
        lines.append(f"  {threshold:<6.2f}" + "".join(
            f"{swept.fact[kind].f1 - scores['rules'].fact[kind].f1:>+14.3f}" for kind in (*FACT_TYPES, "micro")))
    rows = reliability(cv, settings.evaluation.reliability_bins)
    lines += ["", "reliability of the model's top probability over the folds",
              f"  {'bin':<12}{'n':>6}{'predicted':>11}{'observed':>10}"]
    for r in rows:
        predicted = "-" if r["predicted"] is None else f"{r['predicted']:.3f}"
        observed = "-" if r["observed"] is None else f"{r['observed']:.3f}"
        lines.append(f"  {r['low']:.1f}-{r['high']:.1f}{'':<5}{r['n']:>6}{predicted:>11}{observed:>10}")
    lines.append(f"  expected calibration error {expected_calibration_error(rows):.3f}")
    return "\n".join(lines)
