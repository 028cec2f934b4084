"""The components' initialization data, as registered functions a config can
name: `[initialize.components.fact_typer.cues] @misc = "extractor.fact_cues.v1"`.

So `nlp.initialize()` and `spacy assemble` rebuild the same pipeline from
config plus the package data, and the saved model carries the references.
The span ruler's template rows are expanded here (closed vocabularies such as
months, years and quarters are far cheaper for spaCy's PhraseMatcher than
token patterns with regex predicates).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spacy.util import registry

from extractor.resources import load_json, load_jsonl

PATTERN_FILES = ("patterns/organizations.jsonl", "patterns/products.jsonl", "patterns/time.jsonl")
NORMALIZER_FILES = ("currencies.json", "cldr_currencies.json", "scales.json", "number_words.json", "qualifiers.json")

RULER_PATTERNS = "extractor.ruler_patterns.v1"
FACT_CUES = "extractor.fact_cues.v1"
LINK_CUES = "extractor.link_cues.v1"
NORMALIZER_DATA = "extractor.normalizer_data.v1"


def patterns() -> list[dict]:
    """The span ruler's patterns: token and phrase patterns as written, and
    template rows expanded into phrase patterns."""
    out: list[dict] = []
    for name in PATTERN_FILES:
        for row in load_jsonl(name):
            if "template" in row:
                out.extend({"label": row["label"], "pattern": phrase, "id": row["id"]} for phrase in expand(row))
            else:
                out.append(row)
    return out


def _slot_values(spec: Any, chosen: dict[str, str]) -> list[str]:
    if isinstance(spec, list):
        return spec
    if "range" in spec:
        low, high = spec["range"]
        return [format(n, spec.get("format", "d")) for n in range(low, high + 1)]
    if "offset" in spec:
        base, (low, high) = int(chosen[spec["of"]]), spec["offset"]
        return [str(base + n) for n in range(low, high + 1)]
    raise ValueError(f"unknown slot spec {spec!r}")


def expand(row: dict) -> list[str]:
    """All phrases of a template row: '{part}-{month}' x its slots, in order."""
    choices: list[dict[str, str]] = [{}]
    for name, spec in row["slots"].items():
        choices = [{**chosen, name: value} for chosen in choices for value in _slot_values(spec, chosen)]
    return list(dict.fromkeys(row["template"].format(**chosen) for chosen in choices))


def fact_types(path: str | None = None) -> dict[str, Any]:
    """The fact-type registry: the package's, or the JSON file at `path` (a
    registry of one's own: new types from data alone)."""
    if path is None:
        return load_json("fact_types.json")
    return json.loads(Path(path).read_text(encoding="utf-8"))


def fact_cues(types: str | None = None) -> dict[str, Any]:
    return {**load_json("fact_cues.json"), "pattern_meta": load_json("pattern_meta.json")["patterns"],
            "fact_types": fact_types(types), "currency_magnitudes": load_json("currency_magnitudes.json"),
            "chip_makers": load_json("chip_makers.json")["makers"]}


def link_cues(types: str | None = None) -> dict[str, Any]:
    return {**load_json("link_cues.json"), "chip_makers": load_json("chip_makers.json")["makers"],
            "pattern_meta": load_json("pattern_meta.json")["patterns"], "fact_types": fact_types(types)}


def normalizer_data() -> dict[str, Any]:
    """Everything the normalizer reads, so a saved pipeline carries its own copy."""
    return {name: load_json(name) for name in NORMALIZER_FILES}


@registry.misc(RULER_PATTERNS)
def make_ruler_patterns() -> list[dict]:
    return patterns()


@registry.misc(FACT_CUES)
def make_fact_cues(fact_types: str | None = None) -> dict[str, Any]:
    return fact_cues(fact_types)


@registry.misc(LINK_CUES)
def make_link_cues(fact_types: str | None = None) -> dict[str, Any]:
    return link_cues(fact_types)


@registry.misc(NORMALIZER_DATA)
def make_normalizer_data() -> dict[str, Any]:
    return normalizer_data()


INITIALIZE = {
    "fact_ruler": {"patterns": RULER_PATTERNS},
    "quantity_recognizer": {"data": NORMALIZER_DATA},
    "fact_typer": {"cues": FACT_CUES},
    "attribute_linker": {"cues": LINK_CUES},
}
TAKES_FACT_TYPES = (FACT_CUES, LINK_CUES)
