"""The fact-type registry (`data/fact_types.json`), read into typed objects.

Everything that depends on the set of fact types reads it from here: the
contract's constants in `records.py`, the typer's noun and cue tables, the
linker's strategy order per attribute, the CLI and the scorer. A pipeline
carries its own copy (a component's data), so a new type can be registered
from data alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from extractor.resources import load_json
from extractor.schemas import FactTypeSchema, FactTypesSchema, check

DATA_FILE = "fact_types.json"


@dataclass(frozen=True)
class FactType:
    name: str
    spec: FactTypeSchema

    @property
    def value(self) -> str:
        return self.spec.value

    @property
    def is_money(self) -> bool:
        return self.spec.value == "money"

    @property
    def unit(self) -> str | None:
        return self.spec.unit

    def carries(self, attribute: str) -> bool:
        return attribute in self.spec.attributes

    def metric_values(self) -> tuple[str | None, ...]:
        return tuple(self.spec.metric.values) if self.spec.metric else ()

    def factor(self, noun: str | None) -> Decimal:
        """How many of the type's unit one `noun` is ('GW' -> 1000 for MW)."""
        conversions = {k.lower(): v for k, v in self.spec.conversions.items()}
        return Decimal(str(conversions.get((noun or "").lower(), 1)))


class Registry:
    """The fact types of one pipeline, in data order."""

    def __init__(self, data: dict[str, Any], name: str = DATA_FILE) -> None:
        spec = check(FactTypesSchema, data, name)
        self.data = data
        self.types = {name: FactType(name, t) for name, t in spec.types.items()}

    def __getitem__(self, name: str) -> FactType:
        return self.types[name]

    def __iter__(self):
        return iter(self.types.values())

    def __contains__(self, name: object) -> bool:
        return name in self.types

    def names(self) -> tuple[str, ...]:
        return tuple(self.types)

    def of_value(self, *values: str) -> list[FactType]:
        return [t for t in self if t.value in values]

    def money_role(self, role: str) -> FactType | None:
        return next((t for t in self if t.spec.money_role == role), None)


@cache
def default_registry() -> Registry:
    return Registry(load_json(DATA_FILE))
