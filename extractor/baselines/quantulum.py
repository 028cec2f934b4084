"""quantulum3 as a fact extractor: what a user would get today.

quantulum3's bundled classifier pickle does not load with current
scikit-learn, so its classifier is retrained from quantulum3's own training
set once per scikit-learn version and cached (`cache_dir()`); parsing then
uses that file. Mapping to fact types is the simplest honest one: money is a
`budget` unless a per-unit phrase follows it (`unit_price`); a plain number is
a count when one of the next few words names chips, users or tokens.
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from extractor.corpus import Document
from extractor.records import COUNT_UNITS, blank_record
from extractor.resources import load_json

log = logging.getLogger(__name__)
WORD = re.compile(r"[A-Za-z]+")


def cache_dir() -> Path:
    """Where derived artefacts live: $EXTRACTOR_CACHE, else the XDG cache."""
    root = (
        os.environ.get("EXTRACTOR_CACHE")
        or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "extractor"
    )
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=1)
def classifier_path() -> Path:
    """quantulum3's classifier retrained for the installed scikit-learn."""
    path = cache_dir() / f"quantulum3-{version('quantulum3')}-sklearn-{version('scikit-learn')}.joblib"
    if not path.exists():
        from quantulum3 import classifier

        log.info("training quantulum3's classifier once into %s", path)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        classifier.train_classifier(store=True, output_path=str(tmp), n_jobs=1)
        tmp.replace(path)
    return path


def _cues() -> dict[str, Any]:
    return load_json("quantulum3_baseline.json")


def _count_type(after: str) -> str | None:
    cues = _cues()
    words = [w.lower() for w in WORD.findall(after)[: cues["look_ahead_words"] + 1]]
    for kind, nouns in cues["count_nouns"].items():
        if any(w in nouns for w in words):
            return kind
    return None


def _record(doc_id: str, kind: str, unit: str, quantity: Any, text: str) -> dict[str, Any]:
    start, end = quantity.span
    value, low, high = quantity.value, None, None
    if quantity.uncertainty:
        value, low, high = None, quantity.value - quantity.uncertainty, quantity.value + quantity.uncertainty
    return blank_record(doc_id=doc_id, type=kind, value=value, low=low, high=high, unit=unit, start=start,
                        end=end, text=text[start:end], rule=f"quantulum3:{quantity.unit.name}")


def extract_records(document: Document) -> list[dict[str, Any]]:
    """Fact records for one document, from quantulum3's quantities."""
    from quantulum3 import parser

    path = str(classifier_path())
    text = document.text
    records = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantities = parser.parse(text, classifier_path=path)
    for quantity in quantities:
        start, end = quantity.span
        after = text[end : end + 40].lower()
        if quantity.unit.entity.name == "currency" and quantity.unit.currency_code:
            per_unit = any(after.lstrip().startswith(cue) for cue in _cues()["unit_price_cues"])
            kind = "unit_price" if per_unit else "budget"
            records.append(_record(document.doc_id, kind, quantity.unit.currency_code, quantity, text))
        else:
            # quantulum3 often swallows the noun as a unit ("GPUs" -> gauss poise ...),
            # so the cue is looked for in its surface as well as after it.
            kind = _count_type(quantity.surface + " " + after)
            if kind:
                records.append(_record(document.doc_id, kind, COUNT_UNITS[kind], quantity, text))
    return records
