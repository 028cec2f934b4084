"""The type model: `DictVectorizer` + `LogisticRegression`, calibrated by `CalibratedClassifierCV` (sigmoid,
folds grouped by document), and its safe saved form.

The saved form is JSON: the vectorizer's feature names and, per calibration fold, the logistic regression's
coefficients and intercepts and the sigmoid's (a, b) per class. `TypeModel.from_json` predicts from those
arrays with numpy alone, exactly as scikit-learn does (a test checks both agree), so loading a model never
unpickles anything. Probabilities of types the figure cannot have (a money type for a bare count, a count
type for money) are set to zero and the rest renormalized.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy
from scipy import sparse
from scipy.special import expit, softmax
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline
from threadpoolctl import threadpool_limits

from extractor.fact_types import Registry, default_registry
from extractor.learn.candidates import NONE, Candidate
from extractor.learn.settings import LearnSettings

FORMAT = "extractor.type-model.v1"


def sklearn_pipeline(settings: LearnSettings, groups: Sequence[str], features: list[dict], labels: list[str]):
    """The scikit-learn `Pipeline` for the type decision, fitted. Calibration folds are grouped by document
    so each calibrator sees articles its classifier did not. One BLAS thread: on a shared machine the
    solver's thread pool costs forty times more than it saves on a problem this small."""
    with threadpool_limits(limits=1):
        return _fit(settings, groups, features, labels)


def _fit(settings: LearnSettings, groups: Sequence[str], features: list[dict], labels: list[str]):
    m = settings.model
    classifier = LogisticRegression(C=m.C, max_iter=m.max_iter, class_weight=m.class_weight,
                                    random_state=settings.seed)
    if m.calibration is not None and len(set(groups)) >= m.calibration_folds:
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(features)
        folds = list(GroupKFold(n_splits=m.calibration_folds).split(matrix, labels, groups))
        model = CalibratedClassifierCV(classifier, method=m.calibration, cv=folds)
        pipeline = Pipeline([("features", vectorizer), ("model", model)])
        model.fit(matrix, labels)
        return pipeline
    pipeline = Pipeline([("features", DictVectorizer()), ("model", classifier)])
    pipeline.fit(features, labels)
    return pipeline


class TypeModel:
    """Predicts a candidate's type (or "none") with a calibrated probability, from arrays only."""

    def __init__(self, data: dict[str, Any], registry: Registry | None = None) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a type model of format {FORMAT!r}: {data.get('format')!r}")
        self.data = data
        self.classes: list[str] = list(data["classes"])
        self.vocabulary = {name: i for i, name in enumerate(data["features"])}
        self.folds = [{"classes": numpy.asarray(f["classes"], dtype=int),
                       "coef": numpy.asarray(f["coef"], dtype=float),
                       "intercept": numpy.asarray(f["intercept"], dtype=float),
                       "sigmoid": None if f.get("sigmoid") is None else numpy.asarray(f["sigmoid"], dtype=float)}
                      for f in data["folds"]]
        self.coef = numpy.vstack([f["coef"] for f in self.folds])  # one product for all folds
        self.weights = self._mean_weights()
        registry = registry or default_registry()
        money = {t.name for t in registry if t.is_money}
        self.allowed = {is_money: numpy.asarray([c == NONE or (c in money) == is_money for c in self.classes])
                        for is_money in (True, False)}

    @classmethod
    def fit(cls, candidates: list[Candidate], settings: LearnSettings) -> TypeModel:
        pipeline = sklearn_pipeline(settings, [c.doc_id for c in candidates], [c.features for c in candidates],
                                    [c.label for c in candidates])
        return cls(export(pipeline, settings))

    def matrix(self, features: list[dict[str, Any]]) -> sparse.csr_matrix:
        """The rows as the fitted `DictVectorizer` would make them (unknown features dropped)."""
        get = self.vocabulary.get
        indptr, indices, values = [0], [], []
        for row in features:
            known = [(j, float(v)) for name, v in row.items() if (j := get(name)) is not None]
            indices.extend(j for j, _ in known)
            values.extend(v for _, v in known)
            indptr.append(len(indices))
        return sparse.csr_matrix((values, indices, indptr), shape=(len(features), len(self.vocabulary)))

    def raw_proba(self, features: list[dict[str, Any]]) -> numpy.ndarray:
        """The calibrated probabilities, before the money/count mask (equal to scikit-learn's)."""
        x = self.matrix(features)
        n, k = x.shape[0], len(self.classes)
        total = numpy.zeros((n, k))
        stacked = numpy.asarray(x @ self.coef.T)
        offsets = numpy.cumsum([0, *(f["coef"].shape[0] for f in self.folds)])
        for i, fold in enumerate(self.folds):
            scores = stacked[:, offsets[i]:offsets[i + 1]] + fold["intercept"]
            proba = numpy.zeros((n, k))
            if fold["sigmoid"] is None:
                if scores.shape[1] == 1:
                    p = expit(scores[:, 0])
                    proba[:, fold["classes"]] = numpy.column_stack([1 - p, p])
                else:
                    proba[:, fold["classes"]] = softmax(scores, axis=1)
            elif k == 2:
                proba[:, 1] = expit(-(fold["sigmoid"][0, 0] * scores[:, 0] + fold["sigmoid"][0, 1]))
                proba[:, 0] = 1.0 - proba[:, 1]
            else:
                for column, index in enumerate(fold["classes"]):
                    a, b = fold["sigmoid"][column]
                    proba[:, index] = expit(-(a * scores[:, column] + b))
                denominator = proba.sum(axis=1)[:, None]
                proba = numpy.divide(proba, denominator, out=numpy.full_like(proba, 1 / k), where=denominator != 0)
            proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
            total += proba
        return total / len(self.folds)

    def predict_proba(self, candidates: list[Candidate]) -> numpy.ndarray:
        """Probabilities over `classes`, zero for the types a figure of its kind cannot have."""
        if not candidates:
            return numpy.zeros((0, len(self.classes)))
        proba = self.raw_proba([c.features for c in candidates])
        mask = numpy.vstack([self.allowed[c.is_money] for c in candidates])
        proba = proba * mask
        sums = proba.sum(axis=1, keepdims=True)
        fallback = mask / mask.sum(axis=1, keepdims=True)
        return numpy.divide(proba, sums, out=fallback.astype(float), where=sums > 0)

    def _mean_weights(self) -> numpy.ndarray:
        """Each class's coefficients averaged over the calibration folds (for explaining, not predicting)."""
        weights = numpy.zeros((len(self.classes), len(self.vocabulary)))
        for fold in self.folds:
            if fold["coef"].shape[0] == len(fold["classes"]):
                weights[fold["classes"]] += fold["coef"] / len(self.folds)
        return weights

    def top_features(self, candidate: Candidate, kind: str, n: int = 3) -> list[tuple[str, float]]:
        """The candidate's features that pushed most towards `kind`."""
        row = self.weights[self.classes.index(kind)]
        present = [(name, float(row[j])) for name in candidate.features if (j := self.vocabulary.get(name)) is not None]
        return sorted(present, key=lambda kv: -kv[1])[:n]

    def to_json(self) -> str:
        return json.dumps(self.data, sort_keys=True, separators=(",", ":"))

    def to_disk(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json() + "\n", encoding="utf-8")
        return path

    @classmethod
    def from_disk(cls, path: str | Path) -> TypeModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))


def export(pipeline: Pipeline, settings: LearnSettings) -> dict[str, Any]:
    """The fitted pipeline as plain arrays and names (floats as JSON keeps them: repr round-trips)."""
    vectorizer, model = pipeline.named_steps["features"], pipeline.named_steps["model"]
    classes = [str(c) for c in model.classes_]
    if isinstance(model, CalibratedClassifierCV):
        if model.method != "sigmoid":
            raise ValueError("only sigmoid calibration has a saved form")
        folds = []
        for calibrated in model.calibrated_classifiers_:
            estimator = calibrated.estimator
            folds.append({"classes": [classes.index(str(c)) for c in estimator.classes_],
                          "coef": estimator.coef_.tolist(), "intercept": estimator.intercept_.tolist(),
                          "sigmoid": [[float(c.a_), float(c.b_)] for c in calibrated.calibrators]})
    else:
        folds = [{"classes": list(range(len(classes))), "coef": model.coef_.tolist(),
                  "intercept": model.intercept_.tolist(), "sigmoid": None}]
    return {"format": FORMAT, "classes": classes, "features": list(vectorizer.feature_names_), "folds": folds,
            "settings": settings.model.model_dump(), "seed": settings.seed}
