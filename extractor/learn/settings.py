"""`data/learn.json`: seeds, windows, hyper-parameters and which decisions the model makes, with its schema."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from extractor.resources import load_json
from extractor.schemas import _Strict, check

DATA_FILE = "learn.json"
SPLITS = ("seed", "dev", "test", "news", "overlap")


class FeatureSettings(_Strict):
    words_before: int = Field(ge=0)
    words_after: int = Field(ge=0)
    header_words: int = Field(ge=0)


class ModelSettings(_Strict):
    C: float = Field(gt=0)
    max_iter: int = Field(gt=0)
    class_weight: Literal["balanced"] | None = None
    calibration: Literal["sigmoid", "isotonic"] | None = "sigmoid"
    calibration_folds: int = Field(ge=2)


class CombinationSettings(_Strict):
    veto: float = Field(gt=0, le=1)
    add: float = Field(gt=0, le=1)
    subject: float = Field(gt=0, le=1)


class EvaluationSettings(_Strict):
    bootstrap_samples: int = Field(ge=0)
    reliability_bins: int = Field(ge=2)


class Decisions(_Strict):
    type: bool
    subject: bool


class LearnSettings(_Strict):
    seed: int
    training_splits: list[Literal[SPLITS]]
    sentences: bool
    features: FeatureSettings
    model: ModelSettings
    combination: CombinationSettings
    evaluation: EvaluationSettings
    decisions: Decisions


def load_settings(data: dict | None = None) -> LearnSettings:
    """The package's settings (or `data`), validated: a typo is a one-line error naming the file."""
    return check(LearnSettings, data if data is not None else load_json(DATA_FILE), f"data/{DATA_FILE}")
