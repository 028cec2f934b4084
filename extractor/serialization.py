"""msgpack support for the records, registered with srsly: spaCy serializes a
Doc's `user_data` (span extensions, `doc._.facts`) when `nlp.pipe` sends it
between processes (`n_process` > 1) or to bytes."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from typing import Any

import srsly

from extractor.evidence import Cue, FactEvidence, Link, Typing
from extractor.records import NUMBER_FIELDS, Fact, Quantity

MARKER = "__extractor__"
RECORDS = {cls.__name__: cls for cls in (Quantity, Fact, Cue, Typing, Link, FactEvidence)}
DECIMAL_FIELDS = NUMBER_FIELDS


def encode(obj: Any, chain=None) -> Any:
    kind = type(obj).__name__
    if RECORDS.get(kind) is type(obj):
        data = {f.name: getattr(obj, f.name) for f in fields(obj)}
        for name in DECIMAL_FIELDS:
            if data.get(name) is not None:
                data[name] = str(data[name])
        return {MARKER: kind, **data}
    return obj if chain is None else chain(obj)


def decode(obj: Any, chain=None) -> Any:
    if isinstance(obj, dict) and obj.get(MARKER) in RECORDS:
        data = {k: v for k, v in obj.items() if k != MARKER}
        for name in DECIMAL_FIELDS:
            if data.get(name) is not None:
                data[name] = Decimal(data[name])
        return RECORDS[obj[MARKER]](**data)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("extractor_records", func=encode)
srsly.msgpack_decoders.register("extractor_records", func=decode)
