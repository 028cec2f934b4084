"""Consolidation settings, read from `data/consolidation.json` and checked
against the schema that file documents, so a bad edit fails with its field
name instead of as a wrong grouping."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from extractor.resources import DATA_DIR

DATA_FILE = DATA_DIR / "consolidation.json"


@dataclass(frozen=True, slots=True)
class Config:
    tolerance: float
    variant_window: float
    name_suffixes: frozenset[str]

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "consolidation settings") -> Config:
        """A checked Config; every problem is a ValueError naming `source` and the field."""
        problems = []
        tolerance, window, suffixes = data.get("tolerance"), data.get("variant_window"), data.get("name_suffixes")
        if not _is_number(tolerance) or not 0 <= tolerance < 1:
            problems.append(f"tolerance must be a number in [0, 1), got {tolerance!r}")
        elif not _is_number(window) or not tolerance <= window < 1:
            problems.append(f"variant_window must be a number in [tolerance, 1), got {window!r}")
        if not isinstance(suffixes, list) or not all(isinstance(s, str) and s.isalnum() and s == s.lower()
                                                     for s in suffixes):
            problems.append("name_suffixes must be a list of lower-case words without punctuation")
        unknown = sorted(k for k in data if not k.startswith("_") and k not in cls.__slots__)
        if unknown:
            problems.append(f"unknown fields {unknown}")
        if problems:
            raise ValueError(f"{source}: " + "; ".join(problems))
        return cls(float(tolerance), float(window), frozenset(suffixes))

    @classmethod
    def load(cls, path: str | Path | None = None) -> Config:
        path = Path(path) if path else DATA_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise ValueError(f"{path}: cannot read consolidation settings: {error}") from error
        if not isinstance(data, dict):
            raise ValueError(f"{path}: consolidation settings must be a JSON object")
        return cls.from_dict(data, str(path))

    def with_tolerance(self, tolerance: float | None) -> Config:
        """The same settings with another tolerance (the window grows to stay above it)."""
        if tolerance is None:
            return self
        return Config.from_dict({"tolerance": tolerance, "variant_window": max(self.variant_window, tolerance),
                                 "name_suffixes": sorted(self.name_suffixes)}, "tolerance")

    def replace(self, **fields: Any) -> Config:
        return replace(self, **fields)


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)
